"""Reading a value only after the keys already typed have reached it.

Textual hands each key to the focused widget's own message queue; a timer, a worker's
reply or a priority binding runs in another task and may look at the widget while
keys for it are still queued. Whatever reads typed text outside the widget that
receives the keys goes through `after_pending_keys`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widget import Widget


def after_pending_keys(widget: Widget, callback: Callable[..., Any], *args: Any) -> None:
    """Call `callback(*args)` once every key the app has received so far has been applied.

    Keys wait first in the app's queue, then in the focused widget's: a timer or binding
    that reads a value straight away misses the last keys typed. This goes through both
    queues, in order, before calling back (in the task of the focused widget, or of
    `widget` when nothing has focus).
    """
    app = widget.app

    def through_focused() -> None:
        (app.focused or widget).call_later(callback, *args)

    # Keys the driver thread has already handed over reach the app's queue two turns of
    # the event loop later (a scheduled callback makes a task, whose first step posts
    # the key): wait those two turns, then go through the app's and the widget's queues.
    loop = asyncio.get_running_loop()
    loop.call_soon(loop.call_soon, app.call_later, through_focused)
