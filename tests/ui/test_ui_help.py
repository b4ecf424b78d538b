"""The help screen lists every key of the screen below it, from the bindings."""

from __future__ import annotations

from fakes import running
from textual.widgets import DataTable

from tutor.ui.app import TutorApp
from tutor.ui.screens.help import HelpScreen, KeyRow
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.study import StudyScreen


def rows_by_description(screen: HelpScreen) -> dict[str, KeyRow]:
    return {row.description: row for row in screen.rows}


async def test_help_on_home_lists_modes_and_global_keys(app: TutorApp) -> None:
    async with running(app) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = rows_by_description(help_screen)
        assert rows["Study"] == KeyRow("s", "Study", "Home", True)
        assert rows["Mock interview"] == KeyRow("m", "Mock interview", "Home", True)
        assert rows["Help"] == KeyRow("? f1", "Help", "Everywhere", True)
        assert rows["Quit"].group in ("Home", "Everywhere")
        assert rows["Command palette (questions, modes, packs, theme)"].keys == "^p"
        groups = {row.group for row in help_screen.rows}
        assert help_screen.query_one(DataTable).row_count == len(help_screen.rows) + len(groups)
        assert [row.description for row in help_screen.rows][:2] == ["Quit", "Settings"]  # footer keys first
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_help_in_study_marks_keys_that_do_nothing_yet(app: TutorApp) -> None:
    async with running(app) as pilot:
        await pilot.press("s", "f1")  # f1 works while typing in the answer box
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = rows_by_description(help_screen)
        assert rows["Reveal"] == KeyRow("^r", "Reveal", "Study", True)
        assert rows["Again"] == KeyRow("1", "Again", "Study", False)
        assert rows["New seed"].available is False
        assert rows["Home"] == KeyRow("esc", "Home", "Study", True)
        assert rows["Submit"] == KeyRow("⏎", "Submit", "Answer box", True)
        assert rows["New line"] == KeyRow("ctrl+j", "New line", "Answer box", True)
        await pilot.press("escape", "enter", "f1")  # reveal, then ask again
        rows = rows_by_description(app.screen)
        assert rows["Again"].available and rows["New seed"].available and not rows["Reveal"].available
        await pilot.press("q")
        assert isinstance(app.screen, StudyScreen)
