"""`matrix`: a vector or a small matrix of numbers, graded entry by entry with a tolerance.

For answers such as the step Jacobian diag(φ′(a))·W for given numbers, or a gradient after
clipping. A pack writes the answer as rows (`[[0.5, 0], [0.2, 0.9]]`) or, for a vector, as
one list (`[0.6, -0.8]`); each entry may be arithmetic (`0.9^20`, `1/4`).

A learner may type the same rows in any of the usual notations:
- nested brackets `[[0.5, 0], [0.2, 0.9]]`, or `[[0.5 0] [0.2 0.9]]`;
- MATLAB style `[0.5, 0; 0.2, 0.9]`, or the same without brackets `0.5 0; 0.2 0.9`;
- one row per line (pasted), entries split by commas or spaces.
Spaces split entries only where they cannot be part of arithmetic: `1 - 0.2` is one entry,
`1 -0.2` two (as in MATLAB). A vector may be typed as a row or as a column.

What is not an answer is a format error (not an attempt): unreadable entries (pointing at
the character), ragged rows, and a shape other than the answer's (the prompt states it). An
answer of the right shape is scored by the fraction of entries within tolerance
(|r − a| ≤ atol + rtol·|a|, PrairieLearn's defaults rtol 1e-2, atol 1e-8); it is correct only
when every entry is. Feedback names the entries that are off, with `too high`, `too low` or
`the sign is wrong`, and says so when the answer is the transpose of the right one.
Notes: `entry:R,C` (or `entry:I` in a vector) for each entry off, `transposed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from tutor.checks.kind import AuthoredExpression, CheckKind
from tutor.fields import Expression, Model

if TYPE_CHECKING:
    from tutor.grading.result import Grade

MAX_SIDE = 10
MAX_RESPONSE_LENGTH = 2000
_ROW_BREAKS = ";\n"
_OPERATOR_ENDS = "+-*/^(×·"
_OPERATOR_STARTS = "*/^)×·"


class MatrixCheck(Model):
    """Rows of numbers or arithmetic (`[[0.5, 0], [0.2, 0.9]]`), or one list for a vector."""

    kind: Literal["matrix"]
    answer: list[list[Expression]] | list[Expression] = Field(min_length=1, max_length=MAX_SIDE)
    rtol: float = Field(default=1e-2, ge=0, le=1)
    atol: float = Field(default=1e-8, ge=0)

    @model_validator(mode="after")
    def _rectangular(self) -> "MatrixCheck":
        rows = self.rows
        if any(len(row) == 0 for row in rows):
            raise ValueError("answer: a row is empty")
        if any(len(row) > MAX_SIDE for row in rows):
            raise ValueError(f"answer: a row has more than {MAX_SIDE} entries")
        widths = sorted({len(row) for row in rows})
        if len(widths) > 1:
            counts = " and ".join(map(str, widths))
            raise ValueError(f"answer: rows have {counts} entries; every row needs the same number")
        return self

    @property
    def is_vector(self) -> bool:
        return isinstance(self.answer[0], str)

    @property
    def rows(self) -> list[list[str]]:
        """The answer as rows (a vector is one row)."""
        if self.is_vector:
            return [list(self.answer)]  # type: ignore[arg-type]
        return [list(row) for row in self.answer]

    @property
    def shape_text(self) -> str:
        if self.is_vector:
            return f"a vector of {len(self.answer)} entries"
        return f"{len(self.answer)}×{len(self.rows[0])}"


# ---- reading what was typed -------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    text: str
    offset: int  # where the entry starts in the response


@dataclass(frozen=True)
class Reading:
    rows: list[list[Entry]]
    flat: bool  # typed as one list (a vector), not as rows


class Unreadable(ValueError):
    def __init__(self, message: str, offset: int | None, code: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.code = code


def read(text: str) -> Reading:
    """The rows of entries a response holds; raises Unreadable saying where and what."""
    start = len(text) - len(text.lstrip())
    if start == len(text):
        raise Unreadable("nothing typed: type the entries, for example [[1, 2], [3, 4]]", 0, "empty")
    if text[start] != "[":
        rows = _rows(text, start, len(text))
        return Reading(rows, flat=len(rows) == 1)
    reading, end = _bracketed(text, start, depth=0)
    rest = text[end:]
    if rest.strip():
        raise Unreadable("unexpected text after the closing ]", end + len(rest) - len(rest.lstrip()), "trailing")
    return reading


def _bracketed(text: str, start: int, depth: int) -> tuple[Reading, int]:
    """The list opening at `start`; returns it and the index after its closing bracket."""
    if depth > 1:
        raise Unreadable("too many brackets: a matrix is a list of rows", start, "nested")
    sublists: list[Reading] = []
    plain: list[tuple[int, int]] = []
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "]":
            return _combine(text, sublists, plain, start), index + 1
        if char == "[":
            sub, index = _bracketed(text, index, depth + 1)
            sublists.append(sub)
            continue
        end = _segment_end(text, index)
        segment = text[index:end]
        if segment.strip(" \t\r\n,;"):
            plain.append((index + len(segment) - len(segment.lstrip(" \t\r\n,;")), end))
        index = end
    raise Unreadable("a [ is never closed", start, "unclosed")


def _segment_end(text: str, index: int) -> int:
    """The end of the plain text starting at `index`: the next bracket outside parentheses."""
    depth = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in "[]" and depth == 0:
            break
        index += 1
    return index


def _combine(text: str, sublists: list[Reading], plain: list[tuple[int, int]], start: int) -> Reading:
    if sublists and plain:
        raise Unreadable("mix of rows in brackets and loose entries", plain[0][0], "mixed")
    if not sublists and not plain:
        raise Unreadable("an empty list", start, "empty")
    if plain:
        rows = [row for begin, end in plain for row in _rows(text, begin, end)]
        return Reading(rows, flat=len(rows) == 1)
    rows = []
    for sub in sublists:
        if len(sub.rows) != 1:
            raise Unreadable("a row in brackets holds rows of its own", start, "nested")
        rows.append(sub.rows[0])
    return Reading(rows, flat=False)


def _rows(text: str, start: int, end: int) -> list[list[Entry]]:
    """Rows split at `;` or line breaks (outside parentheses), each split into entries."""
    rows = []
    for begin, finish in _split(text, start, end, _ROW_BREAKS):
        if text[begin:finish].strip():
            rows.append(_entries(text, begin, finish))
    return rows


def _entries(text: str, start: int, end: int) -> list[Entry]:
    """Entries split at commas, or at spaces where no comma is typed."""
    pieces = _split(text, start, end, ",")
    if len(pieces) > 1:
        entries = [_entry(text, begin, finish) for begin, finish in pieces]
        if entries[-1] is None:  # a trailing comma is harmless
            entries.pop()
        for (begin, _), entry in zip(pieces, entries):
            if entry is None:
                raise Unreadable("an entry is empty (two commas in a row?)", begin, "empty-entry")
        return [entry for entry in entries if entry is not None]
    return _spaced_entries(text, start, end)


def _entry(text: str, begin: int, end: int) -> Entry | None:
    raw = text[begin:end]
    if not raw.strip():
        return None
    return Entry(raw.strip(), begin + len(raw) - len(raw.lstrip()))


def _spaced_entries(text: str, start: int, end: int) -> list[Entry]:
    """Split at spaces, except around arithmetic: `1 - 0.2` is one entry, `1 -0.2` two."""
    words: list[tuple[int, int]] = []
    index = start
    while index < end:
        if text[index].isspace():
            index += 1
            continue
        finish = index
        depth = 0
        while finish < end and (depth or not text[finish].isspace()):
            depth += {"(": 1, ")": -1}.get(text[finish], 0)
            depth = max(depth, 0)
            finish += 1
        words.append((index, finish))
        index = finish
    merged: list[list[int]] = []
    for begin, finish in words:
        word = text[begin:finish]
        joins = merged and (
            text[merged[-1][1] - 1] in _OPERATOR_ENDS
            or word[0] in _OPERATOR_STARTS
            or (word[0] in "+-" and len(word) == 1)
        )
        if joins:
            merged[-1][1] = finish
        else:
            merged.append([begin, finish])
    return [Entry(text[begin:finish], begin) for begin, finish in merged]


def _split(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """(begin, end) spans between separators that lie outside parentheses."""
    spans = []
    depth = 0
    begin = start
    for index in range(start, end):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            spans.append((begin, index))
            begin = index + 1
    spans.append((begin, end))
    return spans


# ---- grading ------------------------------------------------------------------------------


def _value(text: str, offset: int) -> float:
    """The value of one typed entry; raises Unreadable pointing into the response."""
    import math

    from tutor.expressions import ExpressionError, evaluate_tree, parse

    try:
        value = evaluate_tree(parse(text).tree, {})
    except ExpressionError as error:
        where = None if error.offset is None else offset + error.offset
        raise Unreadable(f"{error} in the entry '{text}'", where, error.code) from None
    if not math.isfinite(value):
        raise Unreadable(f"the entry '{text}' has no finite value", offset, "not-finite")
    return value


def expected_values(check: MatrixCheck) -> list[list[float]]:
    from tutor.grading.numeric import value_of

    return [[value_of(text, f"answer row {r + 1}, entry {c + 1}") for c, text in enumerate(row)]
            for r, row in enumerate(check.rows)]


def grade_matrix(check: MatrixCheck, response: str) -> Grade:
    from tutor.grading.result import Grade

    expected = expected_values(check)
    if len(response) > MAX_RESPONSE_LENGTH:
        return Grade.format_error(f"The answer is too long (limit {MAX_RESPONSE_LENGTH} characters).", "too-long")
    try:
        reading = read(response)
        _rectangular(reading)
        typed = [[_value(entry.text, entry.offset) for entry in row] for row in reading.rows]
    except Unreadable as error:
        where = f" (at character {error.offset + 1})" if error.offset is not None else ""
        return Grade.format_error(f"Could not read your answer: {error}{where}.", error.code, error.offset)
    shaped = _as_shape_of(check, typed, expected)
    if shaped is None:
        return _wrong_shape(check, typed, expected)
    return _compare(check, shaped, expected)


def _rectangular(reading: Reading) -> None:
    widths = [len(row) for row in reading.rows]
    if len(set(widths)) > 1:
        row = next(r for r, width in enumerate(widths) if width != widths[0])
        raise Unreadable(f"row {row + 1} has {_entries_text(widths[row])} but row 1 has {widths[0]}",
                         reading.rows[row][0].offset, "ragged")
    if sum(widths) > MAX_SIDE * MAX_SIDE:
        raise Unreadable(f"too many entries (limit {MAX_SIDE}×{MAX_SIDE})", None, "too-long")


def _entries_text(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _as_shape_of(check: MatrixCheck, typed: list[list[float]], expected: list[list[float]]) -> list[list[float]] | None:
    """`typed` in the answer's shape: as typed, or a vector typed as a row or a column."""
    if _shape(typed) == _shape(expected):
        return typed
    single_line = len(expected) == 1 or len(expected[0]) == 1
    if single_line and (len(typed) == 1 or len(typed[0]) == 1):
        flat = [value for row in typed for value in row]
        if len(flat) == len(expected) * len(expected[0]):
            return [flat] if len(expected) == 1 else [[value] for value in flat]
    return None


