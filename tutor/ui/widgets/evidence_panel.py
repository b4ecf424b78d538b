"""The evidence behind a question: one `EvidenceItemView` per evidence item.

Every item starts computing as soon as the panel is mounted (the screens mount it
hidden when the question is shown, so the plot is usually ready by the time the
answer is in). Removing the panel cancels whatever is still running (Textual cancels
a widget's workers when it is unmounted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.ui.widgets.evidence_item import Cached, EvidenceItemView, Runner

if TYPE_CHECKING:
    from tutor.packs.schema import EvidenceItem

RERUN_KEY = "r"
RERUN_BINDING = Binding(RERUN_KEY, "rerun_evidence", "New seed")
"""Screens hosting a panel add this binding and call `EvidencePanel.rerun`."""


class EvidencePanel(Vertical):
    """The simulations and derivations that back a question's answer."""

    DEFAULT_CSS = """
    EvidencePanel {
        height: auto;
        margin: 1 0 0 0;
        padding: 0 1;
        border-top: solid $primary 50%;
        & > .evidence-panel--title { text-style: bold; color: $text-primary; }
    }
    """

    def __init__(self, items: Sequence[EvidenceItem], runner: Runner, *, cached: Cached | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items = tuple(items)
        self.runner = runner
        # kept, not queried: `done` is polled while the answer is shown
        self._views = tuple(EvidenceItemView(item.name, item.params, runner, caption=item.caption, cached=cached)
                            for item in items)

    def compose(self) -> ComposeResult:
        count = len(self.items)
        title = "Evidence" if count else "Evidence: none for this question"
        yield Static(Content(title), classes="evidence-panel--title")
        yield from self._views

    @property
    def views(self) -> list[EvidenceItemView]:
        return list(self._views)

    @property
    def rerunnable(self) -> bool:
        return any(view.rerunnable for view in self.views)

    @property
    def done(self) -> bool:
        return not any(view.running for view in self.views)

    def rerun(self) -> int:
        """Re-run every simulation with a new seed; returns how many started."""
        return sum(view.rerun() for view in self.views)
