"""Float evaluation of a checked expression tree, with `math` only (no SymPy, no NumPy).

Used for numeric answers, for the bounds the parser puts on constant exponents, and for
the random-point comparison of symbolic answers. Every value is a float: integer literals
are converted first, so no input can make Python compute a huge exact integer. Where an
expression is undefined (log of a negative, 1/0, overflow) the result is nan or ±inf rather
than an exception, so callers decide what an undefined value means.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

NAN = float("nan")
INF = float("inf")


def _guard(function: Callable[[float], float]) -> Callable[[float], float]:
    def guarded(value: float) -> float:
        if math.isnan(value):
            return NAN
        try:
            return function(value)
        except OverflowError:
            return INF
        except (ValueError, ZeroDivisionError):  # outside the domain: csch(0), artanh(2)
            return NAN

    return guarded


def _exp(value: float) -> float:
    return 0.0 if value < -745.2 else math.exp(value)


def _log(value: float) -> float:
    if value == 0:
        return -INF
    return math.log(value)


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp_value = _exp(value)
    return exp_value / (1.0 + exp_value)


def _sinh(value: float) -> float:
    return math.sinh(value) if abs(value) < 710 else math.copysign(INF, value)


def _cosh(value: float) -> float:
    return math.cosh(value) if abs(value) < 710 else INF


def _softplus(value: float) -> float:
    """log(1 + e^x) without overflow for large x."""
    return value + math.log1p(math.exp(-value)) if value > 0 else math.log1p(_exp(value))


def _sigmoid_prime(value: float) -> float:
    sigmoid = _sigmoid(value)
    return sigmoid * (1.0 - sigmoid)


ONE_ARGUMENT: dict[str, Callable[[float], float]] = {
    name: _guard(function)
    for name, function in dict[str, Callable[[float], float]]({
        "tanh": math.tanh,
        "sigmoid": _sigmoid,
        "relu": lambda value: max(value, 0.0),
        "exp": _exp,
        "log": _log,
        "sqrt": math.sqrt,
        "abs": abs,
        "sin": math.sin,
        "cos": math.cos,
        "tan": math.tan,
        "sinh": _sinh,
        "cosh": _cosh,
        "ceil": lambda value: float(math.ceil(value)) if math.isfinite(value) else value,
        "floor": lambda value: float(math.floor(value)) if math.isfinite(value) else value,
        "softplus": _softplus,
        "sec": lambda value: 1.0 / math.cos(value),
        "csc": lambda value: 1.0 / math.sin(value),
        "cot": lambda value: 1.0 / math.tan(value),
        "sech": lambda value: 1.0 / _cosh(value),
        "csch": lambda value: 1.0 / _sinh(value),
        "coth": lambda value: 1.0 / math.tanh(value),
        "arcsin": math.asin,
        "arccos": math.acos,
        "arctan": math.atan,
        "arsinh": math.asinh,
        "arcosh": math.acosh,
        "artanh": math.atanh,
        # the derivatives written with a prime (tanh′)
        "tanh_prime": lambda value: 1.0 - math.tanh(value) ** 2,
        "sigmoid_prime": _sigmoid_prime,
        "softplus_prime": _sigmoid,
        "exp_prime": _exp,
        "log_prime": lambda value: 1.0 / value,
        "sin_prime": math.cos,
        "cos_prime": lambda value: -math.sin(value),
        "sinh_prime": _cosh,
        "cosh_prime": _sinh,
    }).items()
}
CONSTANT_VALUES = {"pi": math.pi, "e": math.e}


def evaluate_tree(node: ast.AST, values: Mapping[str, float]) -> float:
    """The value of a tree admitted by the parser; its depth is bounded, so recursion is safe."""
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, (int, float)), "the parser admits only number literals"
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id in values:
            return float(values[node.id])
        if node.id in CONSTANT_VALUES:
            return CONSTANT_VALUES[node.id]
        raise KeyError(f"no value given for '{node.id}'")
    if isinstance(node, ast.UnaryOp):
        operand = evaluate_tree(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        return _binary(node.op, evaluate_tree(node.left, values), evaluate_tree(node.right, values))
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        arguments = [evaluate_tree(argument, values) for argument in node.args]
        if node.func.id in ("max", "min"):
            if any(math.isnan(argument) for argument in arguments):
                return NAN
            return max(arguments) if node.func.id == "max" else min(arguments)
        return ONE_ARGUMENT[node.func.id](arguments[0])
    raise TypeError(f"not an admitted node: {type(node).__name__}")


def _binary(operator: ast.operator, left: float, right: float) -> float:
    try:
        if isinstance(operator, ast.Add):
            return left + right
        if isinstance(operator, ast.Sub):
            return left - right
        if isinstance(operator, ast.Mult):
            return left * right
        if isinstance(operator, ast.Div):
            return _divide(left, right)
        return _power(left, right)
    except OverflowError:
        return INF


def _divide(left: float, right: float) -> float:
    if right == 0:
        if left == 0 or math.isnan(left):
            return NAN
        return math.copysign(INF, left) * math.copysign(1.0, right)
    return left / right


def _power(base: float, exponent: float) -> float:
    if math.isnan(base) or math.isnan(exponent):
        return NAN
    if base < 0 and not float(exponent).is_integer() and math.isfinite(exponent):
        return NAN  # a real power of a negative number is undefined (Python would go complex)
    if base == 0 and exponent < 0:
        return INF
    try:
        result = math.pow(base, exponent)
    except OverflowError:
        # the sign of an overflowing power of a negative base follows the exponent's parity
        odd = base < 0 and float(exponent).is_integer() and int(exponent) % 2 == 1
        return -INF if odd else INF
    except ValueError:
        return NAN
    return result
