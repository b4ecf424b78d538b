"""Free-text concept grading: normalisation, typos, negation, misconceptions, partial credit."""

from __future__ import annotations

import pytest

from tutor.grading import grade
from tutor.grading.text_match import find, phrase, stem, words

MISCONCEPTION_FEEDBACK = "Clipping rescales large gradients; it cannot restore a gradient that has already vanished."
CLIPPING = {
    "kind": "concepts",
    "concepts": [
        {"name": "bounds-exploding",
         "phrases": ["prevents exploding", "stops exploding gradients", "caps the gradient norm", "limits the norm"]},
        {"name": "not-vanishing", "phrases": ["does not fix vanishing", "does not help vanishing", "no effect on vanishing"]},
    ],
    "misconceptions": [
        {"name": "clipping-fixes-vanishing",
         "phrases": ["clipping fixes vanishing", "clipping solves vanishing", "clipping helps vanishing"],
         "feedback": MISCONCEPTION_FEEDBACK},
    ],
}
DECAY = {
    "kind": "concepts",
    "concepts": [
        {"name": "repeated-multiplication", "phrases": ["repeated multiplication", "product of jacobians"]},
        {"name": "exponential-decay", "phrases": ["exponential decay", "shrinks exponentially"]},
        {"name": "long-term-dependencies", "phrases": ["fails to learn long-term dependencies"]},
    ],
    "required": 2,
}


