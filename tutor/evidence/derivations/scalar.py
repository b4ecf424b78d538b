"""One step of a scalar RNN, h_k = φ(w·h_{k−1} + u·x_k + b): the smallest case in which
the whole vanishing/exploding story is visible.

SymPy differentiates the full expression; the result is then recognised as w·φ'(a_k)
(the chain rule, confirmed by SymPy), written with h_k itself, bounded by γ|w| with γ
derived in `bounds`, and raised to the power T − t for a span of steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import Abs, Derivative, Le, Product, Symbol, diff

from tutor.evidence.derivations.bounds import ACTIVATIONS, analyse
from tutor.evidence.derivations.steps import Derivation, equation, never, require_zero
from tutor.evidence.result import Result


def derive_scalar_step(activation: str, should_cancel: Callable[[], bool] = never) -> Derivation:
    """∂h_k/∂h_{k−1} = w·φ'(a_k) for φ = tanh or sigmoid, and its bound γ|w| per step."""
    derivation = Derivation(should_cancel)
    phi = ACTIVATIONS[activation]
    w, u, b, h_prev, x_k = (Symbol(n, real=True) for n in ("w", "u", "b", "h_k-1", "x_k"))
    a_k, h_k = Symbol("a_k", real=True), Symbol("h_k", real=True)
    pre_activation = w * h_prev + u * x_k + b
    state = derivation.step(
        "The scalar RNN step.",
        equation(h_k, phi.formula(pre_activation)),
        "definition: h_k = φ(a_k), a_k = w·h_{k−1} + u·x_k + b",
        name="state",
    )
    inner = derivation.step(
        "The pre-activation is linear in h_{k−1}: its derivative is the weight.",
        equation(Derivative(a_k, h_prev), diff(pre_activation, h_prev)),
        "derivative of a linear function",
    ).rhs
    derivative = derivation.step(
        "Differentiate the whole step with respect to the previous state.",
        equation(Derivative(h_k, h_prev), diff(state.rhs, h_prev)),
        "chain rule (SymPy diff of the whole expression)",
        name="direct_derivative",
    ).rhs
    chained = inner * diff(phi.formula(a_k), a_k)
    require_zero(derivative - chained.subs(a_k, pre_activation), "∂h_k/∂h_{k−1} = w·φ'(a_k)")
    derivation.step(
        "So the step derivative is the weight times φ' at the pre-activation.",
        equation(Derivative(h_k, h_prev), chained),
        "chain rule: ∂h_k/∂h_{k−1} = φ'(a_k)·∂a_k/∂h_{k−1} (SymPy confirms it equals the line above)",
        name="chain_rule",
    )
    analysis = analyse(activation, a_k)
    in_terms_of_state = inner * analysis.in_terms_of_output.xreplace({phi.label(a_k): h_k})
    derivation.step(
        "Written with the new state h_k = φ(a_k) instead of the pre-activation.",
        equation(Derivative(h_k, h_prev), in_terms_of_state),
        f"{phi.symbol}' in terms of {phi.symbol} (derived in activation-bounds)",
        name="in_terms_of_state",
    )
    gamma = analysis.maximum
    derivation.step(
        f"Each step can scale a gradient by at most γ|w|, with γ = max {phi.symbol}' = {gamma}.",
        Le(Abs(Derivative(h_k, h_prev)), gamma * Abs(w)),
        "|φ'(a_k)| ≤ γ for every a_k (activation-bounds)",
        name="step_bound",
    )
    k, t, T = Symbol("k", integer=True), Symbol("t", integer=True), Symbol("T", integer=True)
    span_bound = Product(gamma * Abs(w), (k, t + 1, T)).doit()
    derivation.step(
        "Over T − t steps the factors multiply, so the bound is a power.",
        Le(Abs(Derivative(Symbol("h_T"), Symbol("h_t"))), span_bound),
        "chain rule over the steps t+1 … T, then the product of equal bounds (SymPy Product)",
        name="span_bound",
    )
    derivation.scalar("max_abs_derivative_per_w", gamma)
    per_step = "|w|" if gamma == 1 else f"{gamma}·|w|"
    derivation.reading = (
        f"{phi.symbol}: each step multiplies the gradient by w·φ'(a_k), at most {per_step} in size, "
        f"so T − t steps by at most ({per_step})^(T−t): it must vanish when |w| < {1 / gamma}."
    )
    return derivation


def scalar_step(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `scalar-step`."""
    return derive_scalar_step(params["activation"], should_cancel).to_result("scalar-step", params)
