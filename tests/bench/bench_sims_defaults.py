"""Median wall time of every simulation at its default parameters.

    PYTHONPATH=. python tests/bench/bench_sims_defaults.py [--runs 15]

The budget is 50 ms per simulation; the adding problem, the one demo that trains two
networks, is the documented exception (a few seconds). Prints every simulation, then
the slowest within the budget's scope and the adding problem on its own.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tutor.evidence import registry

BUDGET_MS = 50.0
TRAINING_DEMOS = ("adding-problem",)


def median_ms(name: str, runs: int) -> float:
    registry.run(name, seed=0)  # imports and first-touch allocations
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        registry.run(name, seed=0)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per simulation")
    args = parser.parse_args()
    timings = {}
    for spec in registry.all_specs("simulation"):
        runs = 3 if spec.name in TRAINING_DEMOS else args.runs
        timings[spec.name] = median_ms(spec.name, runs)
        print(f"{spec.name:<24} {timings[spec.name]:9.1f} ms")
    budgeted = {name: ms for name, ms in timings.items() if name not in TRAINING_DEMOS}
    slowest = max(budgeted, key=budgeted.get)
    verdict = "within" if budgeted[slowest] < BUDGET_MS else "OVER"
    print(f"slowest default: {slowest} at {budgeted[slowest]:.1f} ms ({verdict} the {BUDGET_MS:.0f} ms budget)")
    for name in TRAINING_DEMOS:
        print(f"training demo:   {name} at {timings[name] / 1e3:.2f} s")


if __name__ == "__main__":
    main()
