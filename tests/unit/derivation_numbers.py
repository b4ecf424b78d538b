"""Helpers for the derivation agreement tests: central finite differences and a way to
put numbers into a SymPy result by symbol name.

Not a test module; the test files import it (pytest puts their folder on sys.path).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

STEP = 1e-6
RTOL = 1e-6
ATOL = 1e-8


def derivative_fd(function: Callable[[float], float], point: float, step: float = STEP) -> float:
    """Central difference (f(x + h) − f(x − h)) / 2h."""
    return (function(point + step) - function(point - step)) / (2 * step)


def jacobian_fd(
    function: Callable[[np.ndarray], np.ndarray], point: np.ndarray, step: float = STEP
) -> np.ndarray:
    """Numerator-layout Jacobian J[i, j] = ∂f_i/∂x_j by central differences."""
    point = np.asarray(point, dtype=float)
    columns = []
    for j in range(point.size):
        offset = np.zeros_like(point)
        offset[j] = step
        columns.append((function(point + offset) - function(point - offset)) / (2 * step))
    return np.stack(columns, axis=1)


def evaluate(expr: Any, values: Mapping[str, Any]) -> Any:
    """`expr` with every free symbol named in `values` replaced, as float or float array.

    Fails (instead of guessing) when a symbol is left without a value.
    """
    replacements = {s: values[s.name] for s in expr.free_symbols if s.name in values}
    substituted = expr.xreplace({s: sympy.Float(v, 30) for s, v in replacements.items()})
    missing = substituted.free_symbols
    if missing:
        raise AssertionError(f"no value for {sorted(str(s) for s in missing)}")
    if isinstance(substituted, sympy.MatrixBase):
        return np.array(substituted.evalf(), dtype=float)
    return float(substituted.evalf())


def sigmoid(a: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-a))


def assert_close(actual: Any, expected: Any, rtol: float = RTOL, atol: float = ATOL) -> None:
    """Numbers or arrays equal to the finite-difference tolerance."""
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
