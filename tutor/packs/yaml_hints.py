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
