"""The pack schema as pydantic models: what a pack and a question may contain.

Models are frozen (a loaded pack is immutable) and forbid unknown fields, so a typo
such as `promt` is an error rather than silently ignored. Checks are a union
discriminated by `kind`. Cross-field rules that need outside knowledge (evidence
names, expression syntax) are applied by `tutor.packs.rules`, not here, so this module
stays importable without NumPy or SymPy.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from tutor import checks
from tutor.checks.kinds.concepts import Misconception
from tutor.fields import Expression, Model, Slug, Text, VariableName, first_repeated

CHECK_KINDS = checks.names()


class Level(str, Enum):  # noqa: UP042 - kept as a str mixin: a StrEnum would change str() of a level
    basic = "basic"
    intermediate = "intermediate"
    advanced = "advanced"


class VocabularyGroup(Model):
    """Words a pack treats as one idea in free text, and the group that means the opposite.

    See `tutor.grading.vocabulary`: a rubric word in this group matches any of `words`; a
    word of the `opposite` group reverses it."""

    name: Slug
    words: list[Text] = Field(min_length=1)
    opposite: Slug | None = None

    @field_validator("words")
    @classmethod
    def _unique_words(cls, words: list[str]) -> list[str]:
        seen: set[str] = set()
        for word in words:
            if word.lower() in seen:
                raise ValueError(f"'{word}' is listed twice")
            seen.add(word.lower())
        return words

    @field_validator("words")
    @classmethod
    def _words_read(cls, words: list[str]) -> list[str]:
        from tutor.grading.vocabulary import unread

        for word in words:
            if unread(word):
                raise ValueError(f"'{word}' has only function words, which answers are not matched on:"
                                 " give it a word of its own")
        return words

    @model_validator(mode="after")
    def _not_its_own_opposite(self) -> "VocabularyGroup":
        if self.opposite == self.name:
            raise ValueError(f"group '{self.name}' cannot be its own opposite")
        return self


class PackMeta(Model):
    """The `pack.yaml` of a folder pack (or the top of a single-file pack)."""

    id: Slug
    title: Text
    version: Text
    description: Text
    authors: list[Text] = Field(min_length=1)
    license: Text
    vocabulary: list[VocabularyGroup] = []
    # false claims of the pack's subject, checked by every concepts question (see
    # `tutor.grading.concepts`): asserting one is never credited, whatever the question
    misconceptions: list[Misconception] = []
    # topics that name a set of questions ("interview" classics), not a subject: filters may
    # use them, but a debrief never calls one weak or suggests practising it
    collections: list[Slug] = []

    @field_validator("vocabulary")
    @classmethod
    def _groups_fit(cls, groups: list[VocabularyGroup]) -> list[VocabularyGroup]:
        from tutor.grading.vocabulary import BUILT_IN

        names = [group.name for group in groups]
        repeated = first_repeated(names)
        if repeated is not None:
            raise ValueError(f"group '{repeated}' is declared twice")
        known = set(names) | {name for name, _, _ in BUILT_IN}
        for group in groups:
            if group.opposite is not None and group.opposite not in known:
                raise ValueError(f"group '{group.name}': opposite '{group.opposite}' is not a group")
        owner: dict[str, str] = {}
        for group in groups:
            for word in group.words:
                other = owner.setdefault(word.lower(), group.name)
                if other != group.name and group.opposite == other:
                    raise ValueError(f"'{word}' is in both '{other}' and its opposite '{group.name}'")
        return groups

    def vocabulary_groups(self) -> tuple[tuple[str, tuple[str, ...], str | None], ...]:
        """The groups as plain tuples (what grading compiles, lazily)."""
        return tuple((group.name, tuple(group.words), group.opposite) for group in self.vocabulary)

    @field_validator("misconceptions")
    @classmethod
    def _misconceptions_unique(cls, misconceptions: list[Misconception]) -> list[Misconception]:
        repeated = first_repeated([m.name for m in misconceptions])
        if repeated is not None:
            raise ValueError(f"misconception '{repeated}' is declared twice")
        return misconceptions


class FollowUp(Model):
    """What an interviewer asks next, with its own short answer and, optionally, a check:
    a follow-up with a check is graded in a mock interview and counts in the score."""

    prompt: Text
    answer: Text
    check: Check | None = None
    probes: list[Slug] = []
    """Key points or misconceptions of the question's check this follow-up probes: a mock
    asks it first when the main answer missed, denied or asserted one of them."""


# ---- checks -------------------------------------------------------------------------

# one model per check kind, each from its module of `tutor.checks.kinds`; built at run time
# from the registry, so a type checker sees any check model
if TYPE_CHECKING:
    Check = Any
else:
    Check = checks.union()


# ---- evidence and tests -------------------------------------------------------------

ClaimOp = Literal["<", "<=", ">", ">=", "==", "!="]
ClaimStat = Literal["first", "last", "min", "max", "first_over_last", "last_over_first", "overflow_step"]


class Claim(Model):
    """A statement about a result that a machine can check.

    Either a named scalar of the result (`scalar: gamma`) or a statistic of a named
    series (`series: tanh, stat: first_over_last`), compared with `value` (a number or
    an arithmetic expression such as `1/4`). `==` and `!=` compare with `rtol`.
    """

    scalar: str | None = None
    series: str | None = None
    stat: ClaimStat | None = None
    op: ClaimOp
    value: Expression | None = None
    rtol: float = Field(default=1e-9, ge=0)

    @model_validator(mode="after")
    def _one_target(self) -> "Claim":
        if (self.scalar is None) == (self.series is None):
            raise ValueError("a claim names exactly one of scalar or series")
        if self.series is not None and self.stat is None:
            raise ValueError("a series claim needs a stat (first, last, min, max, ...)")
        if self.scalar is not None and self.stat is not None:
            raise ValueError("stat applies to series claims only")
        if self.value is None and not (self.stat == "overflow_step" and self.op in ("==", "!=")):
            raise ValueError("a claim needs a value to compare with")
        return self


class Shows(Model):
    """What a run must show, in words: a series `vanishes`, `grows` or is `preserved` over
    the run, or two series end `apart` by more than `factor` (see `tutor.evidence.shows`)."""

    vanishes: str | None = None
    grows: str | None = None
    preserved: str | None = None
    apart: tuple[str, str] | None = None
    factor: float = Field(default=10.0, gt=1)

    @model_validator(mode="after")
    def _one_statement(self) -> "Shows":
        given = [name for name in ("vanishes", "grows", "preserved", "apart") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("state exactly one of vanishes, grows, preserved or apart")
        if self.apart is None and "factor" in self.model_fields_set:
            raise ValueError("factor applies to apart only")
        return self

    def series_names(self) -> tuple[str, ...]:
        if self.apart is not None:
            return self.apart
        return (self.vanishes or self.grows or self.preserved or "",)


class EvidenceItem(Model):
    """A named simulation or derivation with its parameters, the claims it backs and, in
    words, what it must show."""

    name: Slug
    params: dict[str, Any] = {}
    claims: list[Claim] = []
    shows: list[Shows] = []
    caption: str = ""


class SampleTest(Model):
    """A sample response with the verdict it must get (run by `tutor check`)."""

    response: str | list[str]
    correct: bool | None = None
    score: float | None = Field(default=None, ge=0, le=1)
    note: str | None = None

    @model_validator(mode="after")
    def _expects_something(self) -> "SampleTest":
        if self.correct is None and self.score is None and self.note is None:
            raise ValueError("a test needs at least one of correct, score or note")
        return self


class InterviewForm(Model):
    """How an interviewer would ask a question that is not in interview form (a choice or
    a computation): an open prompt with its own check (usually `concepts`), model answer and
    sample tests. A mock interview asks this form; study and practice ask the question.
    Without `prompt` or `answer` the question's own are used (a self-rated card that is
    already an interview question only needs a check)."""

    prompt: Text | None = None
    answer: Text | None = None
    check: Check
    tests: list[SampleTest] = []


# ---- parameters of variant questions --------------------------------------------------

MAX_PARAM_VALUES = 10_000


class ParamSpec(Model):
    """How one parameter of a variant question is drawn: an evenly spaced `range` with a
    `step` (both ends included when the step lands on them) or a list of `choices`."""

    range: tuple[float, float] | None = None
    step: float | None = Field(default=None, gt=0)
    choices: tuple[float, ...] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_way(self) -> "ParamSpec":
        if (self.range is None) == (self.choices is None):
            raise ValueError("a parameter needs exactly one of range (with step) or choices")
        if self.choices is not None:
            if self.step is not None:
                raise ValueError("step applies to range only, not to choices")
            repeated_choice = first_repeated(self.choices)
            if repeated_choice is not None:
                raise ValueError(f"choice {repeated_choice:g} is listed twice")
            return self
        assert self.range is not None  # exactly one of range and choices, checked above
        low, high = self.range
        if not low < high:
            raise ValueError(f"range [{low:g}, {high:g}] is empty: the first end must be below the second")
        if self.step is None:
            raise ValueError("a range needs a step (for example step: 5)")
        count = int((high - low) / self.step + 1e-9) + 1
        if count > MAX_PARAM_VALUES:
            raise ValueError(f"range [{low:g}, {high:g}] with step {self.step:g} has {count} values; "
                             f"the limit is {MAX_PARAM_VALUES}")
        if count < 2:
            raise ValueError(f"step {self.step:g} is larger than the range [{low:g}, {high:g}]: only one value")
        return self


class Agreement(Model):
    """Where a variant's formula meets its evidence: `value` (an expression over the
    scalars of the run of evidence `evidence`, and the parameters) must equal the checked
    answer for every draw; `tutor check` runs it."""

    evidence: Slug
    value: Expression


# ---- questions and packs ------------------------------------------------------------


class Question(Model):
    """One interview question with its model answer, check and evidence."""

    id: Slug
    level: Level
    topics: list[Slug] = Field(min_length=1)
    prompt: Text
    answer: Text
    explanation: Text
    hints: list[Text] = []
    follow_ups: list[FollowUp] = []
    sources: list[Text] = []
    related: list[Slug] = []
    check: Check
    evidence: list[EvidenceItem] = []
    tests: list[SampleTest] = []
    params: dict[VariableName, ParamSpec] = {}
    formulas: dict[VariableName, Expression] = {}
    agrees_with: Agreement | None = None
    """`params`, `formulas` and `agrees_with` make a variant question, drawn afresh for each
    attempt (see `tutor.packs.variants`)."""
    interview: InterviewForm | None = None

    def as_interview(self) -> Question | None:
        """The question as a mock interview asks it: its interview form when it has one,
        itself when its check is already an interviewer's (free text, a formula to derive),
        else None (a choice or a computation without an interview form is not asked)."""
        if self.interview is not None:
            form = self.interview
            return self.model_copy(update={"prompt": form.prompt or self.prompt, "answer": form.answer or self.answer,
                                           "check": form.check, "tests": list(form.tests), "interview": None})
        return self if checks.kind_of(self.check).interview_ready else None


class QuestionFile(Model):
    """A questions file of a folder pack: a mapping with a `questions` list."""

    questions: list[Question] = Field(min_length=1)


class SingleFilePack(PackMeta):
    """A whole pack in one file: the pack fields plus `questions`."""

    questions: list[Question] = Field(min_length=1)
