"""The expression language: typed math read safely, evaluated with floats, shown as Unicode.

Its own package because packs (validating authored answers), evidence (claims with formulas)
and grading (numeric and symbolic answers) all read expressions; it imports nothing else of
tutor, so it sits below all of them. The modules, in the order text flows through them:
`notation` (written forms like `tanh²`, `σ′`), `names` (the vocabulary and the shared
types), `tokens`, `syntax` (typed math to Python source), `parser` (the whitelisting AST walk),
then `evaluation` (floats), `printing` (one line of Unicode) and `sympy_tree` (SymPy objects).

The names load on first use, so importing the package costs nothing; SymPy is imported only
by `to_sympy` (and `sympy_tree`), never by anything else here; NumPy never.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the real names for type checkers; at run time `__getattr__` loads them
    from tutor.expressions.evaluation import evaluate_tree as evaluate_tree
    from tutor.expressions.names import GREEK_NAMES as GREEK_NAMES
    from tutor.expressions.names import ExpressionError as ExpressionError
    from tutor.expressions.names import canonical_name as canonical_name
    from tutor.expressions.parser import Parsed as Parsed
    from tutor.expressions.parser import check_expression as check_expression
    from tutor.expressions.parser import evaluate as evaluate
    from tutor.expressions.parser import parse as parse
    from tutor.expressions.parser import to_sympy as to_sympy
    from tutor.expressions.printing import display as display

_LAZY = {
    "ExpressionError": "tutor.expressions.names",
    "GREEK_NAMES": "tutor.expressions.names",
    "canonical_name": "tutor.expressions.names",
    "Parsed": "tutor.expressions.parser",
    "parse": "tutor.expressions.parser",
    "check_expression": "tutor.expressions.parser",
    "evaluate": "tutor.expressions.parser",
    "to_sympy": "tutor.expressions.parser",
    "evaluate_tree": "tutor.expressions.evaluation",
    "display": "tutor.expressions.printing",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> object:
    """Load `name` on first use and keep it in the package, so the next use (a pack's
    variants evaluate formulas thousands of times with function-level imports) finds it
    without coming back here and through `import_module`."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tutor.expressions' has no attribute {name!r}")
