"""Lines that wrap under their own text: a hanging indent for a Static.

A feedback line such as `Missing: a; b; c` or a checklist point `▸ 1 ✓ label: found "…"`
wrapped back to the left edge, under its label or bullet, where the eye looks for the next
item. `HangingLines` is a Textual Visual: each line keeps its first `indent` cells (the mark
or label) in a column of their own and wraps the rest in the width beside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions

MIN_TEXT_WIDTH = 20
"""Below this width beside the label, a line wraps from the left edge as before."""

LABEL = re.compile(r"^(?:[✓✗◐?⚠] |[A-Z][\w’' ]{0,28}?: )")
"""A verdict's mark (`✓ `) or a short label (`Missing: `, `Also worth saying: `)."""


def label_width(line: str) -> int:
    """How many cells of `line` are its mark or label (0 if it has none)."""
    found = LABEL.match(line)
    return len(found.group(0)) if found and len(found.group(0).split()) <= 5 else 0


class HangingLines(Visual):
    """Lines of `Content`, each with the width of its mark or label (its hanging indent)."""

    def __init__(self, lines: Sequence[tuple[Content, int]]) -> None:
        self.lines = [(line, indent) for line, indent in lines]

    @classmethod
    def labelled(cls, content: Content) -> HangingLines:
        """`content`'s lines, each hanging under the text after its mark or label."""
        lines = content.split("\n", allow_blank=True)
        return cls([(line, label_width(line.plain)) for line in lines])

    def __str__(self) -> str:
        return "\n".join(line.plain for line, _ in self.lines)

    @property
    def plain(self) -> str:
        return str(self)

    def _split(self, width: int) -> list[tuple[Content, Content | None, int]]:
        """Each line as (label, rest, indent), or (line, None, 0) when it has no room to hang."""
        parts: list[tuple[Content, Content | None, int]] = []
        for line, indent in self.lines:
            if indent <= 0 or width - indent < MIN_TEXT_WIDTH or not line.plain[indent:].strip():
                parts.append((line, None, 0))
            else:
                parts.append((line[:indent], line[indent:], indent))
        return parts

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        strips: list[Strip] = []
        for head, rest, indent in self._split(width):
            if rest is None:
                strips += head.render_strips(width, None, style, options) or [Strip.blank(width)]
                continue
            [label] = head.render_strips(indent, None, style, options)[:1] or [Strip.blank(indent)]
            blank = Content(" " * indent).render_strips(indent, None, style, options)[0]
            for number, strip in enumerate(rest.render_strips(width - indent, None, style, options)):
                strips.append(Strip.join([label if number == 0 else blank, strip]))
        return strips[:height] if height is not None else strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line, _ in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = 0
        for head, rest, indent in self._split(width):
            if rest is None:
                height += max(1, head.get_height(rules, width))
            else:
                height += max(1, rest.get_height(rules, width - indent))
        return height
