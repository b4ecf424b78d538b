"""Unticked boxes are empty, ticked ones hold an X: told apart without colour."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tutor.ui.widgets.tick_boxes import TickBox, TickList


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("basic", True, id="on")
        yield TickBox("advanced", False, id="off")
        yield TickList(("bptt", "bptt", False), ("clipping", "clipping", True))


def line_text(widget, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


async def test_a_box_shows_an_x_only_when_ticked() -> None:
    app = Boxes()
    async with app.run_test() as pilot:
        on, off, topics = app.query_one("#on", TickBox), app.query_one("#off", TickBox), app.query_one(TickList)
        assert on.render().plain.startswith("▐X▌") and off.render().plain.startswith("▐ ▌")
        assert [line_text(topics, y).split()[:2] for y in (0, 1)] == [["▐", "▌"], ["▐X▌", "clipping"]]
        off.value = True
        topics.select("bptt")
        topics.deselect("clipping")
        await pilot.pause()
        assert off.render().plain.startswith("▐X▌")
        assert [line_text(topics, y).split()[:2] for y in (0, 1)] == [["▐X▌", "bptt"], ["▐", "▌"]]