def _shape(rows: list[list[float]]) -> tuple[int, int]:
    return len(rows), len(rows[0])


def _transpose(rows: list[list[float]]) -> list[list[float]]:
    return [list(column) for column in zip(*rows)]


def _close(check: MatrixCheck, value: float, expected: float) -> bool:
    return abs(value - expected) <= check.atol + check.rtol * abs(expected)


def _wrong_shape(check: MatrixCheck, typed: list[list[float]], expected: list[list[float]]) -> Grade:
    from tutor.grading.result import Grade

    transposed = _transpose(typed)
    if _shape(transposed) == _shape(expected) and _all_close(check, transposed, expected):
        return Grade(False, 0.0, "Not correct: this is the transpose of the answer (rows and columns swapped).",
                     ("transposed",))
    rows, columns = _shape(typed)
    yours = _entries_text(rows * columns) if rows == 1 or columns == 1 else f"{rows}×{columns}"
    return Grade.format_error(f"The answer is {check.shape_text}; yours is {yours}.", "shape")


def _all_close(check: MatrixCheck, typed: list[list[float]], expected: list[list[float]]) -> bool:
    return all(_close(check, t, e) for t_row, e_row in zip(typed, expected) for t, e in zip(t_row, e_row))


def _compare(check: MatrixCheck, typed: list[list[float]], expected: list[list[float]]) -> Grade:
    from tutor.grading.result import Grade

    off = [(r, c) for r, row in enumerate(expected) for c, value in enumerate(row)
           if not _close(check, typed[r][c], value)]
    total = len(expected) * len(expected[0])
    if not off:
        return Grade(True, 1.0, "Correct.", ())
    square = len(expected) > 1 and _shape(expected)[0] == _shape(expected)[1]
    if square and _all_close(check, _transpose(typed), expected):
        return Grade(False, 0.0, "Not correct: this is the transpose of the answer (rows and columns swapped).",
                     ("transposed",))
    names = [_entry_name(check, r, c) for r, c in off]
    notes = tuple(f"entry:{c + 1}" if check.is_vector else f"entry:{r + 1},{c + 1}" for r, c in off)
    details = "; ".join(f"{name}: {typed[r][c]:.6g} {_how(check, typed[r][c], expected[r][c])}"
                        for name, (r, c) in zip(names, off))
    count = f"{len(off)} of {total} entries are" if len(off) > 1 else f"1 of {total} entries is"
    within = f"{check.rtol * 100:g}%" if check.rtol else f"{check.atol:g}"
    tolerance = f"each entry must be within {within}"
    details = details[:1].upper() + details[1:]  # "Row 2, column 1: …" begins a sentence
    return Grade(False, (total - len(off)) / total, f"Not correct: {count} off ({tolerance}). {details}.", notes)


