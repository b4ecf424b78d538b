"""The two clocks of a mock interview: time left for the whole interview and for this question.

The widget only draws what it is told (`show`): the interview screen reads the times
from the injected clock through the backend, so a test that moves a fake clock sees
exactly the same countdown as a learner.
"""

from __future__ import annotations

import math
from typing import Any

from textual.content import Content
from textual.widgets import Static

BAR_WIDTH = 14
WARN_SHARE = 0.25
"""Below this share of a clock's time its bar turns to the warning colour ..."""
URGENT_SECONDS = 10
"""... and in the last seconds to the error colour."""


def duration_text(seconds: float) -> str:
    """`m:ss`; a countdown rounds up, so it reads 0:00 only when the time is really up."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def clock_content(label: str, left: float, limit: float) -> Content:
    """`label m:ss left` and a bar of the time left, coloured by how little is left."""
    share = 0.0 if limit <= 0 else min(1.0, max(0.0, left / limit))
    filled = round(share * BAR_WIDTH)
    colour = "$text-error" if left <= URGENT_SECONDS else ("$text-warning" if share <= WARN_SHARE else
                                                           "$text-success")
    return Content.from_markup(
        f"$label [b]$time[/b] left [{colour}]$filled[/][dim]$empty[/dim]",
        label=label, time=duration_text(left), filled="━" * filled, empty="─" * (BAR_WIDTH - filled),
    )


class Countdown(Static):
    """Time left in the interview and in the current question, with bars."""

    DEFAULT_CSS = """
    Countdown {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.total_left = self.question_left = 0.0

    def show(self, *, total_left: float, total: float, question_left: float, question_limit: float) -> None:
        self.total_left, self.question_left = total_left, question_left
        self.update(Content("   ").join([
            clock_content("Interview", total_left, total),
            clock_content("This question", question_left, question_limit),
        ]))
