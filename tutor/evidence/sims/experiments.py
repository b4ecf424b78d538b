"""Single-model simulations and the sweeps over one knob of the vanilla RNN.

Each function is a registry target: `fn(params, seed, should_cancel) -> Result`, with
`params` already checked against tutor/evidence/sims/catalog.py. The gradient plotted
is always that of the first sequence of the batch, under the loss L = g·h_T.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result
from tutor.evidence.sims.activations import GAMMA, derivative_from_output
from tutor.evidence.sims.gru import gru_bptt
from tutor.evidence.sims.inits import recurrent_matrix, sigma_max, spectral_radius
from tutor.evidence.sims.jacobian import jacobian_log_norms
from tutor.evidence.sims.lstm import lstm_bptt
from tutor.evidence.sims.numerics import ensure_affordable, overflow_step, quiet_overflow, vector_norms
from tutor.evidence.sims.problems import (
    LOSS_TEXT,
    gru_weights,
    inputs,
    lstm_weights,
    rnn_problem,
    unit_vector,
)
from tutor.evidence.sims.report import (
    BACK_FROM_LOSS,
    GRADIENT_AXIS,
    change_phrase,
    first_over_last,
    fmt,
    overflow_scalar,
    ratio_text,
    scale_label,
    series_of,
    unique,
)
from tutor.evidence.sims.rnn import present, rnn_bptt, sequence_weight_grads

Params = dict[str, Any]
Cancel = Callable[[], bool]

CONVENTION = (
    "h_t = phi(W_hh h_{t-1} + W_xh x_t + b) for t = 1..T (column vectors); "
    "row x[t-1] is x_t; grad_norms[t] = ||dL/dh_t|| for t = 0..T"
)
COMPARISON_FEATURES = 4  # input features of the comparisons that do not declare `input`


def run_rnn(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """The vanilla RNN: ‖∂L/∂h_t‖ and ‖∂h_T/∂h_t‖₂ per step, with ρ, σ_max and γ."""
    steps, activation = params["steps"], params["activation"]
    problem = rnn_problem(
        np.random.default_rng(seed),
        steps=steps,
        hidden=params["hidden"],
        features=params["input"],
        batch=params["batch"],
        init=params["init"],
        scale=params["scale"],
        input_scale=params["input_scale"],
    )
    trace = rnn_bptt(
        problem.W_hh, problem.W_xh, problem.b, problem.x, problem.h0, problem.dL_dhT,
        activation, weight_grads=False, should_cancel=should_cancel,
    )
    norms = present(trace.grad_norms)[:, 0]
    slopes = derivative_from_output(activation, trace.hidden[1:, 0])
    log_jacobian = jacobian_log_norms(problem.W_hh, slopes, should_cancel=should_cancel)
    with quiet_overflow():
        jacobian = np.exp(log_jacobian)
        batch_mean = present(trace.grad_norms).mean(axis=1)
    grad = series_of("grad_norm", norms, "‖∂L/∂h_t‖")
    jacobian_series = series_of("jacobian_norm", jacobian, "‖∂h_T/∂h_t‖₂")
    forward_overflow = overflow_step(
        vector_norms(trace.hidden[:, 0]), np.arange(steps + 1), backward=False
    )
    rho, largest, gamma = spectral_radius(problem.W_hh), sigma_max(problem.W_hh), GAMMA[activation]
    ratio = first_over_last(norms)
    bound = "<" if gamma * largest < 1 else "≥"
    reading = (
        f"γ·σ_max = {fmt(gamma * largest)} {bound} 1 (ρ = {fmt(rho)}, {activation}): "
        f"‖∂L/∂h_t‖ {change_phrase(ratio, steps, overflow=grad.overflow_step)}"
    )
    if grad.overflow_step is not None and np.isfinite(log_jacobian[0]):
        reading += f" (in log space ‖∂h_T/∂h_0‖₂ = 10^{log_jacobian[0] / math.log(10):.1f})"
    if forward_overflow is not None:
        reading += f"; the forward pass overflowed at step {forward_overflow}"
    grad_W_hh, grad_W_xh, grad_b = sequence_weight_grads(trace, problem.x)
    return Result(
        name="rnn",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "spectral_radius": rho,
            "sigma_max": largest,
            "gamma": gamma,
            "gamma_sigma_max": gamma * largest,
            "first_over_last": ratio,
            "overflow_step": overflow_scalar(grad),
            "forward_overflow_step": -1.0 if forward_overflow is None else float(forward_overflow),
            "mean_abs_slope": float(np.mean(np.abs(slopes))) if slopes.size else math.nan,
        },
        plots=(Plot("Vanilla RNN: gradient norm back through time", *GRADIENT_AXIS, (grad, jacobian_series),
                    distance_label=BACK_FROM_LOSS),),
        inputs={
            "W_hh": problem.W_hh,
            "W_xh": problem.W_xh,
            "b": problem.b,
            "x": problem.x[:, 0],
            "h0": problem.h0,
            "activation": activation,
            "dL_dhT": problem.dL_dhT,
            "loss": LOSS_TEXT,
            "convention": CONVENTION,
        },
        outputs={
            "grad_norms": norms,
            "jacobian_norms": jacobian,
            "log10_jacobian_norms": log_jacobian / math.log(10),
            "h_T": trace.hidden[steps, 0],
            "loss_first_sequence": float(problem.dL_dhT @ trace.hidden[steps, 0]),
            "grad_W_hh": grad_W_hh,
            "grad_W_xh": grad_W_xh,
            "grad_b": grad_b,
            "grad_norms_batch_mean": batch_mean,
        },
    )


def run_lstm(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """The LSTM: ‖∂L/∂c_t‖ and ‖∂L/∂h_t‖ per step, and the forget gate along the path."""
    steps, hidden = params["steps"], params["hidden"]
    ensure_affordable(steps * params["batch"] * (params["input"] + 12 * hidden), "this LSTM run")
    rng = np.random.default_rng(seed)
    weights = lstm_weights(
        rng, hidden=hidden, features=params["input"], scale=params["scale"],
        forget_bias=params["forget_bias"],
    )
    x = inputs(rng, steps, params["batch"], params["input"], params["input_scale"])
    g = unit_vector(rng, hidden)
    trace = lstm_bptt(weights, x, g, should_cancel=should_cancel)
    cell = series_of("cell_grad_norm", trace.cell_grad_norms[:, 0], "‖∂L/∂c_t‖")
    hid = series_of("hidden_grad_norm", trace.hidden_grad_norms[:, 0], "‖∂L/∂h_t‖")
    forget = trace.forget_gates[:, 0].mean(axis=1)
    gate = series_of("forget_gate", forget, "mean f_t over units", start=1, backward=False)
    cell_ratio = first_over_last(cell.y)
    overflows = [s for s in (cell.overflow_step, hid.overflow_step) if s is not None]
    if params["scale"] == 0:
        # the setting, not vanishing: without recurrent weights h_{t-1} reaches the loss only
        # through the cell, so ∂L/∂h_t is exactly 0 before the last step
        hidden_part = ("‖∂L/∂h_t‖ is 0 before the last step by construction: with the recurrent weights at 0 "
                       "(scale = 0) the only path back in time is the cell path")
    else:
        hidden_part = f"‖∂L/∂h_t‖ {change_phrase(first_over_last(hid.y), steps, overflow=hid.overflow_step)}"
    reading = (
        f"mean forget gate {fmt(float(forget.mean()))}: ‖∂L/∂c_t‖ "
        f"{change_phrase(cell_ratio, steps, overflow=cell.overflow_step)}; {hidden_part}"
    )
    return Result(
        name="lstm",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "mean_forget_gate": float(forget.mean()),
            "first_over_last": cell_ratio,
            "hidden_first_over_last": first_over_last(hid.y),
            "overflow_step": float(max(overflows)) if overflows else -1.0,
        },
        plots=(
            Plot("LSTM: gradient norms back through time", "time step t", "gradient norm", (cell, hid),
                 distance_label=BACK_FROM_LOSS),
            Plot("LSTM: forget gate along the path", "time step t", "f_t", (gate,), log_y=False,
                 distance_label=BACK_FROM_LOSS),
        ),
        inputs={
            "W_x": weights.W_x, "W_h": weights.W_h, "b": weights.b, "x": x[:, 0],
            "h0": np.zeros(hidden), "c0": np.zeros(hidden), "dL_dhT": g, "loss": LOSS_TEXT,
            "convention": "gates (i, f, g, o) = torch.nn.LSTM's order; c_t = f*c_{t-1} + i*g, "
            "h_t = o*tanh(c_t); row x[t-1] is x_t",
        },
        outputs={
            "cell_grad_norms": cell.y,
            "hidden_grad_norms": hid.y,
            "forget_gate_mean": forget,
        },
    )


def run_gru(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """The GRU: ‖∂L/∂h_t‖ per step, and the update gate along the path."""
    steps, hidden = params["steps"], params["hidden"]
    ensure_affordable(steps * params["batch"] * (params["input"] + 14 * hidden), "this GRU run")
    rng = np.random.default_rng(seed)
    weights = gru_weights(
        rng, hidden=hidden, features=params["input"], scale=params["scale"],
        update_bias=params["update_bias"],
    )
    x = inputs(rng, steps, params["batch"], params["input"], params["input_scale"])
    g = unit_vector(rng, hidden)
    trace = gru_bptt(weights, x, g, should_cancel=should_cancel)
    hid = series_of("hidden_grad_norm", trace.hidden_grad_norms[:, 0], "‖∂L/∂h_t‖")
    update = trace.update_gates[:, 0].mean(axis=1)
    gate = series_of("update_gate", update, "mean z_t over units", start=1, backward=False)
    ratio = first_over_last(hid.y)
    reading = (
        f"mean update gate {fmt(float(update.mean()))} (z near 0 keeps h_{{t-1}}): ‖∂L/∂h_t‖ "
        f"{change_phrase(ratio, steps, overflow=hid.overflow_step)}"
    )
    return Result(
        name="gru",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "mean_update_gate": float(update.mean()),
            "first_over_last": ratio,
            "overflow_step": overflow_scalar(hid),
        },
        plots=(
            Plot("GRU: gradient norm back through time", *GRADIENT_AXIS, (hid,), distance_label=BACK_FROM_LOSS),
            Plot("GRU: update gate along the path", "time step t", "z_t", (gate,), log_y=False,
                 distance_label=BACK_FROM_LOSS),
        ),
        inputs={
            "W_x": weights.W_x, "b_x": weights.b_x, "W_h": weights.W_h, "b_h": weights.b_h,
            "x": x[:, 0], "h0": np.zeros(hidden), "dL_dhT": g, "loss": LOSS_TEXT,
            "convention": "blocks (r, z, n) = torch.nn.GRU's order; "
            "h_t = (1 - z)*h_{t-1} + z*n (Chung et al.: z near 0 keeps the state; PyTorch swaps z "
            "and 1 - z); row x[t-1] is x_t",
        },
        outputs={"hidden_grad_norms": hid.y, "update_gate_mean": update},
    )


def spectral_sweep(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """One W_hh direction, rescaled to each swept value, all run in one vectorised pass."""
    rng = np.random.default_rng(seed)
    steps, hidden, activation, init = params["steps"], params["hidden"], params["activation"], params["init"]
    scales = unique(params["scales"])
    base = recurrent_matrix(rng, hidden, init, 1.0)
    W_xh = rng.standard_normal((hidden, COMPARISON_FEATURES)) / np.sqrt(COMPARISON_FEATURES)
    x = inputs(rng, steps, 1, COMPARISON_FEATURES, 1.0)
    g = unit_vector(rng, hidden)
    stack = np.stack([scale * base for scale in scales])
    trace = rnn_bptt(stack, W_xh, np.zeros(hidden), x, np.zeros(hidden), g, activation,
                     weight_grads=False, should_cancel=should_cancel)
    series, scalars, parts = [], {}, []
    knob = {"spectral": "ρ", "singular": "σ_max", "orthogonal": "gain"}[init]
    base_rho, base_sigma = spectral_radius(base), sigma_max(base)  # captions quote both, per scale
    for index, scale in enumerate(scales):
        line = series_of(scale_label(scale), present(trace.grad_norms)[index, :, 0], f"{knob} = {scale:g}")
        ratio = first_over_last(line.y)
        series.append(line)
        scalars[f"first_over_last[{scale_label(scale)}]"] = ratio
        scalars[f"rho[{scale_label(scale)}]"] = scale * base_rho
        scalars[f"sigma_max[{scale_label(scale)}]"] = scale * base_sigma
        parts.append(f"{scale:g}: {ratio_text(ratio, line)}")
    reading = (
        f"‖∂L/∂h_0‖/‖∂L/∂h_T‖ over {steps} steps ({activation}, γ = {fmt(GAMMA[activation])}) "
        f"by {knob}: " + ", ".join(parts)
    )
    return Result(
        name="spectral-sweep",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars=scalars,
        plots=(Plot(f"Gradient norm back through time, by {knob} of W_hh", *GRADIENT_AXIS, tuple(series),
                     distance_label=BACK_FROM_LOSS),),
        inputs={"W_hh_unit": base, "scales": scales, "W_xh": W_xh, "x": x[:, 0], "dL_dhT": g,
                "activation": activation, "loss": LOSS_TEXT, "convention": CONVENTION},
    )


def compare_activations(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """The same W_hh, inputs and loss through sigmoid, tanh and ReLU."""
    steps = params["steps"]
    problem = rnn_problem(
        np.random.default_rng(seed), steps=steps, hidden=params["hidden"],
        features=COMPARISON_FEATURES, batch=1, init=params["init"], scale=params["scale"],
        input_scale=params["input_scale"],
    )
    series, scalars, parts = [], {}, []
    for activation in ("sigmoid", "tanh", "relu"):
        trace = rnn_bptt(problem.W_hh, problem.W_xh, problem.b, problem.x, problem.h0,
                         problem.dL_dhT, activation, weight_grads=False, should_cancel=should_cancel)
        line = series_of(activation, present(trace.grad_norms)[:, 0], f"{activation} (γ = {fmt(GAMMA[activation])})")
        ratio = first_over_last(line.y)
        series.append(line)
        scalars[f"first_over_last[{activation}]"] = ratio
        parts.append(f"{activation} (γ = {fmt(GAMMA[activation])}) {ratio_text(ratio, line)}")
    reading = (
        f"same W_hh (ρ = {fmt(spectral_radius(problem.W_hh))}, σ_max = {fmt(sigma_max(problem.W_hh))}), "
        f"‖∂L/∂h_0‖/‖∂L/∂h_T‖ over {steps} steps: " + ", ".join(parts)
    )
    return Result(
        name="activations",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars=scalars,
        plots=(Plot("Gradient norm back through time, by activation", *GRADIENT_AXIS, tuple(series),
                     distance_label=BACK_FROM_LOSS),),
        inputs={"W_hh": problem.W_hh, "W_xh": problem.W_xh, "b": problem.b, "x": problem.x[:, 0],
                "h0": problem.h0, "dL_dhT": problem.dL_dhT, "loss": LOSS_TEXT, "convention": CONVENTION},
    )


def compare_inits(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Orthogonal W_hh (every singular value = gain) vs Gaussian with the same spectral radius."""
    rng = np.random.default_rng(seed)
    steps, hidden, activation, scale = params["steps"], params["hidden"], params["activation"], params["scale"]
    inits = {
        "orthogonal": recurrent_matrix(rng, hidden, "orthogonal", scale),
        "gaussian": recurrent_matrix(rng, hidden, "spectral", scale),
    }
    W_xh = rng.standard_normal((hidden, COMPARISON_FEATURES)) / np.sqrt(COMPARISON_FEATURES)
    x = inputs(rng, steps, 1, COMPARISON_FEATURES, 1.0)
    g = unit_vector(rng, hidden)
    trace = rnn_bptt(np.stack(list(inits.values())), W_xh, np.zeros(hidden), x, np.zeros(hidden),
                     g, activation, weight_grads=False, should_cancel=should_cancel)
    series, scalars, parts = [], {}, []
    for index, (name, matrix) in enumerate(inits.items()):
        largest = sigma_max(matrix)
        line = series_of(name, present(trace.grad_norms)[index, :, 0], f"{name} (σ_max = {fmt(largest)})")
        ratio = first_over_last(line.y)
        series.append(line)
        scalars[f"first_over_last[{name}]"] = ratio
        scalars[f"sigma_max[{name}]"] = largest
        parts.append(f"{name} (ρ = {fmt(spectral_radius(matrix))}, σ_max = {fmt(largest)}) {ratio_text(ratio, line)}")
    reading = f"‖∂L/∂h_0‖/‖∂L/∂h_T‖ over {steps} steps ({activation}): " + "; ".join(parts)
    return Result(
        name="init-compare",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars=scalars,
        plots=(Plot("Gradient norm back through time: orthogonal vs Gaussian W_hh", *GRADIENT_AXIS, tuple(series),
                     distance_label=BACK_FROM_LOSS),),
        inputs={**{f"W_hh[{name}]": matrix for name, matrix in inits.items()}, "W_xh": W_xh,
                "x": x[:, 0], "dL_dhT": g, "activation": activation, "loss": LOSS_TEXT},
    )
