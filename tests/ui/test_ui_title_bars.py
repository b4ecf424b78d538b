"""Every screen's title bar stays on one line at 80x24 and 100x30.

A long pack title (the built-in pack's) wrapped the bars of study, practice, the mock
set-up and the lab onto a second line. The walk below opens every screen and reads the
line the bar actually draws.
"""

from __future__ import annotations

import pytest
from fakes import backend_with, fake_stats, make_pack, running
from rich.cells import cell_len
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input

from tutor.ui.app import TutorApp
from tutor.ui.screens.evidence_screen import EvidenceScreen
from tutor.ui.widgets.title_bar import TitleBar, shorten, title_content

LONG_TITLE = "Vanishing and exploding gradients in RNNs"


def drawn_line(bar: Widget) -> str:
    """The text the bar draws on its one line, without its padding."""
    return bar.render_line(0).text.strip()


async def walk(app: App, pilot) -> dict[str, Widget]:
    """Open every screen in turn; the title bar of each, by screen."""
    bars: dict[str, Widget] = {}

    async def visit(name: str, *keys: str, selector: str = "#title") -> None:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = app.screen.query_one(selector)
        assert bar.size.height == 1, name
        bars[name] = drawn_line(bar)

    await visit("home")
    await visit("help", "question_mark", selector="#help-title")
    await visit("settings", "escape", "o")
    await visit("study", "escape", "s")
    await visit("practice", "escape", "p")
    await visit("stats", "escape", "t")
    await visit("lab", "escape", "l")
    await visit("mock setup", "escape", "m")
    app.screen.query_one("#mock-seed", Input).value = "7"
    await visit("mock interview", "ctrl+s")
    await visit("debrief", "ctrl+g", "y")
    question = app.backend.packs_list[0].pack.questions[0]
    await app.push_screen(EvidenceScreen(question))
    await visit("evidence")
    await visit("history", "escape", "escape", "escape", "m", "ctrl+o")
    return bars


FITS_BOTH = {
    "home": "tutor  ML interview practice, with the evidence",
    "help": "Keys  esc closes · dim keys do nothing right now",
    "settings": "Settings  kept in the progress store with your reviews",
    "stats": f"Stats · {LONG_TITLE}",
    "mock interview": f"Mock interview · {LONG_TITLE}",
    "debrief": "Debrief · mock interview 1 · rnn-mini · 2026-03-01 09:00",
    "evidence": "Evidence · why-vanish",
    "history": "Past mock interviews",
    # the sessions' counts are short enough for the built-in pack's title at 80 columns
    "study": f"Study · {LONG_TITLE}  0 reviewed · 0 due · 3 new",
    "practice": f"Practice · {LONG_TITLE}  2 left",
}
SHORTENED_AT_80 = {
    "mock setup": "Mock interview · Vanishing and explod…  timed, follow-ups, feedback at the end",
}
WHOLE_AT_100 = {
    "mock setup": f"Mock interview · {LONG_TITLE}  timed, follow-ups, feedback at the end",
}


@pytest.mark.parametrize(("size", "expected"), [((80, 24), SHORTENED_AT_80), ((100, 30), WHOLE_AT_100)])
async def test_every_title_bar_is_one_line_and_keeps_its_status(size: tuple[int, int], expected: dict) -> None:
    backend = backend_with(make_pack(title=LONG_TITLE), stats_summary=fake_stats())
    app = TutorApp(backend)
    async with running(app, size=size) as pilot:
        bars = await walk(app, pilot)
    lab = bars.pop("lab")
    assert lab.startswith("Lab · Vanilla RNN, exact BPTT  seed 0 · ") and lab.endswith(" ms")
    assert bars == {**FITS_BOTH, **expected}
    assert all(cell_len(line) <= size[0] - 2 for line in bars.values())


async def test_a_title_longer_than_the_terminal_is_cut_with_an_ellipsis() -> None:
    """Bars with fixed text (the interview's, the debrief's) are cut by the style sheet."""
    title = "A pack whose title goes on and on, " * 4
    backend = backend_with(make_pack(title=title.strip()), stats_summary=fake_stats())
    app = TutorApp(backend)
    async with running(app, size=(80, 24)) as pilot:
        bars = await walk(app, pilot)
    assert bars["mock interview"] == "Mock interview · A pack whose title goes on and on, A pack whose title goes o…"
    assert bars["stats"] == "Stats · A pack whose title goes on and on, A pack whose title goes on and on,…"
    assert bars["practice"] == "Practice · A pack whose title goes on and on, A pack whose title goes…  2 left"
    assert all(cell_len(line) <= 78 for line in bars.values())


def test_the_subject_gives_way_first_then_the_status() -> None:
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("abcdef", 5) == "abcd…"
    assert shorten("ab cdef", 4) == "ab…"
    assert shorten("abcdef", 0) == ""
    assert title_content("Mode", "a subject", "status", 40).plain == "Mode · a subject  status"
    assert title_content("Mode", "a long subject indeed", "status", 30).plain == "Mode · a long subject…  status"
    assert title_content("Mode", "a long subject indeed", "a status that is long", 45).plain == \
        "Mode · a long subject…  a status that is long"
    # below MIN_SUBJECT cells for the subject, the status is cut too
    assert title_content("Mode", "a long subject indeed", "a status that is long", 40).plain == \
        "Mode · a long subj…  a status that is l…"
    assert title_content("Mode", "", "status", 20).plain == "Mode  status"
    assert title_content("Mode", "", "", 20).plain == "Mode"


async def test_the_bar_refits_when_the_terminal_is_resized() -> None:
    class BarApp(App[None]):
        def compose(self):
            yield TitleBar("Practice", LONG_TITLE, "2 of 3 right · 9 left")

    app = BarApp()
    async with app.run_test(size=(100, 10)) as pilot:
        bar = app.query_one(TitleBar)
        assert drawn_line(bar) == f"Practice · {LONG_TITLE}  2 of 3 right · 9 left"
        await pilot.resize_terminal(60, 10)
        await pilot.pause()
        assert drawn_line(bar) == "Practice · Vanishing and exploding g…  2 of 3 right · 9 left"
        bar.show(status="2 of 4 right · 8 left")
        await pilot.pause()
        assert drawn_line(bar) == "Practice · Vanishing and exploding g…  2 of 4 right · 8 left"
        assert bar.size.height == 1
