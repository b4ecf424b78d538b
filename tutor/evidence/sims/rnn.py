"""A vanilla RNN with exact, hand-written backpropagation through time.

Column-vector convention, as in the pack: h_t = φ(W_hh h_{t-1} + W_xh x_t + b) for
t = 1..T. Arrays hold one row per sequence, so the code computes rows @ Wᵀ.
The backward pass is the chain rule written out:

    ∂L/∂a_t     = ∂L/∂h_t ⊙ φ'(a_t)          (a_t the pre-activation)
    ∂L/∂h_{t-1} = W_hhᵀ ∂L/∂a_t               (row form: ∂L/∂a_t @ W_hh)
    ∂L/∂W_hh    = Σ_t ∂L/∂a_t h_{t-1}ᵀ

Vectorised over the batch, and optionally over a sweep of S recurrent matrices
(W_hh of shape (S, n, n)) that share inputs. With `threads` > 1 the batch is cut into
that many blocks that run side by side: sequences are independent, NumPy and BLAS
release the GIL, and the blocks write into disjoint slices of the same buffers.

Why the loops look the way they do (tests/bench/bench_bptt.py measures it): the matrix
products run at the machine's GEMM rate, so what is left to save is everything else:
elementwise work, Python calls, fresh pages. The states live in one buffer of rows
[h_t | x_{t+1} | 1], filled step by step, so one matrix product per step gives
W_hh h + W_xh x + b. A block of the batch steps as equal sub-blocks of at most SUB_ROWS
rows in lockstep: one NumPy call per operation for all of them, while each sub-block's
matrix product stays small enough for OpenBLAS's fast small-matrix kernels. The backward
pass goes in chunks of steps: per step only the two products the recursion needs in
order (∂L/∂a_t, then ∂L/∂h_{t-1}); per chunk one call each for φ' of all its steps
(written where ∂L/∂a_t then goes, and multiplied in place), their norms ‖∂L/∂h_t‖ and
their shares of ∂L/∂[W_hh W_xh b] (one stacked product). Its gradient rows are as wide
as the state rows, tails zero, so the elementwise work runs on contiguous memory. Work
arrays are recycled between runs; `keep=False` does not even store the per-step gradient
vectors, only their norms.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from tutor.evidence.sims.activations import apply, check_activation, derivative_from_output
from tutor.evidence.sims.numerics import (
    batch_blocks,
    check_cancel,
    ensure_affordable,
    in_parallel,
    quiet_overflow,
    scratch,
    vector_norms,
)
from tutor.evidence.sims.tanh_table import numpy_tanh_is_avx512, tanh_into

AHEAD = 16  # steps whose inputs are copied into the rows at once, just before use
CHUNK = 8  # backward steps whose φ', norms and weight-gradient shares are handled at once
#: Rows of a sub-block: a block of the batch is cut into equal sub-blocks of at most this
#: many rows that step in lockstep, one NumPy call for all of them per operation. Each
#: matrix product of a sub-block stays small enough for OpenBLAS's small-matrix kernels
#: (M·N·K up to 10⁶: 128 rows × (64+17) × 64 runs ~20% faster than 256 rows), while the
#: Python and ufunc overhead is paid once per block (tests/bench/bench_bptt.py).
SUB_ROWS = 128
_SAFE_LOW, _SAFE_HIGH = 1e-150, 1e150  # norms outside are recomputed with scaling


@dataclass(frozen=True)
class RNNStates:
    """The forward pass: rows [h_t | x_{t+1} | 1] for t = 0..T, shape (S, T+1, B, n+d+1)."""

    rows: np.ndarray
    size: int
    swept: bool

    @property
    def hidden(self) -> np.ndarray:
        """h_0..h_T as ([S,] T+1, B, n) (a view)."""
        hidden = self.rows[..., : self.size]
        return hidden if self.swept else hidden[0]


@dataclass(frozen=True)
class BPTTResult:
    """Forward states and exact gradients; a leading sweep axis S when W_hh was 3-D.

    hidden: ([S,] T+1, B, n), h_t for t = 0..T.
    grad_norms: ([S,] T+1, B), ‖∂L/∂h_t‖ per sequence (None with norms=False).
    grad_hidden: ([S,] T+1, B, n), ∂L/∂h_t (None with keep=False).
    grad_pre: ([S,] T, B, n), ∂L/∂a_t for t = 1..T (None with keep=False); the
        gradient of the inputs is ∂L/∂x_t = W_xhᵀ ∂L/∂a_t, i.e. grad_pre @ W_xh.
    grad_W_hh, grad_W_xh, grad_b: ([S,] n, n), ([S,] n, d), ([S,] n), summed over the
        batch (None with weight_grads=False).
    """

    hidden: np.ndarray
    grad_norms: np.ndarray | None
    grad_hidden: np.ndarray | None
    grad_pre: np.ndarray | None
    grad_W_hh: np.ndarray | None
    grad_W_xh: np.ndarray | None
    grad_b: np.ndarray | None


def present(array: np.ndarray | None) -> np.ndarray:
    """A `BPTTResult` field that the run's options computed (not None): keep, norms or weight_grads."""
    assert array is not None, "this gradient was not computed with the run's options"
    return array


