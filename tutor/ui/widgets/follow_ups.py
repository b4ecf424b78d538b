"""What an interviewer would ask next: the follow-up prompts, answers shown on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.packs.schema import FollowUp


def follow_ups_content(follow_ups: list[FollowUp], *, answers: bool) -> Content:
    lines = [Content.from_markup("[b $text-primary]Follow-up questions[/]")]
    for number, follow_up in enumerate(follow_ups, start=1):
        lines.append(Content.from_markup("$number. $prompt", number=number, prompt=follow_up.prompt.strip()))
        if answers:
            lines.append(Content.from_markup("   [dim]→ $answer[/dim]", answer=follow_up.answer.strip()))
    if not answers:
        lines.append(Content.from_markup("[dim]think first; f shows the answers[/dim]"))
    return Content("\n").join(lines)


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
        super().__init__(follow_ups_content(follow_ups, answers=False), **kwargs)  # type: ignore[arg-type]
        self.follow_ups = follow_ups
        self.answers_shown = False
        self.display = bool(follow_ups)

    def show_answers(self) -> None:
        self.answers_shown = True
        self.update(follow_ups_content(self.follow_ups, answers=True))
