"""Variant questions: fresh numbers for each attempt, the answer computed, never typed.

A question with `params` is a generator in PrairieLearn's sense. Each parameter is drawn
from its `range`/`step` or `choices` with a `random.Random(seed)`, in declaration order;
`formulas` then compute named values from the parameters (and earlier formulas) with the
project's one safe expression language. Text fields name values in braces, `{k}`, with
an optional format: `{bound:.3g}`, `{bound:.3p}` for a written power of ten (1.07·10⁻⁶),
`{k:sup}` for a superscript exponent (0.9{k:sup} reads 0.9²⁰), `{k:sub}` for an index.
A numeric check's `answer` is an expression over the names (`sigma^k`); a symbolic
check's `answers` name values in braces (`(sigma/4)^{k}`). An evidence
parameter written as a single placeholder, `scale: "{sigma}"`, receives the number.

`draw(question, seed)` returns a `Variant`: the concrete question (same structure, every
template filled in, the numeric answer replaced by its value), the seed and the drawn
values. A question without `params` is its own variant. Braces naming something that is
not a value are left alone, so captions can also name the run's scalars.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tutor import number_text
from tutor.packs.problems import FieldPath
from tutor.packs.schema import ParamSpec, Question

if TYPE_CHECKING:
    from tutor.expressions import Parsed

PLACEHOLDER = re.compile(r"\{([A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*)(?::([^{}]*))?\}")
SEED_LIMIT = 2**31
"""Seeds are drawn below this, so they fit SQLite integers and JSON everywhere."""

Number = int | float


class VariantError(ValueError):
    """A template or formula that cannot be filled in for some draw (one line, says which);
    `path` is the field inside the question, when known."""

    def __init__(self, message: str, path: FieldPath = ()) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Variant:
    """One draw of a question: what the learner sees and what grading uses."""

    question: Question
    seed: int | None = None
    params: Mapping[str, Number] = field(default_factory=dict)
    values: Mapping[str, Number] = field(default_factory=dict, repr=False)
    """The parameters and every formula's value, by name."""

    def record(self) -> dict[str, Any] | None:
        """What the store keeps with an answer (None for a question without parameters)."""
        if self.seed is None:
            return None
        return {"seed": self.seed, "params": dict(self.params)}


def next_seed(rng: Any) -> int:
    """A variant seed from a session's generator (`random.Random` or `numpy.random.Generator`)."""
    if hasattr(rng, "integers"):
        return int(rng.integers(0, SEED_LIMIT))
    seed: int = rng.randrange(SEED_LIMIT)
    return seed


def draw_fresh(question: Any, rng: Any) -> Variant:
    """A new variant of `question` with a seed from `rng` (a session's generator); a question
    without parameters (or any other object a session is given) is its own variant and
    takes nothing from `rng`."""
    if not getattr(question, "params", None):
        return Variant(question)
    return draw(question, next_seed(rng))


def draw(question: Question, seed: int) -> Variant:
    """The variant of `question` for `seed` (the same seed always gives the same variant)."""
    if not question.params:
        return Variant(question)
    params = draw_params(question, seed)
    values = compute(question, params)
    return Variant(concrete(question, values), seed, params, values)


PREVIEW_SEED = 0
"""The draw that stands for a variant question where none has been drawn yet (a list of
questions, an export): the same seed everywhere, so they all show the same numbers."""


def preview_prompt(question: Question) -> str:
    """The prompt as the draw for PREVIEW_SEED reads (the prompt itself for a question without
    parameters), so a list never shows `{sigma}`; only the prompt is filled in, which keeps a
    list of every question cheap. A template that cannot be filled is shown as written."""
    if not question.params:
        return question.prompt
    try:
        return render(question.prompt, compute(question, draw_params(question, PREVIEW_SEED)))
    except VariantError:
        return question.prompt


def draw_params(question: Question, seed: int) -> dict[str, Number]:
    """Each parameter's value for `seed`, drawn in declaration order from one `random.Random`."""
    rng = random.Random(seed)
    return {name: rng.choice(values_of(spec)) for name, spec in question.params.items()}


@lru_cache(maxsize=1024)
def values_of(spec: ParamSpec) -> tuple[Number, ...]:
    """Every value `spec` can take, in order; whole numbers as ints.

    Steps are added in decimal, so `range: [0.8, 0.95], step: 0.05` gives 0.85 and 0.9,
    not 0.8500000000000001.
    """
    if spec.choices is not None:
        raw = list(spec.choices)
    else:
        assert spec.range is not None  # a ParamSpec has exactly one of range and choices
        low, high = (Decimal(repr(end)) for end in spec.range)
        step = Decimal(repr(spec.step))
        raw = []
        value = low
        while value <= high + step / 10**6:
            raw.append(float(value))
            value += step
    if all(float(value).is_integer() for value in raw):
        return tuple(int(value) for value in raw)
    return tuple(raw)


