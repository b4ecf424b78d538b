"""Every step of a derivation is reachable with the scroll keys of the page it is on.

A derivation used to sit in a box of 18 lines with a scrollbar of its own, which
PageDown and End skipped: steps 4-7 of `scalar-step` and 4-19 of `activation-bounds`
stayed hidden unless the learner tabbed into the box. These tests run the real
derivations and scroll the page, never the box.
"""

from __future__ import annotations

from fakes import QUESTIONS, backend_with, make_pack, running, submit
from test_ui_evidence import PanelApp
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.evidence.registry import run
from tutor.evidence.result import Step
from tutor.packs.schema import EvidenceItem
from tutor.ui.app import TutorApp
from tutor.ui.screens.evidence_screen import EvidenceScreen
from tutor.ui.widgets.derivation_steps import DerivationSteps

DERIVATIONS = ["scalar-step", "activation-bounds"]


def real_derivations(name, params, *, seed, should_cancel):
    return run(name, params, seed=seed, should_cancel=should_cancel)


def two_derivations_app() -> TutorApp:
    question = {**QUESTIONS[1], "evidence": [{"name": name} for name in DERIVATIONS]}
    backend = backend_with(make_pack([question]))
    backend.run_evidence = real_derivations  # type: ignore[method-assign]
    return TutorApp(backend)


def last_line_on_screen(card: VerticalScroll, steps: DerivationSteps) -> bool:
    """Is the last line of the derivation's text inside the card's visible window?"""
    text = steps.query_one(".derivation--text", Static)
    last_line_y = text.region.y + len(steps.text.splitlines()) - 1
    window = card.content_region
    return window.y <= last_line_y < window.bottom


async def computed(app: TutorApp, pilot) -> list[DerivationSteps]:
    await app.workers.wait_for_complete()
    await pilot.pause()
    boxes = list(app.screen.query(DerivationSteps))
    assert [len(box.steps) for box in boxes] == [7, 19]
    return boxes


async def test_pagedown_in_practice_reaches_the_last_step_of_each_derivation() -> None:
    app = two_derivations_app()
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("p")
        await submit(pilot, "1/4")
        card = app.screen.query_one("#card", VerticalScroll)
        scalar, bounds = await computed(app, pilot)
        for box in (scalar, bounds):  # the page holds every line: nothing to scroll inside a box
            assert box.size.height >= len(box.text.splitlines())
            assert box.max_scroll_y == 0
        seen = set()
        for _ in range(40):
            seen |= {box.steps[0].statement for box in (scalar, bounds) if last_line_on_screen(card, box)}
            if card.scroll_y >= card.max_scroll_y:
                break
            await pilot.press("pagedown")
        assert seen == {scalar.steps[0].statement, bounds.steps[0].statement}
        assert last_line_on_screen(card, bounds)


async def test_end_on_the_evidence_screen_shows_the_last_step() -> None:
    app = two_derivations_app()
    async with running(app, size=(80, 24)) as pilot:
        question = app.backend.packs_list[0].pack.questions[0]
        await app.push_screen(EvidenceScreen(question))
        _, bounds = await computed(app, pilot)
        card = app.screen.query_one("#card", VerticalScroll)
        assert not last_line_on_screen(card, bounds)
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()  # "end" may scroll smoothly: wait until it lands
        await pilot.pause()
        assert card.scroll_y == card.max_scroll_y > 0
        assert last_line_on_screen(card, bounds)


class StepsApp(App[None]):
    """A page holding a derivation with one formula wider than the terminal."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card"):
            yield DerivationSteps([Step("A wide one", None, "by definition", unicode="x" * 100)] * 30)


async def test_a_wide_formula_scrolls_sideways_and_the_page_keeps_the_other_keys() -> None:
    app = StepsApp()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        box, card = app.query_one(DerivationSteps), app.query_one("#card", VerticalScroll)
        assert box.size.height == len(box.text.splitlines()) + 1  # every line and the sideways scrollbar
        assert box.max_scroll_y == 0 and box.max_scroll_x > 0
        await pilot.press("tab")
        assert app.focused is box
        await pilot.press("right", "pagedown", "end")
        await pilot.pause()
        assert box.scroll_x > 0
        assert card.scroll_y == card.max_scroll_y > 0


async def test_a_derivation_that_fits_is_no_stop_for_tab() -> None:
    app = PanelApp([EvidenceItem(name="scalar-step")], real_derivations)
    async with app.run_test(size=(100, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.query_one(DerivationSteps)
        assert box.max_scroll_x == 0
        assert box.allow_focus() is False
