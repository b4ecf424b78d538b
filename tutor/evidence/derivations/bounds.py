"""How large can φ'(a) be? The calculus behind γ = 1/4 (sigmoid) and γ = 1 (tanh, ReLU).

The bound γ = max φ' enters every estimate of the Jacobian product, so it is derived here
rather than quoted: differentiate, solve φ'' = 0 over the reals, check the sign of φ''' at
the critical point, and evaluate. `analyse` is shared with the scalar-step derivation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sympy import (
    Derivative,
    FiniteSet,
    Function,
    Limit,
    Piecewise,
    S,
    Subs,
    Symbol,
    atanh,
    cancel,
    diff,
    exp,
    log,
    numer,
    oo,
    solveset,
    tanh,
    together,
)

from tutor.evidence.derivations.functions import sigma
from tutor.evidence.derivations.steps import (
    Derivation,
    DerivationError,
    equation,
    never,
    require_zero,
)
from tutor.evidence.result import Result

SMOOTH_ACTIVATIONS = ("sigmoid", "tanh")


@dataclass(frozen=True)
class Activation:
    """A smooth activation φ, its inverse (to write φ' in terms of φ) and how it prints."""

    name: str
    symbol: str  # how statements in words write it: σ, tanh
    formula: Callable[[Any], Any]  # a ↦ φ(a) in elementary functions SymPy can differentiate
    inverse: Callable[[Any], Any]  # y ↦ a with φ(a) = y
    label: Callable[[Any], Any]  # a ↦ the short form shown to the learner, e.g. σ(a)


ACTIVATIONS: dict[str, Activation] = {
    "tanh": Activation("tanh", "tanh", tanh, atanh, tanh),
    "sigmoid": Activation(
        "sigmoid", "σ", lambda a: 1 / (1 + exp(-a)), lambda y: log(y / (1 - y)), sigma
    ),
}


@dataclass(frozen=True)
class Analysis:
    """Everything the derivation of max φ' computes, kept for steps and tests."""

    variable: Any
    formula: Any  # φ(a)
    first: Any  # φ'(a) as SymPy differentiates it
    in_terms_of_output: Any  # φ'(a) written with φ(a) (1 − tanh², σ(1 − σ))
    second: Any  # φ''(a), over a common denominator
    critical_points: Any  # the real solutions of φ'' = 0
    third_at_critical: Any  # φ''' at the critical point (negative: a maximum)
    argmax: Any
    maximum: Any


def analyse(name: str, variable: Any) -> Analysis:
    """Derive max φ' for a smooth activation: the computations, without the prose."""
    activation = ACTIVATIONS[name]
    formula = activation.formula(variable)
    first = diff(formula, variable)
    output = Symbol("y")
    # a = φ⁻¹(y) turns φ'(a) into a function of y = φ(a); dividing by y and multiplying
    # back makes SymPy keep the factored form y·(1 − y) instead of expanding it.
    require_zero(activation.formula(activation.inverse(output)) - output, f"{name}⁻¹ inverts {name}")
    in_y = output * cancel(first.subs(variable, activation.inverse(output)) / output)
    in_terms_of_output = in_y.xreplace({output: activation.label(variable)})
    second = together(diff(first, variable))
    critical_points = solveset(numer(second), variable, S.Reals)
    if not isinstance(critical_points, FiniteSet) or len(critical_points) != 1:
        raise DerivationError(f"expected one critical point of {name}', got {critical_points}")
    (argmax,) = critical_points
    third_at_critical = diff(second, variable).subs(variable, argmax)
    if not third_at_critical.is_negative:
        raise DerivationError(f"{name}''' at {argmax} is not negative")
    maximum = first.subs(variable, argmax)
    return Analysis(
        variable, formula, first, in_terms_of_output, second, critical_points,
        third_at_critical, argmax, maximum,
    )


def _smooth_steps(derivation: Derivation, name: str) -> Analysis:
    a = Symbol("a", real=True)
    analysis = analyse(name, a)
    label = ACTIVATIONS[name].label(a)
    phi = ACTIVATIONS[name].symbol
    phi_prime = Derivative(label, a)
    derivation.step(
        f"Definition of {phi}.", equation(label, analysis.formula.rewrite(exp)), "definition"
    )
    derivation.step(
        f"Differentiate {phi}.", equation(phi_prime, analysis.first), "chain rule (SymPy diff)"
    )
    if analysis.in_terms_of_output != analysis.first:
        derivation.step(
            f"Write {phi}' with {phi} itself.",
            equation(phi_prime, analysis.in_terms_of_output),
            f"substitute a = {phi}⁻¹(y), cancel, put y = {phi}(a) back",
        )
    derivation.remember(f"{name}_prime", analysis.in_terms_of_output)
    derivation.step(
        f"Differentiate again: {phi}''(a), over a common denominator.",
        equation(Derivative(label, (a, 2)), analysis.second),
        "diff, then together",
    )
    derivation.step(
        f"{phi}' has a critical point where the numerator of {phi}'' vanishes.",
        equation(numer(analysis.second), 0),
        "a fraction is zero where its numerator is",
    )
    derivation.step(
        "The only real solution.",
        equation(a, analysis.argmax),
        "solveset over the reals gives " + str(analysis.critical_points),
    )
    derivation.step(
        f"{phi}''' is negative there, so the critical point is a maximum.",
        equation(Subs(Derivative(label, (a, 3)), a, analysis.argmax), analysis.third_at_critical),
        "second-derivative test on φ'; one critical point on ℝ, so the maximum is global",
    )
    derivation.step(
        f"The largest value of {phi}'.",
        equation(Subs(phi_prime, a, analysis.argmax), analysis.maximum),
        f"evaluate {phi}' at a = {analysis.argmax}",
        name=f"max_{name}_prime",
    )
    # φ is continuous and monotone, so its limit at ∞ is its value there (tanh(∞) = 1);
    # evaluating is instant where `limit` would run the Gruntz algorithm.
    saturation = analysis.formula.subs(a, oo)
    derivation.step(
        f"Saturation: as a → ∞, {phi}(a) → {saturation}, so {phi}' → 0 (likewise as a → −∞).",
        equation(Limit(phi_prime, a, oo), analysis.in_terms_of_output.subs(label, saturation)),
        f"{phi} is continuous and monotone: lim {phi}(a) = {phi}(∞) = {saturation}",
    )
    derivation.scalar(f"max_{name}_prime", analysis.maximum)
    derivation.scalar(f"argmax_{name}_prime", analysis.argmax)
    return analysis


def _relu_steps(derivation: Derivation) -> Any:
    a = Symbol("a", real=True)
    relu = Piecewise((0, a < 0), (a, True))
    label = Function("ReLU")(a)
    derived = derivation.step(
        "Definition of ReLU, then its derivative (not defined at a = 0; frameworks use 0).",
        equation(Derivative(label, a), diff(relu, a)),
        "differentiate each piece",
        name="relu_prime",
    )
    values = FiniteSet(*(piece for piece, _ in derived.rhs.args))
    derivation.step(
        "ReLU' takes only the values 0 and 1: an active unit passes the gradient unchanged, "
        "an inactive one cuts it.",
        values,
        "the set of the pieces' values",
    )
    derivation.scalar("max_relu_prime", max(values))
    return values


def derive_activation_bounds(chosen: str, should_cancel: Callable[[], bool] = never) -> Derivation:
    """max σ' = 1/4 and max tanh' = 1 at a = 0 (solved, then checked); ReLU' ∈ {0, 1}."""
    derivation = Derivation(should_cancel)
    for name in SMOOTH_ACTIVATIONS:
        if chosen in ("all", name):
            _smooth_steps(derivation, name)
    if chosen in ("all", "relu"):
        _relu_steps(derivation)
    found = [
        f"max {ACTIVATIONS[name].symbol}' = {maximum.rhs} at a = {maximum.lhs.point[0]}"
        for name in SMOOTH_ACTIVATIONS
        if (maximum := derivation.formulas.get(f"max_{name}_prime")) is not None
    ]
    if "relu_prime" in derivation.formulas:
        found.append("ReLU' is 0 or 1")
    derivation.reading = (
        "; ".join(found) + ": no factor φ'(a) on a gradient path exceeds γ = max φ'."
    )
    return derivation


def activation_bounds(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `activation-bounds`."""
    derivation = derive_activation_bounds(params["activation"], should_cancel)
    return derivation.to_result("activation-bounds", params)
