"""Let a widget or screen that watched the app's theme be freed once it is gone.

`self.watch(self.app, "theme", ...)` (ours, and Textual's own TextArea) keeps a bound method
of the watcher in the app's list of theme watchers, and Textual prunes that list of closed
nodes only when the theme changes. So until then every watcher ever mounted stays in memory,
with everything it holds, and each full garbage collection scans it (the answer box of every
question left behind was a 100-250 ms hitch in reveals). Textual has no public way to
unwatch: this edits its private list (textual 8.2.8, pinned), from the node's `on_unmount`.
"""

from __future__ import annotations

from textual.dom import DOMNode


def stop_watching_theme(node: DOMNode) -> None:
    """Remove `node`'s watches of the app's theme (call from its `on_unmount`)."""
    watchers = getattr(node.app, "__watchers", {}).get("theme")
    if watchers:
        watchers[:] = [(watcher, callback) for watcher, callback in watchers if watcher is not node]
