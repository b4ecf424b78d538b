"""The bar at the top of a screen: one line at any width.

It names the mode (bold), what the mode works on (a pack, a simulation) and a status
(dim). At 80 and 100 columns a long pack title wrapped the bar onto a second line,
which pushed the page down and hid the status's end. Now, when the three do not fit,
the subject is shortened first, with an ellipsis (the status is what changes and what
the learner looks at), then the status; the text is fitted again on every resize.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

SEPARATOR = " · "
GAP = "  "
ELLIPSIS = "…"
MIN_SUBJECT = 12
"""Cells a subject keeps before the status starts giving way."""


def shorten(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, an ellipsis marking the cut."""
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    cut = text
    while cut and cell_len(cut) > width - 1:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def title_content(mode: str, subject: str, status: str, width: int) -> Content:
    """The bar's line for `width` cells: the subject shortened first, then the status."""
    fixed = cell_len(mode) + (cell_len(SEPARATOR) if subject else 0) + (cell_len(GAP + status) if status else 0)
    subject = shorten(subject, max(width - fixed, MIN_SUBJECT))
    used = cell_len(mode) + (cell_len(SEPARATOR + subject) if subject else 0)
    status = shorten(status, width - used - cell_len(GAP)) if status else ""
    return Content.from_markup(
        "[b]$mode[/b]$separator$subject$gap[dim]$status[/dim]",
        mode=mode, separator=SEPARATOR if subject else "", subject=subject,
        gap=GAP if status else "", status=status,
    )


class TitleBar(Static):
    """A screen's title bar: mode · subject, then a status; never more than one line."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, mode: str = "", subject: str = "", status: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._parts = (mode, subject, status)

    @property
    def parts(self) -> tuple[str, str, str]:
        """The mode, the subject and the status, whole."""
        return self._parts

    def show(self, *, mode: str | None = None, subject: str | None = None, status: str | None = None) -> None:
        """Change some parts; redraws (no layout: the bar is one line high) only if one changed."""
        old_mode, old_subject, old_status = self._parts
        parts = (old_mode if mode is None else mode, old_subject if subject is None else subject,
                 old_status if status is None else status)
        if parts != self._parts:
            self._parts = parts
            self.refresh()

    def render(self) -> Content:
        return title_content(*self._parts, self.content_region.width or self.app.size.width)
