"""The claim grader on answers written for this test (not the pack's own samples).

HELD_OUT: answers to the built-in pack's 13 concept questions in the learner's own words,
right, wrong (misconceptions, negations, reversals, keyword-stuffed) and partial, each with
the exact verdict it gets: (question, kind, response, correct, score, deciding note). They
were written before the rubrics were tuned on a separate set.
The floors below restate the targets of issue 14 on this set.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import pytest

from tutor import paths
from tutor.checks.answers import grade
from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError

HELD_OUT = [
    ('why-gradient-problems-matter', 'right', "Vanishing: gradients from far-away time steps decay towards zero, so the RNN never learns long-range dependencies. Exploding: gradients blow up, giving enormous updates and unstable training.", True, 1.0, ''),
    ('why-gradient-problems-matter', 'right', "Because BPTT multiplies Jacobians step after step; the product either collapses, so long-term dependencies are lost, or explodes, so the loss spikes.", True, 1.0, ''),
    ('why-gradient-problems-matter', 'right', "vanishing grads = model can't learn long term dependencies; exploding grads = unstable training, NaNs", True, 1.0, ''),
    ('why-gradient-problems-matter', 'right', "If the gradient vanishes the early inputs have no influence on learning and long-range context is lost. If it explodes the weight updates are huge and training diverges.", True, 1.0, ''),
    ('why-gradient-problems-matter', 'right', "Vanishing gradients mean the network is unable to capture long-term dependencies; exploding gradients make optimisation unstable.", True, 1.0, ''),
    ('why-gradient-problems-matter', 'wrong', "Vanishing gradients produce NaN values while exploding gradients only slow training down.", False, 0.0, 'misconception:vanishing-causes-nan'),
    ('why-gradient-problems-matter', 'wrong', "Exploding gradients help the network learn long-term dependencies faster.", False, 0.0, 'misconception:exploding-helps-learning'),
    ('why-gradient-problems-matter', 'wrong', "They matter because vanishing gradients make training unstable.", False, 0.0, 'misconception:vanishing-causes-nan'),
    ('why-gradient-problems-matter', 'partial', "Exploding gradients cause huge updates.", False, 0.25, ''),
    ('sum-over-time-contributions', 'right', "The gradient of W_hh is a sum of terms over all time steps; terms with few Jacobian factors stay big and dominate, terms spanning many steps decay exponentially, so only long-range dependencies are lost.", True, 1.0, ''),
    ('sum-over-time-contributions', 'right', "It's summed across time steps. Recent contributions dominate, the distant ones vanish, so the model still learns short-term patterns but not long-term dependencies.", True, 1.0, ''),
    ('sum-over-time-contributions', 'right', "Total gradient = sum of per-step contributions. Short-range terms dominate it; long-range terms become negligible.", True, 1.0, ''),
    ('sum-over-time-contributions', 'right', "The gradient adds up a contribution from every step; the nearby ones stay large and dominate while far-back contributions shrink to almost nothing.", True, 1.0, ''),
    ('sum-over-time-contributions', 'wrong', "The total gradient is zero, so the weights stop updating.", False, 0.0, 'misconception:total-gradient-zero'),
    ('sum-over-time-contributions', 'wrong', "It is a sum over time steps in which the long-range terms dominate.", False, 0.166667, 'negated:short-range-dominates'),
    ('sum-over-time-contributions', 'wrong', "The gradient is a sum over time steps and both short and long range terms are equally important.", False, 0.166667, 'negated:long-range-shrink'),
    ('sum-over-time-contributions', 'partial', "It is a sum over the time steps.", False, 0.166667, ''),
    ('exploding-necessary-not-sufficient', 'right', "σ_max > 1 is necessary but not sufficient for explosion; saturating tanh units shrink the gradient, and the spectral radius may still be below one.", True, 1.0, ''),
    ('exploding-necessary-not-sufficient', 'right', "A largest singular value of 1.5 only means growth is possible. Saturation (tanh' close to 0) can make the gradient vanish anyway.", True, 1.0, ''),
    ('exploding-necessary-not-sufficient', 'right', "The condition is necessary, not sufficient - tanh saturates and the eigenvalues can all be below 1.", True, 1.0, ''),
    ('exploding-necessary-not-sufficient', 'right', "It's only a necessary condition for exploding gradients; saturated units have tiny derivatives.", True, 1.0, ''),
    ('exploding-necessary-not-sufficient', 'wrong', "Nothing is wrong; σmax = 1.5 is sufficient for the gradient to explode.", False, 0.0, 'misconception:above-threshold-always-explodes'),
    ('exploding-necessary-not-sufficient', 'wrong', "The conclusion is correct because the gradient must explode whenever sigma max is above 1.", False, 0.0, 'misconception:above-threshold-always-explodes'),
    ('exploding-necessary-not-sufficient', 'wrong', "It is right; saturation makes gradients explode even more.", False, 0.25, ''),
    ('exploding-necessary-not-sufficient', 'partial', "Saturation of the tanh units can shrink the gradient.", False, 0.25, ''),
    ('orthogonal-initialisation', 'right', "Orthogonal matrices have all singular values equal to one, so the gradient norm is preserved at init; training moves the weights away from orthogonality and tanh still shrinks gradients.", True, 1.0, ''),
    ('orthogonal-initialisation', 'right', "It preserves norms at the start of training because every singular value is 1. It does not guarantee that the matrix stays orthogonal during training.", True, 1.0, ''),
    ('orthogonal-initialisation', 'right', "All its singular values are 1 - an isometry - so the linear recurrence neither shrinks nor blows up the gradient. But the activation derivative is still at most 1.", True, 1.0, ''),
    ('orthogonal-initialisation', 'right', "Because it keeps the gradient norm at initialisation; later the weights drift during training.", True, 1.0, ''),
    ('orthogonal-initialisation', 'wrong', "Orthogonal initialization keeps the matrix orthogonal during training, so vanishing is solved permanently.", False, 0.0, 'misconception:stays-orthogonal'),
    ('orthogonal-initialisation', 'wrong', "An orthogonal matrix has singular values above 1, which makes gradients grow.", False, 0.0, 'misconception:singular-values-above-one'),
    ('orthogonal-initialisation', 'wrong', "It guarantees that gradients never vanish, even with tanh.", False, 0.0, ''),
    ('orthogonal-initialisation', 'partial', "All singular values are equal to 1.", False, 0.25, ''),
    ('truncated-bptt-tradeoff', 'right', "Cheaper updates - memory and compute scale with k, not with the sequence length. But dependencies longer than k steps get no gradient.", True, 1.0, ''),
    ('truncated-bptt-tradeoff', 'right', "It saves memory; the cost is that long-range dependencies beyond the window cannot be learned.", True, 1.0, ''),
    ('truncated-bptt-tradeoff', 'right', "Bounded memory and compute per update, at the price of losing long-term dependencies.", True, 1.0, ''),
    ('truncated-bptt-tradeoff', 'right', "Memory is bounded by the truncation window; anything further back than the window gets zero gradient, so those dependencies aren't learned.", True, 1.0, ''),
    ('truncated-bptt-tradeoff', 'wrong', "Truncated BPTT solves the vanishing gradient problem since the chain is short.", False, 0.0, 'misconception:tbptt-fixes-vanishing'),
    ('truncated-bptt-tradeoff', 'wrong', "It costs nothing and it is cheaper.", False, 0.0, 'misconception:truncation-is-free'),
    ('truncated-bptt-tradeoff', 'wrong', "It uses more memory but lets the model learn dependencies longer than the window.", False, 0.0, 'misconception:tbptt-fixes-vanishing'),
    ('truncated-bptt-tradeoff', 'partial', "It bounds the memory cost.", False, 0.25, ''),
    ('attention-gradient-path', 'right', "With attention the output at T attends to step t directly, so the gradient goes through a path of length one instead of through T-t Jacobians.", True, 1.0, ''),
    ('attention-gradient-path', 'partial', "The gradient travels directly from T to t via the attention weight, bypassing the recurrence.", False, 0.25, ''),
    ('attention-gradient-path', 'right', "The gradient travels directly from T to t, bypassing the recurrence, so its size is set by the attention weight whatever the distance.", True, 1.0, ''),
    ('attention-gradient-path', 'right', "Attention creates a single-hop path between any two positions, so the gradient does not depend on the distance T − t.", True, 1.0, ''),
    ('attention-gradient-path', 'partial', "The gradient skips the chain of recurrent Jacobians and reaches step t directly.", False, 0.25, ''),
    ('attention-gradient-path', 'wrong', "Attention makes the gradient pass through every step in between, one after another.", False, 0.0, ''),
    ('attention-gradient-path', 'wrong', "Attention has no gradient problems at all.", False, 0.0, 'misconception:attention-immune'),
    ('attention-gradient-path', 'wrong', "Attention adds more Jacobians to the path, making it longer.", False, 0.0, ''),
    ('attention-gradient-path', 'partial', "The path becomes direct.", False, 0.25, ''),
    ('q1-vanishing-gradients', 'right', "In BPTT the gradient is a product of Jacobians and decays exponentially with the distance, so the RNN can't learn long-term dependencies.", True, 1.0, ''),
    ('q1-vanishing-gradients', 'right', "Gradients shrink exponentially as they are backpropagated through time, so early time steps get almost no learning signal.", True, 1.0, ''),
    ('q1-vanishing-gradients', 'right', "Repeated multiplication by Jacobians with norm < 1 makes the gradient exponentially small, so long-range dependencies are lost.", True, 1.0, ''),
    ('q1-vanishing-gradients', 'right', "the gradient decays exponentialy through backpropagation through time so long term dependencies arent learnt", True, 1.0, ''),
    ('q1-vanishing-gradients', 'wrong', "Vanishing gradients happen when the learning rate is too small.", False, 0.0, 'misconception:learning-rate-cause'),
    ('q1-vanishing-gradients', 'wrong', "It means the gradient grows exponentially through time.", False, 0.0, 'negated:exponential-shrink'),
    ('q1-vanishing-gradients', 'wrong', "Gradients shrink exponentially, which makes it easier to learn long-term dependencies.", False, 0.25, 'negated:long-term-dependencies'),
    ('q1-vanishing-gradients', 'partial', "The gradient decays exponentially.", False, 0.25, ''),
    ('q2-exploding-gradients', 'right', "The gradient grows exponentially through BPTT, so updates become huge and the training becomes unstable.", True, 1.0, ''),
    ('q2-exploding-gradients', 'right', "Exploding gradients - the product of Jacobians blows up exponentially and the loss jumps to NaN.", True, 1.0, ''),
    ('q2-exploding-gradients', 'right', "When the Jacobian norms exceed 1 the gradient becomes exponentially large, the steps overshoot and training diverges.", True, 1.0, ''),
    ('q2-exploding-gradients', 'right', "Gradients grow exponentially with the number of time steps, making training unstable.", True, 1.0, ''),
    ('q2-exploding-gradients', 'wrong', "Exploding gradients speed up training because the steps are larger.", False, 0.0, 'misconception:exploding-means-faster'),
    ('q2-exploding-gradients', 'wrong', "The gradient decays exponentially and the loss spikes.", False, 0.25, 'negated:grows-exponentially'),
    ('q2-exploding-gradients', 'wrong', "Gradients grow exponentially, and that makes training more stable.", False, 0.25, 'negated:instability'),
    ('q2-exploding-gradients', 'partial', "The loss spikes and can become NaN.", False, 0.25, ''),
    ('q3-rnn-vs-cnn-vanishing', 'right', "Because an RNN multiplies by the same recurrent weight matrix at every time step, over hundreds of steps.", True, 1.0, ''),
    ('q3-rnn-vs-cnn-vanishing', 'partial', "The weights are shared across time, so the same matrix is applied again and again.", False, 0.25, ''),
    ('q3-rnn-vs-cnn-vanishing', 'partial', "The unrolled RNN is as deep as the sequence is long - often thousands of steps.", False, 0.25, ''),
    ('q3-rnn-vs-cnn-vanishing', 'partial', "Weight sharing - W_hh is reused at every step, so its effect compounds.", False, 0.25, ''),
    ('q3-rnn-vs-cnn-vanishing', 'wrong', "CNNs can never have vanishing gradients.", False, 0.0, 'misconception:cnn-immune'),
    ('q3-rnn-vs-cnn-vanishing', 'wrong', "Because RNN layers each have different weights.", False, 0.0, 'negated:same-matrix'),
    ('q3-rnn-vs-cnn-vanishing', 'wrong', "Because CNNs are immune to the problem thanks to convolutions.", False, 0.0, 'misconception:cnn-immune'),
    ('q4-clipping-and-vanishing', 'partial', "No, clipping only rescales gradients whose norm is above the threshold; it addresses exploding gradients.", False, 0.25, ''),
    ('q4-clipping-and-vanishing', 'right', "No: it only rescales gradients above the threshold, and it scales every time step's contribution by the same factor, so the far steps stay negligible.", True, 1.0, ''),
    ('q4-clipping-and-vanishing', 'right', "No. It only caps large gradients, so small gradients are unchanged.", True, 1.0, ''),
    ('q4-clipping-and-vanishing', 'right', "No - clipping can't enlarge a vanishing gradient; it only scales large ones down.", True, 1.0, ''),
    ('q4-clipping-and-vanishing', 'wrong', "Yes, clipping solves vanishing gradients.", False, 0.0, 'misconception:clipping-fixes-vanishing'),
    ('q4-clipping-and-vanishing', 'wrong', "Yes, clipping rescales small gradients up so they stop vanishing.", False, 0.0, 'misconception:clipping-fixes-vanishing'),
    ('q4-clipping-and-vanishing', 'wrong', "Clipping does not address exploding gradients, only vanishing ones.", False, 0.0, 'negated:only-exploding'),
    ('q5-eigenvalues-and-gradients', 'right', "In a linear RNN eigenvalues below 1 make the gradient vanish and above 1 make it explode; with tanh, σ_max < 1/γ guarantees vanishing and σ_max > 1/γ is only necessary for exploding.", True, 1.0, ''),
    ('q5-eigenvalues-and-gradients', 'right', "The spectral radius decides in the linear case; with a nonlinearity you need the largest singular value against 1/γ.", True, 1.0, ''),
    ('q5-eigenvalues-and-gradients', 'right', "Linear case - |λ| < 1 vanishes, |λ| > 1 explodes. Nonlinear case - the largest singular value below 1/gamma is a sufficient condition for vanishing.", True, 1.0, ''),
    ('q5-eigenvalues-and-gradients', 'right', "For a linear recurrence the spectral radius determines it; the largest singular value gives the guarantee for vanishing.", True, 1.0, ''),
    ('q5-eigenvalues-and-gradients', 'wrong', "Eigenvalues greater than 1 make gradients vanish and smaller than 1 make them explode.", False, 0.0, ''),
    ('q5-eigenvalues-and-gradients', 'wrong', "Eigenvalues above one always make the gradients explode, no matter the activation.", False, 0.0, 'misconception:eigenvalue-always-explodes'),
    ('q5-eigenvalues-and-gradients', 'wrong', "The eigenvalues do not affect the gradients at all.", False, 0.0, ''),
    ('q5-eigenvalues-and-gradients', 'partial', "With a nonlinearity the largest singular value matters, not just the eigenvalues.", False, 0.25, ''),
    ('q6-why-lstm-works', 'right', "The cell state update is additive, so the gradient along the cell path is scaled only by the forget gate.", True, 1.0, ''),
    ('q6-why-lstm-works', 'right', "Its memory cell is updated by addition and the forget gate decides how much passes, so gradients can flow over many steps.", True, 1.0, ''),
    ('q6-why-lstm-works', 'right', "Because of the additive cell state and forget gates near 1, there is no repeated multiplication by W on the cell path.", True, 1.0, ''),
    ('q6-why-lstm-works', 'right', "The forget gate controls an additive cell path - the constant error carousel.", True, 1.0, ''),
    ('q6-why-lstm-works', 'wrong', "The LSTM eliminates vanishing gradients completely thanks to its gates.", False, 0.0, 'misconception:lstm-never-vanishes'),
    ('q6-why-lstm-works', 'wrong', "It has more parameters so it learns better.", False, 0.0, ''),
    ('q6-why-lstm-works', 'wrong', "The forget gate makes the gradient explode along the cell state.", False, 0.0, 'misconception:gates-explode'),
    ('q6-why-lstm-works', 'partial', "It has a forget gate that can stay near 1.", False, 0.25, ''),
    ('q7-transformers-vanishing', 'right', "Yes, in principle, but much less than RNNs - residual connections keep an identity path and attention gives a path of length one.", True, 1.0, ''),
    ('q7-transformers-vanishing', 'right', "They can, e.g. in very deep stacks without normalisation, but skip connections and direct attention paths make it rare.", True, 1.0, ''),
    ('q7-transformers-vanishing', 'right', "Residual connections and one-hop attention reduce it a lot, but a saturated softmax can still starve gradients.", True, 1.0, ''),
    ('q7-transformers-vanishing', 'right', "Much less often thanks to residual connections and attention connecting any two positions, though it's possible in principle.", True, 1.0, ''),
    ('q7-transformers-vanishing', 'wrong', "No, Transformers are immune to vanishing gradients.", False, 0.0, 'misconception:transformers-immune'),
    ('q7-transformers-vanishing', 'wrong', "No, vanishing gradients are impossible in Transformers.", False, 0.0, 'misconception:transformers-immune'),
    ('q7-transformers-vanishing', 'wrong', "Transformers cannot have vanishing gradients because of residual connections.", False, 0.0, 'misconception:transformers-immune'),
    ('q7-transformers-vanishing', 'partial', "Residual connections help.", False, 0.25, ''),
]


@pytest.fixture(scope="module")
def pack():
    return load_pack(paths.builtin_content_dir() / "rnn-gradients")


@pytest.mark.parametrize(("question", "kind", "response", "correct", "score", "note"), HELD_OUT)
def test_exact_verdicts(pack, question, kind, response, correct, score, note) -> None:
    result = grade(pack.question(question).check, response)
    assert (result.correct, result.undecided) == (correct, False)
    assert result.score == pytest.approx(score, abs=1e-6)
    if note:
        assert note in result.notes


def test_floors_of_issue_14(pack) -> None:
    """Right answers >= 90% correct; no wrong answer correct or at 0.5+; partial answers
    get partial credit (>= 80%); undecided <= 10%."""
    grades = [(kind, grade(pack.question(q).check, response)) for q, kind, response, *_ in HELD_OUT]
    right = [g for kind, g in grades if kind == "right"]
    wrong = [g for kind, g in grades if kind == "wrong"]
    partial = [g for kind, g in grades if kind == "partial"]
    assert sum(g.correct for g in right) / len(right) >= 0.9
    assert not [g for g in wrong if g.correct or g.score >= 0.5]
    assert sum(not g.correct and 0 < g.score < 0.5 for g in partial) / len(partial) >= 0.8
    assert sum(g.undecided for _, g in grades) / len(grades) <= 0.1


def test_every_claim_is_reported_with_the_sentence_that_decided_it(pack) -> None:
    check = pack.question("q4-clipping-and-vanishing").check
    result = grade(check, "No. Clipping only caps the norm of big gradients. Clipping does not fix vanishing ones.")
    assert [(c.name, c.role, c.status, c.sentence) for c in result.claims] == [
        ("only-exploding", "concept", "found", "Clipping only caps the norm of big gradients."),
        ("small-untouched", "concept", "missed", ""),
        ("ratio-unchanged", "concept", "missed", ""),
        ("clipping-fixes-vanishing", "misconception", "contradicted", "Clipping does not fix vanishing ones."),
        ("clipping-worsens-vanishing", "misconception", "missed", ""),
        ("clipping-rebalances", "misconception", "missed", ""),
        ("clips-per-step", "misconception", "missed", ""),
        ("norm-clipping-turns", "misconception", "missed", ""),
    ]
    assert result.claims[0].label == "clipping is a fix for exploding gradients"


def test_a_misconception_wins_over_every_key_point(pack) -> None:
    check = pack.question("q4-clipping-and-vanishing").check
    result = grade(check, "Clipping caps the norm and targets exploding gradients, and it also fixes vanishing gradients.")
    assert (result.correct, result.score) == (False, 0.25)
    assert "misconception:clipping-fixes-vanishing" in result.notes
    assert result.feedback.splitlines()[0] == "Not quite: your answer states a misconception (clipping fixes vanishing)."
    assert result.feedback.splitlines()[-1].startswith("Clipping can only shrink a gradient")


def test_a_point_stated_and_denied_is_undecided(pack) -> None:
    check = pack.question("q4-clipping-and-vanishing").check
    result = grade(check, "Clipping fixes exploding gradients and small gradients stay small. "
                          "Clipping does not fix exploding gradients.")
    assert (result.undecided, result.correct, result.score) == (True, False, 0.0)
    assert "unsure:only-exploding" in result.notes
    assert result.claims[0].status == "unsure"
    assert result.feedback.startswith("Undecided: I could not tell whether your answer states clipping is a fix for exploding gradients")


def test_a_denial_of_another_wording_beside_a_clear_statement_is_a_contrast(pack) -> None:
    """"No single matrix is raised to a power" about a ResNet does not take back "the same
    W_hh 500 times" about the RNN: only a denial of a wording the answer itself states
    (the test above) leaves the point in doubt."""
    contrast = grade(pack.question("q3-rnn-vs-cnn-vanishing").check,
                     "The RNN's gradient gets multiplied by the same W_hh 500 times. A ResNet has its own "
                     "weights per layer, so no single matrix is raised to a huge power, and its depth is a "
                     "design choice rather than set by the data.")
    assert (contrast.correct, contrast.undecided) == (True, False)
    assert "hit:same-matrix" in contrast.notes
    check = {"kind": "concepts", "concepts": [{"name": "same-matrix", "phrases": ["multiplied by the same matrix"]}]}
    taken_back = grade(check, "The gradient is multiplied by the same matrix every step. "
                              "Actually it is not multiplied by the same matrix.")
    assert taken_back.undecided and "unsure:same-matrix" in taken_back.notes


@pytest.mark.parametrize(
    ("response", "verdict", "statuses"),
    [
        # two edits in a long word: doubtful, and the verdict hangs on it
        ("Gradients shrink exponenshally in BPTT, so long-term dependencies are lost.", ("undecided", False, 0.0),
         ["unsure", "found"]),
        # one edit: a sure match
        ("Gradients shrink exponentialy in BPTT, so long-term dependencies are lost.", ("decided", True, 1.0),
         ["found", "found"]),
        # the same doubt, but the other point is missing: not correct either way
        ("Gradients shrink exponenshally in BPTT.", ("decided", False, 0.0), ["unsure", "missed"]),
    ],
)
def test_a_doubtful_typo_is_undecided_only_when_it_decides(pack, response, verdict, statuses) -> None:
    result = grade(pack.question("q1-vanishing-gradients").check, response)
    assert ("undecided" if result.undecided else "decided", result.correct, result.score) == verdict
    assert [claim.status for claim in result.claims if claim.role == "concept"] == statuses
    assert {claim.status for claim in result.claims if claim.role == "misconception"} == {"missed"}


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("σₘₐₓ < 1/γ guarantees vanishing; in the linear case the spectral radius ρ decides", True),
        ("sigma_max below one over gamma guarantees vanishing, and for a linear RNN the spectral radius decides", True),
        ("sigma max < 1/gamma is sufficient for vanishing; with a linear recurrence the eigenvalues decide", True),
        ("σ_max > 1/γ guarantees vanishing", False),
    ],
)
def test_symbols_and_their_spelt_out_forms_read_alike(pack, response, correct) -> None:
    assert grade(pack.question("q5-eigenvalues-and-gradients").check, response).correct is correct


def test_british_and_american_spelling(pack) -> None:
    check = pack.question("q7-transformers-vanishing").check
    for spelling in ("normalisation", "normalization"):
        text = f"Residual connections help a lot, but deep stacks still need {spelling}."
        assert grade(check, text).correct, spelling


def test_grading_a_100_word_answer_takes_under_20_ms(pack) -> None:
    check = pack.question("why-gradient-problems-matter").check
    answer = (
        "An RNN is trained with backpropagation through time, so the gradient for an early step is a product "
        "of many step Jacobians. If that product shrinks, the learning signal from distant steps fades and "
        "long-term dependencies are lost, because every factor has a norm below one and the product decays "
        "exponentially with the distance. If it grows, updates become huge, the loss spikes and training is "
        "unstable or overflows to NaN. Clipping helps with the second problem only; gating, residual paths "
        "and careful initialisation help with the first, and in practice people combine them all when they "
        "train recurrent networks on long sequences today."
    )
    assert 95 <= len(answer.split()) <= 110
    grade(check, answer)
    times = []
    for _ in range(15):
        started = time.perf_counter()
        grade(check, answer)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.020


def test_import_tutor_loads_neither_the_stemmer_nor_rapidfuzz() -> None:
    code = (
        "import sys, tutor, tutor.grading, tutor.packs.loader; "
        "print(sorted(m for m in ('snowballstemmer', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


PACK_HEAD = """id: demo
title: Demo
version: "1"
description: A pack.
authors: [A]
license: CC-BY-4.0
"""
QUESTIONS = """questions:
  - id: q
    level: basic
    topics: [t]
    prompt: Why do gradients vanish?
    answer: The gradient dies out over many steps.
    explanation: Because.
    check:
      kind: concepts
      concepts:
        - name: shrinks
          phrases: [gradient shrinks]
