"""A question's time runs out while keys are still on their way: every key the app has
received is part of the draft handed in, graded in a worker, and the next step says so."""

from __future__ import annotations

from fakes import running
from fast_keys import key_event, send_at_full_speed, wait_until
from test_mock import make_app, start_interview, text

from tutor.ui.screens.mock_interview import MockInterviewScreen

IN_FLIGHT = "product of jacobians, still typing when the clock hits 0:00"


def stored(screen: MockInterviewScreen) -> list[tuple[int, str | None, str | None, bool]]:
    return [(step.position, step.outcome, step.response, step.auto_submitted)
            for step in screen.app.backend.store.mocks.steps(screen.run.id) if step.outcome is not None]


async def test_keys_in_flight_at_the_time_out_are_handed_in_with_the_draft() -> None:
    app = make_app()
    backend = app.backend
    async with running_mock(app) as (pilot, screen):
        area = screen.query_one("#mock-answer")
        area.value = "Typed earlier: a "
        await pilot.pause()
        backend.clock.advance(77)  # the first question's 77 seconds are up
        for character in IN_FLIGHT:  # received by the app, not yet applied to the box
            app.post_message(key_event(character))
        screen.tick()  # the interval timer fires before those keys are in
        assert screen.grading is None and screen.timing_out  # not read yet: waiting for the keys
        await wait_until(pilot, lambda: stored(screen), "the timed-out step stored")
        assert stored(screen) == [(0, "timed_out", "Typed earlier: a " + IN_FLIGHT, True)]
        await wait_until(pilot, lambda: screen.position == 1, "the follow-up shown")
        assert text(screen, "#mock-prompt") == "Does clipping help here?"
        assert text(screen, "#mock-status") == (
            "Time ran out on the last question: what you had typed was handed in.")
        await wait_until(pilot, lambda: list(app._notifications), "the toast")
        assert [(n.title, n.message) for n in app._notifications] == [
            ("Time is up", "What you had typed was handed in.")]
        assert area.value == ""


async def test_keys_still_on_their_way_from_the_terminal_are_handed_in() -> None:
    app = make_app()
    backend = app.backend
    async with running_mock(app) as (pilot, screen):
        backend.clock.advance(77)
        send_at_full_speed(pilot, IN_FLIGHT)  # handed over by the driver, not yet in the app's queue
        screen.tick()
        await wait_until(pilot, lambda: stored(screen), "the timed-out step stored")
        assert stored(screen) == [(0, "timed_out", IN_FLIGHT, True)]


async def test_enter_just_before_the_time_out_is_an_answer_not_a_time_out() -> None:
    app = make_app()
    backend = app.backend
    async with running_mock(app) as (pilot, screen):
        backend.clock.advance(76.5)
        for character in "product of":
            app.post_message(key_event(character))
        app.post_message(key_event("\r"))  # enter, queued before the tick below
        backend.clock.advance(0.4)
        screen.tick()
        await wait_until(pilot, lambda: stored(screen), "the step stored")
        assert stored(screen) == [(0, "answered", "product of", False)]
        assert text(screen, "#mock-status") == ""


class running_mock:
    """`running(app)` and the interview screen, started."""

    def __init__(self, app) -> None:
        self.context = running(app)

    async def __aenter__(self):
        pilot = await self.context.__aenter__()
        return pilot, await start_interview(pilot)

    async def __aexit__(self, *exc):
        return await self.context.__aexit__(*exc)
