"""Unicode and LaTeX rendering of derivation steps: SymPy's printers plus the notation
of the notes.

SymPy prints a derivative of φ at a point as `Subs(Derivative(...))` and a diagonal
matrix built from a vector as `DiagMatrix(Lambda(...).(...))`. The notes write φ'(a)
and diag(φ'(a_k)); these printers do the same, so a step reads like the page it
explains. Everything else is SymPy's own pretty and LaTeX printing.
"""

from __future__ import annotations

from typing import Any

from sympy import Add, Derivative, Function, Lambda, MatMul, Mul, Subs, Symbol
from sympy.core.relational import Relational
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm

WRAP_COLUMNS = 76


class Label(Symbol):
    """A row label of a table of numbers (`k`, `‖Wᵏ‖₂`), printed as written: the Unicode
    name in the drawing, `latex` in LaTeX (where `‖` and `ᵏ` would not compile)."""

    latex_text: str

    def __new__(cls, unicode: str, latex: str) -> Label:
        # uncached: SymPy caches symbols by name, and two labels of one name may differ in LaTeX
        label: Label = Symbol.__xnew__(cls, unicode)
        label.latex_text = latex
        return label

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        return (self.name, self.latex_text), {}

    def _latex(self, printer: Any) -> str:
        return self.latex_text


def labelled_rows(rows: list[tuple[Label, list[Any]]]) -> Any:
    """A table of numbers whose every row starts with its label, so a learner reads
    `k  1  3  20` and `‖Wᵏ‖₂  1.0  2.31  0.5` instead of two bare rows of a matrix."""
    from sympy import Matrix

    return Matrix([[label, *values] for label, values in rows])


MAX_PRIMES = 3
PRIME = "'"


def _prime_parts(expr: Any) -> tuple[str, Any, int] | None:
    """(name, point, order) when `expr` is φ', φ'' or φ''' of one argument at a point.

    Covers derivatives of one-argument functions, unknown (φ) or known (tanh), taken
    with respect to that argument, and SymPy's `Subs` form for such a derivative
    evaluated at a point (what the chain rule produces for φ(w·h + b)).
    """
    if isinstance(expr, Derivative):
        function = expr.expr
        if not (isinstance(function, Function) and len(function.args) == 1):
            return None
        (argument,) = function.args
        order = len(expr.variables)
        if order <= MAX_PRIMES and set(expr.variables) == {argument}:
            return function.func.__name__, argument, order
        return None
    if isinstance(expr, Subs) and len(expr.variables) == 1:
        inner = _prime_parts(expr.expr)
        if inner is not None and inner[1] == expr.variables[0]:
            return inner[0], expr.point[0], inner[2]
    return None


def _elementwise_parts(expr: Any) -> tuple[str, Any, int] | None:
    """(name, vector, order) when `expr` applies φ (order 0) or φ' elementwise to a vector.

    The notes write φ(W h + b) and φ'(a_k) for the elementwise maps; SymPy's own form
    is (d ↦ φ(d))˳(W h + b).
    """
    function = expr.function
    if not (isinstance(function, Lambda) and len(function.variables) == 1):
        return None
    variable, body = function.variables[0], function.expr
    inner = _prime_parts(body)
    if inner is not None and inner[1] == variable:
        return inner[0], expr.expr, inner[2]
    if isinstance(body, Function) and body.args == (variable,):
        return body.func.__name__, expr.expr, 0
    return None


class _TutorPrettyPrinter(PrettyPrinter):
    """SymPy's pretty printer writing φ'(a) and diag(v) the way the notes do."""

    def _function_at(self, name: str, point: Any, order: int) -> prettyForm:
        head = prettyForm(*self._print(Symbol(name)).right(PRIME * order))
        arguments = prettyForm(*self._print(point).parens())
        return prettyForm(*head.right(arguments), binding=prettyForm.FUNC)

    def _print_Derivative(self, expr: Any) -> prettyForm:
        parts = _prime_parts(expr)
        return self._function_at(*parts) if parts else super()._print_Derivative(expr)

    def _print_Subs(self, expr: Any) -> prettyForm:
        parts = _prime_parts(expr)
        return self._function_at(*parts) if parts else super()._print_Subs(expr)

    def _print_ElementwiseApplyFunction(self, expr: Any) -> prettyForm:
        parts = _elementwise_parts(expr)
        if parts:
            return self._function_at(*parts)
        return super()._print_ElementwiseApplyFunction(expr)

    def _print_DiagMatrix(self, expr: Any) -> prettyForm:
        inner = prettyForm(*self._print(expr.args[0]).parens())
        return prettyForm(*prettyForm("diag").right(inner), binding=prettyForm.FUNC)

    def _print_norm(self, expr: Any) -> prettyForm:
        inner = self._print(expr.args[0])
        if inner.height() == 1:
            bar = prettyForm("‖")
            return prettyForm(*bar.right(inner, bar), binding=prettyForm.ATOM)
        once = prettyForm(*inner.parens(left="|", right="|"))
        return prettyForm(*once.parens(left="|", right="|"), binding=prettyForm.ATOM)