@pytest.mark.parametrize(
    ("response", "correct", "score", "notes"),
    [
        ("No. Clipping only prevents exploding gradients; it does not fix vanishing gradients.", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        # case, punctuation and plurals
        ("CLIPPING PREVENTS EXPLODING GRADIENTS!!! It doesn't fix VANISHING ones.", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        # typos and a contraction written without its apostrophe
        ("Cliping prevnts exploding gradiants but doesnt fix vanishng ones", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        ("Gradient clipping stops exploding gradients, but it can't help with vanishing gradients.", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        # the misconception denied: it must not fire, and the denial is the concept
        ("Clipping does not fix vanishing gradients.", False, 0.5, ("hit:not-vanishing", "missed:bounds-exploding")),
        ("It is not true that clipping fixes vanishing gradients; it prevents exploding ones.", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        # the misconception stated
        ("Clipping fixes vanishing gradients.", False, 0.0,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("No, clipping fixes vanishing gradients and prevents exploding gradients.", False, 0.5,
         ("hit:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("Clipping solves both vanishing and exploding gradients.", False, 0.0,
         ("missed:bounds-exploding", "missed:not-vanishing", "misconception:clipping-fixes-vanishing")),
        # a concept stated negatively does not count
        ("It doesn't prevent exploding gradients.", False, 0.0,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:bounds-exploding")),
        ("Clipping never limits the norm.", False, 0.0,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:bounds-exploding")),
        # nothing relevant; code is just text here
        ("__import__('os').system('touch pwned')", False, 0.0, ("missed:bounds-exploding", "missed:not-vanishing")),
    ],
)
def test_clipping_answers(response: str, correct: bool, score: float, notes: tuple[str, ...]) -> None:
    result = grade(CLIPPING, response)
    assert (result.correct, result.score, result.notes) == (correct, score, notes)


def test_feedback_lists_found_missing_denied_and_the_misconception() -> None:
    result = grade(CLIPPING, "No, clipping fixes vanishing gradients and prevents exploding gradients.")
    assert result.feedback == (
        "Not quite: your answer states a misconception.\n"
        "Found: bounds exploding.\n"
        "Missing: not vanishing.\n"
        "You stated the opposite of: not vanishing.\n" + MISCONCEPTION_FEEDBACK
    )
    assert grade(CLIPPING, "Clipping does not fix vanishing gradients.").feedback == (
        "Partly correct: 1 of the 2 key points.\nFound: not vanishing.\nMissing: bounds exploding."
    )
    assert grade(CLIPPING, "RNNs are hard.").feedback == (
        "Not yet: none of the key points were found.\nMissing: bounds exploding, not vanishing."
    )
    assert grade(CLIPPING, "It prevents exploding gradients but does not fix vanishing ones.").feedback == (
        "Correct.\nFound: bounds exploding, not vanishing."
    )


@pytest.mark.parametrize(
    ("response", "correct", "score", "notes"),
    [
        ("Repeated multiplication by W makes the gradient shrink exponentially.", True, 1.0,
         ("hit:repeated-multiplication", "hit:exponential-decay", "missed:long-term-dependencies")),
        ("The gradient is multiplied repeatedly, so it decays exponentially and the RNN cannot learn long-term "
         "dependencies.", True, 1.0,
         ("hit:repeated-multiplication", "hit:exponential-decay", "hit:long-term-dependencies")),
        ("The product of Jacobians does not decay exponentially.", False, 0.5,
         ("hit:repeated-multiplication", "missed:exponential-decay", "missed:long-term-dependencies",
          "negated:exponential-decay")),
        ("The network learns long-term dependencies easily.", False, 0.0,
         ("missed:repeated-multiplication", "missed:exponential-decay", "missed:long-term-dependencies",
          "negated:long-term-dependencies")),
    ],
)
def test_required_count_and_phrases_that_contain_a_negation(response, correct, score, notes) -> None:
    result = grade(DECAY, response)
    assert (result.correct, result.score, result.notes) == (correct, score, notes)


def test_format_errors() -> None:
    for response, note in (("", "format:empty"), ("  ... !!", "format:empty"), ("x" * 5001, "format:too-long")):
        result = grade(CLIPPING, response)
        assert result.invalid and result.notes == (note,)
    assert grade(CLIPPING, ["a"]).notes == ("format:type",)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("gradients", "gradient"), ("vanishing", "vanish"), ("vanishes", "vanish"), ("vanished", "vanish"),
     ("clipping", "clip"), ("clipped", "clip"), ("fixes", "fix"), ("exploding", "explod"), ("explodes", "explod"),
     ("multiplication", "multiply"), ("multiplying", "multiply"), ("multiplies", "multiply"),
     ("multiply", "multiply"), ("repeatedly", "repeat"), ("exponentially", "exponential"),
     ("dependencies", "dependency"), ("bias", "bias"), ("lstm", "lstm"), ("causes", "caus"), ("cause", "caus")],
)
def test_light_stemmer(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("wanted", "text", "verdict"),
    [
        ("clipping fixes vanishing", "Clipping does not fix vanishing gradients.", "denied"),
        ("clipping fixes vanishing", "Gradient clipping fixes the vanishing gradient problem", "stated"),
        ("clipping fixes vanishing", "No, clipping fixes vanishing gradients", "stated"),
        ("clipping fixes vanishing", "Clipping isn't a fix for vanishing gradients", "denied"),
        ("clipping fixes vanishing", "Clipping. It fixes vanishing gradients", None),  # not within one sentence
        ("clipping fixes vanishing", "clipping of the recurrent weights in every layer fixes vanishing", None),  # gap 4
        ("exponential decay", "gradients decay exponentially", "stated"),
        ("exponential decay", "gradients never decay exponentially", "denied"),
        ("fails to learn long-term dependencies", "it cannot learn long term dependencies", "stated"),
        ("vanishing gradient", "the gradients vanish", "stated"),
        ("forget gate", "the forget rate", None),  # short words are compared exactly
        ("must explode", "a necessary condition for exploding gradients", None),  # modal verbs carry meaning
        ("always explodes", "It is 1.5 > 1. It always explodes", "stated"),  # 1.5 is no sentence end
        ("1.5 times larger", "it is 1.5 times larger", "stated"),
    ],
)
def test_phrase_finding(wanted: str, text: str, verdict: str | None) -> None:
    assert find(words(text), phrase(wanted)) == verdict


def test_partial_feedback_counts_against_the_required_number_when_not_all_are_needed() -> None:
    """Three concepts listed and two required: '1 of the 2 key points' read as if only
    two existed."""
    feedback = grade(DECAY, "The product of Jacobians is the culprit.").feedback
    assert feedback.splitlines()[0] == "Partly correct: 1 key point found; 2 of the 3 are needed."
