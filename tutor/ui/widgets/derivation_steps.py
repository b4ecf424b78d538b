"""The steps of a derivation, numbered, in a scrollable view.

Each step shows what is claimed, the expression as SymPy's Unicode pretty-print
(several lines, never wrapped: wide ones scroll sideways), and why it holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.evidence.result import Step


class DerivationSteps(ScrollableContainer):
    """A derivation's steps; scrolls when it is taller or wider than its place."""

    DEFAULT_CSS = """
    DerivationSteps {
        height: auto;
        max-height: 18;
        overflow-x: auto;
        overflow-y: auto;
        & > .step--statement { text-style: bold; width: 100%; margin: 1 0 0 0; }
        & > .step--statement.-first { margin: 0; }
        & > .step--expression { width: auto; text-wrap: nowrap; margin: 0 0 0 3; }
        & > .step--justification { color: $text-muted; width: 100%; margin: 0 0 0 3; }
    }
    """

    def __init__(self, steps: Sequence[Step], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = tuple(steps)

    def compose(self) -> ComposeResult:
        for number, step in enumerate(self.steps, start=1):
            classes = "step--statement" + (" -first" if number == 1 else "")
            yield Static(Content.from_markup("$n. $text", n=number, text=step.statement.strip()), classes=classes)
            if step.unicode.strip("\n"):
                yield Static(Content(step.unicode.strip("\n")), classes="step--expression")
            if step.justification.strip():
                yield Static(Content("↳ " + step.justification.strip()), classes="step--justification")
