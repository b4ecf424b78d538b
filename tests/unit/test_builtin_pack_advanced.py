"""The second built-in pack, rnn-gradients-advanced: at least 36 questions over every check
kind, at least 12 free-text questions with rubrics and samples, complete questions, the papers
of its topics cited, and `tutor check` proving all of it."""

from __future__ import annotations

from collections import Counter

import pytest

from tutor import paths
from tutor.packs.loader import load_pack
from tutor.packs.schema import CHECK_KINDS

PACK_DIR = paths.builtin_content_dir() / "rnn-gradients-advanced"


@pytest.fixture(scope="module")
def pack():
    return load_pack(PACK_DIR)


def test_size_and_check_kinds(pack):
    kinds = Counter(q.check.kind for q in pack.questions)
    assert len(pack.questions) >= 36
    assert set(kinds) == set(CHECK_KINDS)
    assert sum(1 for q in pack.questions if q.params) >= 8


def test_free_text_questions_have_rubrics_and_samples(pack):
    free_text = [q for q in pack.questions if q.check.kind == "concepts"]
    assert len(free_text) >= 12
    for question in free_text:
        assert len(question.check.concepts) >= 2, question.id
        assert question.check.misconceptions, question.id
        right = [t for t in question.tests if t.correct is True]
        wrong = [t for t in question.tests if t.correct is False]
        assert len(right) >= 2 and len(wrong) >= 2, question.id
        assert any(t.note for t in wrong), f"{question.id}: no sample states a misconception"


def test_the_papers_of_its_topics_are_cited(pack):
    cited = " ".join(s for q in pack.questions for s in q.sources)
    for author in ("Pennington", "Chen, M.", "Pascanu", "Arjovsky", "Wisdom", "Lezcano-Casado", "Orvieto",
                   "Xiong", "Micikevicius", "Tallec", "Williams", "Cooijmans", "Jaeger", "Kingma"):
        assert author in cited, author


def test_the_new_evidence_is_used(pack):
    used = {item.name for q in pack.questions for item in q.evidence}
    assert {"jacobian-spectrum", "lyapunov", "unitary-rnn", "layernorm-depth", "mixed-precision",
            "copy-task", "adding-baseline", "adam-scaling"} <= used


def test_it_is_discovered_beside_the_first_pack():
    from tutor.packs.discovery import discover

    ids = [entry.pack.id for entry in discover() if entry.ok and entry.source == "built-in"]
    assert "rnn-gradients" in ids and "rnn-gradients-advanced" in ids


def test_the_advanced_pack_proves_itself():
    """`tutor check content/rnn-gradients-advanced`: every answer, sample, claim (3 seeds) and rubric."""
    from tutor.cli import main

    assert main(["check", str(PACK_DIR), "--jobs", "2"]) == 0


def test_the_guide_names_every_evidence_claims_can_refer_to():
    """The guide's table of names is how authors find series and scalars: no evidence is missing."""
    from tutor.evidence import registry

    guide = (paths.builtin_content_dir() / "README.md").read_text(encoding="utf-8")
    table = [line for line in guide.splitlines() if line.startswith("| `")]
    listed = {name.strip().strip("`") for line in table for name in line.split("|")[1].split(",")}
    names = {spec.name for kind in ("simulation", "derivation") for spec in registry.all_specs(kind)}
    assert names - listed == set()
