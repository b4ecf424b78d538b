"""Problems found in a pack, each rendered as one line a person can act on.

A problem knows where it is (file, line, column, and the field path inside the
document) and what is wrong. The same shape serves the YAML reader, the schema
validation, the cross-question rules and `tutor check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Location:
    """A position in a file; line and column count from 1 (0 means unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One error in a pack: where, which field, and what (with what was expected)."""

    location: Location
    message: str
    field: FieldPath = ()

    def __str__(self) -> str:
        where = str(self.location)
        if self.field:
            return f"{where}: {format_field(self.field)}: {self.message}"
        return f"{where}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """By file, line and column; a problem about a whole folder ("no question files") after
        the problems in its files, so the first line shown (the home screen shows one) is the
        precise one, such as a YAML error in its pack.yaml."""
        file = self.location.file
        folder = not PurePath(file).suffix and self.location.line == 0
        return (file + "/\uffff" if folder else file, self.location.line, self.location.column, self.message)


class PackError(Exception):
    """A pack (or file) that cannot be used; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        from tutor.packs.problem_order import causes_first

        ordered = sorted(problems, key=Problem.sort_key)
        # a misspelt field's "did you mean" before the missing field it explains
        alike: dict[str, list[Problem]] = {}
        for problem in ordered:
            alike.setdefault(str(problem), []).append(problem)
        self.problems = [alike[line].pop(0) for line in causes_first([str(problem) for problem in ordered])]
        super().__init__(str(self.problems[0]) if self.problems else "invalid pack")

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def format_field(path: FieldPath) -> str:
    """`("questions", 3, "check", "kind")` -> `questions[3].check.kind`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the working dir when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
