"""Text widgets that apply every key in the order it was typed.

Textual applies a printable key in the focused widget's own `_on_key`, the moment the
widget takes it from its queue. A key that works through a binding (backspace,
delete, the arrows, enter) is applied later: the event first bubbles up through the
message queue of every container to the app, which only then runs the binding. Keys
typed faster than that round trip are reordered: "backspace ×3, 0.95" in a field
holding 1.3 becomes "1.3095" then "1.3", and a screen's priority binding for enter
runs before the characters typed just ahead of it are in.

`KeysInOrder` runs the widget's own bindings right in its `_on_key`, in order with
the characters; the keys it does not bind still bubble up as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

if TYPE_CHECKING:
    from textual import events


class KeysInOrder:
    """Mixin (before the widget class): run this widget's bindings as their key arrives."""

    async def _on_key(self, event: events.Key) -> None:
        widget = self  # a Widget: the mixin is only used with one
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):  # type: ignore[attr-defined]
            if not binding.priority and await widget.app.run_action(binding.action, widget):  # type: ignore[attr-defined]
                event.stop()
                event.prevent_default()  # the widget class's own _on_key is not called
                return
        # not bound here: the widget class's _on_key runs next (Textual calls each in the MRO)


class OrderedInput(KeysInOrder, Input):
    """An `Input` whose editing keys and enter are applied in order with the characters."""