"""


@pytest.mark.parametrize(
    ("vocabulary", "message"),
    [
        ("  - {name: shrink, words: [shrink, die out]}\n  - {name: shrink, words: [fade]}\n",
         "vocabulary: group 'shrink' is declared twice"),
        ("  - {name: shrink, words: [shrink], opposite: swell}\n",
         "vocabulary: group 'shrink': opposite 'swell' is not a group"),
        ("  - {name: shrink, words: [shrink, Shrink]}\n", "vocabulary[0].words: 'Shrink' is listed twice"),
        ("  - {name: shrink, words: [shrink], opposite: shrink}\n",
         "vocabulary[0]: group 'shrink' cannot be its own opposite"),
        ("  - {name: shrink, words: [shrink, fade], opposite: grow}\n  - {name: grow, words: [grow, fade], opposite: shrink}\n",
         "vocabulary: 'fade' is in both 'shrink' and its opposite 'grow'"),
        ("  - {name: untouched, words: [untouched, as it is]}\n",
         "vocabulary[0].words: 'as it is' has only function words, which answers are not matched on:"
         " give it a word of its own"),
    ],
)
def test_vocabulary_errors_are_precise(tmp_path, vocabulary, message) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(PACK_HEAD + "vocabulary:\n" + vocabulary + QUESTIONS, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert [problem.message for problem in error.value.problems] == [message.split(": ", 1)[1]]
    assert str(error.value.problems[0]).split(": ")[1] == message.split(": ")[0]


def test_a_pack_vocabulary_reaches_its_concept_checks(tmp_path) -> None:
    path = tmp_path / "demo.yaml"
    # the shared groups already know "die out" and "fade"; a pack adds its own words to them
    path.write_text(PACK_HEAD + "vocabulary:\n  - {name: shrink, words: [peter out, wither]}\n" + QUESTIONS,
                    encoding="utf-8")
    check = load_pack(path).questions[0].check
    assert grade(check, "The gradient peters out after a few steps.").correct
    assert grade(check, "The gradient withers.").correct
    assert grade(check, "The gradient fades.").correct
    assert not grade(check, "The gradient does not wither.").correct
    plain = check.model_copy()
    assert not grade(plain.with_vocabulary(()), "The gradient withers.").correct
    assert grade(plain.with_vocabulary(()), "The gradient fades.").correct


def _group_senses(text: str, vocabulary) -> list[set[str]]:
    from tutor.grading.claim_match import units_of
    from tutor.grading.text_match import tokenize

    return [{sense for sense in unit.senses if sense.startswith("@")} for unit in units_of(tokenize(text), vocabulary)]


@pytest.mark.parametrize(("text", "senses"), [
    ("the decay is set by the eigenvalues", [{"@shrink"}, {"@proportional"}, {"@radius"}]),
    ("we set the threshold by hand", [set(), {"@threshold"}, set()]),
    ("the problems come from the product", [{"@problem"}, {"@caused-by"}, {"@product"}]),
    ("the gradient comes back", [{"@signal"}, set(), {"@backward"}]),
    ("the result is that gradients vanish", [set(), {"@signal"}, {"@shrink"}]),
    ("it results from the product", [{"@caused-by"}, {"@product"}]),
    ("it has the potential to explode", [{"@possible"}, {"@grow"}]),
])
def test_a_one_word_member_is_read_only_with_its_function_words(text, senses) -> None:
    """"set by", "come from", "has the potential": the function words are what make the member,
    and tokens leave them out, so "set" alone once read as "proportional", "come" as "caused by"
    and every "result" as a cause."""
    from tutor.grading.vocabulary import built_in

    assert _group_senses(text, built_in()) == senses


def test_a_pack_member_of_one_word_keeps_its_function_words() -> None:
    from tutor.grading.vocabulary import build

    vocabulary = build((("feed", ("feed", "pass in"), None),))
    assert _group_senses("we pass in the previous token", vocabulary)[0] == {"@feed"}
    assert _group_senses("each pass stores every state", vocabulary)[0] == set()


@pytest.mark.parametrize("written", ["T − t", "T - t", "T-t", "(s − t)", "t minus k", "T−t"])
def test_a_lag_between_two_steps_is_a_distance(written) -> None:
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize(f"it decays with {written}") if token.kind == "word"] == [
        "decays", "distance"]


def test_a_step_named_t_is_no_distance() -> None:
    from tutor.grading.vocabulary import built_in

    assert _group_senses("the gradient reaching step t", built_in()) == [{"@signal"}, set(), {"@timestep"}, set()]


WORKED_VOCABULARY = """vocabulary:
  - {name: shrink, words: [shrink, decay, vanish, fade, die out], opposite: grow}
  - {name: grow, words: [grow, explode, blow up], opposite: shrink}
  - {name: exponential, words: [exponential, exponentially, geometric, geometrically]}
