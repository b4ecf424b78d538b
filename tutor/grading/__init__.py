"""Answer checking: `grade(check, response) -> Grade` for every check kind.

This package root stays light: no SymPy or NumPy at import (SymPy runs only in the worker
process of symbolic grading; NumPy is imported when a symbolic answer is compared).
`grade` is imported here eagerly, because the module `tutor.grading.grade` has the same
name and would otherwise shadow the function; the other names load on first use.

- `grade`, `expected_display`: `tutor.grading.grade`
- `Grade`, `CheckError`: `tutor.grading.result`
- `warm_up`: start the SymPy worker early (`tutor.grading.symbolic_pool`)
"""

from __future__ import annotations

from importlib import import_module

from tutor.grading.grade import expected_display as expected_display
from tutor.grading.grade import grade as grade
from tutor.grading.result import CheckError as CheckError
from tutor.grading.result import Grade as Grade

_LAZY = {
    "warm_up": "tutor.grading.symbolic_pool",
}

__all__ = sorted(["grade", "expected_display", "Grade", "CheckError", *_LAZY])


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tutor.grading' has no attribute {name!r}")
