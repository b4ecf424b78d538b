"""The verdict on an answer: right, partly right, wrong or undecided, and why.

Shows the grader's feedback (concepts found and missed, the misconception's own
correction) and its notes, and records when the learner overrode the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from tutor.ui.widgets.hanging import HangingLines
from tutor.words import false_claim_credit, in_words, partial_rule

if TYPE_CHECKING:
    from tutor.grading.result import Grade


def verdict(grade: Grade, *, why: bool = True) -> Content:
    """One line: the verdict with its colour, and the score when it is partial (with how a
    key-point answer's partial score is counted, unless `why` is False)."""
    if grade.undecided:
        return Content.from_markup("[b $text-warning]? Could not decide[/]")
    if grade.correct:
        return Content.from_markup("[b $text-success]✓ Right[/]")
    if grade.score > 0 and grade.states_a_falsehood:  # a false claim: wrong, whatever else it got right
        from tutor.grading.concepts import MISCONCEPTION_CAP

        # "25% for the key points made" beside a full answer with a false rider read as a mistake
        return Content.from_markup("[b $text-error]✗ Not right[/] [dim]($score $why)[/dim]",
                                   score=f"{grade.score:.0%}", why=false_claim_credit(f"{MISCONCEPTION_CAP:.0%}"))
    if grade.score > 0:
        # a key-point answer's 25% for 1 of 2 points was a puzzle: say the rule beside it
        rule = f": {partial_rule(grade.feedback)}" if grade.claims and why else ""
        return Content.from_markup("[b $text-warning]◐ Partly right[/] [dim]($score$rule)[/dim]",
                                   score=f"{grade.score:.0%}", rule=rule)
    return Content.from_markup("[b $text-error]✗ Not right[/]")


def concepts_line(notes: Sequence[str]) -> Content | None:
    """The concepts found (✓), missed (✗) and denied (¬), and any misconception (⚠), as one
    line of chips from the grader's notes (`hit:NAME`, `missed:NAME` ...); None without any.

    Other notes (`sympy:equivalent`, `format:...`) are for pack tests and statistics, not
    for the learner, whose feedback text already says what they mean.
    """
    marks = {"hit": ("✓", "$text-success"), "missed": ("✗", "$text-error"),
             "negated": ("¬", "$text-warning"), "misconception": ("⚠", "$text-warning")}
    chips: list[Content] = []
    denied = {str(note).partition(":")[2] for note in notes if str(note).startswith("negated:")}
    for note in notes:
        kind, _, name = str(note).partition(":")
        if kind == "missed" and name in denied:
            continue  # a denied point is also missed: one chip (¬) says it
        if kind in marks and name and not (kind == "missed" and len(name) == 1):  # missed:KEY is choice
            mark, colour = marks[kind]
            chips.append(Content.from_markup(f"[{colour}]$mark $name[/]", mark=mark, name=in_words(name)))
    return Content("  ").join(chips) if chips else None


_VERDICT_ECHOES = ("Correct", "Partly correct", "Not correct")


def _without_verdict_echo(feedback: str) -> str:
    """The grader's feedback without a first line that repeats the verdict shown above it
    ("✗ Not right" over "Not correct." read as two verdicts); a reason after the echo stays
    ("Not correct: this is the transpose ..." -> "This is the transpose ...")."""
    first, _, rest = feedback.strip().partition("\n")
    for echo in _VERDICT_ECHOES:
        if first == f"{echo}.":
            return rest.strip()
        if first.startswith(f"{echo}: "):
            reason = first.removeprefix(f"{echo}: ")
            return "\n".join(part for part in (reason[:1].upper() + reason[1:], rest.strip()) if part)
    return feedback.strip()


def feedback_content(grade: Grade, overridden: bool = False, was: Grade | None = None) -> Content:
    """The verdict, the feedback and the concept chips; `was` is the automatic grade when
    `grade` is the learner's correction of it (the verdict line then says so)."""
    parts = [verdict(grade)]
    if was is not None and verdict(was).plain == verdict(grade).plain:
        parts = [verdict(grade) + Content.from_markup(" [dim](a key point corrected by you; same verdict)[/dim]")]
    elif was is not None:
        parts = [verdict(grade) + Content.from_markup(" [b $text-accent]corrected by you[/] [dim](was: $was)[/dim]",
                                                      was=verdict(was, why=False).plain)]
    if overridden:
        parts = [Content.from_markup("[b $text-success]✓ Marked right by you[/] [dim](was: $was)[/dim]",
                                     was=verdict(grade, why=False).plain)]
    if overridden and grade.feedback.strip():  # the grader's lines stay, as its reading, not as the verdict
        parts.append(Content.from_markup("[dim]The grader's reading, for reference:[/dim]"))
    said = grade.feedback.strip() if overridden else _without_verdict_echo(grade.feedback)
    if said:
        parts.append(Content(said))
    chips = concepts_line(tuple(grade.notes or ()))
    if chips is not None and not grade.claims:  # claims: the checklist below lists the same points
        parts.append(chips)
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
        self.grade: Grade | None = None
        self.automatic: Grade | None = None
        """The grader's own verdict, kept when the learner corrects the checklist."""
        self.overridden = False
        self.add_class("-empty")

    def _show(self, content: Content) -> None:
        """Each line wraps under the text after its mark or label (`Missing: …`), not at the edge."""
        self.update(HangingLines.labelled(content))

    def show_grade(self, grade: Grade) -> None:
        self.grade = self.automatic = grade
        self.overridden = False
        self.remove_class("-empty")
        self._show(feedback_content(grade))

    def show_self_rating(self, correct: bool | None) -> None:
        """A self-rated card: ask for the learner's verdict (None), then show it."""
        self.remove_class("-empty")
        if correct is None:
            self.update(Content.from_markup(
                "[b]Compare with the model answer:[/b] [b $text-success]o[/] if you were right, "
                "[b $text-error]w[/] if you were wrong."))
        elif correct:
            self.update(Content.from_markup("[b $text-success]✓ Right, by your own rating[/]"))
        else:
            self.update(Content.from_markup("[b $text-error]✗ Not right, by your own rating[/]"))

    def show_corrected(self, grade: Grade | None) -> None:
        """The learner corrected the checklist: show `grade` as theirs (None: back to the
        grader's own verdict, every point as it read them)."""
        if self.automatic is None:
            return
        self.grade = grade or self.automatic
        was = None if grade is None else self.automatic
        self._show(feedback_content(self.grade, overridden=self.overridden, was=was))

    def mark_overridden(self) -> None:
        """The learner says they were right; the verdict line says so."""
        if self.grade is None:
            return
        self.overridden = True
        self._show(feedback_content(self.grade, overridden=True))

    def unmark_overridden(self) -> None:
        """The learner took "I was right" back: the verdict shown before it returns."""
        if self.grade is None:
            return
        self.overridden = False
        was = None if self.grade is self.automatic else self.automatic
        self._show(feedback_content(self.grade, was=was))
