"""Typed declarations of evidence: what a simulation or derivation is called, which
parameters it takes (type, range, default, help) and what it produces.

Declarations are plain data with no NumPy or SymPy import, so a pack can be validated
against them (unknown names, unknown parameters, out-of-range values) in a few
microseconds, and `tutor sim --list` starts instantly. The code behind a declaration
is named by a `module:function` target and imported only when it runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ParamKind = Literal["int", "float", "choice", "bool", "floats"]
EvidenceKind = Literal["simulation", "derivation"]

_TRUE_WORDS = {"true", "yes", "on", "1"}
_FALSE_WORDS = {"false", "no", "off", "0"}


class ParamError(ValueError):
    """A parameter value that does not fit its declaration; the message is one line."""


@dataclass(frozen=True)
class Param:
    """One parameter of a piece of evidence.

    Values may come from YAML (already typed) or from the command line (strings);
    `coerce` accepts both and raises `ParamError` with a one-line message otherwise.
    """

    name: str
    kind: ParamKind
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    max_items: int = 8

    def coerce(self, value: Any) -> Any:
        if self.kind == "int":
            return self._check_range(_to_int(value))
        if self.kind == "float":
            return self._check_range(_to_float(value))
        if self.kind == "bool":
            return _to_bool(value)
        if self.kind == "choice":
            text = str(value).strip() if isinstance(value, (str, int, float)) else None
            if text not in self.choices:
                raise ParamError(f"'{value}' is not one of {', '.join(self.choices)}")
            return text
        return self._coerce_floats(value)

    def format(self, value: Any) -> str:
        """`value` as a person types it, such that `coerce(format(value)) == coerce(value)`
        (forms and command lines show it; floats keep every digit they have)."""
        if self.kind == "floats":
            items = value if isinstance(value, (list, tuple)) else [value]
            return ", ".join(_exact(_to_float(item)) for item in items)
        if self.kind == "float":
            return _exact(_to_float(value))
        if self.kind == "bool":
            return "true" if _to_bool(value) else "false"
        return str(value).strip()

    def describe_range(self) -> str:
        """A short human description of what values are allowed."""
        if self.kind == "choice":
            return " | ".join(self.choices)
        if self.kind == "bool":
            return "true | false"
        bounds = f"{_fmt(self.low)}..{_fmt(self.high)}"
        if self.kind == "floats":
            return f"up to {self.max_items} numbers in {bounds}, comma separated"
        return bounds

    def _coerce_floats(self, value: Any) -> tuple[float, ...]:
        if isinstance(value, str):
            parts = [p for p in value.replace(" ", "").split(",") if p]
        elif isinstance(value, (list, tuple)):
            parts = list(value)
        else:
            parts = [value]
        if not parts:
            raise ParamError("expected at least one number")
        if len(parts) > self.max_items:
            raise ParamError(f"{len(parts)} values given, at most {self.max_items} allowed")
        return tuple(self._check_range(_to_float(p)) for p in parts)

    def _check_range(self, number: float) -> Any:
        if self.low is not None and number < self.low:
            raise ParamError(f"{_fmt(number)} is below the minimum {_fmt(self.low)}")
        if self.high is not None and number > self.high:
            raise ParamError(f"{_fmt(number)} is above the maximum {_fmt(self.high)}")
        return number


@dataclass(frozen=True)
class EvidenceSpec:
    """A named simulation or derivation that packs can cite and learners can run.

    `series` and `scalars` name what the result exposes to claims; a series name may
    contain `{param}` placeholders, e.g. `scale={scale}` for one line per swept value.
    """

    name: str
    kind: EvidenceKind
    title: str
    summary: str
    target: str
    params: tuple[Param, ...] = ()
    series: tuple[str, ...] = ()
    scalars: tuple[str, ...] = ()
    notes: str = ""
    sweep: str = ""
    """The parameter holding the values swept, one line or point per value ('' for none)."""
    single_title: str = ""
    """The title when `sweep` holds one value (`{value}` is that value): a title that speaks of
    a sweep over a plot of one line says something its own run contradicts."""
    _by_name: dict[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {p.name: p for p in self.params})

    def title_for(self, params: Mapping[str, Any] | None) -> str:
        """The title of a run with `params`: `single_title` when the sweep holds one value."""
        values = (params or {}).get(self.sweep) if self.sweep and self.single_title else None
        if isinstance(values, (list, tuple)) and len(set(values)) == 1:
            return self.single_title.format(value=f"{float(values[0]):g}")
        return self.title

    def param(self, name: str) -> Param | None:
        return self._by_name.get(name)

    def resolve(self, given: Mapping[str, Any] | None) -> dict[str, Any]:
        """Defaults overlaid with `given`, each value coerced; raises on the first problem.

        Use `problems` to collect every problem at once.
        """
        found = self.problems(given)
        if found:
            name, message = found[0]
            raise ParamError(f"{name}: {message}" if name else message)
        values = {p.name: p.default for p in self.params}
        for key, value in (given or {}).items():
            values[key] = self._by_name[key].coerce(value)
        return values

    def problems(self, given: Mapping[str, Any] | None) -> list[tuple[str, str]]:
        """Every (parameter, message) problem in `given`; empty when all is well."""
        found: list[tuple[str, str]] = []
        for key, value in (given or {}).items():
            param = self._by_name.get(str(key))
            if param is None:
                known = ", ".join(p.name for p in self.params) or "none"
                found.append((str(key), f"unknown parameter for '{self.name}' (known: {known})"))
                continue
            try:
                param.coerce(value)
            except ParamError as error:
                found.append((str(key), str(error)))
        return found


def _fmt(number: float | None) -> str:
    if number is None:
        return "any"
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:g}"


def _exact(number: float) -> str:
    """The shortest text that reads back as `number`: 1 for 1.0, 0.1 for 0.1, 1e-06."""
    text = repr(float(number))
    return text[:-2] if text.endswith(".0") else text


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ParamError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip().replace("_", ""))
        except ValueError:
            pass
    raise ParamError(f"expected a whole number, got {value!r}")


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ParamError(f"expected a number, got {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise ParamError(f"expected a number, got {value!r}") from None
    else:
        raise ParamError(f"expected a number, got {value!r}")
    if number != number or number in (float("inf"), float("-inf")):
        raise ParamError(f"expected a finite number, got {value!r}")
    return number


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise ParamError(f"expected true or false, got {value!r}")
