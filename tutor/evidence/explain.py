"""A short explanation of what a simulation's curve shows, computed from its result.

The result's `reading` says what happened (the numbers); this says why, with the rule
the curve illustrates: "γ·σ_max = 1.35 ≥ 1: growth is possible but not guaranteed". The
lab shows it under the plot and recomputes it on every run, so changing a parameter
changes the sentence. Only the result's params and scalars are read (no NumPy): a
missing scalar leaves its part out rather than failing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from tutor.evidence import explain_baselines, explain_dynamics
from tutor.evidence.result import Result
from tutor.evidence.sims.bounds import GAMMA
from tutor.evidence.text import format_number as fmt
from tutor.evidence.text import power_text, size_change

VERDICTS = {"vanishing": "vanished", "shrinking": "shrank", "kept": "kept its size", "growing": "grew",
            "exploding": "exploded"}


def explain(result: Result) -> str:
    """One or two sentences on what the curve shows and why ("" if there is nothing to add)."""
    rule = _RULES.get(result.name)
    if rule is None:
        return _compare(result.scalars, "first_over_last")
    try:
        return rule(result.params, result.scalars)
    except (KeyError, TypeError, ValueError):
        return _compare(result.scalars, "first_over_last")


def verdict(ratio: float) -> str:
    """'vanished (×1.2e-11)', 'shrank (×0.3)', 'kept its size (×0.95)', 'grew (×4.8)',
    'exploded (×3.4e12)' or 'overflowed' (the words of `tutor.evidence.text.size_change`)."""
    if math.isnan(ratio):
        return "undefined (0/0)"
    if math.isinf(ratio):
        return "overflowed to inf"
    return f"{VERDICTS[size_change(ratio)]} (×{fmt(ratio)})"


def _rnn(params: dict[str, Any], scalars: dict[str, float]) -> str:
    product, steps = scalars["gamma_sigma_max"], int(params["steps"])
    if product < 1:
        base, power = power_text(product, steps)
        rule = (f"γ·σ_max = {base} < 1: each step shrinks the gradient by at least that factor, "
                f"so it must vanish (bound {base}^{steps} = {power})")
    else:
        rule = f"γ·σ_max = {fmt(product)} ≥ 1: the bound allows growth but does not force it"
        if params.get("activation") == "linear":
            rule += "; " + _linear_decides(scalars.get("spectral_radius", math.nan))
        elif "mean_abs_slope" in scalars:
            slope = scalars["mean_abs_slope"]
            rule += (f"; what decides is saturation: this run's mean |φ′| is {fmt(slope)}, against the "
                     f"bound γ = {fmt(GAMMA.get(params.get('activation', ''), math.nan))}")
    observed = f"Here ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ {verdict(scalars['first_over_last'])} over {steps} steps"
    overflow = scalars.get("overflow_step", -1.0)
    if overflow >= 0:
        observed += f"; the backward pass overflowed at step {int(overflow)}, where the curve stops"
    return f"{rule}. {observed}."


def _linear_decides(rho: float) -> str:
    """What the spectral radius makes certain in a linear run (the bound only allows)."""
    if math.isnan(rho):
        return "linear, so the spectral radius decides"
    if rho > 1 + 1e-9:
        return f"linear with ρ = {fmt(rho)} > 1, so growth is certain: the norm follows ρ^k"
    if rho < 1 - 1e-9:
        return f"linear with ρ = {fmt(rho)} < 1, so the norm decays like ρ^k in the long run"
    return f"linear with ρ = {fmt(rho)}, so the norm neither grows nor decays in the long run"


def _lstm(params: dict[str, Any], scalars: dict[str, float]) -> str:
    steps = int(params["steps"])
    kept, power = power_text(scalars["mean_forget_gate"], steps)
    return (f"The cell path multiplies the gradient by f_t at each step: mean f = {kept}, so about "
            f"{kept}^{steps} = {power} over {steps} steps. "
            f"Here it {verdict(scalars['first_over_last'])}.")


def _gru(params: dict[str, Any], scalars: dict[str, float]) -> str:
    update, steps = scalars["mean_update_gate"], int(params["steps"])
    kept, power = power_text(1 - update, steps)
    return (f"The state path multiplies the gradient by 1 − z_t at each step (z near 0 keeps h_t−1): mean z = "
            f"{fmt(update)}, so about {kept}^{steps} = {power} over {steps} steps. "
            f"Here it {verdict(scalars['first_over_last'])}.")


def _sweep(params: dict[str, Any], scalars: dict[str, float]) -> str:
    gamma = GAMMA[params["activation"]]
    decaying: list[str] = []
    growing: list[str] = []
    for name, ratio in scalars.items():
        scale = name.partition("[scale=")[2].rstrip("]")
        (decaying if ratio < 1 else growing).append(scale)
    return (f"With {params['activation']} (γ = {fmt(gamma)}) a line decays when γ·scale < 1, i.e. scale < "
            f"{fmt(1 / gamma)}, and may grow above it. Shrank: {', '.join(decaying) or 'none'}; "
            f"grew or kept: {', '.join(growing) or 'none'}.")


def _activations(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return ("Same weights and inputs; only φ' differs: at most 1/4 for sigmoid, 1 for tanh and ReLU, so "
            "sigmoid shrinks fastest. " + _compare(scalars, "first_over_last"))


def _inits(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Orthogonal W_hh has every singular value equal to the gain (σ_max = "
            f"{fmt(scalars['sigma_max[orthogonal]'])}), so a linear product keeps the norm exactly gain^k; "
            f"Gaussian W_hh with the same ρ has σ_max = {fmt(scalars['sigma_max[gaussian]'])}. "
            + _compare(scalars, "first_over_last"))


def _clipping(params: dict[str, Any], scalars: dict[str, float]) -> str:
    finite = "stays finite" if scalars["clipped_loss_finite"] >= 1 else "still blows up"
    return (f"Clipping rescales g to τ·g/‖g‖ when ‖g‖ > τ = {fmt(params['threshold'])}: norms after clipping "
            f"peak at {fmt(scalars['max_norm_after'])}. The clipped loss {finite} (max "
            f"{fmt(scalars['clipped_loss_max'])}); unclipped it peaks at {fmt(scalars['unclipped_loss_max'])}.")


def _clipping_vanishing(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Clipping multiplies the whole gradient by one factor ({fmt(scalars['clip_factor'])}), so the "
            f"ratio of early to late contributions is unchanged: {fmt(scalars['ratio_unclipped'])} before, "
            f"{fmt(scalars['ratio_clipped'])} after. It cannot bring back what vanished.")


def _truncated(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Truncation drops every path longer than k = {params['window']} steps: beyond the window the "
            f"gradient is exactly {fmt(scalars['max_truncated_beyond_window'])} (full BPTT: up to "
            f"{fmt(scalars['max_full_beyond_window'])}), for {fmt(scalars['cost_ratio'])} of the backward work; "
            f"the gradient's direction has cosine {scalars['grad_cosine']:.4f} with the full one.")


def _gated(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return ("The LSTM's cell and the GRU's state are updated additively, so their gates (mean forget "
            f"{fmt(scalars['mean_forget_gate'])}, update {fmt(scalars['mean_update_gate'])}) set the decay, "
            "not W_hh. " + _compare(scalars, "first_over_last"))


def _shared(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return ("A shared W_hh multiplies by the same matrix T times, so its spectrum decides growth or decay; "
            "independent layers mix different directions. Per step: shared "
            f"{fmt(scalars['per_step[shared]'], 3)}, independent {fmt(scalars['per_step[independent]'], 3)}. "
            + _compare(scalars, "first_over_last"))


def _residual(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return ("A residual block's Jacobian is I + ∂F/∂x, so the product stays near 1 where the plain stack's "
            "shrinks; attention reaches every token in one hop. " + _compare(scalars, "first_over_last"))


def _adding(params: dict[str, Any], scalars: dict[str, float]) -> str:
    baseline = scalars["baseline_loss"]
    parts = [f"{model} {fmt(scalars[f'{key}_final_loss'])} ({scalars[f'{key}_final_loss'] / baseline:.0%} of it)"
             for model, key in (("vanilla RNN", "vanilla"), ("LSTM", "lstm"))]
    return (f"Predicting the mean gives the baseline loss {fmt(baseline)}; a model learned the task only if it "
            f"ends well below it: {'; '.join(parts)}.")


def _compare(scalars: dict[str, float], prefix: str) -> str:
    """'Here: sigmoid vanished (×2e-35), tanh ...' from `prefix[name]` scalars."""
    parts = [f"{name[len(prefix) + 1:-1]} {verdict(value)}"
             for name, value in scalars.items() if name.startswith(prefix + "[")]
    if not parts and prefix in scalars:
        parts = [f"the gradient {verdict(scalars[prefix])}"]
    return f"Here: {', '.join(parts)}." if parts else ""


_RULES: dict[str, Callable[[dict[str, Any], dict[str, float]], str]] = {
    "rnn": _rnn,
    "lstm": _lstm,
    "gru": _gru,
    "spectral-sweep": _sweep,
    "threshold-sweep": explain_dynamics.threshold,
    "activations": _activations,
    "init-compare": _inits,
    "clipping": _clipping,
    "clipping-vanishing": _clipping_vanishing,
    "truncated-bptt": _truncated,
    "gated-vs-vanilla": _gated,
    "shared-vs-independent": _shared,
    "residual-attention": _residual,
    "adding-problem": _adding,
    "jacobian-spectrum": explain_dynamics.spectrum,
    "lyapunov": explain_dynamics.lyapunov,
    "unitary-rnn": explain_dynamics.unitary,
    "layernorm-depth": explain_dynamics.layernorm,
    "mixed-precision": explain_dynamics.precision,
    "matrix-powers": explain_dynamics.matrix_powers,
    "step-jacobian": explain_dynamics.step_jacobian,
    "adding-baseline": explain_baselines.adding_baseline,
    "copy-task": explain_baselines.copy_task,
    "adam-scaling": explain_baselines.adam_scaling,
}
