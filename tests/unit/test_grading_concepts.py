"""Free-text concept grading: normalisation, typos, negation, misconceptions, partial credit.

Scores follow the claim grader: a partial answer gets half the share of the needed concepts
(always below 0.5), a stated misconception or a contradicted concept caps the score at 0.25."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.grading.claim_match import compile_claim, match, read
from tutor.grading.text_match import sentences, stem, without_embedded_list
from tutor.grading.vocabulary import built_in

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
        ("Clipping does not fix vanishing gradients.", False, 0.25, ("hit:not-vanishing", "missed:bounds-exploding")),
        ("It is not true that clipping fixes vanishing gradients; it prevents exploding ones.", True, 1.0,
         ("hit:bounds-exploding", "hit:not-vanishing")),
        # the misconception stated
        ("Clipping fixes vanishing gradients.", False, 0.0,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("No, clipping fixes vanishing gradients and prevents exploding gradients.", False, 0.25,
         ("hit:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("Clipping solves both vanishing and exploding gradients.", False, 0.0,  # solve is fix: it denies the point
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
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
        "Not quite: your answer states a misconception (clipping fixes vanishing).\n"
        "Found: bounds exploding.\n"
        "You stated the opposite of: not vanishing.\n" + MISCONCEPTION_FEEDBACK
    )  # a denied point is named once, as denied, not also as missing
    assert grade(CLIPPING, "Clipping does not prevent exploding gradients.").feedback == (
        "Not quite: your answer states the opposite of a key point (bounds exploding).\nMissing: not vanishing."
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
        ("The product of Jacobians does not decay exponentially.", False, 0.25,
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
     ("initialisation", "initi"), ("initialization", "initi"), ("behaviour", "behavior"),
     ("dependencies", "dependency"), ("dependency", "dependency"), ("depends", "depend"), ("depending", "depend"),
     ("bias", "bias"), ("lstm", "lstm")],
)
def test_snowball_stems_with_british_spelling_folded(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("wanted", "text", "verdict"),
    [
        ("clipping fixes vanishing", "Clipping does not fix vanishing gradients.", "contradicted"),
        ("clipping fixes vanishing", "Gradient clipping fixes the vanishing gradient problem", "stated"),
        ("clipping fixes vanishing", "No, clipping fixes vanishing gradients", "stated"),
        ("clipping fixes vanishing", "Clipping isn't a fix for vanishing gradients", "contradicted"),
        ("clipping fixes vanishing", "vanishing gradients are fixed by clipping", "stated"),  # any order
        ("clipping fixes vanishing",
         ("clipping of the weights in a deep recurrent stack with many layers, as people often do, fixes vanishing"),
         None),  # too far apart
        ("exponential decay", "gradients decay exponentially", "stated"),
        ("exponential decay", "gradients never decay exponentially", "contradicted"),
        ("fails to learn long-term dependencies", "it cannot learn long term dependencies", "stated"),
        ("fails to learn long-term dependencies", "it learns long term dependencies", "mentioned"),  # weak: see find()
        ("vanishing gradient", "the gradients vanish", "stated"),
        ("forget gate", "the forget rate", None),
        ("always explodes", "It is 1.5 > 1. It always explodes", "stated"),  # 1.5 is no sentence end
        ("1.5 times larger", "it is 1.5 times larger", "stated"),
        ("sigma max below 1", "σₘₐₓ < 1", "stated"),
        ("sigma max below 1", "sigma_max is less than one", "stated"),
        ("sigma max below 1", "σ_max > 1", "reversed"),  # an opposite word, not a negation
        ("sigma max below 1", "sigma_max -> 1", None),  # an arrow is not "above"
        # two negators on different words do not cancel each other
        ("distant steps get gradient", "no update reaches distant steps and they get no gradient", "contradicted"),
        ("fixes vanishing", "it is not true that it does not fix vanishing", "stated"),  # on one word: they do
        # after the claim's words only a nominal negator denies them ("costs nothing")
        # a lone word merely mentioned relates nothing: neither a statement nor a denial of it
        ("costs nothing", "the cost is you can't learn far dependencies", None),
        ("no signal reaches early steps", "the signal reaches the early steps", "mentioned"),
        ("costs nothing", "it costs nothing", "stated"),
        # "but not" with a word of its own: what follows belongs to both sides of the contrast
        ("necessary for exploding", "above the threshold is necessary but not sufficient for exploding", "stated"),
        ("the gradient explodes", "the gradient is large but does not explode", "contradicted"),
        ("necessary for exploding", "it is not necessary for exploding", "contradicted"),
        # a pronoun opens a new statement after the negator denied a word of its own
        ("recent terms dominate", "the recent terms do not vanish and they dominate the sum", "stated"),
        ("recent terms dominate", "the recent terms do not dominate", "contradicted"),
        # word order decides between two readings as close: the subject comes before its verb
        ("short-range terms dominate", "long-range terms dominate and the short-range ones vanish", "reversed"),
        ("short-range terms dominate", "the short-range terms stay large and dominate, long-range ones vanish",
         "stated"),
        ("eigenvalues below 1 vanish", "vanishing for eigenvalues < 1 and exploding for eigenvalues > 1", "stated"),
        # an opposite listed beside the claim's word is not put in its place
        ("clipping fixes vanishing", "clipping fixes both exploding and vanishing gradients", "stated"),
        ("clipping fixes vanishing", "clipping fixes exploding or vanishing gradients", "stated"),
        # a comparison read with its sides swapped is reversed; two swaps cancel
        ("sigma max below the spectral radius", "the spectral radius < sigma_max", "reversed"),
        ("sigma max below 1", "1 > σ_max", "stated"),
        ("sigma max below the spectral radius",
         "sigma_max is 1.5 with every spectral radius value inside the unit circle", None),  # compares another thing
        ("w is orthogonal", "after training W ≠ orthogonal", "contradicted"),
        # "the backward pass through ..." is the noun: nothing passes through untouched
        ("the backward gradient is unaffected", "vanishing gradients: the backward pass through the network decays", None),
        ("the gradient passes through unaffected", "the gradient passes through the gate unchanged", "stated"),
        # "≠" between two words sets the second against the first, as "but not" does
        ("necessary for exploding", "σ_max > 1/γ: necessary ≠ sufficient for exploding", "stated"),
        # vocabulary members are read without filler: "every time" would be "time"
        ("gate always one", "the gate times the matrix stays near one", None),
        # "instead of" denies a verb of its own, not the object the next clause keeps; a claim's
        # own word right after it is still denied
        ("keep only every k-th hidden state", "Instead of caching all T hidden states, you keep only every k-th one.",
         "stated"),
        ("the gradient adds the Jacobians", "Instead of multiplying the Jacobians, the gradient adds them.", "stated"),
        ("clipping fixes vanishing", "Instead of fixing vanishing, clipping only limits large gradients.", "contradicted"),
        ("store the hidden states", "Rather than storing all hidden states, it recomputes them.", "contradicted"),
        # a vertical arrow says which way: "↑" grows, "↓" shrinks
        ("the gradient grows exponentially", "‖grad‖ ↑ exponentially w/ #steps", "stated"),
        ("the gradient grows exponentially", "‖grad‖ ↓ exponentially w/ #steps", "reversed"),
    ],
)
def test_claim_reading(wanted: str, text: str, verdict: str | None) -> None:
    vocabulary = built_in()
    from tutor.grading.claim_match import Lexicon

    lexicon = Lexicon(())
    found = [match(compile_claim(wanted, vocabulary), read(part, vocabulary, lexicon)) for part in sentences(text)]
    verdicts = [result[0] for result in found if result]
    assert (verdicts[0] if verdicts else None) == verdict


def test_partial_feedback_counts_against_the_required_number_when_not_all_are_needed() -> None:
    """Three concepts listed and two required: '1 of the 2 key points' read as if only
    two existed."""
    feedback = grade(DECAY, "The product of Jacobians is the culprit.").feedback
    assert feedback.splitlines()[0] == "Partly correct: 1 key point found; 2 of the 3 are needed."


def test_a_list_of_terms_before_a_colon_states_nothing() -> None:
    stuffed = "Repeated multiplication, exponential decay, long-term dependencies, Jacobians: these are names of optimisers used in practice."
    result = grade(DECAY, stuffed)
    assert (result.correct, result.score) == (False, 0.0)
    run = "Repeated multiplication exponential decay long-term dependencies: these are names of optimisers used in practice."
    assert (grade(DECAY, run).correct, grade(DECAY, run).score) == (False, 0.0)
    headed = "Repeated multiplication: the gradient shrinks exponentially as it goes back."
    assert (grade(DECAY, headed).correct, grade(DECAY, headed).score) == (True, 1.0)


def test_a_list_of_terms_opening_the_answer_is_a_preamble_and_states_nothing() -> None:
    """A keyword-stuffed answer: the topics named first, then a false statement. The list of
    five or more short terms relates nothing; alone, a list names key points but relates none
    of them, which earns partial credit at most."""
    stuffed = ("Repeated multiplication, exponential decay, long-term dependencies, Jacobians, BPTT. "
               "None of that matters, the learning rate is the whole story.")
    assert (grade(DECAY, stuffed).correct, grade(DECAY, stuffed).score) == (False, 0.0)
    terse = "Repeated multiplication, exponential decay, long-term dependencies, Jacobians, BPTT."
    assert (grade(DECAY, terse).correct, grade(DECAY, terse).score) == (False, 0.25)
    notes = ("Product of Jacobians, shrinks exponentially, lost. Repeated multiplication makes it "
             "decay exponentially.")  # three items of notes: not a preamble
    assert grade(DECAY, notes).notes[:2] == ("hit:repeated-multiplication", "hit:exponential-decay")



def test_an_answer_that_is_only_a_list_of_terms_earns_partial_credit_at_most() -> None:
    """A keyword-stuffed list names the topic's words and relates none of them. Each item is
    read on its own: "learning rate, instability" must not read as "training is unstable",
    nor "Exploding gradients: BPTT" as "the gradient grows during backpropagation"."""
    check = {"kind": "concepts", "concepts": [
        {"name": "grows", "phrases": ["the gradient grows during backpropagation"], "label": "the gradient grows"},
        {"name": "unstable", "phrases": ["training is unstable"], "label": "training is unstable"}]}
    listed = "Exploding gradients: BPTT, gradient clipping, NaN, large eigenvalues, learning rate, divergence, norm."
    result = grade(check, listed)
    assert (result.correct, result.score, result.notes) == (
        False, 0.0, ("term-list", "missed:grows", "missed:unstable"))
    assert result.feedback.splitlines() == [
        "Not yet: this is a list of terms. It names words but says nothing about how they relate.",
        "Missing: the gradient grows, training is unstable.",
        "Say what happens and why, in a sentence or two."]
    named = grade(check, listed.replace("divergence", "unstable training"))
    assert (named.correct, named.score, named.feedback.splitlines()[1]) == (False, 0.25, "Named: training is unstable.")
    stated = "Exploding gradients: the gradient grows during backpropagation, so training is unstable."
    assert grade(check, stated).correct


def test_a_long_list_of_terms_may_spell_a_few_out_at_length() -> None:
    """Eleven items, two of them long ("vanishing and exploding gradients", "CFL-like stability
    of the backward pass"), or three: still a list of terms, read as naming the topics; four are
    phrases. A short list with two long items is notes, which are read ("training is unstable")."""
    check = {"kind": "concepts", "concepts": [
        {"name": "grows", "phrases": ["the gradient grows during backpropagation"]},
        {"name": "unstable", "phrases": ["training is unstable"]}]}
    listed = ("Singular value spectrum, Jacobian product, norm, largest singular value, dynamical isometry, "
              "spread over decades, conditioning, vanishing and exploding gradients, Pennington Schoenholz Ganguli, "
              "CFL-like stability of the backward pass, ensemble of directions.")
    assert grade(check, listed).notes[0] == "term-list"
    three_long = listed.replace("conditioning", "conditioning of the whole product")
    assert grade(check, three_long).notes[0] == "term-list"
    four_long = three_long.replace("norm,", "the norm of the product,")  # more than one in three: phrases
    assert "term-list" not in grade(check, four_long).notes
    notes = "Gradient grows during backpropagation, NaN, training is unstable, the loss spikes, clipping helps."
    assert grade(check, notes).notes == ("hit:grows", "hit:unstable")


def test_a_formula_among_many_terms_is_one_more_term() -> None:
    """ "Orthogonal matrix, QᵀQ = I, singular values, eigenvalues, unit circle, ..., training drift.":
    one formula among twelve items is a term of the list, which then names topics and states
    none; a formula in a short list ("σ_max = 1.5, tanh, BPTT, NaN, clipping") states something."""
    check = {"kind": "concepts", "concepts": [
        {"name": "ones", "phrases": ["all singular values are 1"]},
        {"name": "drift", "phrases": ["training drift"]}]}
    listed = ("Orthogonal matrix, QᵀQ = I, singular values, eigenvalues, unit circle, isometry, gradient norm, "
              "nonlinearity, φ', Saxe et al., initialisation, training drift.")
    assert grade(check, listed).notes[0] == "term-list"
    stuffed = listed + " Orthogonal init is the standard choice for all these reasons."
    assert (grade(check, stuffed).correct, grade(check, stuffed).score) == (False, 0.0)
    two_formulas = listed.replace("isometry", "‖Qx‖ = ‖x‖")
    assert "term-list" not in grade(check, two_formulas).notes
    assert "term-list" not in grade(check, "σ_max = 1.5, tanh, BPTT, NaN, clipping, training drift.").notes


def test_a_long_run_of_bare_terms_before_a_comma_states_nothing() -> None:
    """Keywords strung together without a comma or a function word, then a vague tail: the run
    names topics ("exploding gradients BPTT" is no "the gradient grows during BPTT"). A formula
    before a comma is no such run: it states something."""
    check = {"kind": "concepts", "concepts": [
        {"name": "grows", "phrases": ["the gradient grows during backpropagation"]}]}
    run = ("exploding gradients BPTT Jacobian chain rule long-term dependencies NaN overflow tanh saturation "
           "spectral radius clipping, these are all the reasons RNN training matters")
    assert (grade(check, run).correct, grade(check, run).score) == (False, 0.0)
    stated = "The gradient grows during backpropagation, so training becomes unstable and the loss spikes."
    assert grade(check, stated).correct
    formula = "‖∂L/∂hₜ‖ = ‖∏_{k=t+1}^{T} J_k · ∂L/∂h_T‖ ~ c^{T−t}, so the gradient grows during backpropagation"
    assert grade(check, formula).correct


def test_a_preamble_may_have_a_label_citations_and_joined_names() -> None:
    """"Vanishing: BPTT, ..." is a list under a label, "The error is about ..." one after a
    lead-in, "BPTT (Werbos 1990)" a term with its citation, "Bengio–Simard–Frasconi" one name,
    "Jacobians and BPTT" two terms: still a preamble. A dash between words with
    spaces around it joins statements ("decay – lost"), so those notes are read."""
    false_claim = " None of that matters, the learning rate is the whole story."
    for preamble in ("Vanishing: repeated multiplication, exponential decay, long-term dependencies, Jacobians, BPTT.",
                     "Repeated multiplication, exponential decay (Bengio 1994), long-term dependencies, "
                     "Bengio–Simard–Frasconi, BPTT (Werbos 1990)."):
        assert (grade(DECAY, preamble + false_claim).score, grade(DECAY, preamble).score) == (0.0, 0.25), preamble
    lead_in = ("The error is about repeated multiplication, exponential decay, long-term dependencies, "
               "Jacobians and BPTT.")
    assert (grade(DECAY, lead_in + false_claim).score, grade(DECAY, lead_in).score) == (0.0, 0.25)
    notes = "Repeated multiplication – decay exponentially, lost, gone, no signal, stuck."
    assert grade(DECAY, notes + " Then training stalls.").notes[:2] == (
        "hit:repeated-multiplication", "hit:exponential-decay")

def test_a_belief_reported_in_order_to_refute_it_is_not_asserted() -> None:
    """"You'd expect X, but ...": the learner names X to refute it. "I think X" is their own."""
    check = {"kind": "concepts", "concepts": [{"name": "sum", "phrases": ["the gradient is a sum"]}],
             "misconceptions": [{"name": "zero", "phrases": ["the whole gradient goes to zero"],
                                 "feedback": "The short-range terms keep it sizeable."}]}
    for framed in ("You'd expect the whole gradient to go to zero, but the gradient is a sum.",
                   "People often assume the whole gradient goes to zero; however the gradient is a sum.",
                   "A common misconception is that the whole gradient goes to zero. The gradient is a sum.",
                   "The idea that the whole gradient goes to zero is a myth: the gradient is a sum.",
                   "It's a misconception that the whole gradient goes to zero; the gradient is a sum.",
                   "It is wrong to think that the whole gradient goes to zero: the gradient is a sum.",
                   "Some say the whole gradient goes to zero, but the gradient is a sum."):
        graded = grade(check, framed)
        assert (graded.correct, graded.notes) == (True, ("hit:sum",)), framed
    own = grade(check, "I think the whole gradient goes to zero, because the gradient is a sum.")
    assert (own.correct, "misconception:zero" in own.notes) == (False, True)


def test_a_belief_named_only_to_be_compared_with_leaves_the_learners_own_claim() -> None:
    """"The reverse of what people think: X" reports no belief: X is the learner's own claim,
    so a false X is asserted (a reported belief would have hidden it)."""
    check = {"kind": "concepts", "concepts": [{"name": "sum", "phrases": ["the gradient is a sum"]}],
             "misconceptions": [{"name": "zero", "phrases": ["the whole gradient goes to zero"],
                                 "feedback": "The short-range terms keep it sizeable."}]}
    for compared in ("It is the reverse of what people think: the whole gradient goes to zero, the gradient is a sum.",
                     "Contrary to what you'd expect, the whole gradient goes to zero although the gradient is a sum.",
                     "Contrary to popular belief, the whole gradient goes to zero, though the gradient is a sum."):
        graded = grade(check, compared)
        assert (graded.correct, "misconception:zero" in graded.notes) == (False, True), compared


def test_dominated_by_names_what_dominates_after_the_verb() -> None:
    """"The sum is dominated by the short-range terms": the short-range terms dominate; "the
    long-range terms are swamped by the short ones" does not make the long-range terms dominate."""
    check = {"kind": "concepts", "concepts": [{"name": "short", "phrases": ["short-range dominate"]}],
             "misconceptions": [{"name": "long", "phrases": ["long-range dominate"], "ordered": True,
                                 "feedback": "They shrink exponentially."}]}
    assert grade(check, "The sum is dominated by the short-range terms.").notes == ("hit:short",)
    swamped = grade(check, "The long-range terms are swamped by the short-range ones.")
    assert (swamped.correct, "misconception:long" in swamped.notes) == (True, False)
    wrong = grade(check, "The sum is dominated by the long-range terms.")
    assert (wrong.correct, "misconception:long" in wrong.notes) == (False, True)


def test_a_sentence_of_short_clauses_before_a_colon_is_no_list_of_terms() -> None:
    """Counted without its function words, "CNNs, on the other hand, are immune ... because
    they're feed-forward" is four short pieces; as written, with its "because", it is a
    statement, and a false claim in it is read."""
    check = {"kind": "concepts", "concepts": [{"name": "same-matrix", "phrases": ["the same matrix"]}],
             "misconceptions": [{"name": "cnn-immune", "phrases": ["CNNs are immune to vanishing gradients"],
                                 "feedback": "Deep CNNs can suffer vanishing gradients too."}]}
    answer = ("RNNs reuse the same matrix. CNNs, on the other hand, are immune to vanishing gradients "
              "because they're feed-forward: each layer is visited once.")
    graded = grade(check, answer)
    assert (graded.correct, "misconception:cnn-immune" in graded.notes) == (False, True)


def test_a_reversal_in_another_sentence_is_the_contrast_of_a_stated_claim() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "long-sequences", "phrases": ["long sequences"]}]}
    contrast = grade(check, "RNNs unroll over long sequences. A CNN only sees short sequences of layers.")
    assert (contrast.correct, contrast.undecided, contrast.notes) == (True, False, ("hit:long-sequences",))
    reversal = grade(check, "RNNs unroll over short sequences.")
    assert (reversal.correct, reversal.score, reversal.notes) == (
        False, 0.0, ("missed:long-sequences", "negated:long-sequences"))


