"""Phrases that can never match: a rubric wording the grader does not read in its own words.

A concept's or misconception's phrase is a claim; an answer that says exactly the phrase must
state it. When it does not (an "and" inside a false claim's words, which strict reading keeps
apart; a phrase that is all negation, "not impossible"; symbols the tokenizer drops), the
phrase is dead weight that looks like coverage: an author reads it as caught and it never is.
`tutor check` warns about each one (`tutor.authoring.style`).

The opposite fault is a phrase whose words all mean one thing ("the spectral norm is the
largest singular value", where both names belong to the group `singular`; "depth is the
sequence length", both `length`): it reads any sentence that names that idea twice, so it
credits what it was never meant to ("the whole distribution of the Jacobian's singular values
... singular values concentrated around 1"). `tutor check` warns about those too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.grading.claim_match import Claim, match, read
from tutor.grading.concepts import Rubric, compile_rubric
from tutor.grading.text_match import sentences, without_term_list
from tutor.grading.vocabulary import GROUP_MARK

if TYPE_CHECKING:
    from collections.abc import Callable

    from tutor.checks.kinds.concepts import ConceptsCheck


@dataclass(frozen=True)
class FaultyPhrase:
    """`phrase` of the rubric point `name` (`role`: concept or misconception), at `index`
    among that point's own phrases (None for a wording the pack's catalogue adds)."""

    role: str
    name: str
    phrase: str
    index: int | None


def dead_phrases(check: ConceptsCheck, *, catalogue: bool = False) -> list[FaultyPhrase]:
    """The phrases of `check`'s own points (and, with `catalogue`, of the pack's false claims)
    that an answer saying exactly the phrase does not state."""
    rubric = compile_rubric(check)
    return _phrases_where(check, rubric, catalogue,
                          lambda claim, role: not _reads_itself(claim, rubric, strict=role == "misconception"))


def loose_phrases(check: ConceptsCheck, *, catalogue: bool = False) -> list[FaultyPhrase]:
    """The phrases of `check`'s own points (and, with `catalogue`, of the pack's false claims)
    whose two or more words share one meaning: they say one idea twice, not a claim."""
    return _phrases_where(check, compile_rubric(check), catalogue,
                          lambda claim, role: one_idea_twice(claim) is not None)


def _phrases_where(check: ConceptsCheck, rubric: Rubric, catalogue: bool,
                   fault: Callable[[Claim, str], bool]) -> list[FaultyPhrase]:
    own = {m.name for m in check.misconceptions}
    points = [("concept", point, claims) for point, claims in rubric.concepts]
    points += [("misconception", point, claims) for point, claims in rubric.misconceptions
               if catalogue or point.name in own]
    return [FaultyPhrase(role, point.name, claim.text, _own_index(point.phrases, claim.text))
            for role, point, claims in points for claim in claims if fault(claim, role)]


def one_idea_twice(claim: Claim) -> str | None:
    """The meaning every word of `claim` shares (a group such as `singular`, without its
    mark), or None when its words say more than one thing."""
    if len(claim.words) < 2:
        return None
    shared = frozenset.intersection(*(word.senses for word in claim.words))
    return min(shared).removeprefix(GROUP_MARK) if shared else None


def _reads_itself(claim: Claim, rubric: Rubric, *, strict: bool) -> bool:
    parts = (read(without_term_list(part), rubric.vocabulary, rubric.lexicon) for part in sentences(claim.text))
    return any((found := match(claim, part, strict)) is not None and found[0] == "stated" for part in parts)


def _own_index(phrases: list[str], text: str) -> int | None:
    return next((index for index, phrase in enumerate(phrases) if phrase == text), None)
