"""The steps of a derivation, numbered, at their full height.

Each step shows what is claimed, the expression as SymPy's Unicode pretty-print
(several lines, never wrapped: wide ones scroll sideways), and why it holds.

The view is as tall as its text and never scrolls up or down by itself: a box with
a scrollbar of its own hid the later steps from PageDown and End, which scroll the
page around it. Only sideways scrolling is its own (left, right, ctrl+pageup/down,
once it is focused); every other scroll key goes on to the page.

All steps are one piece of text: a widget per line made revealing an answer slow (the
layout measured every one), so the prose is wrapped here to the view's width instead,
and rewrapped when that width changes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.evidence.result import Step

INDENT = "   "
DEFAULT_WIDTH = 76
SCREEN_MARGINS = 8  # the card's padding and scrollbar, the panel's padding


def steps_content(steps: Sequence[Step], width: int) -> Content:
    """Numbered statements (bold), expressions (indented, unwrapped), justifications (dim)."""
    width = max(20, width)
    parts: list[Content] = []
    for number, step in enumerate(steps, start=1):
        if parts:
            parts.append(Content(""))
        statement = textwrap.fill(f"{number}. {step.statement.strip()}", width, subsequent_indent=INDENT)
        parts.append(Content.styled(statement, "bold"))
        expression = step.unicode.strip("\n")
        if expression:
            parts.append(Content("\n".join(INDENT + line for line in expression.splitlines())))
        if step.justification.strip():
            why = textwrap.fill("↳ " + step.justification.strip(), width, initial_indent=INDENT,
                                subsequent_indent=INDENT + "  ")
            parts.append(Content.styled(why, "dim"))
    return Content("\n").join(parts)


class DerivationSteps(ScrollableContainer, inherit_bindings=False):
    """A derivation's steps at full height; scrolls sideways when a formula is wider than its place."""

    DEFAULT_CSS = """
    DerivationSteps {
        height: auto;
        overflow-y: hidden;
        & > .derivation--text { width: auto; text-wrap: nowrap; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
        Binding("ctrl+pageup", "page_left", "Page left", show=False),
        Binding("ctrl+pagedown", "page_right", "Page right", show=False),
    ]
    """Sideways only: up, down, PageUp/PageDown, Home and End scroll the page."""

    def __init__(self, steps: Sequence[Step], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = tuple(steps)
        self._wrapped_at = DEFAULT_WIDTH
        self._wide = False

    def allow_focus(self) -> bool:
        """A stop for Tab only when there is something to scroll sideways."""
        return self._wide

    def compose(self) -> ComposeResult:
        # a guess from the terminal's width, right for the screens' layout, so that the
        # first resize (when the panel is shown) does not rewrap and lay out again
        self._wrapped_at = max(20, self.app.size.width - SCREEN_MARGINS)
        yield Static(self._content(self._wrapped_at), classes="derivation--text")

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._wrapped_at:
            self._wrapped_at = width
            self.query_one(".derivation--text", Static).update(self._content(width))

    def _content(self, width: int) -> Content:
        """The text wrapped at `width`; the sideways scrollbar is decided here, from the
        text, because Textual showing or hiding one by itself costs another layout pass."""
        content = steps_content(self.steps, width)
        self._wide = max(map(cell_len, content.plain.splitlines()), default=0) > width
        self.styles.overflow_x = "scroll" if self._wide else "hidden"
        return content

    @property
    def text(self) -> str:
        return self.query_one(".derivation--text", Static).render().plain  # type: ignore[union-attr]