def test_a_misconception_is_asserted_only_when_its_negation_falls_on_the_same_word() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "hides", "phrases": ["hides the problem"]}],
        "misconceptions": [{"name": "solved", "phrases": ["vanishing is not a problem"], "feedback": "It still is."}],
    }
    other_word = grade(check, "It hides the problem: the updates no longer show that the gradient vanished.")
    assert (other_word.correct, other_word.notes) == (True, ("hit:hides",))
    same_word = grade(check, "It hides the problem, so vanishing is no longer a problem.")
    assert (same_word.correct, same_word.score, same_word.notes) == (
        False, 0.25, ("hit:hides", "misconception:solved"))


def test_symbols_of_growth_read_as_words() -> None:
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize("|λ|^(T−t) → ∞, ∏ J_k and Σ_t")] == [
        "lambda", "power", "distance", "infinity", ",", "product", "j", "k", "sum", "t"]
    assert [token.raw for token in tokenize("cost ∝ k")] == ["cost", "proportional", "k"]
    assert [token.raw for token in tokenize("||g|| > τ")] == ["norm", "g", "norm", "above", "tau"]


def test_a_vertical_arrow_says_which_way_a_quantity_goes() -> None:
    """Note-takers write "↑" for grows and "↓" for shrinks: "‖∏J‖ ↑ exponentially" states that
    the product grows exponentially, and reversed, it shrinks."""
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize("‖∏ J‖ ↑ exp., lr ↓")] == [
        "norm", "product", "j", "norm", "grows", "exp", ",", "lr", "shrinks"]


def test_an_arrow_goes_to_a_value_and_otherwise_joins_two_statements() -> None:
    """"σ → 0" is "sigma to zero"; "no vanishing → longest learnable dependencies" is two
    statements, so the "no" of the first does not deny the second."""
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize("σ → 0, g -> ∞, x → -1")] == [
        "sigma", "zero", ",", "g", "infinity", ",", "x", "one"]
    assert [token.raw for token in tokenize("no vanishing → long dependencies")] == [
        "no", "vanishing", "so", "long", "dependencies"]
    check = {"kind": "concepts", "concepts": [{"name": "learnable", "phrases": ["learn the longest dependencies"]}]}
    assert grade(check, "At the edge: no vanishing, no exploding → longest learnable dependencies.").correct is True


