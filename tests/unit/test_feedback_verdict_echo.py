"""The verdict line is said once: the grader's own first line ("Not correct.") under "✗ Not right"
read as two verdicts, a trial's finding on multiple-choice and numeric questions."""

from __future__ import annotations

from tests.unit.test_grading_choice import SINGLE
from tutor.checks.answers import grade
from tutor.grading.result import Grade
from tutor.ui.widgets.feedback_view import feedback_content

CHOICE = SINGLE  # clipping's question with one right option and per-option feedback


def test_a_wrong_choice_is_said_not_right_once_with_the_option_feedback() -> None:
    shown = feedback_content(grade(CHOICE, "b")).plain
    assert shown == "✗ Not right\nb) No: a vanished gradient stays small after clipping.\nThe answer is a."


def test_a_right_choice_keeps_its_option_feedback_under_one_verdict() -> None:
    assert feedback_content(grade(CHOICE, "a")).plain == "✓ Right\na) Yes: clipping caps the norm."


def test_the_reason_after_an_echoed_verdict_stays_as_a_sentence() -> None:
    shown = feedback_content(Grade(False, 0.0, "Not correct: 2 is too high (the answer must be within 1%).")).plain
    assert shown == "✗ Not right\n2 is too high (the answer must be within 1%)."


def test_a_learners_override_keeps_the_graders_words_as_they_were() -> None:
    shown = feedback_content(grade(CHOICE, "b"), overridden=True).plain
    assert shown.splitlines()[:3] == ["✓ Marked right by you (was: ✗ Not right)", "The grader's reading, for reference:",
                                      "Not correct."]
