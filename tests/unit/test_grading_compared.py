"""A question that compares its subject with something else ("more in RNNs than in CNNs?"):
what an answer says of the other side alone is not read against the subject's key points."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.packs.problems import PackError

RNN_VS_CNN = {
    "kind": "concepts",
    "required": 2,
    "concepts": [
        {"name": "same-matrix", "phrases": ["the same recurrent matrix at every step", "shared weights"]},
        {"name": "depth-is-length", "phrases": ["the depth is the sequence length"]},
        {"name": "cnn-remedies", "phrases": ["CNNs use batch normalisation and residual connections"]},
    ],
    "misconceptions": [{"name": "cnn-reuses-one-matrix", "phrases": ["CNNs multiply the same matrix"],
                        "feedback": "A CNN's layers each have their own weights."}],
}
COMPARED = {**RNN_VS_CNN, "subject": "an RNN", "compared_with": ["a CNN", "a ResNet"]}
CNN_SIDE = "A CNN has a fixed number of layers, each with its own weights."


def test_without_the_comparison_the_other_sides_own_weights_deny_the_shared_matrix() -> None:
    """The reading this module corrects: "own weights" reverses "shared weights"."""
    assert "negated:same-matrix" in grade(RNN_VS_CNN, CNN_SIDE).notes


def test_a_sentence_about_the_other_side_alone_denies_no_key_point_of_the_subject() -> None:
    result = grade(COMPARED, CNN_SIDE)
    assert result.notes == ("missed:same-matrix", "missed:depth-is-length", "missed:cnn-remedies")
    assert result.feedback.startswith("Not yet: none of the key points were found.")


def test_the_other_sides_key_point_is_still_credited_from_it() -> None:
    result = grade(COMPARED, CNN_SIDE + " CNNs also use batch normalisation and residual connections.")
    assert (result.correct, result.score) == (False, 0.25)
    assert sorted(result.notes) == ["hit:cnn-remedies", "missed:depth-is-length", "missed:same-matrix"]


def test_a_sentence_naming_the_subject_is_read_as_before() -> None:
    """"An RNN has its own weights at every step" is said of the RNN: it denies the point."""
    assert "negated:same-matrix" in grade(COMPARED, "An RNN has its own weights at every step, like a CNN.").notes


def test_a_false_claim_about_the_other_side_is_still_caught() -> None:
    result = grade(COMPARED, "The depth is the sequence length, and CNNs multiply the same matrix too.")
    assert "misconception:cnn-reuses-one-matrix" in result.notes
    assert not result.correct


def test_a_right_answer_that_contrasts_the_two_is_right() -> None:
    result = grade(COMPARED, "An RNN reuses the same recurrent matrix at every step and the depth is the sequence "
                             "length. A ResNet has a fixed number of layers, each with its own weights.")
    assert result.correct


def test_an_overlong_name_of_the_other_side_is_a_precise_pack_error(tmp_path) -> None:
    from tests.unit.packfiles import QUESTION, write_pack
    from tutor.packs.loader import load_pack

    choice = QUESTION.format(id="q1").index("    check:")
    question = QUESTION.format(id="q1")[:choice] + (
        "    check:\n      kind: concepts\n      concepts: [{name: a, phrases: [same matrix]}]\n"
        f"      compared_with: [{'x' * 71}]\n")
    with pytest.raises(PackError) as raised:
        load_pack(write_pack(tmp_path / "pack", "questions:\n" + question))
    assert "questions[0].check.compared_with[0]: is 71 characters long, over the limit of 70" in str(raised.value)


def test_a_key_point_about_the_other_side_stated_there_is_not_lost_to_a_denial_of_the_subject() -> None:
    """An instructor's trial: with `subject: an LSTM` and the vanilla RNN's "same matrix every step"
    as a key point, "A vanilla RNN multiplies the same matrix every step. An LSTM does not
    multiply the same matrix every step" was told it stated the opposite of the point: the
    statement, in the sentence about the RNN, had been set aside with the denials."""
    lstm = {"kind": "concepts", "subject": "an LSTM", "compared_with": ["a vanilla RNN"],
            "concepts": [{"name": "same-matrix", "phrases": ["multiplies the same matrix every step"]},
                         {"name": "cell-path", "phrases": ["the cell path has no weight matrix"]}]}
    result = grade(lstm, "A vanilla RNN multiplies the same matrix every step. An LSTM does not multiply the same "
                         "matrix every step: its cell path has no weight matrix.")
    assert "negated:same-matrix" not in result.notes
    assert result.undecided or result.correct


def test_a_false_claim_is_not_pieced_together_across_whereas() -> None:
    """"In an RNN the same matrix is multiplied in at every step, whereas each CNN layer has its
    own weights" was told it claimed that RNNs use different weights at each step: the RNN
    from one side of "whereas", the own weights from the other (the built-in pack's q3, whose
    vocabulary reads "own weights" as different ones)."""
    from tutor import paths
    from tutor.packs.loader import load_pack

    check = load_pack(paths.builtin_content_dir() / "rnn-gradients").question("q3-rnn-vs-cnn-vanishing").check
    said = ("Because in an RNN the same recurrent weight matrix is multiplied in again at every time step during "
            "backpropagation, whereas each CNN layer has its own weights.")
    assert grade(check, said).notes == ("hit:same-matrix", "missed:depth-is-length", "missed:cnn-remedies")
    assert "misconception:rnn-weights-differ" in grade(check, "An RNN uses different weights at each step.").notes
