"""The one vocabulary of the mock debrief: every outcome and grade state has its word."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tutor.grading.result import ClaimCheck
from tutor.study.mock_words import (
    GRADE_WORDS,
    OUTCOME_WORDS,
    grade_state,
    outcome_note,
    outcome_word,
    score_text,
    short_verdict,
    verdict_text,
)


@pytest.mark.parametrize(
    ("outcome", "word", "note"),
    [
        ("answered", "answered", None),
        ("timed_out", "timed out", "timed out"),
        ("skipped", "skipped", "skipped"),
        ("ended", "ended early", "ended early"),
        ("not_asked", "not reached", "not reached"),
        ("in_progress", "in progress", "in progress"),
        ("something_new", "something_new", "something_new"),  # unknown: shown as stored
    ],
)
def test_each_outcome_has_one_word(outcome: str, word: str, note: str | None) -> None:
    assert (outcome_word(outcome), outcome_note(outcome)) == (word, note)


def question(gradable=True, invalid=False, undecided=False, correct=False, score=0.0, misconception=None,
             key_points=(), corrected=False, claims=(), feedback="") -> SimpleNamespace:
    return SimpleNamespace(gradable=gradable, invalid=invalid, undecided=undecided, correct=correct, score=score,
                           misconception=misconception, key_points=key_points, corrected=corrected, claims=claims,
                           feedback=feedback)


DENIED = (ClaimCheck("product", "concept", "found"), ClaimCheck("below-one", "concept", "contradicted"))


GRADE_CASES = [
    (question(correct=True, score=1.0), "correct", "correct, 100%", "✓ 100%"),
    (question(score=0.5), "partial", "partly correct, 50%", "◐ 50%"),
    # a false claim makes the answer wrong; its key points keep their (capped) credit
    (question(score=0.25, misconception="clipping-fixes-vanishing", key_points=DENIED[:1]), "wrong",
     "wrong, 25% for the key points made, at most 25% with a false claim", "✗ 25%"),
    (question(score=0.25, misconception="a-numeric-slip"), "wrong", "wrong, 25%", "✗ 25%"),
    (question(score=0.25, key_points=DENIED), "wrong",
     "wrong, 25% for the key points made, at most 25% with a false claim", "✗ 25%"),
    (question(score=0.25, key_points=DENIED, corrected=True, claims=DENIED[:1]), "partial",
     "partly correct, 25%: key points count half until the answer is complete (corrected by you)", "◐ 25% ✎"),
    (question(), "wrong", "wrong, 0%", "✗ 0%"),
    (question(score=None), "wrong", "wrong, n/a", "✗ n/a"),
    (question(undecided=True), "undecided", "undecided, 0%", "? 0%"),
    (question(invalid=True), "unreadable", "could not be read, 0%", "✗ 0%"),
    (question(invalid=True, undecided=True), "unreadable", "could not be read, 0%", "✗ 0%"),
    (question(gradable=False, score=None, correct=None), "self_check",
     "self-check: compare with the model answer", "– self-check"),
]


@pytest.mark.parametrize(("graded", "state", "verdict", "short"), GRADE_CASES)
def test_each_grade_state_has_one_word(graded, state: str, verdict: str, short: str) -> None:
    assert (grade_state(graded), verdict_text(graded), short_verdict(graded)) == (state, verdict, short)


def test_a_wrong_answers_credit_with_scored_follow_ups_does_not_claim_it_all_for_the_key_points() -> None:
    """The question's score counts its scored follow-ups (main answer 25%, follow-up 100%: 50%):
    "50% for the key points made, at most 25%" contradicted itself in the debrief."""
    graded = question(score=0.5, misconception="clipping-fixes-vanishing", key_points=DENIED[:1])
    graded.follow_ups = (SimpleNamespace(score=1.0),)
    assert verdict_text(graded) == "wrong, 50%, follow-ups included: a false claim caps the answer at 25%"
    graded.follow_ups = (SimpleNamespace(score=None),)  # a follow-up without a check is not scored
    assert verdict_text(graded) == "wrong, 50% for the key points made, at most 25% with a false claim"


def test_a_partial_answers_credit_with_scored_follow_ups_says_they_are_included() -> None:
    """A partly right answer at 25% and a follow-up at 75% make the question's 50%: the half-share
    rule explains the answer's part, so the verdict says the follow-ups are in the figure."""
    graded = question(score=0.5, key_points=DENIED[:1])
    graded.follow_ups = (SimpleNamespace(score=0.75), SimpleNamespace(score=None))
    assert verdict_text(graded) == (
        "partly correct, 50%, follow-ups included: key points count half until the answer is complete")
    graded.follow_ups = (SimpleNamespace(score=None),)
    assert verdict_text(graded) == "partly correct, 50%: key points count half until the answer is complete"


def test_every_state_and_outcome_is_worded() -> None:
    """The words cover every outcome the store allows (plus the report's own two), and the
    cases above cover every grade state that has a word."""
    from typing import get_args

    from tutor.store.mocks import StepOutcome

    assert set(get_args(StepOutcome)) | {"not_asked", "in_progress"} == set(OUTCOME_WORDS)
    assert {state for _, state, _, _ in GRADE_CASES} == set(GRADE_WORDS)


HALF_FOUND = (ClaimCheck("product", "concept", "found"), ClaimCheck("shrinks", "concept", "missed"))
RULE = "key points count half until the answer is complete"


def test_a_partial_key_point_score_says_how_it_is_counted() -> None:
    """'Partly correct: 1 of the 2 key points' beside 25% read as a mistake: the debrief's
    result line and a follow-up's score say the rule; other scores need no words."""
    assert verdict_text(question(score=0.25, key_points=HALF_FOUND)) == f"partly correct, 25%: {RULE}"
    assert verdict_text(question(score=0.5)) == "partly correct, 50%"  # a choice question's own partial rule
    assert verdict_text(question(score=0.25, key_points=DENIED)) == (
        "wrong, 25% for the key points made, at most 25% with a false claim")
    assert score_text(0.25, HALF_FOUND) == f"25% ({RULE})"
    assert (score_text(1.0, HALF_FOUND), score_text(0.25, ()), score_text(0.25, DENIED)) == ("100%", "25%", "25%")
    # a list of terms is capped by its own rule, which the words say instead
    listed = "Not yet: this is a list of terms. It names words but says nothing about how they relate."
    assert verdict_text(question(score=0.25, key_points=HALF_FOUND, feedback=listed)) == (
        "partly correct, 25%: a list of terms earns a quarter at most")
    assert score_text(0.25, HALF_FOUND, listed) == "25% (a list of terms earns a quarter at most)"
