"""What a check kind supplies: `CheckKind`, one per module of `tutor.checks.kinds`.

A kind is everything the rest of tutor needs to know about one way of checking an answer,
in one place: the schema model a pack's `check:` mapping is validated against, how a
response is graded, how the expected answer is written in feedback, which responses the
model answer implies (proved by `tutor check`), which authored expressions must parse, what
the empty answer box says, and how `tutor show` lists the check. Heavy work (SymPy, the
expression parser) is imported inside the functions, so the registry stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tutor.grading.result import Grade

# an authored expression to check: (path inside the check, text, variables, functions or None)
AuthoredExpression = tuple[tuple[Any, ...], str, tuple[str, ...], "tuple[str, ...] | None"]


def _no_expressions(check: Any) -> list[AuthoredExpression]:
    return []


def _answer_text(check: Any, answer: str) -> list[tuple[str, str]]:
    """Most kinds: the question's written model answer must itself be graded correct."""
    return [("answer", answer)]


@dataclass(frozen=True)
class CheckKind:
    """One check kind. `order` places it in listings (the pack summary's count by kind).

    - `grade(check, response, timeout, seed)` returns a Grade and never raises for any
      response; a broken check (its own answer unreadable) raises `CheckError`.
    - `expected(check)` is the expected answer as one line of feedback ('' for none).
    - `model_responses(check, answer)` lists (field, response) pairs the check must grade
      correct: its own answer fields, or the question's model answer text.
    - `wrong_responses(check)` lists (field, response, note) triples the check must grade
      wrong with that note: its expected mistakes (see `tutor.checks.mistakes`).
    - `expressions(check)` lists the authored expressions the parser must accept.
    - `placeholder(check)` is what the empty answer box says.
    - `describe(check)` is the check as indented lines for `tutor show` (given the check as
      a plain mapping, as `show` prints the drawn variant).
    - `accepts_lists`: whether a response may be a list (choice keys) rather than text.
    - `self_rated`: a flashcard; the learner rates their own recall, nothing is graded.
    - `interview_ready`: an interviewer asks it as it is (free text, a formula to derive);
      other kinds reach a mock interview only through a question's `interview` form.
    - `shows_expression`: the expected answer (numbers, formulas) is shown under the model answer.
    - `one_line`: the answer is one line (a number, a formula, choice keys), so the answer box
      offers no new line.
    """

    name: str
    order: int
    model: type[BaseModel]
    grade: Callable[[Any, Any, float, int], Grade]
    expected: Callable[[Any], str]
    placeholder: Callable[[Any], str]
    describe: Callable[[dict[str, Any]], list[str]]
    model_responses: Callable[[Any, str], list[tuple[str, str]]] = _answer_text
    expressions: Callable[[Any], list[AuthoredExpression]] = _no_expressions
    wrong_responses: Callable[[Any], list[tuple[str, str, str]]] = lambda check: []
    accepts_lists: bool = False
    self_rated: bool = False
    shows_expression: bool = False
    interview_ready: bool = False
    one_line: bool = False
