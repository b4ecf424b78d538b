"""Rules that span fields or need outside knowledge: unique ids, links between
questions, and evidence that exists with valid parameters and claimable outputs.

Applied after the schema, to the questions that passed it, so one broken question
does not hide the rest.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from tutor.evidence import registry
from tutor.evidence.spec import EvidenceSpec
from tutor.packs.problems import Problem

if TYPE_CHECKING:
    from tutor.packs.model import Origin
    from tutor.packs.schema import EvidenceItem, Question


def check_rules(questions: list[tuple["Question", "Origin"]]) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, "Origin"] = {}
    for question, origin in questions:
        if question.id in first_seen:
            earlier = first_seen[question.id]
            where = earlier.document.locate((*earlier.path, "id"))
            problems.append(_at(origin, ("id",), f"duplicate question id '{question.id}' (first defined at {where})"))
        else:
            first_seen[question.id] = origin
    for question, origin in questions:
        for index, related in enumerate(question.related):
            if related not in first_seen:
                problems.append(_at(origin, ("related", index), f"unknown question id '{related}'"))
        for index, item in enumerate(question.evidence):
            problems.extend(_evidence_problems(item, origin, ("evidence", index)))
    return problems


def _evidence_problems(item: "EvidenceItem", origin: "Origin", path: tuple) -> list[Problem]:
    try:
        spec = registry.get(item.name)
    except registry.UnknownEvidence:
        close = difflib.get_close_matches(item.name, registry.names(), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = f"unknown evidence '{item.name}' ({hint}see `tutor sim --list` and `tutor derive --list`)"
        return [_at(origin, (*path, "name"), message)]
    problems = [_at(origin, (*path, "params", name), message) for name, message in spec.problems(item.params)]
    if problems:
        return problems
    values = spec.resolve(item.params)
    for index, claim in enumerate(item.claims):
        if claim.scalar is not None and claim.scalar not in expand_outputs(spec.scalars, values):
            known = ", ".join(expand_outputs(spec.scalars, values)) or "none"
            message = f"'{item.name}' has no scalar '{claim.scalar}' (known: {known})"
            problems.append(_at(origin, (*path, "claims", index, "scalar"), message))
        if claim.series is not None and claim.series not in expand_outputs(spec.series, values):
            known = ", ".join(expand_outputs(spec.series, values)) or "none"
            message = f"'{item.name}' has no series '{claim.series}' (known: {known})"
            problems.append(_at(origin, (*path, "claims", index, "series"), message))
    return problems


def expand_outputs(templates: tuple[str, ...], values: dict[str, Any]) -> list[str]:
    """Expand `scale={scale}`-style templates with the run's parameter values.

    A parameter holding several values (a sweep) yields one name per value; numbers are
    written with `{:g}`, so 0.50 becomes `0.5`.
    """
    names: list[str] = []
    for template in templates:
        expanded = [template]
        for key, value in values.items():
            marker = "{" + key + "}"
            if not any(marker in name for name in expanded):
                continue
            options = value if isinstance(value, tuple) else (value,)
            expanded = [name.replace(marker, _format(option)) for name in expanded for option in options]
        names.extend(expanded)
    return names


def _format(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _at(origin: "Origin", subpath: tuple, message: str) -> Problem:
    path = (*origin.path, *subpath)
    return Problem(origin.document.locate(path), message, path)