def compute(question: Question, params: Mapping[str, Number]) -> dict[str, Number]:
    """The parameters plus each formula's value, in order (later formulas see earlier ones)."""
    values: dict[str, Number] = dict(params)
    for name, text in question.formulas.items():
        values[name] = evaluate(text, values, what=f"formula '{name}'", path=("formulas", name))
    return values


def evaluate(text: str, values: Mapping[str, Number], *, what: str, path: FieldPath = ()) -> float:
    """`text` (an expression over the names in `values`) with those values; raises VariantError."""
    from tutor.expressions import ExpressionError, evaluate_tree

    names = tuple(values)
    try:
        parsed = _parsed(render(text, values) if "{" in text else text, names)
    except ExpressionError as error:
        raise VariantError(f"{what}: character {(error.offset or 0) + 1}: {error.message}", path) from None
    canonical = _canonical(names)
    value = evaluate_tree(parsed.tree, dict(zip(canonical, values.values())))
    if not math.isfinite(value):
        used = tuple(name for name, spelt in zip(names, canonical) if spelt in parsed.names)
        raise VariantError(f"{what} has no finite value when {describe(values, names=used)}", path)
    return value


@lru_cache(maxsize=4096)
def _parsed(text: str, names: tuple[str, ...]) -> Parsed:
    """The parse of a formula over `names` (memoised: every draw evaluates the same formulas;
    the tree is only read afterwards)."""
    from tutor.expressions import parse

    return parse(text, names)


@lru_cache(maxsize=1024)
def _canonical(names: tuple[str, ...]) -> tuple[str, ...]:
    from tutor.expressions import canonical_name

    return tuple(canonical_name(name) for name in names)


def render(text: str, values: Mapping[str, Number]) -> str:
    """`text` with every placeholder naming one of `values` filled in (others left alone)."""

    def fill(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        return format_value(values[name], spec or "", name)

    return PLACEHOLDER.sub(fill, text)


def format_value(value: Number, spec: str, name: str = "value") -> str:
    """One value as text (see `tutor.number_text.format_value`); a format that cannot write it
    is a VariantError, like every other fault of a template."""
    try:
        return number_text.format_value(value, spec, name)
    except number_text.NumberFormatError as error:
        raise VariantError(str(error)) from None


def placeholders(text: str) -> list[tuple[str, str]]:
    """The (name, format) of every placeholder in `text`."""
    return [(match.group(1), match.group(2) or "") for match in PLACEHOLDER.finditer(text)]


def describe(values: Mapping[str, Number], names: tuple[str, ...] | None = None) -> str:
    """`k = 10, sigma = 0.85` (only `names` when given, in the order of `values`)."""
    shown = [name for name in values if names is None or name in names]
    return ", ".join(f"{name} = {format_value(values[name], '', name)}" for name in shown)


# ---- the concrete question ------------------------------------------------------------------

_NOT_TEXT = frozenset({"id", "level", "topics", "related", "kind", "name", "stat", "op", "scalar", "series"})


def concrete(question: Question, values: Mapping[str, Number]) -> Question:
    """`question` with `values` filled in everywhere and the numeric answer computed."""
    data = question.model_dump(exclude={"params", "formulas", "agrees_with"}, exclude_defaults=True)
    filled = _fill(data, values, ())
    check = filled["check"]
    if check.get("kind") == "numeric":
        value = evaluate(question.check.answer, values, what="the answer", path=("check", "answer"))
        check["answer"] = format(value, ".12g")  # 12 digits: far inside any tolerance, still readable
        for index, mistake in enumerate(question.check.mistakes):
            path = ("check", "mistakes", index, "answer")
            wrong = evaluate(mistake.answer, values, what=f"mistake {index + 1}", path=path)
            check["mistakes"][index]["answer"] = format(wrong, ".12g")
    return Question.model_validate(filled)


def _fill(node: Any, values: Mapping[str, Number], path: FieldPath) -> Any:
    if isinstance(node, str):
        if path and path[-1] in _NOT_TEXT:
            return node
        if len(path) >= 2 and path[-2] == "params":
            whole = PLACEHOLDER.fullmatch(node)
            if whole and whole.group(1) in values and not whole.group(2):
                value = values[whole.group(1)]  # an evidence parameter gets the number itself
                return int(value) if float(value).is_integer() else value
        try:
            return render(node, values)
        except VariantError as error:
            raise VariantError(str(error), path) from None
    if isinstance(node, dict):
        return {key: _fill(value, values, (*path, key)) for key, value in node.items()}
    if isinstance(node, list):
        return [_fill(value, values, (*path, index)) for index, value in enumerate(node)]
    return node
