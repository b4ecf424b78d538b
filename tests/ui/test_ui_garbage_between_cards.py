"""Moving to the next question runs the collector's full pass over what the card left
behind, so that pass does not land in the middle of the next reveal; and what a reveal
scheduled for after its refresh copes with the card being gone by then."""

from __future__ import annotations

import gc
from typing import Any

from fakes import running

from tutor.ui.app import TutorApp


async def test_a_full_collection_runs_between_cards_and_not_in_the_reveal(app: TutorApp) -> None:
    full: list[str] = []
    moment = ["start"]

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(moment[0])

    was_enabled = gc.isenabled()
    gc.disable()  # no automatic collections: only the ones the app asks for are seen
    gc.callbacks.append(note)
    try:
        async with running(app) as pilot:
            await pilot.press("p")
            await pilot.pause()
            for number in range(3):
                moment[0] = f"reveal {number}"
                await pilot.press("ctrl+r")  # show the answer and its evidence
                await pilot.pause()
                moment[0] = f"next {number}"
                await pilot.press("n")
                await pilot.pause()
    finally:
        gc.callbacks.remove(note)
        if was_enabled:
            gc.enable()
    assert [when for when in full if when.startswith("next")] == ["next 0", "next 1", "next 2"]
    assert [when for when in full if when.startswith("reveal")] == []


async def test_a_scroll_scheduled_by_a_reveal_is_dropped_once_the_card_is_gone(app: TutorApp) -> None:
    """The reveal scrolls the answer into view after the next refresh; a screen closed
    meanwhile (its card gone) has nothing to scroll and must not raise."""
    from textual.containers import VerticalScroll

    async with running(app) as pilot:
        await pilot.press("p")
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        await screen.query_one("#card", VerticalScroll).remove()
        screen._bring_revealed_into_view()
        assert not screen.query("#card")
