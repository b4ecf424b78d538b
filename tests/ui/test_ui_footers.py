"""At 80x24, the smallest supported window, every screen's footer shows its keys whole.

Textual's footer clips what does not fit, so a key at the end silently became '? Hel';
each journey below ends on a screen and checks every key ends before the palette key.
"""

from __future__ import annotations

import pytest
from fakes import fake_stats, running, submit
from textual.widgets._footer import FooterKey

from tutor.ui.app import TutorApp
from tutor.ui.widgets.quiet_footer import QuietFooter


async def home(pilot) -> None:
    pass


async def study_question(pilot) -> None:
    await pilot.press("s")


async def study_revealed(pilot) -> None:
    await pilot.press("s", "ctrl+r")


async def practice_question(pilot) -> None:
    await pilot.press("p")


async def practice_wrong_answer(pilot) -> None:
    await pilot.press("p")
    await submit(pilot, "not it")


async def mock_setup(pilot) -> None:
    await pilot.press("m")


async def mock_interview(pilot) -> None:
    await pilot.press("m", "ctrl+s")


async def lab(pilot) -> None:
    await pilot.press("l")


async def stats(pilot) -> None:
    pilot.app.backend.stats_summary = fake_stats()
    await pilot.press("t")


async def settings(pilot) -> None:
    await pilot.press("o")


JOURNEYS = [home, study_question, study_revealed, practice_question, practice_wrong_answer, mock_setup,
            mock_interview, lab, stats, settings]


@pytest.mark.parametrize("journey", JOURNEYS, ids=[journey.__name__ for journey in JOURNEYS])
async def test_every_footer_key_is_whole_at_80_columns(app: TutorApp, journey) -> None:
    async with running(app, size=(80, 24)) as pilot:
        await journey(pilot)
        await app.workers.wait_for_complete()
        footer = app.screen.query_one(QuietFooter)
        for _ in range(100):  # the footer redraws once its bindings settle
            await pilot.pause(0.02)
            if footer.settled:
                break
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        palette = [key for key in keys if key.key == app.COMMAND_PALETTE_BINDING]
        shown = [key for key in keys if key not in palette]
        assert shown, type(app.screen).__name__
        assert len(palette) == 1
        limit = palette[0].region.x
        cut = [f"{key.key_display} {key.description}" for key in shown if key.region.right > limit]
        assert not cut, (type(app.screen).__name__, cut)
