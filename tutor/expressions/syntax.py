"""Typed math to Python expression syntax: the pre-processing step before `ast.parse`.

Why a tokenizer of our own: learners type `2w`, `w(1-x)`, `tanh(z)^2`, `σ·γ` and `12%`, none
of which Python reads as meant. This module turns such text into a plain Python expression
over numbers, operators, parentheses and *resolved* names only, and refuses everything else
at the character where it goes wrong. So the text that reaches `ast.parse` can contain no
string, attribute, subscript, keyword or unknown name: those are stopped here, and the AST
walk in `tutor.expressions.parser` is the second wall behind this one.

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
- The written notation of formulas (`tanh²(x)`, `σ′(a)`, `‖x‖₂`, `xᵏ`, `h₁`, a check's
  `notation`) is read too: see `tutor.expressions.notation`.

The tokens come from `tutor.expressions.tokens`; this module checks how they follow
each other, inserts the implicit products and emits the Python source.
"""

from __future__ import annotations

from tutor.expressions.names import ExpressionError, Token, Translation, Vocabulary
from tutor.expressions.tokens import CLOSES, tokenize

MAX_PAREN_DEPTH = 30

def translate(text: str, vocabulary: Vocabulary) -> Translation:
    """Tokenize `text`, resolve names, add implicit products and emit Python source."""
    tokens = tokenize(text, vocabulary)
    if not tokens:
        raise ExpressionError("the answer is empty", 0, "empty")
    return _emit(tokens, text)


_CLOSES = CLOSES
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
