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
