"""A pack's problems in the order that explains them: a misspelt field's suggestion first.

The loader sorts problems by place, so a misspelt key (`promt:`) is reported second, after
the consequence found at the object's first line: `questions[0].prompt: required field is
missing`. The learner reads the first line and looks for a field they did write. Here an
"unknown field 'promt' (did you mean 'prompt'?)" moves just before the missing field it
names in the same object; nothing else changes place. Works on the problems' one-line form
(`file:line:col: field: message`), the form both the start-up search and a reload keep.
"""

from __future__ import annotations

import re

UNKNOWN = re.compile(r": (?:(?P<object>[^:]*): )?unknown field '[^']*' \(did you mean '(?P<field>[^']+)'\?\)$")
MISSING = ": required field is missing"


def _explained(line: str) -> str | None:
    """The tail of the 'required field is missing' line this unknown-field line explains."""
    match = UNKNOWN.search(line)
    if match is None:
        return None
    owner, field = match["object"], match["field"]
    return f": {owner}.{field}{MISSING}" if owner else f": {field}{MISSING}"


def causes_first(lines: list[str]) -> list[str]:
    """`lines` with each misspelt field's suggestion moved before the missing field it names."""
    ordered = list(lines)
    for line in lines:
        tail = _explained(line)
        if tail is None:
            continue
        missing = next((i for i, other in enumerate(ordered) if other.endswith(tail)), None)
        if missing is not None and missing < ordered.index(line):
            ordered.remove(line)
            ordered.insert(missing, line)
    return ordered
