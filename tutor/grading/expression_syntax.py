"""Typed math to Python expression syntax: the pre-processing step before `ast.parse`.

Why a tokenizer of our own: learners type `2w`, `w(1-x)`, `tanh(z)^2`, `σ·γ` and `12%`, none
of which Python reads as meant. This module turns such text into a plain Python expression
over numbers, operators, parentheses and *resolved* names only, and refuses everything else
at the character where it goes wrong. So the text that reaches `ast.parse` can contain no
string, attribute, subscript, keyword or unknown name: those are stopped here, and the AST
walk in `tutor.grading.expressions` is the second wall behind this one.

The rules (also in the authoring guide):
- `^` and `**` are powers; superscripts `²`, `³`, `⁻¹` are powers too.
- `·`, `×`, `⋅`, `∗` are `*`; `−`, `–` are `-`; `÷` is `/`.
- Greek letters are their names: `σ` is `sigma`, `γ` is `gamma`, `π` is `pi`.
- Implicit multiplication where it is unambiguous: a number, a name, `)` or a power followed
  by a name, a function or `(` (`2w`, `2 w`, `w(1-x)`, `(a)(b)`, `γσ`). A declared variable
  followed by `(` multiplies; a function name followed by `(` is a call. A run of letters
  that is no known name is split into declared names when exactly one split exists (`wh`
  is `w*h` when w and h are declared).
- `%` right after a number divides it by 100 (`12%` is 0.12).
"""

from __future__ import annotations

import keyword
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

MAX_PAREN_DEPTH = 30
MAX_SPLIT_LENGTH = 40  # a longer run of letters is not split into names (and the split stays cheap)

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

# name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "tanh": (1, 1), "sigmoid": (1, 1), "relu": (1, 1), "exp": (1, 1), "log": (1, 1),
    "sqrt": (1, 1), "abs": (1, 1), "sin": (1, 1), "cos": (1, 1), "tan": (1, 1),
    "sinh": (1, 1), "cosh": (1, 1), "max": (2, 8), "min": (2, 8), "ceil": (1, 1), "floor": (1, 1),
}
FUNCTION_ALIASES = {"ln": "log"}
CONSTANTS = ("pi", "e")

UNICODE_OPERATORS = {
    "·": "*", "×": "*", "⋅": "*", "∗": "*", "−": "-", "–": "-", "÷": "/",
}
SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
    "⁸": "8", "⁹": "9", "⁻": "-",
}
REFUSED_CHARACTERS = {
    "[": "square brackets are not allowed; use ( and )",
    "]": "square brackets are not allowed; use ( and )",
    "{": "braces are not allowed; use ( and )",
    "}": "braces are not allowed; use ( and )",
    "'": "quotes are not allowed: type the expression itself, not a string",
    '"': "quotes are not allowed: type the expression itself, not a string",
    "`": "quotes are not allowed: type the expression itself, not a string",
    "=": "'=' is not allowed: give an expression, not an equation or an assignment",
    "<": "comparisons are not allowed: give an expression",
    ">": "comparisons are not allowed: give an expression",
    "!": "'!' is not allowed (no factorials or comparisons)",
    "|": "write abs(x) for an absolute value",
    "%": "'%' is only allowed right after a number (12% means 0.12)",
    ".": "'.' is only allowed inside a number (attribute access is not allowed)",
    "\\": "backslashes are not allowed: type plain math such as sqrt(x), not LaTeX",
}

_DIGITS = "0123456789"  # str.isdigit() would also admit '²'
_DIGITS_NONEMPTY = tuple(_DIGITS)
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*")


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

    def __reduce__(self):  # keep all three fields through pickling (worker threads, tests)
        return (type(self), (self.message, self.offset, self.code))


@dataclass(frozen=True)
class Vocabulary:
    """The names an expression may use: declared variables, constants, allowed functions."""

    variables: tuple[str, ...]
    functions: frozenset[str]

    @property
    def constants(self) -> tuple[str, ...]:
        return tuple(name for name in CONSTANTS if name not in self.variables)

    def describe(self) -> str:
        """The known names in a short phrase, for error messages."""
        parts = [f"variables: {', '.join(self.variables)}" if self.variables else "no variables"]
        parts.append(f"constants: {', '.join(self.constants)}")
        if self.functions:
            parts.append(f"functions: {', '.join(sorted(self.functions))}")
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


def translate(text: str, vocabulary: Vocabulary) -> Translation:
    """Tokenize `text`, resolve names, add implicit products and emit Python source."""
    tokens = _tokenize(text, vocabulary)
    if not tokens:
        raise ExpressionError("the answer is empty", 0, "empty")
    return _emit(tokens, text)


