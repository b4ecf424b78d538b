"""The home screen's detail of a pack that failed to load: its first problems, the cause first.

A new user's typo ('promt:') was shown only as its consequence, 'questions[0].prompt: required
field is missing'; the cause, "unknown field 'promt' (did you mean 'prompt'?)", came second
and was not shown at all."""

from __future__ import annotations

from pathlib import Path

import yaml
from fakes import META, QUESTIONS, FakeClock, running
from textual.widgets import Static

from tutor.packs.problem_order import causes_first
from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp


def write_broken_pack(folder: Path, questions: list[dict]) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(META, allow_unicode=True), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": questions}, allow_unicode=True),
                                           encoding="utf-8")
    return folder


def misspelt(question: dict, wrong: str, right: str) -> dict:
    return {(wrong if key == right else key): value for key, value in question.items()}


async def detail_of_broken(tmp_path: Path, pack: Path) -> list[str]:
    """The detail lines shown with the cursor on the broken pack, at 80x24."""
    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    app = TutorApp(backend)
    try:
        async with running(app, size=(80, 24)) as pilot:
            [broken] = [entry for entry in app.entries if entry.source == pack]
            table = app.screen.query_one("#packs")
            table.focus()
            table.move_cursor(row=table.get_row_index(broken.id))
            await pilot.pause()
            detail = app.screen.query_one("#pack-description", Static)
            return str(detail.render()).splitlines()
    finally:
        backend.close()


async def test_a_misspelt_field_shows_the_unknown_field_before_the_missing_one(tmp_path, isolated_home) -> None:
    pack = write_broken_pack(isolated_home / "packs" / "typo", [misspelt(QUESTIONS[0], "promt", "prompt"), *QUESTIONS[1:]])
    lines = await detail_of_broken(tmp_path, pack)
    assert lines[0].endswith("questions[0]: unknown field 'promt' (did you mean 'prompt'?)"), lines
    assert lines[1].endswith("questions[0].prompt: required field is missing"), lines
    assert lines[0].startswith("questions.yaml:")  # the row names the pack's folder: its files are named within it
    assert lines[-1] == "Fix the file, then press f5 to load it again."


async def test_at_most_three_problems_then_how_many_more_and_where_to_see_them(tmp_path, isolated_home) -> None:
    questions = [{**question, "level": "expert"} for question in QUESTIONS]
    pack = write_broken_pack(isolated_home / "packs" / "levels", [*questions, {**questions[0], "id": "fourth"},
                                                                  {**questions[0], "id": "fifth"}])
    lines = await detail_of_broken(tmp_path, pack)
    problems = [line for line in lines if "invalid level 'expert'" in line]
    assert len(problems) == 3 and all(line.startswith("questions.yaml:") for line in problems), lines
    assert lines[3] == f"(+2 more: tutor validate {pack})"


def test_a_suggestion_goes_before_the_missing_field_it_explains_and_nothing_else_moves() -> None:
    lines = [
        "p/q.yaml:1:1: questions[0].id: required field is missing",
        "p/q.yaml:3:5: questions[0].prompt: required field is missing",
        "p/q.yaml:5:5: questions[0].answer: expected text, found a list",
        "p/q.yaml:6:5: questions[0]: unknown field 'promt' (did you mean 'prompt'?)",
        "p/q.yaml:9:5: questions[1]: unknown field 'idd' (did you mean 'id'?)",
        "p/q.yaml:12:5: unknown field 'titel' (did you mean 'title'?)",
        "p/q.yaml:13:5: title: required field is missing",
    ]
    assert causes_first(lines) == [lines[0], lines[3], lines[1], lines[2], lines[4], lines[5], lines[6]]
