"""Nothing typed is lost: 500 characters and enter sent with no pause between them, and
pastes, reach the store (or the grader, or the simulation) character for character,
in the mock interview, practice, study and the lab."""

from __future__ import annotations

import pytest
from fakes import RIGHT, backend_with, make_pack, running
from fast_keys import ANSWER_500, paste_then, send_at_full_speed, wait_until
from test_mock import make_app, start_interview
from textual.widgets import Input

from tutor.ui.app import TutorApp
from tutor.ui.screens import lab as lab_module
from tutor.ui.screens.lab import LabScreen
from tutor.ui.screens.mock_interview import MockInterviewScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.study import StudyScreen

MULTI_LINE = "First, the product of Jacobians shrinks.\nSecond, gates add a path:\n  c_t = f*c + i*g\n"


def stored_mock_responses(app: TutorApp, screen: MockInterviewScreen) -> list[str | None]:
    return [step.response for step in app.backend.store.mocks.steps(screen.run.id)]


def send_with_a_corrected_typo(pilot, text: str) -> None:
    """`text` with its last character first mistyped then erased (backspace), then enter."""
    send_at_full_speed(pilot, text[:-1] + "X", "backspace")
    send_at_full_speed(pilot, text[-1], "enter")


def recording_grader(app: TutorApp) -> list[str]:
    """Every response the app's grader is asked about, in order."""
    asked: list[str] = []
    grade = app.backend.grade

    def record(check, response):
        asked.append(response)
        return grade(check, response)

    app.backend.grade = record  # type: ignore[method-assign]
    return asked


@pytest.mark.parametrize("deliver", ["keys", "paste"])
async def test_mock_stores_a_500_character_answer_whole(deliver: str) -> None:
    app = make_app()
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        if deliver == "keys":
            send_with_a_corrected_typo(pilot, ANSWER_500)
        else:
            paste_then(pilot, ANSWER_500, "enter")
        await wait_until(pilot, lambda: stored_mock_responses(app, screen)[0] is not None, "the answer stored")
        assert stored_mock_responses(app, screen)[0] == ANSWER_500
        assert screen.query_one("#mock-answer").value == ""  # the follow-up starts empty


async def test_mock_keeps_a_pasted_multi_line_answer_and_the_new_line_key() -> None:
    app = make_app()
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        paste_then(pilot, MULTI_LINE)
        send_at_full_speed(pilot, "Third: clipping.", "ctrl+j")
        send_at_full_speed(pilot, "Done", "enter")
        await wait_until(pilot, lambda: stored_mock_responses(app, screen)[0] is not None, "the answer stored")
        assert stored_mock_responses(app, screen)[0] == MULTI_LINE + "Third: clipping.\nDone"


async def test_mock_keys_typed_while_grading_start_the_next_answer() -> None:
    app = make_app()
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        send_at_full_speed(pilot, "product of", "enter")
        send_at_full_speed(pilot, "no, it only caps large norms")
        await wait_until(pilot, lambda: screen.position == 1, "the follow-up shown")
        await wait_until(pilot, lambda: screen.query_one("#mock-answer").value.endswith("norms"), "typed ahead")
        assert stored_mock_responses(app, screen)[0] == "product of"
        assert screen.query_one("#mock-answer").value == "no, it only caps large norms"
        assert screen.run.draft == "no, it only caps large norms"


async def test_practice_grades_a_500_character_answer_whole() -> None:
    backend = backend_with(make_pack(), grades={ANSWER_500: RIGHT})
    app = TutorApp(backend)
    async with running(app) as pilot:
        asked = recording_grader(app)
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        send_with_a_corrected_typo(pilot, ANSWER_500)
        await wait_until(pilot, lambda: backend.attempts, "the attempt recorded")
        assert asked == [ANSWER_500]
        assert [attempt["response"] for attempt in backend.attempts] == [ANSWER_500]


async def test_practice_keeps_a_pasted_multi_line_answer() -> None:
    backend = backend_with(make_pack())
    app = TutorApp(backend)
    async with running(app) as pilot:
        await pilot.press("p")
        paste_then(pilot, MULTI_LINE + "end", "enter")
        await wait_until(pilot, lambda: backend.attempts, "the attempt recorded")
        assert [attempt["response"] for attempt in backend.attempts] == [MULTI_LINE + "end"]


async def test_study_grades_a_500_character_answer_whole() -> None:
    backend = backend_with(make_pack(), grades={ANSWER_500: RIGHT})
    app = TutorApp(backend)
    async with running(app) as pilot:
        asked = recording_grader(app)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        send_with_a_corrected_typo(pilot, ANSWER_500)
        await wait_until(pilot, lambda: screen.revealed, "the answer revealed")
        await pilot.press("3")
        await wait_until(pilot, lambda: backend.records, "the review recorded")
        assert asked == [ANSWER_500]
        assert [record["response"] for record in backend.records] == [ANSWER_500]


@pytest.fixture
def quick_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lab_module, "DEBOUNCE_SECONDS", 0.05)


async def open_lab_on_scale(pilot) -> tuple[LabScreen, Input]:
    pilot.app.push_screen(LabScreen(pilot.app.pack, evidence="rnn", params={"scale": 1.3}, seed=0))
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LabScreen) and pilot.app.screen.result, "a run")
    screen = pilot.app.screen
    field = screen.query_one("#param-scale", Input)
    field.focus()
    field.cursor_position = len(field.value)
    await pilot.pause()
    return screen, field


async def test_lab_runs_a_500_character_value_typed_at_full_speed(quick_debounce) -> None:
    typed = "0." + "123456789" * 55 + "123"
    assert len(typed) == 500
    app = TutorApp(backend_with(make_pack()))
    async with running(app, size=(120, 40)) as pilot:
        screen, field = await open_lab_on_scale(pilot)
        send_at_full_speed(pilot, "", *["backspace"] * 3)
        send_at_full_speed(pilot, typed)
        await wait_until(pilot, lambda: screen.result.params.get("scale") == float(typed) and not screen.running,
                         "the run with the typed value")
        assert field.value == typed
        assert screen.last_request[1]["scale"] == float(typed)


async def test_lab_quick_edit_runs_the_final_value_only(quick_debounce) -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app, size=(120, 40)) as pilot:
        screen, field = await open_lab_on_scale(pilot)
        runs_before = list(app.backend.evidence_runs)
        send_at_full_speed(pilot, "", "backspace", "backspace", "backspace")
        send_at_full_speed(pilot, "0.95")
        await wait_until(pilot, lambda: screen.result.params.get("scale") == 0.95 and not screen.running,
                         "the run with 0.95")
        assert field.value == "0.95"
        assert "not run" not in str(screen.query_one("#title").render())
        assert screen.result.params["scale"] == 0.95
        assert len(app.backend.evidence_runs) == len(runs_before) + 1  # one run, of the final value


async def test_mock_keeps_an_answer_typed_with_pilot_press_in_one_call() -> None:
    """The same through `pilot.press` (one call, every key then enter; Pilot lets the app
    idle between keys, so this is the gentler path the full-speed tests above go beyond)."""
    typed = ANSWER_500[:60]  # Pilot costs ~0.1 s a key: the long answers go the fast way above
    app = make_app()
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        await pilot.press(*typed, "backspace", typed[-1], "enter")
        await wait_until(pilot, lambda: stored_mock_responses(app, screen)[0] is not None, "the answer stored")
        assert stored_mock_responses(app, screen)[0] == typed
