"""`tutor check`'s style warnings: prompts that lean on another question, and choice questions
whose right option is the longest. They are printed, they do not fail the check, and the
built-in packs have none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor import paths
from tutor.authoring.style import leaning_phrase, style_warnings
from tutor.cli import main
from tutor.packs.loader import load_pack


@pytest.mark.parametrize(("prompt", "phrase"), [
    ("The same scalar RNN with a sigmoid: give the derivative.", "The same"),
    ("Now take a matrix. The same question for its transpose?", "The same"),
    ("Using the matrix above, compute W².", "matrix above"),
    ("Compute the bound as before, for T = 50.", "as before"),
    ("Repeat the previous question with tanh.", "the previous question"),
    ("With the weights previously computed, what is the norm?", "previously computed"),
    ("Is your earlier answer still right when W is symmetric?", "earlier answer"),
])
def test_prompts_that_lean_on_another_question(prompt: str, phrase: str) -> None:
    assert leaning_phrase(prompt) == phrase


@pytest.mark.parametrize("prompt", [
    "An RNN applies the same weight matrix at every step. Why does that matter?",
    "What happens when eigenvalues are above one?",
    "Give ∂hₖ/∂hₖ₋₁, the Jacobian of the state with respect to the previous hidden state.",
    "A scalar RNN (one hidden unit) with a sigmoid: hₖ = sigmoid(w·hₖ₋₁ + xₖ).",
])
def test_prompts_that_stand_alone(prompt: str) -> None:
    assert leaning_phrase(prompt) is None


@pytest.mark.parametrize("pack_id", ["rnn-gradients", "rnn-gradients-advanced"])
def test_the_builtin_packs_have_no_style_warnings(pack_id: str) -> None:
    assert [str(w) for w in style_warnings(load_pack(paths.builtin_content_dir() / pack_id))] == []


@pytest.mark.parametrize("jobs", ["1", "2"])  # with workers, the warnings are read while they run
def test_check_prints_the_warning_and_still_passes(jobs: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    questions = Path("mine/questions.yaml")
    text = questions.read_text(encoding="utf-8")
    old = "prompt: Which problem does gradient clipping by norm address?"
    assert old in text
    questions.write_text(text.replace(old, "prompt: As before, which problem does clipping by norm address?"),
                         encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "mine", "--jobs", jobs]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "warning: mine/questions.yaml:32:13: clipping-cures-what: the prompt refers to another question "
        "('As before'), which a mock or a shuffled deck may not have asked: restate what it needs"
    )
    assert "all checks hold" in out


def _choice(qid: str, right: str, wrong: str) -> dict:
    return {"id": qid, "level": "basic", "topics": ["t"], "prompt": f"Pick ({qid}).", "answer": right,
            "explanation": "Because.", "evidence": [{"name": "matrix-powers"}],
            "follow_ups": [{"prompt": "Why?", "answer": "Because."}],
            "check": {"kind": "choice", "options": [{"text": right, "correct": True}, {"text": wrong}]}}


def test_right_options_that_are_systematically_longest_are_named(tmp_path: Path) -> None:
    import yaml

    meta = {"id": "lengths", "title": "Lengths", "version": "1.0", "description": "d", "authors": ["a"],
            "license": "MIT"}
    long_right = [_choice(f"q{n}", "A long and carefully qualified right option", "Short wrong") for n in range(4)]
    folder = tmp_path / "lengths"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": long_right}), encoding="utf-8")
    [warning] = style_warnings(load_pack(folder))
    assert warning.message == (
        "in 4 of 4 choice questions a right option is the longest (q0, q1, q2, q3): "
        "a learner can guess by length; vary the lengths")
    balanced = long_right[:2] + [_choice(f"s{n}", "Short right", "A long and qualified wrong option") for n in range(2)]
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": balanced}), encoding="utf-8")
    assert style_warnings(load_pack(folder)) == []



def test_a_phrase_the_grader_cannot_read_in_its_own_words_is_warned_about(tmp_path: Path, monkeypatch) -> None:
    """A phrase of negations alone ("not impossible") is never read as stated: it looks like
    coverage in the rubric and never matches, so `tutor check` says where it is."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    questions = Path("mine/questions.yaml")
    text = questions.read_text(encoding="utf-8")
    old = "phrases: [additive, adds,"
    assert text.count(old) == 1
    questions.write_text(text.replace(old, "phrases: [additive, not impossible, adds,"), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    column = text.splitlines()[line - 1].index(old) + len("phrases: [additive, ") + 1
    assert [str(w) for w in style_warnings(load_pack(Path("mine")))] == [
        f"mine/questions.yaml:{line}:{column}: why-lstm-helps: the concept additive-update's phrase "
        "'not impossible' is not read in its own words (an 'and' inside a misconception, a phrase of "
        "negations or symbols alone), so it never matches: reword it"]


def test_a_phrase_whose_words_all_mean_one_thing_is_warned_about(tmp_path: Path, monkeypatch) -> None:
    """"depth is the sequence length": both names belong to the shared group `length`, so the
    phrase reads any sentence that names a length twice ("the sequence length sets the number of
    time steps") and credits it; `tutor check` says where it is and the sentence it would credit
    is read by it, while a phrase with a word of its own is not warned about."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    questions = Path("mine/questions.yaml")
    text = questions.read_text(encoding="utf-8")
    old = "phrases: [additive, adds,"
    line = text[:text.index(old)].count("\n") + 1
    column = text.splitlines()[line - 1].index(old) + len("phrases: [additive, ") + 1
    questions.write_text(text.replace(old, "phrases: [additive, depth is the sequence length, adds,"), encoding="utf-8")
    pack = load_pack(Path("mine"))
    assert [str(w) for w in style_warnings(pack)] == [
        f"mine/questions.yaml:{line}:{column}: why-lstm-helps: the concept additive-update's phrase "
        "'depth is the sequence length' says one idea twice (all its words mean the same to the grader), so it "
        "reads any sentence that names that idea twice: add the words that make it a claim"]
    from tutor.checks.answers import grade

    credited = grade(pack.question("why-lstm-helps").check, "The sequence length sets the number of time steps.")
    assert "hit:additive-update" in credited.notes
    questions.write_text(text.replace(old, "phrases: [additive, an RNN's depth is the sequence length, adds,"),
                         encoding="utf-8")
    assert style_warnings(load_pack(Path("mine"))) == []


def test_a_concept_question_with_too_few_samples_is_warned_about(tmp_path: Path, monkeypatch) -> None:
    """An instructor's trial: a rubric with 2 samples passed `tutor check` in silence, though the
    guide asks for 8 right answers and 4 wrong ones; the scaffold `tutor new` writes has them."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    assert style_warnings(load_pack(Path("mine"))) == []
    questions = Path("mine/questions.yaml")
    text = questions.read_text(encoding="utf-8")
    start = text.index("    tests:", text.index("  - id: why-lstm-helps"))
    samples = text[start : text.index("\n\n", start) + 1].splitlines(keepends=True)
    questions.write_text(text.replace("".join(samples), "".join(samples[:3] + samples[-1:])), encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert [str(w) for w in style_warnings(load_pack(Path("mine")))] == [
        f"mine/questions.yaml:{line + 1}:7: why-lstm-helps: 2 right and 1 wrong samples (correct: true / false) for a "
        "free-text rubric: give at least 8 right answers in varied wording and 4 wrong ones, so that `tutor check` "
        "can catch a weak rubric"]
