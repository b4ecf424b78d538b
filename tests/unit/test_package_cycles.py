"""Tutor's packages import each other in one direction only: no cycle between them.

The graph is read from the source with `ast`, so it sees every import, those inside functions
too (a lazy import is still a dependency; it only moves its cost), but not those under
`if TYPE_CHECKING:`, which never run. A node is a subpackage of tutor (`tutor.packs`,
`tutor.grading` ...) or a top-level module (`tutor.cli`, `tutor.words`); imports within one
node are its own business. `from tutor import paths` counts as importing `tutor.paths`.
The service (`tutor.service`) sits between the core and its two front ends, the app and the
commands: only they import it, and it imports neither.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTOR = ROOT / "tutor"

Edges = dict[str, dict[str, list[str]]]
"""node -> node it imports -> where (`tutor/packs/rules.py:14`)."""


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or path.is_dir()


def imported_modules(path: Path) -> list[tuple[str, int]]:
    """The modules `path` imports, with line numbers, skipping `if TYPE_CHECKING:` blocks."""
    name, is_package = _module_name(path)
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for statement in child.orelse:
                    visit_one(statement)
            else:
                visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*package, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((submodule if _exists(submodule) else base, node.lineno))
        else:
            visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


def node_of(module: str) -> str:
    """`tutor.packs.rules` -> `tutor.packs`; `tutor.cli` -> `tutor.cli`; `tutor` -> `tutor`."""
    return ".".join(module.split(".")[:2])


def package_edges() -> Edges:
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for path in sorted(TUTOR.rglob("*.py")):
        source = node_of(_module_name(path)[0])
        for module, line in imported_modules(path):
            if module.split(".")[0] != "tutor":
                continue
            target = node_of(module)
            if target != source:
                edges[source][target].append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def find_cycle(edges: Edges) -> list[str] | None:
    """One cycle as the list of its nodes (first node repeated at the end), or None."""
    state: dict[str, str] = {}  # "active" while on the depth-first path, then "done"
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = "active"
        path.append(node)
        for target in sorted(edges.get(node, {})):
            if state.get(target) == "active":
                return [*path[path.index(target):], target]
            if target not in state and (cycle := walk(target)) is not None:
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state and (cycle := walk(node)) is not None:
            return cycle
    return None


def describe(cycle: list[str], edges: Edges) -> str:
    return "\n".join(
        f"  {source} -> {target}: {', '.join(edges[source][target][:4])}" for source, target in zip(cycle, cycle[1:])
    )


def test_the_graph_sees_lazy_imports_but_not_type_checking_ones() -> None:
    home = [module for module, _ in imported_modules(TUTOR / "commands" / "home.py")]
    assert "tutor.ui.app" in home  # imported inside run()
    backend = TUTOR / "service" / "protocol.py"
    assert "from tutor.store.reviews import Mode" in backend.read_text()  # under TYPE_CHECKING
    assert "tutor.store.reviews" not in [module for module, _ in imported_modules(backend)]


def test_no_cycle_between_tutors_packages() -> None:
    edges = package_edges()
    cycle = find_cycle(edges)
    assert cycle is None, "packages import each other in a cycle:\n" + describe(cycle, edges)


def test_find_cycle_reports_one() -> None:
    edges: Edges = {"a": {"b": ["x"]}, "b": {"c": ["y"]}, "c": {"a": ["z"]}}
    assert find_cycle(edges) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": ["x"]}, "b": {}}) is None


def test_the_expression_language_imports_nothing_else_of_tutor() -> None:
    assert dict(package_edges().get("tutor.expressions", {})) == {}


FRONT_ENDS = {"tutor.commands", "tutor.ui", "tutor.cli"}
"""What may call the service: the app and the command line."""


def test_only_the_front_ends_import_the_service() -> None:
    edges = package_edges()
    importers = {source: where for source, targets in edges.items() for target, where in targets.items()
                 if target == "tutor.service"}
    assert {"tutor.commands", "tutor.ui"} <= set(importers)
    assert {source: where for source, where in importers.items() if source not in FRONT_ENDS} == {}


def test_the_service_does_not_import_a_front_end() -> None:
    reached = set(package_edges().get("tutor.service", {}))
    assert {"tutor.packs", "tutor.study"} <= reached
    assert reached.isdisjoint(FRONT_ENDS)
