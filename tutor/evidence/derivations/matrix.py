"""The step Jacobian of a matrix RNN, h_k = φ(W_hh·h_{k−1} + c) with c = W_xh·x_k + b.

First with explicit 2×2 or 3×3 symbolic entries, so every entry can be seen; then for a
general n×n matrix with SymPy's matrix calculus, which answers in the denominator layout
(W_hhᵀ·diag(φ'(a_k)), as in the source notes); its transpose is the numerator layout
(diag(φ'(a_k))·W_hh). Both describe the same partial derivatives, arranged transposed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import (
    Derivative,
    Dummy,
    Function,
    Lambda,
    MatMul,
    Matrix,
    MatrixSymbol,
    Symbol,
    diag,
)
from sympy.matrices.expressions import DiagMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from tutor.evidence.derivations.steps import Derivation, equation, never, require_zero
from tutor.evidence.result import Result

phi = Function("phi")


def explicit_rnn(size: int) -> dict[str, Any]:
    """Symbolic entries of one step of an n×n RNN: W, h_{k−1}, c, a and φ(a)."""
    weights = Matrix(size, size, lambda i, j: Symbol(f"w_{i + 1}{j + 1}", real=True))
    previous = Matrix([Symbol(f"h_{i + 1}", real=True) for i in range(size)])
    offsets = Matrix([Symbol(f"c_{i + 1}", real=True) for i in range(size)])
    named = Matrix([Symbol(f"a_{i + 1}", real=True) for i in range(size)])
    pre_activation = weights * previous + offsets
    return {
        "W": weights,
        "h": previous,
        "c": offsets,
        "a": named,
        "pre_activation": pre_activation,
        "state": pre_activation.applyfunc(phi),
    }


def phi_prime_at(vector: Any) -> Any:
    """φ' applied elementwise to a vector expression (printed φ'(a_k))."""
    point = Dummy("d")
    return ElementwiseApplyFunction(Lambda(point, Derivative(phi(point), point)), vector)


def general_step_jacobian(n: Any) -> dict[str, Any]:
    """∂h_k/∂h_{k−1} for symbolic n by SymPy's matrix calculus, in both layouts.

    SymPy differentiates φ∘(W·h + c) with respect to the vector h in the denominator
    layout; `denominator` has the pre-activation renamed a_k for readability.
    """
    weights = MatrixSymbol("W_hh", n, n)
    previous = MatrixSymbol("h_k-1", n, 1)
    offsets = MatrixSymbol("c_k", n, 1)
    named = MatrixSymbol("a_k", n, 1)
    point = Dummy("d")
    state = ElementwiseApplyFunction(Lambda(point, phi(point)), weights * previous + offsets)
    raw = state.diff(previous)
    denominator = raw.xreplace({weights * previous + offsets: named})
    return {
        "W": weights,
        "h": previous,
        "state": state,
        "denominator": denominator,
        "numerator": denominator.T,
        "diag": DiagMatrix(phi_prime_at(named)),
    }


def derive_jacobian_matrix(size: int, should_cancel: Callable[[], bool] = never) -> Derivation:
    """The Jacobian of h_k = φ(W·h_{k−1} + c) entry by entry, factorised, then for any n."""
    derivation = Derivation(should_cancel)
    rnn = explicit_rnn(size)
    weights, previous, named = rnn["W"], rnn["h"], rnn["a"]
    derivation.step(
        f"One step of a {size}×{size} RNN with symbolic entries; h = h_{{k−1}}, "
        "c = W_xh·x_k + b does not depend on h.",
        equation(Symbol("h_k"), rnn["state"]),
        "definition: h_k = φ(W_hh·h_{k−1} + c), φ applied entrywise",
    )
    raw = rnn["state"].jacobian(previous)
    derivation.step(
        "SymPy's Jacobian: entry (i, j) is ∂h_{k,i}/∂h_j (numerator layout).",
        equation(Symbol("J_k"), raw),
        "chain rule in every entry (SymPy jacobian)",
    )
    renaming = dict(zip(rnn["pre_activation"], named))
    jacobian = derivation.step(
        "Name the pre-activations a_i = (W_hh·h + c)_i.",
        equation(Symbol("J_k"), raw.xreplace(renaming).doit()),
        "substitution",
        name="jacobian",
    ).rhs
    scales = diag(*[Derivative(phi(entry), entry) for entry in named])
    require_zero(jacobian - scales * weights, "J_k = diag(φ'(a))·W_hh")
    derivation.step(
        "Row i carries the factor φ'(a_i): the Jacobian factorises.",
        equation(Symbol("J_k"), MatMul(scales, weights, evaluate=False)),
        "row i of W_hh scaled by φ'(a_i); SymPy confirms the difference is zero",
        name="factorised",
    )
    _general_steps(derivation, jacobian, scales, weights)
    derivation.reading = (
        "∂h_k/∂h_{k−1} = diag(φ'(a_k))·W_hh (numerator layout) = (W_hhᵀ·diag(φ'(a_k)))ᵀ: "
        "every backward step multiplies by W_hh and by φ'."
    )
    return derivation


def _general_steps(derivation: Derivation, jacobian: Any, scales: Any, weights: Any) -> None:
    n = Symbol("n", integer=True, positive=True)
    general = general_step_jacobian(n)
    derivation.step(
        "For any n: SymPy's matrix calculus differentiates the vector map directly and "
        "answers in the denominator layout, as the source notes write it.",
        equation(Derivative(general["state"], general["h"]), general["denominator"]),
        "matrix chain rule (SymPy diff with respect to a MatrixSymbol); entry (j, i) is "
        "∂h_{k,i}/∂h_{k−1,j}",
        name="denominator",
    )
    derivation.step(
        "Transposing gives the numerator layout: the order reverses and diag(φ') is symmetric.",
        equation(Symbol("J_k"), general["numerator"]),
        "(A·B)ᵀ = Bᵀ·Aᵀ and diag(v)ᵀ = diag(v) (SymPy transpose)",
        name="numerator",
    )
    require_zero(jacobian.T - weights.T * scales, "J_kᵀ = W_hhᵀ·diag(φ'(a))")
    derivation.step(
        "Check on the explicit matrix: its transpose is W_hhᵀ·diag(φ'(a)).",
        equation(MatrixSymbol("J_k", *jacobian.shape).T, MatMul(weights.T, scales, evaluate=False)),
        "SymPy confirms J_kᵀ − W_hhᵀ·diag(φ'(a)) = 0 entry by entry",
    )
    gradient = MatrixSymbol("g_k", n, 1)
    backward = general["denominator"] * gradient
    derivation.step(
        "Backpropagation with column gradients g_k = ∂L/∂h_k uses the denominator form.",
        equation(MatrixSymbol("g_k-1", n, 1), backward),
        "chain rule: g_{k−1} = J_kᵀ·g_k",
    )
    derivation.step(
        "With row gradients the same numbers come from the numerator form: the transpose.",
        equation(MatrixSymbol("g_k-1", n, 1).T, backward.T),
        "(A·B·g)ᵀ = gᵀ·Bᵀ·Aᵀ (SymPy transpose)",
    )


def jacobian_matrix(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `jacobian-matrix`."""
    return derive_jacobian_matrix(params["size"], should_cancel).to_result("jacobian-matrix", params)
