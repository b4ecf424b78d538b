"""Validation of variant questions: names, formulas and templates that hold for every draw.

Run by `tutor.packs.rules` after the schema. Static checks first (each placeholder names
a parameter or formula, formulas and the numeric answer parse over the names declared
before them, no parameter shadows a symbolic variable); then the formulas are computed
for every combination of parameter values (up to `MAX_COMBINATIONS`), so a formula that
divides by zero or overflows on one draw is reported with that draw; then a few whole
draws are filled in, which catches a format that does not fit a value.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from tutor.packs.problems import FieldPath, Problem
from tutor.packs.variants import (
    VariantError,
    compute,
    concrete,
    describe,
    draw_params,
    evaluate,
    placeholders,
    values_of,
)

if TYPE_CHECKING:
    from tutor.packs.model import Origin
    from tutor.packs.schema import Question

MAX_COMBINATIONS = 4096
WHOLE_DRAWS = 3
"""Whole draws filled in by validation: all parameters at their lowest, at their highest, seed 0."""

_UNTEMPLATED = frozenset({"id", "level", "topics", "related", "kind", "name", "stat", "op", "scalar", "series"})

At = Callable[[FieldPath, str], Problem]


def variant_problems(
    question: Question, origin: Origin, at: Callable[[Origin, FieldPath, str], Problem]
) -> list[Problem]:
    """Every problem with `question`'s parameters, formulas and templates (empty if it has none)."""

    def here(path: FieldPath, message: str) -> Problem:
        return at(origin, path, message)

    if not question.params:
        extra = next((name for name in ("formulas", "agrees_with") if getattr(question, name)), None)
        return [here((extra,), f"{extra} needs params: only a question with params is drawn")] if extra else []
    kind = question.check.kind
    if kind not in ("numeric", "symbolic"):
        return [here(("params",), f"params are for numeric and symbolic checks, not {kind}")]
    problems = _name_problems(question, here)
    if problems:
        return problems
    problems = _formula_problems(question, here) + _template_problems(question, here)
    if problems:
        return problems
    return _draw_problems(question, here)


def _name_problems(question: Question, here: At) -> list[Problem]:
    problems = []
    variables = set(getattr(question.check, "variables", ()))
    for name in question.params:
        if name in variables:
            problems.append(here(("params", name), f"parameter '{name}' is also a variable of the check: rename one"))
    for name in question.formulas:
        if name in question.params:
            problems.append(here(("formulas", name), f"formula '{name}' has the name of a parameter"))
        elif name in variables:
            problems.append(here(("formulas", name), f"formula '{name}' is also a variable of the check: rename one"))
    if question.agrees_with is not None and question.check.kind != "numeric":
        problems.append(here(("agrees_with",), "agrees_with compares a numeric answer; this check is symbolic"))
    return problems


def _formula_problems(question: Question, here: At) -> list[Problem]:
    from tutor.expressions import check_expression

    problems = []
    known = list(question.params)
    for name, text in question.formulas.items():
        problems.extend(_parse_problem(check_expression(text, tuple(known)), ("formulas", name), here))
        known.append(name)
    if question.check.kind == "numeric":
        error = check_expression(question.check.answer, tuple(known))
        problems.extend(_parse_problem(error, ("check", "answer"), here))
        for index, mistake in enumerate(question.check.mistakes):
            error = check_expression(mistake.answer, tuple(known))
            problems.extend(_parse_problem(error, ("check", "mistakes", index, "answer"), here))
    return problems


def _parse_problem(error: Any, path: FieldPath, here: At) -> list[Problem]:
    if error is None:
        return []
    where = f"character {error.offset + 1}: " if error.offset is not None else ""
    return [here(path, f"{where}{error.message}")]


def _template_problems(question: Question, here: At) -> list[Problem]:
    """Each placeholder names a parameter or formula (captions may also name the run's scalars)."""
    known = [*question.params, *question.formulas]
    data = question.model_dump(exclude={"params", "formulas", "agrees_with"}, exclude_defaults=True)
    if question.check.kind == "numeric":
        data["check"].pop("answer", None)  # an expression over the names, not a template
    problems = []
    for path, text in _strings(data, ()):
        if path[-1] == "caption":
            continue
        for name, _ in placeholders(text):
            if name not in known:
                message = f"unknown parameter '{name}' in template (known: {', '.join(known)})"
                problems.append(here(path, message))
                break
    return problems


def _strings(node: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(node, str):
        if not path or path[-1] not in _UNTEMPLATED:
            yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))


def _draw_problems(question: Question, here: At) -> list[Problem]:
    """Formulas on every combination of values; then a few whole draws filled in."""
    names = list(question.params)
    pools = [values_of(question.params[name]) for name in names]
    combinations = itertools.islice(itertools.product(*pools), MAX_COMBINATIONS)
    candidates = [dict(zip(names, combination)) for combination in combinations]
    whole = [dict(zip(names, (pool[0] for pool in pools))), dict(zip(names, (pool[-1] for pool in pools))),
             draw_params(question, 0)]
    for params in candidates:
        try:
            values = compute(question, params)
            if question.check.kind == "numeric":
                evaluate(question.check.answer, values, what="the answer", path=("check", "answer"))
        except VariantError as error:
            return [here(error.path, str(error))]
    for params in whole[:WHOLE_DRAWS]:
        try:
            concrete(question, compute(question, params))
        except VariantError as error:
            return [here(error.path or ("params",), f"when {describe(params)}: {error}")]
        except ValidationError as error:
            first = error.errors()[0]
            path = tuple(first["loc"])
            return [here(path, f"when {describe(params)}: {first['msg']}")]
    return []