def test_a_square_root_is_not_dropped() -> None:
    """"O(√T) memory" is not "O(T) memory": the root sign reads as `sqrt`, a synonym of "square root"."""
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize("O(√T)")] == ["o", "sqrt", "t"]
    check = {"kind": "concepts", "concepts": [{"name": "root", "phrases": ["memory grows like the square root of T"]}]}
    assert grade(check, "Memory grows like √T.").correct is True
    assert grade(check, "Memory grows like T.").correct is False


def test_a_false_claim_is_read_within_one_of_the_statements_an_and_joins() -> None:
    """Misconceptions are read strictly: "vanishing for < 1 and exploding for > 1" has "below 1"
    right before "and exploding", but it does not say that below 1 the gradient explodes."""
    from tutor.grading.claim_match import Lexicon

    vocabulary, lexicon = built_in(), Lexicon(())
    claim = compile_claim("below 1 explode", vocabulary)
    text = read(sentences("vanishing for norms < 1 and exploding for norms > 1")[0], vocabulary, lexicon)
    assert match(claim, text, strict=True) == ("reversed", 0)  # "exploding for norms > 1", not "< 1 and exploding"
    assert match(claim, read(sentences("norms < 1 explode")[0], vocabulary, lexicon), strict=True) == ("stated", 0)
    listed = compile_claim("transformers cannot have vanishing gradients", vocabulary)
    both = read(sentences("Transformers can never have vanishing or exploding gradients")[0], vocabulary, lexicon)
    assert match(listed, both, strict=True) == ("stated", 0)


def test_a_false_claim_is_not_read_across_a_clause_with_a_subject_of_its_own() -> None:
    """", and each term carries its own chain" says something of each term in turn, so "its own"
    is no claim about the RNN's weights; ", and they ..." goes on about the same subject, and may
    be read across."""
    from tutor.grading.claim_match import Lexicon

    vocabulary, lexicon = built_in(), Lexicon(())
    claim = compile_claim("RNNs use different weights at each time step", vocabulary)

    def reading(text: str) -> tuple[str, int] | None:
        return match(claim, read(sentences(text)[0], vocabulary, lexicon), strict=True)

    assert reading("The gradient for the recurrent matrix is a sum with one term per time step, "
                   "and each term carries its own chain of Jacobians.") is None
    assert reading("The gradient for the recurrent matrix is a sum with one term per time step, "
                   "and every term carries its own chain of Jacobians.") is None
    assert reading("RNNs have a recurrent matrix, and they use different weights at each time step.") == ("stated", 0)


def test_instead_of_still_denies_its_object_before_a_relative_clause() -> None:
    """In "feeds the true output, instead of the model's own prediction, which keeps training
    stable" the relative clause is about the whole practice: the contrast still sets aside "the
    model's own prediction", so the false claim that teacher forcing feeds it is not stated."""
    from tutor import paths
    from tutor.packs.loader import load_pack

    question = load_pack(paths.builtin_content_dir() / "rnn-gradients-advanced").question("teacher-forcing")
    assert question is not None
    contrast = ("Teacher forcing feeds the true previous output from the data as the next input during training, "
                "instead of the model's own prediction, which keeps training stable.")
    assert "misconception:teacher-forcing-reversed" not in grade(question.check, contrast).notes
    plain = "Teacher forcing feeds the model's own predictions during training, which keeps training stable."
    assert "misconception:teacher-forcing-reversed" in grade(question.check, plain).notes


def test_plural_acronyms_read_as_their_singular_and_use_is_a_light_verb() -> None:
    """'RNNs use different weights' and 'an RNN has different weights' state one thing: no
    stemmer knows RNNs, LSTMs, GRUs, ReLUs or NaNs, and 'use' carries no claim."""
    from tutor.grading.text_match import tokenize

    assert [token.stem for token in tokenize("RNNs use LSTMs, GRUs and ReLUs; NaNs")] == [
        "rnn", "lstm", ",", "gru", "relu", "nan"]
    assert [token.stem for token in tokenize("GAs and gas")] == ["ga", "gas"]


def test_a_real_word_one_letter_from_a_negator_is_not_a_negator() -> None:
    """'usable' is one letter from 'unable' and 'falling' from 'failing', but no slip of the
    fingers: a misspelt negator has one letter dropped, not among its first two ('imposible',
    'withut')."""
    from tutor.grading.text_match import tokenize

    for real in ("a usable size", "keeps falling", "noting that", "a cannon", "either way"):
        assert "negator" not in [token.kind for token in tokenize(real)], real
    assert [token.kind for token in tokenize("imposible, withut doubt")] == ["negator", "clause", "negator", "word"]


def test_a_false_claim_is_not_read_across_two_coordinated_clauses() -> None:
    """'either it decays ..., or it blows up and training diverges' gives two alternatives: it
    does not say that vanishing makes training diverge."""
    from tutor import paths
    from tutor.packs.loader import load_pack

    check = load_pack(paths.builtin_content_dir() / "rnn-gradients").question("why-gradient-problems-matter").check
    right = ("Backprop through time multiplies many Jacobians, so the gradient either decays and early steps stop "
             "learning long range dependencies, or it blows up and training diverges.")
    assert grade(check, right).correct
    assert "misconception:vanishing-causes-nan" in grade(check, "Vanishing gradients make training diverge.").notes


def test_a_false_claim_is_read_across_a_clause_that_goes_on_about_the_same_subject() -> None:
    from tutor import paths
    from tutor.packs.loader import load_pack

    check = load_pack(paths.builtin_content_dir() / "rnn-gradients").question("q3-rnn-vs-cnn-vanishing").check
    stuffed = "RNNs reuse one matrix over every time step, and CNNs are immune to vanishing gradients."
    assert "misconception:cnn-immune" in grade(check, stuffed).notes


def test_an_aside_in_brackets_is_a_clause_of_its_own() -> None:
    from tutor.grading.text_match import tokenize

    assert [token.raw for token in tokenize("not seq length T (time + memory)")] == [
        "not", "seq", "length", "t", "⟮", "time", "memory", "⟯"]
    # a formula's brackets group symbols; they are not asides
    assert [token.raw for token in tokenize("growth ≤ (γσ_max)^k and f(x)")] == [
        "growth", "below", "gamma", "sigmamax", "power", "k", "f", "x"]
    check = {
        "kind": "concepts",
        "concepts": [{"name": "cheap", "phrases": ["cost proportional to the window"]}],
        "misconceptions": [{"name": "free", "phrases": ["costs nothing"], "feedback": "It has a price."}],
    }
    # "not" denies the sequence length, not the cost the aside goes on to name
    aside = grade(check, "Per-update cost ∝ window k, not seq length T (time + memory).")
    assert (aside.correct, aside.notes) == (True, ("hit:cheap",))


def test_a_denial_is_not_pieced_together_backwards_over_a_comma() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "short-range-dominates", "phrases": ["short-range terms dominate"]},
                     {"name": "long-range-shrink", "phrases": ["long-range terms decay"]}],
    }
    # "dominate, the long-range ones" is read backwards over the comma: not "long-range terms dominate"
    plain = grade(check, "The short ones stay big and they dominate, the long-range terms decay exponentially.")
    assert plain.notes == ("hit:long-range-shrink", "missed:short-range-dominates")
    assert plain.score == 0.25 and not any(note.startswith("negated") for note in plain.notes)
    # written in the claim's order, the reversal still denies it
    flipped = grade(check, "The long-range terms dominate and the short-range terms decay.")
    assert "negated:short-range-dominates" in flipped.notes and flipped.score <= 0.25


def test_rather_than_and_instead_of_deny_what_follows() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "grows", "phrases": ["the product grows exponentially"]},
                     {"name": "distance-free", "phrases": ["does not depend on the distance"]}],
        "misconceptions": [{"name": "shrinks", "phrases": ["the product shrinks exponentially"],
                            "feedback": "It grows."}],
    }
    answer = grade(check, "The product of Jacobians grows rather than shrinks, exponentially in T. "
                          "Its size depends on the attention weight instead of on the distance.")
    assert (answer.correct, answer.notes) == (True, ("hit:grows", "hit:distance-free"))
    flipped = grade(check, "The product shrinks exponentially instead of growing.")
    assert "misconception:shrinks" in flipped.notes and not flipped.correct
    # a misspelt "instead of" is a contrast all the same
    forcing = {"kind": "concepts", "required": 1,
               "concepts": [{"name": "truth-fed", "phrases": ["feed the true previous token"]}],
               "misconceptions": [{"name": "own-fed", "phrases": ["feed the model's own prediction"],
                                   "feedback": "The true token is fed."}]}
    for typo in ("instead", "insted", "instaed", "instad"):
        misspelt = grade(forcing, f"In training you feed the true previous token {typo} of the model's own prediction.")
        assert (misspelt.correct, misspelt.notes) == (True, ("hit:truth-fed",)), typo


def test_an_ordered_claim_is_read_only_in_its_words_order() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "grows", "phrases": ["the gradients become huge"]}],
        "misconceptions": [{"name": "loss-first", "ordered": True, "feedback": "The other way round.",
                            "phrases": ["the NaN loss makes the gradients huge", "huge gradients are caused by the loss"]}],
    }
    right = grade(check, "The gradients become huge, and the huge gradients make the loss NaN.")
    assert (right.correct, right.notes) == (True, ("hit:grows",))
    swapped = grade(check, "The gradients become huge because the NaN loss makes the gradients huge.")
    assert "misconception:loss-first" in swapped.notes
    # a passive is read as one word: "caused by" is not "cause"
    passive = grade(check, "The gradients become huge; huge gradients are caused by the NaN loss.")
    assert "misconception:loss-first" in passive.notes
    active = grade(check, "The gradients become huge; huge gradients cause the NaN loss.")
    assert (active.correct, active.notes) == (True, ("hit:grows",))
    unordered = {**check, "misconceptions": [{**check["misconceptions"][0], "ordered": False}]}
    assert "misconception:loss-first" in grade(unordered, "The gradients become huge, and the huge gradients "
                                                          "make the loss NaN.").notes


def test_a_negator_with_an_object_of_its_own_does_not_reach_past_the_next_negator() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "norm-kept", "phrases": ["keeps the gradient norm"]}],
        "misconceptions": [{"name": "grows", "phrases": ["gradients grow at initialisation"],
                            "feedback": "An orthogonal matrix keeps the norm."}],
    }
    # "no shrinking, no blowing up": each "no" denies its own word; the growth is denied once
    graded = grade(check, "At initialisation it keeps the gradient norm: no shrinking no blowing up of the gradients.")
    assert (graded.correct, graded.notes) == (True, ("hit:norm-kept",))
    # two negators with nothing between them still cancel: "does not fail to" affirms
    affirmed = grade({**check, "concepts": [{"name": "prevents", "phrases": ["prevents exploding"]}]},
                     "Clipping does not fail to prevent exploding gradients.")
    assert affirmed.correct


def test_a_short_heading_is_said_of_every_item_of_its_list() -> None:
    from tutor.grading.text_match import heading_items

    [sentence] = sentences("c > 1 ⇒ exploding: ‖∇‖ huge, steps overshoot, loss diverges, overflow → NaN.")
    items = heading_items(sentence)
    assert [[token.raw for token in item.tokens] for item in items][2] == ["c", "above", "one", "so", "exploding",
                                                                         ":", "loss", "diverges"]
    assert {item.text for item in items} == {sentence.text}  # the checklist quotes the whole sentence
    check = {"kind": "concepts", "concepts": [{"name": "unstable", "phrases": ["exploding loss diverges"]}]}
    assert grade(check, sentence.text).correct
    # a long clause after a comma goes on about the one before: not a list
    [prose] = sentences("Vanishing gradients: the product shrinks, which mainly slows down learning of the most "
                        "recent time steps of the sequence.")
    assert heading_items(prose) == []


