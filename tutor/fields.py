"""The field types every schema model shares: the pack schema and each check kind's model.

Models are frozen (a loaded pack is immutable) and forbid unknown fields, so a typo such as
`promt` is an error rather than silently ignored. This module imports pydantic only, so a
check kind (`tutor.checks.kinds`) can declare its model without importing the pack schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9._-]*$"),
]
OptionKey = Annotated[str, StringConstraints(pattern=r"^[1-9a-z]$")]
Expression = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
VariableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*$")]


class Model(BaseModel):
    """Base for every schema model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


T = TypeVar("T", str, float)


def first_repeated(values: Sequence[T]) -> T | None:
    """The smallest value listed more than once (what a "declared twice" error names), or None."""
    repeated = sorted({value for value in values if values.count(value) > 1})
    return repeated[0] if repeated else None
