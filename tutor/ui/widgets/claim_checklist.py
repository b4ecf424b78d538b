"""The rubric of a free-text answer as a checklist the learner can correct.

The concepts grader reads an answer into one point per concept and misconception
(`Grade.claims`). Showing them says *why* the verdict is what it is (found points ticked,
with the sentence that showed them; contradicted ones crossed; doubtful ones marked), and
lets the learner settle a doubt or fix a misreading with one key: up/down picks a point,
space toggles it. Each toggle regrades the checklist with the grader's own rule
(`tutor.grading.corrections.regrade`) and posts `Corrected`, so the screen can show the new
verdict and store the correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from tutor.grading.corrections import regrade, toggle_claim
from tutor.ui.widgets.hanging import HangingLines

if TYPE_CHECKING:
    from tutor.grading.result import ClaimCheck, Grade

SENTENCE_WIDTH = 70
"""A quoted sentence longer than this is cut with an ellipsis."""

MARKS = {
    ("concept", "found"): ("✓", "$text-success", "found"),
    ("concept", "missed"): ("○", "$text-muted", "not found"),
    ("concept", "contradicted"): ("✗", "$text-error", "you stated the opposite"),
    ("concept", "unsure"): ("?", "$text-warning", "unsure"),
    # a misconception's line says whose claim it is: "✓ misconception: X: rejected" read as if
    # the learner held X
    ("misconception", "found"): ("⚠", "$text-error", "you asserted it"),
    ("misconception", "missed"): ("○", "$text-muted", "not claimed"),
    # "contradicted" is read from the opposite claim or direction, not only from an explicit denial:
    # "rejected" said more than the grader knows of a point the learner may never have had in mind
    ("misconception", "contradicted"): ("✓", "$text-success", "your answer says otherwise"),
    ("misconception", "unsure"): ("?", "$text-warning", "unsure"),
}


def point_line(number: int, claim: ClaimCheck, *, selected: bool, corrected: bool, width: int = 1) -> Content:
    """`▸ 2 ✓ forget gate: found, "…the forget gate scales it"` (with `corrected` when the
    learner changed it, and `misconception:` before a misconception's label); the number
    right-aligned to `width` digits, so the marks of a list of ten or more stay in one column."""
    mark, colour, status = MARKS[(claim.role, claim.status)]
    label = claim.shown
    line = Content.from_markup(
        f"$cursor $number [{colour}]$mark[/] $kind[b]$label[/b]: [{colour}]$status[/]",
        cursor="▸" if selected else " ", number=str(number).rjust(width), mark=mark, label=label, status=status,
        kind="misconception: " if claim.role == "misconception" else "",
    )
    if claim.sentence and claim.status in ("found", "contradicted", "unsure"):
        quoted = quote_around(claim.sentence, claim.evidence or label)
        line += Content.from_markup(' [dim]"$sentence"[/dim]', sentence=quoted)
    if corrected:
        line += Content.from_markup(" [b $text-accent](corrected)[/]")
    return line


def point_indent(number: int, claim: ClaimCheck, width: int = 1) -> int:
    """The cells of `point_line` before the point's words (`▸ 12 ✓ `): where its wrapped lines start."""
    return len(f"▸ {str(number).rjust(width)} {MARKS[(claim.role, claim.status)][0]} ")


class ClaimChecklist(Static, can_focus=True):
    """The key points of a free-text answer; up/down picks one, space toggles it."""

    DEFAULT_CSS = """
    ClaimChecklist {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        border-left: thick $secondary;
        &:focus { border-left: thick $accent; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Point ↑", show=False),
        Binding("down", "move(1)", "Point ↓", show=False),
        Binding("space", "toggle", "Toggle point", show=False),  # the list says so itself; the footer is full
        # esc leaves the list before it leaves the screen: in practice it went home and the
        # session's tally was lost to a key pressed to stop correcting
        Binding("escape", "leave", "Done"),
    ]

    selected: reactive[int] = reactive(0)

    class Corrected(Message):
        """The learner toggled a point: `grade` is the checklist regraded."""

        def __init__(self, checklist: ClaimChecklist, grade: Grade) -> None:
            super().__init__()
            self.checklist = checklist
            self.grade = grade

        @property
        def control(self) -> ClaimChecklist:
            return self.checklist

    def __init__(self, claims: Sequence[ClaimCheck], pass_count: int, *, undecided: bool = False,
                 current: Sequence[ClaimCheck] = (), **kwargs: object) -> None:
        """`claims` as the grader read them; `current`, when given, as the learner last
        corrected them (a debrief reopened shows their word, marked)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.original = tuple(claims)
        self.claims = tuple(current) if len(current) == len(claims) else tuple(claims)
        self.pass_count = pass_count
        self.undecided = undecided
        self.corrected_grade: Grade | None = regrade(self.claims, pass_count) if self.claims != self.original else None

    class Left(Message):
        """The learner is done with the key points (esc): the screen decides where focus goes."""

        def __init__(self, checklist: ClaimChecklist) -> None:
            super().__init__()
            self.checklist = checklist

        @property
        def control(self) -> ClaimChecklist:
            return self.checklist

    def on_mount(self) -> None:
        self._render_points()

    def action_leave(self) -> None:
        """Give focus up (the screen's own keys work again) and say so to the screen."""
        self.screen.set_focus(None)
        self.post_message(self.Left(self))

    def watch_selected(self) -> None:
        if self.is_mounted:
            self._render_points()

    def action_move(self, step: int) -> None:
        """Pick the point above or below."""
        if self.claims:
            self.selected = (self.selected + step) % len(self.claims)
            self.show_in_view()

    def show_in_view(self) -> None:
        """Scroll the list onto the screen: at 80x24 it sits under the feedback, and a point
        picked off screen was toggled unseen."""
        self.call_after_refresh(self.scroll_visible, animate=False)

    # replaces Textual's DOMNode.action_toggle(attribute_name) on purpose: the `space` binding's action
    def action_toggle(self) -> None:  # type: ignore[override]
        """Toggle the picked point (found ↔ not found), regrade and say so."""
        if not self.claims:
            return
        self.claims = toggle_claim(self.claims, self.selected)
        grade = regrade(self.claims, self.pass_count)
        changed = self.claims != self.original
        self.corrected_grade = grade if changed else None
        self._render_points()
        self.post_message(self.Corrected(self, grade))

    def on_focus(self) -> None:
        self._render_points(focused=True)

    def on_blur(self) -> None:
        self._render_points(focused=False)

    def _render_points(self, focused: bool | None = None) -> None:
        # the keys it names work once the list has focus: until then it says how to get there
        # (in study the rating buttons have it, and ↑↓ scrolled the card instead)
        focused = self.has_focus if focused is None else focused
        keys = "↑↓ pick, space toggles" if focused else "c, then ↑↓ pick, space toggles"
        if self.undecided and self.corrected_grade is None:
            head = f"[b $text-warning]Could not decide: settle the points ({keys}).[/]"
        else:
            head = f"[b]Key points[/b] [dim]({keys} a point you think was misread)[/dim]"
        lines = [(Content.from_markup(head), 0)]
        width = len(str(len(self.claims)))  # numbers right-aligned: '▸  1 ✓' over ' 10 ○'
        for index, (claim, original) in enumerate(zip(self.claims, self.original)):
            lines.append((point_line(index + 1, claim, selected=index == self.selected,
                                     corrected=claim.status != original.status, width=width),
                          point_indent(index + 1, claim, width)))
        self.update(HangingLines(lines))  # a long point wraps under its label, not under "▸ 1 ✓"


def quote_around(sentence: str, label: str, width: int = SENTENCE_WIDTH) -> str:
    """`sentence` cut to `width` around the words it shares with the point's `label`: a long
    sentence cut from its start quoted the words before the ones that decided the point
    ("…clipping rescales the whole vector by one factor" showed as "No, and to be precise…")."""
    words = " ".join(sentence.split()).split(" ")
    if len(" ".join(words)) <= width:
        return " ".join(words)
    wanted = {_root(word) for word in label.split() if len(_root(word)) >= 3}
    best, best_score = (0, 0), -1
    for start in range(len(words)):
        end, size = start, -1
        while end < len(words) and size + 1 + len(words[end]) <= width - 2:  # room for the ellipses
            size += 1 + len(words[end])
            end += 1
        score = sum(_root(word) in wanted for word in words[start:end])
        if score > best_score:
            best, best_score = (start, end), score
        if end == len(words):
            break
    start, end = best
    if end == start:  # one word longer than the width
        return words[start][: width - 1] + "…"
    return ("…" if start else "") + " ".join(words[start:end]) + ("…" if end < len(words) else "")


def _root(word: str) -> str:
    """A word's first letters, lower case, without punctuation: enough to see "gradients" in
    "gradient" (a quote is chosen, not graded)."""
    return "".join(char for char in word.lower() if char.isalnum())[:5]