"""
WEAK_RUBRIC = """      concepts:
        - {name: exponential-shrink, phrases: [exponential]}
        - {name: long-term-dependencies, phrases: [long-term dependencies]}
      required: 2
"""
STRONG_RUBRIC = """      concepts:
        - {name: exponential-shrink, phrases: [shrinks exponentially, exponentially small]}
        - name: long-term-dependencies
          phrases: [cannot learn long-term dependencies, long-term dependencies are lost]
      misconceptions:
        - name: learning-rate-cause
          phrases: [learning rate is too small]
          feedback: The learning rate scales all gradients alike; it does not explain vanishing.
      required: 2
"""
WORKED_SAMPLES = [
    ("The gradient grows exponentially, so long-term dependencies are learned.", False),
    ("The gradient decays geometrically, so the RNN can't learn long-range dependencies.", True),
    ("Vanishing gradients are caused by a learning rate that is too small, which makes the exponential "
     "updates miss long-term dependencies.", False),
]


def _worked_check(tmp_path, rubric: str):
    text = PACK_HEAD + WORKED_VOCABULARY + QUESTIONS.split("      concepts:")[0] + rubric
    path = tmp_path / "worked.yaml"
    path.write_text(text, encoding="utf-8")
    return load_pack(path).questions[0].check


def test_the_guides_worked_example_weak_rubric_fails_its_samples(tmp_path) -> None:
    """content/README.md, "A worked example": every sample catches the weak rubric ..."""
    check = _worked_check(tmp_path, WEAK_RUBRIC)
    assert [grade(check, response).correct for response, _ in WORKED_SAMPLES] == [True, False, True]


def test_the_guides_worked_example_strong_rubric_passes_them(tmp_path) -> None:
    """... and the rubric written as claims passes them all."""
    check = _worked_check(tmp_path, STRONG_RUBRIC)
    results = [grade(check, response) for response, _ in WORKED_SAMPLES]
    assert [result.correct for result in results] == [expected for _, expected in WORKED_SAMPLES]
    assert "negated:exponential-shrink" in results[0].notes
    assert "misconception:learning-rate-cause" in results[2].notes


PACK_MISCONCEPTIONS = """misconceptions:
  - name: truncation-is-free
    phrases: [truncated backpropagation is free]
    feedback: Truncation cuts every gradient path longer than its window.
