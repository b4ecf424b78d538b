"""Are two expressions equal? Two independent judges and how their verdicts combine.

1. Numeric (here, floats via `tutor.expressions.evaluation`): both expressions are evaluated at seeded
   random points; where both are finite, a relative difference above 1e-6 is a
   counterexample (`different`), agreement at every usable point (at least 3) is `equal`,
   too few usable points is `unknown`. Points are drawn from `numpy.random.default_rng(seed)`:
   half with every variable in [0.2, 1.8] (so logs, roots and real powers are defined),
   half in ±[0.1, 1.8]; values are rounded to 3 decimals so both judges see the same
   exact numbers.
2. SymPy (in a killable worker process, `symbolic_worker`): exact and 30-digit arithmetic
   at the same points, then simplification: `equal` (proved), `different` (exact
   difference found), `unknown`, or `timeout` / `failed`.

Combination: SymPy's proof of equality or of difference decides; otherwise the numeric
verdict decides; if neither can decide, the result is `undecided` (never `different`).
When the two judges contradict each other the SymPy proof wins and the grade carries the
note `crosscheck:disagree`, which the tests require never to appear for the pack.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache

from tutor.expressions import Parsed, evaluate_tree
from tutor.grading.symbolic_pool import ask_sympy

POINT_COUNT = 12
MINIMUM_USABLE_POINTS = 3
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Counterexample:
    point: dict[str, float]
    expected: float
    response: float


@dataclass(frozen=True)
class NumericComparison:
    verdict: str  # equal, different, unknown
    counterexample: Counterexample | None = None


@dataclass(frozen=True)
class Equivalence:
    """The combined verdict on a response against the expected answers."""

    verdict: str  # equal, different, undecided
    answer_index: int  # the expected answer the verdict refers to
    sympy_verdict: str  # equal, different, unknown, timeout, failed
    numeric_verdict: str  # equal, different, unknown
    counterexample: Counterexample | None = None
    disagree: bool = False


def sample_points(variables: list[str], seed: int, count: int = POINT_COUNT) -> list[dict[str, float]]:
    """The `count` points for `variables` drawn from `seed` (fresh dicts, the caller may keep them).

    Remembered per variables, seed and count: seeding a generator costs more than the draws,
    and a question grades every response at the same points (`tutor check` asks for them
    about 2,500 times on the built-in pack)."""
    return [dict(point) for point in _points(tuple(variables), seed, count)]


@lru_cache(maxsize=256)
def _points(variables: tuple[str, ...], seed: int, count: int) -> tuple[dict[str, float], ...]:
    import numpy

    rng = numpy.random.default_rng(seed)
    points = []
    for index in range(count):
        magnitudes = rng.uniform(0.2, 1.8, size=len(variables)) if index < count // 2 else rng.uniform(
            0.1, 1.8, size=len(variables)
        ) * rng.choice((-1.0, 1.0), size=len(variables))
        points.append({name: round(float(value), 3) for name, value in zip(variables, magnitudes)})
    return tuple(points)


def compare_numerically(expected: Parsed, response: Parsed, points: list[dict[str, float]]) -> NumericComparison:
    usable = 0
    for point in points:
        expected_value = evaluate_tree(expected.tree, point)
        response_value = evaluate_tree(response.tree, point)
        if not (math.isfinite(expected_value) and math.isfinite(response_value)):
            continue
        usable += 1
        scale = max(abs(expected_value), abs(response_value))
        if abs(expected_value - response_value) > ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * scale:
            return NumericComparison("different", Counterexample(point, expected_value, response_value))
    return NumericComparison("equal" if usable >= MINIMUM_USABLE_POINTS else "unknown")


def decide(
    expected: list[Parsed],
    response: Parsed,
    functions: list[str] | None,
    *,
    seed: int,
    deadline: float,
    notation: dict[str, str] | None = None,
) -> Equivalence:
    """Compare `response` with each expected answer; the first equal one wins."""
    variables = list(expected[0].variables)
    points = sample_points(variables, seed)
    numeric = [compare_numerically(answer, response, points) for answer in expected]
    outcome = ask_sympy([answer.text for answer in expected], response.text, variables, functions, points, deadline,
                        notation=notation)
    sympy_verdicts = list(outcome.verdicts) if outcome.status == "done" else []
    results = []
    for index, comparison in enumerate(numeric):
        sympy_verdict = sympy_verdicts[index] if index < len(sympy_verdicts) else (
            outcome.status if outcome.status != "done" else "unknown"
        )
        results.append(_combine(index, sympy_verdict, comparison))
        if results[-1].verdict == "equal":
            return results[-1]
    undecided = [result for result in results if result.verdict == "undecided"]
    return undecided[0] if undecided else results[0]


def _combine(index: int, sympy_verdict: str, numeric: NumericComparison) -> Equivalence:
    if sympy_verdict in ("equal", "different"):
        verdict = sympy_verdict
    elif numeric.verdict in ("equal", "different"):
        verdict = numeric.verdict
    else:
        verdict = "undecided"
    disagree = {sympy_verdict, numeric.verdict} == {"equal", "different"}
    counterexample = numeric.counterexample if verdict == "different" else None
    return Equivalence(verdict, index, sympy_verdict, numeric.verdict, counterexample, disagree)


def deadline_after(seconds: float) -> float:
    return time.monotonic() + seconds