#: The work of a forward pass on one block of the batch.
ForwardWork = Callable[[slice], None]
#: The work of a backward pass on one block: the block's weight gradients, or None.
BackwardWork = Callable[[slice], np.ndarray | None]
#: Assembles a backward pass's result from the blocks' weight gradients (None: a norm
#: needs the vectors that keep=False did not store).
Finish = Callable[[list[np.ndarray | None]], BPTTResult | None]


def rnn_bptt(
    W_hh: np.ndarray,
    W_xh: np.ndarray,
    b: np.ndarray,
    x: np.ndarray,
    h0: np.ndarray,
    dL_dhT: np.ndarray,
    activation: str,
    *,
    window: int | None = None,
    weight_grads: bool = True,
    keep: bool = True,
    threads: int = 1,
    should_cancel: Callable[[], bool] | None = None,
) -> BPTTResult:
    """Run the RNN forward over x (T, B, d) and backpropagate dL_dhT = ∂L/∂h_T.

    `dL_dhT` broadcasts to (B, n) (or (S, B, n)); `h0` to (B, n). In a sweep W_xh and b
    may be shared, (n, d) and (n,), or one per model, (S, n, d) and (S, n). With
    `window` = k the backward pass is truncated BPTT: it runs k steps, so ∂L/∂h_t is
    exactly zero for t < T − k and so are the weight-gradient contributions of steps
    t ≤ T − k. `keep=False` returns the norms and weight gradients without storing every
    ∂L/∂h_t. Overflow never raises: inf/NaN propagate into the returned arrays.

    `threads` > 1 runs blocks of the batch in parallel, each block forward then backward
    on its own thread (limit BLAS to one thread then, e.g. OPENBLAS_NUM_THREADS=1, or the
    blocks' matrix products compete for the cores).
    """
    states, forward = _forward_plan(W_hh, W_xh, b, x, h0, activation, should_cancel)
    backward, finish = _backward_plan(states, W_hh, dL_dhT, activation, window, weight_grads, keep,
                                      True, should_cancel)

    def both(block: slice) -> np.ndarray | None:
        forward(block)
        return backward(block)

    with quiet_overflow():
        result = finish(in_parallel(both, _blocks(states, threads), threads))
    if result is None:  # a norm needs rescaling: once more, keeping the vectors
        return _rescued(states, W_hh, dL_dhT, activation, window, weight_grads, threads, should_cancel)
    return result


def rnn_forward(
    W_hh: np.ndarray,
    W_xh: np.ndarray,
    b: np.ndarray,
    x: np.ndarray,
    h0: np.ndarray,
    activation: str,
    *,
    threads: int = 1,
    should_cancel: Callable[[], bool] | None = None,
) -> RNNStates:
    """h_0..h_T (in `RNNStates.hidden`): what `rnn_backward` starts from."""
    states, forward = _forward_plan(W_hh, W_xh, b, x, h0, activation, should_cancel)
    with quiet_overflow():
        in_parallel(forward, _blocks(states, threads), threads)
    return states