"""


def test_a_pack_misconception_is_checked_by_every_concept_question(tmp_path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(PACK_HEAD + PACK_MISCONCEPTIONS + QUESTIONS, encoding="utf-8")
    check = load_pack(path).questions[0].check
    right = grade(check, "The gradient shrinks over many steps.")
    assert (right.correct, right.score) == (True, 1.0)
    stuffed = grade(check, "The gradient shrinks over many steps, and truncated backpropagation is free.")
    assert (stuffed.correct, stuffed.score) == (False, 0.25)
    assert "misconception:truncation-is-free" in stuffed.notes
    assert "Truncation cuts every gradient path longer than its window." in stuffed.feedback
    denied = grade(check, "The gradient shrinks over many steps; truncated backpropagation is not free.")
    assert (denied.correct, denied.score) == (True, 1.0)
    alone = grade(check.model_copy().with_vocabulary(()), "The gradient shrinks; truncated backpropagation is free.")
    assert "misconception:truncation-is-free" not in alone.notes  # graded alone, a check has no pack


def test_a_pack_misconception_declared_twice_is_one_clear_problem(tmp_path) -> None:
    path = tmp_path / "demo.yaml"
    twice = PACK_MISCONCEPTIONS + PACK_MISCONCEPTIONS.split("\n", 1)[1]
    path.write_text(PACK_HEAD + twice + QUESTIONS, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert [problem.message for problem in error.value.problems] == [
        "misconception 'truncation-is-free' is declared twice"]


def test_the_builtin_pack_catalogue_catches_a_false_claim_on_any_question(pack) -> None:
    """A right LSTM answer that adds 'truncation costs nothing' is not credited; the claim
    denied is no misconception, and the catalogue is reported only where it is touched."""
    check = pack.question("q6-why-lstm-works").check
    right = "The cell state is updated additively, so the gradient through the cell path is scaled by the forget gate, not by W_hh."
    plain = grade(check, right)
    assert plain.correct
    assert [c.name for c in plain.claims if c.role == "misconception"] == [m.name for m in check.misconceptions]
    stuffed = grade(check, right + " And truncated BPTT learns dependencies longer than the window, so truncation costs nothing.")
    assert (stuffed.correct, stuffed.score) == (False, 0.25)
    assert "misconception:truncation-costs-nothing" in stuffed.notes
    denied = grade(check, right + " Truncation is not free: it cannot learn dependencies longer than the window.")
    assert denied.correct


def test_a_sign_beside_a_number_compares_that_number(pack) -> None:
    """'|λ| > 1 (needs σ_max > 1/γ)' says λ is above 1, not above σ_max: the catalogue's
    'spectral radius above the largest singular value' is not asserted; written out, it is."""
    check = pack.question("q2-exploding-gradients").check
    right = "‖∂L/∂h_t‖ ~ |λ|^(T−t) with |λ| > 1 (needs σ_max(W_hh) > 1/γ): the gradient blows up exponentially, huge updates, NaN."
    graded = grade(check, right)
    assert graded.correct and "misconception:sigma-below-radius" not in graded.notes
    wrong = grade(check, right + " The spectral radius is always above the largest singular value.")
    assert not wrong.correct and "misconception:sigma-below-radius" in wrong.notes


def test_a_comparison_with_its_own_sides_does_not_borrow_one_across_a_comma(pack) -> None:
    """'ρ ≤ σ_max, possibly ρ ≪ σ_max' was read as 'σ_max (before the comma) ≪ ... eigenvalues':
    the catalogue's 'largest singular value below the spectral radius'. The second comparison
    has its own sides; a side alone beyond the comma is still read."""
    check = pack.question("q5-eigenvalues-and-gradients").check
    graded = grade(check, "Non-normal W: ρ ≤ σ_max, possibly ρ ≪ σ_max ⇒ eigenvalues alone mislead.")
    assert "misconception:sigma-below-radius" not in graded.notes
    wrong = grade(check, "For a non-normal W the largest singular value, sadly, is below the spectral radius.")
    assert "misconception:sigma-below-radius" in wrong.notes
    # nor does a sign with neither side in its own clause ("≪" says "ρ ≪ σ_max" there)
    elliptic = grade(check, "ρ ≤ σ_max, ≪ for non-normal W ⇒ eigenvalues alone mislead.")
    assert "misconception:sigma-below-radius" not in elliptic.notes


def test_a_question_naming_a_catalogue_misconception_adds_its_wordings_to_the_catalogues() -> None:
    from tutor.checks.kinds.concepts import ConceptsCheck, Misconception

    check = ConceptsCheck.model_validate({
        "kind": "concepts",
        "concepts": [{"name": "shrinks", "phrases": ["the gradient shrinks"]}],
        "misconceptions": [{"name": "clipping-fixes-vanishing", "phrases": ["clipping boosts small gradients"],
                            "feedback": "The question's own feedback."}],
    })
    catalogue = Misconception(name="clipping-fixes-vanishing", phrases=["clipping fixes vanishing gradients"],
                              feedback="The catalogue's feedback.")
    check.with_vocabulary((), (catalogue,))
    for wording in ("clipping boosts small gradients", "clipping fixes vanishing gradients"):
        graded = grade(check, f"The gradient shrinks, and {wording}.")
        assert (graded.correct, graded.score) == (False, 0.25), wording
        assert "misconception:clipping-fixes-vanishing" in graded.notes
        assert "The question's own feedback." in graded.feedback and "catalogue" not in graded.feedback


def test_a_hedge_reverses_a_guarantee() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "necessary", "phrases": ["necessary condition"]}],
        "misconceptions": [{"name": "guaranteed", "phrases": ["sigma max above 1 guarantees exploding gradients"],
                            "feedback": "It is only necessary."}],
    }
    hedged = grade(check, "It is a necessary condition: σ_max above 1 only allows the gradients to explode.")
    assert (hedged.correct, hedged.notes) == (True, ("hit:necessary",))
    sure = grade(check, "It is a necessary condition, and σ_max above 1 guarantees exploding gradients.")
    assert "misconception:guaranteed" in sure.notes


def test_a_misconception_may_join_its_own_words_with_and() -> None:
    """Strict reading keeps a false claim within one of the statements an "and" joins, but not
    against the claim's own "and": "the mean and variance over the batch" is one statement."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "per-example", "phrases": ["statistics of one example"]}],
        "misconceptions": [{"name": "swapped", "phrases": ["layer norm computes the mean and variance over the batch"],
                            "feedback": "Layer norm normalises over the units of one example."}],
    }
    stated = grade(check, "Layer norm computes the mean and variance over the batch.")
    assert "misconception:swapped" in stated.notes
    # an "and" the claim does not have still parts two statements
    two_statements = grade(check, "Layer norm computes the mean, batch norm the variance and batch statistics.")
    assert "misconception:swapped" not in two_statements.notes


