"""The app and the commands are two front ends over one service (issue 13).

`tutor/ui/` holds only Textual code: whatever a command could use instead of opening the
app (pack entries, mock settings, the backend over the core ...) lives in `tutor.service`.
And a command reaches into `tutor.ui` only to open the app, with `tutor.ui.app.run_app`.

Both are read from the source with `ast`, every import counted wherever it stands: inside
functions (a lazy import is still a dependency) and under `if TYPE_CHECKING:`. For the UI
a type-only import of Textual counts as importing it: a module whose functions take or
return Textual's objects (a widget, a screen class) is Textual code; so does a Textual
widget library (`textual_plotext`).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTOR = ROOT / "tutor"


def imports_of(path: Path) -> list[tuple[str, tuple[str, ...], int]]:
    """(module, names imported from it, line) for every import in `path`, wherever it stands.
    `import a.b` gives ("a.b", ()); `from a import b, c` gives ("a", ("b", "c"))."""
    found: list[tuple[str, tuple[str, ...], int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, (), node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: tutor imports absolutely"
            found.append((node.module or "", tuple(alias.name for alias in node.names), node.lineno))
    return found


def _is_textual(module: str) -> bool:
    """Textual itself or one of its widget libraries (`textual_plotext`)."""
    top = module.split(".")[0]
    return top == "textual" or top.startswith("textual_")


def _only_a_docstring(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return all(isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) for node in body)


def test_every_module_of_the_ui_is_textual_code() -> None:
    modules = sorted((TUTOR / "ui").rglob("*.py"))
    assert TUTOR / "ui" / "app.py" in modules and TUTOR / "ui" / "screens" / "home.py" in modules
    not_textual = [
        str(path.relative_to(ROOT)) for path in modules
        if not any(_is_textual(module) for module, _, _ in imports_of(path))
        and not (path.name == "__init__.py" and _only_a_docstring(path))
    ]
    assert not_textual == [], (
        "these modules of tutor/ui import nothing from Textual: move them to tutor.service "
        "(or to the core) so a command can use them without the app:\n  " + "\n  ".join(not_textual)
    )


def test_an_init_of_the_ui_holds_only_its_docstring() -> None:
    inits = sorted((TUTOR / "ui").rglob("__init__.py"))
    assert len(inits) >= 3
    assert [str(path.relative_to(ROOT)) for path in inits if not _only_a_docstring(path)] == []


def command_modules() -> list[Path]:
    return sorted((TUTOR / "commands").rglob("*.py")) + [TUTOR / "cli.py", TUTOR / "__main__.py"]


def ui_imports(path: Path, root: Path = ROOT) -> list[str]:
    """Every import of `path` that reaches tutor.ui, other than `from tutor.ui.app import run_app`."""
    found = []
    for module, names, line in sorted(imports_of(path), key=lambda found: found[2]):
        reaches_ui = module == "tutor.ui" or module.startswith("tutor.ui.") or (module == "tutor" and "ui" in names)
        if reaches_ui and not (module == "tutor.ui.app" and names == ("run_app",)):
            found.append(f"{path.relative_to(root)}:{line}: {module} {', '.join(names)}".rstrip())
    return found


def test_commands_import_the_ui_only_to_open_the_app() -> None:
    assert TUTOR / "commands" / "mock.py" in command_modules()
    wrong = [line for path in command_modules() for line in ui_imports(path)]
    assert wrong == [], "commands use tutor.ui for more than run_app (use tutor.service):\n  " + "\n  ".join(wrong)


def test_the_commands_that_open_the_app_are_seen(tmp_path: Path) -> None:
    opening = [path.name for path in command_modules()
               if ("tutor.ui.app", ("run_app",)) in [(module, names) for module, names, _ in imports_of(path)]]
    assert {"home.py", "mock.py"} <= set(opening)
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def run():\n    from tutor.ui.app import TutorApp, run_app\n"
                      "    from tutor import ui\n    import tutor.ui.modes\n")
    assert [line.split(": ", 1)[1] for line in ui_imports(sneaky, tmp_path)] == [
        "tutor.ui.app TutorApp, run_app", "tutor ui", "tutor.ui.modes"]