def test_zero_received_is_none_received_and_typed_contractions_still_deny() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "cut", "phrases": ["dependencies longer than k get no gradient"]}],
        "misconceptions": [{"name": "free", "phrases": ["dependencies longer than k still get gradient"],
                            "feedback": "They get none."}],
    }
    for answer in ("Dependencies longer than k get exactly zero gradient.",
                   "Dependencies longer than k get exactly 0 gradient.",
                   "Dependencies longer than k get no gradient at all."):
        assert grade(check, answer).notes == ("hit:cut",), answer
    # 0.5 is a number, not none
    assert grade(check, "Dependencies longer than k get 0.5 of the gradient.").notes != ("hit:cut",)
    shrink = {"kind": "concepts", "concepts": [{"name": "kept", "phrases": ["the gradient does not shrink"]}]}
    assert grade(shrink, "the gradient dosnt shrink at init").correct


def test_a_lone_word_is_stated_but_never_contradicted() -> None:
    check = {"kind": "concepts", "required": 1,
             "concepts": [{"name": "isometry", "phrases": ["preserves"]},
                          {"name": "rotation", "phrases": ["it is a rotation"]}]}
    # the denial in the second sentence is about orthogonality, not about what "preserves" names
    graded = grade(check, "It preserves the norm at initialisation. Gradient descent does not preserve it later.")
    assert (graded.correct, graded.undecided) == (True, False)
    assert "negated:isometry" not in graded.notes


def test_a_clause_opening_with_they_is_read_with_the_sentence_subject() -> None:
    from tutor.grading.text_match import pronoun_items

    [sentence] = sentences("The terms from nearby steps go through only a couple of Jacobians in their chains, "
                           "so they stay sizeable, and they dominate the total.")
    items = pronoun_items(sentence)
    assert [[token.raw for token in item.tokens] for item in items] == [
        ["terms", "nearby", "steps", "go", "through", "only", "stay", "sizeable"],
        ["terms", "nearby", "steps", "go", "through", "only", "dominate", "total"]]
    check = {"kind": "concepts", "concepts": [{"name": "near-dominate", "phrases": ["nearby terms dominate"]}]}
    assert grade(check, sentence.text).correct
    # the subject keeps a short qualifier, and a sentence adverb may stand before the pronoun
    assert grade({**check, "concepts": [{"name": "few-dominate", "phrases": ["terms of a few steps dominate"]}]},
                 "Now the terms that only span a few steps have short chains, so they stay a decent size, "
                 "and honestly they dominate the sum.").correct
    # "and" before the pronoun opens its statement too
    [joined] = sentences("The terms that connect nearby steps only have a few factors in the chain, so they're "
                         "still a decent size and they end up dominating the sum.")
    assert [token.raw for token in pronoun_items(joined)[-1].tokens] == [
        "terms", "connect", "nearby", "steps", "only", "few", "end", "up", "dominating", "sum"]
    assert grade(check, joined.text).correct


def test_a_pack_without_a_vocabulary_reads_the_shared_words_of_training() -> None:
    """The shared groups (shrink/grow, stable/unstable ...) are built in: a check that belongs
    to no pack reads "dies out" as "vanishes", and "blows up" as its reversal."""
    check = {"kind": "concepts", "concepts": [{"name": "vanishes", "phrases": ["the gradient vanishes"]}]}
    assert grade(check, "The gradient dies out.").correct
    reversed_ = grade(check, "The gradient blows up.")
    assert not reversed_.correct and reversed_.claims[0].status == "contradicted"


def test_receiving_a_gradient_is_getting_one() -> None:
    """"receive", "get" and "obtain" are one verb in the shared vocabulary: "anything further
    apart than k steps receives no gradient" states the rubric's "gets no gradient" (a held-out
    right answer was refused for the verb alone); the denial still reads as a denial."""
    check = {"kind": "concepts", "concepts": [{"name": "cut", "phrases": ["anything further apart than k steps gets no gradient"]}]}
    assert grade(check, "Anything further apart than k steps receives no gradient whatsoever.").correct
    assert grade(check, "Anything further apart than k steps obtains no gradient at all.").correct
    assert not grade(check, "Anything further apart than k steps still receives a gradient.").correct


def test_a_false_claim_is_not_pieced_together_across_unless() -> None:
    """The clause after "unless" is the exception to the statement before it: "the weights stop
    being orthogonal during training, unless you force them to stay that way" was read as the
    misconception "stays orthogonal during training" (two held-out partial answers); said
    outright, it still is."""
    check = {"kind": "concepts",
             "concepts": [{"name": "drifts", "phrases": ["the weights stop being orthogonal"]}],
             "misconceptions": [{"name": "stays", "phrases": ["stays orthogonal during training"],
                                 "feedback": "Gradient updates move W_hh away from orthogonal."}]}
    answer = grade(check, "Once training starts the weights move and stop being orthogonal, unless you force them "
                          "to stay that way.")
    assert (answer.correct, answer.notes) == (True, ("hit:drifts",))
    assert "misconception:stays" in grade(check, "The matrix stays orthogonal during training.").notes


def test_separate_weights_are_no_distance() -> None:
    """"separate" shares its stem with "separation", which was a word for the distance between
    two steps: "a fixed depth with separate weights in every layer" read as "T − t is the sequence
    length" (a held-out partial answer graded right)."""
    check = {"kind": "concepts", "concepts": [{"name": "length", "phrases": ["T − t is the sequence length"]}]}
    assert not grade(check, "A CNN has a fixed, designed depth with separate weights in every layer.").correct
    assert grade(check, "The gap between the two steps is the depth of the unrolled network.").correct


def test_a_false_claim_is_not_pieced_together_from_two_asides() -> None:
    """Two bracketed asides are two statements: "scheduled sampling (replace ground-truth inputs
    with model samples), professor forcing (match the hidden-state dynamics)" was read as the
    misconception "the ground-truth input replaces the hidden state" (a held-out right answer);
    within one aside, or said outright, it still is."""
    check = {"kind": "concepts",
             "concepts": [{"name": "remedy", "phrases": ["scheduled sampling"]}],
             "misconceptions": [{"name": "replaces-state", "phrases": ["the ground-truth input replaces the hidden state"],
                                 "feedback": "Teacher forcing replaces the fed-back outputs, not the hidden state."}]}
    listed = ("Remedies: scheduled sampling (progressively replace ground-truth inputs with model samples), "
              "professor forcing (make the hidden-state dynamics of free-running and forced modes match).")
    assert grade(check, listed).notes == ("hit:remedy",)
    inside = "Scheduled sampling is needed (the ground-truth input replaces the hidden state)."
    assert "misconception:replaces-state" in grade(check, inside).notes


def test_a_hyphenated_re_prefix_is_one_verb() -> None:
    """"re-run" and "re-compute" are "rerun" and "recompute", not "re" and a verb: "re-run forward
    from its checkpoint" states "rerun the forward pass from the checkpoint" (a held-out right answer)."""
    check = {"kind": "concepts", "concepts": [{"name": "recompute", "phrases": ["recompute the states from the checkpoint"]}]}
    assert grade(check, "In the backward pass, re-compute the states from the checkpoint.").correct
    assert not grade(check, "In the backward pass, compute the states from the checkpoint.").correct


def test_theta_names_the_parameters() -> None:
    """A formula's θ is the model's parameters: "the step catapults theta far away" states
    "the step catapults the parameters far away" (a held-out right answer was refused for it)."""
    check = {"kind": "concepts", "concepts": [{"name": "thrown", "phrases": ["catapults the parameters far away"]}]}
    assert grade(check, "A step landing on the wall catapults theta far away.").correct
    assert grade(check, "A step landing on the wall catapults θ far away.").correct
    assert not grade(check, "A step landing on the wall catapults the loss far away.").correct


def test_running_away_is_exploding() -> None:
    """"runs away" and "runaway" are growth without bound, as in thermal runaway: "a perturbation
    neither dies nor runs away" states "neither vanishes nor explodes" (a held-out right answer)."""
    check = {"kind": "concepts", "concepts": [{"name": "critical", "phrases": ["gradients neither vanish nor explode"]}]}
    assert grade(check, "At the edge, gradients neither die nor run away.").correct
    assert not grade(check, "At the edge, gradients die and run away.").correct


def test_with_no_denies_only_its_object_as_without_does() -> None:
    """"with no clipping" is "without clipping": it denies the clipping, not what the sentence goes
    on to say ("run some training with no clipping or a loose tau and record the global gradient
    norm" was read as not recording it; two held-out right answers)."""
    check = {"kind": "concepts", "concepts": [{"name": "log", "phrases": ["record the global norm"]}]}
    said = "Run some training with no clipping or a very loose tau and record the global gradient norm every step."
    assert grade(check, said).correct
    assert not grade(check, "Run some training with no record of the global gradient norm.").correct


def test_masking_an_issue_is_hiding_a_problem() -> None:
    """"hide", "mask", "disguise" and "conceal" are one verb, "problem", "issue" and "trouble"
    one noun: "Adam masks the issue" states a rubric's "Adam hides the problem" (a held-out
    right answer was refused for these words alone); its denial still reads as a denial."""
    check = {"kind": "concepts", "concepts": [{"name": "hides", "phrases": ["Adam hides the problem"]}]}
    assert grade(check, "Worse, Adam masks the issue.").correct
    assert grade(check, "Adam conceals the trouble from you.").correct
    assert not grade(check, "Adam does not disguise the issue at all.").correct


def test_an_implementers_abbreviations_read_as_the_words_they_stand_for() -> None:
    """"ckpt" is a checkpoint, "fwd" the forward pass and "bwd" the backward pass: notes written
    in code-like shorthand ("recompute from ckpt", "≈ +1 fwd") are graded like prose (a held-out
    right answer was refused for these alone)."""
    check = {"kind": "concepts", "required": 2,
             "concepts": [{"name": "recompute", "phrases": ["recompute from the checkpoint"]},
                          {"name": "extra", "phrases": ["one extra forward pass"]}]}
    answer = grade(check, "bwd: recompute each segment from its ckpt. cost: one extra fwd.")
    assert (answer.correct, answer.notes) == (True, ("hit:recompute", "hit:extra"))
    assert not grade(check, "bwd: recompute each segment. cost: one extra step.").correct


def test_note_shorthand_and_greek_letters_are_read_as_words() -> None:
    """"w/o" is "without" (a negator), and ν, μ, κ … are spelt like σ and λ, so a formula's
    letters match a rubric's spelt-out ones."""
    check = {"kind": "concepts", "required": 2,
             "concepts": [{"name": "kept", "phrases": ["gradients survive without vanishing"]},
                          {"name": "param", "phrases": ["modulus exp(-exp(nu))"]}]}
    answer = grade(check, "Gradients survive w/o vanishing. Its modulus is exp(−exp(ν)).")
    assert (answer.correct, answer.notes) == (True, ("hit:kept", "hit:param"))
    denied = grade({"kind": "concepts", "concepts": [{"name": "vanish", "phrases": ["gradients vanish"]}]},
                   "Gradients travel w/o vanishing.")
    assert "negated:vanish" in denied.notes and not denied.correct


