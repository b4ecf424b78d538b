"""The empty answer box says what to type: letters for a select-several question."""

from __future__ import annotations

from tutor import checks, paths
from tutor.checks.kinds.choice import SEVERAL_CHOICES
from tutor.checks.kinds.numeric import NUMERIC_EXAMPLES
from tutor.packs.loader import load_pack
from tutor.ui.widgets.answer_box import placeholder_for

PACK = load_pack(paths.builtin_content_dir() / "rnn-gradients")


def test_select_several_asks_for_letters_and_select_one_for_a_letter() -> None:
    several = next(q for q in PACK.questions if q.check.kind == "choice" and q.check.multiple)
    one = next(q for q in PACK.questions if q.check.kind == "choice" and not q.check.multiple)
    assert placeholder_for(several.check) == "Type the letters of your choices (e.g. a, c) and press enter"
    assert placeholder_for(several.check) == SEVERAL_CHOICES
    assert placeholder_for(one.check) == "Type the letter of your choice and press enter"


def test_other_kinds_keep_their_own_placeholder() -> None:
    expected = {
        "self": "Type your answer if you like, then enter to see the model answer",
        "numeric": "A number or arithmetic, e.g. 6.02e-5 or 7^4/3, then enter",
        "symbolic": "An expression in ASCII (* for times, ^ for powers), then enter",
        "concepts": "Answer in your own words, then enter",
    }
    seen = set()
    for question in PACK.questions:
        if question.check.kind in expected:
            assert placeholder_for(question.check) == expected[question.check.kind]
            seen.add(question.check.kind)
    assert seen == set(expected)


def test_every_kind_has_a_placeholder_of_its_own() -> None:
    kinds = [kind for kind in checks.all_kinds() if kind.name != "choice"]
    said = {kind.placeholder(None) for kind in kinds}
    assert len(said) == len(kinds) and all(said)



def _value(text: str) -> float:
    from tutor.expressions import evaluate, parse

    return evaluate(parse(text))


def _expected_values(packs: list) -> list[tuple[str, float]]:
    """Every numeric answer of `packs`, over 20 draws of each parametrised question."""
    from tutor.grading.numeric import expected_value
    from tutor.packs.variants import draw

    found = []
    for question in (q for pack in packs for q in pack.questions if q.check.kind == "numeric"):
        for seed in range(20 if question.params else 1):
            found.append((question.id, expected_value(draw(question, seed).question.check)))
    return found


def test_the_numeric_hint_never_gives_a_built_in_answer_away() -> None:
    import math

    numeric = next(q for q in PACK.questions if q.check.kind == "numeric")
    assert all(example in placeholder_for(numeric.check) for example in NUMERIC_EXAMPLES)
    packs = [PACK, load_pack(paths.builtin_content_dir() / "rnn-gradients-advanced")]
    answers = _expected_values(packs)
    assert len({question for question, _ in answers}) >= 10
    for example in map(_value, NUMERIC_EXAMPLES):
        for question, answer in answers:
            assert not math.isclose(example, answer, rel_tol=0.05), (question, example)


def test_the_old_hint_would_have_given_an_answer_away() -> None:
    """The test above can fail: 0.9^20, the old example, is a built-in answer."""
    import math

    old = _value("0.9^20")
    assert any(math.isclose(old, answer, rel_tol=0.05) for _, answer in _expected_values([PACK]))
