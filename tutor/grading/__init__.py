"""The grading engines the check kinds call: numbers, formulas (SymPy equivalence), choices,
free text; and the `Grade` they all return.

Grading a check of any kind, `grade(check, response)`, is `tutor.checks.answers`: finding the
kind is the registry's business, so this package knows no kind and no pack.
This package root stays light: no SymPy or NumPy at import (SymPy runs only in the worker
process of symbolic grading; NumPy is imported when a symbolic answer is compared).

- `Grade`, `CheckError`: `tutor.grading.result`
- `warm_up`: start the SymPy worker early (`tutor.grading.symbolic_pool`)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from tutor.grading.result import CheckError as CheckError
from tutor.grading.result import Grade as Grade

if TYPE_CHECKING:  # the real name for type checkers; at run time `__getattr__` loads it
    from tutor.grading.symbolic_pool import warm_up as warm_up

_LAZY = {
    "warm_up": "tutor.grading.symbolic_pool",
}

__all__ = sorted(["Grade", "CheckError", *_LAZY])


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tutor.grading' has no attribute {name!r}")
