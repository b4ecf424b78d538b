"""The app draws a variant question afresh: practice shows the drawn prompt, grades with
the drawn check, and the store keeps the draw with the answer."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from fakes import META, FakeClock, running, submit
from textual.widgets import Static

from tutor.packs.variants import draw
from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.practice import PracticeScreen

POWER = {
    "id": "power",
    "level": "basic",
    "topics": ["vanishing"],
    "params": {"r": {"choices": [0.5, 0.8, 0.9]}, "k": {"range": [2, 9], "step": 1}},
    "formulas": {"value": "r^k"},
    "prompt": "What is {r}^{k}?",
    "answer": "{r}{k:sup} ≈ {value:.4g}",
    "explanation": "Multiply {r} by itself {k} times.",
    "check": {"kind": "numeric", "answer": "r^k", "atol": 0},
}


@pytest.fixture
def core(tmp_path: Path) -> CoreBackend:
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(META, allow_unicode=True), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": [POWER]}, allow_unicode=True),
                                           encoding="utf-8")
    backend = CoreBackend([folder], store_path=tmp_path / "progress.sqlite3", clock=FakeClock(),
                          rng=random.Random(2))
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]  (numeric grading needs no SymPy)
    yield backend
    backend.close()


async def test_practice_shows_the_drawn_variant_and_the_store_keeps_its_parameters(core: CoreBackend) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        app.open_question("rnn-mini", "power")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert str(screen.query_one(".question--prompt", Static).render()) == "What is 0.9^8?"
        await submit(pilot, "0.9^8")
        assert str(screen.query_one(".answer--expected", Static).render()).endswith("0.43046721")
        rows = [tuple(row) for row in core.store.query("SELECT question_id, response, correct, variant FROM reviews")]
        assert len(rows) == 1 and rows[0][:3] == ("power", "0.9^8", 1)
        stored = json.loads(rows[0][3])
        assert stored["params"] == {"r": 0.9, "k": 8}
        pack = next(entry.pack for entry in core.packs() if entry.id == "rnn-mini")
        assert draw(pack.question("power"), stored["seed"]).question.prompt == "What is 0.9^8?"


async def test_study_shows_a_drawn_card_and_keeps_the_draw_with_the_rating(core: CoreBackend) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        await pilot.press("s")
        await pilot.pause()
        prompt = str(app.screen.query_one(".question--prompt", Static).render())
        assert prompt == "What is 0.5^4?"
        await pilot.press("ctrl+r", "3")  # reveal without answering, rate Good
        [(variant,)] = [tuple(row) for row in core.store.query("SELECT variant FROM reviews")]
        stored = json.loads(variant)
        assert stored["params"] == {"r": 0.5, "k": 4}
        pack = next(entry.pack for entry in core.packs() if entry.id == "rnn-mini")
        assert draw(pack.question("power"), stored["seed"]).question.prompt == prompt
