"""Checking a question's sample tests (`tests:` in a pack) against the grader.

A sample test gives a response and what its grade must show: `correct`, `score` (to 1e-9)
and/or `note`. A note is either a full grade note (`misconception:clipping-fixes-vanishing`,
`missed:exponential-decay`, `format:unknown-name`, `sympy:equal`) or a bare name, which means
the grader *found* that name in the response: `hit:NAME` or `misconception:NAME`.
Part of authoring (what `tutor check` proves), not of grading: a sample test is a field of a
pack, and grading knows no pack.
"""

from __future__ import annotations

import json
from typing import Any

from tutor.checks.answers import AnyCheck, grade
from tutor.grading.result import Grade
from tutor.packs.schema import SampleTest


def note_matches(expected: str, result: Grade) -> bool:
    """A note as the grade writes it (`entry:2,1`, `transposed`, `too-high`), or a bare concept
    or misconception name for free text (`clipping-fixes-vanishing`)."""
    if expected in result.notes:
        return True
    return ":" not in expected and (f"misconception:{expected}" in result.notes or f"hit:{expected}" in result.notes)


SCORE_TOLERANCE = 1e-6  # scores are shown to six digits ("0.166667" for 1/6); an author writes what they see


def sample_test_failure(check: AnyCheck | dict[str, Any], sample: SampleTest, *, timeout: float = 3.0) -> str | None:
    """None when the sample's grade is as stated, else one line saying what differs."""
    result = grade(check, sample.response, timeout=timeout)
    problems = []
    if sample.correct is not None and result.correct is not sample.correct:
        # as the sample writes them (JSON's true/false are YAML's; Python's True read as another word)
        problems.append(f"correct: {json.dumps(result.correct)}, expected {json.dumps(sample.correct)}")
    if sample.score is not None and abs(result.score - sample.score) > SCORE_TOLERANCE:
        problems.append(f"score: {result.score:g}, expected {sample.score:g}")
    if sample.note is not None and not note_matches(sample.note, result):
        problems.append(f"note '{sample.note}' not among {', '.join(result.notes) or 'no notes'}")
    if not problems:
        return None
    return f"{'; '.join(problems)}; the grader said: {_one_line(result.feedback)}"


SAID_LENGTH = 160
"""How much of the grader's feedback a failure line quotes: its verdict and first points."""


def _one_line(feedback: str) -> str:
    """The feedback's lines joined with " / " (not a literal \\n), cut with "…" when long."""
    said = " / ".join(line.strip() for line in feedback.splitlines() if line.strip())
    return said if len(said) <= SAID_LENGTH else said[: SAID_LENGTH - 1].rstrip() + "…"
