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

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.activations import GAMMA
from tutor.evidence.sims.experiments import run_rnn
from tutor.evidence.sims.report import fmt

Params = dict[str, Any]
HELD = 1 - 1e-9
"""A ratio over T steps this close to 1 held the gradient's size (an orthogonal linear run
keeps it exactly, up to rounding either way)."""
NEVER = -1.0
"""`crossing` and the scalars at it when no run's gradient reached its size at T."""
SATURATED = 0.9
"""A mean |φ′| below this share of γ counts as saturated (and ρ below this share of σ_max as
well below it)."""
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
    scalars = {
        "gamma": gamma,
        "threshold": threshold,
        "crossing": NEVER if crossed is None else float(sigma[crossed]),
        "rho_at_crossing": NEVER if crossed is None else float(runs[crossed]["spectral_radius"]),
        "slope_at_crossing": NEVER if crossed is None else float(slope[crossed]),
        "slope_at_threshold": float(np.interp(threshold, sigma, slope)),
        "slope_at_largest": float(slope[-1]),
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
                 "‖∂L/∂h_0‖ / ‖∂L/∂h_T‖",
                 (Series("ratio", sigma, ratio, "the run"),
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
    threshold, crossing = scalars["threshold"], scalars["crossing"]
    start = (f"{activation}, γ = {fmt(scalars['gamma'])}: below σ_max = 1/γ = {fmt(threshold)} the bound "
             f"forces vanishing; above it growth is possible, not certain. ")
    if crossing == NEVER:
        return start + (
            f"This run never grew over {steps} steps up to σ_max = {fmt(largest)}: mean |φ′| fell from "
            f"{fmt(scalars['slope_at_threshold'])} at the threshold to {fmt(scalars['slope_at_largest'])} "
            "as the units saturated, so saturation, not the bound, decided.")
    crossing, rho = scalars["crossing"], scalars["rho_at_crossing"]
    text = (f"The run's gradient first held its size at σ_max ≈ {fmt(crossing)} (ρ ≈ {fmt(rho)}, mean |φ′| = "
            f"{fmt(scalars['slope_at_crossing'])}); at the threshold its mean |φ′| was "
            f"{fmt(scalars['slope_at_threshold'])} against γ = {fmt(scalars['gamma'])}: ")
    if scalars["slope_at_threshold"] < SATURATED * scalars["gamma"]:
        return start + text + "the units saturate, so the run shrinks past 1/γ, where the bound allowed growth."
    tail = "with φ′ at its bound the matrix decides, and the run grows once ρ passes about 1"
    if rho < SATURATED * crossing:
        tail += " (ρ sits below σ_max for this W)"
    return start + text + tail + "."
