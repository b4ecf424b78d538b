"""Gradients through depth in Pre-LN and Post-LN residual stacks (Xiong et al. 2020).

    Pre-LN   x_l = x_{l−1} + F_l(LN(x_{l−1})),   output LN(x_L)
    Post-LN  x_l = LN(x_{l−1} + F_l(x_{l−1})),   output x_L
    F_l(u) = W2_l·relu(W1_l·u),  W1 ~ N(0, 2/n) (He),  W2 ~ N(0, s²/n)

In Pre-LN the identity path runs from the output to every layer untouched, so the gradient
reaching layer l keeps its size; in Post-LN every layer's Jacobian is J_LN·(I + ∂F/∂x), and the
LayerNorm divides by the standard deviation of x + F(x) (about √(1 + s²) > 1), so the gradient
shrinks layer by layer on its way to the input, and the last layers' weights get the largest
gradients: the reason Post-LN Transformers need learning-rate warm-up.

LN(v) = (v − mean v)/σ with σ = √(mean((v − mean v)²) + ε), no gain or bias; its Jacobian is
(1/σ)(I − 11ᵀ/n − ŷŷᵀ/n) with ŷ = LN(v), symmetric, so its vector product is written out.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow
from tutor.evidence.sims.problems import unit_vector
from tutor.evidence.sims.report import first_over_last, fmt, series_of

Params = dict[str, Any]
Cancel = Callable[[], bool]
EPSILON = 1e-5


def layer_norm(v: np.ndarray) -> tuple[np.ndarray, float]:
    """(LN(v), σ)."""
    centred = v - v.mean()
    sigma = math.sqrt(float(np.mean(centred * centred)) + EPSILON)
    return centred / sigma, sigma


def layer_norm_vjp(grad: np.ndarray, normalised: np.ndarray, sigma: float) -> np.ndarray:
    """gᵀ·∂LN/∂v = (g − mean g − ŷ·(ŷ·g)/n)/σ."""
    vjp: np.ndarray = (grad - grad.mean() - normalised * (normalised @ grad) / grad.size) / sigma
    return vjp


def branch_weights(
    rng: np.random.Generator, depth: int, size: int, branch_scale: float
) -> tuple[np.ndarray, np.ndarray]:
    W1 = rng.standard_normal((depth, size, size)) * math.sqrt(2.0 / size)
    W2 = rng.standard_normal((depth, size, size)) * (branch_scale / math.sqrt(size))
    return W1, W2


def stack_gradients(
    x0: np.ndarray, W1: np.ndarray, W2: np.ndarray, dL_dy: np.ndarray, *, pre_ln: bool,
    should_cancel: Cancel | None = None,
) -> tuple[np.ndarray, np.ndarray, float]:
    """(∂L/∂x_l for l = 0..L, ‖∂L/∂W2_l‖_F for l = 1..L, L) with the loss L = dL_dy·output."""
    depth, size = W1.shape[0], W1.shape[1]
    xs = np.empty((depth + 1, size))
    inputs_u = np.empty((depth, size))
    pre_relu = np.empty((depth, size))
    post_norms: list[tuple[np.ndarray, float]] = []
    pre_norms: list[tuple[np.ndarray, float]] = []
    xs[0] = x0
    with quiet_overflow():
        for layer in range(depth):
            x = xs[layer]
            if pre_ln:
                normalised, sigma = layer_norm(x)
                pre_norms.append((normalised, sigma))
                inputs_u[layer] = normalised
            else:
                inputs_u[layer] = x
            pre_relu[layer] = W1[layer] @ inputs_u[layer]
            branch = W2[layer] @ np.maximum(pre_relu[layer], 0.0)
            if pre_ln:
                xs[layer + 1] = x + branch
            else:
                xs[layer + 1], sigma = layer_norm(x + branch)
                post_norms.append((xs[layer + 1], sigma))
            check_cancel(should_cancel, layer + 1)
        if pre_ln:
            output, out_sigma = layer_norm(xs[depth])
            grad = layer_norm_vjp(dL_dy, output, out_sigma)
        else:
            output, grad = xs[depth], dL_dy.copy()
        loss = float(dL_dy @ output)
        grads = np.empty((depth + 1, size))
        weight_norms = np.empty(depth)
        grads[depth] = grad
        for layer in range(depth - 1, -1, -1):
            if not pre_ln:  # through x_{l+1} = LN(s), s = x_l + F(x_l)
                normalised, sigma = post_norms[layer]
                grad = layer_norm_vjp(grad, normalised, sigma)
            grad_branch = grad  # ∂L/∂F_l(·)
            active = pre_relu[layer] > 0
            weight_norms[layer] = float(np.linalg.norm(grad_branch) * np.linalg.norm(np.maximum(pre_relu[layer], 0.0)))
            grad_u = W1[layer].T @ ((W2[layer].T @ grad_branch) * active)
            if pre_ln:
                normalised, sigma = pre_norms[layer]
                grad = grad + layer_norm_vjp(grad_u, normalised, sigma)
            else:
                grad = grad + grad_u
            grads[layer] = grad
            check_cancel(should_cancel, layer + 1)
    return grads, weight_norms, loss


def run_layernorm_depth(params: Params, seed: int, should_cancel: Cancel) -> Result:
    size: int  # an int size makes standard_normal an array (for a type checker)
    depth, size, branch_scale = params["depth"], params["hidden"], params["branch_scale"]
    ensure_affordable(depth * size * (2 * size + 6), "this stack")
    rng = np.random.default_rng(seed)
    W1, W2 = branch_weights(rng, depth, size, branch_scale)
    x0 = rng.standard_normal(size)
    dL_dy = unit_vector(rng, size)
    pre, pre_weights, _ = stack_gradients(x0, W1, W2, dL_dy, pre_ln=True, should_cancel=should_cancel)
    post, post_weights, _ = stack_gradients(x0, W1, W2, dL_dy, pre_ln=False, should_cancel=should_cancel)
    pre_norms, post_norms = np.linalg.norm(pre, axis=1), np.linalg.norm(post, axis=1)
    layers = np.arange(1, depth + 1)
    hidden_plot = Plot(
        title="‖∂L/∂x_l‖ through the stack",
        x_label="layer l (0 = input, L = output)",
        y_label="‖∂L/∂x_l‖",
        series=(series_of("pre_ln", pre_norms, "Pre-LN"), series_of("post_ln", post_norms, "Post-LN")),
    )
    weight_plot = Plot(
        title="‖∂L/∂W2_l‖ per layer (second weight of each branch)",
        x_label="layer l",
        y_label="‖∂L/∂W2_l‖_F",
        series=(Series("pre_ln_weights", layers, pre_weights, "Pre-LN"),
                Series("post_ln_weights", layers, post_weights, "Post-LN")),
    )
    with quiet_overflow():
        scalars = {
            "first_over_last[pre_ln]": first_over_last(pre_norms),
            "first_over_last[post_ln]": first_over_last(post_norms),
            "last_over_first_weights[pre_ln]": float(pre_weights[-1] / pre_weights[0]) if pre_weights[0] else math.inf,
            "last_over_first_weights[post_ln]": (
                float(post_weights[-1] / post_weights[0]) if post_weights[0] else math.inf
            ),
            "last_weights[pre_ln]": float(pre_weights[-1]),
            "last_weights[post_ln]": float(post_weights[-1]),
            "output_grad[pre_ln]": float(pre_norms[-1]),
            "output_grad[post_ln]": float(post_norms[-1]),
        }
    reading = (
        f"Over {depth} layers: the last layer's weight gradient is {fmt(scalars['last_weights[pre_ln]'])} in Pre-LN "
        f"and {fmt(scalars['last_weights[post_ln]'])} in Post-LN (Pre-LN's final LayerNorm divides by a residual "
        f"stream that grows with depth: ‖∂L/∂x_L‖ = {fmt(scalars['output_grad[pre_ln]'])}); the gradient reaching "
        f"the input is ×{fmt(scalars['first_over_last[pre_ln]'])} of the output's in Pre-LN, "
        f"×{fmt(scalars['first_over_last[post_ln]'])} in Post-LN."
    )
    return Result("layernorm-depth", "simulation", dict(params), seed, reading, scalars, (hidden_plot, weight_plot),
                  inputs={"W1": W1, "W2": W2, "x0": x0, "dL_dy": dL_dy},
                  outputs={"pre_ln_grads": pre, "post_ln_grads": post})
