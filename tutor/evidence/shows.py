"""What a run must show, stated in words and proven on the run by `tutor check`.

A question's evidence may say what it is there to show, so that evidence which stops showing
its point fails the check instead of quietly illustrating something else:

- `vanishes: S`: series S ends more than `SHRINK`× smaller at its start than at its end
  (first / last < 1/SHRINK; for a gradient over time, the earliest step against the latest);
- `grows: S`: first / last > SHRINK;
- `preserved: S`: first / last within a factor `KEPT` either way;
- `apart: [A, B]` (with `factor`, default 10): the first / last ratios of A and B differ by
  more than `factor`× (one run keeps the gradient, the other loses it).
"""

from __future__ import annotations

import math
from typing import Any

from tutor.evidence.claims import ClaimOutcome, series_statistic
from tutor.evidence.result import Result
from tutor.evidence.text import format_number as fmt

SHRINK = 100.0
KEPT = 10.0


def evaluate_shows(statement: Any, result: Result) -> ClaimOutcome:
    """Check one `shows` statement (a `tutor.packs.schema.Shows`) against `result`."""
    ratios = []
    for name in statement.series_names():
        series = result.all_series().get(name)
        if series is None:
            return ClaimOutcome(False, None, f"{result.name} has no series '{name}'")
        ratios.append(series_statistic(series, "first_over_last"))
    if any(ratio is None or math.isnan(ratio) for ratio in ratios):
        return ClaimOutcome(False, None, f"series '{statement.series_names()[0]}' has no first/last ratio")
    present = [ratio for ratio in ratios if ratio is not None]  # all of them, by the check above
    if statement.apart is not None:
        first, second = present
        spread = _spread(first, second)
        held = spread > statement.factor
        verdict = "holds" if held else "fails"
        return ClaimOutcome(held, spread, f"series '{statement.apart[0]}' (first/last {fmt(first)}) and "
                                          f"'{statement.apart[1]}' ({fmt(second)}) are {fmt(spread)}× apart, "
                                          f"claimed more than {statement.factor:g}×: {verdict}")
    ratio = present[0]
    if statement.vanishes is not None:
        held, said = ratio < 1 / SHRINK, f"vanishes (first/last below {fmt(1 / SHRINK)})"
    elif statement.grows is not None:
        held, said = ratio > SHRINK, f"grows (first/last above {fmt(SHRINK)})"
    else:
        held, said = 1 / KEPT <= ratio <= KEPT, f"is preserved (first/last within {fmt(KEPT)}× of 1)"
    name = statement.series_names()[0]
    return ClaimOutcome(held, ratio, f"series '{name}' has first/last {fmt(ratio)}, claimed it {said}: "
                                     f"{'holds' if held else 'fails'}")


def _spread(first: float, second: float) -> float:
    """How many times apart two positive ratios are (inf when one is 0 and the other is not)."""
    low, high = sorted((abs(first), abs(second)))
    if low == 0:
        return math.inf if high > 0 else 1.0
    return high / low
