"""The names an expression may use, and the types the tokenizer and parser share.

Greek letters and their spelt-out names, the whitelisted functions with their arities,
the constants, the `Vocabulary` of one expression (declared variables, allowed functions,
the check's notation), and the error every stage raises.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from tutor.expressions.notation import DERIVATIVES, derivative_name

GREEK_LETTERS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho",
    "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
GREEK_NAMES = {name: letter for letter, name in GREEK_LETTERS.items() if letter not in "ϵϑςϕ"}

ONE_ARGUMENT_FUNCTIONS = (
    "tanh", "sigmoid", "relu", "softplus", "exp", "log", "sqrt", "abs",
    "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan",
    "sinh", "cosh", "sech", "csch", "coth", "arsinh", "arcosh", "artanh",
)
# name -> (fewest, most) arguments; derivatives (`tanh_prime`, written tanh′) take one
FUNCTIONS: dict[str, tuple[int, int]] = {
    **{name: (1, 1) for name in ONE_ARGUMENT_FUNCTIONS},
    **{name: (1, 1) for name in DERIVATIVES.values()},
    "max": (2, 8), "min": (2, 8), "ceil": (1, 1), "floor": (1, 1),
}
FUNCTION_ALIASES = {
    "ln": "log", "ReLU": "relu", "asin": "arcsin", "acos": "arccos", "atan": "arctan",
    "asinh": "arsinh", "arcsinh": "arsinh", "acosh": "arcosh", "arccosh": "arcosh",
    "atanh": "artanh", "arctanh": "artanh",
}
CONSTANTS = ("pi", "e")


class ExpressionError(ValueError):
    """A typed or authored expression that cannot be read, with the character at fault.

    `message` is one line without the position; `offset` is the 0-based index of the
    character in the text (None when no single character is at fault); `code` is a short
    name for the kind of problem (`syntax`, `unknown-name`, ...), used in grade notes.
    """

    def __init__(self, message: str, offset: int | None = None, code: str = "syntax") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[ExpressionError], tuple[str, int | None, str]]:
        # keep all three fields through pickling (worker threads, tests)
        return (type(self), (self.message, self.offset, self.code))


@dataclass(frozen=True)
class Vocabulary:
    """The names an expression may use: declared variables, constants, allowed functions."""

    variables: tuple[str, ...]
    functions: frozenset[str]
    notation: tuple[tuple[str, str], ...] = ()
    """(written form, canonical variable), longest form first: `hₖ₋₁` for `h`."""

    @property
    def constants(self) -> tuple[str, ...]:
        return tuple(name for name in CONSTANTS if name not in self.variables)

    def describe(self) -> str:
        """The known names in a short phrase, for error messages."""
        parts = [f"variables: {', '.join(self.variables)}" if self.variables else "no variables"]
        parts.append(f"constants: {', '.join(self.constants)}")
        if self.functions == frozenset(FUNCTIONS):  # the whole list is too long for one line
            parts.append("functions: the standard ones (tanh, sigmoid, exp, log, ...)")
        elif self.functions:
            parts.append(f"functions: {', '.join(sorted(map(derivative_name, self.functions)))}")
        return "; ".join(parts)


class Token(NamedTuple):
    """One lexical unit; a named tuple because thousands are made when a pack is validated."""

    kind: str  # number, name, function, lparen, rparen, operator, comma, power
    source: str  # the Python text emitted for it
    start: int  # offset of its first character in the original text
    end: int


@dataclass(frozen=True)
class Translation:
    """The Python source for `ast.parse`, and how to map its offsets back to the original."""

    source: str
    identifiers: dict[str, str]  # Python identifier in `source` -> canonical name
    _source_starts: tuple[int, ...]
    _original_starts: tuple[int, ...]
    _original_end: int

    def original_offset(self, source_offset: int) -> int:
        """The original character behind a position in `source` (the end if past it)."""
        if source_offset >= len(self.source):
            return self._original_end
        index = bisect_right(self._source_starts, source_offset) - 1
        return self._original_starts[max(index, 0)]


def canonical_name(word: str) -> str:
    """A name with each Greek letter spelt out: `σ` -> `sigma`, `σ2` -> `sigma2`."""
    return "".join(GREEK_LETTERS.get(char, char) for char in word)