def rnn_backward(
    states: RNNStates,
    W_hh: np.ndarray,
    dL_dhT: np.ndarray,
    activation: str,
    *,
    window: int | None = None,
    weight_grads: bool = True,
    keep: bool = True,
    norms: bool = True,
    threads: int = 1,
    should_cancel: Callable[[], bool] | None = None,
) -> BPTTResult:
    """Exact BPTT from the states of `rnn_forward`; see `rnn_bptt`.

    `norms=False` skips ‖∂L/∂h_t‖ (grad_norms is None): training needs only the
    weight gradients.
    """
    backward, finish = _backward_plan(states, W_hh, dL_dhT, activation, window, weight_grads, keep,
                                      norms, should_cancel)
    with quiet_overflow():
        result = finish(in_parallel(backward, _blocks(states, threads), threads))
    if result is None:
        return _rescued(states, W_hh, dL_dhT, activation, window, weight_grads, threads, should_cancel)
    return result


def _blocks(states: RNNStates, threads: int) -> list[slice]:
    """Blocks of the batch sized for the cache; see `batch_blocks`."""
    models, steps_plus_one, batch, width = states.rows.shape
    return batch_blocks(batch, threads, bytes_per_row=8 * models * steps_plus_one * width)


def _rescued(
    states: RNNStates,
    W_hh: np.ndarray,
    dL_dhT: np.ndarray,
    activation: str,
    window: int | None,
    weight_grads: bool,
    threads: int,
    should_cancel: Callable[[], bool] | None,
) -> BPTTResult:
    """The lean result of a run whose norms needed the vectors: rerun keeping them."""
    kept = rnn_backward(states, W_hh, dL_dhT, activation, window=window, weight_grads=weight_grads,
                        keep=True, threads=threads, should_cancel=should_cancel)
    return replace(kept, grad_hidden=None, grad_pre=None)


def _forward_plan(
    W_hh: np.ndarray,
    W_xh: np.ndarray,
    b: np.ndarray,
    x: np.ndarray,
    h0: np.ndarray,
    activation: str,
    should_cancel: Callable[[], bool] | None,
) -> tuple[RNNStates, ForwardWork]:
    """The buffers of a forward pass, and the work on one block of the batch."""
    check_activation(activation)
    steps, batch, features = x.shape
    size = W_hh.shape[-1]
    models = W_hh.shape[0] if W_hh.ndim == 3 else 1
    width = size + features + 1
    ensure_affordable(models * (steps + 1) * batch * (width + 2 * size), "this RNN run")
    rows = np.empty((models, steps + 1, batch, width))
    rows[:, 0, :, :size] = h0
    rows[:, steps, :, size:] = 0.0  # there is no x_{T+1}
    # [W_hhᵀ; W_xhᵀ; b] per model, so that row_{t-1} @ weights = a_t
    weights = np.empty((models, width, size))
    weights[:, :size] = np.swapaxes(W_hh.reshape(models, size, size), 1, 2)
    weights[:, size : size + features] = np.swapaxes(W_xh, -1, -2)  # (n, d) or (S, n, d)
    weights[:, size + features] = b  # (n,) or (S, n)
    if activation == "sigmoid":
        weights *= -1.0  # exact: the loop computes σ(a) = 1/(1 + e^(−a)) from −a

    # Where tanh_into takes its table (no AVX-512, see tanh_table) it is 16 short NumPy calls
    # per step: blocks on two threads that make them at the same time hand the GIL to each
    # other at nearly every call, so they take turns at it (one wait per step), while the
    # other block's matrix product runs. Measured on an AVX2 machine, bench_bptt at 2
    # threads: tanh 60 -> 55 ms; uncontended at 1 thread. np.tanh is one call that releases
    # the GIL: taking turns there only makes a block wait (2 threads on the AVX-512 machine:
    # 28 -> 24 ms without the lock).
    turns: AbstractContextManager[object] = nullcontext() if numpy_tanh_is_avx512() else threading.Lock()

    def forward(block: slice) -> None:
        _forward(rows[:, :, block], x[:, block], weights, size, activation, turns, should_cancel)

    return RNNStates(rows, size, W_hh.ndim == 3), forward


