"""Explanations for the advanced pack's dynamics simulations (see `tutor.evidence.explain`):
what the spectrum, the Lyapunov exponent and the norm-preserving runs say, from their scalars."""

from __future__ import annotations

import math
from typing import Any

from tutor.evidence.text import format_number as fmt

ISOMETRY_DECADES = 0.5
"""A spread of singular values below this many decades counts as close to isometry."""


def spectrum(params: dict[str, Any], scalars: dict[str, float]) -> str:
    spread, steps = scalars["spread_decades"], int(params["steps"])
    slope = scalars.get("mean_abs_slope", math.nan)
    if spread < ISOMETRY_DECADES:
        state = (f"close to dynamical isometry: every singular value stays within {fmt(spread)} decades, "
                 "so every direction of the gradient keeps its size")
    else:
        state = (f"far from isometry: the norm (largest σ = {fmt(scalars['sv_max'])}) hides directions "
                 f"shrunk to σ_min = {fmt(scalars['sv_min'])}, a spread of {fmt(spread)} decades")
    return (f"Isometry asks for all singular values of ∂h_T/∂h_0 near 1, not only the norm. After {steps} "
            f"steps this run is {state}. The mean |φ′| along the path is {fmt(slope)}: saturation, not W alone, "
            "decides (an orthogonal W with a linear activation gives a spread of 0).")


def lyapunov(params: dict[str, Any], scalars: dict[str, float]) -> str:
    edge = scalars["edge_scale"]
    crossing = ("λ_max stays on one side of 0 over the gains swept" if edge < 0
                else f"λ_max crosses 0 at g ≈ {fmt(edge)}: the edge of chaos")
    return (f"λ_max is the mean log-growth per step of a small perturbation, so a gradient over k steps scales "
            f"like e^(λk): negative vanishes, positive explodes. Here {crossing}. The echo-state heuristic ρ < 1 "
            f"keeps the dynamics on the ordered side (ρ(G) = {fmt(scalars.get('spectral_radius_G', math.nan))}, "
            "so ρ(g·G) ≈ g).")


def unitary(params: dict[str, Any], scalars: dict[str, float]) -> str:
    steps = int(params["steps"])
    return (f"An orthogonal W has every singular value 1, so ‖(Wᵀ)ᵏ g‖ = ‖g‖ for any k (largest deviation "
            f"{fmt(scalars['max_deviation[orthogonal]'])}, rounding). A Gaussian W with ρ = 1 still has "
            f"σ_max = {fmt(scalars['sigma_max[gaussian]'])} and is not normal, so its powers change the norm "
            f"(×{fmt(scalars['first_over_last[gaussian]'])} over {steps} steps). A diagonal with |λ| = r, as in "
            f"the LRU, scales it by exactly r^T = {fmt(scalars['radius_to_the_T'])}: radii near 1 keep long memory.")


def layernorm(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Pre-LN keeps an identity path from the output to every layer; Post-LN's layer Jacobian is "
            f"J_LN·(I + ∂F/∂x). At initialisation (Xiong et al. 2020) the last layer's weight gradient stays of "
            f"the same size however deep a Post-LN stack is, which is why Post-LN needs learning-rate warm-up, "
            f"while Pre-LN's shrinks like 1/√L: here, at L = {int(params['depth'])}, "
            f"{fmt(scalars['last_weights[post_ln]'])} (Post-LN) against {fmt(scalars['last_weights[pre_ln]'])} "
            "(Pre-LN). Run two depths to see the 1/√L.")


def precision(params: dict[str, Any], scalars: dict[str, float]) -> str:
    scale = float(params["loss_scale"])
    lost = scalars["lost_step[float16]"]
    rescued = scalars["lost_step[float16_scaled]"] < 0 <= lost
    fate = ("float16 keeps the gradient all the way back" if lost < 0 and scalars["overflow_step[float16]"] < 0
            else "float16 loses it" + (" and loss scaling rescues it" if rescued else ""))
    return (f"float16 holds values up to 65504 and down to 6e-8 (subnormal), bfloat16 has float32's range with "
            f"8 bits of significand, float32 about 1e-38 to 3e38. Here the float64 gradient ends at "
            f"{fmt(scalars['reference_first'])}: {fate}. Loss scaling (× {scale:g}) lifts small gradients above "
            "float16's floor; too large a scale overflows instead, which dynamic loss scaling detects and backs off.")