def test_unlike_sets_its_object_apart() -> None:
    """ "Unlike X, Y does Z" says Z of Y, and not of X."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "keeps-direction", "phrases": ["norm clipping keeps the direction"]}],
        "misconceptions": [{"name": "value-keeps-direction", "phrases": ["value clipping preserves the direction"],
                            "feedback": "Clamping components changes the direction."}],
    }
    contrast = grade(check, "Unlike value clipping, norm clipping preserves the direction.")
    assert (contrast.correct, contrast.notes) == (True, ("hit:keeps-direction",))
    stated = grade(check, "Norm clipping keeps the direction, and value clipping preserves the direction too.")
    assert "misconception:value-keeps-direction" in stated.notes


def test_unlike_denies_its_object_only() -> None:
    """ "Unlike X" is a noun phrase's negator, as "without" is: the statement after the next "and"
    is not denied ("inputs unlike the training data and the errors compound" says they compound)."""
    check = {"kind": "concepts", "concepts": [{"name": "compound", "phrases": ["errors compound"]}]}
    assert grade(check, "An early mistake gives inputs unlike the training data and the errors compound.").correct
    assert not grade(check, "Unlike errors compounding, this is harmless.").correct


def test_the_flip_side_of_a_thing_is_not_said_of_it() -> None:
    """ "Exploding is the flip side of vanishing: the product grows" says the growth of
    exploding, not of vanishing; "the opposite of", "the reverse of" and "the mirror image of"
    (also "the opposite failure to", "the reverse case of") set their object apart as "unlike" does. "The inverse of W" is a matrix, no contrast."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "grows", "phrases": ["the product grows exponentially"]}],
        "misconceptions": [{"name": "swapped", "phrases": ["in vanishing gradients the product grows"],
                            "feedback": "Vanishing is the product shrinking."}],
    }
    for contrast in ("the flip side of", "the opposite of", "the reverse of", "the mirror image of",
                     "the opposite failure to", "the opposite problem to", "the reverse case of"):
        result = grade(check, f"It's {contrast} vanishing gradients: the product of Jacobians grows exponentially.")
        assert (result.correct, result.notes) == (True, ("hit:grows",)), contrast
    stated = grade(check, "It's like vanishing gradients: the product of Jacobians grows exponentially.")
    assert "misconception:swapped" in stated.notes
    inverse = grade(check, "Vanishing gradients are the inverse of W: the product grows exponentially.")
    assert "misconception:swapped" in inverse.notes


def test_a_plural_round_number_is_the_word() -> None:
    """ "T − t up to 1000s" is "thousands" of steps, not the number 1000 and a stray "s"."""
    check = {"kind": "concepts", "concepts": [{"name": "many", "phrases": ["thousands of jellyfish"]}]}
    assert grade(check, "we counted 1000s of jellyfish").correct
    assert grade(check, "we counted 1,000s of jellyfish").correct
    assert not grade(check, "we counted 1000 jellyfish").correct
    hundreds = {"kind": "concepts", "concepts": [{"name": "many", "phrases": ["hundreds of jellyfish"]}]}
    assert grade(hundreds, "we counted 100s of jellyfish").correct