def test_a_note_takers_short_words_read_as_the_words_they_stand_for() -> None:
    """"mean sq grad" is the mean squared gradient, "seq" a sequence and "full" the "whole"
    of a rubric: notes written fast are graded like prose (two held-out answers were refused
    for these alone)."""
    check = {"kind": "concepts", "required": 2,
             "concepts": [{"name": "rms", "phrases": ["divides the step by the root of the mean squared gradient"]},
                          {"name": "window", "phrases": ["cost depends on k not the whole sequence length"]}]}
    answer = grade(check, "adam divides each step by sqrt of the mean sq grad. cost depends on k not the full seq length")
    assert (answer.correct, answer.notes) == (True, ("hit:rms", "hit:window"))
    assert not grade(check, "adam divides each step by sqrt of the mean grad. cost depends on k").correct


def test_a_restated_question_or_a_colleagues_claim_is_not_the_learners() -> None:
    """"Restating: can clipping fix vanishing gradients? No, ..." asks, and "the colleague sees
    σ_max = 1.5 and says it must explode" reports: neither asserts the false claim in it. A
    question still shows what the learner knows, so its key points count."""
    check = {"kind": "concepts", "concepts": [{"name": "exploding-only", "phrases": ["clipping only acts on exploding"]}],
             "misconceptions": [{"name": "fixes-vanishing", "phrases": ["clipping fixes vanishing gradients"],
                                 "feedback": "Clipping never scales a gradient up."},
                                {"name": "must-explode", "phrases": ["sigma max above 1 means it must explode"],
                                 "feedback": "Above 1 only allows growth."}]}
    asked = grade(check, "Restating: can clipping fix vanishing gradients? No, clipping only acts on exploding.")
    assert (asked.correct, asked.notes) == (True, ("hit:exploding-only",))
    assert "misconception:fixes-vanishing" in grade(check, "Clipping fixes vanishing gradients.").notes
    for reported in ("The colleague sees σ_max = 1.5 and says it must explode. Clipping only acts on exploding.",
                     "My colleague concluded that with sigma max above 1 it must explode. "
                     "Clipping only acts on exploding."):
        assert grade(check, reported).correct, reported
    assert not grade(check, "Sigma max above 1 means it must explode. Clipping only acts on exploding.").correct


def test_a_value_around_0_99_is_near_one() -> None:
    """"The forget gate sits around 0.99" says what "f ≈ 0.99" says: the gate is near one."""
    from tutor.packs.loader import load_pack
    from tutor.paths import builtin_content_dir

    check = load_pack(builtin_content_dir() / "rnn-gradients").question("q6-why-lstm-works").check
    for text in ("The forget gate sits around 0.99.", "The forget gate is roughly 0.999.", "f ≈ 0.99."):
        assert "hit:forget-gate" in grade(check, text).notes, text
    assert "hit:forget-gate" not in grade(check, "The forget gate sits around 0.5.").notes


def test_nothing_more_than_restricts_and_under_is_below() -> None:
    """"The norm is nothing more than the largest singular value" says it is only that (it was
    read as a denial), and "magnitude under 1" is "below 1"."""
    check = {"kind": "concepts", "required": 2,
             "concepts": [{"name": "top", "phrases": ["the norm is the largest singular value"]},
                          {"name": "shrink", "phrases": ["eigenvalues below 1 shrink"]}]}
    answer = grade(check, "The norm is nothing more than the largest singular value. "
                          "Parts along eigenvalues of magnitude under 1 shrink.")
    assert (answer.correct, answer.notes) == (True, ("hit:top", "hit:shrink"))
    assert "negated:top" in grade(check, "The norm is not the largest singular value.").notes


def test_an_irregular_verb_form_reads_as_its_verb() -> None:
    """No suffix rule takes "left" to "leave" or "grew" to "grow": a rubric written in one
    form credits the other, both ways, and "the signal is gone" does not become "it goes"."""
    untouched = {"kind": "concepts", "concepts": [{"name": "kept", "phrases": ["a small gradient is left as it is"]}]}
    assert grade(untouched, "If the gradient is tiny, clipping leaves it as it is.").correct
    grown = {"kind": "concepts", "concepts": [{"name": "grows", "phrases": ["the gradient grows with length"]}]}
    assert grade(grown, "The gradient grew with the length of the sequence.").correct
    lost = {"kind": "concepts", "concepts": [{"name": "lost", "phrases": ["the signal is lost"]}]}
    assert grade(lost, "The signal is gone.").correct
    assert not grade(lost, "The gradients go below epsilon.").correct


def test_advice_against_a_threshold_too_small_does_not_deny_what_too_small_does() -> None:
    """"You should not make it too small: then every step is clipped" warns against the excess
    it describes; "clipping never makes the updates too small" still denies its claim."""
    check = {"kind": "concepts", "concepts": [
        {"name": "too-small", "phrases": ["too small and every step gets clipped"]}]}
    advice = "You should not make it too small: if the threshold is below the usual norm, almost every step gets clipped."
    assert grade(check, advice).notes == ("hit:too-small",)
    assert grade(check, "You shouldn't set the threshold too small, or every step gets clipped.").correct
    denial = {"kind": "concepts", "concepts": [{"name": "too-small", "phrases": ["clipping makes the updates too small"]}]}
    assert "negated:too-small" in grade(denial, "Clipping never makes the updates too small.").notes


def test_a_latin_or_greek_plural_reads_as_its_noun() -> None:
    """Snowball leaves "matrices" at `matric` and "spectra" at `spectra`: a rubric written with
    the singular credits the plural and the other way round."""
    rotation = {"kind": "concepts", "concepts": [{"name": "norm", "phrases": ["an orthogonal matrix keeps the norm"]}]}
    assert grade(rotation, "Orthogonal matrices keep the norm of the gradient.").correct
    spread = {"kind": "concepts", "concepts": [{"name": "spread", "phrases": ["the spectra of the step Jacobians spread"]}]}
    assert grade(spread, "The spectrum of each step Jacobian spreads out.").correct
    assert not grade(rotation, "Orthogonal vectors keep the norm of the gradient.").correct


def test_a_misspelt_word_inside_a_many_word_term_still_reads_as_the_term() -> None:
    """"singlar value" is the vocabulary's "singular value" (one typo in a two-word member),
    as "singlar" alone would be "singular"."""
    check = {"kind": "concepts",
             "concepts": [{"name": "top", "phrases": ["the norm is the largest singular value"]}]}
    for answer in ("The norm is the largest singlar value.", "The norm is the largest sinuglar value."):
        result = grade(check, answer)
        assert (result.correct, result.notes) == (True, ("hit:top",)), answer
    assert not grade(check, "The norm is the largest single value.").correct


def test_an_implication_arrow_ends_a_negation_like_so() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "exploding-only", "phrases": ["only addresses exploding"]}]}
    # "⇒" reads as "so": the "never" before it denies "enlarge", not what the arrow concludes
    for arrow in ("⇒", "=>", "∴"):
        graded = grade(check, f"The factor can only shrink, never enlarge {arrow} only addresses exploding.")
        assert (graded.correct, graded.notes) == (True, ("hit:exploding-only",)), arrow


def test_a_value_written_as_about_0_99_reads_as_about_one() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "open-gate", "phrases": ["forget gate ≈ 1"]}]}
    for value in ("≈ 0.999", "~0.99", "≈ 1.0", "≈ 1.01"):
        assert grade(check, f"The network learns a forget gate {value} for that cell.").correct, value
    # a value clearly away from one is not "near one"
    for value in ("≈ 0.9", "≈ 1.05", "≈ 0.5"):
        assert not grade(check, f"The network learns a forget gate {value} for that cell.").correct, value


def test_a_misconception_no_noun_verb_is_asserted_by_a_denied_verb() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "input", "phrases": ["ground truth as input"]}],
        "misconceptions": [{"name": "cut", "phrases": ["no gradient flows through the hidden states"],
                            "feedback": "BPTT still runs through the hidden states."}],
    }
    # "no gradient flows" and "the gradient no longer flows" say the same
    graded = grade(check, "It feeds the ground truth as input, so the gradient no longer flows through the hidden states.")
    assert "misconception:cut" in graded.notes and not graded.correct
    # a denial of another word of the claim is not it
    assert "misconception:cut" not in grade(check, "It feeds the ground truth as input; the gradient flows "
                                                   "through the hidden states, not through the inputs.").notes


def test_a_long_aside_between_dashes_does_not_pull_a_claim_apart() -> None:
    check = {
        "kind": "concepts",
        "concepts": [{"name": "norm", "phrases": ["the norm is the largest singular value"]}],
        "misconceptions": [{"name": "spread-good", "phrases": ["a wide spread is a good sign"],
                            "feedback": "A wide spread means most directions are lost."}],
    }
    answer = ("The norm is the largest singular value, and a wide spread — many decades between the largest "
              "and the smallest singular value — is a good sign.")
    assert "misconception:spread-good" in grade(check, answer).notes
    # a short aside changes nothing
    assert grade(check, "The norm is — as usual — the largest singular value.").correct


def test_a_gradient_written_as_a_derivative_of_the_loss_reads_as_the_gradient() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "huge", "phrases": ["the gradient explodes at the wall"]}]}
    for formula in ("∂L/∂θ", "‖∇_θ L‖", "∇L", "∂E/∂h_k", "||dL/dtheta||", "dl/dw", "dL/dW_hh"):
        assert grade(check, f"Across a bifurcation {formula} explodes at that wall.").correct, formula
    # a Jacobian between states is not the loss's gradient: its symbols stay as written
    for jacobian in ("∂h_T/∂h_t", "dh_T/dh_t"):
        assert not grade(check, f"Across a bifurcation {jacobian} explodes at that wall.").correct, jacobian


def test_a_ratio_of_two_norms_written_out_reads_as_a_ratio_of_norms() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "ratio", "phrases": ["penalises the ratio of the norms"]}]}
    assert grade(check, "Ω penalises (‖δ_{k+1} J_k‖/‖δ_{k+1}‖ − 1)² at every step.").correct
    assert grade(check, "It penalises ||g J|| / ||g|| moving away from one.").correct
    assert grade(check, "Ω penalises (‖∂E/∂h₂ · ∂h₂/∂h₁‖ ÷ ‖∂E/∂h₂‖ − 1)² at every step.").correct
    assert grade(check, "Ω penalises (‖(∂E/∂h₂)(∂h₂/∂h₁)‖ ⁄ ‖∂E/∂h₂‖ − 1)² at every step.").correct  # fraction slash
    assert not grade(check, "It penalises ‖g‖ above τ.").correct


def test_a_capital_i_in_a_formula_is_the_identity_not_the_pronoun() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "path", "phrases": ["identity path reaches every layer"]}]}
    assert grade(check, "Pre-LN: x + F(LN(x)) ⇒ I path reaches every layer.").correct
    # the pronoun stays a pronoun
    assert [t.raw for t in sentences("I think the path reaches every layer.")[0].tokens][0] == "think"


def test_a_subscript_is_a_token_of_its_own() -> None:
    """NFKD turns "fₖ" into "fk"; read apart, "fₖ ≈ 1" says "f ≈ 1"."""
    assert [t.raw for t in sentences("fₖ ≈ 1 over many steps")[0].tokens][:4] == ["f", "k", "about", "one"]
    check = {"kind": "concepts", "concepts": [{"name": "open", "phrases": ["f ≈ 1"]}]}
    assert grade(check, "∏ₖ diag(fₖ); fₖ ≈ 1 ⇒ the product stays near 1.").correct


