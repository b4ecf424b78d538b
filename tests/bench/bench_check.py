"""`tutor check` on the built-in pack: wall time with every core (`--jobs 0`) against the
target of issue 17 (8 s on this 2-core machine), and the same check in one process, so the
gain of the parallel run shows in the same measurement.

Run from the repository root: `PYTHONPATH=. python tests/bench/bench_check.py [runs]`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "content" / "rnn-gradients"
TARGET_SECONDS = 8.0


def timed(jobs: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tutor", "check", str(PACK), "--jobs", str(jobs)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    parallel, single = [], []
    for _ in range(runs):  # alternating, so load on the machine falls on both alike
        parallel.append(timed(0))
        single.append(timed(1))
    every, one = statistics.median(parallel), statistics.median(single)
    print(f"tutor check {PACK.name} (median of {runs}): --jobs 0 {every:.1f} s (target <= {TARGET_SECONDS:.0f} s "
          f"on {os.cpu_count()} cores); one process {one:.1f} s; parallel/one-process ratio {every / one:.2f}")


if __name__ == "__main__":
    main()