def test_a_relative_clause_about_a_negated_word_is_not_denied() -> None:
    """ "It does not guarantee anything about the nonlinearity, whose derivative is at most 1"
    states the derivative's bound: the negation says something of the nonlinearity in its own
    clause. A claim that goes on after another mark stays denied ("not sufficient: explosion")."""
    check = {"kind": "concepts", "concepts": [
        {"name": "bound", "phrases": ["the nonlinearity's derivative is at most 1"]},
        {"name": "sufficient", "phrases": ["sufficient for explosion"]}]}
    relative = grade(check, "It does not guarantee anything about the nonlinearity, whose derivative is at most 1.")
    assert relative.notes == ("hit:bound", "missed:sufficient")
    for pronoun in ("which", "where"):
        stated = grade(check, f"It does not say much about the nonlinearity, {pronoun} the derivative is at most 1.")
        assert stated.notes == ("hit:bound", "missed:sufficient"), pronoun
    denied = grade(check, "It is not sufficient: explosion becomes possible.")
    assert "negated:sufficient" in denied.notes
    # the thing spoken of may take several of the claim's words
    derivative = {"kind": "concepts", "concepts": [{"name": "bound", "phrases": ["the tanh derivative is at most 1"]}]}
    assert grade(derivative, "It doesn't guarantee anything about the tanh derivative, which is still at most 1.").correct
    assert "negated:bound" in grade(derivative, "The tanh derivative is not at most 1, which matters.").notes
    plain = grade(check, "It does not guarantee anything about the nonlinearity, the derivative is at most 1.")
    assert "negated:bound" in plain.notes


def test_an_example_set_off_by_commas_is_an_aside() -> None:
    """ "A dependency longer than k, say a pronoun whose antecedent sits two paragraphs back, gets
    no gradient": the example between the commas is an aside, and what is said around it stays
    one statement however long the example ("e.g.", "for example", "for instance", "such as")."""
    check = {"kind": "concepts", "concepts": [{"name": "cut", "phrases": ["dependencies longer than k get no gradient"]}]}
    for opener in ("say", "e.g.", "for example", "for instance", "such as"):
        text = f"A dependency longer than k steps, {opener} a pronoun whose antecedent sits two paragraphs back, gets no gradient."
        assert grade(check, text).correct, opener
    # a remark set off by commas is no example: the words stay too far apart
    assert not grade(check, "A dependency longer than k steps, which is a pronoun whose antecedent sits two paragraphs "
                            "back in the running text, gets no gradient.").correct


def test_a_transition_reads_its_two_sides_together_past_a_relative_clause() -> None:
    """ "Moves from a chaotic regime, where the exponent is positive and perturbations grow, to an
    ordered one" is a move from chaotic to ordered: the clause describing the first side is an
    aside, so a false claim of that order is read across it."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "edge", "phrases": ["the boundary between order and chaos"]}],
        "misconceptions": [{"name": "reversed", "ordered": True,
                            "phrases": ["as the gain grows it moves from chaotic to ordered"],
                            "feedback": "Small gains are ordered; large ones chaotic."}],
    }
    for clause in ("where the largest exponent is positive and perturbations grow",
                   "with a positive largest exponent and growing perturbations"):
        text = f"As the gain grows the network moves from a chaotic regime, {clause}, to an ordered one."
        assert "misconception:reversed" in grade(check, text).notes, clause
    right = grade(check, "As the gain grows it moves from an ordered regime, where perturbations decay, to a chaotic "
                         "one; the boundary between order and chaos is the edge.")
    assert right.correct


def test_not_the_sets_a_phrase_aside_without_denying_what_it_says() -> None:
    """ "Adam scales that up, not the lost signal" presupposes that the signal is lost: the
    contrast denies the phrase as the object, not what the phrase says of its noun. A claim with
    words before the contrast stays denied ("clipping rescales the norm, not the direction")."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "lost", "phrases": ["the signal is lost"]}],
        "misconceptions": [{"name": "turns", "phrases": ["clipping changes the direction"],
                            "feedback": "Norm clipping keeps the direction."}],
    }
    assert grade(check, "Adam scales the noise up, not the lost signal.").correct
    assert "negated:lost" in grade(check, "Adam scales the noise up, not the signal: it is not lost.").notes
    contrast = grade(check, "The signal is lost. Clipping changes the norm, not the direction.")
    assert "misconception:turns" not in contrast.notes


def test_straight_through_is_through() -> None:
    """ "passes straight through" reads as "passes through" (a vocabulary phrase)."""
    check = {"kind": "concepts", "concepts": [{"name": "untouched", "phrases": ["small gradients pass through"]}]}
    assert grade(check, "A small gradient passes straight through.").correct
    assert grade(check, "A small gradient passes right through.").correct


def test_a_list_of_terms_before_an_arrow_relates_nothing() -> None:
    """ "Necessary condition, sufficient condition, σmax, 1/γ, spectral radius -> gradients explode":
    the terms before the arrow are named, not related; only the conclusion is read. A statement
    before an arrow is read as written."""
    check = {"kind": "concepts", "concepts": [{"name": "necessary", "phrases": ["necessary condition"]}]}
    for arrow in ("->", "→", "=>"):
        stuffed = grade(check, f"Necessary condition, sufficient condition, σmax, 1/γ, spectral radius, "
                               f"tanh saturation {arrow} gradients explode.")
        assert stuffed.notes == ("missed:necessary",), arrow
    stated = grade(check, "σ_max above 1/γ is a necessary condition -> it may still vanish.")
    assert stated.correct


def test_instead_of_denies_its_object_not_the_words_after_it_when_a_false_claim_is_read() -> None:
    """ "cost O(k) instead of O(T) in time and memory" rejects O(T), not the cost in time: it
    does not state the false claim "costs nothing", which "it costs nothing" does. A false claim
    that is itself a contrast ("the distance rather than the attention") keeps its reach."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "bounded-cost", "phrases": ["cost O(k)"]}],
        "misconceptions": [{"name": "free", "phrases": ["costs nothing"], "feedback": "It costs long-range learning."},
                           {"name": "distance-decides", "phrases": ["depends on the distance rather than the attention"],
                            "feedback": "The attention weight decides."}],
    }
    assert "misconception:free" not in grade(check, "Per update: cost O(k) instead of O(T) in time and memory.").notes
    assert "misconception:free" in grade(check, "It costs nothing.").notes
    contrast = grade(check, "Its size depends on the distance rather than on how strongly T attends to t.")
    assert "misconception:distance-decides" in contrast.notes


def test_two_nouns_with_their_own_relative_clauses_are_read_apart() -> None:
    """ "Between an ordered regime where the exponent is negative and a chaotic regime where it
    is positive": the second clause describes the chaotic regime, so "the ordered regime ...
    positive" is not stated across the "and". One noun with two clauses still reads as one."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "edge", "phrases": ["the edge of chaos"]}],
        "misconceptions": [{"name": "reversed", "phrases": ["in the ordered regime the exponent is positive"],
                            "feedback": "The ordered regime has a negative exponent."}],
    }
    right = grade(check, "The edge of chaos lies between an ordered regime where the largest exponent is negative "
                         "and a chaotic regime where it is positive.")
    assert (right.correct, "misconception:reversed" in right.notes) == (True, False)
    wrong = grade(check, "That is the edge of chaos; in an ordered regime where perturbations fade the exponent "
                         "is positive.")
    assert "misconception:reversed" in wrong.notes


def test_the_identity_matrix_is_not_the_word_identical() -> None:
    """ "QᵀQ is the identity" says nothing about two things being "identical" (the stemmer gives
    both `ident`): a false claim that eigenvalues are the same as singular values is not read
    from it, and "identical" still reads as "the same"."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "norm", "phrases": ["every singular value is one"]}],
        "misconceptions": [{"name": "same", "phrases": ["eigenvalues same as the singular values"],
                            "feedback": "They agree only for normal matrices."}],
    }
    right = grade(check, "QᵀQ is the identity, so every singular value is one and every eigenvalue has modulus one.")
    assert (right.correct, right.notes) == (True, ("hit:norm",))
    wrong = grade(check, "Every singular value is one, and the eigenvalues are identical to the singular values.")
    assert "misconception:same" in wrong.notes


def test_positive_is_not_a_position() -> None:
    """ "Positive" and "position" share a Snowball stem (`posit`), and "position" is in the shared
    "placed" group with "lies" and "sits": "the edge lies where the exponent is negative" must not
    read as "the exponent is positive"."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "edge", "phrases": ["the edge of chaos"]}],
        "misconceptions": [{"name": "swapped", "phrases": ["in the ordered regime the exponent is positive"],
                            "feedback": "The ordered regime has a negative exponent."}],
    }
    right = grade(check, "The edge of chaos lies past the ordered regime, where the exponent is negative.")
    assert (right.correct, right.notes) == (True, ("hit:edge",))
    assert "misconception:swapped" in grade(check, "In the ordered regime the exponent is positively signed.").notes


