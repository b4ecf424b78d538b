"""Rules that span fields or need outside knowledge: unique ids, links between
questions, and evidence that exists with valid parameters and claimable outputs.

Applied after the schema, to the questions that passed it, so one broken question
does not hide the rest. A link is judged only against what could be read: a link to a
question that failed the schema, or (since its ids are unknown) any link while a question
file failed to load, is not called unknown; that would be a second error for one mistake,
pointing away from it. The links are judged again once the file loads.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tutor.evidence import registry
from tutor.evidence.spec import EvidenceSpec
from tutor.packs.problems import FieldPath, Problem
from tutor.packs.variant_rules import variant_problems
from tutor.packs.variants import draw

if TYPE_CHECKING:
    from tutor.expressions import ExpressionError
    from tutor.packs.model import Origin
    from tutor.packs.schema import EvidenceItem, Question


@dataclass(frozen=True)
class NotLoaded:
    """What the rules cannot see: the ids of questions that failed the schema, and the
    question files that failed to load as a whole (whose ids are unknown)."""

    ids: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()

    def may_define(self, question_id: str) -> bool:
        return bool(self.files) or question_id in self.ids


def check_rules(questions: list[tuple["Question", "Origin"]], not_loaded: NotLoaded = NotLoaded()) -> list[Problem]:
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
        found = variant_problems(question, origin, _at)
        problems.extend(found)
        if found:
            continue
        if question.agrees_with is not None:
            problems.extend(_agreement_problems(question, origin))
        if question.params:  # the rules below see a draw: same fields, numbers filled in
            question = draw(question, 0).question
        problems.extend(_expression_problems(question, origin))
        problems.extend(_probe_problems(question, origin))
        for index, related in enumerate(question.related):
            if related not in first_seen and not not_loaded.may_define(related):
                problems.append(_at(origin, ("related", index), f"unknown question id '{related}'"))
        for index, item in enumerate(question.evidence):
            problems.extend(_evidence_problems(item, origin, ("evidence", index)))
    return problems


def _evidence_problems(item: "EvidenceItem", origin: "Origin", path: FieldPath) -> list[Problem]:
    try:
        spec = registry.get(item.name)
    except registry.UnknownEvidence:
        close = difflib.get_close_matches(item.name, registry.names(), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = f"unknown evidence '{item.name}' ({hint}see `tutor sim --list` and `tutor derive --list`)"
        return [_at(origin, (*path, "name"), message)]
    params, problems = item.params, list[Problem]()
    outputs = _outputs_for(spec, params)
    if isinstance(outputs, list):  # faulty parameters: the rest is checked without them
        usable, problems = _without_faulty(spec, item, origin, path, outputs)
        if usable is None:
            return problems
        params, outputs = usable, _outputs_for(spec, usable)
        if isinstance(outputs, list):
            return problems
    scalars, series = outputs
    problems += _caption_problems(spec, item, origin, path, scalars, series, params)
    for index, claim in enumerate(item.claims):
        if claim.scalar is not None and claim.scalar not in scalars:
            message = f"'{item.name}' has no scalar '{claim.scalar}' (known: {', '.join(scalars) or 'none'})"
            problems.append(_at(origin, (*path, "claims", index, "scalar"), message))
        if claim.series is not None and claim.series not in series:
            message = f"'{item.name}' has no series '{claim.series}' (known: {', '.join(series) or 'none'})"
            problems.append(_at(origin, (*path, "claims", index, "series"), message))
    for index, statement in enumerate(item.shows):
        for name in statement.series_names():
            if name not in series:
                message = f"'{item.name}' has no series '{name}' (known: {', '.join(series) or 'none'})"
                problems.append(_at(origin, (*path, "shows", index), message))
    return problems


def _without_faulty(spec: EvidenceSpec, item: "EvidenceItem", origin: "Origin", path: FieldPath,
                    faults: list[tuple[str, str]]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The item's parameters without the faulty ones, and a problem for each of those: the rest
    of the item (claims, shows, caption) is still checked against a run with the defaults in
    their place, so one mistake does not hide another. None when a faulty parameter names the
    outputs (`scale={scales}`): their names are not known then."""
    problems = [_at(origin, (*path, "params", name), message) for name, message in faults]
    faulty = {name for name, _ in faults}
    if any(f"{{{name}}}" in template for name in faulty for template in (*spec.series, *spec.scalars)):
        return None, problems
    return {key: value for key, value in item.params.items() if key not in faulty}, problems


def _caption_problems(spec: EvidenceSpec, item: "EvidenceItem", origin: "Origin", path: FieldPath,
                      scalars: tuple[str, ...], series: tuple[str, ...], params: dict[str, Any]) -> list[Problem]:
    """Each reference in the caption names a scalar, a series statistic or a parameter of the
    run, with an allowed format; the problem points at the reference itself."""
    from tutor.evidence.caption import known_names, reference_problems
    from tutor.packs.text_location import locate_piece

    if "{" not in item.caption:
        return []
    names = known_names(spec.resolve(params))
    field = (*origin.path, *path, "caption")
    return [Problem(locate_piece(origin.document, field, item.caption, ref.start, ref.text), message, field)
            for ref, message in reference_problems(item.caption, scalars, series, names)]


