"""Mock interviews in the app, driven by Pilot and a fake clock.

The fake backend runs the real mock core over a store in the test's TUTOR_HOME, with
canned grades; time only moves when the test says so, and the screen's tick is called
directly after moving it (the interval timer would do the same half a second later).
"""

from __future__ import annotations

from datetime import UTC, timedelta, timezone, tzinfo

from fakes import PARTLY, RIGHT, START, backend_with, make_pack, running
from fast_keys import wait_until
from textual.widgets import DataTable, Input, Static

from tutor.grading.result import Grade
from tutor.service.mock_types import MockSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.mock_debrief import MockDebriefScreen
from tutor.ui.screens.mock_history import MockHistoryScreen
from tutor.ui.screens.mock_interview import MockInterviewScreen
from tutor.ui.screens.mock_setup import MockSetupScreen

GRADES = {"a product of jacobians that shrinks": RIGHT, "product of": PARTLY, "1/4": RIGHT}


def make_app(tz: tzinfo = UTC, **options) -> TutorApp:
    return TutorApp(backend_with(make_pack(), grades=dict(GRADES), tz=tz), **options)


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_interview(pilot, *, seed: int = 7, minutes: str = "6", questions: str = "3") -> MockInterviewScreen:
    """Open the Mock mode, fill in the settings and start (3 questions in 6 minutes: each step
    needs its floor, 50 + 50, 60 and 75 s, and the 125 s left are shared in proportion:
    77 + 76, 92 and 115 s)."""
    await pilot.press("m")
    setup = pilot.app.screen
    assert isinstance(setup, MockSetupScreen)
    setup.query_one("#mock-questions", Input).value = questions
    setup.query_one("#mock-minutes", Input).value = minutes
    setup.query_one("#mock-seed", Input).value = str(seed)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MockInterviewScreen)
    return pilot.app.screen


async def answer(pilot, response: str) -> None:
    pilot.app.screen.query_one("#mock-answer").value = response
    await pilot.press("enter")
    await settle(pilot)


async def tick(pilot) -> None:
    await pilot.pause()  # anything typed reaches the run first
    pilot.app.screen.tick()
    await settle(pilot)


async def test_a_full_interview_answered_in_time_and_its_debrief() -> None:
    app = make_app()
    backend = app.backend
    async with running(app, size=(80, 24)) as pilot:
        screen = await start_interview(pilot)
        assert text(screen, "#mock-asked") == "Question 1 of 3 basic · Vanishing"
        assert text(screen, "#mock-prompt") == "Why do gradients vanish in a vanilla RNN trained with BPTT?"
        assert text(screen, "#countdown") == (
            "Interview 6:00 left ━━━━━━━━━━━━━━   This question 1:17 left ━━━━━━━━━━━━━━")
        backend.clock.advance(20)
        await tick(pilot)
        assert text(screen, "#countdown") == (
            "Interview 5:40 left ━━━━━━━━━━━━━─   This question 0:57 left ━━━━━━━━━━────")
        await answer(pilot, "a product of jacobians that shrinks")
        assert text(screen, "#mock-asked") == "Follow-up on question 1"
        assert text(screen, "#mock-context") == "Why do gradients vanish in a vanilla RNN trained with BPTT?"
        assert text(screen, "#mock-prompt") == "Does clipping help here?"
        assert text(screen, "#mock-status") == ""  # no feedback during the interview
        backend.clock.advance(10)
        await answer(pilot, "no, it only caps large norms")
        assert text(screen, "#mock-asked") == "Question 2 of 3 intermediate · Activations"
        backend.clock.advance(30)
        await answer(pilot, "1/4")
        # a choice question is asked through its interview form: open, no options to pick
        assert text(screen, "#mock-prompt") == "Which path lets an LSTM carry gradients over long spans, and why?"
        assert text(screen, "#mock-options") == ""
        backend.clock.advance(40)
        await answer(pilot, "the output gate")

        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        assert text(debrief, "#debrief-summary") == (
            "Score 67% · time 1:40 of 6:00 · 3 questions · seed 7\n"
            "Weakest topics: Vanishing 50% on 2 answers\n"
            "Practise next: Gating (missed once each: too few answers to call weak)\n"
            "Study next: 1 question put in Study when the mock ended: lstm-path (question 3)"
        )
        table = debrief.query_one("#debrief-questions", DataTable)
        assert [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)] == [
            ["1", "why-vanish", "✓ 100%", "0:20 of 1:17"],
            ["2", "sigmoid-bound", "✓ 100%", "0:30 of 1:32"],
            ["3", "lstm-path", "✗ 0%", "0:40 of 1:55"],
        ]
        assert text(debrief, "#debrief-question") == (
            "1. why-vanish basic · Vanishing\n"
            "Why do gradients vanish in a vanilla RNN trained with BPTT?\n"
            "\n"
            "Your answer: a product of jacobians that shrinks\n"
            "Result: correct, 100% (answered)\n"
            "Time: 0:20 of 1:17\n"
            "Feedback: Found: product, shrinks.\n"
            "Model answer: The gradient is a product of T − t step Jacobians diag(φ'(a_k))·W_hh; when their "
            "norms stay below 1 the product shrinks exponentially.\n"
            "Why: ‖∏J‖ ≤ (γ·σ_max)^(T−t): below 1/γ the bound decays geometrically.\n"
            "Evidence: rnn (e opens it)"
        )
        # a follow-up's heading, then what was said as an indented block (it wraps under itself)
        heading, body = debrief.query("#debrief-follow-ups Static")
        assert (str(heading.render()), "follow-up-body" in body.classes, str(body.render())) == (
            "Follow-up 1: Does clipping help here?", True,
            "Your answer: no, it only caps large norms (answered, 0:10 of 1:16)\n"
            "Not graded: compare your answer with the model answer below.\n"
            "Model answer: No: clipping only caps large norms.")
        assert body.content_region.x - heading.content_region.x == 2
        detail = debrief.query_one("#debrief-detail")
        assert debrief.focused is table and detail.scroll_y == 0
        await pilot.press("pagedown")  # pages the details, though the table has the focus
        assert detail.scroll_y > 0 and table.cursor_row == 0
        await pilot.press("pageup")
        assert detail.scroll_y == 0
        await pilot.press("down", "down")
        detail = text(debrief, "#debrief-question")
        assert "Result: wrong, 0% (answered)\nTime: 0:40 of 1:55\nFeedback: That is not it." in detail
        assert "Model answer: The additive cell path" in detail
        # the wrong question is due now in the study queue (fake clock: 09:01:40)
        card = backend.store.cards.get("rnn-mini", "lstm-path")
        assert (card.due - START).total_seconds() == 100


