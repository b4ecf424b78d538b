"""The instructor's loop ends in the app: a pack made by `tutor new` is studied for real."""

from __future__ import annotations

from pathlib import Path

from fakes import FakeClock, fake_result, running, submit

from tutor.cli import main
from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp


async def test_a_scaffolded_pack_can_be_studied(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mine"
    assert main(["new", str(folder), "--title", "Mine"]) == 0
    assert main(["validate", str(folder)]) == 0
    capsys.readouterr()
    backend = CoreBackend([folder], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    try:
        app = TutorApp(backend)
        async with running(app) as pilot:
            assert app.pack is not None and app.pack.id == "mine"
            await pilot.press("s")
            await pilot.press("ctrl+r", "3")  # the flashcard: reveal, rate Good
            await submit(pilot, "a")  # the choice question: exploding gradients
            await pilot.press("enter")  # the suggested rating
        reviews = [tuple(row) for row in backend.store.query(
            "SELECT pack_id, question_id, mode, correct, rating FROM reviews ORDER BY id")]
        assert reviews[0] == ("mine", "vanishing-definition", "study", None, 3)
        assert reviews[1][:4] == ("mine", "clipping-cures-what", "study", 1)
    finally:
        backend.close()
