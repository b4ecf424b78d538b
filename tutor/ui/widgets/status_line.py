"""A line under an answer box that can ask to be seen.

A format error is written under the box; under a long question at 80x24 that is below the
fold, and enter seemed to do nothing. Scrolling to it right after `update` scrolls to its old
height (the new one is laid out a refresh or two later), so it scrolls again when it is
resized, for as long as what it shows asked to be in view.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    """What a screen says about the answer handed in; `show(..., into_view=True)` scrolls it on screen."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.into_view = False
        """What is shown asked to be in view: a new height scrolls it there again."""

    def show(self, content: Content | str, *, into_view: bool = False) -> None:
        self.into_view = into_view
        self.update(content)
        if into_view:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.into_view:
            self.scroll_visible(animate=False)
