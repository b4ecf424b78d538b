"""Where a piece of a text field sits in its file: the line and column of a word inside a
caption, so a problem points at the number or reference itself, not at the field.

YAML folds and unquotes a scalar, so offsets in the loaded string are not offsets in the
file; the piece is found again in the file instead, counting earlier occurrences, inside
the lines that belong to the field (those indented deeper than the line it starts on).
"""

from __future__ import annotations

from tutor.packs.problems import FieldPath, Location
from tutor.packs.yaml_reader import Document


def locate_piece(document: Document, path: FieldPath, value: str, start: int, piece: str) -> Location:
    """The location of `piece`, found at offset `start` of the loaded string `value` at
    `path`; the field's own location when the piece cannot be found in the file."""
    field = document.locate(path)
    if not field.line:
        return field
    occurrence = value[:start].count(piece)
    lines = document.text.splitlines()
    base = _indent(lines[field.line - 1]) if field.line <= len(lines) else 0
    for number in range(field.line, len(lines) + 1):
        line = lines[number - 1]
        if number > field.line and line.strip() and _indent(line) <= base:
            break
        column = field.column - 1 if number == field.line else 0
        while (column := line.find(piece, column)) >= 0:
            if occurrence == 0:
                return Location(field.file, number, column + 1)
            occurrence -= 1
            column += len(piece)
    return field


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
