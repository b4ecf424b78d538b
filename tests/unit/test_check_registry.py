"""The registry of check kinds: one module per kind, found without a list to keep in step."""

from __future__ import annotations

import pytest

from tutor import checks
from tutor.checks.answers import grade
from tutor.packs.schema import CHECK_KINDS, Question


def test_every_kind_module_is_found_in_listing_order() -> None:
    assert checks.names()[:5] == ("self", "choice", "numeric", "symbolic", "concepts")
    assert CHECK_KINDS == checks.names()
    orders = [kind.order for kind in checks.all_kinds()]
    assert orders == sorted(set(orders))


def test_an_unknown_kind_raises_and_names_the_known_ones() -> None:
    with pytest.raises(checks.UnknownCheckKind) as caught:
        checks.get("essay")
    assert str(caught.value) == f"unknown check kind 'essay' (known: {', '.join(checks.names())})"


def test_a_check_of_an_unknown_kind_is_refused_not_graded_as_another() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        grade({"kind": "essay", "concepts": [{"name": "a", "phrases": ["a"]}]}, "a")


def test_the_schema_accepts_each_kind_through_its_own_model() -> None:
    base = {"id": "q", "level": "basic", "topics": ["t"], "prompt": "p?", "answer": "a", "explanation": "e"}
    question = Question.model_validate({**base, "check": {"kind": "numeric", "answer": "1/4"}})
    assert isinstance(question.check, checks.get("numeric").model)


@pytest.mark.parametrize("name", checks.names())
def test_each_kind_says_what_the_box_wants_and_how_show_lists_it(name: str) -> None:
    kind = checks.get(name)
    assert kind.name == name and kind.model.model_fields["kind"].annotation.__args__ == (name,)
    assert callable(kind.grade) and callable(kind.expected) and callable(kind.describe)
