"""The remedies for unstable gradients, each tested on a vanilla RNN: clipping by norm
(and what it cannot do), truncated BPTT, and gated cells (LSTM, GRU).

Registry targets: `fn(params, seed, should_cancel) -> Result`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.gru import gru_bptt
from tutor.evidence.sims.lstm import lstm_bptt
from tutor.evidence.sims.numerics import check_cancel, quiet_overflow, vector_norms
from tutor.evidence.sims.problems import LOSS_TEXT, gru_weights, inputs, lstm_weights, rnn_problem
from tutor.evidence.sims.report import (
    BACK_FROM_LOSS,
    GRADIENT_AXIS,
    first_over_last,
    fmt,
    ratio_text,
    safe_ratio,
    series_of,
)
from tutor.evidence.sims.rnn import present, rnn_bptt
from tutor.evidence.sims.training import RNNRegressor, clip_factor, global_norm, model_norms, sgd_step

Params = dict[str, Any]
Cancel = Callable[[], bool]

FEATURES = 4  # input features of these experiments
TOY_BATCH = 32  # sequences in the clipping demo's training batch


def clipping(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Train one RNN twice on 'remember the first input', without and with clipping by norm."""
    rng = np.random.default_rng(seed)
    start = RNNRegressor.create(rng, hidden=params["hidden"], features=2, scale=params["scale"], init="spectral")
    x = inputs(rng, params["steps"], TOY_BATCH, 2, 1.0)
    y = x[0, :, 0]
    threshold, rate, iterations = params["threshold"], params["learning_rate"], params["train_steps"]
    losses, norms, after = _train_pair(start.stacked(2), x, y, threshold, rate, iterations, should_cancel)
    (free_loss, clip_loss), (free_norms, before) = losses, norms

    def line(name: str, values: np.ndarray, label: str) -> Series:
        return series_of(name, values, label, backward=False)

    free_peak, clip_peak = _peak(free_loss), _peak(clip_loss)
    reading = (
        f"without clipping the loss goes from {fmt(free_loss[0])} to a peak of {fmt(free_peak)} "
        f"(gradient norms up to {fmt(float(np.nanmax(free_norms)))}); clipped at τ = {fmt(threshold)} the "
        f"norms up to {fmt(float(np.nanmax(before)))} are cut to ≤ {fmt(float(np.nanmax(after)))} and the loss "
        f"stays ≤ {fmt(clip_peak)}, ending at {fmt(clip_loss[-1])}"
    )
    return Result(
        name="clipping",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "max_norm_after": float(np.nanmax(after)),
            "clipped_loss_finite": float(np.all(np.isfinite(clip_loss))),
            "unclipped_loss_max": free_peak,
            "clipped_loss_max": clip_peak,
        },
        plots=(
            Plot("Training loss with and without clipping", "training step", "loss", (
                line("loss_unclipped", free_loss, "loss, no clipping"),
                line("loss_clipped", clip_loss, f"loss, clipped at τ = {fmt(threshold)}"),
            )),
            Plot("Gradient norm of the clipped run", "training step", "‖∇‖", (
                line("norm_before", before, "before clipping"),
                line("norm_after", after, "after clipping"),
            )),
        ),
        inputs={**{name: value for name, value in start.params.items()}, "x": x, "y": y,
                "task": "predict y = x_1[0], the first feature of the first input, from v·h_T + c "
                "(tanh RNN, mean squared error, plain gradient descent on one fixed batch)"},
    )


