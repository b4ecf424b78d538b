"""Snapshots of the mock interview at 80x24: a question under way, and the debrief.

Deterministic: fake clock, fixed seed and settings, canned grades, every worker done.
"""

from __future__ import annotations

from test_mock import answer, make_app, settle, start_interview, tick


def test_mock_interview_question(snap_compare) -> None:
    async def twenty_seconds_in(pilot) -> None:
        await settle(pilot)
        await start_interview(pilot)
        pilot.app.backend.clock.advance(20)
        await tick(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=twenty_seconds_in)


def test_mock_debrief(snap_compare) -> None:
    async def interview(pilot) -> None:
        await settle(pilot)
        await start_interview(pilot)
        clock = pilot.app.backend.clock
        for seconds, response in ((20, "a product of jacobians that shrinks"), (10, "no"), (30, "1/4"),
                                  (40, "a")):
            clock.advance(seconds)
            await answer(pilot, response)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=interview)