def _backward_plan(
    states: RNNStates,
    W_hh: np.ndarray,
    dL_dhT: np.ndarray,
    activation: str,
    window: int | None,
    weight_grads: bool,
    keep: bool,
    norms: bool,
    should_cancel: Callable[[], bool] | None,
) -> tuple[BackwardWork, Finish]:
    """The buffers of a backward pass, the work on one block of the batch, and `finish`,
    which assembles the result from the blocks' weight gradients (None when a norm needs
    the vectors that keep=False did not store)."""
    rows, size = states.rows, states.size
    models, steps_plus_one, batch, width = rows.shape
    steps = steps_plus_one - 1
    first = 1 if window is None else max(1, steps - window + 1)
    linear = activation == "linear"
    squares = np.zeros((models, steps_plus_one, batch)) if norms else None  # ‖∂L/∂h_t‖²
    grad_hidden = np.empty((models, steps_plus_one, batch, size)) if keep else None
    # φ' = 1 for linear: ∂L/∂a_t is ∂L/∂h_t itself, no separate buffer needed
    grad_pre = None if not keep or linear else np.empty((models, steps, batch, size))
    recurrent = np.ascontiguousarray(W_hh, dtype=np.float64).reshape(models, size, size)
    start = np.broadcast_to(dL_dhT, (models, batch, size))

    def backward(block: slice) -> np.ndarray | None:
        return _backward(_BlockPass(
            rows[:, :, block], start[:, block], None if squares is None else squares[:, :, block],
            None if grad_hidden is None else grad_hidden[:, :, block],
            None if grad_pre is None else grad_pre[:, :, block],
            recurrent, activation, first, weight_grads, should_cancel,
        ))

    def finish(shares: list[np.ndarray | None]) -> BPTTResult | None:
        lengths = None if squares is None else np.sqrt(squares)
        if lengths is not None:
            # a square that over- or underflowed needs the vector itself, rescaled
            rescue = ~((lengths > _SAFE_LOW) & (lengths < _SAFE_HIGH))
            rescue[:, : first - 1] = False  # exactly zero by truncation
            if rescue.any():
                if grad_hidden is None:  # keep=False
                    return None
                lengths[rescue] = vector_norms(grad_hidden[rescue])
        nonlocal grad_pre
        if grad_hidden is not None:  # keep=True, so grad_pre is kept too
            grad_hidden[:, : first - 1] = 0.0
            if linear:  # ∂L/∂a_t = ∂L/∂h_t, but only inside the window
                grad_pre = grad_hidden[:, 1:] if first == 1 else grad_hidden[:, 1:].copy()
            present(grad_pre)[:, : first - 1] = 0.0
        arrays = [present(share) for share in shares] if weight_grads else []
        grad_all = sum(arrays[1:], arrays[0]) if weight_grads else None

        def squeeze(array: np.ndarray | None) -> np.ndarray | None:
            return array if states.swept or array is None else array[0]

        features = width - size - 1
        return BPTTResult(
            hidden=states.hidden,
            grad_norms=squeeze(lengths),
            grad_hidden=squeeze(grad_hidden),
            grad_pre=squeeze(grad_pre),
            grad_W_hh=None if grad_all is None else squeeze(grad_all[:, :, :size]),
            grad_W_xh=None if grad_all is None else squeeze(grad_all[:, :, size : size + features]),
            grad_b=None if grad_all is None else squeeze(grad_all[:, :, size + features]),
        )

    return backward, finish


def _by_step(buffer: np.ndarray) -> np.ndarray:
    """A view indexed by step first: (T, B, ·) for one model, (T, S, B, ·) for a sweep."""
    return buffer[0] if buffer.shape[0] == 1 else buffer.swapaxes(0, 1)


def _parts(rows: np.ndarray) -> int:
    """How many sub-blocks a block's states (S, T+1, B, ·) step through; see `lockstep_parts`."""
    return lockstep_parts(rows.shape[0], rows.shape[2])


