"""`shows`: what a run must show, in words, proven on the run."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tutor import paths
from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.shows import evaluate_shows
from tutor.packs.loader import load_pack
from tutor.packs.schema import Shows


def run_with(**series: tuple[float, float]) -> Result:
    lines = tuple(Series(name, [0, 1], [first, last]) for name, (first, last) in series.items())
    return Result("demo", "simulation", {}, 0, "r", {}, (Plot("t", "x", "y", lines),))


RESULT = run_with(plain=(1e-5, 1.0), kept=(0.8, 1.0), big=(500.0, 1.0), dead=(0.0, 1.0))


@pytest.mark.parametrize(("statement", "held", "message"), [
    ({"vanishes": "plain"}, True,
     "series 'plain' has first/last 1e-5, claimed it vanishes (first/last below 0.01): holds"),
    ({"vanishes": "kept"}, False,
     "series 'kept' has first/last 0.8, claimed it vanishes (first/last below 0.01): fails"),
    ({"grows": "big"}, True, "series 'big' has first/last 500, claimed it grows (first/last above 100): holds"),
    ({"preserved": "kept"}, True,
     "series 'kept' has first/last 0.8, claimed it is preserved (first/last within 10× of 1): holds"),
    ({"apart": ["kept", "plain"]}, True,
     "series 'kept' (first/last 0.8) and 'plain' (1e-5) are 8e4× apart, claimed more than 10×: holds"),
    ({"apart": ["kept", "big"], "factor": 1000}, False,
     "series 'kept' (first/last 0.8) and 'big' (500) are 625× apart, claimed more than 1000×: fails"),
    ({"apart": ["kept", "dead"]}, True,
     "series 'kept' (first/last 0.8) and 'dead' (0) are inf× apart, claimed more than 10×: holds"),
    ({"vanishes": "missing"}, False, "demo has no series 'missing'"),
])
def test_each_statement_is_decided_on_the_run_and_says_what_it_saw(statement, held, message) -> None:
    outcome = evaluate_shows(Shows.model_validate(statement), RESULT)
    assert (outcome.held, outcome.message) == (held, message)


@pytest.mark.parametrize(("data", "message"), [
    ({"vanishes": "a", "grows": "b"}, "state exactly one of vanishes, grows, preserved or apart"),
    ({}, "state exactly one of vanishes, grows, preserved or apart"),
    ({"vanishes": "a", "factor": 5}, "factor applies to apart only"),
    ({"apart": ["a", "b"], "factor": 1}, "greater than 1"),
])
def test_a_statement_says_one_thing(data, message) -> None:
    with pytest.raises(ValidationError) as caught:
        Shows.model_validate(data)
    assert message in str(caught.value)


def test_a_series_the_evidence_does_not_have_is_a_validation_error(tmp_path, capsys) -> None:
    import yaml

    from tutor.cli import main

    pack = {"id": "demo", "title": "Demo", "version": "1.0", "description": "d", "authors": ["a"], "license": "MIT",
            "questions": [{"id": "q", "level": "basic", "topics": ["t"], "prompt": "p?", "answer": "a",
                           "explanation": "e", "check": {"kind": "self"},
                           "evidence": [{"name": "gated-vs-vanilla", "shows": [{"vanishes": "vanila"}]}]}]}
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack), encoding="utf-8")
    assert main(["validate", str(tmp_path / "pack.yaml")]) == 2
    assert "questions[0].evidence[0].shows[0]: 'gated-vs-vanilla' has no series 'vanila'" in capsys.readouterr().err


def test_the_built_in_pack_states_what_its_evidence_shows_on_20_questions_or_more() -> None:
    pack = load_pack(paths.builtin_content_dir() / "rnn-gradients")
    stating = [q.id for q in pack.questions if any(item.shows for item in q.evidence)]
    assert len(stating) >= 20
