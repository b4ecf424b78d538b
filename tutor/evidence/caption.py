"""Captions bound to the run: numbers about a result are rendered from the result.

A caption names what it states about a run in braces, and the run fills it in:

    {rho:.2f}                      a scalar of the result, formatted
    {jacobian_norm.last:.3g}       a statistic of a series (first, last, min, max,
                                   first_over_last, last_over_first, overflow_step)
    {scale}                        a parameter the run was made with
    {=32 × 32}                     a literal: text that is not about the run (a year, a
                                   matrix size in prose, a citation), shown as written

No eval: a reference is looked up by name in the result, and its format is one of a
small set (`.Nf`, `.Ng`, `.Ne`, `.N%`, `.Np` for a written power of ten, `sup`, `sub`).
`tutor check` refuses a hand-written number in a caption that is neither a reference, a
literal, the value of one of the item's claims, nor a parameter its run uses
(`unbound_numbers`): each of those is checked against the run, a typed number is not.

Light on purpose: no NumPy; series values are only indexed and converted with float().
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tutor.evidence.claims import STATISTICS, series_statistic
from tutor.evidence.result import Result
from tutor.number_text import NumberFormatError, format_value

TEMPLATE = re.compile(r"\{(?:=(?P<literal>[^{}]*)|(?P<ref>[A-Za-z_\u0370-\u03ff][^{}:]*)(?::(?P<spec>[^{}]*))?)\}")
SPEC = re.compile(r"(?:\.\d{1,2})?[fgep%]?|sup|sub")
PENDING = "…"
"""What a reference shows before its run has finished."""

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NUMBER = re.compile(
    r"(?<![\w.\u2080-\u209c])"  # not the tail of a name (L2, x1) or of another number
    rf"(?P<mantissa>\d{{1,3}}(?:[, \u00a0\u2009\u202f]\d{{3}})+(?![\d.])|\d+(?:\.\d+)?(?:[eE][-+\u2212]?\d+)?)"
    rf"(?:/(?P<denominator>\d+(?:\.\d+)?))?"
    rf"(?:[·×]10(?P<power>[⁻⁺]?[{_SUPERSCRIPTS}]+)|(?P<exponent>[⁻⁺]?[{_SUPERSCRIPTS}]+))?"
)
"""A number as authors write them: 12, 20,000, 0.715, 1e-6 (or 1e−6), 1/4, 4.5·10⁻⁵, 0.9²⁰."""


class CaptionError(ValueError):
    """A reference that names nothing the run provides, or a format that is not allowed."""


@dataclass(frozen=True)
class Reference:
    """One `{name.stat:spec}` in a caption; `start` is its offset in the text."""

    name: str
    stat: str | None
    spec: str
    start: int
    text: str


def references(text: str) -> list[Reference]:
    """Every reference to the run in `text` (literals are not references)."""
    found = []
    for match in TEMPLATE.finditer(text):
        if match.group("ref") is None:
            continue
        name, stat = _split(match.group("ref").strip())
        found.append(Reference(name, stat, (match.group("spec") or "").strip(), match.start(), match.group(0)))
    return found


def reference_problems(text: str, scalars: Iterable[str], series: Iterable[str],
                       params: Iterable[str]) -> list[tuple[Reference, str]]:
    """Each reference in `text` that the run cannot fill, with one line saying why.

    `scalars`, `series` and `params` are what a run of the item will provide (the
    declaration's names expanded with the item's parameters), so this needs no run.
    """
    scalars, series, params = list(scalars), list(series), list(params)
    problems = []
    for ref in references(text):
        message = _spec_problem(ref) or _name_problem(ref, scalars, series, params)
        if message:
            problems.append((ref, message))
    return problems


def render_caption(text: str, result: Result | None = None) -> str:
    """`text` with literals unwrapped and references filled from `result` (`…` without one).

    A reference the result cannot fill is left as written, so a mistake shows rather
    than hides; `reference_problems` catches it before a learner sees it.
    """

    def fill(match: re.Match[str]) -> str:
        if match.group("literal") is not None:
            return match.group("literal")
        if result is None:
            return PENDING
        name, stat = _split(match.group("ref").strip())
        value = _lookup(result, name, stat)
        if value is _MISSING:
            return match.group(0)
        try:
            return format_reference(value, (match.group("spec") or "").strip(), name)
        except CaptionError:
            return match.group(0)

    return TEMPLATE.sub(fill, text)


def format_reference(value: Any, spec: str, name: str = "value") -> str:
    """One value as a caption shows it (`g` with 3 digits by default)."""
    if not SPEC.fullmatch(spec):
        raise CaptionError(f"'{spec}' is not a caption format (use .2f, .3g, .1e, .0%, .3p, sup or sub)")
    if value is None:
        return "none"
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        return "nan" if math.isnan(number) else ("∞" if number > 0 else "−∞")
    if not spec:
        if isinstance(value, int) or number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        spec = ".3g"
    try:
        return format_value(number, spec, name)
    except NumberFormatError as error:
        raise CaptionError(str(error)) from None


@dataclass(frozen=True)
class HandNumber:
    """A number written by hand in a caption, at `start` in its text."""

    text: str
    value: float
    start: int


def hand_numbers(text: str) -> list[HandNumber]:
    """The numbers in `text` outside references and literals."""
    masked = TEMPLATE.sub(lambda match: " " * len(match.group(0)), text)
    return [HandNumber(match.group(0), _value(match), match.start()) for match in NUMBER.finditer(masked)]


def unbound_numbers(text: str, backed_values: Iterable[float]) -> list[HandNumber]:
    """Hand-written numbers equal to none of `backed_values` (the values of the item's claims
    and the parameters its run uses: both are checked against the run by `tutor check`)."""
    backed = [abs(value) for value in backed_values if math.isfinite(value)]
    return [number for number in hand_numbers(text)
            if not any(math.isclose(number.value, value, rel_tol=1e-9, abs_tol=1e-300) for value in backed)]


# ---- helpers ----------------------------------------------------------------------------

_MISSING = object()


def _split(ref: str) -> tuple[str, str | None]:
    head, dot, tail = ref.rpartition(".")
    if dot and tail in STATISTICS and head:
        return head, tail
    return ref, None


def _lookup(result: Result, name: str, stat: str | None) -> Any:
    if stat is not None:
        series = result.all_series().get(name)
        return _MISSING if series is None else series_statistic(series, stat)
    if name in result.scalars:
        return result.scalars[name]
    if name in result.params and not isinstance(result.params[name], (list, tuple, dict)):
        return result.params[name]
    return _MISSING


def _spec_problem(ref: Reference) -> str | None:
    if SPEC.fullmatch(ref.spec):
        return None
    return f"{ref.text}: '{ref.spec}' is not a caption format (use .2f, .3g, .1e, .0%, .3p, sup or sub)"


def _name_problem(ref: Reference, scalars: list[str], series: list[str], params: list[str]) -> str | None:
    if ref.stat is not None:
        if ref.name in series:
            return None
        return f"{ref.text}: the run has no series '{ref.name}' (series: {', '.join(series) or 'none'})"
    if ref.name in scalars or ref.name in params:
        return None
    if ref.name in series:
        return f"{ref.text}: series '{ref.name}' needs a statistic: .{', .'.join(STATISTICS)}"
    known = ", ".join([*scalars, *params]) or "none"
    return f"{ref.text}: the run has no scalar or parameter '{ref.name}' (known: {known})"


def _value(match: re.Match[str]) -> float:
    mantissa = float(re.sub(r"[, \u00a0\u2009\u202f]", "", match.group("mantissa")).replace("\u2212", "-"))
    if match.group("denominator"):
        denominator = float(match.group("denominator"))
        mantissa = mantissa / denominator if denominator else math.inf
    if match.group("power"):
        return mantissa * 10.0 ** _superscript(match.group("power"))
    if match.group("exponent"):
        try:
            return mantissa ** _superscript(match.group("exponent"))
        except OverflowError:
            return math.inf
    return mantissa


def _superscript(text: str) -> int:
    sign = -1 if text.startswith("⁻") else 1
    digits = text.lstrip("⁻⁺")
    return sign * int("".join(str(_SUPERSCRIPTS.index(c)) for c in digits))


def claim_values(claims: Iterable[Any]) -> list[float]:
    """The values of `claims` (pack `Claim`s) as numbers; ones that do not parse are skipped."""
    from tutor.evidence.claims import claim_value

    values = []
    for claim in claims:
        try:
            values.append(claim_value(claim.value))
        except (TypeError, ValueError):  # no value, or one pack validation reports
            pass
    return values


def param_values(params: Mapping[str, Any]) -> list[float]:
    """The numbers among a run's parameters (a sweep's values one by one); flags are not numbers."""
    values = []
    for value in params.values():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                values.append(float(item))
    return values


def known_names(params: Mapping[str, Any]) -> list[str]:
    """The parameter names a caption may reference (those with a single value)."""
    return [name for name, value in params.items() if not isinstance(value, (list, tuple, dict))]


def caption_from_run(text: str, name: str, params: Mapping[str, Any], *, seed: int = 0) -> str:
    """`text` rendered from a run of evidence `name` (run only when the caption references
    it; a derivation comes from its cache). For the skins that print a caption without a
    run of their own: `tutor show` and the Markdown sheet."""
    if not references(text):
        return render_caption(text)
    from tutor.evidence import registry

    if registry.get(name).kind == "derivation":
        from tutor.evidence.derivations.cache import run_cached

        result = run_cached(name, dict(params))
    else:
        result = registry.run(name, dict(params), seed=seed)
    return render_caption(text, result)
