"""A Footer that redraws only when the keys it shows change.

Textual's Footer recomposes on every binding change, and each recompose lays out the
whole screen. Revealing an answer changes the bindings several times in one go (the
answer box closes, focus moves, the rating keys come alive) while what the footer shows
changes once: this one waits for the changes to settle, compares what it would show,
and recomposes only on a difference. When its keys would not fit the width it switches
to Textual's compact style rather than clip the last ones.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen


SETTLE_SECONDS = 0.05
"""Binding changes closer together than this are drawn once (too short to notice)."""

OPTIONAL_ACTIONS = frozenset({"rerun_evidence", "open_lab"})
"""Keys left out of a footer that does not fit even compact (they keep working, and help lists
them): at 80 columns a wrong answer's keys ("I was right", "Follow-ups") were clipped."""


class QuietFooter(Footer):
    """Footer that recomposes only when its keys (or their enabled state) change."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._recompose_pending = False
        self._shown: Hashable = None
        self.crowded = False
        """Even compact, the keys would not fit: the optional ones are left out."""

    @property
    def settled(self) -> bool:
        """No redraw is waiting for binding changes to settle (tests wait for this)."""
        return not self._recompose_pending

    def shown_keys(self) -> Hashable:
        """What the footer displays: each shown binding's key, label and enabled state."""
        return tuple((key, binding.action, binding.description, enabled)
                     for key, binding, enabled in self._shown_bindings())

    def _shown_bindings(self, *, with_optional: bool = False) -> list[tuple[str, Binding, bool]]:
        """The keys the footer shows; `with_optional` counts the optional ones even when crowded."""
        leave_out = self.crowded and not with_optional
        return [(key, binding, enabled)
                for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items()
                if (binding.show or key == self.app.COMMAND_PALETTE_BINDING)
                and not (leave_out and binding.action in OPTIONAL_ACTIONS)]

    def compose(self) -> ComposeResult:
        """Textual's footer, without the optional keys when crowded."""
        left_out: set[str] = set()
        for widget in super().compose():
            action = getattr(widget, "action", None)
            if self.crowded and action in OPTIONAL_ACTIONS:
                left_out.add(action)
                continue
            yield widget
        if left_out:  # Footer made a grid column per action
            self.styles.grid_size_columns = max(1, (self.styles.grid_size_columns or 0) - len(left_out))

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True  # what Footer.bindings_changed sets (textual 8.2.8)
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._recompose_pending:
            self._recompose_pending = True
            self.set_timer(SETTLE_SECONDS, self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_pending = False
        shown = self.shown_keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
            self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Drop the padding around the keys when, padded, they would not fit the width
        (at 80 columns a screen with seven keys lost the last one to clipping), and the
        optional keys when even compact they would not."""
        if not self.is_attached:
            return
        keys = [(len(self.app.get_key_display(binding)), len(binding.description))
                for _key, binding, _enabled in self._shown_bindings(with_optional=True)]
        padded = sum(key + description + 3 for key, description in keys)
        tight = sum(key + description + 2 for key, description in keys)  # compact: one space each side less
        self.compact = padded > self.size.width
        crowded = tight > self.size.width
        if crowded != self.crowded:
            self.crowded = crowded
            self.call_later(self.recompose)
