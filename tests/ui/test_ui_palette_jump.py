"""The palette's "go to question": only the current pack's questions, and a jump from
practice keeps the session's counters (answered, right) and, where they still hold,
its filters. A reload of the watched pack keeps the counters too."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import (
    QUESTIONS,
    FakeClock,
    backend_with,
    fake_result,
    make_pack,
    running,
    submit,
)
from fast_keys import wait_until
from test_ui_core_backend import write_pack
from test_ui_home import run_palette
from test_ui_watch import poll, save_questions
from textual.widgets import Select, Static

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.commands import tutor_commands
from tutor.ui.screens.practice import PracticeScreen

RIGHT_ANSWER = "a product of jacobians that shrinks exponentially"
ANSWERS = {"why-vanish": ("it explodes", RIGHT_ANSWER), "sigmoid-bound": ("0.3", "1/4"), "lstm-path": ("a", "b")}
"""A wrong and a right answer to each question of the mini pack."""


def question_commands(app: TutorApp) -> list[str]:
    """The palette's question commands up to the prompt ('Question ID', or 'Question' alone for
    a variant question, which is named by its prompt)."""
    return [command.text.split(":")[0] for command in tutor_commands(app) if command.text.startswith("Question")]


def title(app: TutorApp) -> str:
    return str(app.screen.query_one("#title", Static).render())


@pytest.fixture
def watched(tmp_path: Path):
    pack_dir = write_pack(tmp_path / "mini")
    backend = CoreBackend([pack_dir], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    yield backend, pack_dir
    backend.close()


async def test_with_watch_the_palette_offers_only_the_watched_packs_questions(watched) -> None:
    backend, pack_dir = watched
    app = TutorApp(backend, watch=pack_dir)
    async with running(app) as pilot:
        assert app.pack_id == "rnn-mini"
        assert any(entry.id == "rnn-gradients" for entry in app.entries)  # the built-in pack is there too
        assert question_commands(app) == ["Question why-vanish", "Question sigmoid-bound", "Question lstm-path"]
        await run_palette(pilot, "gradients vanish vanilla")  # the built-in pack has such questions too
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.pack is app.entry("rnn-mini").pack and app.screen.question.id == "why-vanish"
        app.select_pack("rnn-gradients")
        assert "Question why-vanish" not in question_commands(app)
        assert len(question_commands(app)) == len(app.entry("rnn-gradients").pack.questions)


async def test_a_palette_jump_in_practice_keeps_the_counters_and_a_reload_too(watched) -> None:
    backend, pack_dir = watched
    app = TutorApp(backend, watch=pack_dir)
    async with running(app) as pilot:
        await pilot.press("p")
        for _ in range(2):  # the first two questions drawn, one right and one wrong
            right = not app.screen.answered
            await submit(pilot, ANSWERS[app.screen.question.id][right])
            await pilot.press("n")
        assert title(app).endswith("1 of 2 right · 0 left")
        await run_palette(pilot, "question why-vanish")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question.id == "why-vanish"
        assert (screen.answered, screen.right) == (2, 1)
        # the counters kept, and "left" too: the questions seen in this sitting are not dealt again
        # (a new user saw "53 left" become "59 left" after a jump)
        assert title(app).endswith("1 of 2 right · 0 left")
        await submit(pilot, RIGHT_ANSWER)
        assert title(app).endswith("2 of 3 right · 0 left")
        save_questions(pack_dir, [{**q, "prompt": q["prompt"] + " (edited)"} for q in QUESTIONS])
        await poll(pilot)
        assert app.screen is not screen and app.screen.question.id == "why-vanish"
        assert (app.screen.answered, app.screen.right) == (3, 2)


async def test_a_jump_outside_the_filter_drops_it_and_keeps_the_counters() -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app) as pilot:
        app.open_mode("practice", topic="activations")
        await pilot.pause()
        assert app.screen.question.id == "sigmoid-bound"
        await submit(pilot, "1/4")
        await run_palette(pilot, "question lstm-path")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question.id == "lstm-path"
        assert (screen.topic, screen.answered, screen.right) == (None, 1, 0)
        assert screen.query_one("#topic-filter", Select).value is Select.NULL
        await run_palette(pilot, "question why-vanish")  # no filter left to drop
        assert (app.screen.question.id, app.screen.answered) == ("why-vanish", 1)


async def test_from_study_the_jump_opens_a_fresh_practice() -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app) as pilot:
        await pilot.press("s")
        await run_palette(pilot, "question lstm-path")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question.id == "lstm-path"
        assert (screen.answered, screen.right) == (0, 0)


async def test_a_question_id_is_found_when_typed_with_spaces() -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app) as pilot:
        await run_palette(pilot, "sigmoid bound")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question.id == "sigmoid-bound"


async def test_switching_pack_from_the_palette_carries_practice_over() -> None:
    """A new user switched pack from the palette while practising, and the old pack's question
    stayed under a header naming the old pack: the switch looked as if it had not happened."""
    from fast_keys import wait_until

    app = TutorApp(backend_with(make_pack(), make_pack(id="second", title="Second pack")))
    async with running(app) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice open")
        first = app.screen
        assert first.pack.id == "rnn-mini"
        await run_palette(pilot, "pack second pack")
        await wait_until(pilot, lambda: app.screen is not first and isinstance(app.screen, PracticeScreen),
                         "practice reopened")
        assert app.pack_id == "second" and app.screen.pack.id == "second"
        assert "Second pack" in title(app)


async def test_the_palette_shows_a_variant_question_with_numbers_and_without_its_id(tmp_path: Path) -> None:
    """The palette lists every question before any is drawn: a variant question's prompt reads
    as the preview draw (seed 0), never `{sigma}`, and its id (which quotes '10 steps' while the
    draw asks about another number) is not shown as its title."""
    from textual.command import CommandInput, CommandList, CommandPalette

    from tutor import paths
    from tutor.packs.variants import PREVIEW_SEED, draw
    from tutor.words import one_line

    backend = CoreBackend([paths.builtin_content_dir() / "rnn-gradients"], store_path=tmp_path / "p.sqlite3",
                          clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    app = TutorApp(backend)
    try:
        async with running(app) as pilot:
            pack = app.entry("rnn-gradients").pack
            expected = {}
            for question_id in ("bound-sigmoid-10-steps", "steps-below-threshold", "scalar-tanh-step-jacobian"):
                drawn = draw(pack.question(question_id), PREVIEW_SEED).question
                expected[question_id] = f"Question: {one_line(drawn.prompt, 60)}"
            assert expected["bound-sigmoid-10-steps"] == (
                "Question: A sigmoid RNN has σₘₐₓ(Wₕₕ) = 3.6. What is the upper bound…")
            texts = {command.text for command in tutor_commands(app)}
            assert set(expected.values()) <= texts
            assert not [text for text in texts if text.startswith("Question") and "{" in text]
            await pilot.press("ctrl+p")
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            palette.query_one(CommandInput).value = "bound-sigmoid-10-steps"  # the id still finds it
            hits = palette.query_one(CommandList)

            def shown() -> list[str]:
                return [str(hits.get_option_at_index(index).prompt).split("\n")[0]
                        for index in range(hits.option_count)]

            await wait_until(pilot, lambda: any(line.startswith("Question") for line in shown()), "the search's hits")
            assert shown()[0] == expected["bound-sigmoid-10-steps"]
            assert not [line for line in shown() if "{" in line or "10-steps" in line]
    finally:
        backend.close()
