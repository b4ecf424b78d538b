"""Typed math to tokens: numbers, resolved names, functions, operators and parentheses.

The first wall of the expression parser (see `tutor.expressions.syntax`): every
character is either read into a token of a known kind or refused at its position, so no
string, attribute, keyword or unknown name ever reaches `ast.parse`. Besides plain typed
math it reads the written notation of `tutor.expressions.notation`: powers and
primes on function names, norm bars, superscript letters, subscripts and a check's own
notation forms.
"""

from __future__ import annotations

import keyword
import re

from tutor.expressions.names import (
    FUNCTION_ALIASES,
    FUNCTIONS,
    ExpressionError,
    Token,
    Vocabulary,
    canonical_name,
)
from tutor.expressions.notation import (
    DERIVATIVES,
    NORM_BARS,
    PRIMES,
    SUBSCRIPTS,
    SUPERSCRIPT_LETTERS,
    derivative_name,
    plain_subscript,
)

MAX_SPLIT_LENGTH = 40  # a longer run of letters is not split into names (and the split stays cheap)
CLOSES = ("number", "name", "rparen", "power")
"""Token kinds that end an operand."""

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
    "|": "write abs(x) or ‖x‖ for an absolute value",
    "%": "'%' is only allowed right after a number (12% means 0.12)",
    ".": "'.' is only allowed inside a number (attribute access is not allowed)",
    "\\": "backslashes are not allowed: type plain math such as sqrt(x), not LaTeX",
}

_DIGITS = "0123456789"  # str.isdigit() would also admit '²'
_DIGITS_NONEMPTY = tuple(_DIGITS)
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*")
_NORM_INDEX = re.compile(r"_(?:[0-9]+|inf|∞)|[₀-₉]+|∞")


def tokenize(text: str, vocabulary: Vocabulary) -> list[Token]:
    """The tokens of `text`; raises ExpressionError at the first character it cannot read."""
    return _Scanner(text, vocabulary).run()


