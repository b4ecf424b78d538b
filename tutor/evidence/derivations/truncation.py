"""Truncated BPTT as a sum over paths, cut at window k.

For a scalar RNN with a loss at the last step T, the total derivative of h_T with
respect to the shared weight w obeys D_s = p_s + j_s·D_{s−1} (p_s: the immediate
∂h_s/∂w, j_s = ∂h_s/∂h_{s−1}). SymPy unrolls this recursion into a sum over the step s
where w acts, each term carrying the T − s Jacobians j on the way to T. Truncating at
window k starts the recursion k steps before T: every path with k or more Jacobian
factors is dropped, and only those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import Add, Derivative, Poly, Symbol, Tuple, diff, expand, tanh

from tutor.evidence.derivations.steps import Derivation, DerivationError, equation, never
from tutor.evidence.result import Result

HORIZON = 5  # T: long enough that every window 1…4 cuts at least one path


def unrolled_sensitivity(horizon: int, start: int, local: list[Any], jacobians: list[Any]) -> Any:
    """D_T from D_s = p_s + j_s·D_{s−1} with D_start = 0 (start = 0 is full BPTT)."""
    total = 0
    for step in range(start + 1, horizon + 1):
        total = local[step - 1] + jacobians[step - 1] * total
    return expand(total)


def _path_lengths(paths: Any, jacobians: list[Any]) -> list[int]:
    """The number of Jacobian factors in each term of a sum of paths, longest first."""
    lengths = (Poly(term, *jacobians).total_degree() for term in Add.make_args(paths))
    return sorted(lengths, reverse=True)


def derive_tbptt_paths(window: int, should_cancel: Callable[[], bool] = never) -> Derivation:
    """The full gradient as a sum over T paths and the truncated one as the last `window`."""
    derivation = Derivation(should_cancel)
    horizon = HORIZON
    local = [Symbol(f"p_{s}", real=True) for s in range(1, horizon + 1)]
    jacobians = [Symbol(f"j_{s}", real=True) for s in range(1, horizon + 1)]
    w, h_prev, x, b, u = (Symbol(name, real=True) for name in ("w", "h_s-1", "x_s", "b", "u"))
    step = tanh(w * h_prev + u * x + b)
    h_s = Symbol("h_s", real=True)
    derivation.step(
        "For h_s = tanh(w·h_{s−1} + u·x_s + b) the two local derivatives: through the "
        "state (j_s) and through the weight directly (p_s).",
        (
            equation(Symbol("j_s"), diff(step, h_prev).subs(step, h_s)),
            equation(Symbol("p_s"), diff(step, w).subs(step, h_s)),
        ),
        "SymPy diff, with h_s = tanh(·) put back",
    )
    full = unrolled_sensitivity(horizon, 0, local, jacobians)
    derivation.step(
        f"Full BPTT with T = {horizon}: unrolling D_s = p_s + j_s·D_{{s−1}} from D_0 = 0 gives "
        "one term per step s where w acts, each carrying the Jacobians of the later steps.",
        equation(Derivative(Symbol("h_T"), w), full),
        "total derivative, recursion unrolled and expanded by SymPy",
        name="full",
    )
    truncated = unrolled_sensitivity(horizon, horizon - window, local, jacobians)
    derivation.step(
        f"Truncated at k = {window}: the recursion starts at D_{{T−k}} = 0 (h_{{T−k}} is "
        "treated as a constant), so only the last k paths remain in D_k, the truncated ∂h_T/∂w.",
        equation(Symbol("D_k"), truncated),
        "the same recursion started k steps before T",
        name="truncated",
    )
    dropped = expand(full - truncated)
    derivation.step(
        "What truncation throws away, ∂h_T/∂w − D_k:",
        equation(Symbol("dropped"), dropped),
        "difference of the two sums",
        name="dropped",
    )
    dropped_lengths = _path_lengths(dropped, jacobians)
    kept_lengths = _path_lengths(truncated, jacobians)
    shortest = min(dropped_lengths)
    if shortest != window or max(kept_lengths) >= window:
        raise DerivationError("truncation should drop exactly the paths with ≥ k Jacobians")
    derivation.step(
        f"Counting Jacobian factors per path: every dropped path has at least {window}, every "
        f"kept one fewer. With |j_s| ≤ γ|w| a dropped term is at most (γ|w|)^{window}·|p_s|.",
        (
            equation(Symbol("dropped"), Tuple(*dropped_lengths)),
            equation(Symbol("kept"), Tuple(*kept_lengths)),
        ),
        "degree in the j's of each term (SymPy Poly)",
    )
    derivation.scalar("paths_total", len(Add.make_args(full)))
    derivation.scalar("paths_kept", len(Add.make_args(truncated)))
    derivation.scalar("min_factors_dropped", shortest)
    derivation.reading = (
        f"∂h_T/∂w is a sum of {horizon} paths; truncation at k = {window} keeps the {window} "
        f"shortest and drops every path with ≥ {window} Jacobian factors — exactly the long-range terms."
    )
    return derivation


def tbptt_paths(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `tbptt-paths`."""
    return derive_tbptt_paths(params["window"], should_cancel).to_result("tbptt-paths", params)