async def test_time_out_hands_in_the_draft_and_moves_on() -> None:
    app = make_app()
    backend = app.backend
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        screen.query_one("#mock-answer").value = "product of"  # typed, never submitted
        await pilot.pause()
        backend.clock.advance(76)
        await tick(pilot)
        assert text(screen, "#mock-prompt").startswith("Why do gradients vanish")
        assert "This question 0:01 left" in text(screen, "#countdown")
        backend.clock.advance(1)
        await tick(pilot)
        assert text(screen, "#mock-prompt") == "Does clipping help here?"
        assert screen.query_one("#mock-answer").value == ""
        assert [n.message for n in app._notifications] == ["What you had typed was handed in."]
        backend.clock.advance(76)  # nothing typed for the follow-up: handed in empty
        await tick(pilot)
        assert text(screen, "#mock-asked") == "Question 2 of 3 intermediate · Activations"
        assert "Interview 3:27 left" in text(screen, "#countdown")  # 77 + 76 used of 360
        steps = backend.store.mocks.steps(screen.run.id)
        assert [(s.position, s.outcome, s.response, s.elapsed, s.auto_submitted, s.score) for s in steps] == [
            (0, "timed_out", "product of", 77.0, True, 0.5),
            (1, "timed_out", "", 76.0, True, None),
            (2, None, None, 0.0, False, None),
        ]
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        table = debrief.query_one("#debrief-questions", DataTable)
        assert [str(table.get_row_at(row)[2]) for row in range(3)] == ["◐ 50% timed out", "✗ 0% ended early",
                                                                      "✗ 0% not reached"]
        assert "Time: 1:17 of 1:17 (handed in when the time ran out)" in text(debrief, "#debrief-question")


async def test_skip_end_early_cancelled_and_a_format_error_does_not_count() -> None:
    app = make_app()
    backend = app.backend
    backend.grades["?"] = Grade.format_error("a number is expected", "number", 0)
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("ctrl+n")  # skipping a main question skips its follow-up too
        assert text(screen, "#mock-asked") == "Question 2 of 3 intermediate · Activations"
        await answer(pilot, "?")
        assert text(screen, "#mock-status") == "?\n^\na number is expected"
        assert text(screen, "#mock-asked").startswith("Question 2 of 3")
        await pilot.press("ctrl+g")
        await pilot.press("n")  # keep going
        assert app.screen is screen and not screen.run.finished
        await answer(pilot, "1/4")
        assert text(screen, "#mock-asked").startswith("Question 3 of 3")
        steps = backend.store.mocks.steps(screen.run.id)
        assert [(s.position, s.outcome, s.response) for s in steps] == [
            (0, "skipped", None), (2, "answered", "1/4"), (3, None, None)]


