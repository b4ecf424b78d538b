"""`tutor --watch PATH`: the app reloads the pack when its files change, keeps the
learner on the same screen and question, and shows a broken save's errors without
crashing; f5 reloads the current pack on request."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fakes import META, QUESTIONS, FakeClock, fake_result, running
from test_ui_core_backend import write_pack
from test_ui_home import run_palette
from textual.widgets import Static

from tutor.cli import build_parser
from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.question_view import QuestionView

NEW_PROMPT = "Why, exactly, do gradients vanish in a vanilla RNN trained with BPTT?"


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "mini")


@pytest.fixture
def core(tmp_path: Path, pack_dir: Path) -> CoreBackend:
    backend = CoreBackend([pack_dir], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    yield backend
    backend.close()


def save_questions(pack_dir: Path, questions: list[dict]) -> None:
    (pack_dir / "questions.yaml").write_text(yaml.safe_dump({"questions": questions}, allow_unicode=True),
                                             encoding="utf-8")


async def poll(pilot) -> None:
    """What the app's 1 s timer does, now."""
    pilot.app.poll_watched_pack()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def prompt_shown(app: TutorApp) -> str:
    return str(app.screen.query_one(QuestionView).query_one(".question--prompt", Static).render())


async def test_a_saved_edit_is_reloaded_on_the_same_question_and_a_broken_save_is_reported(
    core: CoreBackend, pack_dir: Path
) -> None:
    app = TutorApp(core, watch=pack_dir)
    async with running(app) as pilot:
        await app.workers.wait_for_complete()  # the watcher has seen the files as they are
        app.open_question("rnn-mini", "sigmoid-bound")
        await pilot.pause()
        await poll(pilot)
        assert [n.title for n in app._notifications] == []  # nothing changed, nothing reloaded

        edited = [dict(q) for q in QUESTIONS]
        edited[1] = {**edited[1], "prompt": NEW_PROMPT}
        save_questions(pack_dir, edited)
        await poll(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question.id == "sigmoid-bound"
        assert prompt_shown(app) == NEW_PROMPT
        assert app.pack.questions[1].prompt == NEW_PROMPT
        assert [n.title for n in app._notifications] == ["RNN gradients (mini) reloaded"]

        (pack_dir / "questions.yaml").write_text("questions:\n  - id: broken\n    level: [\n", encoding="utf-8")
        await poll(pilot)
        assert app.screen is screen and prompt_shown(app) == NEW_PROMPT  # still the last good version
        [error] = [n for n in app._notifications if n.severity == "error"]
        assert error.title == "RNN gradients (mini) did not reload: still showing the last good version"
        assert error.message.splitlines()[0].startswith(f"{pack_dir / 'questions.yaml'}:")

        save_questions(pack_dir, [q for q in edited if q["id"] != "sigmoid-bound"])  # fixed, minus a question
        await poll(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question.id != "sigmoid-bound"
        assert [q.id for q in app.pack.questions] == ["why-vanish", "lstm-path"]
        assert [n.title for n in app._notifications] == ["RNN gradients (mini) reloaded"]  # the errors went


async def test_f5_or_the_palette_reload_the_current_pack_and_home_shows_the_new_count(core: CoreBackend, pack_dir: Path) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        save_questions(pack_dir, QUESTIONS[:2])
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#packs")
        assert str(table.get_row("rnn-mini")[1]) == "2"
        assert any(n.title == "RNN gradients (mini) reloaded" for n in app._notifications)
        save_questions(pack_dir, QUESTIONS[:1])
        await run_palette(pilot, "reload pack")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one("#packs").get_row("rnn-mini")[1]) == "1"


def test_watch_is_a_top_level_option() -> None:
    args = build_parser().parse_args(["--watch", "packs/mine"])
    assert args.watch == Path("packs/mine") and args.command is None


async def test_a_pack_broken_at_start_opens_once_it_is_fixed(core: CoreBackend, pack_dir: Path) -> None:
    good = (pack_dir / "questions.yaml").read_text(encoding="utf-8")
    (pack_dir / "questions.yaml").write_text("questions: 3\n", encoding="utf-8")
    app = TutorApp(core, watch=pack_dir)
    async with running(app) as pilot:
        await app.workers.wait_for_complete()
        [broken] = [entry for entry in app.entries if entry.source == pack_dir]
        assert broken.error and app.pack_id != "rnn-mini"
        (pack_dir / "questions.yaml").write_text(good, encoding="utf-8")
        await poll(pilot)
        assert app.pack_id == "rnn-mini" and len(app.pack.questions) == 3
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)