def matrix_powers(params: dict[str, Any], scalars: dict[str, float]) -> str:
    rho, sigma, peak = scalars["spectral_radius"], scalars["sigma_max"], scalars["peak_norm"]
    steps, peak_step = int(params["steps"]), int(scalars["peak_step"])
    fate = "decay in the end" if rho < 1 else ("grow in the end" if rho > 1 else "neither decay nor grow in the end")
    if peak > 1 and rho < 1:
        transient = (f"yet over {steps} steps ‖Wᵏ‖ first grows to {fmt(peak)} (at k = {peak_step}): "
                     f"σ_max = {fmt(sigma)} > 1 allows amplification that the eigenvalues do not show, "
                     "because W is non-normal")
    elif abs(sigma - rho) <= 1e-9 * max(1.0, sigma):
        transient = "and σ_max = ρ: W is normal, so ‖Wᵏ‖ = ρᵏ exactly"
    else:
        transient = f"and σ_max = {fmt(sigma)} bounds every single step"
    return f"ρ(W) = {fmt(rho)} decides where ‖Wᵏ‖ ends up (‖Wᵏ‖^(1/k) → ρ): the powers {fate}, {transient}."


def step_jacobian(params: dict[str, Any], scalars: dict[str, float]) -> str:
    slopes = (scalars["slope1"], scalars["slope2"])
    weakest = min(range(2), key=lambda unit: slopes[unit])
    rho, steps, last = scalars["spectral_radius"], int(params["steps"]), scalars["norm_last"]
    fate = f"is multiplied by at most {fmt(last)}" if last < 1 else f"can grow by up to {fmt(last)}"
    return (f"Row i of W_hh is scaled by unit i's slope: unit {weakest + 1} passes {fmt(slopes[weakest])} of "
            f"its row, so a saturated unit (slope near 0) blocks the gradient whatever W_hh holds. The formula "
            f"and finite differences of the step agree to {scalars['fd_max_error']:.0e}. If every step had this "
            f"Jacobian, over {steps} steps the gradient's size {fate} (ρ(J) = {fmt(rho)}).")


SATURATED = 0.9
"""A mean |φ′| below this share of γ is well below the bound's slope (and a ρ below this share
of σ_max well below it)."""
NEVER = -1.0
"""A threshold-sweep scalar that does not apply: no run crossed, or 1/γ lies outside the sweep."""


def threshold_cause(activation: str, slope: float, gamma: float, rho: float) -> str:
    """Why a run with mean |φ′| = `slope` and spectral radius `rho` did what it did, beside the
    bound's γ: saturation (tanh, sigmoid), units switched off (ReLU), or the matrix itself."""
    if activation in ("tanh", "sigmoid") and slope < SATURATED * gamma:
        return (f"the units saturate (mean |φ′| = {fmt(slope)} against γ = {fmt(gamma)}), so saturation, "
                "not the bound, decides")
    if activation == "relu" and slope < SATURATED * gamma:
        return (f"many units are switched off (φ′ = 0; mean |φ′| = {fmt(slope)} against γ = 1), so the "
                "inactive units, not the bound, decide")
    return (f"with φ′ near its bound the matrix decides: the gradient grows once γ·ρ passes about 1 "
            f"(here γ·ρ = {fmt(gamma * rho)})")


def threshold(params: dict[str, Any], scalars: dict[str, float]) -> str:
    """The threshold view: where the bound changes its verdict, and where the run did."""
    line = scalars["threshold"]
    rule = (f"Left of the line at 1/γ = {fmt(line)} the bound (dotted) forces every run to vanish; right "
            "of it the bound allows growth, and the solid line shows what each run did")
    crossing, activation, gamma = scalars["crossing"], str(params.get("activation", "")), scalars["gamma"]
    if crossing == NEVER:
        cause = threshold_cause(activation, scalars["slope_at_largest"], gamma, scalars["rho_at_largest"])
        return f"{rule}. No run in this range held its gradient's size: {cause}."
    return (f"{rule}. The first run whose gradient did not shrink (×{fmt(scalars['ratio_at_crossing'])}) has "
            f"σ_max ≈ {fmt(crossing)}, {fmt(crossing / line)} × 1/γ (the runs are {int(params.get('points', 0))} "
            "points apart in log, so the crossing lies between it and the run before): "
            f"{threshold_cause(activation, scalars['slope_at_crossing'], gamma, scalars['rho_at_crossing'])}.")
