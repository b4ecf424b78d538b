"""Powers of one small matrix: the spectral radius against the largest singular value.

The eigenvalues of W decide only where ‖Wᵏ‖ ends up (‖Wᵏ‖^(1/k) → ρ(W), Gelfand's formula);
on the way there a non-normal W can amplify by far more than ρᵏ. A 2 × 2 matrix typed in
by hand, such as the Jordan block [[λ, s], [0, λ]] whose top-right entry of Wᵏ is
k·s·λ^(k−1), makes that transient exact and checkable: the pack's formula and this run
must agree.
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


def run_matrix_powers(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """‖Wᵏ‖₂ and ρ(W)ᵏ for k = 0..steps, with W = [[a, b], [c, d]] (no randomness: `seed` is kept only)."""
    W = np.array([[params["a"], params["b"]], [params["c"], params["d"]]], dtype=float)
    steps = params["steps"]
    rho = float(np.max(np.abs(np.linalg.eigvals(W))))
    norms = np.empty(steps + 1)
    power = np.eye(2)
    norms[0] = 1.0
    with quiet_overflow():
        for k in range(1, steps + 1):
            power = power @ W
            norms[k] = np.linalg.norm(power, 2) if np.all(np.isfinite(power)) else np.inf
            check_cancel(should_cancel, k)
        rho_powers = np.float64(rho) ** np.arange(steps + 1)
    peak = int(np.argmax(norms[1:])) + 1
    scalars = {
        "spectral_radius": rho,
        "sigma_max": float(np.linalg.norm(W, 2)),
        "top_right": float(power[0, 1]),
        "norm_last": float(norms[-1]),
        "peak_norm": float(norms[peak]),
        "peak_step": float(peak),
        "rho_power_last": float(rho_powers[-1]),
    }
    plot = Plot(
        title="Powers of W: the norm against the spectral radius",
        x_label="power k",
        y_label="size",
        series=(series_of("norm", norms, "‖Wᵏ‖₂", backward=False),
                series_of("rho_power", rho_powers, "ρ(W)ᵏ", backward=False)),
    )
    reading = (
        f"W = [[{params['a']:g}, {params['b']:g}], [{params['c']:g}, {params['d']:g}]]: ρ = {fmt(rho)}, "
        f"σ_max = {fmt(scalars['sigma_max'])}. ‖Wᵏ‖ peaks at {fmt(scalars['peak_norm'])} (k = {peak}) and is "
        f"{fmt(scalars['norm_last'])} at k = {steps}, against ρᵏ = {fmt(scalars['rho_power_last'])}; "
        f"the top-right entry of W^{steps} is {fmt(scalars['top_right'])}."
    )
    return Result("matrix-powers", "simulation", dict(params), seed, reading, scalars, (plot,),
                  inputs={"W": W}, outputs={"norms": norms})