def test_and_ends_the_object_that_without_denies() -> None:
    """ "Run a few thousand steps without clipping and log the gradient norm": "without" denies
    clipping, its object; "log" is the next thing done. Its object itself stays denied ("trained
    without gradient logging"), and so does a claim that names it ("without clipping the norms")."""
    check = {"kind": "concepts", "concepts": [{"name": "log", "phrases": ["log the gradient norm"]}]}
    for text in ("Run a few thousand steps without clipping and log the gradient norm.",
                 "Train for a while without clipping and log the gradient norm at every step."):
        assert grade(check, text).notes == ("hit:log",), text
    assert "negated:log" in grade(check, "It was trained without logging the gradient norm.").notes
    clipped = {"kind": "concepts", "concepts": [{"name": "clip", "phrases": ["clip the norms"]}]}
    assert "negated:clip" in grade(clipped, "Run it without clipping the norms.").notes


def test_a_contrast_said_without_instead_of_is_no_denial() -> None:
    """ "Wherever the model would feed its prediction back in, you plug in the ground-truth
    token" says what "the ground truth instead of the prediction" says, without the contrast's
    words: a mention of both sides denies nothing."""
    check = {"kind": "concepts", "concepts": [
        {"name": "forced", "phrases": ["the ground truth instead of the prediction"]},
        {"name": "bias", "phrases": ["exposure bias"]}]}
    plain = grade(check, "Wherever the model would feed its previous prediction back in, you plug in the ground truth. "
                         "That causes exposure bias.")
    assert "negated:forced" not in plain.notes
    assert plain.notes == ("hit:bias", "missed:forced")


def test_a_negation_before_a_condition_does_not_deny_the_condition() -> None:
    """ "It costs nothing when a step preserves the error's size": the "nothing" is the cost,
    and the condition it holds under ("a step preserves the size") is said, not denied. A
    negation inside the condition still denies it, and so does one that reaches the claim
    before any condition opens."""
    check = {"kind": "concepts", "concepts": [{"name": "keep", "phrases": ["preserve the size of the error"]}]}
    for text in ("It costs nothing when a step preserves the error's size.",
                 "There is no penalty if a step preserves the size of the error."):
        assert grade(check, text).notes == ("hit:keep",), text
    for text in ("It costs something when a step does not preserve the size of the error.",
                 "No step preserves the size of the error when the weights are small."):
        assert "negated:keep" in grade(check, text).notes, text


def test_a_denial_read_through_a_guessed_word_does_not_take_back_a_clear_statement(pack) -> None:
    """ "Benefit two is stability: no gradient passes through more than k Jacobians" reads as a
    denial of truncation's "more stable" only by taking "stability" for "stable" (a guess) and
    the "more" of "more than k" for the comparative: beside the point stated outright in the
    sentence before, it does not leave the grade undecided. A denial in the statement's own
    words still does (the test above)."""
    result = grade(pack.question("truncated-bptt-tradeoff").check,
                   "Benefit one is cost: time and memory per update grow with k rather than with the total "
                   "length T, so long sequences become trainable. Benefit two is stability: no gradient passes "
                   "through more than k Jacobians, so an exploding regime can only amplify it by a bounded "
                   "amount. Anything the model would need to connect across more than k steps gets a gradient "
                   "of exactly zero, so there is no learning signal for it.")
    assert (result.correct, result.undecided) == (True, False)
    assert "hit:bounded-cost" in result.notes


def test_struggling_to_do_a_thing_is_barely_doing_it() -> None:
    """ "RNNs struggle to learn long-term dependencies" states the negative claim "cannot learn
    long-term dependencies", as "fail to" does; "struggles with recent inputs" denies nothing:
    it names what goes badly."""
    check = {"kind": "concepts", "concepts": [{"name": "lost", "phrases": ["cannot learn long-term dependencies"]}],
             "misconceptions": [{"name": "recent", "phrases": ["the RNN struggles with recent inputs"],
                                 "feedback": "The recent steps get the strongest gradient."}]}
    for verb in ("struggles to", "struggled to", "struggling to", "fails to"):
        assert grade(check, f"The plain RNN {verb} learn long-term dependencies.").correct, verb
    assert "negated:lost" in grade(check, "The plain RNN learns long-term dependencies.").notes
    assert "misconception:recent" in grade(check, "The RNN struggles with recent inputs.").notes


def test_weaker_than_a_demand_does_not_make_it() -> None:
    """ "Ω is weaker than forcing all singular values to 1" says Ω does not force them, as
    "rather than forcing" would, and so does "a stronger condition than forcing ..."; "weaker than
    the short-range terms" is a comparison, and what it compares stays stated."""
    check = {"kind": "concepts", "concepts": [{"name": "ratio", "phrases": ["it compares the norm before and after"]}],
             "misconceptions": [{"name": "forces", "phrases": ["forces every singular value to 1"],
                                 "feedback": "It only looks at the error's direction."}]}
    for weaker in ("weaker than", "much weaker than", "softer than", "less strict than"):
        result = grade(check, f"It compares the norm before and after, which is {weaker} forcing every singular value to 1.")
        assert (result.correct, result.notes) == (True, ("hit:ratio",)), weaker
    assert "misconception:forces" in grade(check, "It compares the norm before and after and forces every singular "
                                                  "value to 1.").notes
    stronger = grade(check, "It compares the norm before and after, a stronger condition than forcing every singular "
                            "value to 1.")
    assert "misconception:forces" not in stronger.notes
    for condition in ("a stronger condition than", "a stricter requirement than", "a looser constraint than"):
        result = grade(check, f"It compares the norm before and after, which is {condition} forcing every singular value to 1.")
        assert (result.correct, result.notes) == (True, ("hit:ratio",)), condition
    short = {"kind": "concepts", "concepts": [{"name": "dominate", "phrases": ["the short-range terms dominate"]}]}
    assert grade(short, "The long-range terms are weaker than the short-range terms, which dominate.").correct


def test_a_functions_derivative_is_not_the_function() -> None:
    """ "φ′" and "tanh'(a)" read "phi derivative", "tanh derivative": a claim about tanh itself
    ("tanh grows exponentially", false: tanh is bounded) is not read in "‖∏ diag(φ′)·W_hh‖ grows
    exponentially", which says the product with the derivatives grows; a claim about the
    derivative still reads them, and "tanh grows" written out is still the claim."""
    check = {"kind": "concepts", "concepts": [{"name": "grows", "phrases": ["the gradient grows exponentially"]},
                                              {"name": "slope", "phrases": ["the tanh derivative is at most 1"]}],
             "misconceptions": [{"name": "unbounded", "phrases": ["tanh grows exponentially"],
                                 "feedback": "tanh is bounded by 1."}]}
    for written in ("‖∏ diag(φ′)·W_hh‖ grows exponentially", "‖∏ diag(tanh'(a))·W_hh‖ grows exponentially"):
        assert "misconception:unbounded" not in grade(check, written).notes, written
    assert "hit:slope" in grade(check, "tanh′ is at most 1 at every step").notes
    assert "misconception:unbounded" in grade(check, "Because tanh grows exponentially the gradient explodes.").notes
    assert "misconception:unbounded" in grade(check, "With a tanh activation the output grows exponentially.").notes


def test_far_from_enough_is_not_enough() -> None:
    """ "σ_max above 1 is needed for exploding, but it's far from enough" denies sufficiency ("far"
    is no distance here), as "not enough" does; "far from the loss" is still a distance."""
    check = {"kind": "concepts", "concepts": [{"name": "necessary", "phrases": ["necessary but not sufficient"]},
                                              {"name": "distant", "phrases": ["the gradient vanishes far back"]}],
             "misconceptions": [{"name": "sufficient", "phrases": ["sigma max above 1 is enough for exploding"],
                                 "feedback": "It is only necessary."}]}
    for denial in ("far from enough", "a long way from sufficient", "far from being enough"):
        result = grade(check, f"σ_max above 1 is needed for exploding, but it's {denial}.")
        assert "misconception:sufficient" not in result.notes, denial
        assert "hit:necessary" in result.notes, denial
    assert "misconception:sufficient" in grade(check, "σ_max above 1 is enough for exploding.").notes
    assert "hit:distant" in grade(check, "Far from the loss, far back in the sequence, the gradient vanishes.").notes


