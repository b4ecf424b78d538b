"""The evidence behind one question, on a screen of its own (opened from the debrief)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tutor.ui.navigation import backend_of
from tutor.ui.widgets.evidence_panel import RERUN_BINDING, EvidencePanel
from tutor.ui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from tutor.packs.schema import Question


class EvidenceScreen(Screen[None]):
    """A question's simulations and derivations; escape goes back."""

    BINDING_GROUP_TITLE = "Evidence"
    BINDINGS = [RERUN_BINDING, Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, question: Question, *, title: str | None = None) -> None:
        """`question` as the learner was asked it (a variant drawn); `title` names it in the
        title bar (its id by default; a variant's prompt start, since its id may quote numbers
        the draw changed)."""
        super().__init__()
        self.question = question
        self.heading = question.id if title is None else title

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]Evidence[/b] · $id", id=self.heading), id="title",
                     classes="title-bar")
        with VerticalScroll(id="card"):
            yield Static(Content(" ".join(self.question.prompt.split())), id="evidence-prompt")
            backend = backend_of(self)
            yield EvidencePanel(self.question.evidence, backend.run_evidence, cached=backend.cached_evidence)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#card", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rerun_evidence":
            return self.query_one(EvidencePanel).rerunnable
        return True

    def action_rerun_evidence(self) -> None:
        """Run the simulations again with a new seed."""
        self.query_one(EvidencePanel).rerun()
