"""What an interviewer would ask next: the follow-up prompts, answers shown on request.

Each prompt and answer is a row of two widgets, its mark ("1.", "→") and its text, so a
long one wraps under its own text (a hanging indent) rather than back at the left edge
under the mark: one Static of `1. …` lines could not indent its continuation lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.packs.schema import FollowUp

TITLE = "Follow-up questions"
THINK_FIRST = "think first; f shows the answers"


class MarkedLine(HorizontalGroup):
    """A mark and a text beside it; the text wraps under itself (a hanging indent)."""

    DEFAULT_CSS = """
    MarkedLine {
        & > .marked--mark { width: auto; padding: 0 1 0 0; }
        & > .marked--text { width: 1fr; }
    }
    """

    def __init__(self, mark: str, text: str, *, dim: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.mark, self.text, self.dim = mark, text, dim

    def compose(self) -> ComposeResult:
        style = "dim" if self.dim else ""
        yield Static(Content.styled(self.mark, style), classes="marked--mark")
        yield Static(Content.styled(self.text, style), classes="marked--text")


class FollowUps(VerticalGroup):
    """The follow-ups of a question; `show_answers` reveals their short answers."""

    DEFAULT_CSS = """
    FollowUps {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        & > .follow-ups--answer { padding: 0 0 0 3; display: none; }
        &.-answers > .follow-ups--answer { display: block; }
        &.-answers > .follow-ups--hint { display: none; }
    }
    """

    def __init__(self, follow_ups: list[FollowUp], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.follow_ups = follow_ups
        self.answers_shown = False
        self.display = bool(follow_ups)

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b $text-primary]$title[/]", title=TITLE))
        for number, follow_up in enumerate(self.follow_ups, start=1):
            yield MarkedLine(f"{number}.", " ".join(follow_up.prompt.split()), classes="follow-ups--prompt")
            yield MarkedLine("→", " ".join(follow_up.answer.split()), dim=True, classes="follow-ups--answer")
        yield Static(Content.styled(THINK_FIRST, "dim"), classes="follow-ups--hint")

    def show_answers(self) -> None:
        self.answers_shown = True
        self.add_class("-answers")

    @property
    def text(self) -> str:
        """What the learner reads, as plain lines (`1. prompt`, `   → answer` once shown)."""
        lines = [TITLE]
        for number, follow_up in enumerate(self.follow_ups, start=1):
            lines.append(f"{number}. {' '.join(follow_up.prompt.split())}")
            if self.answers_shown:
                lines.append(f"   → {' '.join(follow_up.answer.split())}")
        if not self.answers_shown:
            lines.append(THINK_FIRST)
        return "\n".join(lines)
