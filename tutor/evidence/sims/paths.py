"""Gradient paths outside the vanilla RNN: deep stacks (plain, residual, shared weights)
and one attention read-out, each with an exact hand-written backward pass.

These answer "why do residual connections and attention help?" with numbers:

    plain stack      h_l = φ(W_l h_{l-1})             ∂h_l/∂h_{l-1} = diag(φ') W_l
    residual stack   h_l = h_{l-1} + φ(W_l h_{l-1})   ∂h_l/∂h_{l-1} = I + diag(φ') W_l
    attention        y = Σ_s α_s W_v x_s              ∂y/∂x_s holds α_s W_v: one hop
                     (attention pooling: α = softmax over s of q·W_k x_s/√n)

An RNN without inputs is a plain stack whose W_l are all the same matrix.
One vector flows through each model (no batch): these are small, exact illustrations.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.evidence.sims.activations import apply, derivative_from_output
from tutor.evidence.sims.numerics import check_cancel, quiet_overflow, vector_norms


def stack_gradient_norms(
    weights: np.ndarray,
    h0: np.ndarray,
    dL_dhL: np.ndarray,
    activation: str,
    *,
    residual: bool,
    should_cancel: Callable[[], bool] | None = None,
) -> np.ndarray:
    """‖∂L/∂h_l‖ for l = 0..L through a stack of L layers W_l = weights[l-1] (L, n, n).

    The loss is L = dL_dhL · h_L. `weights` may be a broadcast view of one matrix
    (a shared W), which costs no memory.
    """
    return vector_norms(stack_gradients(weights, h0, dL_dhL, activation, residual=residual,
                                        should_cancel=should_cancel))


def stack_gradients(
    weights: np.ndarray,
    h0: np.ndarray,
    dL_dhL: np.ndarray,
    activation: str,
    *,
    residual: bool,
    should_cancel: Callable[[], bool] | None = None,
) -> np.ndarray:
    """∂L/∂h_l for l = 0..L, shape (L+1, n); see `stack_gradient_norms`."""
    depth, size = weights.shape[0], weights.shape[-1]
    hidden = np.empty((depth + 1, size))
    branch = np.empty((depth, size))
    grads = np.empty((depth + 1, size))
    hidden[0] = h0
    with quiet_overflow():
        for layer in range(1, depth + 1):
            np.matmul(weights[layer - 1], hidden[layer - 1], out=branch[layer - 1])
            apply(activation, branch[layer - 1])
            hidden[layer] = branch[layer - 1] + hidden[layer - 1] if residual else branch[layer - 1]
            check_cancel(should_cancel, layer)
        slopes = derivative_from_output(activation, branch)
        grads[depth] = dL_dhL
        for layer in range(depth, 0, -1):
            np.matmul(grads[layer] * slopes[layer - 1], weights[layer - 1], out=grads[layer - 1])
            if residual:
                grads[layer - 1] += grads[layer]
            check_cancel(should_cancel, layer)
    return grads


def attention_gradients(
    tokens: np.ndarray,
    query: np.ndarray,
    W_k: np.ndarray,
    W_v: np.ndarray,
    dL_dy: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Attention pooling with a fixed query; returns (α, ∂L/∂x_s for every token s).

    k_s = W_k x_s, v_s = W_v x_s, α = softmax(q·k_s/√n), y = Σ α_s v_s, L = dL_dy·y.
    Every x_s reaches y through one product, so ∂L/∂x_s does not shrink with its
    position; it is weighted by α_s.
    """
    size = tokens.shape[1]
    keys = tokens @ W_k.T
    values = tokens @ W_v.T
    scores = keys @ query / np.sqrt(size)
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    value_grads = values @ dL_dy  # ∂L/∂α_s = dL_dy · v_s
    score_grads = weights * (value_grads - weights @ value_grads)
    grads = np.outer(weights, dL_dy) @ W_v  # through the values
    grads += np.outer(score_grads, query) @ W_k / np.sqrt(size)  # through the keys
    return weights, grads