def test_a_long_list_of_terms_inside_a_sentence_states_nothing() -> None:
    """Eight or more short comma-separated items name topics wherever they stand: "because of
    recurrence, sequence length, ..., weight sharing, ..., ReLU, batch norm, ..." does not state
    that RNNs share weights or that CNNs have normalisation (a keyword-stuffed wrong answer was
    credited two key points from its list). A statement around the list is still read, and a
    short list (three items) is read as written."""
    check = {"kind": "concepts", "required": 1,
             "concepts": [{"name": "shared", "phrases": ["RNNs use the same weights at every step"]},
                          {"name": "remedies", "phrases": ["CNNs use ReLU, batch normalisation and residual connections"]}]}
    stuffed = ("RNNs vanish more than CNNs because of recurrence, sequence length, tanh, sigmoid, BPTT, "
               "weight sharing, convolutions, pooling, ReLU, batch norm, ResNet and He 2016, while CNNs are spatial.")
    assert grade(check, stuffed).score == 0
    assert grade(check, stuffed).feedback.splitlines()[-1] == (
        "A run of terms inside a sentence names topics but says nothing about how they relate.")
    assert grade(check, stuffed + " RNNs use the same weights at every step.").notes[:1] == ("hit:shared",)
    assert grade(check, "CNNs have ReLU, batch norm and ResNet-style residual connections.").correct
    listed = without_embedded_list(sentences(stuffed)[0])
    assert [token.raw for token in listed.tokens] == ["rnn", "vanish", "more", "cnn", "because", ",", ",", "while", "cnn", "spatial"]


def test_a_crossed_out_implication_sets_the_two_sides_apart() -> None:
    """"necessary ⇏ sufficient for exploding" reads like "necessary, but not sufficient": the
    necessary point is stated (a right answer in symbols was read as its denial)."""
    check = {"kind": "concepts", "concepts": [{"name": "necessary", "phrases": ["necessary for exploding"]}]}
    assert grade(check, "σ_max > 1/γ: necessary ⇏ sufficient for exploding.").correct
    assert not grade(check, "σ_max > 1/γ is not necessary for exploding.").correct


def test_an_amount_of_zero_is_none() -> None:
    """"An almost zero learning signal" is no learning signal: it states the rubric's negative
    claim rather than contradicting it (a right answer was refused for it); a signal that
    goes to zero keeps its reading as shrinking."""
    check = {"kind": "concepts", "concepts": [{"name": "starved", "phrases": ["early steps get no learning signal"]}]}
    assert grade(check, "The earliest steps get an almost zero learning signal.").correct
    assert grade(check, "Early steps get zero gradient.").correct
    assert "negated:starved" in grade(check, "The early steps get a healthy learning signal.").notes
    assert [t.raw for t in sentences("the signal goes to zero")[0].tokens][-1] == "zero"


def test_a_matrix_that_is_not_normal_is_non_normal() -> None:
    """"A matrix that is not normal can have σ_max above its spectral radius" names a non-normal
    matrix; the "not" denies nothing that follows (a right answer was read as denying it)."""
    check = {"kind": "concepts", "concepts": [{"name": "exceeds", "phrases": ["sigma max can exceed the spectral radius"]}]}
    assert grade(check, "A matrix that is not normal can have σ_max well above its spectral radius.").correct
    assert "negated:exceeds" in grade(check, "σ_max can not exceed the spectral radius.").notes


def test_an_opposite_beside_only_is_no_reversal() -> None:
    """"Clipping can only shrink a gradient, never enlarge it" says what clipping does; it does
    not reverse "clipping is only for exploding" (three right answers were refused as denying it).
    Beside a second word of the claim an opposite still reverses it."""
    check = {"kind": "concepts", "concepts": [{"name": "exploding", "phrases": ["only exploding"]},
                                              {"name": "dominate", "phrases": ["the short-range terms dominate"]}]}
    notes = grade(check, "Its factor is at most 1, so it can only shrink, never enlarge.").notes
    assert "negated:exploding" not in notes and "missed:exploding" in notes
    assert "hit:exploding" in grade(check, "It is only for exploding gradients.").notes
    assert "negated:dominate" in grade(check, "The long-range terms dominate.").notes


def test_a_denied_repair_of_a_loss_grants_the_loss() -> None:
    """"Rescaling does not put back the missing signal" says the signal stays missing: it states
    "the signal is lost" rather than denying it (a partial answer lost its one point for it),
    however the repair is worded; a denied repair of anything else is still a denial."""
    check = {"kind": "concepts", "concepts": [{"name": "lost", "phrases": ["the long-range signal is lost"]}]}
    for answer in ("Scaling it up does not put back the missing long-range signal.",
                   "Rescaling can't bring the lost long-range signal back.",
                   "Adam never recovers the lost long-range signal.",
                   "It amplifies the noise rather than restoring the lost long-range signal."):
        assert grade(check, answer).correct, answer
    assert "negated:lost" in grade(check, "The long-range signal is not lost.").notes
    restore = {"kind": "concepts", "concepts": [{"name": "restores", "phrases": ["clipping restores the gradient"]}]}
    assert "negated:restores" in grade(restore, "Clipping cannot restore the gradient.").notes


def test_nothing_stopping_a_change_grants_it() -> None:
    """"Nothing stops training from moving W_hh away from orthogonal" says training can move it:
    the two denials grant the point (a right answer was read as denying it); a plain denial
    still denies."""
    check = {"kind": "concepts", "concepts": [{"name": "drift", "phrases": ["training moves W_hh away from orthogonal"]}]}
    assert grade(check, "Nothing stops training from moving W_hh away from orthogonal.").correct
    assert grade(check, "There is nothing to prevent training from moving W_hh away from orthogonal.").correct
    assert "negated:drift" in grade(check, "Training does not move W_hh away from orthogonal.").notes


def test_a_crossed_out_symbol_keeps_its_denial() -> None:
    """NFKD splits "⇏" into "⇒" and a combining stroke, and the stroke was dropped: the
    denial went with it."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "necessary", "phrases": ["necessary for exploding"]}],
        "misconceptions": [{"name": "fixes", "phrases": ["clipping fixes vanishing"], "feedback": "It cannot."}],
    }
    assert "misconception:fixes" not in grade(check, "Clipping ⇏ fix for vanishing.").notes
    assert [t.raw for t in sentences("‖g‖ ≉ 0")[0].tokens][-2:] == ["not", "zero"]


def test_a_note_takers_abbreviation_does_not_end_the_sentence() -> None:
    assert [s.text for s in sentences("Far terms: many factors → exp. small. Next, e.g. saturation vs. the radius.")] == [
        "Far terms: many factors → exp. small.", "Next, e.g. saturation vs. the radius."]
    assert [s.text for s in sentences("Pascanu et al. pair Ω with clipping. Dyn. isometry, see eq. 3 and fig. 2.")] == [
        "Pascanu et al. pair Ω with clipping.", "Dyn. isometry, see eq. 3 and fig. 2."]


def test_a_reading_inside_a_condition_contradicts_nothing() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "epsilon", "phrases": ["below epsilon"]},
                                              {"name": "scale", "phrases": ["normalises the step size"]}],
             "required": 1}
    for condition in ("provided the gradient sits well above epsilon", "as long as it is well above epsilon"):
        graded = grade(check, f"Adam normalises the step size, {condition}.")
        assert graded.correct and "negated:epsilon" not in graded.notes, condition
    # outside a condition the same words still deny the point
    assert "negated:epsilon" in grade(check, "Adam normalises the step size; the gradient sits well above epsilon.").notes


def test_standardising_is_normalising() -> None:
    """A statistician's word for the same operation: 'standardise' joins the normalisation group."""
    check = {"kind": "concepts", "concepts": [{"name": "units", "phrases": ["normalises over the units"]}],
             "required": 1}
    for verb in ("standardises", "standardizes", "normalises"):
        assert grade(check, f"Layer norm {verb} over the units of one example.").correct, verb
    assert not grade(check, "Layer norm rescales over the units of one example.").correct


def test_a_prime_on_a_function_reads_as_its_derivative() -> None:
    """"φ′ → 1" is about the derivative; with the prime dropped it read as "φ → 1"."""
    check = {"kind": "concepts", "concepts": [{"name": "slope", "phrases": ["the derivative is near zero when units saturate"]}]}
    for written in ("φ′", "tanh′(a)", "tanh'(a)", "σ′"):
        assert grade(check, f"When units saturate, {written} is near zero.").correct, written
    assert not grade(check, "When units saturate, tanh is near one.").correct
    # an apostrophe before a letter is a possessive, not a prime
    assert [t.raw for t in sentences("tanh's slope")[0].tokens] == ["tanhs", "slope"]



def test_tanhs_derivative_written_out_diagonals_and_ratios_read_as_words() -> None:
    """"diag(1 − tanh²(a))" is the diagonal of tanh's derivative, "tanh prime" too; a ratio
    written with a slash ("norm after / norm before") reads like one written with "over"."""
    check = {"kind": "concepts", "concepts": [{"name": "slopes", "phrases": ["the diagonal of tanh derivatives"]}]}
    for written in ("diag(1 − tanh²(a_t))", "diag(1 - tanh(a)^2)", "diag(1-tanh**2)", "the diagonal of tanh prime"):
        assert grade(check, f"The Jacobian is {written} times W_hh.").correct, written
    assert not grade(check, "The Jacobian is diag(tanh(a)) times W_hh.").correct
    ratio = {"kind": "concepts", "concepts": [{"name": "ratio", "phrases": ["norm after one step over the norm before"]}]}
    assert grade(ratio, "It penalises (norm after one step / norm before - 1)^2.").correct
    assert [t.raw for t in sentences("∂L/∂θ")[0].tokens] == ["gradient"]
    assert "over" not in [t.raw for t in sentences("∂h_T/∂h_t")[0].tokens]

def test_raising_and_doubling_increase_halving_decreases() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "backoff", "phrases": ["decrease the scale on overflow"]},
                                              {"name": "growth", "phrases": ["increase the scale after clean steps"]}],
             "required": 2}
    assert grade(check, "It halves the scale on overflow and doubles it after clean steps.").correct
    assert grade(check, "It backs off the scale on overflow and raises it after clean steps.").correct
    swapped = grade(check, "It doubles the scale on overflow and halves it after clean steps.")
    assert not swapped.correct


def test_where_a_part_is_put_reads_alike_whatever_the_verb() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "main-path", "phrases": ["Post-LN puts the norm on the main path"]}]}
    for verb in ("sits", "is placed", "lies"):
        assert grade(check, f"In Post-LN the norm {verb} on the main path.").correct, verb
    assert not grade(check, "In Post-LN the norm is skipped on the main path.").correct


def test_a_correct_answer_with_points_left_out_says_how_many_and_what_else() -> None:
    """"Correct." above "Missing: ..." read to a new user as a contradiction."""
    check = {"kind": "concepts", "required": 1, "concepts": [
        {"name": "bounds-exploding", "phrases": ["prevents exploding gradients"]},
        {"name": "not-vanishing", "phrases": ["does not fix vanishing gradients"]}]}
    assert grade(check, "It prevents exploding gradients.").feedback == (
        "Correct: 1 of the 2 key points (1 needed).\nFound: bounds exploding.\nAlso worth saying: not vanishing.")


