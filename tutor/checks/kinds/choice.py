"""`choice`: one or several correct options, answered with their keys (see `tutor.grading.choice`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from tutor.checks.kind import CheckKind
from tutor.fields import Model, OptionKey, Text, first_repeated

if TYPE_CHECKING:
    from tutor.grading.result import Grade

OPTION_KEYS = "abcdefghijklmnopqrstuvwxyz"


class ChoiceOption(Model):
    key: OptionKey | None = None
    text: Text
    correct: bool = False
    feedback: str = ""


class ChoiceCheck(Model):
    """One or several correct options; `multiple` follows from how many are correct."""

    kind: Literal["choice"]
    options: list[ChoiceOption] = Field(min_length=2, max_length=26)

    @model_validator(mode="after")
    def _keys_and_answers(self) -> "ChoiceCheck":
        if not any(option.correct for option in self.options):
            raise ValueError("no option is marked correct: true")
        keyed = [
            option if option.key else option.model_copy(update={"key": OPTION_KEYS[index]})
            for index, option in enumerate(self.options)
        ]
        keys = [option.key for option in keyed if option.key is not None]  # every keyed option has one
        repeated = first_repeated(keys)
        if repeated is not None:
            raise ValueError(f"option key '{repeated}' is used twice")
        object.__setattr__(self, "options", keyed)
        return self

    @property
    def multiple(self) -> bool:
        return sum(option.correct for option in self.options) > 1

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(option.key for option in self.options if option.key and option.correct)


SEVERAL_CHOICES = "Type the letters of your choices (e.g. a, c) and press enter"
ONE_CHOICE = "Type the letter of your choice and press enter"


def _grade(check: ChoiceCheck, response: Any, timeout: float, seed: int) -> Grade:
    from tutor.grading.choice import grade_choice

    return grade_choice(check, response)


def _expected(check: ChoiceCheck) -> str:
    return "; ".join(f"{option.key}) {option.text}" for option in check.options if option.correct)


def _describe(check: dict[str, Any]) -> list[str]:
    return [f"  {option['key']}) {option['text']}{'  (correct)' if option.get('correct') else ''}"
            for option in check["options"]]


KIND = CheckKind(
    name="choice",
    order=1,
    model=ChoiceCheck,
    grade=_grade,
    expected=_expected,
    placeholder=lambda check: SEVERAL_CHOICES if check.multiple else ONE_CHOICE,
    describe=_describe,
    model_responses=lambda check, answer: [("check.options", ",".join(sorted(check.correct_keys)))],
    accepts_lists=True,
    one_line=True,
)
