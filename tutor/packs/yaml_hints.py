"""What to do about a YAML syntax error, in words an author can act on.

The parser's own words name a symptom, not a cause: "mapping values are not allowed in
this context" comes both from a value holding ': ' (`prompt: Why: because`, where quoting
helps) and from a key indented deeper than the key above it (`topics:` two spaces further
in than `level:`, read as the continuation of `level`'s value, where quoting would not
help). So the hint is chosen by looking at the line the error points at: the quoting hint
only when the colon comes after the line's own key or inside a value carried over from
the line above, the indentation hint when the colon ends a key that starts the line.
"""

from __future__ import annotations

import re

QUOTE_HINT = "a plain value here contains ': '; put the whole text in quotes, or write it as a block after '>-'"

_COLON_IN_A_VALUE = frozenset({
    "mapping values are not allowed in this context",  # libyaml
    "mapping values are not allowed here",  # PyYAML's pure-Python parser
})
_OUT_OF_LINE = frozenset({
    "did not find expected key",
    "did not find expected '-' indicator",
})
"""A key indented less than the keys it belongs with: libyaml stops at its first character."""

_KEY_LINE = re.compile(r"(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w.-]*)[ ]*(?P<colon>:)(?:[ ]|$)")
"""A line that starts (after its indentation and any list dashes) with a `key:`."""


def hint(reason: str, text: str, line: int, column: int) -> str:
    """` (what to do)` for the error `reason` at `line`:`column` (from 1) of `text`, or ""."""
    rows = text.splitlines()
    if not 1 <= line <= len(rows):
        return ""
    row = rows[line - 1]
    key = _KEY_LINE.match(row)
    if reason in _COLON_IN_A_VALUE:
        if key is not None and key.start("colon") == column - 1:
            return f" ({_indentation(rows, line, key)})"  # the colon of this line's own key
        return f" ({QUOTE_HINT})"
    if reason in _OUT_OF_LINE and key is not None and key.start("key") == column - 1:
        return f" ({_indentation(rows, line, key)})"
    return ""


def _indentation(rows: list[str], line: int, key: re.Match[str]) -> str:
    """The key's column against the nearest key above it, which it was meant to line up with."""
    name, column = key["key"], key.start("key") + 1
    for number in range(line - 1, 0, -1):
        above = _KEY_LINE.match(rows[number - 1])
        if above is not None and above.start("key") + 1 != column:
            return (f"the indentation of `{name}` does not match its siblings: it starts in column {column}, "
                    f"`{above['key']}` on line {number} in column {above.start('key') + 1}; "
                    "the keys of one mapping start in the same column")
    return (f"the indentation of `{name}` does not match its siblings: "
            "the keys of one mapping start in the same column")


_QUOTED_VALUE = re.compile(r"""^[ ]*(?:-[ ]+)*(?:[A-Za-z_][\w.-]*[ ]*:[ ]+|-[ ]+)?(?P<quote>["'])""")
"""A line whose value (after `key: ` or a list dash) opens with a quote."""
QUOTE_SEARCH_LINES = 60
"""How far above a syntax error an unclosed quote is looked for: a quoted scalar may run on
over many lines before the parser finds the text after it makes no sense."""


def unclosed_quote(text: str, line: int) -> tuple[int, int] | None:
    """(line, column), from 1, of a quoted value above `line` left open up to the error, or
    None. A quote left open swallows the lines after it, and the parser reports the error where
    the swallowed text runs out, often many lines below the quote. The nearest value that opens
    a quote without closing it on its line is the suspect, and only when the quote is still
    open on the line before the error (a quoted text that rightly runs over two lines closes
    well above it)."""
    rows = text.splitlines()
    for number in range(min(line, len(rows)) - 1, max(0, line - QUOTE_SEARCH_LINES), -1):
        opened = _QUOTED_VALUE.match(rows[number - 1])
        if opened is None or _closes(rows[number - 1][opened.end():], opened["quote"]):
            continue
        still_open = not any(_closes(row, opened["quote"]) for row in rows[number : line - 2])
        if still_open:
            return number, opened.start("quote") + 1
        break
    return _closing_mends(rows, line)


def _closing_mends(rows: list[str], line: int) -> tuple[int, int] | None:
    """The nearest open quote above `line` whose closing at its line's end lets the parser go
    past `line`: a quote left open is often closed by chance far below, by a quote inside some
    later text ('prompt: "Which of the two ...' on line 29 ran on to a quoted word on line 107,
    and the parser stopped on line 108), where no look at the lines in between can tell."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for number in range(min(line, len(rows)) - 1, max(0, line - MEND_SEARCH_LINES), -1):
        opened = _QUOTED_VALUE.match(rows[number - 1])
        if opened is None or _closes(rows[number - 1][opened.end():], opened["quote"]):
            continue
        mended = [*rows[: number - 1], rows[number - 1].rstrip() + opened["quote"], *rows[number:]]
        try:
            for _ in yaml.parse("\n".join(mended), Loader=loader):
                pass
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if mark is None or mark.line + 1 <= line:
                continue
        return number, opened.start("quote") + 1
    return None


MEND_SEARCH_LINES = 400
"""How far above a syntax error a quote is tried by closing it (one parse per open quote)."""


def _closes(rest: str, quote: str) -> bool:
    """Whether a quoted scalar opened just before `rest` ends on this line ('' inside single
    quotes and \\" inside double quotes are the quote character itself, not its end)."""
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
