"""The verdict on one response: `Grade`.

A Grade is explainable on its own: `feedback` is written for the learner and `notes` name
what was found, in the manner of STACK's answer notes, so sample tests in a pack and the
statistics can refer to them:

- `hit:NAME`, `missed:NAME`, `negated:NAME` (a concept stated as not holding),
  `misconception:NAME` for free-text concepts;
- `selected:KEY`, `wrong:KEY`, `missed:KEY` for choice;
- `sympy:VERDICT`, `numeric:VERDICT`, `crosscheck:disagree` for symbolic answers;
- `too-high`, `too-low`, `sign`, `power-of-ten` for numeric answers;
- `format:CODE` when the response could not be read (then `invalid` is True);
- `self` for a flashcard, `undecided` when the checker could not decide in time.

A free-text grade also carries `claims`: one `ClaimCheck` per rubric point (each concept and
each misconception) with what the grader read of it in the response and the sentence that
showed it, so the UI can show the rubric as a checklist the learner may correct, and the
debrief can quote the answer.

Two states are not verdicts. `invalid`: the response has a format error (an expression that
does not parse, an unknown option key); it is not an attempt and must not count as wrong;
`error_offset` points at the character at fault. `undecided`: the checker ran out of time;
it could not decide and says so rather than marking a possibly right answer wrong.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tutor.expressions import ExpressionError
from tutor.words import in_words


class CheckError(ValueError):
    """A check that cannot be graded: its own expected answer is broken (a pack error)."""


CLAIM_ROLES = ("concept", "misconception")
CLAIM_STATUSES = ("found", "missed", "contradicted", "unsure")


@dataclass(frozen=True)
class ClaimCheck:
    """One rubric point as read in a response.

    `role` is `concept` (a key point the answer should make) or `misconception` (a wrong idea
    it must not assert). `status`: `found` (stated: for a misconception, asserted), `missed`
    (not stated), `contradicted` (stated with the opposite polarity or direction: for a
    concept, the answer denies it; for a misconception, the answer rejects it), `unsure` (the
    grader saw something but cannot tell). `sentence` is the learner's sentence that decided it
    (empty when missed); `label` is the point in words for the checklist; `evidence` the words
    of the sentence by which a found key point was read ("dies off geometrically"), so a long
    sentence is quoted where they are, not where the label's words happen to be.
    """

    name: str
    role: str
    status: str
    sentence: str = ""
    label: str = ""
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.role not in CLAIM_ROLES:
            raise ValueError(f"role must be one of {', '.join(CLAIM_ROLES)}, not {self.role!r}")
        if self.status not in CLAIM_STATUSES:
            raise ValueError(f"status must be one of {', '.join(CLAIM_STATUSES)}, not {self.status!r}")

    @property
    def shown(self) -> str:
        """The point as the learner reads it: its label, else its name in words."""
        return self.label or in_words(self.name)

    @property
    def asserted(self) -> bool:
        """A misconception the answer states (what caps a grade and what a correction keeps)."""
        return self.role == "misconception" and self.status == "found"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ClaimCheck":
        keys = ("name", "role", "status", "sentence", "label", "evidence")
        return cls(**{key: str(data[key]) for key in keys if key in data})


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float
    feedback: str
    notes: tuple[str, ...] = ()
    invalid: bool = False
    error_offset: int | None = None
    undecided: bool = False
    claims: tuple[ClaimCheck, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must lie in [0, 1], not {self.score}")
        if (self.invalid or self.undecided) and (self.correct or self.score):
            raise ValueError("an invalid or undecided grade is neither correct nor scored")

    @property
    def counts_as_attempt(self) -> bool:
        """Whether this grade is a verdict on the learner's knowledge (not a format error)."""
        return not self.invalid and not self.undecided and "self" not in self.notes

    @property
    def states_a_falsehood(self) -> bool:
        """Whether the answer asserts a misconception or denies a key point: then it is wrong,
        whatever the partial credit its other points earn (at most `MISCONCEPTION_CAP`)."""
        return not self.correct and any(note.startswith(("misconception:", "negated:")) for note in self.notes)

    @classmethod
    def format_error(cls, feedback: str, code: str, offset: int | None = None) -> "Grade":
        return cls(False, 0.0, feedback, (f"format:{code}",), invalid=True, error_offset=offset)

    @classmethod
    def could_not_decide(cls, feedback: str, notes: tuple[str, ...] = ()) -> "Grade":
        return cls(False, 0.0, feedback, ("undecided", *notes), undecided=True)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = list(self.notes)
        data["claims"] = [claim.to_dict() for claim in self.claims]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Grade":
        claims = tuple(ClaimCheck.from_dict(claim) for claim in data.get("claims", ()))
        return cls(**{**data, "notes": tuple(data.get("notes", ())), "claims": claims})


def format_error_grade(error: ExpressionError) -> Grade:
    """The Grade for a response that cannot be read: invalid, pointing at the character."""
    where = f" (at character {error.offset + 1})" if error.offset is not None else ""
    return Grade.format_error(f"Could not read your answer: {error}{where}.", error.code, error.offset)
