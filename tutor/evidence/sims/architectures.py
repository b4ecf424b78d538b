"""Why depth hurts and which architectures route around it: an RNN against a stack of
independent layers, and plain vs residual stacks vs one attention hop.

Registry targets: `fn(params, seed, should_cancel) -> Result`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result
from tutor.evidence.sims.inits import gaussian, recurrent_matrix, spectral_radius
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow, vector_norms
from tutor.evidence.sims.paths import attention_gradients, stack_gradient_norms
from tutor.evidence.sims.problems import unit_vector
from tutor.evidence.sims.report import BACK_FROM_OUTPUT, change_phrase, first_over_last, fmt, ratio_text, series_of

Params = dict[str, Any]
Cancel = Callable[[], bool]

DEPTH_AXIS = ("layer / time step t", "‖∂L/∂h_t‖")


def _independent_layers(rng: np.random.Generator, depth: int, size: int, scale: float,
                        should_cancel: Cancel) -> np.ndarray:
    """`depth` Gaussian matrices drawn independently, each rescaled to spectral radius `scale`."""
    ensure_affordable(depth * size * size, "this stack of layers")
    layers = np.empty((depth, size, size))
    for layer in range(depth):
        layers[layer] = recurrent_matrix(rng, size, "spectral", scale)
        check_cancel(should_cancel, layer)
    return layers


def _per_step(ratio: float, steps: int) -> float:
    """The geometric-mean factor per step behind a ratio over `steps` steps."""
    with quiet_overflow():
        return float(ratio ** (1.0 / steps)) if np.isfinite(ratio) and ratio > 0 else ratio


def shared_vs_independent(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """One W applied T times (an RNN without inputs) vs T independent random layers."""
    rng = np.random.default_rng(seed)
    size: int  # an int size makes standard_normal an array (for a type checker)
    steps, size, scale, activation = params["steps"], params["hidden"], params["scale"], params["activation"]
    shared = recurrent_matrix(rng, size, "spectral", scale)
    independent = _independent_layers(rng, steps, size, scale, should_cancel)
    h0 = rng.standard_normal(size)
    g = unit_vector(rng, size)
    stacks = {
        "shared": np.broadcast_to(shared, (steps, size, size)),
        "independent": independent,
    }
    lines, scalars, parts = [], {}, []
    for name, weights in stacks.items():
        norms = stack_gradient_norms(weights, h0, g, activation, residual=False, should_cancel=should_cancel)
        line = series_of(name, norms, f"{name} W")
        ratio = first_over_last(line.y)
        lines.append(line)
        scalars[f"first_over_last[{name}]"] = ratio
        scalars[f"per_step[{name}]"] = _per_step(ratio, steps)
        parts.append(f"{name} {change_phrase(ratio, steps, overflow=line.overflow_step)}, "
                     f"{fmt(_per_step(ratio, steps), 3)} per step")
    scalars["spectral_radius"] = spectral_radius(shared)
    reading = (
        f"depth {steps} either way ({activation}, every matrix with ρ = {fmt(scale)}): "
        + "; ".join(parts)
    )
    return Result(
        name="shared-vs-independent",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars=scalars,
        plots=(Plot("One shared W vs independent layers", *DEPTH_AXIS, tuple(lines), distance_label=BACK_FROM_OUTPUT),),
        inputs={"W_shared": shared, "W_independent": independent, "h0": h0, "dL_dhT": g,
                "activation": activation,
                "model": "h_t = phi(W_t h_{t-1}), t = 1..T, W_t = W_shared or W_independent[t-1]; "
                "L = g·h_T"},
    )


def residual_attention(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Plain tanh stack vs the same layers with skips, vs attention pooling over T+1 tokens."""
    rng = np.random.default_rng(seed)
    size: int  # an int size makes standard_normal an array (for a type checker)
    steps, size, scale = params["steps"], params["hidden"], params["scale"]
    layers = _independent_layers(rng, steps, size, scale, should_cancel)
    h0 = rng.standard_normal(size)
    g = unit_vector(rng, size)
    tokens = rng.standard_normal((steps + 1, size))
    query = rng.standard_normal(size)
    W_k, W_v = gaussian(rng, size, size), gaussian(rng, size, size)
    plain = stack_gradient_norms(layers, h0, g, "tanh", residual=False, should_cancel=should_cancel)
    residual = stack_gradient_norms(layers, h0, g, "tanh", residual=True, should_cancel=should_cancel)
    weights, token_grads = attention_gradients(tokens, query, W_k, W_v, g)
    lines = (
        series_of("plain", plain, "plain: h_l = tanh(W_l h_{l-1})"),
        series_of("residual", residual, "residual: h_l = h_{l-1} + tanh(W_l h_{l-1})"),
        series_of("attention", vector_norms(token_grads), "attention: ‖∂L/∂x_s‖, one hop"),
    )
    ratios = {line.name: first_over_last(line.y) for line in lines}
    reading = (
        f"{steps} layers with ρ(W_l) = {fmt(scale)}: plain "
        f"{change_phrase(ratios['plain'], steps, overflow=lines[0].overflow_step)}; residual "
        f"{ratio_text(ratios['residual'], lines[1])} ({fmt(_per_step(ratios['residual'], steps), 3)} "
        f"per layer); attention pooling over {steps + 1} tokens reaches each in one hop: token 0 "
        f"over token {steps} {ratio_text(ratios['attention'], lines[2])} (α from {fmt(float(weights.min()))} to "
        f"{fmt(float(weights.max()))})"
    )
    return Result(
        name="residual-attention",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={f"first_over_last[{name}]": ratio for name, ratio in ratios.items()},
        plots=(Plot("Plain vs residual stack vs attention", *DEPTH_AXIS, lines, distance_label=BACK_FROM_OUTPUT),),
        inputs={"layers": layers, "h0": h0, "dL_dhT": g, "tokens": tokens,
                "query": query, "W_k": W_k, "W_v": W_v,
                "model": "stacks: h_l = [h_{l-1} +] tanh(W_l h_{l-1}), L = g·h_T; attention: "
                "alpha = softmax_s(query · W_k x_s / sqrt(n)), y = sum_s alpha_s W_v x_s, L = g·y"},
        outputs={"attention_weights": weights},
    )
