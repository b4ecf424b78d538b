"""The verdict on an answer: right, partly right, wrong or undecided, and why.

Shows the grader's feedback (concepts found and missed, the misconception's own
correction) and its notes, and records when the learner overrode the verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.ui.backend import GradeLike


def verdict(grade: GradeLike) -> Content:
    """One line: the verdict with its colour, and the score when it is partial."""
    if grade.undecided:
        return Content.from_markup("[b $text-warning]? Could not decide[/]")
    if grade.correct:
        return Content.from_markup("[b $text-success]✓ Right[/]")
    if grade.score > 0:
        return Content.from_markup("[b $text-warning]◐ Partly right[/] [dim]($score)[/dim]",
                                   score=f"{grade.score:.0%}")
    return Content.from_markup("[b $text-error]✗ Not right[/]")


def notes_line(notes: object) -> Content | None:
    """The grader's notes (what it found) as one dim line, or None without notes."""
    names = [str(note) for note in (notes or ()) if str(note)]  # type: ignore[union-attr]
    if not names:
        return None
    return Content.from_markup("[dim]notes: $notes[/dim]", notes=", ".join(names))


def feedback_content(grade: GradeLike, overridden: bool = False) -> Content:
    parts = [verdict(grade)]
    if overridden:
        parts = [Content.from_markup("[b $text-success]✓ Marked right by you[/] [dim](was: $was)[/dim]",
                                     was=verdict(grade).plain)]
    if grade.feedback.strip():
        parts.append(Content(grade.feedback.strip()))
    notes = notes_line(grade.notes)
    if notes is not None:
        parts.append(notes)
    return Content("\n").join(parts)


class FeedbackView(Static):
    """The grade of the learner's answer; empty until `show_grade`."""

    DEFAULT_CSS = """
    FeedbackView {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        border-left: thick $primary;
        &.-empty { display: none; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.grade: GradeLike | None = None
        self.overridden = False
        self.add_class("-empty")

    def show_grade(self, grade: GradeLike) -> None:
        self.grade = grade
        self.overridden = False
        self.remove_class("-empty")
        self.update(feedback_content(grade))

    def mark_overridden(self) -> None:
        """The learner says they were right; the verdict line says so."""
        if self.grade is None:
            return
        self.overridden = True
        self.update(feedback_content(self.grade, overridden=True))
