"""The box a learner types a free answer into: it grows with the text, enter hands it in.

Why a widget of its own: Textual delivers every key to the focused widget's own
message queue, and a binding or timer elsewhere runs in another task. A screen that
reads the box's text when *it* sees enter (a priority binding) reads it before the
keys still queued in the box are applied, and an answer typed at full speed is cut.
Here enter is handled by the box itself, in its queue, so `Submitted.value` holds
exactly the keys that came before enter, and nothing typed after it; its editing keys
are applied in order with the characters too (`KeysInOrder`).

Enter hands the answer in; ctrl+j (every terminal), alt+enter and shift+enter (where
the terminal reports them) insert a new line. A paste keeps its line breaks.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from tutor.ui.pending_keys import after_pending_keys
from tutor.ui.unwatch import stop_watching_theme
from tutor.ui.widgets.ordered_keys import KeysInOrder

NEWLINE_KEYS = ("ctrl+j", "alt+enter", "shift+enter")
"""Keys that insert a new line; ctrl+j is the one every terminal sends."""
MAX_LINES = 8
"""The box grows up to this many lines, then scrolls."""


class AnswerArea(KeysInOrder, TextArea):
    """A growing multi-line answer box: enter submits, ctrl+j inserts a new line."""

    DEFAULT_CSS = f"""
    AnswerArea {{
        height: auto;
        max-height: {MAX_LINES + 2};
    }}
    """

    BINDING_GROUP_TITLE = "Answer box"
    HELP_ACTIONS = ("submit", "newline")
    """The keys the help screen lists (the rest are a text area's usual editing keys)."""
    BINDINGS = [
        Binding("enter", "submit", "Submit", show=False),  # as an Input's: enter is expected
        Binding(",".join(NEWLINE_KEYS), "newline", "New line", key_display="ctrl+j"),
    ]

    class Submitted(Message):
        """Enter was pressed: `value` is the text typed before it."""

        def __init__(self, area: AnswerArea, value: str) -> None:
            super().__init__()
            self.area = area
            self.value = value

        @property
        def control(self) -> AnswerArea:
            return self.area

    def __init__(self, text: str = "", *, placeholder: str = "", one_line: bool = False, **kwargs: Any) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         highlight_cursor_line=False, placeholder=placeholder, **kwargs)
        self.one_line = one_line
        """A number or a formula: no new line, and the footer does not offer one."""

    @property
    def value(self) -> str:
        """The text typed so far (what `Input.value` is to an input)."""
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)

    def on_unmount(self) -> None:
        """Drop what TextArea subscribed to on mount, so the box can be freed.

        TextArea watches `app.theme` with a bound method, and Textual prunes the app's
        watchers of closed widgets only when the theme changes; it also subscribes to its
        screen's text-selection signal with a callback that holds the box, which keeps
        it alive as the signal's weak key. Without this, the box of every question ever
        shown (with its document and render caches: tens of thousands of objects after a
        pass through a pack) stayed in memory, and each full garbage collection scanned
        it, a hitch of 100-250 ms landing in whichever answer happened to trigger one.
        Textual has no public way to unwatch.
        """
        self.screen.text_selection_started_signal.unsubscribe(self)
        stop_watching_theme(self)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Blank lines once the box has left the screen: when a question is skipped the
        compositor may still draw its last frame after the card was replaced, and Textual
        has by then dropped the box's component styles, which TextArea's own rendering
        looks up (a KeyError traceback seen in a terminal after a few quick skips)."""
        if not self.is_attached:
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        return super().render_lines(crop)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # here, in order with the keys before it (not a binding)
            event.stop()
            event.prevent_default()
            if not self.read_only and not self.disabled:
                self.post_message(self.Submitted(self, self.text))
            return
        # not enter: this box's bindings (backspace, ctrl+j ...) run next, in order (KeysInOrder)

    def action_submit(self) -> None:
        """Hand the answer in (from the footer: after the keys typed so far)."""
        after_pending_keys(self, lambda: self.post_message(self.Submitted(self, self.text)))

    def action_cursor_up(self, select: bool = False) -> None:
        """Up on the first line scrolls the card instead (as it did over a one-line input)."""
        if self.cursor_at_first_line and not select:
            raise SkipAction()
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        """Down on the last line scrolls the card instead."""
        if self.cursor_at_last_line and not select:
            raise SkipAction()
        super().action_cursor_down(select)

    def action_cursor_page_up(self) -> None:
        """Page keys scroll the question around the box (a long prompt stays readable)."""
        raise SkipAction()

    def action_cursor_page_down(self) -> None:
        raise SkipAction()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A one-line answer has no "New line" key (hidden from the footer, and ctrl+j does nothing)."""
        if action == "newline" and self.one_line:
            return False
        return super().check_action(action, parameters)

    def action_newline(self) -> None:
        """Start a new line in the answer."""
        if not self.read_only and not self.disabled and not self.one_line:
            self.insert("\n")
