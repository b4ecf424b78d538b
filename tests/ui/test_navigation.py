"""Screens navigate by posting messages the app handles (`tutor.ui.navigation`); the app
asks a screen how to reopen it only through `Reopenable` and `JumpsToQuestion`."""

from __future__ import annotations

import ast
from pathlib import Path

from fakes import backend_with, make_pack, running

from tutor.ui.app import TutorApp
from tutor.ui.navigation import GoHome, JumpsToQuestion, OpenMode, PackHighlighted, Reopenable
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.mock_setup import MockSetupScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.stats import StatsScreen
from tutor.ui.screens.study import StudyScreen

SCREENS = Path(__file__).resolve().parents[2] / "tutor" / "ui" / "screens"
APP_NAVIGATION = {"open_mode", "go_home", "open_lab", "open_question", "select_pack", "refresh_counts"}


async def test_a_screen_opens_a_mode_and_goes_home_by_posting_messages() -> None:
    app = TutorApp(backend_with(make_pack(), make_pack(id="second", title="Second pack")))
    async with running(app) as pilot:
        app.screen.post_message(PackHighlighted("second"))
        await pilot.pause()
        assert app.pack_id == "second"
        app.screen.post_message(OpenMode("practice", first="sigmoid-bound"))
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.pack.id == "second"
        assert app.screen.question is not None and app.screen.question.id == "sigmoid-bound"
        app.screen.post_message(GoHome())
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_the_home_screens_mode_keys_post_open_mode() -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_mode_screens_say_explicitly_whether_a_reload_reopens_them() -> None:
    assert issubclass(PracticeScreen, Reopenable) and issubclass(PracticeScreen, JumpsToQuestion)
    assert issubclass(StudyScreen, Reopenable) and not issubclass(StudyScreen, JumpsToQuestion)
    assert issubclass(StatsScreen, Reopenable)
    assert not issubclass(MockSetupScreen, Reopenable)  # a mock keeps the pack it started with


def test_no_screen_calls_the_apps_navigation() -> None:
    """`self.app.open_mode(...)`, `app.go_home()` ...: a screen posts a message instead."""
    found = []
    for path in sorted(SCREENS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in APP_NAVIGATION and _is_app(node.func.value)):
                found.append(f"{path.name}:{node.lineno} {node.func.attr}")
    assert found == []


def test_the_app_does_not_look_for_screen_methods_by_name() -> None:
    source = (SCREENS.parent / "app.py").read_text(encoding="utf-8")
    for name in ("reload_options", "options_to_go_to"):
        assert f'"{name}"' not in source


def _is_app(node: ast.expr) -> bool:
    """`app` or `self.app`."""
    if isinstance(node, ast.Name):
        return node.id == "app"
    return isinstance(node, ast.Attribute) and node.attr == "app" and isinstance(node.value, ast.Name)


def test_no_screen_writes_the_apps_state() -> None:
    """No `self.app.x = ...`, `app.x += ...`, `setattr(self.app, ...)` or `del app.x` in a screen:
    a screen posts a message and the app changes its own state."""
    found = []
    for path in sorted(SCREENS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif isinstance(node, ast.Delete):
                targets = node.targets
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("setattr", "delattr") and node.args and _reaches_app(node.args[0])):
                found.append(f"{path.name}:{node.lineno} {node.func.id}")
            for target in targets:
                for leaf in _leaves(target):
                    if isinstance(leaf, (ast.Attribute, ast.Subscript)) and _reaches_app(leaf.value):
                        found.append(f"{path.name}:{node.lineno} {ast.unparse(leaf)}")
    assert found == []


def test_the_write_scan_finds_a_write() -> None:
    """The scan above is not vacuous."""
    tree = ast.parse("def f(self, app):\n    self.app.pack_id = 'x'\n    app.counts['a'] = 1\n")
    assigns = [node for node in ast.walk(tree) if isinstance(node, ast.Assign)]
    assert [_reaches_app(node.targets[0].value) for node in assigns] == [True, True]


def _leaves(target: ast.expr) -> list[ast.expr]:
    """The names a (possibly unpacking) assignment target writes."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return [leaf for element in target.elts for leaf in _leaves(element)]
    if isinstance(target, ast.Starred):
        return _leaves(target.value)
    return [target]


def _reaches_app(node: ast.expr) -> bool:
    """`app`, `self.app`, or anything reached from them (`self.app.counts`, `app.entries[0]`)."""
    while True:
        if _is_app(node):
            return True
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        else:
            return False


def test_screens_and_widgets_never_import_the_app() -> None:
    """Not even under TYPE_CHECKING: the app imports screens, screens know only `tutor.ui.navigation`
    (the messages, and `backend_of` to read the backend)."""
    found = []
    for path in sorted([*SCREENS.glob("*.py"), *(SCREENS.parent / "widgets").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                       else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            found += [f"{path.name}:{node.lineno}" for module in modules if module == "tutor.ui.app"]
    assert found == []