def _train_pair(
    pair: RNNRegressor,
    x: np.ndarray,
    y: np.ndarray,
    threshold: float | None,
    rate: float,
    iterations: int,
    should_cancel: Cancel,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full-batch gradient descent of a stack of two copies of one model, the first
    unclipped, the second clipped by norm at `threshold`, side by side. Returns the
    losses (2, iterations), the gradient norms before clipping (2, iterations) and the
    clipped run's norms after clipping (iterations,). inf/NaN are recorded, not raised."""
    losses, norms = np.empty((2, iterations)), np.empty((2, iterations))
    after = np.empty(iterations)
    for step in range(iterations):
        losses[:, step], grads = pair.loss_and_grads(x, y)
        norms[:, step] = model_norms(grads)
        factors = np.array([1.0, clip_factor(norms[1, step], threshold)])
        after[step] = norms[1, step] * factors[1]
        sgd_step(pair.params, grads, rate * factors)
        check_cancel(should_cancel, step)
    return losses, norms, after


def _peak(values: np.ndarray) -> float:
    """The largest value, or inf when the run overflowed."""
    return float(np.max(values)) if np.all(np.isfinite(values)) else float("inf")


def clipping_vanishing(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Clipping multiplies every step's contribution by one factor: early/late is unchanged."""
    steps = params["steps"]
    problem = rnn_problem(np.random.default_rng(seed), steps=steps, hidden=params["hidden"],
                          features=FEATURES, batch=1, init="spectral", scale=params["scale"])
    trace = rnn_bptt(problem.W_hh, problem.W_xh, problem.b, problem.x, problem.h0, problem.dL_dhT,
                     "tanh", should_cancel=should_cancel)
    with quiet_overflow():
        # step t adds ∂L/∂a_t [h_{t-1}; x_t; 1]ᵀ to the gradient of (W_hh, W_xh, b)
        pre = present(trace.grad_pre)[:, 0]
        lengths = np.sqrt(vector_norms(trace.hidden[:-1, 0]) ** 2 + vector_norms(problem.x[:, 0]) ** 2 + 1)
        contributions = vector_norms(pre) * lengths
    norm = global_norm({"W_hh": present(trace.grad_W_hh), "W_xh": present(trace.grad_W_xh), "b": present(trace.grad_b)})
    factor = clip_factor(norm, params["threshold"])
    clipped = contributions * factor
    ratio_before = safe_ratio(contributions[0], contributions[-1])
    ratio_after = safe_ratio(clipped[0], clipped[-1])
    action = f"scales every step by {fmt(factor)}" if factor < 1 else "leaves the gradient as it is"
    reading = (
        f"‖∇‖ = {fmt(norm)}, so clipping at τ = {fmt(params['threshold'])} {action}: the share of "
        f"step 1 over step {steps} is {fmt(ratio_before)} before and {fmt(ratio_after)} after"
    )
    return Result(
        name="clipping-vanishing",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "ratio_unclipped": float(ratio_before),
            "ratio_clipped": float(ratio_after),
            "clip_factor": factor,
            "grad_norm": norm,
        },
        plots=(Plot("Per-step contribution to ∇θ L, before and after clipping", "time step t",
                    "‖contribution of step t‖", (
                        series_of("unclipped", contributions, "unclipped", start=1),
                        series_of("clipped", clipped, f"clipped at τ = {fmt(params['threshold'])}", start=1),
                    ), distance_label=BACK_FROM_LOSS),),
        inputs={"W_hh": problem.W_hh, "W_xh": problem.W_xh, "b": problem.b, "x": problem.x[:, 0],
                "h0": problem.h0, "dL_dhT": problem.dL_dhT, "activation": "tanh", "loss": LOSS_TEXT},
    )


def truncated_bptt(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Full BPTT vs a backward pass cut after k steps."""
    steps, window = params["steps"], params["window"]
    problem = rnn_problem(np.random.default_rng(seed), steps=steps, hidden=params["hidden"],
                          features=FEATURES, batch=1, init="spectral", scale=params["scale"])
    args = (problem.W_hh, problem.W_xh, problem.b, problem.x, problem.h0, problem.dL_dhT, "tanh")
    full = rnn_bptt(*args, should_cancel=should_cancel)
    cut = rnn_bptt(*args, window=window, should_cancel=should_cancel)
    old = slice(0, max(0, steps - window))  # t < T − k: more than k steps back
    beyond = float(np.max(present(cut.grad_norms)[old, 0])) if steps > window else 0.0
    lost = float(np.max(present(full.grad_norms)[old, 0])) if steps > window else 0.0
    cost = min(window, steps) / steps
    cosine = _cosine(present(full.grad_W_hh), present(cut.grad_W_hh))
    reading = (
        f"with k = {window} of T = {steps}, ‖∂L/∂h_t‖ beyond the window is exactly {fmt(beyond)} "
        f"(full BPTT there: up to {fmt(lost)}); the backward pass does {fmt(cost)} of the work and "
        f"its ∂L/∂W_hh has cosine {cosine:.6f} with the full one"
    )
    return Result(
        name="truncated-bptt",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "max_truncated_beyond_window": beyond,
            "cost_ratio": cost,
            "max_full_beyond_window": lost,
            "grad_cosine": cosine,
        },
        plots=(Plot(f"Full BPTT vs truncated at k = {window}", *GRADIENT_AXIS, (
            series_of("full", present(full.grad_norms)[:, 0], "full BPTT"),
            series_of("truncated", present(cut.grad_norms)[:, 0], f"truncated, k = {window}"),
        ), distance_label=BACK_FROM_LOSS),),
        inputs={"W_hh": problem.W_hh, "W_xh": problem.W_xh, "b": problem.b, "x": problem.x[:, 0],
                "h0": problem.h0, "dL_dhT": problem.dL_dhT, "activation": "tanh", "loss": LOSS_TEXT},
    )


def _cosine(first: np.ndarray, second: np.ndarray) -> float:
    """cos∠(first, second); two zero gradients count as equal (1), one zero as orthogonal (0)."""
    with quiet_overflow():
        norms = float(np.linalg.norm(first)) * float(np.linalg.norm(second))
        if norms == 0.0:
            return 1.0 if not first.any() and not second.any() else 0.0
        return float(np.vdot(first, second)) / norms


def gated_vs_vanilla(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """The same inputs and loss through a tanh RNN, an LSTM and a GRU."""
    rng = np.random.default_rng(seed)
    steps, hidden, bias = params["steps"], params["hidden"], params["forget_bias"]
    problem = rnn_problem(rng, steps=steps, hidden=hidden, features=FEATURES, batch=1,
                          init="spectral", scale=1.0)
    lstm = lstm_weights(rng, hidden=hidden, features=FEATURES, scale=1.0, forget_bias=bias)
    # The GRU keeps its state when z is near 0 (Chung et al.'s convention), so the bias that
    # favours remembering is the negative of the LSTM's forget-gate bias.
    gru = gru_weights(rng, hidden=hidden, features=FEATURES, scale=1.0, update_bias=-bias)
    vanilla = rnn_bptt(problem.W_hh, problem.W_xh, problem.b, problem.x, problem.h0, problem.dL_dhT,
                       "tanh", weight_grads=False, should_cancel=should_cancel)
    lstm_trace = lstm_bptt(lstm, problem.x, problem.dL_dhT, should_cancel=should_cancel)
    gru_trace = gru_bptt(gru, problem.x, problem.dL_dhT, should_cancel=should_cancel)
    lines = (
        series_of("vanilla", present(vanilla.grad_norms)[:, 0], "vanilla tanh RNN (ρ = 1)"),
        series_of("lstm", lstm_trace.hidden_grad_norms[:, 0], f"LSTM (forget bias {fmt(bias)})"),
        series_of("gru", gru_trace.hidden_grad_norms[:, 0], f"GRU (update bias {fmt(-bias)})"),
    )
    ratios = {line.name: first_over_last(line.y) for line in lines}
    forget, update = float(lstm_trace.forget_gates.mean()), float(gru_trace.update_gates.mean())
    text = {line.name: ratio_text(ratios[line.name], line) for line in lines}
    reading = (
        f"‖∂L/∂h_0‖/‖∂L/∂h_T‖ over {steps} steps, same inputs and loss: vanilla RNN "
        f"{text['vanilla']}, LSTM {text['lstm']} (mean forget gate {fmt(forget)}), "
        f"GRU {text['gru']} (mean update gate {fmt(update)})"
    )
    return Result(
        name="gated-vs-vanilla",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            **{f"first_over_last[{name}]": ratio for name, ratio in ratios.items()},
            "mean_forget_gate": forget,
            "mean_update_gate": update,
        },
        plots=(Plot("Gradient norm back through time: vanilla RNN, LSTM, GRU", *GRADIENT_AXIS, lines,
                    distance_label=BACK_FROM_LOSS),),
        inputs={"x": problem.x[:, 0], "dL_dhT": problem.dL_dhT, "loss": LOSS_TEXT,
                "vanilla": {"W_hh": problem.W_hh, "W_xh": problem.W_xh, "b": problem.b},
                "lstm": {"W_x": lstm.W_x, "W_h": lstm.W_h, "b": lstm.b},
                "gru": {"W_x": gru.W_x, "b_x": gru.b_x, "W_h": gru.W_h, "b_h": gru.b_h}},
    )
