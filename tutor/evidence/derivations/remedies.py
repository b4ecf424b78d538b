"""Two remedies, derived: clipping by norm, and residual connections.

Clipping rescales the whole gradient by one factor: the norm becomes exactly τ and the
direction (and every ratio between components) is kept, which is why it tames exploding
gradients and cannot cure vanishing ones. A residual block's Jacobian is I + ∂F/∂x, so
a product of such factors always contains the identity: a path that skips every block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import (
    Derivative,
    Eq,
    Function,
    Identity,
    Limit,
    MatAdd,
    Matrix,
    MatrixSymbol,
    Mul,
    Symbol,
    cancel,
    expand,
    eye,
    limit,
    series,
    sqrt,
    together,
)

from tutor.evidence.derivations.functions import norm
from tutor.evidence.derivations.steps import Derivation, DerivationError, equation, never
from tutor.evidence.result import Result

CLIP_DIMENSION = 3
RESIDUAL_UNITS = 2
RESIDUAL_DEPTH = 3


def derive_clipping_rule(should_cancel: Callable[[], bool] = never) -> Derivation:
    """After g ← (τ/‖g‖)·g the norm is τ and the direction is unchanged; below τ, no change."""
    derivation = Derivation(should_cancel)
    components = [Symbol(f"g_{i + 1}", real=True) for i in range(CLIP_DIMENSION)]
    gradient, threshold = Matrix(components), Symbol("tau", positive=True)
    g, clipped_name = Symbol("g"), Symbol("g'")
    length = derivation.step(
        "The Euclidean norm of a gradient with symbolic components.",
        equation(norm(g), sqrt(sum(c**2 for c in components))),
        "definition of ‖g‖₂",
    ).rhs
    clipped = derivation.remember("clipped", gradient * threshold / length)
    derivation.step(
        "Clipping when ‖g‖ > τ: rescale every component by τ/‖g‖.",
        equation(clipped_name, clipped.subs(length, norm(g))),
        "the clipping rule g ← (τ/‖g‖)·g",
    )
    squared = sum(c**2 for c in clipped)
    derivation.step(
        "Its norm, entry by entry:",
        equation(norm(clipped_name), sqrt(squared)),
        "definition of ‖·‖₂",
    )
    new_length = derivation.step(
        "The sum collapses: the new norm is exactly τ, whatever g was.",
        equation(norm(clipped_name), sqrt(together(squared))),
        "common denominator, then √(τ²) = τ for τ > 0",
        name="clipped_norm",
    ).rhs
    cosine = cancel(gradient.dot(clipped) / (length * new_length))
    derivation.step(
        "The direction is kept: the cosine between g and g' is 1.",
        equation(Symbol("cos(g, g')"), cosine),
        "g·g' / (‖g‖·‖g'‖), cancelled",
        name="cosine",
    )
    ratio = cancel(clipped[0] / clipped[1])
    derivation.step(
        "Every ratio between components is kept, so small (early) components stay "
        "small relative to large (late) ones: clipping cannot undo vanishing.",
        equation(Symbol("g'_1") / Symbol("g'_2"), ratio),
        "one common factor cancels",
        name="ratio",
    )
    margin = Symbol("e", nonnegative=True)
    current = Symbol("N", positive=True)  # ‖g‖, positive for a nonzero gradient
    excess = cancel((current + margin) / current - 1)
    if not excess.is_nonnegative:
        raise DerivationError("τ/‖g‖ − 1 should be nonnegative when ‖g‖ ≤ τ")
    derivation.step(
        "Below the threshold, write τ = ‖g‖ + e with e ≥ 0: the factor τ/‖g‖ is at least 1, "
        "so min(1, τ/‖g‖) = 1 and g is left exactly as it was.",
        equation(Symbol("tau") / norm(g) - 1, excess.xreplace({current: norm(g)})),
        "substitute τ = ‖g‖ + e and cancel; e/‖g‖ ≥ 0 (SymPy: nonnegative)",
    )
    derivation.scalar("norm_after_over_tau", new_length / threshold)
    derivation.scalar("cosine_after_clipping", cosine)
    derivation.reading = (
        "Clipping by norm sets ‖g‖ to exactly τ and keeps the direction and every ratio: "
        "it stops exploding steps but cannot revive vanished components."
    )
    return derivation


def derive_residual_jacobian(should_cancel: Callable[[], bool] = never) -> Derivation:
    """∂(x + F(x))/∂x = I + ∂F/∂x, and a product of such factors keeps the identity."""
    derivation = Derivation(should_cancel)
    inputs = Matrix([Symbol(f"x_{i + 1}", real=True) for i in range(RESIDUAL_UNITS)])
    block = Matrix([Function(f"F_{i + 1}")(*inputs) for i in range(RESIDUAL_UNITS)])
    jacobian = (inputs + block).jacobian(inputs)
    derivation.step(
        f"A residual block y = x + F(x) with {RESIDUAL_UNITS} units and an arbitrary F: "
        "SymPy's Jacobian.",
        equation(Symbol("J_y"), jacobian),
        "SymPy jacobian of x + F(x)",
        name="jacobian",
    )
    block_jacobian = block.jacobian(inputs)
    if jacobian - block_jacobian != eye(RESIDUAL_UNITS):
        raise DerivationError("J_y − ∂F/∂x should be the identity")
    derivation.step(
        "Split off the identity: the Jacobian is I + ∂F/∂x.",
        equation(Symbol("J_y"), MatAdd(Identity(RESIDUAL_UNITS), block_jacobian, evaluate=False)),
        "SymPy: J_y − ∂F/∂x = I",
    )
    n = Symbol("n", integer=True, positive=True)
    layers = [MatrixSymbol(f"A_{depth}", n, n) for depth in range(RESIDUAL_DEPTH, 0, -1)]
    stacked = Identity(n)
    for layer in layers:
        stacked = stacked * (Identity(n) + layer)
    expanded = expand(stacked)
    derivation.step(
        f"Through {RESIDUAL_DEPTH} blocks (A_l = ∂F_l/∂x) the chain rule multiplies the factors; "
        "expanded, one term is I itself: the path that skips every block.",
        equation(Derivative(Symbol("y"), Symbol("x")), expanded),
        "noncommutative expansion of (I + A_3)(I + A_2)(I + A_1)",
        name="stack",
    )
    _small_jacobians(derivation)
    derivation.reading = (
        "∂(x + F(x))/∂x = I + ∂F/∂x: the product over blocks always contains I, so it stays "
        "near 1 where a product of small Jacobians would shrink like ε^L."
    )
    return derivation


def _small_jacobians(derivation: Derivation) -> None:
    """With one unit and small block derivatives εb_l, residual vs plain products."""
    epsilon = Symbol("epsilon", positive=True)
    slopes = [Symbol(f"b_{depth}", real=True) for depth in range(1, RESIDUAL_DEPTH + 1)]
    residual = Mul(*[1 + epsilon * slope for slope in slopes])
    plain = Mul(*[epsilon * slope for slope in slopes])
    derivation.step(
        "With one unit and small blocks (∂F_l/∂x = ε·b_l), the residual product is 1 plus small terms …",
        equation(residual, series(residual, epsilon, 0, 2)),
        "series in ε to first order",
        name="residual_series",
    )
    derivation.step(
        "… while without the skip connection the same blocks multiply to ε^L.",
        equation(Mul(*(epsilon * slope for slope in slopes), evaluate=False), plain),
        "product of the block derivatives alone",
        name="plain_product",
    )
    kept = limit(residual, epsilon, 0)
    lost = limit(plain, epsilon, 0)
    derivation.step(
        "As the blocks' derivatives shrink, the residual product tends to 1 and the plain one to 0.",
        (Eq(Limit(residual, epsilon, 0), kept), Eq(Limit(plain, epsilon, 0), lost)),
        "SymPy limits as ε → 0",
    )
    derivation.scalar("residual_product_small_blocks", kept)
    derivation.scalar("plain_product_small_blocks", lost)


def clipping_rule(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `clipping-rule`."""
    return derive_clipping_rule(should_cancel).to_result("clipping-rule", params)


def residual_jacobian(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `residual-jacobian`."""
    return derive_residual_jacobian(should_cancel).to_result("residual-jacobian", params)

