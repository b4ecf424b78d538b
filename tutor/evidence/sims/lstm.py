"""An LSTM with exact, hand-written BPTT, in PyTorch's layout so results can be checked there.

Gates in the order (i, f, g, o), as torch.nn.LSTM's weight_ih_l0 / weight_hh_l0:

    [i; f; g; o] = [σ; σ; tanh; σ](W_x x_t + W_h h_{t-1} + b)
    c_t = f ⊙ c_{t-1} + i ⊙ g,      h_t = o ⊙ tanh(c_t)

The cell path c_{t-1} → c_t is additive: ∂c_t/∂c_{t-1} = diag(f_t) with no weight
matrix and no squashing derivative, which is why the gradient survives as long as f
stays near 1. `grad_cell[t]` is the gradient at the node c_t (through h_t and c_{t+1}),
`grad_hidden[t]` the gradient at the node h_t.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow, vector_norms


@dataclass(frozen=True)
class LSTMWeights:
    """W_x (4n, d), W_h (4n, n), b (4n); gate blocks in the order i, f, g, o."""

    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray

    @property
    def size(self) -> int:
        return int(self.W_h.shape[1])


@dataclass(frozen=True)
class LSTMResult:
    """States (T+1, B, n), gates after their nonlinearity (T, B, 4n), exact gradients."""

    hidden: np.ndarray
    cell: np.ndarray
    gates: np.ndarray
    grad_hidden: np.ndarray
    grad_cell: np.ndarray
    hidden_grad_norms: np.ndarray
    cell_grad_norms: np.ndarray
    grad_W_x: np.ndarray
    grad_W_h: np.ndarray
    grad_b: np.ndarray

    @property
    def forget_gates(self) -> np.ndarray:
        """f_t for t = 1..T, shape (T, B, n)."""
        size = self.hidden.shape[-1]
        return self.gates[..., size : 2 * size]


@dataclass(frozen=True)
class LSTMStates:
    """What the forward pass keeps for the backward pass."""

    hidden: np.ndarray  # (T+1, B, n)
    cell: np.ndarray  # (T+1, B, n)
    gates: np.ndarray  # (T, B, 4n), after their nonlinearities
    tanh_cell: np.ndarray  # (T, B, n)


def lstm_bptt(
    weights: LSTMWeights,
    x: np.ndarray,
    dL_dhT: np.ndarray,
    *,
    h0: np.ndarray | None = None,
    c0: np.ndarray | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> LSTMResult:
    """Forward over x (T, B, d) from (h0, c0) (zeros by default), then backpropagate
    dL_dhT = ∂L/∂h_T (broadcast to (B, n)); the loss has no direct term in c_T."""
    states = lstm_forward(weights, x, h0=h0, c0=c0, should_cancel=should_cancel)
    return lstm_backward(weights, states, x, dL_dhT, should_cancel=should_cancel)


def lstm_forward(
    weights: LSTMWeights,
    x: np.ndarray,
    *,
    h0: np.ndarray | None = None,
    c0: np.ndarray | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> LSTMStates:
    steps, batch, _ = x.shape
    size = weights.size
    ensure_affordable(12 * (steps + 1) * batch * size, "this LSTM run")
    hidden = np.zeros((steps + 1, batch, size))
    cell = np.zeros((steps + 1, batch, size))
    if h0 is not None:
        hidden[0] = h0
    if c0 is not None:
        cell[0] = c0
    with quiet_overflow():
        gates, tanh_cell = _forward(weights, x, hidden, cell, should_cancel)
    return LSTMStates(hidden, cell, gates, tanh_cell)


def lstm_backward(
    weights: LSTMWeights,
    states: LSTMStates,
    x: np.ndarray,
    dL_dhT: np.ndarray,
    *,
    should_cancel: Callable[[], bool] | None = None,
) -> LSTMResult:
    """Exact BPTT from the states of `lstm_forward`."""
    steps, batch, _ = x.shape
    size = weights.size
    hidden = states.hidden
    with quiet_overflow():
        grad_hidden, grad_cell, grad_pre = _backward(
            weights, hidden, states.cell, states.gates, states.tanh_cell, dL_dhT, should_cancel
        )
        flat_pre = grad_pre.reshape(steps * batch, 4 * size)
        grad_W_h = flat_pre.T @ hidden[:-1].reshape(steps * batch, size)
        grad_W_x = flat_pre.T @ x.reshape(steps * batch, -1)
        grad_b = flat_pre.sum(axis=0)
        hidden_norms = vector_norms(grad_hidden)
        cell_norms = vector_norms(grad_cell)
    return LSTMResult(
        hidden, states.cell, states.gates, grad_hidden, grad_cell, hidden_norms, cell_norms,
        grad_W_x, grad_W_h, grad_b,
    )


def _block_vector(n: int, i: float, f: float, g: float, o: float) -> np.ndarray:
    return np.repeat(np.array([i, f, g, o]), n)


def _forward(
    weights: LSTMWeights,
    x: np.ndarray,
    hidden: np.ndarray,
    cell: np.ndarray,
    should_cancel: Callable[[], bool] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """One tanh call per step for all four gates: σ(a) = ½ tanh(a/2) + ½, so the i, f, o
    rows of the weights are pre-halved (exact in floating point) and the outputs of
    those rows are mapped by ½t + ½ afterwards, while the g rows stay tanh(a)."""
    steps, batch, _ = x.shape
    n = weights.size
    scale = _block_vector(n, 0.5, 0.5, 1.0, 0.5)
    offset = _block_vector(n, 0.5, 0.5, 0.0, 0.5)
    gates = (x.reshape(steps * batch, -1) @ (scale[:, None] * weights.W_x).T + scale * weights.b)
    gates = gates.reshape(steps, batch, 4 * n)
    tanh_cell = np.empty((steps, batch, n))
    recurrent_T = np.ascontiguousarray((scale[:, None] * weights.W_h).T)
    product = np.empty((batch, 4 * n))
    scratch = np.empty((batch, n))
    for t in range(1, steps + 1):
        z = gates[t - 1]
        np.matmul(hidden[t - 1], recurrent_T, out=product)
        np.add(z, product, out=z)
        np.tanh(z, out=z)
        np.multiply(z, scale, out=z)
        np.add(z, offset, out=z)
        i, f, g, o = z[:, :n], z[:, n : 2 * n], z[:, 2 * n : 3 * n], z[:, 3 * n :]
        np.multiply(f, cell[t - 1], out=cell[t])
        np.multiply(i, g, out=scratch)
        np.add(cell[t], scratch, out=cell[t])
        np.tanh(cell[t], out=tanh_cell[t - 1])
        np.multiply(o, tanh_cell[t - 1], out=hidden[t])
        check_cancel(should_cancel, t)
    return gates, tanh_cell


def _local_factors(gates: np.ndarray, cell: np.ndarray, tanh_cell: np.ndarray) -> np.ndarray:
    """For every step, ∂(pre-activation of each gate) per unit of the gradient that reaches it.

    Block i: g·σ'(i), f: c_{t-1}·σ'(f), g: i·tanh'(g) (all multiplied by ∂L/∂c_t in the
    loop), o: tanh(c_t)·σ'(o) (multiplied by ∂L/∂h_t). Computed for all steps at once,
    so the loop is left with five products per step.
    """
    steps, batch, four_n = gates.shape
    n = four_n // 4
    blocks = gates.reshape(steps, batch, 4, n)
    i, f, g, o = (blocks[:, :, k] for k in range(4))
    factors = np.empty_like(blocks)
    factors[:, :, 0] = g * i * (1.0 - i)
    factors[:, :, 1] = cell[:-1] * f * (1.0 - f)
    factors[:, :, 2] = i * (1.0 - g * g)
    factors[:, :, 3] = tanh_cell * o * (1.0 - o)
    return factors


def _backward(
    weights: LSTMWeights,
    hidden: np.ndarray,
    cell: np.ndarray,
    gates: np.ndarray,
    tanh_cell: np.ndarray,
    dL_dhT: np.ndarray,
    should_cancel: Callable[[], bool] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    steps_plus_one, batch, n = hidden.shape
    steps = steps_plus_one - 1
    grad_hidden = np.empty_like(hidden)
    grad_cell = np.empty_like(cell)
    factors = _local_factors(gates, cell, tanh_cell)  # becomes ∂L/∂(pre-activations) in place
    hidden_to_cell = gates[:, :, 3 * n :] * (1.0 - tanh_cell * tanh_cell)  # ∂h_t/∂c_t = o·tanh'
    scratch = np.empty((batch, n))
    grad_hidden[steps] = dL_dhT
    grad_cell[steps] = 0.0
    for t in range(steps, 0, -1):
        dh, dc, dz = grad_hidden[t], grad_cell[t], factors[t - 1]
        np.multiply(dh, hidden_to_cell[t - 1], out=scratch)  # c_t also feeds h_t
        np.add(dc, scratch, out=dc)
        np.multiply(dz[:, :3], dc[:, None, :], out=dz[:, :3])
        np.multiply(dz[:, 3], dh, out=dz[:, 3])
        np.multiply(dc, gates[t - 1, :, n : 2 * n], out=grad_cell[t - 1])
        np.matmul(dz.reshape(batch, 4 * n), weights.W_h, out=grad_hidden[t - 1])
        check_cancel(should_cancel, t)
    return grad_hidden, grad_cell, factors.reshape(steps, batch, 4 * n)
