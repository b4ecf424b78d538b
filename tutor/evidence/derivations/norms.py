"""The norm bound ‖∂h_T/∂h_t‖ ≤ (γ·σ_max)^(T−t) and what it does and does not prove.

Below 1/γ the bound forces vanishing (a sufficient condition). Above it the bound proves
nothing: γ·σ_max > 1 is only *necessary* for exploding (Pascanu, Mikolov and Bengio,
2013). A non-normal 2×2 example makes the gap concrete: its largest singular value is
above 1 yet its spectral radius is below 1, so its powers grow for a while and then
vanish — for a diagonalisable W the eigenvalues' powers decide, W^k = Q·Λ^k·Q⁻¹.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from sympy import (
    Derivative,
    Eq,
    Implies,
    Integer,
    Le,
    Limit,
    MatMul,
    Matrix,
    MatrixSymbol,
    Product,
    Rational,
    Symbol,
    exp,
    limit,
    oo,
    powsimp,
)

from tutor.evidence.derivations.functions import norm
from tutor.evidence.derivations.printing import Label, labelled_rows
from tutor.evidence.derivations.steps import (
    Derivation,
    DerivationError,
    equation,
    never,
    require_zero,
)
from tutor.evidence.result import Result

# Non-normal (upper triangular) and diagonalisable: eigenvalues 9/10 and 4/5 on the
# diagonal, a large coupling above it.
EXAMPLE_W = ((Rational(9, 10), 2), (0, Rational(4, 5)))
PEAK_SEARCH_STEPS = 60


def spectral_norm_2x2(entries: tuple[float, ...]) -> float:
    """‖A‖₂ of a real 2×2 matrix (a, b, c, d): the square root of the top eigenvalue of AᵀA."""
    a, b, c, d = entries
    p, q, r = a * a + c * c, a * b + c * d, b * b + d * d
    return math.sqrt((p + r) / 2 + math.hypot((p - r) / 2, q))


def derive_norm_bound(should_cancel: Callable[[], bool] = never) -> Derivation:
    """The bound, its limit below 1/γ, and a counterexample to reading it as 'explodes above'."""
    derivation = Derivation(should_cancel)
    gamma, sigma = Symbol("gamma", positive=True), Symbol("sigma_max", positive=True)
    k, t, T = (Symbol(name, integer=True) for name in ("k", "t", "T"))
    n = Symbol("n", integer=True, positive=True)
    derivation.step(
        "One step: the Jacobian diag(φ'(a_k))·W_hh is at most γ·σ_max in spectral norm.",
        Le(norm(MatrixSymbol("J_k", n, n)), gamma * sigma),
        "‖A·B‖ ≤ ‖A‖·‖B‖; ‖diag(v)‖₂ = max|vᵢ| ≤ γ = max φ'; ‖W_hh‖₂ = σ_max",
    )
    span = Derivative(Symbol("h_T"), Symbol("h_t"))
    product = derivation.step(
        "The chain ∂h_T/∂h_t has T − t such factors.",
        Le(norm(span), Product(gamma * sigma, (k, t + 1, T))),
        "submultiplicativity over the chain rule product",
    ).rhs
    bound = derivation.step(
        "A product of T − t equal bounds is a power.",
        Le(norm(span), product.doit()),
        "SymPy evaluates the Product",
        name="bound",
    ).rhs
    rate = Symbol("r", positive=True)
    decaying = powsimp(bound.subs(gamma * sigma, exp(-rate)))
    derivation.step(
        "If γ·σ_max < 1, write γ·σ_max = e^(−r) with r > 0: the bound decays exponentially.",
        Le(norm(span), decaying),
        "substitution, powers of e combined",
    )
    vanished = derivation.step(
        "So the Jacobian product vanishes as T − t grows: γ·σ_max < 1 is sufficient for vanishing.",
        Eq(Limit(decaying, T, oo), limit(decaying, T, oo)),
        "SymPy limit as T → ∞ with r > 0",
        name="vanishing_limit",
    )
    derivation.scalar("bound_limit_below_threshold", vanished.rhs)
    derivation.step(
        "Contrapositive: if γ·σ_max ≤ 1 the product stays at most 1, so exploding needs "
        "γ·σ_max > 1, i.e. σ_max > 1/γ. Necessary, not sufficient: the bound is only an "
        "upper bound (Pascanu et al., 2013).",
        Implies(Le(gamma * sigma, 1), Le(norm(span), 1)),
        "0 ≤ x ≤ 1 implies x^m ≤ 1 for m ≥ 0",
    )
    _diagonalisable_example(derivation)
    example = derivation.scalars
    derivation.reading = (
        "‖∂h_T/∂h_t‖ ≤ (γσ_max)^(T−t): below 1/γ gradients must vanish; above it they may "
        f"explode but need not (ρ = {example['example_spectral_radius']:g} < 1 < "
        f"σ_max ≈ {example['example_sigma_max']:.2f} still vanishes)."
    )
    return derivation


def _diagonalisable_example(derivation: Derivation) -> None:
    weights = Matrix(EXAMPLE_W)
    k = Symbol("k", integer=True, nonnegative=True)
    basis, eigenvalues = weights.diagonalize()
    derivation.step(
        "Linear case (φ = identity, γ = 1): the product is W^(T−t). Take a non-normal W and "
        "diagonalise it, W = Q·Λ·Q⁻¹.",
        equation(weights, MatMul(basis, eigenvalues, basis.inv(), evaluate=False)),
        "SymPy diagonalize (distinct eigenvalues, so W is diagonalisable)",
    )
    closed_form = basis * eigenvalues**k * basis.inv()
    require_zero(weights**k - closed_form, "W^k = Q·Λ^k·Q⁻¹")
    power = derivation.step(
        "Powers only touch Λ: W^k = Q·Λ^k·Q⁻¹ (the inner Q⁻¹·Q cancel).",
        equation(MatrixSymbol("W", 2, 2) ** k, closed_form),
        "SymPy: Q·Λ^k·Q⁻¹, checked against SymPy's own W^k",
        name="power",
    ).rhs
    radius = max(abs(value) for value in eigenvalues.diagonal())
    derivation.step(
        "The eigenvalues' powers decide: the spectral radius is below 1, so Λ^k → 0 and W^k → 0.",
        Eq(Limit(radius**k, k, oo), limit(radius**k, k, oo)),
        f"ρ(W) = max|λ| = {radius} < 1 (SymPy limit)",
    )
    sigma_max = max(weights.singular_values(), key=lambda value: value.evalf())
    derivation.step(
        f"Yet one step can stretch a gradient {float(sigma_max):.2f}-fold: the largest "
        "singular value is above 1.",
        Eq(Symbol("sigma_max"), sigma_max),
        f"square root of the largest eigenvalue of WᵀW (≈ {float(sigma_max):.4f})",
        name="sigma_max",
    )
    norms = [  # exact rationals from the closed form (xreplace: no `subs` machinery)
        spectral_norm_2x2(tuple(float(entry.xreplace({k: Integer(step)})) for entry in power))
        for step in range(1, PEAK_SEARCH_STEPS + 1)
    ]
    peak = max(range(len(norms)), key=norms.__getitem__)
    shown = (1, peak + 1, 20, PEAK_SEARCH_STEPS)
    derivation.step(
        f"‖W^k‖ first grows (peak ≈ {norms[peak]:.2f} at k = {peak + 1}) and then vanishes: "
        "σ_max > 1 allowed growth, ρ < 1 decides the end. So σ_max > 1/γ does not imply "
        "exploding.",
        labelled_rows([(Label("k", "k"), list(shown)),
                       (Label("‖Wᵏ‖₂", r"\|W^{k}\|_{2}"), [round(norms[step - 1], 4) for step in shown])]),
        "spectral norm of the closed form W^k at k = " + ", ".join(map(str, shown)),
    )
    derivation.scalar("example_spectral_radius", radius)
    derivation.scalar("example_sigma_max", sigma_max)
    derivation.scalar("example_peak_norm", norms[peak])
    derivation.scalar("example_peak_step", peak + 1)
    if not radius < 1 < sigma_max:
        raise DerivationError("the example must have ρ < 1 < σ_max")


def norm_bound(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `norm-bound`."""
    return derive_norm_bound(should_cancel).to_result("norm-bound", params)
