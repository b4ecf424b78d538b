"""Grading a `choice` check: one or several option keys.

A response is a string of keys (`"b"`, `"a,c"`, `"a c"`, `"ac"`, `"A"`, `"(b)"`) or a list of
keys. A key that is no option, no key at all, or several keys for a one-answer question
are format errors: invalid, not wrong. Multiple answer earns partial credit, PrairieLearn
style: +1/n for each correct option chosen, -1/n for each wrong one, floored at 0, where n is
the number of correct options; it is correct only when exactly the correct set is chosen.
Feedback gives each chosen option's own feedback and names the correct options missed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tutor.grading.result import Grade

if TYPE_CHECKING:
    from tutor.checks.kinds.choice import ChoiceCheck

MAX_RESPONSE_LENGTH = 200
MAX_LIST_LENGTH = 26
_SEPARATORS = re.compile(r"[\s,;/&+]+|\band\b")


class _KeyError(ValueError):
    def __init__(self, message: str, offset: int | None, code: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.code = code


def grade_choice(check: ChoiceCheck, response: str | list[str]) -> Grade:
    try:
        chosen = _chosen_keys(check, response)
    except _KeyError as error:
        where = f" (at character {error.offset + 1})" if error.offset is not None else ""
        return Grade.format_error(f"{error}{where}.", error.code, error.offset)
    correct_keys = check.correct_keys
    notes = tuple(f"selected:{key}" for key in chosen)
    notes += tuple(f"wrong:{key}" for key in chosen if key not in correct_keys)
    missed = [option.key for option in check.options if option.correct and option.key not in chosen]
    notes += tuple(f"missed:{key}" for key in missed)
    right = sum(key in correct_keys for key in chosen)
    wrong = len(chosen) - right
    score = max(0.0, (right - wrong) / len(correct_keys))
    correct = set(chosen) == correct_keys
    score = 1.0 if correct else score
    return Grade(correct, score, _feedback(check, chosen, missed, correct, score), notes)


def _feedback(check: ChoiceCheck, chosen: list[str], missed: list[str | None], correct: bool, score: float) -> str:
    """The first line says what the verdict says (right, partly right, not right): a partial
    heading above a score of 0 would contradict the verdict shown above it."""
    by_key = {option.key: option for option in check.options}
    if correct:
        lines = ["Correct."]
    elif score > 0:
        lines = ["Partly correct."]
    elif check.multiple and any(by_key[key].correct for key in chosen):
        lines = ["Not correct: each wrong choice cancels a right one."]
    else:
        lines = ["Not correct."]
    lines += [f"{key}) {by_key[key].feedback}" for key in chosen if by_key[key].feedback]
    if missed:
        keys = ", ".join(str(key) for key in missed)
        lines.append(f"Missed: {keys}." if check.multiple else f"The answer is {keys}.")
    return "\n".join(lines)


def _chosen_keys(check: ChoiceCheck, response: str | list[str]) -> list[str]:
    """The chosen keys in the order of the options, without repeats; raises _KeyError."""
    keys = {option.key for option in check.options}
    if isinstance(response, str):
        if len(response) > MAX_RESPONSE_LENGTH:
            raise _KeyError(
                f"The answer is too long for a choice (limit {MAX_RESPONSE_LENGTH} characters)", None, "too-long"
            )
        pieces: list[tuple[str, int | None]] = list(_split(response))
    elif isinstance(response, (list, tuple)) and len(response) <= MAX_LIST_LENGTH:
        pieces = [(str(item).strip().lower(), None) for item in response]
        if any(len(piece) != 1 for piece, _ in pieces):
            raise _KeyError("Each choice is one option key, such as a or 3", None, "unknown-key")
    else:
        raise _KeyError("Choose with the option keys, such as a or a,c", None, "type")
    chosen: set[str] = set()
    for piece, offset in pieces:
        for index, key in enumerate(piece):
            if key not in keys:
                shown = f"'{key}'" if key.isprintable() else f"U+{ord(key):04X}"
                where = None if offset is None else offset + index
                known = ", ".join(sorted(keys))  # type: ignore[arg-type]
                raise _KeyError(f"{shown} is not one of the options ({known})", where, "unknown-key")
            chosen.add(key)
    if not chosen:
        raise _KeyError("Choose an option", 0 if isinstance(response, str) else None, "empty")
    if not check.multiple and len(chosen) > 1:
        raise _KeyError("This question has one answer: choose one option", None, "several-keys")
    return [option.key for option in check.options if option.key in chosen]


def _split(response: str) -> list[tuple[str, int]]:
    """Pieces of the text between separators, lower-cased, with `(b)` / `b)` / `b.` unwrapped."""
    pieces = []
    position = 0
    for separator in list(_SEPARATORS.finditer(response)) + [None]:
        end = separator.start() if separator else len(response)
        piece = response[position:end]
        start = position
        while piece[:1] == "(":
            piece, start = piece[1:], start + 1
        piece = piece.rstrip(").:")
        if piece:
            pieces.append((piece.lower(), start))
        position = separator.end() if separator else len(response)
    return pieces