def test_note_taking_shorthand_for_independent_is_read() -> None:
    """ "grad size ∝ α_Tt, indep. of distance T−t": "indep." is "independent" in notes, and its
    full stop does not end the sentence."""
    check = {"kind": "concepts", "concepts": [{"name": "weight", "phrases": ["the size is independent of the distance"]}]}
    for written in ("grad size indep. of distance T−t.", "the size is indep of the distance"):
        assert grade(check, written).correct, written
    assert not grade(check, "the size is dependent on the distance").correct


def test_same_as_a_sentence_opener_means_likewise() -> None:
    """ "Same with σ_max = 1.5: for tanh the max slope is 1" opens with "likewise", not with a
    claim that two things are the same; "the same max slope" inside a sentence still is one."""
    check = {"kind": "concepts", "concepts": [{"name": "slope", "phrases": ["the tanh derivative is at most 1"]}],
             "misconceptions": [{"name": "same-slope", "phrases": ["both squash with the same max slope"],
                                 "feedback": "tanh′ peaks at 1, σ′ at 1/4."}]}
    for opener in ("Same with", "Same goes for", "Same here for"):
        result = grade(check, f"{opener} σ_max = 1.5: for tanh the max slope is 1.")
        assert "misconception:same-slope" not in result.notes, opener
    assert "misconception:same-slope" in grade(check, "Both squash with the same max slope.").notes


def test_purely_entirely_and_solely_are_one_word() -> None:
    """ "It is entirely caused by the sigmoid and tanh activations" states "caused purely by the
    sigmoid and tanh" (the learner's word for "only because of" varies; the claim does not)."""
    check = {"kind": "concepts", "concepts": [{"name": "matrix", "phrases": ["the recurrent matrix matters too"]}],
             "misconceptions": [{"name": "squash-only", "phrases": ["caused purely by the sigmoid and tanh"],
                                 "feedback": "W_hh multiplies the gradient at every step as well."}]}
    for word in ("entirely", "solely", "exclusively", "wholly", "completely"):
        result = grade(check, f"It is {word} caused by the sigmoid and tanh activations.")
        assert "misconception:squash-only" in result.notes, word
    assert "misconception:squash-only" not in grade(check, "It is partly caused by the sigmoid and tanh.").notes


def test_without_denies_every_alternative_it_lists() -> None:
    """ "pass the gradient back without shrinking or blowing it up" denies both (an "or" lists what
    "without" denies), while "without clipping and log the norms" still ends its object at "and"."""
    check = {"kind": "concepts", "concepts": [{"name": "log", "phrases": ["log the norms"]}],
             "misconceptions": [{"name": "grows", "phrases": ["the gradient blows up at initialisation"],
                                 "feedback": "An orthogonal W_hh keeps its norm."}]}
    kept = grade(check, "At initialisation it passes the gradient back without shrinking or blowing it up.")
    assert "misconception:grows" not in kept.notes
    assert "misconception:grows" in grade(check, "At initialisation the gradient blows up.").notes
    assert "hit:log" in grade(check, "Run it without clipping and log the norms.").notes


def test_and_the_opens_a_statement_a_negation_does_not_reach() -> None:
    """ "there is no clean identity path and the gradients near the output are large": "and the"
    opens a statement of its own, out of the reach of "no"; a claim with a word before the "and"
    ("caused by ... the tanh") is still denied on both sides of it."""
    check = {"kind": "concepts", "concepts": [{"name": "large", "phrases": ["large gradients near the output"]}],
             "misconceptions": [{"name": "tanh", "phrases": ["it is caused by the tanh"],
                                 "feedback": "W_hh matters too."}]}
    result = grade(check, "In Post-LN there is no clean identity path and the gradients near the output are large.")
    assert result.notes == ("hit:large",)
    assert "misconception:tanh" not in grade(check, "It is not caused by the sigmoid and the tanh.").notes
    assert "misconception:tanh" in grade(check, "It is caused by the sigmoid and the tanh.").notes


def test_a_negation_reaches_into_the_bracket_it_opens() -> None:
    """ "‖∇ at t‖ depends on α_Tt, not on (T−t)" denies the distance inside the bracket."""
    check = {"kind": "concepts", "concepts": [{"name": "weight", "phrases": [
        "the gradient depends on the attention weight, not on the distance"]}]}
    assert grade(check, "The gradient depends on the attention weight, not on (the distance).").correct
    assert not grade(check, "The gradient depends on the attention weight and on (the distance).").correct


def test_a_non_prefix_denies_its_own_word_only() -> None:
    """ "training makes W_hh non-orthogonal" denies "orthogonal" (it had read as "orthogonal
    weights make ..."), while "a healthy, non-vanishing gradient" still claims a gradient: the
    prefix reaches its own word and no further. A prefix that names a term of its own
    ("non-normal") stays part of that term."""
    check = {"kind": "concepts", "concepts": [{"name": "shrinks", "phrases": ["the derivative still shrinks it"]}],
             "misconceptions": [
                 {"name": "stays", "phrases": ["training keeps W_hh orthogonal"], "feedback": "Updates move it."},
                 {"name": "healthy", "phrases": ["every position gets a healthy gradient"], "feedback": "No."},
                 {"name": "normal", "phrases": ["a non-normal matrix has no transient growth"], "feedback": "It does."}]}
    assert "misconception:stays" not in grade(check, "Training keeps W_hh non-orthogonal.").notes
    assert "misconception:stays" in grade(check, "Training keeps W_hh orthogonal.").notes
    assert "misconception:healthy" in grade(check, "Every position gets a healthy, non-vanishing gradient.").notes
    assert "misconception:normal" in grade(check, "A non-normal matrix has no transient growth.").notes


def test_a_normal_size_is_not_normalisation() -> None:
    """The stemmer gives "normal" and "normalised" one stem; "the ordinary updates carry the normal
    learning signal" says nothing about normalised gradient descent, which still reads as itself."""
    check = {"kind": "concepts", "concepts": [{"name": "ngd", "phrases": ["normalised gradient descent"]}]}
    assert grade(check, "Clipping too low turns it into normalized gradient descent.").correct
    assert not grade(check, "Updates that look normal carry the gradient descent signal.").correct


def test_with_out_is_without() -> None:
    """A common slip, "travel many steps with out vanishing", reads as "without"."""
    check = {"kind": "concepts", "concepts": [{"name": "survive", "phrases": ["gradients do not vanish"]}]}
    assert grade(check, "Gradients travel many steps with out vanishing.").correct


def test_what_dominates_comes_after_a_passive() -> None:
    """ "the long-range terms fade and the sum is dominated by the near terms" does not say the
    long-range terms dominate: the passive turned active reads "the near terms dominate the sum",
    what is dominated starting at the statement the "and" joins on, not at the sentence's start."""
    check = {"kind": "concepts", "concepts": [{"name": "near", "phrases": ["the sum is dominated by the near terms"]}],
             "misconceptions": [{"name": "far", "phrases": ["the long-range terms dominate the sum"],
                                 "feedback": "They shrink exponentially."}]}
    right = grade(check, "The long-range terms fade and the sum is dominated by the near terms.")
    assert (right.correct, "misconception:far" in right.notes) == (True, False)
    assert "misconception:far" in grade(check, "The long-range terms go on to dominate the sum.").notes


def test_no_matter_what_is_regardless_not_a_negation() -> None:
    """ "LSTMs make vanishing impossible no matter what the forget gate does": "no matter" is
    "regardless", so the claim is stated as written, not denied a second time."""
    check = {"kind": "concepts", "concepts": [{"name": "path", "phrases": ["the cell path is additive"]}],
             "misconceptions": [{"name": "never", "phrases": ["vanishing is impossible whatever the forget gate does"],
                                 "feedback": "The forget gates still multiply in."}]}
    result = grade(check, "The cell path is additive, so vanishing is impossible no matter what the forget gate does.")
    assert "misconception:never" in result.notes


FAR_TERMS_SHRINK = {
    "kind": "concepts",
    "concepts": [{"name": "far-terms-shrink", "phrases": ["the far-back contributions shrink exponentially"]}],
}


@pytest.mark.parametrize(("answer", "correct"), [
    ("The contributions from far back get multiplied down exponentially, like a slow-moving item you barely notice.",
     True),
    ("The contributions from far back are not multiplied down at all.", False),
])
def test_multiplied_down_is_shrinking(answer, correct) -> None:
    """A right answer of held-out set 22dx ("multiplied down exponentially") was read as saying
    nothing of the far-back terms but naming them, which its rubric's negative wording "distant
    contribute nothing" took as a denial."""
    assert grade(FAR_TERMS_SHRINK, answer).correct is correct