async def test_the_debrief_exports_markdown_and_the_history_reopens_it(isolated_home) -> None:
    """Dates are on the learner's wall clock (here UTC-5: the interview started at 09:00 UTC)."""
    app = make_app(tz=timezone(-timedelta(hours=5)))
    async with running(app) as pilot:
        await start_interview(pilot)
        app.backend.clock.advance(10)
        await answer(pilot, "product of")
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        assert text(debrief, "#title") == "Debrief · mock interview 1 · rnn-mini · 2026-03-01 04:00"
        await pilot.press("x")
        path = isolated_home / "exports" / "mock-1.md"
        assert debrief.exported_to == str(path)
        assert list(app._notifications)[-1].message == f"Debrief written to {path}"
        markdown = path.read_text(encoding="utf-8")
        assert markdown.startswith(
            "# Mock interview 1: rnn-mini\n\n"
            "- Date: 2026-03-01 04:00 (UTC-05:00)\n"
            "- Score: 17%\n"
            "- Time: 0:10 of 6:00\n"
            "- Questions: 3 (seed 7)\n\n"
            "## 1. why-vanish (basic; Vanishing)\n\n"
            "Why do gradients vanish in a vanilla RNN trained with BPTT?\n\n"
            "- Your answer: product of\n"
            "- Result: partly correct, 50% (answered)\n"
            "- Time: 0:10 of 1:17\n"
            "- Concepts missed: shrinks\n"
            "- Feedback: Found: product. Missed: shrinks.\n"
        )
        # the screen words the verdict as the export does
        assert "Result: partly correct, 50% (answered)\n" in text(debrief, "#debrief-question")
        assert markdown.endswith(
            "## Study next\n\n"
            "These questions went into your study queue when the mock ended:\n"
            "- why-vanish (question 1)\n"  # the two questions never reached are not queued
        )
        await pilot.press("h")
        history = app.screen
        assert isinstance(history, MockHistoryScreen)
        table = history.query_one("#mock-history", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "1", "2026-03-01 04:00", "rnn-mini", "17%", "0:10 of 6:00", "3"]
        await pilot.press("enter")
        reopened = app.screen
        assert isinstance(reopened, MockDebriefScreen) and reopened.from_history
        assert text(reopened, "#debrief-summary").startswith("Score 17% · time 0:10 of 6:00")
        await pilot.press("escape")
        assert app.screen is history
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_evidence_opens_from_the_debrief() -> None:
    app = make_app()
    async with running(app) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        from tutor.ui.widgets.evidence_panel import EvidencePanel

        panel = app.screen.query_one(EvidencePanel)
        assert [view.evidence_name for view in panel.views] == ["rnn"]
        assert panel.views[0].result is not None
        await pilot.press("escape")
        assert isinstance(app.screen, MockDebriefScreen)


async def test_setup_says_what_is_wrong_and_does_not_start() -> None:
    app = make_app()
    async with running(app) as pilot:
        await pilot.press("m")
        setup = app.screen
        assert text(setup, "#mock-preview") == (
            "3 questions (1 basic, 1 intermediate, 1 advanced) in 10:00, about 3:20 each with its follow-ups")
        setup.query_one("#mock-questions", Input).value = "0"
        await pilot.pause()
        assert text(setup, "#mock-preview") == "The number of questions must be at least 1."
        await pilot.press("ctrl+s")
        assert app.screen is setup
        setup.query_one("#mock-questions", Input).value = "2"
        for level in ("basic", "intermediate", "advanced"):
            setup.query_one(f"#level-{level}").value = level == "advanced"
        await pilot.pause()
        assert text(setup, "#mock-preview").startswith("1 question (1 advanced) in 10:00")
        setup.query_one("#mock-minutes", Input).value = "0.5"  # fewer than the question needs
        await pilot.pause()
        preview = text(setup, "#mock-preview")
        assert preview.startswith("1 question (1 advanced) in ") and "more than the 0.5 minutes set" in preview


async def test_the_start_action_opens_a_new_interview_directly() -> None:
    settings = MockSettings(questions=2, minutes=4, seed=3)
    app = make_app(start=lambda app: app.open_mode("mock", settings=settings, autostart=True))
    async with running(app) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen)
        assert screen.run.seed == 3 and screen.run.total_seconds == 240
        assert "Question 1 of 2" in text(screen, "#mock-asked")


def test_a_random_seed_previewed_is_the_one_the_interview_starts_with() -> None:
    """The setup screen's line ("3 questions in 12:45") describes the interview that starts;
    the next interview draws a seed of its own."""
    backend = backend_with(make_pack(), grades=dict(GRADES))
    pack = backend.packs_list[0].pack
    settings = MockSettings(questions=3, minutes=1, seed=None)
    preview = backend.mock_preview(pack, settings)
    assert backend.mock_preview(pack, settings) == preview  # typing in the form does not redraw
    run = backend.start_mock(pack, settings)
    assert (run.seed, run.total_seconds) == (preview.seed, preview.seconds)
    assert backend.mock_preview(pack, settings).seed != preview.seed


async def test_a_second_interview_opens_with_the_first_ones_settings_but_a_new_seed() -> None:
    """The setup forgot what the learner chose: each interview began at the defaults again."""
    app = make_app()
    async with running(app) as pilot:
        await start_interview(pilot, seed=7, minutes="6", questions="2")
        await pilot.press("ctrl+g", "y")  # end early, then the debrief
        await wait_until(pilot, lambda: isinstance(app.screen, MockDebriefScreen), "the debrief")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("m")
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        values = [setup.query_one(f"#mock-{name}", Input).value for name in ("questions", "minutes", "seed")]
        assert values == ["2", "6", ""]