def test_a_note_takers_exp_is_exponential_and_invisible_is_lost() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "grows", "phrases": ["grows exponentially"]},
                                              {"name": "lost", "phrases": ["long-range dependencies are lost"]}],
             "required": 2}
    assert grade(check, "Product of Jacobians grows exp. w/ # steps. Long-range deps are invisible to GD.").correct


def test_a_passive_of_dominate_does_not_say_its_subject_dominates() -> None:
    """"The far contributions decay, so they're swamped" said the far ones dominate: 'swamp' is
    in the dominate group, and its passive turns the roles round."""
    check = {"kind": "concepts", "concepts": [{"name": "decay", "phrases": ["distant contributions decay"]}],
             "misconceptions": [{"name": "far-dominate", "phrases": ["the distant contributions dominate"],
                                 "feedback": "The short-range terms dominate."}]}
    for passive in ("they're swamped", "they are drowned out", "they get completely overwhelmed"):
        graded = grade(check, f"The distant contributions decay, so {passive}.")
        assert graded.correct and "misconception:far-dominate" not in graded.notes, passive
    assert not grade(check, "The distant contributions decay, but they dominate.").correct


def test_a_key_points_label_names_it_in_the_feedback_and_the_checklist() -> None:
    """Names are slugs for authors ("small-untouched"); a label says the point in words."""
    check = {"kind": "concepts", "concepts": [
        {"name": "only-exploding", "label": "clipping acts only on exploding gradients",
         "phrases": ["only prevents exploding gradients"]},
        {"name": "small-untouched", "label": "a small gradient passes through untouched, as it was",
         "phrases": ["small gradients pass through untouched"]}]}
    graded = grade(check, "It only prevents exploding gradients.")
    assert graded.feedback.splitlines()[1:] == [
        "Found: clipping acts only on exploding gradients.",
        "Missing: a small gradient passes through untouched, as it was."]
    assert [claim.label for claim in graded.claims] == [
        "clipping acts only on exploding gradients", "a small gradient passes through untouched, as it was"]
    both = grade({**check, "required": 1}, "The learning rate was too high.")
    assert both.feedback.splitlines()[-1] == (  # a label with a comma of its own: the list takes semicolons
        "Missing: clipping acts only on exploding gradients; a small gradient passes through untouched, as it was.")
    unlabelled = grade({"kind": "concepts", "concepts": [{"name": "only-exploding", "phrases": ["x"]}]}, "y")
    assert unlabelled.feedback.splitlines()[-1] == "Missing: only exploding."


def test_a_label_longer_than_a_checklist_line_is_refused() -> None:
    from pydantic import ValidationError

    from tutor.checks.kinds.concepts import LABEL_LENGTH, ConceptsCheck

    with pytest.raises(ValidationError, match=f"at most {LABEL_LENGTH} characters"):
        ConceptsCheck.model_validate({"kind": "concepts", "concepts": [
            {"name": "long", "label": "x" * (LABEL_LENGTH + 1), "phrases": ["long"]}]})


def test_a_key_point_is_not_credited_from_the_words_that_state_a_misconception() -> None:
    """The words of a false claim serve it: "rescales the gradient to a fixed norm, so tiny
    gradients are scaled back up" is not "caps the norm". A key point stated in another clause
    of the same sentence still counts."""
    check = {"kind": "concepts", "required": 2,
             "concepts": [{"name": "caps", "phrases": ["clipping caps the norm"]},
                          {"name": "shrink", "phrases": ["the gradient shrinks exponentially"]}],
             "misconceptions": [{"name": "boosts", "phrases": ["clipping scales tiny gradients back up"],
                                 "feedback": "Clipping only ever scales down."}]}
    inside = grade(check, "Clipping rescales to a fixed norm cap, so it scales tiny gradients back up.")
    assert (inside.score, inside.notes) == (0.0, ("missed:caps", "missed:shrink", "misconception:boosts"))
    beside = grade(check, "The gradient shrinks exponentially, while clipping scales tiny gradients back up.")
    assert (beside.score, beside.notes) == (0.25, ("hit:shrink", "missed:caps", "misconception:boosts"))
    assert grade(check, "Clipping caps the norm. The gradient shrinks exponentially.").correct


def test_a_negated_verb_that_takes_a_clause_denies_the_clause() -> None:
    """"You can't say they explode": the pronoun opens the clause the negation denies, not a
    statement of its own; the same after "doesn't guarantee: that ..."."""
    check = {"kind": "concepts", "concepts": [{"name": "necessary", "phrases": ["a necessary condition"]}],
             "misconceptions": [{"name": "must", "phrases": ["gradients must explode"], "feedback": "Not sufficient."},
                                {"name": "stays", "phrases": ["W stays orthogonal"], "feedback": "It drifts."}]}
    for denied in ("It is a necessary condition, so you can't conclude that they must explode.",
                   "It is a necessary condition, but it doesn't mean the gradients must explode.",
                   "What it doesn't guarantee: that W stays orthogonal. It is a necessary condition."):
        assert grade(check, denied).notes == ("hit:necessary",), denied
    assert "misconception:must" in grade(check, "It is a necessary condition, and the gradients must explode.").notes


def test_non_zero_and_away_from_zero_are_not_zero() -> None:
    check = {"kind": "concepts", "concepts": [{"name": "sum", "phrases": ["the gradient is a sum"]}],
             "misconceptions": [{"name": "zero", "phrases": ["the total gradient is zero"], "feedback": "No."}]}
    for text in ("The gradient is a sum, so the total gradient is non-zero.",
                 "The gradient is a sum and short terms keep the total gradient well away from zero.",
                 "The gradient is a sum; the total gradient stays nonzero."):
        assert grade(check, text).notes == ("hit:sum",), text
    assert "misconception:zero" in grade(check, "The gradient is a sum, yet the total gradient is ≈ 0.").notes


@pytest.mark.parametrize(
    ("response", "correct", "notes"),
    [
        # the opening "it" is what the question asks about: the false claim is asserted
        ("It fixes vanishing gradients.", False,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("Yes, it fixes vanishing gradients too.", False,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        ("No. This fixes vanishing gradients as well.", False,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing",
          "misconception:clipping-fixes-vanishing")),
        # denied, it stays a denial
        ("No, it does not fix vanishing gradients; it limits the norm.", True, ("hit:bounds-exploding", "hit:not-vanishing")),
        # a later "it" is whatever the answer has named since: no false claim of clipping's
        ("No. Use an LSTM for vanishing. It fixes vanishing gradients.", False,
         ("missed:bounds-exploding", "missed:not-vanishing", "negated:not-vanishing")),
        # the subject's words credit no key point: "it" limits nothing here
        ("It is about exploding.", False, ("missed:bounds-exploding", "missed:not-vanishing")),
    ],
)
def test_an_answer_opening_with_it_speaks_of_the_questions_subject(response: str, correct: bool,
                                                                   notes: tuple[str, ...]) -> None:
    result = grade({**CLIPPING, "subject": "gradient clipping"}, response)
    assert (result.correct, result.notes) == (correct, notes)


def test_without_a_subject_an_opening_it_names_nothing() -> None:
    assert "misconception:clipping-fixes-vanishing" not in grade(CLIPPING, "It fixes vanishing gradients.").notes


def test_no_key_point_is_credited_from_any_wording_of_a_false_claim_the_sentence_states() -> None:
    rubric = {
        "kind": "concepts",
        "concepts": [{"name": "small-untouched", "phrases": ["small gradients unchanged"]},
                     {"name": "bounds-exploding", "phrases": ["caps the norm"]}],
        "misconceptions": [{"name": "clipping-fixes-vanishing",
                            "phrases": ["clipping fixes vanishing", "small gradients are rescaled up"],
                            "feedback": MISCONCEPTION_FEEDBACK}],
    }
    result = grade(rubric, "Clipping fixes vanishing since it keeps the norm healthy, so small gradients are rescaled up.")
    assert result.notes == ("missed:small-untouched", "missed:bounds-exploding", "misconception:clipping-fixes-vanishing")
    assert result.score == 0.0


def test_and_then_starts_a_statement_of_its_own_out_of_a_negations_reach() -> None:
    """'Log the norms without clipping and then set τ well below the typical norm' was read as
    denying 'set τ well below the typical norm': "without" reaches one word past its object, and
    "and then" (both function words) left nothing between them."""
    check = {"kind": "concepts", "concepts": [{"name": "low", "phrases": ["set the threshold below the typical norm"]}],
             "misconceptions": [{"name": "fixes", "phrases": ["rescaling recovers the vanishing gradient"],
                                 "feedback": "Rescaling cannot bring back a lost signal."}]}
    assert grade(check, "Log the norms without clipping and then set the threshold below the typical norm.").correct
    assert not grade(check, "Log the norms without setting the threshold below the typical norm.").correct
    # a verb's negation still reaches past "and then"
    for denied in ("You cannot clip and then hope that rescaling recovers the vanishing gradient.",
                   "Never clip first and then claim that rescaling recovers the vanishing gradient."):
        assert "misconception:fixes" not in grade(check, denied).notes, denied


@pytest.mark.parametrize(("point", "false_claim", "other_kind", "stated", "kinds"), [
    # the built-in group put tanh and the sigmoid beside "nonlinearity" as synonyms, so "the sigmoid's
    # derivative is at most 1/4" (right) was read as the misconception "tanh's derivative is at most 1/4"
    ("the nonlinearity's derivative shrinks the gradient", "tanh's derivative is at most 1/4",
     "The sigmoid's derivative is at most 1/4.",
     ("The tanh derivative is at most 1/4.", "Tanh's derivative is at most 1/4."),
     ("The tanh's derivative shrinks the gradient.", "The sigmoid's derivative shrinks the gradient.",
      "The activation's derivative shrinks the gradient.")),
    # memory and compute were synonyms in the "cost" group, so a right answer on checkpointing, "that cuts
    # memory from O(T) states to O(√T), and you pay with one more forward pass of compute", was read as
    # the misconception "it cuts the compute from O(T) to O(√T)" (held-out set A10do)
    ("it bounds the cost of each update", "cuts the compute from O(T) to O(√T)",
     "That cuts memory from O(T) states to O(√T).",
     ("That cuts compute from O(T) to O(√T).", "It cuts the computation from O(T) to O(√T)."),
     ("It bounds the memory of each update.", "It bounds the compute of each update.",
      "It bounds the cost of each update.")),
])
def test_kinds_stand_for_their_group_but_never_for_each_other(point, false_claim, other_kind, stated, kinds) -> None:
    """`shared_vocabulary.KINDS`: tanh and the sigmoid are nonlinearities, memory and compute costs."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "point", "phrases": [point]}],
        "misconceptions": [{"name": "false", "phrases": [false_claim], "feedback": "One kind is not the other."}],
    }
    assert "misconception:false" not in grade(check, other_kind).notes
    for text in stated:
        assert "misconception:false" in grade(check, text).notes, text
    for text in kinds:
        assert grade(check, text).correct, text


def test_a_removed_guarantee_is_denied() -> None:
    """ "σ_max above 1 only removes the guarantee that gradients vanish" (held-out set 22dr) had
    read as the misconception "σ_max above 1/γ guarantees that the gradients vanish"."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "necessary", "phrases": ["necessary but not sufficient"]}],
        "misconceptions": [{"name": "reversed", "phrases": ["σ_max above 1/γ guarantees that the gradients vanish"],
                            "feedback": "Above 1/γ vanishing is no longer guaranteed."}],
    }
    for verb in ("removes", "lifts", "loses"):
        text = f"Having σ_max above 1/γ only {verb} the guarantee that gradients vanish."
        assert "misconception:reversed" not in grade(check, text).notes, verb
    assert "misconception:reversed" in grade(check, "σ_max above 1/γ guarantees that the gradients vanish.").notes