def lockstep_parts(models: int, batch: int) -> int:
    """How many sub-blocks of at most SUB_ROWS rows a block of `batch` rows steps through in
    lockstep: equal ones, so that they stack; 1 for a sweep (its models already stack) or
    when no divisor of the batch up to 8 parts gives sub-blocks that small."""
    if models > 1 or batch <= SUB_ROWS:
        return 1
    least = -(-batch // SUB_ROWS)
    return next((parts for parts in range(least, 9) if batch % parts == 0), 1)


def _split(array: np.ndarray, parts: int) -> np.ndarray:
    """A view of `array` (·, B, ...) with its batch axis (axis 1) cut into (parts, B/parts)."""
    if parts == 1:
        return array
    lead, batch, *rest = array.shape
    shape = (lead, parts, batch // parts, *rest)
    strides = (array.strides[0], array.strides[1] * (batch // parts), *array.strides[1:])
    return np.lib.stride_tricks.as_strided(array, shape, strides, writeable=array.flags.writeable)


def _per_model(array: np.ndarray) -> np.ndarray:
    """An array with a leading model axis S, without it when S = 1 (2-D products)."""
    return array[0] if array.shape[0] == 1 else array


def _forward(
    rows: np.ndarray,
    x: np.ndarray,
    weights: np.ndarray,
    size: int,
    activation: str,
    turns: AbstractContextManager[object],
    should_cancel: Callable[[], bool] | None,
) -> None:
    steps = rows.shape[1] - 1
    parts = _parts(rows)
    by_step = _split(_by_step(rows), parts)
    row_at = list(by_step)
    hidden_at = [row[..., :size] for row in row_at]
    inputs = _split(x, parts) if rows.shape[0] == 1 else x[:, None]  # one copy per model of a sweep
    weights = _per_model(weights)
    matmul, exp, add, divide, maximum = np.matmul, np.exp, np.add, np.divide, np.maximum
    shape = hidden_at[0].shape
    tanh_work = 3 if activation == "tanh" else 0  # see tanh_into
    with scratch(shape, *[shape] * tanh_work) as (pre, *work):
        for begin in range(0, steps, AHEAD):
            end = min(begin + AHEAD, steps)
            upcoming = by_step[begin:end]  # x and 1 into the next rows, shortly before they are used
            upcoming[..., size:-1] = inputs[begin:end]
            upcoming[..., -1] = 1.0
            for t in range(begin + 1, end + 1):
                matmul(row_at[t - 1], weights, pre)
                if activation == "tanh":  # np.tanh with AVX-512, else a table (~2.4x faster then)
                    with turns:
                        tanh_into(pre, hidden_at[t], work)
                elif activation == "sigmoid":  # pre holds −a (see _forward_plan)
                    # σ(a) = 1/(1 + e^(−a)): three passes, one exp, ~30% faster than
                    # ½ tanh(a/2) + ½ and accurate where σ is tiny (e^(−a) = inf gives 0)
                    exp(pre, pre)
                    add(pre, 1.0, pre)
                    divide(1.0, pre, hidden_at[t])
                elif activation == "relu":
                    maximum(pre, 0.0, out=hidden_at[t])
                else:
                    apply(activation, pre, out=hidden_at[t])
                check_cancel(should_cancel, t)


class _BlockPass(NamedTuple):
    """The backward pass over one block of the batch: what it reads and the buffers it fills."""

    rows: np.ndarray
    start: np.ndarray
    squares: np.ndarray | None
    grad_hidden: np.ndarray | None
    grad_pre: np.ndarray | None
    recurrent: np.ndarray
    activation: str
    first: int
    weight_grads: bool
    should_cancel: Callable[[], bool] | None


def _backward(job: _BlockPass) -> np.ndarray | None:
    """Backpropagate through one block of the batch, steps T..first: fill the squared norms
    (and the kept gradient buffers); return the block's ∂L/∂[W_hh W_xh b] (S, n, n+d+1)
    or None.

    The steps go in chunks of CHUNK. Gradient vectors live in scratch rows as wide as the
    state rows [h | x | 1], their tail kept at zero: every elementwise operation then runs
    on contiguous memory (a strided view of the first n columns would make NumPy copy
    through a buffer), and once per chunk φ' of all its steps, the chunk's norms and the
    sum of its weight-gradient shares each take one call instead of one per step. The work
    arrays are recycled between runs (see `scratch`)."""
    size, width = job.recurrent.shape[-1], job.rows.shape[-1]
    parts = _parts(job.rows)
    by_step = _split(_by_step(job.rows), parts)
    wide = by_step.shape[1:]  # ([S or parts,] B, n+d+1)
    # per step of a chunk: ∂L/∂h_{s-1} (tails zero), and unless linear φ'(a_s), turned
    # into ∂L/∂a_s in place
    chunk = (0 if job.activation == "linear" else CHUNK, *wide)
    share_shape = (CHUNK if job.weight_grads else 0, *wide[:-2], size, width)
    with scratch((CHUNK, *wide), chunk, wide, share_shape) as work:
        return _backward_chunks(job, by_step, parts, *work)


def _backward_chunks(
    job: _BlockPass,
    by_step: np.ndarray,
    parts: int,
    after: np.ndarray,
    pres: np.ndarray,
    current: np.ndarray,
    shares: np.ndarray,
) -> np.ndarray | None:
    """The loop of `_backward` on its (recycled, uninitialised) work arrays."""
    rows, start, squares, grad_hidden, grad_pre, recurrent, activation, first, weight_grads, should_cancel = job
    steps = len(by_step) - 1
    row_at = list(by_step)
    models = rows.shape[0]
    size, width = recurrent.shape[-1], by_step.shape[-1]
    linear = activation == "linear"
    after[..., size:] = 0.0
    current[...] = 0.0
    current[..., :size] = _split(_per_model(start)[None], parts)[0]
    after_rows, pre_rows = list(after), list(pres)  # views made once
    after_at = [slot[..., :size] for slot in after]
    pre_at = [slot[..., :size] for slot in pres]
    squares_at = None if squares is None else _split(_by_step(squares), parts)
    kept_hidden = None if grad_hidden is None else _split(_by_step(grad_hidden), parts)
    kept_pre = None if grad_pre is None else _split(_by_step(grad_pre), parts)
    recurrent = _per_model(recurrent)
    total = np.zeros((models, size, width)) if weight_grads else None
    # the shares of a chunk add up over its steps, and over the sub-blocks when there are some
    summed = (0, 1) if parts > 1 else 0
    if kept_hidden is not None:
        kept_hidden[steps] = current[..., :size]
    if squares_at is not None:
        _squared_norms(current[..., :size], squares_at[steps])
    matmul, multiply = np.matmul, np.multiply
    t = steps
    while t >= first:
        count = min(CHUNK, t - first + 1)  # steps t, t-1, ..., t-count+1
        # slot k of the work arrays holds step t-count+1+k: the chunk's slots run forwards in
        # time like the state rows, so every per-chunk call reads them without reversed views
        # (NumPy copies those through a buffer)
        if not linear:  # φ'(a_s) from h_s (whole rows: contiguous) for the chunk
            derivative_from_output(activation, by_step[t - count + 1 : t + 1], out=pres[:count])
        for k in range(count - 1, -1, -1):
            s = t - count + 1 + k
            if linear:  # ∂L/∂a_s = ∂L/∂h_s
                pre = current[..., :size]
                if weight_grads:
                    matmul(pre.swapaxes(-1, -2), row_at[s - 1], shares[k])
            else:  # ∂L/∂a_s = ∂L/∂h_s ⊙ φ'(a_s), over the φ' it replaces
                multiply(current, pre_rows[k], pre_rows[k])
                pre = pre_at[k]
            matmul(pre, recurrent, after_at[k])  # ∂L/∂h_{s-1}
            current = after_rows[k]
            check_cancel(should_cancel, s)
        done = slice(t - count, t)  # the chunk's steps s-1, slot by slot
        if weight_grads and not linear:  # every ∂L/∂a_sᵀ [h_{s-1} x_s 1] in one stacked product
            matmul(pres[:count, ..., :size].swapaxes(-1, -2), by_step[done], shares[:count])
        if squares_at is not None:
            _squared_norms(after[:count, ..., :size], squares_at[done])
        if kept_hidden is not None:
            kept_hidden[done] = after[:count, ..., :size]
        if kept_pre is not None:
            kept_pre[done] = pres[:count, ..., :size]
        if total is not None:
            _per_model(total)[...] += shares[:count].sum(axis=summed)
        t -= count
    return total


def _squared_norms(vectors: np.ndarray, out: np.ndarray) -> None:
    """Σ v_i² along the last axis into `out`: NumPy 2's vecdot runs about twice as fast
    as einsum here (one dot per row); einsum where NumPy is older."""
    if _vecdot is not None:
        _vecdot(vectors, vectors, out=out)
    else:
        np.einsum("...i,...i->...", vectors, vectors, out=out)


_vecdot = getattr(np, "vecdot", None)


def sequence_weight_grads(
    trace: BPTTResult, x: np.ndarray, index: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """∂L/∂W_hh, ∂L/∂W_xh, ∂L/∂b of one sequence's loss alone (one model, kept gradients).

    Published next to that sequence's inputs, so a learner can check them elsewhere
    without the rest of the batch.
    """
    grad_pre = present(trace.grad_pre)[:, index]
    with quiet_overflow():
        return grad_pre.T @ trace.hidden[:-1, index], grad_pre.T @ x[:, index], grad_pre.sum(axis=0)
