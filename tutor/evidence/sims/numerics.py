"""Numerical helpers shared by the models: norms that do not overflow, overflow steps,
and a guard against buffers that would not fit in memory.

Overflow is data here, not a crash: an exploding gradient is reported as the step at
which it became inf or NaN, so every model wraps its arithmetic in `quiet_overflow`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import numpy as np

from tutor.evidence.registry import Cancelled
from tutor.evidence.spec import ParamError

#: Largest number of float64 values the models allocate for one run (2 GiB).
MAX_ELEMENTS = 2**28

#: How many loop iterations pass between two calls of `should_cancel`.
CANCEL_EVERY = 64

#: Rows per block of a batch below which a block costs more in overhead than it saves.
MIN_BLOCK = 16

#: Bytes of per-step states a block of the batch may hold: a block whose states stay in
#: the last-level cache between its forward and backward pass runs faster. 32 MiB (the
#: L3 of the 2-core machine): tests/bench/bench_bptt.py's batch 256, T = 200 at 1 thread
#: runs 3-4% faster as one block that steps two sub-blocks in lockstep (rnn.SUB_ROWS)
#: than as two blocks of 16 MiB one after the other; most of what two blocks won before
#: (~10%) came from their smaller matrix products, which the sub-blocks keep.
CACHE_BUDGET = 2**25

_SAFE_LOW, _SAFE_HIGH = 1e-150, 1e150


def quiet_overflow() -> np.errstate:
    """A context in which inf and NaN arise silently (they are reported as data)."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")


def vector_norms(values: np.ndarray) -> np.ndarray:
    """Euclidean norms along the last axis, correct where squaring would overflow.

    The fast path squares and sums; rows whose result is outside [1e-150, 1e150]
    (or not finite) are recomputed after dividing by their largest entry, so a
    finite vector of entries near 1e200 gets a finite norm and only a vector that
    really holds inf or NaN gets inf or NaN.
    """
    with quiet_overflow():
        norms: np.ndarray = np.sqrt(np.einsum("...i,...i->...", values, values))
        suspicious = ~((norms > _SAFE_LOW) & (norms < _SAFE_HIGH))
        if np.any(suspicious):
            rows = values[suspicious]
            peak = np.max(np.abs(rows), axis=-1) if rows.shape[-1] else np.zeros(len(rows))
            usable = np.isfinite(peak) & (peak > 0)
            divisor = np.where(usable, peak, 1.0)
            scaled = rows / divisor[:, None]
            rescued = divisor * np.sqrt(np.einsum("ki,ki->k", scaled, scaled))
            norms[suspicious] = np.where(usable, rescued, peak)
    return norms


def overflow_step(values: np.ndarray, steps: np.ndarray, *, backward: bool) -> int | None:
    """The step at which `values` first became inf or NaN in the order they were computed.

    A backward pass computes from the last step to the first, so its overflow step
    is the largest step holding a non-finite value; a forward pass's is the smallest.
    """
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size == 0:
        return None
    return int(steps[bad[-1] if backward else bad[0]])


def ensure_affordable(elements: int, what: str) -> None:
    """Refuse, with one line, a run whose buffers would not fit in memory."""
    if elements > MAX_ELEMENTS:
        gib = elements * 8 / 2**30
        raise ParamError(
            f"{what} needs {gib:.1f} GiB of buffers (limit {MAX_ELEMENTS * 8 / 2**30:.0f} GiB); "
            "reduce steps, batch or hidden"
        )


def check_cancel(should_cancel: Callable[[], bool] | None, iteration: int) -> None:
    """Raise `Cancelled` when `should_cancel` says so; asks only every CANCEL_EVERY iterations."""
    if should_cancel is not None and iteration % CANCEL_EVERY == 0 and should_cancel():
        raise Cancelled()


Output = TypeVar("Output")


def batch_blocks(batch: int, threads: int, bytes_per_row: int = 0) -> list[slice]:
    """The batch cut into contiguous blocks: at least one per thread, each holding at most
    CACHE_BUDGET bytes of states (measured: per block, not per thread, is what pays), and
    never under MIN_BLOCK rows; a multiple of `threads` blocks, so the threads stay even."""
    threads = max(1, threads)
    fitting = CACHE_BUDGET // max(1, bytes_per_row)
    count = max(threads, -(-batch // max(fitting, 1)))
    count = -(-count // threads) * threads
    count = max(1, min(count, batch // MIN_BLOCK))
    edges = [round(i * batch / count) for i in range(count + 1)]
    return [slice(begin, end) for begin, end in zip(edges, edges[1:])]


def in_parallel(work: Callable[[slice], Output], blocks: Sequence[slice], threads: int = 1) -> list[Output]:
    """`work` on every block, on up to `threads` threads."""
    if threads <= 1 or len(blocks) == 1:
        return [work(block) for block in blocks]
    with ThreadPoolExecutor(max_workers=min(threads, len(blocks))) as pool:
        return list(pool.map(work, blocks))


#: Work arrays kept for reuse, per shape: SPARES_PER_SHAPE arrays at most, SPARE_BYTES in
#: all (the least recently used shapes go first), so the memory held stays small and flat.
SPARES_PER_SHAPE, SPARE_BYTES = 4, 2**25
_spares: OrderedDict[tuple[int, ...], list[np.ndarray]] = OrderedDict()
_spares_lock = threading.Lock()


@contextmanager
def scratch(*shapes: tuple[int, ...]) -> Iterator[list[np.ndarray]]:
    """Uninitialised float64 work arrays of these shapes, handed back for reuse on exit.

    A fresh array of a few hundred KiB is fresh pages from the system, and the page
    faults that zero them cost a BPTT run several percent (perf: clear_page); reused
    arrays are already mapped. Safe across threads: an array is lent to one caller at
    a time.
    """
    with _spares_lock:
        arrays = []
        for shape in shapes:
            kept = _spares.get(shape)
            arrays.append(kept.pop() if kept else np.empty(shape))
    try:
        yield arrays
    finally:
        with _spares_lock:
            for array in arrays:
                kept = _spares.setdefault(array.shape, [])
                _spares.move_to_end(array.shape)
                if len(kept) < SPARES_PER_SHAPE:
                    kept.append(array)
            while _spares and sum(a.nbytes for kept in _spares.values() for a in kept) > SPARE_BYTES:
                _spares.popitem(last=False)