def test_stop_being_is_a_drift_but_stop_alone_is_not() -> None:
    """The built-in "drift" group held "stop being", whose "being" is a stopword: every "stop"
    read as "change", so "inputs barely change the weights" stated "does not stop the network
    from learning long-term dependencies" (held-out set 22dr)."""
    check = {
        "kind": "concepts",
        "concepts": [{"name": "drift", "phrases": ["the weights stop being orthogonal"]}],
        "misconceptions": [{"name": "harmless", "phrases": ["does not stop learning long-term dependencies"],
                            "feedback": "Vanishing gradients do stop it."}],
    }
    assert grade(check, "During training the weights drift from orthogonal.").correct
    assert not grade(check, "The weights stop training once they are orthogonal.").correct
    assert "misconception:harmless" not in grade(
        check, "It fails to learn long-term dependencies: early inputs barely change the weights.").notes
    assert "misconception:harmless" in grade(check, "Vanishing does not stop learning long-term dependencies.").notes


def test_just_under_a_bound_is_close_to_it() -> None:
    """ "just" is a stopword, so "moduli just inside the unit circle" was merely "inside" it: the
    wording read "its modulus is automatically inside the unit circle" (a partial answer on the LRU's
    parametrisation) as the point that moduli near 1 give long memory."""
    check = {"kind": "concepts", "concepts": [{"name": "near", "phrases": ["moduli just inside the unit circle"]}]}
    assert grade(check, "You want moduli just inside the unit circle.").correct
    assert grade(check, "You want moduli slightly inside the unit circle.").correct
    assert not grade(check, "The modulus is automatically inside the unit circle.").correct


def test_a_comparison_is_read_with_the_nearest_words_on_its_two_sides() -> None:
    """ "It only kicks in when the norm is above the threshold and it can only ever shrink things":
    the second "only" is nearer to "above the threshold" but stands after it, so the reading with it
    put both sides of the comparison on one side and the claim was not read at all (held-out 22du)."""
    check = {"kind": "concepts", "concepts": [{"name": "above", "phrases": ["only above the threshold"]}]}
    text = "It only kicks in when the norm is above the threshold and it can only ever shrink things."
    assert grade(check, text).correct
    assert not grade(check, "The norm is above the threshold only rarely.").correct


def test_and_only_opens_a_statement_the_negation_before_it_does_not_reach() -> None:
    """ "Normal steps arent changed and only the rare spikes get rescaled" (held-out set A10dr) had
    read as denying "only the rare spikes are rescaled": "and only" opens a statement of its own,
    as "and the" does; "and not only" still denies."""
    check = {"kind": "concepts", "concepts": [{"name": "spikes", "phrases": ["only the rare spikes are rescaled"]}]}
    assert grade(check, "Normal steps arent changed and only the rare spikes get rescaled.").correct
    assert grade(check, "Normal steps are not changed, and only the rare spikes get rescaled.").correct
    assert not grade(check, "It is not true that only the rare spikes get rescaled.").correct


def test_a_derivative_typed_without_spaces_keeps_what_follows_it() -> None:
    """The denominator of "dL/dW<1" is one name: the "< 1" after it was swallowed with it."""
    check = {"kind": "concepts", "concepts": [{"name": "below", "phrases": ["the gradient is below 1"]}]}
    for written in ("dL/dW<1", "∂L/∂W<1", "dL/dW < 1"):
        assert grade(check, f"Then {written} here.").correct, written
    assert not grade(check, "Then dE/dt < 1 here.").correct  # a time derivative, not the gradient


def test_a_number_and_a_word_apart_in_the_answer_are_not_a_many_word_term() -> None:
    """The built-in "one step" (a direct path) was read in "below 1 at every step" and in "a
    product of Jacobians, one per step", where the words between were left out: the first
    answer lost its "below 1", the second read as a direct path."""
    check = {"kind": "concepts", "concepts": [{"name": "below", "phrases": ["the gradient is below 1"]}]}
    for answer in ("The gradient is below 1 at every step.", "The gradient is below one per step."):
        assert grade(check, answer).correct, answer
    direct = {"kind": "concepts", "concepts": [{"name": "direct", "phrases": ["the path is one step long"]}]}
    assert grade(direct, "The path is one step long.").correct
    assert not grade(direct, "The path is a product of Jacobians, one per step, so it is long.").correct


def test_latex_notation_reads_as_the_symbols_it_writes() -> None:
    """Learners who write papers type LaTeX: `\\frac{\\partial L}{\\partial \\theta}`, `\\|J\\|`,
    `\\leq`, `\\Rightarrow`. Left as words ("partial", "leq") the relations they state were lost."""
    gradient = {"kind": "concepts", "concepts": [{"name": "huge", "phrases": ["the gradient explodes at the wall"]}]}
    for formula in (r"\frac{\partial L}{\partial \theta}", r"\partial L/\partial \theta", r"$\nabla_\theta L$",
                    r"\|\partial L / \partial W_{hh}\|"):
        assert grade(gradient, f"Across a bifurcation {formula} explodes at that wall.").correct, formula
    assert not grade(gradient, r"Across a bifurcation \partial h_T/\partial h_t explodes at that wall.").correct

    below = {"kind": "concepts", "concepts": [{"name": "below", "phrases": ["the spectral radius is below one"]}]}
    assert grade(below, r"Here $\rho(W) \leq 1$.").correct
    assert grade(below, r"Here \rho(W) \ll 1.").correct
    assert not grade(below, r"Here \rho(W) \geq 1.").correct
    assert not grade(below, r"Here \rho(W) \gg 1.").correct

    implication = {"kind": "concepts", "concepts": [{"name": "so", "phrases": ["norms grow so the gradient explodes"]}]}
    assert grade(implication, r"norms grow \Rightarrow the gradient explodes").correct
    assert grade(implication, r"norms grow \implies the gradient explodes").correct

    norm = {"kind": "concepts", "concepts": [{"name": "norm", "phrases": ["the norm above the threshold"]}]}
    assert grade(norm, r"clip when \|g\| > \tau").correct
    assert grade(norm, r"clip when \lVert g \rVert \geq \tau").correct


def test_latex_commands_become_unicode_symbols() -> None:
    from tutor.grading.latex_text import plain_symbols

    assert plain_symbols(r"\sigma_1 \approx 1 but \sigma_i \approx 0 for i \geq 2 \Rightarrow") == (
        "σ_1 ≈ 1 but σ_i ≈ 0 for i ≥ 2 ⇒")
    assert plain_symbols(r"\frac{\partial L}{\partial \theta}") == "∂ L/∂ θ"
    assert plain_symbols(r"\frac{1}{1 + e^{-x}}") == "1/(1 + e^{-x})"
    assert plain_symbols(r"\lambda \not\approx 1; \hat{\theta}") == "λ  not ≈ 1; {θ}"
    assert plain_symbols(r"\text{vanishing}\;\mathbf{W}_{hh}") == "vanishing W_{hh}"
    assert plain_symbols(r"\det \prod_k J_k \in \mathbb{R}") == "det ∏_k J_k ∈ R"
    assert plain_symbols(r"an unknown \command stays") == r"an unknown \command stays"
    assert plain_symbols("no notation; 5 < 6") == "no notation; 5 < 6"


def test_a_possessive_of_a_name_ending_in_a_digit_keeps_the_name() -> None:
    """"fp16's maximum" is fp16's, not a word "fp16s" (the stemmer folds "tanh's" by itself)."""
    check = {"kind": "concepts", "concepts": [{"name": "clamp", "phrases": ["clamped to the fp16 maximum"]}]}
    assert grade(check, "Inf entries are clamped to fp16's maximum.").correct
    assert grade(check, "Inf entries are clamped to fp16’s maximum.").correct


def test_a_number_in_scientific_notation_is_one_number() -> None:
    """"1e-6" is a tiny number, not "one", "e" and "6": the gradient that stays at 1e-6 does not
    stay at 1."""
    check = {"kind": "concepts", "concepts": [{"name": "one", "phrases": ["the gradient stays at 1"]}]}
    for tiny in ("1e-6", "1e−8", "1E-3"):
        assert not grade(check, f"For the early steps the gradient stays at {tiny}.").correct, tiny
    assert grade(check, "For the early steps the gradient stays at 1.").correct


def test_misspelt_dependencies_are_still_the_noun() -> None:
    """"dependancies" stems to the verb "depend", as "dependencies" did before it was kept apart:
    the common misspelling is kept apart too."""
    check = {"kind": "concepts", "required": 1, "concepts": [
        {"name": "cut", "phrases": ["long dependencies get no gradient"]},
        {"name": "size", "phrases": ["the size depends on the weight"]}]}  # "depend" is a word of the rubric
    assert grade(check, "Long dependancies get no gradient at all.").notes[0] == "hit:cut"
    assert grade(check, "How long it takes depends on the gradient.").notes[0] == "missed:cut"


def test_the_model_answers_own_mechanism_denies_no_key_point() -> None:
    """ "The gradient for an early step is a product of many Jacobians" mentions the words of
    the key point "no learning signal from distant steps" without its "no": read alone, that is
    the opposite of the point. The model answer says it itself, so an answer giving only the
    mechanism misses the point; it does not deny it. A mention the model answer does not make
    ("the gradient from distant steps stays large") still does."""
    from tutor import paths
    from tutor.checks.kinds.concepts import ConceptsCheck
    from tutor.packs.loader import load_pack

    question = load_pack(paths.builtin_content_dir() / "rnn-gradients").question("why-gradient-problems-matter")
    mechanism = "Through BPTT the gradient for an early time step is a product of the Jacobians of all later steps."
    graded = grade(question.check, mechanism)
    assert graded.notes == ("missed:vanishing-long-term", "missed:exploding-unstable")
    assert graded.feedback.startswith("Not yet: none of the key points were found.")
    alone = ConceptsCheck.model_validate(question.check.model_dump()).with_vocabulary(
        question.check.vocabulary_groups, question.check.pack_misconceptions)  # no model answer
    assert "negated:vanishing-long-term" in grade(alone, mechanism).notes
    stays = grade(question.check, "The learning signal from distant steps stays large, so training diverges.")
    assert "negated:vanishing-long-term" in stays.notes


def test_a_doubled_letter_typed_once_is_a_typo_of_the_rubric_word() -> None:
    """"eror" is "error" with one r: a typo too short for the edit distance (one edit from a
    4-letter word reaches too many real words), taken as sure because it only ever names a
    rubric word that has the doubled letter."""
    from tutor.grading.claim_match import SURE, Lexicon

    lexicon = Lexicon({"error", "small"}, {"error": "error", "smaller": "small"})
    assert lexicon.nearest("eror", "eror") == ("error", SURE)
    assert lexicon.nearest("smaler", "Smaler") == ("small", SURE)
    assert lexicon.nearest("eros", "eros") is None  # a letter changed, not a double left single
    assert lexicon.nearest("err", "err") is None  # three letters: too short to guess at
    check = {"kind": "concepts",
             "concepts": [{"name": "error-size", "phrases": ["compares the size of the error before and after"]}]}
    assert grade(check, "It compares the size of the eror before and after one step.").notes == ("hit:error-size",)
