"""SymPy objects from a checked expression tree, built node by node (never from text).

Importing this module imports SymPy; `tutor.expressions.parser.to_sympy` imports it lazily.
Variables are real symbols (the quantities in the packs are real numbers), decimal literals
become exact rationals (`0.9` is 9/10, so `0.9^20` and `(9/10)^20` agree exactly), and the
activation functions are written out: sigmoid(z) = 1/(1 + exp(-z)), relu(z) = max(z, 0),
softplus(z) = log(1 + exp(z)); a derivative written with a prime (tanh′) is its expression.
"""

from __future__ import annotations

import ast
from fractions import Fraction

import sympy


def _sigmoid(argument: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-argument))


def _relu(argument: sympy.Expr) -> sympy.Expr:
    return sympy.Max(argument, 0)


def _softplus(argument: sympy.Expr) -> sympy.Expr:
    return sympy.log(1 + sympy.exp(argument))


FUNCTIONS = {
    "tanh": sympy.tanh,
    "sigmoid": _sigmoid,
    "relu": _relu,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "ceil": sympy.ceiling,
    "floor": sympy.floor,
    "max": sympy.Max,
    "min": sympy.Min,
    "softplus": _softplus,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "sech": sympy.sech,
    "csch": sympy.csch,
    "coth": sympy.coth,
    "arcsin": sympy.asin,
    "arccos": sympy.acos,
    "arctan": sympy.atan,
    "arsinh": sympy.asinh,
    "arcosh": sympy.acosh,
    "artanh": sympy.atanh,
    # the derivatives written with a prime (tanh′), as expressions
    "tanh_prime": lambda a: 1 - sympy.tanh(a) ** 2,
    "sigmoid_prime": lambda a: _sigmoid(a) * (1 - _sigmoid(a)),
    "softplus_prime": _sigmoid,
    "exp_prime": sympy.exp,
    "log_prime": lambda a: 1 / a,
    "sin_prime": sympy.cos,
    "cos_prime": lambda a: -sympy.sin(a),
    "sinh_prime": sympy.cosh,
    "cosh_prime": sympy.sinh,
}
CONSTANTS = {"pi": sympy.pi, "e": sympy.E}


def symbol(name: str) -> sympy.Symbol:
    """The SymPy symbol for a declared variable (the same object for the same name)."""
    return sympy.Symbol(name, real=True)


def sympy_from_tree(node: ast.AST, variables: tuple[str, ...]) -> sympy.Expr:
    """Build the expression; the tree's depth is bounded by the parser, so recursion is safe."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, int):
            return sympy.Integer(node.value)
        exact = Fraction(repr(node.value))
        return sympy.Rational(exact.numerator, exact.denominator)
    if isinstance(node, ast.Name):
        if node.id in variables:
            return symbol(node.id)
        return CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = sympy_from_tree(node.operand, variables)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = sympy_from_tree(node.left, variables)
        right = sympy_from_tree(node.right, variables)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        return sympy.Pow(left, right)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        arguments = [sympy_from_tree(argument, variables) for argument in node.args]
        return FUNCTIONS[node.func.id](*arguments)
    raise TypeError(f"not an admitted node: {type(node).__name__}")