async def test_the_watched_copy_wins_when_two_packs_share_an_id(tmp_path: Path, pack_dir: Path) -> None:
    """A copy of a pack (same id) opened with `tutor --watch` is the one used, watched and
    reloaded: `tutor --watch` lists the watched path first, and the first --pack wins."""
    copy = write_pack(tmp_path / "copy")
    backend = CoreBackend([copy, pack_dir], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    app = TutorApp(backend, watch=copy)
    async with running(app) as pilot:
        await app.workers.wait_for_complete()
        assert [entry.source for entry in app.entries if entry.id.startswith("rnn-mini")] == [copy]
        [warning] = [n.message for n in app._notifications if n.severity == "warning"]
        assert warning.startswith("pack id 'rnn-mini' is found 2 times: using ")
        app.open_mode("practice", pack_id="rnn-mini", first="sigmoid-bound")
        await pilot.pause()
        save_questions(copy, [{**q, "prompt": NEW_PROMPT} if q["id"] == "sigmoid-bound" else q for q in QUESTIONS])
        await poll(pilot)
        assert app.pack_id == "rnn-mini"
        assert app.screen.question.id == "sigmoid-bound" and prompt_shown(app) == NEW_PROMPT
    backend.close()


async def cursor_on(app: TutorApp, pilot, pack_id: str):
    """The home screen's pack table, focused, with its cursor on `pack_id`'s row."""
    table = app.screen.query_one("#packs")
    table.focus()
    table.move_cursor(row=table.get_row_index(pack_id))
    await pilot.pause()
    return table


async def rewrite_and_reload(app: TutorApp, pilot, pack: Path, questions: str) -> None:
    """Write `questions` as the pack's question file, press f5 and wait for the reload."""
    (pack / "questions.yaml").write_text(questions, encoding="utf-8")
    await pilot.press("f5")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_f5_on_a_broken_user_pack_reads_it_again_and_shows_it_healthy(tmp_path: Path, isolated_home: Path) -> None:
    """A pack in the packs folder failed to load (listed with its problem); the learner fixes
    the file, puts the cursor on it and presses f5: it was the current (built-in) pack that was
    reloaded, and the broken one stayed broken until a restart."""
    user_pack = write_pack(isolated_home / "packs" / "mini")
    good = (user_pack / "questions.yaml").read_text(encoding="utf-8")
    (user_pack / "questions.yaml").write_text("questions: 3\n", encoding="utf-8")
    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    app = TutorApp(backend)
    async with running(app) as pilot:
        [broken] = [entry for entry in app.entries if entry.source == user_pack]
        assert broken.error and not broken.usable
        table = await cursor_on(app, pilot, broken.id)
        await rewrite_and_reload(app, pilot, user_pack, good)
        [fixed] = [entry for entry in app.entries if entry.source == user_pack]
        assert fixed.usable and fixed.id == "rnn-mini" and fixed.error is None
        assert str(table.get_row("rnn-mini")[1]) == "3"
        assert app.pack_id == "rnn-mini"  # the cursor stays on it: a mode key opens it
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.pack.id == "rnn-mini"
    backend.close()


async def test_f5_on_a_pack_still_broken_shows_its_new_problem(tmp_path: Path, isolated_home: Path) -> None:
    user_pack = write_pack(isolated_home / "packs" / "mini")
    (user_pack / "questions.yaml").write_text("questions: 3\n", encoding="utf-8")
    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    app = TutorApp(backend)
    async with running(app) as pilot:
        [broken] = [entry for entry in app.entries if entry.source == user_pack]
        await cursor_on(app, pilot, broken.id)
        current = app.pack_id
        await rewrite_and_reload(app, pilot, user_pack, "questions:\n  - id: broken\n    level: [\n")
        [still] = [entry for entry in app.entries if entry.source == user_pack]
        assert still.error != broken.error and str(user_pack / "questions.yaml") in (still.error or "")
        assert app.pack_id == current
        [error] = [n for n in app._notifications if n.severity == "error"]
        assert error.title == f"{broken.title} still does not load"
        description = str(app.screen.query_one("#pack-description").render())
        assert still.error.removeprefix(f"{user_pack}/") in description  # named within the folder the row names
    backend.close()


async def test_f5_on_a_fixed_user_pack_with_a_built_in_id_lists_the_packs_as_a_restart_would(
    tmp_path: Path, isolated_home: Path
) -> None:
    """A user pack with the built-in pack's id (a copy being edited) failed to load, so the
    built-in one was listed too; once fixed, f5 listed both under one title (the user's as
    'rnn-gradients (2)'), where a restart lists the user's alone (the most specific wins)."""
    user_pack = write_pack(isolated_home / "packs" / "mine")
    (user_pack / "pack.yaml").write_text(yaml.safe_dump({**META, "id": "rnn-gradients"}), encoding="utf-8")
    good = (user_pack / "questions.yaml").read_text(encoding="utf-8")
    (user_pack / "questions.yaml").write_text(good.replace("prompt:", "promt:", 1), encoding="utf-8")
    backend = CoreBackend([], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    app = TutorApp(backend)
    async with running(app) as pilot:
        [broken] = [entry for entry in app.entries if entry.source == user_pack]
        assert not broken.usable and app.entry("rnn-gradients").builtin
        table = await cursor_on(app, pilot, broken.id)
        await rewrite_and_reload(app, pilot, user_pack, good)
        await app.workers.wait_for_complete()
        await pilot.pause()
        restart = CoreBackend([], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
        expected = [(entry.id, entry.title, entry.source, entry.builtin) for entry in restart.packs()]
        restart.close()
        assert [(entry.id, entry.title, entry.source, entry.builtin) for entry in app.entries] == expected
        assert ("rnn-gradients", META["title"], user_pack, False) in expected
        assert [str(table.get_row_at(row)[0]) for row in range(table.row_count)] == [title for _, title, _, _ in expected]
        assert app.pack_id == "rnn-gradients" and app.pack.meta.title == META["title"]
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any(message.startswith("pack id 'rnn-gradients' is found 2 times: using ") for message in warnings)
    backend.close()


async def test_a_watched_pack_broken_by_a_save_keeps_its_last_good_version_when_the_packs_are_listed_again(
    tmp_path: Path, isolated_home: Path
) -> None:
    """`tutor --watch` keeps showing the last good version of a pack a save broke. Fixing another
    broken pack lists every pack again, as a restart would: the watched one was then read from its
    broken files and listed broken, while the app had just said it still showed the good version."""
    watched = write_pack(tmp_path / "watched")
    other = write_pack(isolated_home / "packs" / "other")
    (other / "pack.yaml").write_text(yaml.safe_dump({**META, "id": "other", "title": "Other"}), encoding="utf-8")
    good = (other / "questions.yaml").read_text(encoding="utf-8")
    (other / "questions.yaml").write_text("questions: 3\n", encoding="utf-8")
    backend = CoreBackend([watched], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    app = TutorApp(backend, watch=watched)
    async with running(app) as pilot:
        await app.workers.wait_for_complete()
        (watched / "questions.yaml").write_text("questions:\n  - id: broken\n    level: [\n", encoding="utf-8")
        await poll(pilot)
        assert any(n.title.endswith("still showing the last good version") for n in app._notifications)
        [broken] = [entry for entry in app.entries if entry.source == other]
        await cursor_on(app, pilot, broken.id)
        await rewrite_and_reload(app, pilot, other, good)
        await app.workers.wait_for_complete()
        await pilot.pause()
        [fixed] = [entry for entry in app.entries if entry.source == other]
        [kept] = [entry for entry in app.entries if entry.source == watched]
        assert fixed.usable and fixed.id == "other"
        assert kept.usable and kept.id == "rnn-mini" and kept.error is None and len(kept.pack.questions) == 3
        assert str(app.screen.query_one("#packs").get_row("rnn-mini")[1]) == "3"
    backend.close()
