"""A checked expression written for a terminal: `w·(1 − tanh(w·h + u·x + b)²)`.

One line of Unicode, printed straight from the parser's tree (no SymPy), so feedback can
show an expected answer as its author wrote it, with Greek letters, superscript integer
powers, `·` for products, `−` for minus and `|x|` for abs(x). Parentheses appear only where
precedence needs them.
"""

from __future__ import annotations

import ast

from tutor.expressions.names import GREEK_NAMES
from tutor.expressions.notation import derivative_name

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_ADD, _MULTIPLY, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 5
_SYMBOLS = {ast.Add: " + ", ast.Sub: " − ", ast.Mult: "·", ast.Div: "/"}


def display(tree: ast.AST) -> str:
    """The expression as one line of Unicode math."""
    return _show(tree)[0]


def _show(node: ast.AST) -> tuple[str, int]:
    """The text of `node` and its precedence (how tightly it binds)."""
    if isinstance(node, ast.Constant):
        text = repr(node.value) if isinstance(node.value, float) else str(node.value)
        return text, _ATOM
    if isinstance(node, ast.Name):
        return GREEK_NAMES.get(node.id, node.id), _ATOM
    if isinstance(node, ast.UnaryOp):
        operand = _wrap(node.operand, _UNARY)
        return ("−" if isinstance(node.op, ast.USub) else "+") + operand, _UNARY
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        arguments = ", ".join(_show(argument)[0] for argument in node.args)
        if node.func.id == "abs":
            return f"|{arguments}|", _ATOM
        return f"{derivative_name(node.func.id)}({arguments})", _ATOM
    assert isinstance(node, ast.BinOp)
    if isinstance(node.op, ast.Pow):
        base = _wrap(node.left, _POWER + 1)
        exponent = _integer_exponent(node.right)
        if exponent is not None:
            return base + exponent.translate(_SUPERSCRIPT), _POWER
        return f"{base}^{_wrap(node.right, _POWER)}", _POWER
    level = _ADD if isinstance(node.op, (ast.Add, ast.Sub)) else _MULTIPLY
    left = _wrap(node.left, level)
    # a − (b + c) and a/(b·c) need parentheses on the right at equal precedence
    right = _wrap(node.right, level + 1 if isinstance(node.op, (ast.Sub, ast.Div)) else level)
    if isinstance(node.op, ast.Mult) and right.startswith("−"):
        right = f"({right})"
    return left + _SYMBOLS[type(node.op)] + right, level


def _wrap(node: ast.AST, needed: int) -> str:
    text, level = _show(node)
    return f"({text})" if level < needed else text


def _integer_exponent(node: ast.AST) -> str | None:
    """The exponent as text when it is a literal integer (possibly negative), else None."""
    sign = ""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        sign, node = "-", node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return sign + str(node.value)
    return None