def _tokenize(text: str, vocabulary: Vocabulary) -> list[Token]:
    tokens: list[Token] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
        elif char in _DIGITS or (char == "." and text[index + 1 : index + 2] in _DIGITS_NONEMPTY):
            index = _read_number(text, index, tokens)
        elif char.isalpha() or char == "_":
            match = _WORD.match(text, index)
            if match is None:
                raise ExpressionError(f"unexpected character {_show(char)}", index, "character")
            following = text[match.end():].lstrip()[:1]
            tokens.extend(_resolve_word(match.group(), index, following == "(", vocabulary))
            index = match.end()
        elif char in SUPERSCRIPTS:
            index = _read_superscript(text, index, tokens)
        else:
            index = _read_operator(text, index, tokens)
    return tokens


def _read_number(text: str, index: int, tokens: list[Token]) -> int:
    match = _NUMBER.match(text, index)
    assert match is not None
    literal, end = match.group(), match.end()
    if literal.isascii() and literal.isdigit():
        literal = literal.lstrip("0") or "0"  # Python refuses 007; the learner meant 7
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    if after < len(text) and text[after] == "%":
        tokens.append(Token("number", f"({literal}/100)", index, after + 1))
        return after + 1
    tokens.append(Token("number", literal, index, end))
    return end


def _read_superscript(text: str, index: int, tokens: list[Token]) -> int:
    end = index
    while end < len(text) and text[end] in SUPERSCRIPTS:
        end += 1
    exponent = "".join(SUPERSCRIPTS[char] for char in text[index:end])
    if not re.fullmatch(r"-?[0-9]+", exponent):
        raise ExpressionError("a superscript power needs digits, such as ² or ⁻¹", index, "syntax")
    tokens.append(Token("power", f"**({exponent})", index, end))
    return end


def _read_operator(text: str, index: int, tokens: list[Token]) -> int:
    char = text[index]
    char = UNICODE_OPERATORS.get(char, char)
    if char == "^" or text.startswith("**", index):
        width = 1 if char == "^" else 2
        tokens.append(Token("operator", "**", index, index + width))
        return index + width
    if char == "/" and text.startswith("//", index):
        raise ExpressionError("'//' is not allowed: use / for division", index, "character")
    if char in "+-*/":
        tokens.append(Token("operator", char, index, index + 1))
    elif char == "(":
        tokens.append(Token("lparen", "(", index, index + 1))
    elif char == ")":
        tokens.append(Token("rparen", ")", index, index + 1))
    elif char == ",":
        tokens.append(Token("comma", ",", index, index + 1))
    elif char in REFUSED_CHARACTERS:
        raise ExpressionError(REFUSED_CHARACTERS[char], index, "character")
    else:
        raise ExpressionError(f"{_show(char)} is not allowed in an expression", index, "character")
    return index + 1


def _resolve_word(word: str, start: int, called: bool, vocabulary: Vocabulary) -> list[Token]:
    """The tokens for a run of letters: one name, one function, or a unique split of names."""
    if word.startswith("_"):
        raise ExpressionError(
            f"'{_shorten(word)}' is not allowed: names starting with '_' are never allowed", start, "unknown-name"
        )
    single = _resolve_single(word, start, called, vocabulary)
    if single is not None:
        return [single]
    canonical = canonical_name(word)
    if canonical not in FUNCTIONS and canonical not in FUNCTION_ALIASES:
        split = _split_into_names(word, start, called, vocabulary)
        if split is not None:
            return split
    if canonical in FUNCTIONS or canonical in FUNCTION_ALIASES:
        if not called:
            raise ExpressionError(f"{word} needs its argument in parentheses: {word}(...)", start, "syntax")
        allowed = ", ".join(sorted(vocabulary.functions)) or "none"
        raise ExpressionError(
            f"the function {word} is not allowed in this answer (allowed: {allowed})", start, "function"
        )
    raise ExpressionError(f"unknown name '{_shorten(word)}' ({vocabulary.describe()})", start, "unknown-name")


def _resolve_single(word: str, start: int, called: bool, vocabulary: Vocabulary) -> Token | None:
    canonical = canonical_name(word)
    end = start + len(word)
    if canonical in vocabulary.variables or canonical in vocabulary.constants:
        return Token("name", _python_identifier(canonical), start, end)
    function = FUNCTION_ALIASES.get(canonical, canonical)
    if called and function == "sigma" and "sigmoid" in vocabulary.functions:
        function = "sigmoid"  # σ(z) is the logistic sigmoid when no variable is called sigma
    if called and function in vocabulary.functions:
        return Token("function", function, start, end)
    return None


