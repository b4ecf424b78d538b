"""The app over the real core: a pack on disk, the SQLite store, the study sessions,
real grading (concepts and choice checks: no SymPy needed) and the evidence registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fakes import META, QUESTIONS, FakeClock, fake_result, running, submit

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.feedback_view import FeedbackView


def write_pack(folder: Path, questions: list[dict] = QUESTIONS) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(META, allow_unicode=True), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": questions}, allow_unicode=True),
                                           encoding="utf-8")
    return folder


@pytest.fixture
def core(tmp_path: Path) -> CoreBackend:
    backend = CoreBackend([write_pack(tmp_path / "mini")], store_path=tmp_path / "progress.sqlite3",
                          clock=FakeClock())
    # these tests are about what is stored: no SymPy process (concepts and choice need none)
    # and canned evidence (the real registry has its own test below)
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    yield backend
    backend.close()


def rows(backend: CoreBackend, columns: str) -> list[tuple]:
    return [tuple(row) for row in backend.store.query(f"SELECT {columns} FROM reviews ORDER BY id")]


def test_the_command_line_pack_is_found_and_marked(core: CoreBackend) -> None:
    entry = next(e for e in core.packs() if e.id == "rnn-mini")
    assert entry.usable and entry.requested and entry.title == "RNN gradients (mini)" and not entry.builtin
    assert not any(e.requested for e in core.packs() if e.id != "rnn-mini")


async def test_study_ratings_are_in_the_store_and_the_counts_follow(core: CoreBackend) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        await pilot.press("s")
        core.clock.advance(20)
        await submit(pilot, "a product of jacobians that shrinks exponentially")
        assert app.screen.query_one("RatingBar").suggested == 3  # right, but not within 15 s
        await pilot.press("enter")  # Good
        await pilot.press("ctrl+r", "1")  # sigmoid-bound: revealed without an answer, Again
        assert rows(core, "question_id, mode, response, correct, rating, seconds") == [
            ("why-vanish", "study", "a product of jacobians that shrinks exponentially", 1, 3, 20.0),
            ("sigmoid-bound", "study", None, None, 1, 0.0),
        ]
        core.clock.advance(120)  # Again's learning step (1 minute) is over: that card is due
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#packs")
        # due today: both cards are in learning steps that end today (Good's in 10 minutes);
        # studied: both, though still learning (as `tutor stats` counts them)
        assert [str(c) for c in table.get_row("rnn-mini")][2:] == ["2", "1", "2"]
        assert app.pack_id == "rnn-mini"  # given on the command line: chosen over the built-in pack


async def test_practice_attempts_hints_and_overrides_are_stored(core: CoreBackend) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        app.open_question("rnn-mini", "why-vanish")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("ctrl+t")
        await submit(pilot, "no idea")
        await pilot.press("o")
        assert rows(core, "question_id, mode, response, correct, overridden, replaces, hints") == [
            ("why-vanish", "practice", "no idea", 0, 0, None, 1),
            ("why-vanish", "practice", "no idea", 1, 1, 1, 1),
        ]
        assert "1 of 1 right" in str(app.screen.query_one("#title").render())
        assert [(c.correct, c.automatic_correct) for c in core.store.corrections.latest()] == [(True, False)]
        await pilot.press("o")  # the same key takes it back
        assert rows(core, "correct, overridden, replaces")[2:] == [(0, 1, 2)]
        assert "0 of 1 right" in str(app.screen.query_one("#title").render())
        assert str(app.screen.query_one(FeedbackView).render()).startswith("✗ Not right")
        assert [(c.correct, c.automatic_correct) for c in core.store.corrections.latest()] == [(False, False)]
        await pilot.press("o")  # and gives it again
        assert rows(core, "correct, overridden, replaces")[3:] == [(1, 1, 3)]
        assert "1 of 1 right" in str(app.screen.query_one("#title").render())
        await pilot.press("n")
        assert app.screen.question.id != "why-vanish"


SELF_CARDS = [
    {"id": f"init-{n}", "level": "basic", "topics": ["init"], "prompt": f"Why orthogonal init ({n})?",
     "answer": "It keeps every singular value at one.", "explanation": "‖Qx‖ = ‖x‖.",
     "check": {"kind": "self"}, "evidence": [{"name": "matrix-powers"}]}
    for n in (1, 2)
]


async def test_self_rated_cards_get_i_was_right_and_wrong_and_count_in_the_tally(tmp_path: Path) -> None:
    core = CoreBackend([write_pack(tmp_path / "mini", SELF_CARDS)], store_path=tmp_path / "progress.sqlite3",
                       clock=FakeClock())
    core.prepare_grading = lambda: None  # type: ignore[method-assign]
    core.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    app = TutorApp(core)
    try:
        async with running(app) as pilot:
            app.open_question("rnn-mini", "init-1")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PracticeScreen)
            await submit(pilot, "norms are preserved")
            feedback = str(screen.query_one(FeedbackView).render())
            assert feedback == "Compare with the model answer: o if you were right, w if you were wrong."
            assert screen.check_action("override", ()) and screen.check_action("self_wrong", ())
            await pilot.press("o")
            assert str(screen.query_one(FeedbackView).render()) == "✓ Right, by your own rating"
            assert "1 of 1 right" in str(screen.query_one("#title").render())
            await pilot.press("w")  # rated once only
            assert "1 of 1 right" in str(screen.query_one("#title").render())
            await pilot.press("n")
            assert screen.question.id == "init-2"
            await pilot.press("enter")  # nothing typed: compare in one's head, then rate
            await pilot.press("w")
            assert str(screen.query_one(FeedbackView).render()) == "✗ Not right, by your own rating"
            assert "1 of 2 right" in str(screen.query_one("#title").render())
            assert rows(core, "question_id, response, correct, score, replaces, notes") == [
                ("init-1", "norms are preserved", None, None, None, "[]"),
                ("init-1", "norms are preserved", 1, 1.0, 1, '["self-rated"]'),
                ("init-2", None, 0, 0.0, None, '["self-rated"]'),
            ]
    finally:
        core.close()


async def test_real_derivations_reach_the_panel(tmp_path: Path) -> None:
    """The registry's derivation (SymPy, in a worker, then cached on disk) shown as steps."""
    from test_ui_evidence import PanelApp

    from tutor.packs.schema import EvidenceItem
    from tutor.ui.widgets.derivation_steps import DerivationSteps

    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3")
    app = PanelApp([EvidenceItem(name="scalar-step", params={"activation": "tanh"})], backend.run_evidence)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        [view] = app.query_one("EvidencePanel").views
        assert view.error is None and view.result is not None
        assert view.result.scalars["max_abs_derivative_per_w"] == 1
        steps = view.query_one(DerivationSteps)
        assert len(steps.steps) == len(view.result.steps) >= 3
        assert "tanh" in steps.steps[0].unicode
    backend.close()


async def test_at_80x24_home_shows_how_to_reach_the_packs(tmp_path: Path) -> None:
    """With the built-in packs listed, focusing the pack table scrolled the body to centre it
    and hid "Packs (tab switches lists, ↑↓ picks)" at 80x24; the modes stay in view too."""
    from fast_keys import wait_until
    from textual.widgets import OptionList

    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3")
    app = TutorApp(backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the packs listed")
        await pilot.pause()
        body = app.screen.query_one("#home-body")
        label = app.screen.query(".section-title").first()
        assert "tab switches lists" in str(label.render())
        assert body.region.contains_region(label.region)
        assert body.region.contains_region(app.screen.query_one("#modes", OptionList).region)
    backend.close()