class _Scanner:
    """One pass over the text; the state is what notation needs to remember: open norm bars
    and the powers written on function names (`tanh²(x)`), which follow the call's `)`."""

    def __init__(self, text: str, vocabulary: Vocabulary) -> None:
        self.text, self.vocabulary = text, vocabulary
        self.tokens: list[Token] = []
        self.open_norms: list[int] = []  # offsets of the '‖' still open
        self.call_powers: dict[int, Token] = {}  # index of a function token -> its power

    def run(self) -> list[Token]:
        text, index, length = self.text, 0, len(self.text)
        while index < length:
            char = text[index]
            if char.isspace():
                index += 1
            elif (form := self._notation_at(index)) is not None:
                index = form
            elif char in _DIGITS or (char == "." and text[index + 1 : index + 2] in _DIGITS_NONEMPTY):
                index = self._number(index)
            elif char in SUPERSCRIPTS or char in SUPERSCRIPT_LETTERS:
                index = self._superscript(index)
            elif char in SUBSCRIPTS:
                raise ExpressionError("a subscript must follow a name, as in h₁", index, "syntax")
            elif text.startswith(NORM_BARS, index):
                index = self._norm_bar(index)
            elif char.isalpha() or char == "_":
                index = self._word(index)
            else:
                index = self._operator(index)
        if self.open_norms:
            raise ExpressionError("this '‖' is never closed", self.open_norms[-1], "parentheses")
        return _with_call_powers(self.tokens, self.call_powers)

    # ---- notation of a check, numbers, superscripts, norms ---------------------------

    def _notation_at(self, index: int) -> int | None:
        """A written form the check maps to a variable (`hₖ₋₁`), at a word's start."""
        text = self.text
        if index > 0 and (text[index - 1].isalpha() or text[index - 1] == "_"):
            return None
        for form, name in self.vocabulary.notation:
            if text.startswith(form, index):
                self.tokens.append(Token("name", python_identifier(name), index, index + len(form)))
                return index + len(form)
        return None

    def _number(self, index: int) -> int:
        text = self.text
        match = _NUMBER.match(text, index)
        assert match is not None
        literal, end = match.group(), match.end()
        if literal.isascii() and literal.isdigit():
            literal = literal.lstrip("0") or "0"  # Python refuses 007; the learner meant 7
        after = end
        while after < len(text) and text[after] == " ":
            after += 1
        if after < len(text) and text[after] == "%":
            self.tokens.append(Token("number", f"({literal}/100)", index, after + 1))
            return after + 1
        self.tokens.append(Token("number", literal, index, end))
        return end

    def _superscript(self, index: int) -> int:
        """`²` and `⁻¹` as a power token; `ᵏ` and `⁽ᵗ⁺¹⁾` as `**(...)` over the letters read as names."""
        text, end = self.text, index
        while end < len(text) and (text[end] in SUPERSCRIPTS or text[end] in SUPERSCRIPT_LETTERS):
            end += 1
        run = text[index:end]
        if all(char in SUPERSCRIPTS for char in run):
            exponent = "".join(SUPERSCRIPTS[char] for char in run)
            if not re.fullmatch(r"-?[0-9]+", exponent):
                raise ExpressionError("a superscript power needs digits, such as ² or ⁻¹", index, "syntax")
            self.tokens.append(Token("power", f"**({exponent})", index, end))
            return end
        plain = "".join(SUPERSCRIPTS.get(char) or SUPERSCRIPT_LETTERS[char] for char in run)
        try:  # one character for one character: an offset in `plain` is one in `run`
            inner = _Scanner(plain, self.vocabulary).run()
        except ExpressionError as error:
            raise ExpressionError(error.message, index + (error.offset or 0), error.code) from None
        self.tokens.append(Token("operator", "**", index, index + 1))
        self.tokens.append(Token("lparen", "(", index, index + 1))
        self.tokens.extend(token._replace(start=token.start + index, end=token.end + index) for token in inner)
        self.tokens.append(Token("rparen", ")", end - 1, end))
        return end

    def _norm_bar(self, index: int) -> int:
        """`‖x‖` and `||x||`: the absolute value of a real number; a closing bar after an
        operand, an opening one anywhere else. An index such as `₂` or `_2` may follow."""
        width = 1 if self.text[index] == "‖" else 2
        if self.open_norms and self.tokens and self.tokens[-1].kind in CLOSES:
            self.open_norms.pop()
            self.tokens.append(Token("rparen", ")", index, index + width))
            index += width
            match = _NORM_INDEX.match(self.text, index)
            return match.end() if match else index
        if "abs" not in self.vocabulary.functions:
            raise ExpressionError("a norm ‖x‖ is not allowed in this answer (abs is not among its functions)",
                                  index, "function")
        self.open_norms.append(index)
        self.tokens.append(Token("function", "abs", index, index + width))
        self.tokens.append(Token("lparen", "(", index, index + width))
        return index + width

    # ---- words: names, functions, and the marks written on them ----------------------

    def _word(self, index: int) -> int:
        text, length = self.text, len(self.text)
        match = _WORD.match(text, index)
        if match is None:
            raise ExpressionError(f"unexpected character {_show(text[index])}", index, "character")
        word, end = match.group(), match.end()
        subscript_end = end
        while subscript_end < length and text[subscript_end] in SUBSCRIPTS:
            subscript_end += 1
        if subscript_end > end:
            self.tokens.append(self._subscripted(word, text[end:subscript_end], index, subscript_end))
            return subscript_end
        function = self._function_named(word)
        if function is not None and end < length and text[end] in PRIMES:
            return self._derivative(word, function, index, end + 1)
        if function is not None and end < length and text[end] in SUPERSCRIPTS:
            return self._powered_call(word, function, index, end)
        following = text[end:].lstrip()[:1]
        self.tokens.extend(resolve_word(word, index, following == "(", self.vocabulary))
        return end

    def _function_named(self, word: str) -> str | None:
        """The canonical function `word` names (σ is the sigmoid unless `sigma` is declared)."""
        canonical = canonical_name(word)
        if canonical in self.vocabulary.variables:
            return None
        function = "sigmoid" if canonical == "sigma" else FUNCTION_ALIASES.get(canonical, canonical)
        return function if function in FUNCTIONS else None

    def _called_after(self, word: str, start: int, position: int) -> None:
        if self.text[position:].lstrip()[:1] != "(":
            raise ExpressionError(f"{word} needs its argument in parentheses: {word}(...)", start, "syntax")

    def _derivative(self, word: str, function: str, start: int, end: int) -> int:
        """`tanh′(a)`, `σ'(a)`: the derivative's function, where the answer allows it."""
        self._called_after(word, start, end)
        derivative = DERIVATIVES.get(function)
        if derivative is None:
            known = ", ".join(f"{name}′" for name in DERIVATIVES)
            raise ExpressionError(f"no derivative {word}′ is known (known: {known})", start, "function")
        if derivative not in self.vocabulary.functions:
            raise ExpressionError(f"the derivative {derivative_name(derivative)} is not allowed in this answer",
                                  start, "function")
        self.tokens.append(Token("function", derivative, start, end))
        return end

    def _powered_call(self, word: str, function: str, start: int, end: int) -> int:
        """`tanh²(x)` is `tanh(x)²`: the power is kept until the call's `)`."""
        stop = end
        while stop < len(self.text) and self.text[stop] in SUPERSCRIPTS:
            stop += 1
        exponent = "".join(SUPERSCRIPTS[char] for char in self.text[end:stop])
        if not exponent.isdigit():
            raise ExpressionError(f"{word}{self.text[end:stop]} would be an inverse function: write "
                                  f"1/{word}(x) for the reciprocal, or name the inverse", end, "syntax")
        self._called_after(word, start, stop)
        self.tokens.extend(resolve_word(word, start, True, self.vocabulary))
        self.call_powers[len(self.tokens) - 1] = Token("power", f"**({exponent})", end, stop)
        return stop

    def _subscripted(self, word: str, subscript: str, start: int, end: int) -> Token:
        """`h₁` is the declared `h1` (or `h_1`); any other subscripted name is unknown."""
        base, plain = canonical_name(word), plain_subscript(subscript)
        if plain.isalnum():
            for candidate in (f"{base}{canonical_name(plain)}", f"{base}_{canonical_name(plain)}"):
                if candidate in self.vocabulary.variables:
                    return Token("name", python_identifier(candidate), start, end)
        raise ExpressionError(f"unknown name '{word}{subscript}' ({self.vocabulary.describe()})", start,
                              "unknown-name")

    def _operator(self, index: int) -> int:
        text = self.text
        char = UNICODE_OPERATORS.get(text[index], text[index])
        if char == "^" or text.startswith("**", index):
            width = 1 if char == "^" else 2
            self.tokens.append(Token("operator", "**", index, index + width))
            return index + width
        if char == "/" and text.startswith("//", index):
            raise ExpressionError("'//' is not allowed: use / for division", index, "character")
        kinds = {"(": "lparen", ")": "rparen", ",": "comma"}
        if char in "+-*/":
            self.tokens.append(Token("operator", char, index, index + 1))
        elif char in kinds:
            self.tokens.append(Token(kinds[char], char, index, index + 1))
        elif char in REFUSED_CHARACTERS:  # "'" too: only right after a function name is it a prime
            raise ExpressionError(REFUSED_CHARACTERS[char], index, "character")
        elif char in PRIMES:
            raise ExpressionError("′ marks a derivative and must follow a function name, as in tanh′(a)",
                                  index, "syntax")
        else:
            raise ExpressionError(f"{_show(text[index])} is not allowed in an expression", index, "character")
        return index + 1


