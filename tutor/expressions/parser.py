"""The one whitelisting expression parser of the project (learner responses and pack answers).

`parse` reads typed math (see `tutor.expressions.syntax` for the forgiving syntax),
hands the resulting plain Python expression to `ast.parse(mode="eval")`, and walks the tree
admitting only numbers, declared names, + - * / **, unary signs and calls of whitelisted
functions. Nothing is ever evaluated by Python: `evaluate` walks the tree with floats and
`to_sympy` builds SymPy objects node by node.

Bounds, so that no input can exhaust memory or time (here or later in SymPy):
- text length: 500 characters (`MAX_LENGTH`);
- parentheses nested at most 30 deep, syntax tree at most 100 deep and 300 nodes;
- a constant exponent (one without variables) must lie within ±1000, so `9**9**9**9` is
  refused at its inner exponent;
- a constant sub-expression may need at most about 5000 digits when computed exactly
  (`(2**1000)**1000` is refused), because SymPy computes powers of integers eagerly.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.expressions.names import (
    CONSTANTS,
    FUNCTION_ALIASES,
    FUNCTIONS,
    ExpressionError,
    Translation,
    Vocabulary,
    canonical_name,
)
from tutor.expressions.notation import PRIME_SUFFIX, PRIMES, written_variants
from tutor.expressions.syntax import translate

if TYPE_CHECKING:
    import sympy

__all__ = [
    "ExpressionError",
    "Parsed",
    "parse",
    "check_expression",
    "evaluate",
    "to_sympy",
    "FUNCTIONS",
    "CONSTANTS",
    "MAX_LENGTH",
]

MAX_LENGTH = 500
MAX_DEPTH = 100
MAX_NODES = 300
MAX_EXPONENT = 1000
MAX_CONSTANT_DIGITS = 20000
"""Exact constants up to here cost SymPy milliseconds; 0.999^1000 (about 7000 digits) is an
ordinary answer about a long sequence and must be read."""
MAX_LITERAL_DIGITS = 300

_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_UNARY = (ast.UAdd, ast.USub)


@dataclass(frozen=True)
class Parsed:
    """A checked expression: its text, the safe tree, and the names it uses.

    In `tree` every `ast.Name.id` is a canonical name (`sigma`, `lambda`, `pi`) and every
    call's function is a canonical function name (`log` for `ln`).
    """

    text: str
    source: str
    tree: ast.expr = field(repr=False, compare=False)
    variables: tuple[str, ...]
    names: frozenset[str]  # declared variables the expression uses
    functions: frozenset[str]  # functions it calls

    @property
    def is_constant(self) -> bool:
        return not self.names


def parse(
    text: str,
    variables: Iterable[str] = (),
    functions: Iterable[str] | None = None,
    *,
    max_length: int = MAX_LENGTH,
    notation: Mapping[str, str] | None = None,
) -> Parsed:
    """Read `text` over `variables`, allowing `functions` (all known ones when None);
    `notation` maps written forms to variables (`{"hₖ₋₁": "h"}`).

    Raises ExpressionError(message, offset, code) on anything it does not admit.

    Results are remembered (a bounded LRU, `PARSE_CACHE_SIZE`): the same texts recur
    (`tutor check` parses a question's answers and mistakes again for every response it
    grades, about 25,000 parses of a few thousand texts on the built-in pack). A Parsed is
    immutable and nothing changes its tree, so a remembered one is the one parsing would
    give again; a text that does not parse is read afresh each time.
    """
    if not isinstance(text, str):
        vocabulary_for(variables, functions, notation)  # its error comes first, as before
        raise ExpressionError("the answer must be text", None, "type")
    return _parse_remembered(text, tuple(variables), None if functions is None else tuple(functions), max_length,
                             None if notation is None else tuple(notation.items()))


PARSE_CACHE_SIZE = 4096


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_remembered(
    text: str,
    variables: tuple[str, ...],
    functions: tuple[str, ...] | None,
    max_length: int,
    notation: tuple[tuple[str, str], ...] | None,
) -> Parsed:
    vocabulary = vocabulary_for(variables, functions, None if notation is None else dict(notation))
    if len(text) > max_length:
        raise ExpressionError(
            f"the expression is {len(text)} characters long; the limit is {max_length}", max_length, "too-long"
        )
    translation = translate(text, vocabulary)
    try:
        module = ast.parse(translation.source, mode="eval")
    except SyntaxError as error:
        raise _syntax_error(text, translation, error) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("the expression cannot be read", 0, "syntax") from None
    checker = _TreeChecker(text, translation, vocabulary)
    checker.check(module.body)
    return Parsed(
        text=text,
        source=translation.source,
        tree=module.body,
        variables=vocabulary.variables,
        names=frozenset(checker.names),
        functions=frozenset(checker.functions),
    )


def check_expression(
    text: str, variables: Iterable[str] = (), functions: Iterable[str] | None = None,
    notation: Mapping[str, str] | None = None,
) -> ExpressionError | None:
    """The error in an authored expression, or None; for pack validation (never imports SymPy)."""
    try:
        parse(text, variables, functions, notation=notation)
    except ExpressionError as error:
        return error
    return None


def vocabulary_for(
    variables: Iterable[str], functions: Iterable[str] | None, notation: Mapping[str, str] | None = None
) -> Vocabulary:
    """Canonical variable names, the allowed functions (a derivative listed as `tanh′`,
    `tanh'` or `tanh_prime`) and the notation forms; unknown function names are an error."""
    canonical_variables = tuple(dict.fromkeys(canonical_name(name) for name in variables))
    forms = {written: canonical_name(name) for form, name in (notation or {}).items()
             for variant in written_variants(form) for written in (variant, canonical_name(variant))}
    ordered = tuple(sorted(forms.items(), key=lambda item: -len(item[0])))
    if functions is None:
        allowed = frozenset(FUNCTIONS)
    else:
        allowed_list = [_function_name(name) for name in functions]
        unknown = [name for name in allowed_list if name not in FUNCTIONS]
        if unknown:
            raise ExpressionError(
                f"unknown function '{unknown[0]}' in functions (known: {', '.join(FUNCTIONS)})",
                None,
                "unknown-function",
            )
        allowed = frozenset(allowed_list)
    return Vocabulary(canonical_variables, allowed, ordered)


def _function_name(name: str) -> str:
    """A function as a check lists it: an alias (`ln`) or a derivative (`tanh′`) by its name."""
    if name.endswith(PRIMES):
        name = name[:-1] + PRIME_SUFFIX
    return FUNCTION_ALIASES.get(name, name)


def evaluate(parsed: Parsed, values: Mapping[str, float] | None = None) -> float:
    """The float value of `parsed` with `values` for its variables (nan/inf where undefined)."""
    from tutor.expressions.evaluation import evaluate_tree

    return evaluate_tree(parsed.tree, values or {})


def to_sympy(parsed: Parsed) -> sympy.Expr:
    """The SymPy expression for `parsed`, built node by node (SymPy imported here, lazily)."""
    from tutor.expressions.sympy_tree import sympy_from_tree

    return sympy_from_tree(parsed.tree, parsed.variables)


# ---- internals ----------------------------------------------------------------------


def _syntax_error(text: str, translation: Translation, error: SyntaxError) -> ExpressionError:
    source_offset = (error.offset or 0) - 1
    if source_offset < 0 or (error.lineno or 1) > 1:  # Python reports an early end as offset 0
        source_offset = len(translation.source)
    offset = translation.original_offset(source_offset)
    if source_offset >= len(translation.source.rstrip()):
        return ExpressionError("the expression is incomplete", offset, "syntax")
    shown = text[offset : offset + 1] or " "
    return ExpressionError(f"unexpected '{shown}' here", offset, "syntax")


class _TreeChecker:
    """The whitelist walk: node kinds, names, calls, depth, size and the size of constants."""

    def __init__(self, text: str, translation: Translation, vocabulary: Vocabulary) -> None:
        self.text = text
        self.translation = translation
        self.vocabulary = vocabulary
        self.names: set[str] = set()
        self.functions: set[str] = set()

    def check(self, root: ast.expr) -> None:
        self._check_shape(root)
        self._digits(root)

    def _error(self, node: ast.AST, message: str, code: str) -> ExpressionError:
        offset = self.translation.original_offset(getattr(node, "col_offset", 0))
        return ExpressionError(message, offset, code)

    def _check_shape(self, root: ast.expr) -> None:
        """Depth, size and node kinds, iteratively (a deep tree must not exhaust the stack)."""
        stack: list[tuple[ast.AST, int]] = [(root, 1)]
        count = 0
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise self._error(root, f"the expression has more than {MAX_NODES} parts", "too-complex")
            if depth > MAX_DEPTH:
                raise self._error(node, f"the expression is nested more than {MAX_DEPTH} deep", "too-deep")
            for child in self._admit(node):
                stack.append((child, depth + 1))

    def _admit(self, node: ast.AST) -> list[ast.AST]:
        """The children of an admitted node; raises for anything outside the whitelist."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, _BINARY):
            return [node.left, node.right]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, _UNARY):
            return [node.operand]
        if isinstance(node, ast.Constant):
            self._check_literal(node)
            return []
        if isinstance(node, ast.Name):
            canonical = self.translation.identifiers.get(node.id)
            if canonical is None:
                raise self._error(node, f"unknown name '{node.id}'", "unknown-name")
            node.id = canonical
            if canonical in self.vocabulary.variables:
                self.names.add(canonical)
            return []
        if isinstance(node, ast.Call):
            return self._admit_call(node)
        raise self._error(node, _refusal(node), "syntax")

    def _admit_call(self, node: ast.Call) -> list[ast.AST]:
        function = node.func.id if isinstance(node.func, ast.Name) else None
        if function not in self.vocabulary.functions:
            raise self._error(node, "only the listed functions can be called", "function")
        if node.keywords:
            raise self._error(node, "keyword arguments are not allowed", "syntax")
        if any(isinstance(argument, ast.Starred) for argument in node.args):
            raise self._error(node, "'*' unpacking is not allowed", "syntax")
        fewest, most = FUNCTIONS[function]
        if not fewest <= len(node.args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise self._error(
                node, f"{function} takes {wanted} argument{'s' if most > 1 else ''}, not {len(node.args)}", "arity"
            )
        self.functions.add(function)
        return list(node.args)

    def _check_literal(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._error(node, "only numbers are allowed as literals", "syntax")
        if isinstance(value, float) and not math.isfinite(value):
            raise self._error(node, "this number is too large", "too-large")
        if isinstance(value, int) and len(str(value)) > MAX_LITERAL_DIGITS:
            raise self._error(node, f"numbers are limited to {MAX_LITERAL_DIGITS} digits", "too-large")

    def _digits(self, node: ast.AST) -> int | None:
        """About how many digits SymPy needs for this constant (None when it has variables).

        Refuses constant exponents beyond ±MAX_EXPONENT and constants past
        MAX_CONSTANT_DIGITS. Recursion is safe: depth was bounded by `_check_shape`.
        """
        if isinstance(node, ast.Constant):
            assert isinstance(node.value, (int, float)), "_check_literal admitted only numbers"
            return _literal_digits(node.value)
        if isinstance(node, ast.Name):
            return None if node.id in self.vocabulary.variables else 1
        if isinstance(node, ast.UnaryOp):
            return self._digits(node.operand)
        if isinstance(node, ast.Call):
            parts = [self._digits(argument) for argument in node.args]
            return None if None in parts else sum(parts)  # type: ignore[arg-type]
        assert isinstance(node, ast.BinOp)
        left, right = self._digits(node.left), self._digits(node.right)
        if isinstance(node.op, ast.Pow) and right is not None:
            exponent = self._constant_value(node.right)
            if not math.isfinite(exponent) or abs(exponent) > MAX_EXPONENT:
                raise self._error(node.right, f"the exponent is too large (the limit is ±{MAX_EXPONENT})", "exponent")
            if left is None:
                return None
            digits = left * max(1, math.ceil(abs(exponent)))
        elif left is None or right is None:
            return None
        else:
            digits = left + right
        if digits > MAX_CONSTANT_DIGITS:
            raise self._error(
                node, f"this number would need about {digits} digits; the limit is {MAX_CONSTANT_DIGITS}", "too-large"
            )
        return digits

    def _constant_value(self, node: ast.AST) -> float:
        from tutor.expressions.evaluation import evaluate_tree

        return evaluate_tree(node, {})


def _literal_digits(value: int | float) -> int:
    if isinstance(value, int):
        return len(str(abs(value)))
    exact = Fraction(repr(value))
    return len(str(exact.numerator)) + len(str(exact.denominator))


def _refusal(node: ast.AST) -> str:
    """One line saying why a node kind is refused."""
    if isinstance(node, ast.Tuple):
        return "a list of values (a, b) is not an expression; commas only separate function arguments"
    if isinstance(node, ast.Starred):
        return "'*' unpacking is not allowed"
    if isinstance(node, ast.BinOp):
        return "only + - * / and ^ are allowed"
    return f"{type(node).__name__.lower()} is not allowed in an expression"
