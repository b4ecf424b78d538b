"""The empty answer box says what to type: letters for a select-several question."""

from __future__ import annotations

from tutor import paths
from tutor.packs.loader import load_pack
from tutor.ui.widgets.answer_box import PLACEHOLDERS, SEVERAL_CHOICES, placeholder_for

PACK = load_pack(paths.builtin_content_dir() / "rnn-gradients")


def test_select_several_asks_for_letters_and_select_one_for_a_letter() -> None:
    several = next(q for q in PACK.questions if q.check.kind == "choice" and q.check.multiple)
    one = next(q for q in PACK.questions if q.check.kind == "choice" and not q.check.multiple)
    assert placeholder_for(several.check) == "Type the letters of your choices (e.g. a, c) and press enter"
    assert placeholder_for(several.check) == SEVERAL_CHOICES
    assert placeholder_for(one.check) == "Type the letter of your choice and press enter"


def test_other_kinds_keep_their_own_placeholder() -> None:
    for question in PACK.questions:
        if question.check.kind != "choice":
            assert placeholder_for(question.check) == PLACEHOLDERS[question.check.kind]
