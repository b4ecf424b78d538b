"""A GRU with exact, hand-written BPTT, in PyTorch's weight layout and Chung et al.'s convention.

Gate blocks in the order (r, z, n), as torch.nn.GRU's weight_ih_l0 / weight_hh_l0:

    r = σ(W_xr x + b_xr + W_hr h + b_hr),   z = σ(W_xz x + b_xz + W_hz h + b_hz)
    n = tanh(W_xn x + b_xn + r ⊙ (W_hn h + b_hn))
    h_t = (1 − z) ⊙ h_{t-1} + z ⊙ n

z is the update gate as Chung et al. (2014) write it, and as the built-in pack and the
`gated-paths` derivation teach: z near 0 keeps the old state, and the direct path
h_{t-1} → h_t carries the gradient multiplied by diag(1 − z) with no weight matrix.
PyTorch (and Cho et al.'s original paper) swap the roles of z and 1 − z; to compare
with torch.nn.GRU, negate the update gate's biases and weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tutor.evidence.sims.activations import apply
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow, vector_norms


@dataclass(frozen=True)
class GRUWeights:
    """W_x (3n, d), b_x (3n), W_h (3n, n), b_h (3n); blocks in the order r, z, n."""

    W_x: np.ndarray
    b_x: np.ndarray
    W_h: np.ndarray
    b_h: np.ndarray

    @property
    def size(self) -> int:
        return int(self.W_h.shape[1])


@dataclass(frozen=True)
class GRUResult:
    """States (T+1, B, n), gates r, z (T, B, 2n), candidates n (T, B, n), exact gradients."""

    hidden: np.ndarray
    reset_update: np.ndarray
    candidate: np.ndarray
    grad_hidden: np.ndarray
    hidden_grad_norms: np.ndarray
    grad_W_x: np.ndarray
    grad_b_x: np.ndarray
    grad_W_h: np.ndarray
    grad_b_h: np.ndarray

    @property
    def update_gates(self) -> np.ndarray:
        """z_t for t = 1..T, shape (T, B, n)."""
        return self.reset_update[..., self.hidden.shape[-1] :]


def gru_bptt(
    weights: GRUWeights,
    x: np.ndarray,
    dL_dhT: np.ndarray,
    *,
    h0: np.ndarray | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> GRUResult:
    """Forward over x (T, B, d) from h0 (zeros by default), then backpropagate dL_dhT."""
    steps, batch, _ = x.shape
    n = weights.size
    ensure_affordable(14 * (steps + 1) * batch * n, "this GRU run")
    hidden = np.zeros((steps + 1, batch, n))
    if h0 is not None:
        hidden[0] = h0
    with quiet_overflow():
        from_input = (x.reshape(steps * batch, -1) @ weights.W_x.T + weights.b_x).reshape(
            steps, batch, 3 * n
        )
        from_hidden, reset_update, candidate = _forward(weights, from_input, hidden, should_cancel)
        grad_hidden, grad_rec, grad_candidate = _backward(
            weights, hidden, from_hidden, reset_update, candidate, dL_dhT, should_cancel
        )
        flat_rec = grad_rec.reshape(steps * batch, 3 * n)
        flat_x = x.reshape(steps * batch, -1)
        grad_W_h = flat_rec.T @ hidden[:-1].reshape(steps * batch, n)
        grad_b_h = flat_rec.sum(axis=0)
        # The input pre-activations get the same gradients as the recurrent ones for r
        # and z; for n they get ∂L/∂(pre-tanh), without the factor r.
        grad_in = flat_rec.copy()
        grad_in[:, 2 * n :] = grad_candidate.reshape(steps * batch, n)
        grad_W_x = grad_in.T @ flat_x
        grad_b_x = grad_in.sum(axis=0)
        norms = vector_norms(grad_hidden)
    return GRUResult(
        hidden, reset_update, candidate, grad_hidden, norms, grad_W_x, grad_b_x, grad_W_h, grad_b_h
    )


def _forward(
    weights: GRUWeights,
    from_input: np.ndarray,
    hidden: np.ndarray,
    should_cancel: Callable[[], bool] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    steps, batch, three_n = from_input.shape
    n = three_n // 3
    from_hidden = np.empty_like(from_input)  # W_h h_{t-1} + b_h, kept for the backward pass
    reset_update = np.empty((steps, batch, 2 * n))
    candidate = np.empty((steps, batch, n))
    recurrent_T = np.ascontiguousarray(weights.W_h.T)
    for t in range(1, steps + 1):
        rec, gates, cand = from_hidden[t - 1], reset_update[t - 1], candidate[t - 1]
        np.matmul(hidden[t - 1], recurrent_T, out=rec)
        np.add(rec, weights.b_h, out=rec)
        np.add(from_input[t - 1, :, : 2 * n], rec[:, : 2 * n], out=gates)
        apply("sigmoid", gates)
        np.multiply(gates[:, :n], rec[:, 2 * n :], out=cand)
        np.add(cand, from_input[t - 1, :, 2 * n :], out=cand)
        np.tanh(cand, out=cand)
        # h_t = h_{t-1} + z (n - h_{t-1})
        np.subtract(cand, hidden[t - 1], out=hidden[t])
        np.multiply(hidden[t], gates[:, n:], out=hidden[t])
        np.add(hidden[t], hidden[t - 1], out=hidden[t])
        check_cancel(should_cancel, t)
    return from_hidden, reset_update, candidate


def _backward(
    weights: GRUWeights,
    hidden: np.ndarray,
    from_hidden: np.ndarray,
    reset_update: np.ndarray,
    candidate: np.ndarray,
    dL_dhT: np.ndarray,
    should_cancel: Callable[[], bool] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    steps_plus_one, batch, n = hidden.shape
    steps = steps_plus_one - 1
    grad_hidden = np.empty_like(hidden)
    grad_rec = np.empty((steps, batch, 3 * n))  # ∂L/∂(W_h h_{t-1} + b_h), blocks r, z, n
    grad_candidate = np.empty((steps, batch, n))  # ∂L/∂(pre-activation of n)
    gate_slopes = reset_update * (1.0 - reset_update)
    tanh_slopes = 1.0 - candidate * candidate
    grad_hidden[steps] = dL_dhT
    for t in range(steps, 0, -1):
        dh, r_z, cand, rec = grad_hidden[t], reset_update[t - 1], candidate[t - 1], from_hidden[t - 1]
        r, z = r_z[:, :n], r_z[:, n:]
        d_rec, d_cand, slopes = grad_rec[t - 1], grad_candidate[t - 1], gate_slopes[t - 1]
        # through n: ∂h_t/∂n = z, then tanh'
        np.multiply(dh, z, out=d_cand)
        np.multiply(d_cand, tanh_slopes[t - 1], out=d_cand)
        # through r: ∂(pre n)/∂r = W_hn h + b_hn
        np.multiply(d_cand, rec[:, 2 * n :], out=d_rec[:, :n])
        np.multiply(d_rec[:, :n], slopes[:, :n], out=d_rec[:, :n])
        # through z: ∂h_t/∂z = n − h_{t-1}
        np.subtract(cand, hidden[t - 1], out=d_rec[:, n : 2 * n])
        np.multiply(d_rec[:, n : 2 * n], dh, out=d_rec[:, n : 2 * n])
        np.multiply(d_rec[:, n : 2 * n], slopes[:, n:], out=d_rec[:, n : 2 * n])
        # the recurrent part of n is gated by r
        np.multiply(d_cand, r, out=d_rec[:, 2 * n :])
        np.matmul(d_rec, weights.W_h, out=grad_hidden[t - 1])
        grad_hidden[t - 1] += dh * (1.0 - z)  # the direct path h_{t-1} → h_t
        check_cancel(should_cancel, t)
    return grad_hidden, grad_rec, grad_candidate
