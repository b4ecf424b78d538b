"""The threshold view: the vanilla RNN run across a range of scales of W_hh, so a learner
sees where the gradient over T steps stops shrinking and what decides it.

The norm bound says ‖∂h_T/∂h_0‖ ≤ (γ·σ_max)^T: below σ_max = 1/γ the gradient must vanish,
above it growth becomes possible, not certain. Each run reports its gradient ratio over
T steps and the mean |φ′| its units realised: for a linear RNN the crossing sits at
1/γ, while tanh and sigmoid saturate as W grows, their mean |φ′| falls below γ, and
the run keeps vanishing past the threshold. Saturation, not the bound, decides.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.explain_dynamics import NEVER, threshold_cause
from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.activations import GAMMA
from tutor.evidence.sims.experiments import run_rnn
from tutor.evidence.sims.report import fmt

Params = dict[str, Any]
HELD = 1 - 1e-9
"""A ratio over T steps this close to 1 held the gradient's size (an orthogonal linear run
keeps it exactly, up to rounding either way)."""
RUN_PARAMS = ("steps", "hidden", "input", "batch", "activation", "init", "input_scale")
"""The parameters of the vanilla RNN run that the sweep passes on unchanged."""


def sweep_scales(gamma: float, reach: float, points: int) -> list[float]:
    """`points` scales spaced evenly in log from 1/(reach·γ) to reach/γ, so 1/γ is in the
    middle of the axis (with an odd count, one of the scales)."""
    low, high = math.log(1 / (reach * gamma)), math.log(reach / gamma)
    return [math.exp(low + (high - low) * index / (points - 1)) for index in range(points)]


def threshold_sweep(params: Params, seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `threshold-sweep`."""
    gamma = GAMMA[params["activation"]]
    steps = params["steps"]
    runs = []
    for scale in sweep_scales(gamma, params["reach"], params["points"]):
        run = run_rnn({**{name: params[name] for name in RUN_PARAMS}, "scale": scale}, seed, should_cancel)
        runs.append(run.scalars)
    sigma = np.array([run["sigma_max"] for run in runs])
    ratio = np.array([run["first_over_last"] for run in runs])
    slope = np.array([run["mean_abs_slope"] for run in runs])
    with np.errstate(over="ignore"):
        bound = (gamma * sigma) ** steps
    threshold = 1 / gamma
    guide = ((threshold, f"1/γ = {fmt(threshold)}: below it vanishing is certain"),)
    crossed = next((index for index, value in enumerate(ratio) if value >= HELD), None)
    inside = bool(sigma[0] <= threshold <= sigma[-1])
    scalars = {
        "gamma": gamma,
        "threshold": threshold,
        "crossing": NEVER if crossed is None else float(sigma[crossed]),
        "rho_at_crossing": NEVER if crossed is None else float(runs[crossed]["spectral_radius"]),
        "slope_at_crossing": NEVER if crossed is None else float(slope[crossed]),
        "ratio_at_crossing": NEVER if crossed is None else float(ratio[crossed]),
        "slope_at_threshold": float(np.interp(threshold, sigma, slope)) if inside else NEVER,
        "slope_at_largest": float(slope[-1]),
        "rho_at_largest": float(runs[-1]["spectral_radius"]),
        "smallest": float(sigma[0]),
    }
    return Result(
        name="threshold-sweep",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=_reading(params["activation"], steps, scalars, float(sigma[-1])),
        scalars=scalars,
        plots=(
            Plot(f"Gradient over T = {steps} steps against σ_max of W_hh", "σ_max of W_hh",
                 "ratio over T",  # short: at the lab's 44 columns a longer one hid the x label
                 (Series("ratio", sigma, ratio, "‖∂L/∂h_0‖/‖∂L/∂h_T‖ of each run"),
                  Series("bound", sigma, bound, f"bound (γ·σ_max)^{steps}", dashed=True)),
                 guides=guide),
            Plot("Mean |φ′| the run realised against γ", "σ_max of W_hh", "slope of φ",
                 (Series("mean_slope", sigma, slope, "mean |φ′| along the run"),
                  Series("gamma", sigma, np.full_like(sigma, gamma), f"γ = {fmt(gamma)}, the bound's slope",
                         dashed=True)),
                 log_y=False, guides=guide),
        ),
        outputs={"sigma_max": sigma, "ratio": ratio, "mean_abs_slope": slope},
    )


def _reading(activation: str, steps: int, scalars: dict[str, float], largest: float) -> str:
    threshold, crossing, gamma = scalars["threshold"], scalars["crossing"], scalars["gamma"]
    text = (f"{activation}, γ = {fmt(gamma)}: below σ_max = 1/γ = {fmt(threshold)} the bound forces "
            "vanishing; above it growth is possible, not certain. ")
    if scalars["slope_at_threshold"] == NEVER:
        text += f"(1/γ lies outside this sweep of σ_max, {fmt(scalars['smallest'])} to {fmt(largest)}.) "
    if crossing == NEVER:
        cause = threshold_cause(activation, scalars["slope_at_largest"], gamma, scalars["rho_at_largest"])
        return text + (f"This run never held its gradient's size over {steps} steps up to σ_max = "
                       f"{fmt(largest)}: {cause}.")
    text += (f"The first run whose gradient did not shrink over {steps} steps (×{fmt(scalars['ratio_at_crossing'])}) "
             f"has σ_max ≈ {fmt(crossing)} (ρ ≈ {fmt(scalars['rho_at_crossing'])}, mean |φ′| = "
             f"{fmt(scalars['slope_at_crossing'])})")
    if scalars["slope_at_threshold"] != NEVER:
        text += f"; at 1/γ its mean |φ′| was {fmt(scalars['slope_at_threshold'])}"
    cause = threshold_cause(activation, scalars["slope_at_crossing"], gamma, scalars["rho_at_crossing"])
    return text + f": {cause}."
