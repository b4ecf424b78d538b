"""A vanilla RNN with exact, hand-written backpropagation through time.

Column-vector convention, as in the pack: h_t = φ(W_hh h_{t-1} + W_xh x_t + b) for
t = 1..T. Arrays hold one row per sequence, so the code computes h_{t-1} @ W_hhᵀ.
The backward pass is the chain rule written out:

    ∂L/∂a_t     = ∂L/∂h_t ⊙ φ'(a_t)          (a_t the pre-activation)
    ∂L/∂h_{t-1} = W_hhᵀ ∂L/∂a_t               (row form: ∂L/∂a_t @ W_hh)
    ∂L/∂W_hh    = Σ_t ∂L/∂a_t h_{t-1}ᵀ        (one matrix product after the loop)

Everything is vectorised over the batch, and optionally over a sweep of S recurrent
matrices (W_hh of shape (S, n, n)) that share inputs. The loops write into buffers
allocated once, so each step costs two or three NumPy calls and no allocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from tutor.evidence.sims.activations import apply_inplace, check_activation, derivative_from_output
from tutor.evidence.sims.numerics import (
    check_cancel,
    ensure_affordable,
    quiet_overflow,
    vector_norms,
)


@dataclass(frozen=True)
class BPTTResult:
    """Forward states and exact gradients; a leading sweep axis S when W_hh was 3-D.

    hidden, grad_hidden: ([S,] T+1, B, n), h_t and ∂L/∂h_t for t = 0..T.
    grad_norms: ([S,] T+1, B), ‖∂L/∂h_t‖ per sequence.
    grad_pre: ([S,] T, B, n), ∂L/∂a_t for t = 1..T (a_t the pre-activation); the
        gradient of the inputs is ∂L/∂x_t = W_xhᵀ ∂L/∂a_t, i.e. grad_pre @ W_xh.
    grad_W_hh, grad_W_xh, grad_b: ([S,] n, n), ([S,] n, d), ([S,] n), summed over the batch.
    """

    hidden: np.ndarray
    grad_hidden: np.ndarray
    grad_norms: np.ndarray | None
    grad_pre: np.ndarray
    grad_W_hh: np.ndarray | None
    grad_W_xh: np.ndarray | None
    grad_b: np.ndarray | None


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
    should_cancel: Callable[[], bool] | None = None,
) -> BPTTResult:
    """Run the RNN forward over x (T, B, d) and backpropagate dL_dhT = ∂L/∂h_T.

    `dL_dhT` broadcasts to (B, n) (or (S, B, n)); `h0` to (B, n). With `window` = k
    the backward pass is truncated BPTT: it runs k steps, so ∂L/∂h_t is exactly zero
    for t < T − k and so are the weight-gradient contributions of steps t ≤ T − k.
    Overflow never raises: inf/NaN propagate into the returned arrays.
    """
    hidden = rnn_forward(W_hh, W_xh, b, x, h0, activation, should_cancel=should_cancel)
    return rnn_backward(
        hidden, W_hh, x, dL_dhT, activation,
        window=window, weight_grads=weight_grads, should_cancel=should_cancel,
    )


def rnn_forward(
    W_hh: np.ndarray,
    W_xh: np.ndarray,
    b: np.ndarray,
    x: np.ndarray,
    h0: np.ndarray,
    activation: str,
    *,
    should_cancel: Callable[[], bool] | None = None,
) -> np.ndarray:
    """h_0..h_T as ([S,] T+1, B, n): the states `rnn_backward` starts from."""
    check_activation(activation)
    steps, batch, _ = x.shape
    size = W_hh.shape[-1]
    models = W_hh.shape[0] if W_hh.ndim == 3 else 1
    ensure_affordable(3 * models * (steps + 1) * batch * size, "this RNN run")
    hidden = np.empty((models, steps + 1, batch, size))
    with quiet_overflow():
        _forward(hidden, _stacked(W_hh), W_xh, b, x, h0, activation, should_cancel)
    return hidden if W_hh.ndim == 3 else hidden[0]


def rnn_backward(
    hidden: np.ndarray,
    W_hh: np.ndarray,
    x: np.ndarray,
    dL_dhT: np.ndarray,
    activation: str,
    *,
    window: int | None = None,
    weight_grads: bool = True,
    norms: bool = True,
    should_cancel: Callable[[], bool] | None = None,
) -> BPTTResult:
    """Exact BPTT from the states of `rnn_forward`; see `rnn_bptt`.

    `norms=False` skips ‖∂L/∂h_t‖ (training needs only the weight gradients);
    `grad_norms` is then None.
    """
    swept = W_hh.ndim == 3
    states = hidden if swept else hidden[None]
    grad_hidden = np.empty_like(states)
    with quiet_overflow():
        grad_pre = _backward(states, grad_hidden, _stacked(W_hh), dL_dhT, activation, window, should_cancel)
        grad_norms = vector_norms(grad_hidden) if norms else None
        grads = _weight_grads(states, grad_pre, x) if weight_grads else (None, None, None)

    def squeeze(array: np.ndarray | None) -> np.ndarray | None:
        return array if swept or array is None else array[0]

    return BPTTResult(
        hidden=hidden,
        grad_hidden=squeeze(grad_hidden),
        grad_norms=squeeze(grad_norms),
        grad_pre=squeeze(grad_pre),
        grad_W_hh=squeeze(grads[0]),
        grad_W_xh=squeeze(grads[1]),
        grad_b=squeeze(grads[2]),
    )


def _stacked(W_hh: np.ndarray) -> np.ndarray:
    """W_hh as a contiguous float64 stack (S, n, n), S = 1 without a sweep."""
    size = W_hh.shape[-1]
    return np.ascontiguousarray(W_hh, dtype=np.float64).reshape(-1, size, size)


def _by_step(buffer: np.ndarray) -> np.ndarray:
    """A view indexed by step first: (T, B, n) for one model, (T, S, B, n) for a sweep."""
    return buffer[0] if buffer.shape[0] == 1 else buffer.swapaxes(0, 1)


def _forward(hidden, W, W_xh, b, x, h0, activation, should_cancel) -> None:
    models, steps_plus_one, batch, size = hidden.shape
    steps = steps_plus_one - 1
    # All input projections W_xh x_t + b at once, written where the h_t will go.
    np.matmul(x.reshape(steps * batch, -1), W_xh.T, out=hidden[0, 1:].reshape(steps * batch, size))
    hidden[0, 1:] += b
    hidden[1:, 1:] = hidden[0, 1:]
    hidden[:, 0] = h0
    states = _by_step(hidden)
    W_T = np.ascontiguousarray(W.swapaxes(1, 2))
    recurrent = W_T[0] if models == 1 else W_T
    product = np.empty_like(states[0])
    for t in range(1, steps + 1):
        np.matmul(states[t - 1], recurrent, out=product)
        np.add(states[t], product, out=states[t])
        apply_inplace(activation, states[t])
        check_cancel(should_cancel, t)


def _backward(hidden, grad_hidden, W, dL_dhT, activation, window, should_cancel) -> np.ndarray:
    """Fill grad_hidden with ∂L/∂h_t and return ∂L/∂a_t for t = 1..T as (S, T, B, n)."""
    models, steps_plus_one, batch, size = hidden.shape
    steps = steps_plus_one - 1
    grad_hidden[:, steps] = dL_dhT
    first = 1 if window is None else max(1, steps - window + 1)
    recurrent = W[0] if models == 1 else W
    grads = _by_step(grad_hidden)
    if activation == "linear":  # φ' = 1: ∂L/∂a_t is ∂L/∂h_t itself
        for t in range(steps, first - 1, -1):
            np.matmul(grads[t], recurrent, out=grads[t - 1])
            check_cancel(should_cancel, t)
        grad_pre = grad_hidden[:, 1:] if first == 1 else grad_hidden[:, 1:].copy()
        grad_pre[:, : first - 1] = 0.0
    else:
        grad_pre = derivative_from_output(activation, hidden[:, 1:], out=np.empty_like(hidden[:, 1:]))
        pre = _by_step(grad_pre)
        for t in range(steps, first - 1, -1):
            np.multiply(grads[t], pre[t - 1], out=pre[t - 1])
            np.matmul(pre[t - 1], recurrent, out=grads[t - 1])
            check_cancel(should_cancel, t)
        grad_pre[:, : first - 1] = 0.0
    grad_hidden[:, : first - 1] = 0.0
    return grad_pre


def _weight_grads(hidden, grad_pre, x):
    """∂L/∂W_hh, ∂L/∂W_xh, ∂L/∂b as single large products over all steps and sequences."""
    models, steps, batch, size = grad_pre.shape
    flat_grads = grad_pre.reshape(models, steps * batch, size)
    flat_prev = hidden[:, :-1].reshape(models, steps * batch, size)
    flat_x = x.reshape(steps * batch, -1)
    grad_W_hh = np.matmul(flat_grads.swapaxes(1, 2), flat_prev)
    grad_W_xh = np.matmul(flat_grads.swapaxes(1, 2), flat_x)
    grad_b = flat_grads.sum(axis=1)
    return grad_W_hh, grad_W_xh, grad_b


def sequence_weight_grads(
    trace: BPTTResult, x: np.ndarray, index: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """∂L/∂W_hh, ∂L/∂W_xh, ∂L/∂b of one sequence's loss alone (one model, no sweep).

    Published next to that sequence's inputs, so a learner can check them elsewhere
    without the rest of the batch.
    """
    grad_pre = trace.grad_pre[:, index]
    with quiet_overflow():
        return grad_pre.T @ trace.hidden[:-1, index], grad_pre.T @ x[:, index], grad_pre.sum(axis=0)
