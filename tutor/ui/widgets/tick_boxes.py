"""Check boxes that are empty when unticked.

Textual's `Checkbox` and `SelectionList` draw an X in every box and tell ticked from
unticked by colour alone: in a terminal without colour, or to a reader who does not know
the theme, every topic of the mock setup looked ticked beside "none ticked: every topic"
(new-user trial). These draw the X only in a ticked box.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

EMPTY = " "


class TickBox(Checkbox):
    """A `Checkbox` whose box is empty when it is not ticked."""

    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value:
            return button
        # the same cells and styles (spans are by offset), one character changed
        return Content(button.plain.replace(self.BUTTON_INNER, EMPTY), list(button.spans))


class TickList(SelectionList[str]):
    """A `SelectionList` whose boxes are empty for the options not selected."""

    def render_line(self, y: int) -> Strip:
        # SelectionList draws its boxes with the toggle buttons' characters, Checkbox's too
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip  # not the line a box is drawn on (a wrapped option's second line)
        segments[1] = Segment(EMPTY, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
