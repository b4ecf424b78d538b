"""The verdict line of the feedback panel: a false claim is never called partly right."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.grading.result import Grade
from tutor.ui.widgets.feedback_view import verdict

CLIPPING = {
    "kind": "concepts",
    "concepts": [{"name": "only-exploding", "phrases": ["clipping only addresses exploding gradients"]},
                 {"name": "rescales", "phrases": ["rescales the gradient"]}],
    "misconceptions": [{"name": "clipping-fixes-vanishing", "phrases": ["clipping fixes vanishing gradients"],
                        "feedback": "Clipping only ever shrinks a gradient."}],
}


@pytest.mark.parametrize(("graded", "line"), [
    (Grade(True, 1.0, ""), "✓ Right"),
    (Grade(False, 0.25, "", ("hit:a", "missed:b")), "◐ Partly right (25%)"),
    (Grade(False, 0.25, "", ("hit:a", "misconception:m")), "✗ Not right (25% for the key points made, at most 25% with a false claim)"),
    (Grade(False, 0.25, "", ("hit:a", "negated:b")), "✗ Not right (25% for the key points made, at most 25% with a false claim)"),
    (Grade(False, 0.0, "", ("misconception:m",)), "✗ Not right"),
    (Grade.could_not_decide("unsure"), "? Could not decide"),
])
def test_the_verdict_line(graded: Grade, line: str) -> None:
    assert verdict(graded).plain == line


def test_a_misconception_beside_a_key_point_reads_as_not_right() -> None:
    graded = grade(CLIPPING, "It rescales the gradient, so clipping fixes vanishing gradients as well.")
    assert (graded.correct, graded.score, graded.states_a_falsehood) == (False, 0.25, True)
    assert verdict(graded).plain.startswith("✗ Not right")
