"""The registry of named evidence: one namespace for simulations and derivations.

Catalogs (plain declarations) are merged here; the code behind each declaration is
imported only by `run`. Pack validation, `tutor sim --list` and `tutor derive --list`
use the declarations alone, so they never import NumPy or SymPy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from tutor.evidence.result import Result
from tutor.evidence.spec import EvidenceSpec, ParamError


class UnknownEvidence(KeyError):
    """No simulation or derivation has this name."""

    def __str__(self) -> str:  # KeyError quotes its message; we want one plain line
        return str(self.args[0])


#: What a declaration's target is: `fn(params, seed, should_cancel) -> Result`.
Target = Callable[[dict[str, Any], int, Callable[[], bool]], Result]


class Cancelled(Exception):
    """Raised by a long computation when its `should_cancel` callable says stop."""


@cache
def _catalog() -> dict[str, EvidenceSpec]:
    from tutor.evidence.derivations.catalog import DERIVATIONS
    from tutor.evidence.sims.catalog import SIMULATIONS
    from tutor.evidence.sims.catalog_dynamics import DYNAMICS_SIMULATIONS
    from tutor.evidence.sims.catalog_matrix import MATRIX_SIMULATIONS

    merged: dict[str, EvidenceSpec] = {}
    for spec in (*SIMULATIONS, *DYNAMICS_SIMULATIONS, *MATRIX_SIMULATIONS, *DERIVATIONS):
        if spec.name in merged:
            raise RuntimeError(f"evidence name '{spec.name}' is declared twice")
        merged[spec.name] = spec
    return merged


def all_specs(kind: str | None = None) -> list[EvidenceSpec]:
    """Every declaration, in catalog order; `kind` filters to 'simulation' or 'derivation'."""
    return [s for s in _catalog().values() if kind is None or s.kind == kind]


def names() -> list[str]:
    return list(_catalog())


def get(name: str) -> EvidenceSpec:
    """The declaration called `name`, or `UnknownEvidence` with the known names."""
    try:
        return _catalog()[name]
    except KeyError:
        known = ", ".join(_catalog())
        raise UnknownEvidence(f"unknown evidence '{name}' (known: {known})") from None


def run(
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    seed: int = 0,
    should_cancel: Callable[[], bool] | None = None,
) -> Result:
    """Run the evidence `name` with `params` (defaults filled in, values checked).

    The target function is called as `fn(params: dict, seed: int, should_cancel)` and
    returns a `Result`. Raises `UnknownEvidence`, `ParamError` or `Cancelled`.
    """
    spec = get(name)
    resolved = spec.resolve(params)
    module_name, _, function_name = spec.target.partition(":")
    function: Target = getattr(importlib.import_module(module_name), function_name)
    return function(resolved, seed, should_cancel or _never)


def _never() -> bool:
    return False


__all__ = [
    "Cancelled",
    "ParamError",
    "UnknownEvidence",
    "all_specs",
    "get",
    "names",
    "run",
]