def _split_into_names(word: str, start: int, called: bool, vocabulary: Vocabulary) -> list[Token] | None:
    """Split `wh` into `w`, `h` when exactly one split into known names exists.

    Every piece must be a declared variable or a constant; the last piece may also be an
    allowed function when `(` follows (`2wtanh(z)`). Counting the splits (dynamic
    programming over the characters, pieces no longer than the longest name) tells us
    whether the reading is unambiguous.
    """
    size = len(word)
    if size > MAX_SPLIT_LENGTH:
        return None
    longest = max(map(len, (*vocabulary.variables, *vocabulary.constants, *vocabulary.functions)))
    ways = [0] * (size + 1)  # ways[i]: number of splits of word[i:]
    choice: list[Token | None] = [None] * (size + 1)
    ways[size] = 1
    for begin in range(size - 1, -1, -1):
        for stop in range(begin + 1, min(size, begin + longest) + 1):
            if ways[stop] == 0:
                continue
            token = _resolve_single(word[begin:stop], start + begin, called and stop == size, vocabulary)
            if token is None or (token.kind == "function" and stop != size):
                continue
            ways[begin] += ways[stop]
            choice[begin] = token
    if ways[0] != 1:
        return None
    tokens, position = [], 0
    while position < size:
        token = choice[position]
        assert token is not None
        tokens.append(token)
        position = token.end - start
    return tokens


def _python_identifier(canonical: str) -> str:
    """Keywords such as `lambda` cannot be Python names; user text can never start with `_`."""
    if keyword.iskeyword(canonical) or canonical in ("None", "True", "False"):
        return f"_kw_{canonical}"
    return canonical


_CLOSES = ("number", "name", "rparen", "power")
_OPENS = ("name", "function", "lparen")


def _emit(tokens: list[Token], text: str) -> Translation:
    """Python source with the implicit `*` inserted, after checking how tokens follow each other."""
    pieces: list[str] = []
    source_starts: list[int] = []
    original_starts: list[int] = []
    identifiers: dict[str, str] = {}
    open_parens: list[tuple[Token, bool]] = []  # each '(' and whether it opens a call
    position = 0
    previous: Token | None = None
    for token in tokens:
        _check_neighbours(text, previous, token, open_parens)
        if previous is not None and previous.kind in _CLOSES and token.kind in _OPENS:
            source_starts.append(position)
            original_starts.append(token.start)
            pieces.append("*")
            position += 1
        if token.kind == "lparen":
            open_parens.append((token, previous is not None and previous.kind == "function"))
            if len(open_parens) > MAX_PAREN_DEPTH:
                raise ExpressionError(
                    f"parentheses are nested more than {MAX_PAREN_DEPTH} deep", token.start, "too-deep"
                )
        elif token.kind == "rparen":
            if not open_parens:
                raise ExpressionError("this ')' has no matching '('", token.start, "parentheses")
            open_parens.pop()
        elif token.kind == "name":
            identifiers[token.source] = token.source.removeprefix("_kw_")
        source_starts.append(position)
        original_starts.append(token.start)
        pieces.append(token.source)
        position += len(token.source)
        previous = token
    _check_neighbours(text, previous, None, open_parens)
    if open_parens:
        raise ExpressionError("this '(' is never closed", open_parens[-1][0].start, "parentheses")
    return Translation(
        "".join(pieces), identifiers, tuple(source_starts), tuple(original_starts), len(text.rstrip())
    )


def _check_neighbours(
    text: str, previous: Token | None, token: Token | None, open_parens: list[tuple[Token, bool]]
) -> None:
    """Refuse a token that cannot follow `previous` (token None: the end of the text).

    These checks come before `ast.parse` so that the message says what is wrong in the
    learner's terms and points at the right character.
    """
    if previous is not None and previous.kind == "function" and (token is None or token.kind != "lparen"):
        name = text[previous.start : previous.end]
        raise ExpressionError(f"{name} needs its argument in parentheses: {name}(...)", previous.start, "syntax")
    after_operand = previous is not None and previous.kind in _CLOSES
    ends_group = token is None or token.kind in ("rparen", "comma")
    if ends_group and previous is not None and not after_operand:
        if previous.kind == "lparen" and token is not None and token.kind == "rparen":
            raise ExpressionError("empty parentheses", previous.start, "syntax")
        shown = text[previous.start : previous.end]
        raise ExpressionError(f"'{shown}' needs something on its right", previous.start, "syntax")
    if token is None:
        return
    shown = text[token.start : token.end]
    if token.kind == "comma" and not (open_parens and open_parens[-1][1]):
        raise ExpressionError("a comma only separates function arguments", token.start, "syntax")
    if token.kind == "operator" and token.source in ("*", "/", "**") and not after_operand:
        raise ExpressionError(f"'{shown}' needs something on its left", token.start, "syntax")
    if token.kind == "number" and after_operand:
        raise ExpressionError("a number cannot follow directly here: use * or an operator", token.start, "syntax")
    if token.kind == "power" and not after_operand:
        raise ExpressionError("a superscript power must follow a number, a name or ')'", token.start, "syntax")


def _shorten(word: str) -> str:
    return word if len(word) <= 30 else word[:29] + "…"


def _show(char: str) -> str:
    return f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"
