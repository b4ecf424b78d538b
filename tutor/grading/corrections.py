"""A learner's correction of a free-text grade: the rubric checklist, edited, decides again.

The concepts grader reads an answer into one `ClaimCheck` per rubric point. The learner may
disagree with any point ("I did say that", "I did not claim that"); the corrected checklist is
then judged by the grader's own rule, so a correction can never give a verdict the rubric
would not: score = concepts found / pass_count (capped at 1); correct when enough concepts
are found and no misconception is asserted. A point still `unsure` counts as not found and
keeps the grade undecided until the learner settles it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tutor.grading.result import ClaimCheck, Grade
from tutor.words import listed

CORRECTED_NOTE = "corrected"
"""The note every corrected grade carries, so history, debrief and exports can mark it."""


def toggled(claim: ClaimCheck) -> ClaimCheck:
    """The point the other way: found becomes missed; anything else (missed, contradicted,
    unsure) becomes found. For a misconception, `found` means the answer asserts it."""
    return replace(claim, status="missed" if claim.status == "found" else "found")


def toggle_claim(claims: Sequence[ClaimCheck], index: int) -> tuple[ClaimCheck, ...]:
    """The checklist with point `index` toggled (IndexError for a point that is not there)."""
    if not 0 <= index < len(claims):
        raise IndexError(f"there is no point {index + 1} in a checklist of {len(claims)}")
    return tuple(toggled(claim) if position == index else claim for position, claim in enumerate(claims))


def regrade(claims: Sequence[ClaimCheck], pass_count: int) -> Grade:
    """The grade the concepts rule gives the checklist `claims`, marked as corrected."""
    if pass_count < 1:
        raise ValueError(f"pass_count must be at least 1, not {pass_count}")
    concepts = [claim for claim in claims if claim.role == "concept"]
    found = [claim for claim in concepts if claim.status == "found"]
    missed = [claim for claim in concepts if claim.status != "found"]
    asserted = [claim for claim in claims if claim.asserted]
    notes = tuple(f"hit:{claim.name}" for claim in found) + tuple(f"missed:{claim.name}" for claim in missed)
    notes += tuple(f"misconception:{claim.name}" for claim in asserted) + (CORRECTED_NOTE,)
    if any(claim.status == "unsure" for claim in claims):
        feedback = "Corrected by you; some points are still unsure: settle them to get a verdict."
        return Grade(False, 0.0, feedback, ("undecided", *notes), undecided=True, claims=tuple(claims))
    from tutor.grading.concepts import score_claims

    denied = any(claim.status == "contradicted" for claim in concepts)
    correct, score = score_claims(len(found), pass_count, asserted=bool(asserted), denied=denied)
    return Grade(correct, score, corrected_feedback(claims, correct), notes, claims=tuple(claims))


def is_corrected(notes: Sequence[str]) -> bool:
    """Whether a grade's notes (or a stored record's) say the learner corrected it."""
    return CORRECTED_NOTE in notes


def corrected_feedback(claims: Sequence[ClaimCheck], correct: bool) -> str:
    """What the corrected checklist `claims` says, point by point as the list shows them: a
    point the answer states the opposite of is named as such, never as missing (the checklist
    crosses it: "you stated the opposite"), and a point corrected to found is found."""
    concepts = [claim for claim in claims if claim.role == "concept"]
    found = [claim for claim in concepts if claim.status == "found"]
    denied = [claim for claim in concepts if claim.status == "contradicted"]
    unsaid = [claim for claim in concepts if claim.status not in ("found", "contradicted")]
    asserted = [claim for claim in claims if claim.asserted]
    if correct:
        lines = ["Correct (as corrected by you)."]
    elif asserted:
        lines = ["Not quite (as corrected by you): the answer asserts a misconception."]
    elif denied:
        lines = [f"Not quite (as corrected by you): the answer states the opposite of a key point ({_labels(denied)})."]
    elif found:
        lines = ["Partly correct (as corrected by you)."]
    else:
        lines = ["Not yet (as corrected by you): none of the key points."]
    if found:
        lines.append(f"Found: {_labels(found)}.")
    if unsaid:
        lines.append(f"{'Also worth saying' if correct else 'Missing'}: {_labels(unsaid)}.")
    if denied and asserted:  # else the first line names them
        lines.append(f"You stated the opposite of: {_labels(denied)}.")
    if asserted:
        lines.append(f"Misconception: {_labels(asserted)}.")
    return "\n".join(lines)


def _labels(claims: Sequence[ClaimCheck]) -> str:
    return listed(claim.shown for claim in claims)