def _agreement_problems(question: "Question", origin: "Origin") -> list[Problem]:
    """`agrees_with` names one of the question's evidence items and reads its scalars."""
    from tutor.expressions import check_expression

    agreement = question.agrees_with
    assert agreement is not None  # the caller checks
    drawn = draw(question, 0).question
    item = next((item for item in drawn.evidence if item.name == agreement.evidence), None)
    if item is None:
        named = ", ".join(item.name for item in drawn.evidence) or "none"
        message = f"'{agreement.evidence}' is not evidence of this question (it has: {named})"
        return [_at(origin, ("agrees_with", "evidence"), message)]
    try:
        outputs = _outputs_for(registry.get(item.name), item.params)
    except registry.UnknownEvidence:
        return []  # reported with the evidence item
    scalars = outputs[0] if isinstance(outputs, tuple) else ()
    names = (*question.params, *question.formulas, *(name for name in scalars if name.isidentifier()))
    error = check_expression(agreement.value, names)
    if error is None:
        return []
    where = f"character {error.offset + 1}: " if error.offset is not None else ""
    return [_at(origin, ("agrees_with", "value"), f"{where}{error.message}")]


Outputs = list[tuple[str, str]] | tuple[tuple[str, ...], tuple[str, ...]]
"""Parameter problems (a list), or the (scalar names, series names) a run would have."""


@lru_cache(maxsize=4096)
def _outputs_cached(
    spec: EvidenceSpec, frozen_params: tuple[tuple[str, Any], ...]
) -> Outputs:
    params = {key: list(value) if isinstance(value, tuple) else value for key, value in frozen_params}
    problems = spec.problems(params)
    if problems:
        return problems
    values = spec.resolve(params)
    return tuple(expand_outputs(spec.scalars, values)), tuple(expand_outputs(spec.series, values))


def _outputs_for(spec: EvidenceSpec, params: dict[str, Any]) -> Outputs:
    """Parameter problems (a list), or the (scalar names, series names) a run would have.

    Packs cite the same evidence with the same parameters many times; the answer is
    memoised on the frozen parameters.
    """
    try:
        frozen = tuple(sorted((str(k), tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
        hash(frozen)
    except TypeError:  # a mapping or other unhashable value: let the declaration say what is wrong
        problems = spec.problems(params)
        return problems or _outputs_cached(spec, ())
    return _outputs_cached(spec, frozen)


def _probe_problems(question: Question, origin: Origin) -> list[Problem]:
    """A follow-up's `probes` name key points or misconceptions of the check the mock asks."""
    asked = question.as_interview() or question
    known = [item.name for item in (*getattr(asked.check, "concepts", ()), *getattr(asked.check, "misconceptions", ()))]
    problems = []
    for index, follow_up in enumerate(question.follow_ups):
        for probe_index, name in enumerate(follow_up.probes):
            if name not in known:
                message = f"'{name}' is not a key point or misconception of this question's check"
                message += f" (known: {', '.join(known)})" if known else " (its check has none)"
                problems.append(_at(origin, ("follow_ups", index, "probes", probe_index), message))
    return problems


@lru_cache(maxsize=8192)
def _expression_error(
    text: str, variables: tuple[str, ...] = (), functions: tuple[str, ...] | None = None
) -> ExpressionError | None:
    """The parser's verdict on an authored expression (memoised: packs repeat values like `1/4`)."""
    try:
        float(text)
        return None  # a plain number, the common case, needs no parsing
    except ValueError:
        pass
    from tutor.expressions import check_expression

    return check_expression(text, variables, functions)


def _expression_problems(question: "Question", origin: "Origin") -> list[Problem]:
    """Authored expressions go through the same parser as learners' answers."""
    from tutor import checks

    check = question.check
    found: list[tuple[FieldPath, ExpressionError | None]] = []
    for subpath, text, variables, functions in checks.kind_of(check).expressions(check):
        error = _expression_error(text, variables, functions)
        # an unknown function is the `functions` list's fault, not the expression's
        blame_functions = error is not None and error.offset is None and functions
        found.append((("check", "functions") if blame_functions else ("check", *subpath), error))
    for item_index, item in enumerate(question.evidence):
        for claim_index, claim in enumerate(item.claims):
            if claim.value is not None:
                found.append((("evidence", item_index, "claims", claim_index, "value"), _expression_error(claim.value)))
    problems = []
    for path, error in found:
        if error is not None:
            where = f"character {error.offset + 1}: " if error.offset is not None else ""
            problems.append(_at(origin, path, f"{where}{error.message}"))
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


def _at(origin: "Origin", subpath: FieldPath, message: str) -> Problem:
    path = (*origin.path, *subpath)
    return Problem(origin.document.locate(path), message, path)
