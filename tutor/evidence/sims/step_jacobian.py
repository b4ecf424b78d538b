"""One step Jacobian of a 2-unit RNN in numbers, computed two ways.

∂h_k/∂h_{k−1} of h_k = φ(W_hh·h_{k−1} + c) at given pre-activations a_k is diag(φ′(a_k))·W_hh:
row i of W_hh scaled by the slope of unit i. This run computes it from that formula and
again by central finite differences of the step itself, which know nothing of the formula,
and reports how far apart they are. The plot repeats the same step k times: if every step
had this Jacobian, ‖Jᵏ‖ is how the gradient would shrink or grow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result
from tutor.evidence.sims.numerics import check_cancel, quiet_overflow
from tutor.evidence.sims.report import fmt, series_of

Params = dict[str, Any]
Cancel = Callable[[], bool]
FD_STEP = 1e-6

_ACTIVATIONS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = {
    "tanh": (np.tanh, lambda a: 1.0 - np.tanh(a) ** 2),
    "sigmoid": (lambda a: 1.0 / (1.0 + np.exp(-a)), lambda a: np.exp(-a) / (1.0 + np.exp(-a)) ** 2),
}


def run_step_jacobian(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """J = diag(φ′(a))·W_hh by the formula and by finite differences; ‖Jᵏ‖ for k = 0..steps."""
    W = np.array([[params["w11"], params["w12"]], [params["w21"], params["w22"]]], dtype=float)
    pre = np.array([params["a1"], params["a2"]], dtype=float)
    phi, slope = _ACTIVATIONS[params["activation"]]
    J = slope(pre)[:, None] * W
    numeric = _finite_difference_jacobian(lambda h: phi(W @ h + pre), np.zeros(2))
    steps = params["steps"]
    norms = np.empty(steps + 1)
    power = np.eye(2)
    norms[0] = 1.0
    with quiet_overflow():
        for k in range(1, steps + 1):
            power = power @ J
            norms[k] = np.linalg.norm(power, 2)
            check_cancel(should_cancel, k)
    slopes = slope(pre)
    scalars = {
        "j11": float(J[0, 0]), "j12": float(J[0, 1]), "j21": float(J[1, 0]), "j22": float(J[1, 1]),
        "slope1": float(slopes[0]), "slope2": float(slopes[1]),
        "fd_max_error": float(np.max(np.abs(numeric - J))),
        "spectral_radius": float(np.max(np.abs(np.linalg.eigvals(J)))),
        "norm_last": float(norms[-1]),
    }
    plot = Plot(
        title="The same step repeated: ‖Jᵏ‖₂",
        x_label="steps k",
        y_label="‖Jᵏ‖₂",
        series=(series_of("norm", norms, "‖Jᵏ‖₂", backward=False),),
    )
    rows = "; ".join(", ".join(fmt(value) for value in row) for row in J)
    reading = (
        f"{params['activation']} slopes at a = ({fmt(pre[0])}, {fmt(pre[1])}) are "
        f"({fmt(slopes[0])}, {fmt(slopes[1])}); "
        f"J = diag(φ′(a))·W_hh = [{rows}], and finite differences agree to {scalars['fd_max_error']:.1e}. "
        f"Repeated {steps} times, ‖Jᵏ‖ is {fmt(scalars['norm_last'])} (ρ(J) = {fmt(scalars['spectral_radius'])})."
    )
    return Result("step-jacobian", "simulation", dict(params), seed, reading, scalars, (plot,),
                  inputs={"W_hh": W, "pre_activations": pre}, outputs={"jacobian": J, "finite_differences": numeric})


def _finite_difference_jacobian(step: Callable[[np.ndarray], np.ndarray], at: np.ndarray) -> np.ndarray:
    """Central differences, column j from nudging input j: error O(FD_STEP²)."""
    columns = []
    for j in range(at.size):
        nudge = np.zeros_like(at)
        nudge[j] = FD_STEP
        columns.append((step(at + nudge) - step(at - nudge)) / (2 * FD_STEP))
    return np.stack(columns, axis=1)
