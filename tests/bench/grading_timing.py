"""Timings of grading (a script, not a test): `PYTHONPATH=. python tests/bench/grading_timing.py`.

Prints the cost of starting the SymPy worker, typical and worst symbolic grades over the
test tables, hostile inputs, a long free-text answer, and how fast pack validation can
check expressions.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_grading_hostile import HOSTILE  # noqa: E402
from test_grading_symbolic import EQUIVALENT, NOT_EQUIVALENT  # noqa: E402

from tutor.checks.answers import grade  # noqa: E402
from tutor.expressions import check_expression  # noqa: E402


def timed(function, *arguments, **keywords) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*arguments, **keywords)
    return time.perf_counter() - started, result


def symbolic(variables, expected, response, timeout=3.0):
    return grade({"kind": "symbolic", "variables": variables, "answers": [expected]}, response, timeout=timeout)


def main() -> None:
    cold, _ = timed(symbolic, ["x"], "x^2", "x*x")
    print(f"first symbolic grade (starts the worker, imports SymPy): {cold:.3f} s")
    for name, table in (("equivalent", EQUIVALENT), ("not equivalent", NOT_EQUIVALENT)):
        times = sorted(timed(symbolic, row[0], row[1], row[2])[0] for row in table)
        print(
            f"{name:15} n={len(times)}  median {statistics.median(times) * 1000:.1f} ms  "
            f"p90 {times[int(0.9 * len(times))] * 1000:.1f} ms  max {times[-1] * 1000:.1f} ms"
        )
    slow, result = timed(symbolic, ["a", "b"], "1", "(tanh(a+b)^2 + 1/cosh(a+b)^2)^200")
    print(f"worst case (SymPy killed at the 3 s deadline): {slow:.3f} s, notes {result.notes}")
    after, _ = timed(symbolic, ["x"], "x^2", "x*x")
    print(f"next grade after a kill (replacement worker was started at once): {after:.3f} s")
    hostile = max(timed(grade, {"kind": "symbolic", "variables": ["x"], "answers": ["x"]}, text)[0] for text in HOSTILE)
    print(f"slowest hostile input: {hostile * 1000:.2f} ms")
    concepts = {"kind": "concepts", "concepts": [{"name": f"c{i}", "phrases": [f"phrase number {i} here"]}
                                                 for i in range(10)]}
    long_answer = "Clipping does not fix vanishing gradients but it prevents exploding ones. " * 66
    seconds, _ = timed(grade, concepts, long_answer[:5000])
    print(f"concepts: 5000-character answer, 10 concepts: {seconds * 1000:.1f} ms")
    count = 5000
    started = time.perf_counter()
    for _ in range(count):
        check_expression("w*(1 - tanh(w*h + u*x + b)^2)", ["w", "h", "u", "x", "b"], ["tanh"])
    per_check = (time.perf_counter() - started) / count
    print(f"check_expression (pack validation): {per_check * 1e6:.0f} µs per expression")


if __name__ == "__main__":
    main()
