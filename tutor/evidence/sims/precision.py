"""The same BPTT backward pass in float64, float32, bfloat16 and float16, and float16 with loss
scaling: where reduced precision overflows (float16's largest value is 65504) or flushes small
gradients to zero (float16's smallest subnormal is 2⁻²⁴ ≈ 6e-8), and what scaling the loss does.

The forward pass runs in float64; each backward step g_{t−1} = W_hhᵀ(φ'(a_t) ⊙ g_t) is computed
in the precision under test with W_hh and φ' rounded to it. float16 products go through
NumPy's float16 matmul (float32 accumulation, rounded to float16: like tensor cores). NumPy has
no bfloat16, so it is emulated: float32 arithmetic, each result rounded to bfloat16 (8 bits of
significand, float32's exponent range) by round-to-nearest-even on the upper 16 bits. Loss
scaling multiplies ∂L/∂h_T by S before the float16 pass and divides the result by S in float64.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result
from tutor.evidence.sims.activations import derivative_from_output
from tutor.evidence.sims.dynamics import FEATURES, hidden_path
from tutor.evidence.sims.inits import gaussian, recurrent_matrix
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow
from tutor.evidence.sims.problems import inputs, unit_vector
from tutor.evidence.sims.report import BACK_FROM_LOSS, fmt, series_of

Params = dict[str, Any]
Cancel = Callable[[], bool]
PRECISIONS = ("float32", "bfloat16", "float16", "float16_scaled")
LOST_ABOVE = 0.5
"""A precision has lost the gradient once its norm is off the float64 one by more than 50%."""
NEVER = -1.0


def to_bfloat16(values: np.ndarray) -> np.ndarray:
    """float32 values rounded to the nearest bfloat16 (ties to even), kept as float32."""
    as_float = np.ascontiguousarray(values, dtype=np.float32)
    bits = as_float.view(np.uint32)
    with quiet_overflow():
        rounded = (bits + (((bits >> 16) & 1) + np.uint32(0x7FFF))) & np.uint32(0xFFFF0000)
    rounded = np.where(np.isnan(as_float), bits | np.uint32(0x00400000), rounded)  # NaN stays NaN
    return rounded.astype(np.uint32).view(np.float32)


def backward_norms(
    W_hh: np.ndarray, slopes: np.ndarray, dL_dhT: np.ndarray, precision: str, *, loss_scale: float = 1.0,
    should_cancel: Cancel | None = None,
) -> tuple[np.ndarray, float]:
    """(‖∂L/∂h_t‖ for t = 0..T as float64 after unscaling, share of exactly zero entries at t = 0)."""
    steps = slopes.shape[0]
    dtype = np.float32 if precision == "bfloat16" else np.dtype(precision)
    rounding = to_bfloat16 if precision == "bfloat16" else (lambda values: values)
    W_t = rounding(W_hh.T.astype(dtype))
    slopes_low = rounding(slopes.astype(dtype))
    norms = np.empty(steps + 1)
    with quiet_overflow():
        grad = rounding((dL_dhT * loss_scale).astype(dtype))
        norms[steps] = _norm(grad) / loss_scale
        for step in range(steps, 0, -1):
            grad = rounding(W_t @ rounding(slopes_low[step - 1] * grad))
            norms[step - 1] = _norm(grad) / loss_scale
            check_cancel(should_cancel, step)
    return norms, float(np.mean(grad == 0))


def _norm(values: np.ndarray) -> float:
    """The Euclidean norm in float64 (so the norm itself never overflows the low precision)."""
    return float(np.linalg.norm(values.astype(np.float64)))


def lost_step(norms: np.ndarray, reference: np.ndarray) -> float:
    """The first t, going back from T, where the norm is off the reference by more than 50%."""
    with quiet_overflow():
        off = ~(np.abs(norms - reference) <= LOST_ABOVE * reference)
    for t in range(len(norms) - 1, -1, -1):
        if off[t]:
            return float(t)
    return NEVER


def run_mixed_precision(params: Params, seed: int, should_cancel: Cancel) -> Result:
    steps, size, activation = params["steps"], params["hidden"], params["activation"]
    loss_scale, gradient_size = params["loss_scale"], params["gradient_size"]
    ensure_affordable(steps * size * 6, "this comparison")
    rng = np.random.default_rng(seed)
    W_hh = recurrent_matrix(rng, size, params["init"], params["scale"])
    W_xh = gaussian(rng, size, FEATURES)
    x = inputs(rng, steps, 1, FEATURES, params["input_scale"])[:, 0]
    hidden = hidden_path(W_hh, W_xh, x, activation, should_cancel)
    slopes = derivative_from_output(activation, hidden[1:])
    dL_dhT = gradient_size * unit_vector(rng, size)
    reference, _ = backward_norms(W_hh, slopes, dL_dhT, "float64", should_cancel=should_cancel)
    runs: dict[str, tuple[np.ndarray, float]] = {}
    for precision in PRECISIONS:
        scaled = precision == "float16_scaled"
        runs[precision] = backward_norms(W_hh, slopes, dL_dhT, "float16" if scaled else precision,
                                         loss_scale=loss_scale if scaled else 1.0, should_cancel=should_cancel)
    labels = {"float32": "float32", "bfloat16": "bfloat16 (emulated)", "float16": "float16",
              "float16_scaled": f"float16, loss × {loss_scale:g}"}
    series = [series_of("float64", reference, "float64 (reference)")]
    series += [series_of(name, norms, labels[name]) for name, (norms, _) in runs.items()]
    plot = Plot("The same BPTT in four precisions", "time step t (the loss is at T)", "‖∂L/∂h_t‖", tuple(series),
                distance_label=BACK_FROM_LOSS)
    scalars: dict[str, float] = {"reference_first": float(reference[0])}
    for name, (norms, zeros) in runs.items():
        scalars[f"lost_step[{name}]"] = lost_step(norms, reference)
        scalars[f"zero_share[{name}]"] = zeros
        scalars[f"first[{name}]"] = float(norms[0])
    for line in series:
        scalars[f"overflow_step[{line.name}]"] = NEVER if line.overflow_step is None else float(line.overflow_step)
    return Result("mixed-precision", "simulation", dict(params), seed, _reading(scalars, steps), scalars, (plot,),
                  inputs={"W_hh": W_hh, "slopes": slopes, "dL_dhT": dL_dhT})


def _reading(scalars: dict[str, float], steps: int) -> str:
    parts = []
    for name in PRECISIONS:
        lost, overflow = scalars[f"lost_step[{name}]"], scalars[f"overflow_step[{name}]"]
        if overflow >= 0:
            parts.append(f"{name} overflows to inf at step {int(overflow)}")
        elif lost >= 0:
            zeros = scalars[f"zero_share[{name}]"]
            parts.append(f"{name} loses the gradient from step {int(lost)} back ({zeros:.0%} of entries 0 at t = 0)")
        else:
            parts.append(f"{name} follows float64 all {steps} steps")
    return f"float64 ends at {fmt(scalars['reference_first'])}; " + "; ".join(parts) + "."

