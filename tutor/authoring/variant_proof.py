"""Proving one draw of a variant question, for `tutor check` (see `tutor.authoring.proof`).

For the draw of `seed`: the computed model answer is graded correct by the drawn check;
every `tests:` sample (filled in with the drawn values) gets its declared verdict;
systematically perturbed answers (off by more than the tolerance, the wrong sign, a
power of ten, one step for a whole number; for a formula: doubled, plus one) are graded
wrong; every evidence item runs with the drawn parameters and its claims hold; and the
formula agrees with the run where the question says `agrees_with`. Each failure names the
seed and the drawn values, so `tutor show ID --seed S` reproduces it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.checks.answers import AnyCheck
from tutor.checks.kinds.numeric import NumericCheck
from tutor.checks.kinds.symbolic import SymbolicCheck
from tutor.packs.model import Pack
from tutor.packs.schema import EvidenceItem, Question
from tutor.packs.variants import Variant, describe, draw, evaluate

if TYPE_CHECKING:
    from tutor.authoring.proof import Failure, Task
    from tutor.evidence.result import Result

#: A failure of this draw at a path inside the question (`("evidence", 0, "claims", 1)`).
Locate = Callable[[tuple[str | int, ...], str], "Failure"]


def prove_draw(
    pack: Pack,
    question: Question,
    seed: int,
    model_answer: Callable[[Pack, Question, Task | None], list[Failure]],
) -> list[Failure]:
    """Every failure of the draw of `question` for `seed` (`model_answer` is proof's own check)."""
    from tutor.authoring.proof import Failure

    variant = draw(question, seed)
    drawn = variant.question
    label = f"seed {seed} ({describe(variant.params)})"

    def failure(path: tuple[str | int, ...], message: str) -> Failure:
        return Failure(pack.locate(question.id, *path), question.id, f"{label}: {message}")

    failures = [failure(("check",), item.message) for item in model_answer(pack, drawn, None)]
    failures += _sample_failures(drawn, failure)
    failures += [failure(("check",), f"the wrong answer {text!r} is graded correct")
                 for text in wrong_answers(drawn.check) if _graded_correct(drawn.check, text)]
    results: dict[str, Result] = {}
    for index, item in enumerate(drawn.evidence):
        result, problems = _run_evidence(item, seed)
        results.setdefault(item.name, result)
        failures += [failure(("evidence", index, "claims", claim), message) for claim, message in problems]
    if question.agrees_with is not None:
        failures += _agreement_failures(question, variant, results, failure)
    return failures


def wrong_answers(check: NumericCheck | SymbolicCheck) -> list[str]:
    """Answers that must be graded wrong whatever the draw."""
    if isinstance(check, SymbolicCheck):
        return [f"2*({check.answers[0]})", f"({check.answers[0]}) + 1"]
    from tutor.grading.numeric import expected_value

    expected = expected_value(check)
    if expected == 0:
        return ["1", "-1"]
    off = max(0.1, 10 * check.rtol)
    values = [expected * (1 + off), expected * (1 - off), -expected, expected * 10, expected / 10]
    if float(expected).is_integer() and check.rtol * abs(expected) + check.atol < 1:
        values = [expected - 1, expected + 1, *values]
    return [repr(value) for value in values]


def _graded_correct(check: AnyCheck, response: str) -> bool:
    from tutor.checks.answers import grade

    return bool(grade(check, response).correct)


def _sample_failures(drawn: Question, failure: Locate) -> list[Failure]:
    from tutor.authoring.samples import sample_test_failure

    found: list[Failure] = []
    for index, sample in enumerate(drawn.tests):
        problem = sample_test_failure(drawn.check, sample)
        if problem is not None:
            found.append(failure(("tests", index), f"tests[{index}] {sample.response!r}: {problem}"))
    return found


def _run_evidence(item: EvidenceItem, seed: int) -> tuple[Result, list[tuple[int, str]]]:
    """The run of `item` with this draw's parameters, and (claim index, message) for each claim that fails."""
    from tutor.authoring.evidence_runs import run_evidence
    from tutor.evidence.claims import evaluate_claim

    result = run_evidence(item.name, item.params, seed)
    problems: list[tuple[int, str]] = []
    for index, claim in enumerate(item.claims):
        outcome = evaluate_claim(claim, result)
        if not outcome.held:
            problems.append((index, f"evidence {item.name}: {outcome.message}"))
    return result, problems


def _agreement_failures(
    question: Question, variant: Variant, results: dict[str, Result], failure: Locate
) -> list[Failure]:
    from tutor.grading.numeric import expected_value, is_close

    agreement = question.agrees_with
    assert agreement is not None  # the caller checks
    result = results[agreement.evidence]
    scalars = {name: value for name, value in result.scalars.items() if name.isidentifier()}
    check = variant.question.check
    from_run = evaluate(agreement.value, {**scalars, **variant.values}, what="agrees_with.value")
    expected = expected_value(check)
    if is_close(check, from_run, expected):
        return []
    return [failure(("agrees_with",), f"the formula gives {expected:.6g} but {agreement.value} on the "
                                      f"{agreement.evidence} run gives {from_run:.6g}")]
