"""Style warnings: what `tutor check` says about a pack whose answers all hold but which reads
badly to a learner. They never fail the check (exit code), but the built-in packs have none.

- A prompt that leans on another question ("The same RNN…", "the matrix above", "as before",
  "the previous question"): in a mock interview or a shuffled practice deck that other
  question may never have been asked, so every prompt must carry its own context.
- Choice questions whose right options are systematically the longest: a test-wise learner
  picks the longest, most qualified option without knowing the answer.
- A free-text phrase the grader does not read in its own words (`tutor.grading.phrase_lint`):
  it looks like coverage and never matches; or one whose words all mean the same to the grader
  ("the spectral norm is the largest singular value"): it reads any sentence naming that twice.
- A concept question with fewer samples than the guide asks for (8 right answers, 4 wrong):
  `tutor check` then proves little about its rubric, and an instructor's trial saw a pack
  with 2 pass in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.packs.model import Pack
from tutor.packs.problems import Location, display_path

if TYPE_CHECKING:
    from tutor.checks.kinds.choice import ChoiceCheck

_LEANING = re.compile(
    r"(?:^|[.!?:]\s+)(?P<same>(?:the|this) same\b)"  # "The same scalar RNN…" opening a sentence
    r"|\b(?P<as>as (?:before|above|earlier))\b"
    r"|\b(?P<above>(?:shown|given|defined|described|computed|derived|stated|listed|from|matrix|network|rnn"
    r"|example) above)\b"
    r"|\b(?P<previous>(?:the )?(?:previous|preceding|earlier|last|other)"
    r" (?:question|answer|example|exercise|card|part|problem))\b"
    r"|\b(?P<previously>previously (?:computed|found|shown|derived|given|defined))\b",
    re.IGNORECASE,
)

LONGEST_SHARE = 0.75
"""Warn when the right option is the longest in more than this share of a pack's choice questions."""
LONGEST_MINIMUM = 4
"""…and the pack has at least this many choice questions (fewer say nothing about a habit)."""


@dataclass(frozen=True)
class StyleWarning:
    location: Location | str
    question_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.question_id}: {self.message}"


def leaning_phrase(prompt: str) -> str | None:
    """The phrase of `prompt` that refers to another question, or None when it stands alone."""
    match = _LEANING.search(" ".join(prompt.split()))
    if match is None:
        return None
    return next(group for group in match.groupdict().values() if group)


def style_warnings(pack: Pack) -> list[StyleWarning]:
    """Every style warning of `pack`, in question order, the choice-length one last."""
    warnings = []
    for question in pack.questions:
        phrase = leaning_phrase(question.prompt)
        if phrase is not None:
            warnings.append(StyleWarning(
                pack.locate(question.id, "prompt"), question.id,
                f"the prompt refers to another question ('{phrase}'), which a mock or a shuffled "
                "deck may not have asked: restate what it needs"))
    warnings.extend(_sample_warnings(pack))
    warnings.extend(_longest_warning(pack))
    warnings.extend(_phrase_warnings(pack))
    return warnings


MIN_RIGHT_SAMPLES = 8
MIN_WRONG_SAMPLES = 4
"""What the guide asks of every concept question's `tests:` (right answers in varied wording;
a misconception, a negation, a reversal and a keyword-stuffed statement)."""


def _sample_warnings(pack: Pack) -> list[StyleWarning]:
    """A warning per concept question (its own check: an interview form's samples are asked
    for but not counted) with fewer right or wrong samples than the guide asks for."""
    warnings = []
    for question in pack.questions:
        if question.check.kind != "concepts":
            continue
        right = sum(test.correct is True for test in question.tests)
        wrong = sum(test.correct is False for test in question.tests)
        if right < MIN_RIGHT_SAMPLES or wrong < MIN_WRONG_SAMPLES:
            where = "tests" if question.tests else "check"
            warnings.append(StyleWarning(
                pack.locate(question.id, where), question.id,
                f"{right} right and {wrong} wrong samples (correct: true / false) for a free-text rubric: give at "
                f"least {MIN_RIGHT_SAMPLES} right answers in varied wording and {MIN_WRONG_SAMPLES} wrong ones, "
                "so that `tutor check` can catch a weak rubric"))
    return warnings


def _phrase_warnings(pack: Pack) -> list[StyleWarning]:
    """A warning per phrase that cannot match or that matches too much: the questions' own,
    then the pack catalogue's (read once, with the first free-text question's rubric: the
    catalogue is the same for all)."""
    from tutor.grading.phrase_lint import dead_phrases, loose_phrases

    free_text = [q for q in pack.questions if q.check.kind == "concepts"]
    warnings = []
    for number, question in enumerate(free_text):
        check = question.check
        catalogue = number == 0
        faults = [(fault, _DEAD) for fault in dead_phrases(check, catalogue=catalogue)]
        faults += [(fault, _LOOSE) for fault in loose_phrases(check, catalogue=catalogue)]
        for fault, why in faults:
            points = check.concepts if fault.role == "concept" else check.misconceptions
            own = next((i for i, point in enumerate(points) if point.name == fault.name), None)
            if own is not None and fault.index is not None:
                key = "concepts" if fault.role == "concept" else "misconceptions"
                where: Location | str = pack.locate(question.id, "check", key, own, "phrases", fault.index)
                owner = question.id
            elif catalogue:
                where, owner = _pack_file(pack), pack.id
            else:
                continue
            message = f"the {fault.role} {fault.name}'s phrase '{fault.phrase}' {why}"
            warnings.append(StyleWarning(where, owner, message))
    return warnings


_DEAD = ("is not read in its own words (an 'and' inside a misconception, a phrase of negations or symbols "
         "alone), so it never matches: reword it")
_LOOSE = ("says one idea twice (all its words mean the same to the grader), so it reads any sentence that "
          "names that idea twice: add the words that make it a claim")


def _pack_file(pack: Pack) -> str:
    from tutor.packs.loader import PACK_FILE_NAMES

    return next((display_path(pack.path / name) for name in PACK_FILE_NAMES if (pack.path / name).is_file()),
                display_path(pack.path))


def _longest_warning(pack: Pack) -> list[StyleWarning]:
    choice = [q for q in pack.questions if q.check.kind == "choice"]
    longest = [q.id for q in choice if _right_is_longest(q.check)]
    if len(choice) < LONGEST_MINIMUM or len(longest) <= LONGEST_SHARE * len(choice):
        return []
    return [StyleWarning(
        display_path(pack.path), pack.id,
        f"in {len(longest)} of {len(choice)} choice questions a right option is the longest "
        f"({', '.join(longest)}): a learner can guess by length; vary the lengths")]


def _right_is_longest(check: ChoiceCheck) -> bool:
    """A right option is strictly longer than every wrong one."""
    right = [len(o.text) for o in check.options if o.correct]
    wrong = [len(o.text) for o in check.options if not o.correct]
    return bool(right and wrong) and max(right) > max(wrong)
