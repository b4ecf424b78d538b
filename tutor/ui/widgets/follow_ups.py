"""What an interviewer would ask next: the follow-up prompts, answers shown on request.

One Static drawing `HangingLines`: each prompt and answer keeps its mark ("1.", "→") in a
column of its own and wraps under its own text (a hanging indent), not back at the left
edge under the mark. One widget, not a row of two per line: the follow-ups are mounted
with every answer revealed, and a widget per mark and text cost the reveal ~5 ms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from tutor.ui.widgets.hanging import HangingLines

if TYPE_CHECKING:
    from tutor.packs.schema import FollowUp

TITLE = "Follow-up questions"
THINK_FIRST = "think first; f shows the answers"
ANSWER_MARK = "   → "


def follow_up_lines(follow_ups: list[FollowUp], *, answers: bool) -> HangingLines:
    """The title, each prompt under its number and, once shown, its answer under its arrow."""
    lines = [(Content.from_markup("[b $text-primary]$title[/]", title=TITLE), 0)]
    for number, follow_up in enumerate(follow_ups, start=1):
        mark = f"{number}. "
        lines.append((Content(mark + " ".join(follow_up.prompt.split())), len(mark)))
        if answers:
            lines.append((Content.styled(ANSWER_MARK + " ".join(follow_up.answer.split()), "dim"), len(ANSWER_MARK)))
    if not answers:
        lines.append((Content.styled(THINK_FIRST, "dim"), 0))
    return HangingLines(lines)


class FollowUps(Static):
    """The follow-ups of a question; `show_answers` reveals their short answers."""

    DEFAULT_CSS = """
    FollowUps {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, follow_ups: list[FollowUp], **kwargs: object) -> None:
        super().__init__(follow_up_lines(follow_ups, answers=False), **kwargs)  # type: ignore[arg-type]
        self.follow_ups = follow_ups
        self.answers_shown = False
        self.display = bool(follow_ups)

    def show_answers(self) -> None:
        self.answers_shown = True
        self.update(follow_up_lines(self.follow_ups, answers=True))

    @property
    def text(self) -> str:
        """What the learner reads, as plain lines (`1. prompt`, `   → answer` once shown)."""
        return str(follow_up_lines(self.follow_ups, answers=self.answers_shown))