class _TutorLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer writing \\phi'(a), \\tanh'(a) and \\operatorname{diag}(v)."""

    def _function_at(self, name: str, point: Any, order: int) -> str:
        head = f"\\{name}" if name in _LATEX_OPERATORS else self._print(Symbol(name))
        return f"{head}{PRIME * order}\\left({self._print(point)}\\right)"

    def _print_Derivative(self, expr: Any) -> str:
        parts = _prime_parts(expr)
        return self._function_at(*parts) if parts else super()._print_Derivative(expr)

    def _print_Subs(self, expr: Any) -> str:
        parts = _prime_parts(expr)
        return self._function_at(*parts) if parts else super()._print_Subs(expr)

    def _print_ElementwiseApplyFunction(self, expr: Any) -> str:
        parts = _elementwise_parts(expr)
        if parts:
            return self._function_at(*parts)
        text: str = super()._print_ElementwiseApplyFunction(expr)
        return text

    def _print_DiagMatrix(self, expr: Any) -> str:
        return f"\\operatorname{{diag}}\\left({self._print(expr.args[0])}\\right)"

    def _print_MatMul(self, expr: Any) -> str:
        """A matrix product without a numeric coefficient has no sign to pull out.

        SymPy's version asks `could_extract_minus_sign`, which negates the product and
        runs `doit` with assumption queries on every factor: a tenth of a second for a
        four-step chain of diag(φ')·W_hh. With a numeric coefficient, defer to SymPy.
        """
        if expr.args[0].is_Number:
            text: str = super()._print_MatMul(expr)
            return text
        level = PRECEDENCE["Mul"]
        return " ".join(
            self._print(factor) if isinstance(factor, Mul) and not isinstance(factor, MatMul)
            else self.parenthesize(factor, level, False)
            for factor in expr.args
        )

    def _print_norm(self, expr: Any) -> str:
        return f"\\left\\|{self._print(expr.args[0])}\\right\\|"


_LATEX_OPERATORS = frozenset({"tanh", "sinh", "cosh", "exp", "log", "sin", "cos", "tan"})


def render_unicode(expr: Any) -> str:
    """`sympy.pretty(expr, use_unicode=True)` with the notes' notation, wrapped at 76 columns.

    SymPy wraps a wide picture by cutting it every 76 columns, even inside a symbol;
    a long sum or matrix product (alone or as the right side of a relation) is instead
    broken between its terms. Other wide pictures (big matrices) keep SymPy's wrapping.
    """
    printer = _TutorPrettyPrinter({"use_unicode": True, "num_columns": WRAP_COLUMNS})
    previous = pretty_use_unicode(True)
    try:
        whole = printer._print(expr)
        if whole.width() > WRAP_COLUMNS:
            broken = _break_long(printer, expr)
            if broken is not None:
                return broken
        drawing: str = whole.render(**printer._settings)
        return drawing
    finally:
        pretty_use_unicode(previous)


_RELATION_SIGNS = {"==": "=", "<=": "≤", ">=": "≥", "!=": "≠"}


def _break_long(printer: _TutorPrettyPrinter, expr: Any) -> str | None:
    """Lay out `lhs = t1 + t2 + …` (or `lhs = A⋅B⋅…`) over several lines, breaking only
    between terms (factors); None when `expr` is neither a sum, a matrix product, nor an
    equation or inequality with one on the right.
    """
    head, body = None, expr
    if isinstance(expr, Relational):
        operator = _RELATION_SIGNS.get(expr.rel_op, expr.rel_op)
        head, body = prettyForm(*printer._print(expr.lhs).right(f" {operator} ")), expr.rhs
    if isinstance(body, Add):
        pieces = _signed_terms(printer, body)
    elif isinstance(body, MatMul):
        pieces = [printer._print(body.args[0])] + [
            prettyForm(*printer._print(factor).left("⋅")) for factor in body.args[1:]
        ]
    else:
        return None
    lines: list[prettyForm] = []
    current = head
    for piece in pieces:
        if current is None:
            current = piece
        elif current.width() + piece.width() > WRAP_COLUMNS and current is not head:
            lines.append(current)
            current = prettyForm(*piece.left("    "))
        else:
            current = prettyForm(*current.right(piece))
    lines.append(current)
    # A single term wider than the screen still gets SymPy's own wrapping.
    return "\n".join(line.render(**printer._settings) for line in lines)


def _signed_terms(printer: _TutorPrettyPrinter, total: Any) -> list[prettyForm]:
    pieces = []
    for index, term in enumerate(printer._as_ordered_terms(total)):
        negative = term.could_extract_minus_sign()
        sign = ("-" if negative else "") if index == 0 else (" - " if negative else " + ")
        pieces.append(prettyForm(*printer._print(-term if negative else term).left(sign)))
    return pieces


def render_latex(expr: Any) -> str:
    """`sympy.latex(expr)` with the notes' notation."""
    latex: str = _TutorLatexPrinter().doprint(expr)
    return latex
