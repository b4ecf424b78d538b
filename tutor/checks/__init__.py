"""The registry of check kinds: each module of `tutor.checks.kinds` defines one `KIND`.

Adding a kind means adding its module (with its tests and a section of the guide): the pack
schema's union of checks, grading, `tutor check`, the answer box and `tutor show` all find it
here. Looking up a kind that does not exist raises `UnknownCheckKind` rather than falling
back to another kind.
"""

from __future__ import annotations

import pkgutil
from functools import lru_cache
from importlib import import_module
from typing import Annotated, Any, Union

from tutor.checks.kind import CheckKind

__all__ = ["CheckKind", "UnknownCheckKind", "all_kinds", "get", "kind_of", "models", "names", "union"]


class UnknownCheckKind(KeyError):
    """A check kind no module of `tutor.checks.kinds` defines."""

    def __str__(self) -> str:
        return f"unknown check kind {self.args[0]!r} (known: {', '.join(names())})"


@lru_cache(maxsize=1)
def _registry() -> dict[str, CheckKind]:
    from tutor.checks import kinds

    found: dict[str, CheckKind] = {}
    for module_info in pkgutil.iter_modules(kinds.__path__):
        kind = getattr(import_module(f"{kinds.__name__}.{module_info.name}"), "KIND", None)
        if not isinstance(kind, CheckKind):
            continue
        if kind.name in found:
            raise RuntimeError(f"check kind {kind.name!r} is defined twice")
        found[kind.name] = kind
    return dict(sorted(found.items(), key=lambda item: item[1].order))


def all_kinds() -> tuple[CheckKind, ...]:
    return tuple(_registry().values())


def names() -> tuple[str, ...]:
    """The kind names in listing order (self, choice, numeric, ...)."""
    return tuple(_registry())


def models() -> tuple[type, ...]:
    """Each kind's schema model, for the pack schema's discriminated union."""
    return tuple(kind.model for kind in _registry().values())


def union() -> Any:
    """The type of any check for pydantic: the kinds' models, told apart by `kind` (the pack
    schema's `Check`, and what `tutor.checks.answers` validates a plain dict against)."""
    from pydantic import Field

    return Annotated[Union[models()], Field(discriminator="kind")]  # noqa: UP007


def get(name: str) -> CheckKind:
    try:
        return _registry()[name]
    except KeyError:
        raise UnknownCheckKind(name) from None


def kind_of(check: Any) -> CheckKind:
    """The kind of a validated check model."""
    return get(check.kind)
