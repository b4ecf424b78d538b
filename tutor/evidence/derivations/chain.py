"""The BPTT chain: ∂L/∂h_t as the gradient at h_T times the step Jacobians in between.

SymPy multiplies the chain out for a 2×2 RNN with symbolic entries, so the learner sees
what the product is made of: one term per path through the hidden units, each term a
product of T − t weights and T − t derivatives φ'. That is where the power (γ‖W‖)^(T−t)
of the norm bound comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import Add, Derivative, MatMul, Matrix, MatrixSymbol, Poly, Symbol, diag, expand
from sympy.matrices.expressions import DiagMatrix

from tutor.evidence.derivations.matrix import phi_prime_at
from tutor.evidence.derivations.steps import Derivation, equation, never
from tutor.evidence.result import Result

HIDDEN = 2


def step_name(offset: int) -> str:
    """The time index t + offset as a subscript name, e.g. 't+2'."""
    return f"t+{offset}"


def explicit_chain(span: int, size: int = HIDDEN) -> dict[str, Any]:
    """Symbolic W, per-step derivative factors d⁽ʲ⁾ᵢ = φ'(a_{t+j,i}) and the product.

    The product is ∂h_T/∂h_t = D_span·W ⋯ D_1·W in the numerator layout, expanded.
    """
    weights = Matrix(size, size, lambda i, j: Symbol(f"w_{i + 1}{j + 1}", real=True))
    factors = [
        [Symbol(f"d^({j})_{i + 1}", real=True) for i in range(size)] for j in range(1, span + 1)
    ]
    product = Matrix.eye(size)
    for step in factors:  # h_{t+1} first: later steps multiply on the left
        product = diag(*step) * weights * product
    return {"W": weights, "d": factors, "product": product.applyfunc(expand)}


def _flattened(product: Any) -> list[Any]:
    """The factors of a product of products, in order (A·(B·C) → A, B, C)."""
    return [
        inner
        for factor in product.args
        for inner in (_flattened(factor) if isinstance(factor, MatMul) else [factor])
    ]


def derive_bptt_chain(span: int, should_cancel: Callable[[], bool] = never) -> Derivation:
    """∂L/∂h_t through `span` steps: symbolic chain, factorised, then expanded for 2×2."""
    derivation = Derivation(should_cancel)
    n = Symbol("n", integer=True, positive=True)
    jacobians = [MatrixSymbol(f"J_{step_name(j)}", n, n) for j in range(span, 0, -1)]
    late, early = MatrixSymbol("g_T", n, 1), MatrixSymbol("g_t", n, 1)
    chain = derivation.step(
        f"The loss reaches h_t only through h_{{t+1}}, …, h_T (T = t + {span}); with row "
        "gradients gᵀ = ∂L/∂h the chain rule multiplies the step Jacobians.",
        equation(early.T, MatMul(late.T, *jacobians)),
        "chain rule, numerator layout: J_k = ∂h_k/∂h_{k−1}",
        name="chain",
    ).rhs
    weights = MatrixSymbol("W_hh", n, n)
    factorised = {
        jacobian: MatMul(DiagMatrix(phi_prime_at(MatrixSymbol(f"a_{step_name(j)}", n, 1))), weights)
        for j, jacobian in zip(range(span, 0, -1), jacobians)
    }
    substituted = chain.xreplace(factorised)
    derivation.step(
        f"Each factor is diag(φ'(a_k))·W_hh (jacobian-matrix): W_hh appears {span} times.",
        equation(early.T, MatMul(*_flattened(substituted))),
        "substitute J_k = diag(φ'(a_k))·W_hh",
    )
    explicit = explicit_chain(span)
    product = derivation.remember("product", explicit["product"])
    corner = derivation.step(
        f"With 2×2 symbolic entries (d⁽ʲ⁾ᵢ = φ'(a_{{t+j,i}})), SymPy multiplies the {span} factors; "
        "entry (1, 1) of ∂h_T/∂h_t:",
        equation(Symbol("P_11"), product[0, 0]),
        "matrix product, expanded (P = ∂h_T/∂h_t)",
    ).rhs
    gradient = Matrix([Symbol(f"g_{i + 1}", real=True) for i in range(HIDDEN)])
    component = expand((gradient.T * product)[0, 0])
    derivation.step(
        "The first component of ∂L/∂h_t, with ∂L/∂h_T = (g_1, g_2):",
        equation(Derivative(Symbol("L"), Symbol("h_t,1")), component),
        "row vector times the product, expanded",
        name="gradient_component",
    )
    paths = Add.make_args(corner)
    weights_per_path = {Poly(term, *explicit["W"]).total_degree() for term in paths}
    derivation.step(
        f"Each of the {len(paths)} terms of P_11 is one path through the hidden units and "
        f"carries {span} weights and {span} factors φ'.",
        equation(Symbol("paths"), len(paths)),
        f"count of the expanded terms; each has degree {span} in the weights (SymPy Poly)",
    )
    derivation.scalar("paths_per_entry", len(paths))
    derivation.scalar("weights_per_path", max(weights_per_path))
    w = Symbol("w", real=True)
    scalar_factors = [Symbol(f"d^({j})", real=True) for j in range(1, span + 1)]
    collapsed = Matrix([[1]])
    for factor in scalar_factors:
        collapsed = Matrix([[factor]]) * Matrix([[w]]) * collapsed
    derivation.step(
        "With one hidden unit there is one path: the product is a power of w.",
        equation(Derivative(Symbol("h_T"), Symbol("h_t")), collapsed[0, 0]),
        "the same product with 1×1 matrices",
        name="scalar_chain",
    )
    derivation.reading = (
        f"∂L/∂h_t = ∂L/∂h_T·J_T⋯J_{{t+1}}: over {span} steps each entry is a sum of "
        f"{len(paths)} path terms, each with {span} weights and {span} factors φ'."
    )
    return derivation


def bptt_chain(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `bptt-chain`."""
    return derive_bptt_chain(params["span"], should_cancel).to_result("bptt-chain", params)
