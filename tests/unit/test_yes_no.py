"""A yes-or-no question answered the other way: the opening asserts the opposite."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.grading.yes_no import opposite_opening

CLIPPING = {
    "kind": "concepts",
    "answer_is": "no",
    "required": 1,
    "concepts": [{"name": "only-exploding", "phrases": ["clipping only rescales large gradients"]}],
}


@pytest.mark.parametrize(("response", "opening"), [
    ("Yes, by rescaling the gradient it fixes vanishing too.", "Yes, by rescaling the gradient it fixes vanishing too."),
    ("yes mostly, clipping keeps gradients in a range. Then it trains.", "yes mostly, clipping keeps gradients in a range."),
    ("Yeah. Clipping only rescales large gradients.", "Yeah."),
    ("No, clipping only rescales large gradients.", None),
    ("Yes and no: clipping only rescales large gradients.", None),
    ("Yes, but only for exploding gradients.", None),
    ("Partly: clipping only rescales large gradients.", None),
    ("Clipping only rescales large gradients, so yes it helps.", None),
    ("", None),
])
def test_the_opening_that_answers_the_other_way(response: str, opening: str | None) -> None:
    assert opposite_opening(response, "no") == opening


def test_an_answer_opening_with_the_other_word_is_wrong_whatever_follows() -> None:
    graded = grade(CLIPPING, "Yes: clipping only rescales large gradients, and that fixes it.")
    assert (graded.correct, graded.score) == (False, 0.25)
    assert "misconception:answers-yes" in graded.notes
    assert "the short answer to this question is “no”" in graded.feedback
    [claim] = [c for c in graded.claims if c.name == "answers-yes"]
    assert (claim.role, claim.status, claim.sentence) == ("misconception", "found", "Yes: clipping only rescales large gradients, and that fixes it.")
    assert grade(CLIPPING, "No: clipping only rescales large gradients.").correct
    assert grade({**CLIPPING, "answer_is": None}, "Yes: clipping only rescales large gradients.").correct
