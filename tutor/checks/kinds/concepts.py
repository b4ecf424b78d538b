"""`concepts`: free text judged by the key points it makes and the false claims it asserts
(see `tutor.grading.concepts`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, PrivateAttr, model_validator

from tutor.checks.kind import CheckKind
from tutor.fields import Model, Slug, Text
from tutor.words import in_words, listed

LABEL_LENGTH = 70  # a key point's label fits one line of the checklist at 80 columns

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.grading.vocabulary import Groups


class Concept(Model):
    """A concept the free-text answer should contain, with the phrases that express it."""

    name: Slug
    phrases: list[Text] = Field(min_length=1)
    # read in the phrases' word order: for a claim whose direction is its order, a cause and
    # its effect ("the NaN loss causes the huge gradients" is not "huge gradients cause the NaN loss")
    ordered: bool = False
    # the point in words, as feedback and the checklist name it ("a small gradient is left
    # untouched"); without one the name is shown with its hyphens as spaces
    label: Text | None = Field(default=None, max_length=LABEL_LENGTH)

    @property
    def shown(self) -> str:
        """The point as the learner reads it: its label, else its name in words."""
        return self.label or in_words(self.name)


class Misconception(Concept):
    """A wrong idea to detect, with the feedback that corrects it."""

    feedback: Text

    @property
    def shown(self) -> str:
        """The false claim as the learner reads it: its label, else its first wording (a claim
        in words, "clipping fixes vanishing gradients", where the name is a slug such as
        "rnns-parallel"), else its name in words when that wording is too long for a line."""
        first = self.phrases[0]
        return self.label or (first if len(first) <= LABEL_LENGTH else in_words(self.name))


class ConceptsCheck(Model):
    """Free text graded by the concepts it mentions (and misconceptions it states)."""

    kind: Literal["concepts"]
    concepts: list[Concept] = Field(min_length=1)
    misconceptions: list[Misconception] = []
    required: int | None = Field(default=None, ge=1)
    # a yes-or-no question's short answer: an answer opening with the other word asserts the
    # opposite (see tutor.grading.yes_no)
    answer_is: Literal["yes", "no"] | None = None
    # what the question asks about ("gradient clipping"): an answer opening with "it", "this"
    # or "they" is read as saying it of the subject (see tutor.grading.text_match.subject_reading)
    subject: Text | None = Field(default=None, max_length=LABEL_LENGTH)
    # what the question compares its subject with ("a CNN" for "... more in RNNs than in CNNs?"):
    # a key point read the other way round in a sentence about that side only is said of it,
    # not against the subject (see tutor.grading.compared)
    compared_with: list[Annotated[Text, Field(max_length=LABEL_LENGTH)]] = Field(default=[], max_length=8)
    # the pack's vocabulary groups and misconceptions, attached by the loader (a check graded
    # alone has none)
    _vocabulary: Groups = PrivateAttr(default=())
    _pack_misconceptions: tuple[Misconception, ...] = PrivateAttr(default=())
    _model_answer: str = PrivateAttr(default="")

    @property
    def vocabulary_groups(self) -> Groups:
        return self._vocabulary

    @property
    def pack_misconceptions(self) -> tuple[Misconception, ...]:
        return self._pack_misconceptions

    @property
    def model_answer(self) -> str:
        return self._model_answer

    def with_vocabulary(self, groups: Groups, misconceptions: Iterable[Misconception] = (),
                        model_answer: str = "") -> "ConceptsCheck":
        """Attach the pack's vocabulary groups (see `tutor.grading.vocabulary`), its
        misconceptions (false claims every concepts question checks) and the model answer the
        check grades against (what it says cannot contradict a key point); returns self."""
        self._vocabulary = groups
        self._pack_misconceptions = tuple(misconceptions)
        self._model_answer = model_answer
        return self

    @model_validator(mode="after")
    def _required_fits(self) -> "ConceptsCheck":
        if self.required is not None and self.required > len(self.concepts):
            raise ValueError(
                f"required is {self.required} but only {len(self.concepts)} concepts are listed"
            )
        return self

    @property
    def pass_count(self) -> int:
        """How many concepts a correct answer must contain (all, unless `required` says)."""
        return self.required if self.required is not None else len(self.concepts)


def _grade(check: ConceptsCheck, response: str, timeout: float, seed: int) -> Grade:
    from tutor.grading.concepts import grade_concepts

    return grade_concepts(check, response)


def _expected(check: ConceptsCheck) -> str:
    names = listed(concept.shown for concept in check.concepts)
    if check.pass_count < len(check.concepts):
        return f"Key points (any {check.pass_count} of {len(check.concepts)}): {names}"
    return f"Key points: {names}"


KIND = CheckKind(
    name="concepts",
    order=4,
    model=ConceptsCheck,
    grade=_grade,
    expected=_expected,
    placeholder=lambda check: "Answer in your own words, then enter",
    describe=lambda check: [f"  key point: {concept['name']}" for concept in check["concepts"]],
    interview_ready=True,
)