def _with_call_powers(tokens: list[Token], call_powers: dict[int, Token]) -> list[Token]:
    """Each power written on a function name, placed after the `)` that closes its call."""
    if not call_powers:
        return tokens
    result: list[Token] = []
    waiting: list[Token | None] = []  # per open '(': the power to add when it closes
    for index, token in enumerate(tokens):
        result.append(token)
        if token.kind == "lparen":
            waiting.append(call_powers.get(index - 1))
        elif token.kind == "rparen" and waiting:
            power = waiting.pop()
            if power is not None:
                result.append(power)
    return result


def resolve_word(word: str, start: int, called: bool, vocabulary: Vocabulary) -> list[Token]:
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
        allowed = ", ".join(sorted(map(derivative_name, vocabulary.functions))) or "none"
        raise ExpressionError(
            f"the function {word} is not allowed in this answer (allowed: {allowed})", start, "function"
        )
    raise ExpressionError(f"unknown name '{_shorten(word)}' ({vocabulary.describe()})", start, "unknown-name")


def _resolve_single(word: str, start: int, called: bool, vocabulary: Vocabulary) -> Token | None:
    canonical = canonical_name(word)
    end = start + len(word)
    if "_" in canonical and canonical.replace("_", "") in vocabulary.variables:
        canonical = canonical.replace("_", "")  # h_1 is the declared h1
    if canonical in vocabulary.variables or canonical in vocabulary.constants:
        return Token("name", python_identifier(canonical), start, end)
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


def python_identifier(canonical: str) -> str:
    """Keywords such as `lambda` cannot be Python names; user text can never start with `_`."""
    if keyword.iskeyword(canonical) or canonical in ("None", "True", "False"):
        return f"_kw_{canonical}"
    return canonical


def _shorten(word: str) -> str:
    return word if len(word) <= 30 else word[:29] + "…"


def _show(char: str) -> str:
    return f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"
