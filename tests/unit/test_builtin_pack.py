"""The built-in pack is complete: at least 42 questions, every check kind, every question
with a model answer, an explanation, a follow-up and evidence, and the seven questions of
the source notes at their levels."""

from __future__ import annotations

from collections import Counter

import pytest

from tutor import paths
from tutor.packs.loader import load_pack
from tutor.packs.schema import CHECK_KINDS


@pytest.fixture(scope="module")
def pack():
    return load_pack(paths.builtin_content_dir() / "rnn-gradients")


def test_size_and_check_kinds(pack):
    kinds = Counter(q.check.kind for q in pack.questions)
    assert len(pack.questions) >= 42
    assert set(kinds) == set(CHECK_KINDS)
    assert kinds["symbolic"] >= 8 and kinds["numeric"] >= 8


@pytest.mark.parametrize("pack_id", ["rnn-gradients", "rnn-gradients-advanced"])
def test_every_builtin_question_is_complete_at_every_level(pack_id):
    """Both built-in packs: a model answer, an explanation, a follow-up and evidence everywhere."""
    builtin = load_pack(paths.builtin_content_dir() / pack_id)
    for question in builtin.questions:
        assert question.answer and question.explanation, question.id
        assert question.follow_ups, question.id
        assert question.evidence, question.id
    assert {q.level.value for q in builtin.questions} == {"basic", "intermediate", "advanced"}


def test_typical_slips_get_their_own_feedback_on_at_least_15_questions(pack):
    """Numeric and symbolic questions list expected wrong answers (`tutor check` proves each
    is graded wrong with its feedback)."""
    with_mistakes = [q.id for q in pack.questions if getattr(q.check, "mistakes", None)]
    assert len(with_mistakes) >= 15
    assert all(mistake.feedback.strip() for q in pack.questions for mistake in getattr(q.check, "mistakes", ()))


def test_the_papers_are_cited(pack):
    cited = " ".join(s for q in pack.questions for s in q.sources)
    for author in ("Bengio", "Hochreiter", "Gers", "Pascanu", "Saxe", "Jaitly", "Vaswani"):
        assert author in cited, author


def test_the_builtin_pack_proves_itself():
    """`tutor check content/rnn-gradients`: every answer, sample, claim (3 seeds) and rubric holds."""
    from tutor.cli import main

    assert main(["check", str(paths.builtin_content_dir() / "rnn-gradients"), "--jobs", "2"]) == 0


def _texts(value):
    """Every string inside a question's dumped model (prompts, options, feedback, follow-ups…)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("pack_id", ["rnn-gradients", "rnn-gradients-advanced"])
def test_no_learner_facing_text_cites_notes_the_learner_never_sees(pack_id):
    """The packs were written from source notes a learner never reads: 'the notes say' means
    nothing on screen, so every text says what is meant instead."""
    import re

    cited = re.compile(r"\b(the|source)\s+notes\b|\bnotes(')?\s+(say|write|state|answer|list|rank|call)", re.I)
    pack = load_pack(paths.builtin_content_dir() / pack_id)
    found = [(q.id, text[:60]) for q in pack.questions for text in _texts(q.model_dump()) if cited.search(text)]
    assert found == []
    assert cited.search("The notes' answer is correct") and cited.search("as the notes write")
