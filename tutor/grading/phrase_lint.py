"""Phrases that can never match: a rubric wording the grader does not read in its own words.

A concept's or misconception's phrase is a claim; an answer that says exactly the phrase must
state it. When it does not (an "and" inside a false claim's words, which strict reading keeps
apart; a phrase that is all negation, "not impossible"; symbols the tokenizer drops), the
phrase is dead weight that looks like coverage: an author reads it as caught and it never is.
`tutor check` warns about each one (`tutor.authoring.style`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.grading.claim_match import Claim, match, read
from tutor.grading.concepts import Rubric, compile_rubric
from tutor.grading.text_match import sentences, without_term_list

if TYPE_CHECKING:
    from tutor.checks.kinds.concepts import ConceptsCheck


@dataclass(frozen=True)
class DeadPhrase:
    """`phrase` of the rubric point `name` (`role`: concept or misconception), at `index`
    among that point's own phrases (None for a wording the pack's catalogue adds)."""

    role: str
    name: str
    phrase: str
    index: int | None


def dead_phrases(check: ConceptsCheck, *, catalogue: bool = False) -> list[DeadPhrase]:
    """The phrases of `check`'s own points (and, with `catalogue`, of the pack's false claims)
    that an answer saying exactly the phrase does not state."""
    rubric = compile_rubric(check)
    own = {m.name for m in check.misconceptions}
    points = [("concept", point, claims) for point, claims in rubric.concepts]
    points += [("misconception", point, claims) for point, claims in rubric.misconceptions
               if catalogue or point.name in own]
    return [DeadPhrase(role, point.name, claim.text, _own_index(point.phrases, claim.text))
            for role, point, claims in points for claim in claims
            if not _reads_itself(claim, rubric, strict=role == "misconception")]


def _reads_itself(claim: Claim, rubric: Rubric, *, strict: bool) -> bool:
    parts = (read(without_term_list(part), rubric.vocabulary, rubric.lexicon) for part in sentences(claim.text))
    return any((found := match(claim, part, strict)) is not None and found[0] == "stated" for part in parts)


def _own_index(phrases: list[str], text: str) -> int | None:
    return next((index for index, phrase in enumerate(phrases) if phrase == text), None)