def _entry_name(check: MatrixCheck, row: int, column: int) -> str:
    return f"entry {column + 1}" if check.is_vector else f"row {row + 1}, column {column + 1}"


def _how(check: MatrixCheck, value: float, expected: float) -> str:
    if expected != 0 and _close(check, -value, expected):
        return "has the wrong sign"
    return "is too high" if value > expected else "is too low"


# ---- what the rest of tutor sees -------------------------------------------------------------


def _grade(check: MatrixCheck, response: str, timeout: float, seed: int) -> Grade:
    return grade_matrix(check, response)


def written(check: MatrixCheck) -> str:
    """The answer in bracket notation, as authored (`[[0.5, 0], [0.2, 0.9]]`)."""
    rows = ["[" + ", ".join(row) + "]" for row in check.rows]
    return rows[0] if check.is_vector else "[" + ", ".join(rows) + "]"


def _expected(check: MatrixCheck) -> str:
    """The values, rounded for reading: `[[0.5, 0], [0.2, 0.9]]`."""
    rows = ["[" + ", ".join(f"{value:.6g}" for value in row) + "]" for row in expected_values(check)]
    return rows[0] if check.is_vector else "[" + ", ".join(rows) + "]"


def _model_responses(check: MatrixCheck, answer: str) -> list[tuple[str, str]]:
    """The answer in brackets and in MATLAB rows: both notations must read back as right."""
    matlab = "; ".join(", ".join(row) for row in check.rows)
    return [("check.answer", written(check)), ("check.answer", matlab)]


def _expressions(check: MatrixCheck) -> list[AuthoredExpression]:
    if check.is_vector:
        return [(("answer", c), text, (), None) for c, text in enumerate(check.answer)]  # type: ignore[misc]
    return [(("answer", r, c), text, (), None) for r, row in enumerate(check.rows) for c, text in enumerate(row)]


def _placeholder(check: Any) -> str:
    if getattr(check, "is_vector", False):
        return "Entries in brackets, e.g. [3, -1.5], then enter"
    return "Rows in brackets, e.g. [[1, 2], [3, 4]] or 1 2; 3 4, then enter"


def _describe(check: dict[str, Any]) -> list[str]:
    model = MatrixCheck.model_validate(check)
    return [f"  expected: {written(model)} (rtol {model.rtol:g}, atol {model.atol:g}, entry by entry)"]


KIND = CheckKind(
    name="matrix",
    order=5,
    model=MatrixCheck,
    grade=_grade,
    expected=_expected,
    placeholder=_placeholder,
    describe=_describe,
    model_responses=_model_responses,
    expressions=_expressions,
    shows_expression=True,
)
