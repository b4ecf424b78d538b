"""Grading a `concepts` check: which key points does a free-text answer state?

A concept counts when any of its phrases is *stated* in the response (see
`tutor.grading.text_match` for normalisation, typo tolerance and negation); a phrase found
only in denied form ("... does not decay exponentially") does not count and is reported
as `negated:NAME`. A misconception fires only when stated, never when denied.

Score: hits / pass_count, capped at 1 (pass_count is `required`, or every concept).
Correct: hits >= pass_count and no misconception stated. Note that a stated misconception
makes the answer wrong without lowering the score: the score measures coverage of the
key points, `correct` the whole verdict.
"""

from __future__ import annotations

from tutor.grading.result import ClaimCheck, Grade
from tutor.grading.text_match import find, phrase, words
from tutor.packs.schema import Concept, ConceptsCheck
from tutor.words import plural

MAX_RESPONSE_LENGTH = 5000


def grade_concepts(check: ConceptsCheck, response: str) -> Grade:
    if not isinstance(response, str):
        return Grade.format_error("Type your answer as text.", "type")
    if len(response) > MAX_RESPONSE_LENGTH:
        return Grade.format_error(
            f"The answer is {len(response)} characters long; the limit is {MAX_RESPONSE_LENGTH}.",
            "too-long",
            MAX_RESPONSE_LENGTH,
        )
    text_words = words(response)
    if not any(word.kind == "word" for word in text_words):
        return Grade.format_error("The answer is empty.", "empty", 0)
    found = {concept.name: _state(concept, text_words) for concept in check.concepts}
    hits = [concept for concept in check.concepts if found[concept.name] == "stated"]
    missed = [concept for concept in check.concepts if found[concept.name] != "stated"]
    asserted = {wrong.name: _state(wrong, text_words) for wrong in check.misconceptions}
    misconceptions = [wrong for wrong in check.misconceptions if asserted[wrong.name] == "stated"]
    pass_count = check.pass_count
    correct = len(hits) >= pass_count and not misconceptions
    notes = tuple(f"hit:{concept.name}" for concept in hits)
    notes += tuple(f"missed:{concept.name}" for concept in missed)
    notes += tuple(f"negated:{concept.name}" for concept in missed if found[concept.name] == "denied")
    notes += tuple(f"misconception:{wrong.name}" for wrong in misconceptions)
    score = min(1.0, len(hits) / pass_count)
    claims = tuple(_claim(concept, "concept", found[concept.name]) for concept in check.concepts)
    claims += tuple(_claim(wrong, "misconception", asserted[wrong.name]) for wrong in check.misconceptions)
    feedback = _feedback(check, hits, missed, found, misconceptions, correct)
    return Grade(correct, score, feedback, notes, claims=claims)


_STATUS = {"stated": "found", "denied": "contradicted", None: "missed"}


def _claim(concept: Concept, role: str, state: str | None) -> ClaimCheck:
    return ClaimCheck(concept.name, role, _STATUS[state], label=concept.name.replace("-", " "))


def _state(concept: Concept, text_words) -> str | None:
    verdicts = {find(text_words, phrase(text)) for text in concept.phrases}
    if "stated" in verdicts:
        return "stated"
    return "denied" if "denied" in verdicts else None


def _feedback(check: ConceptsCheck, hits, missed, found, misconceptions, correct: bool) -> str:
    if correct:
        lines = ["Correct."]
    elif misconceptions:
        lines = ["Not quite: your answer states a misconception."]
    elif hits:
        lines = [f"Partly correct: {_progress(len(hits), check.pass_count, len(check.concepts))}."]
    else:
        lines = ["Not yet: none of the key points were found."]
    if hits:
        lines.append(f"Found: {_names(hits)}.")
    if missed:
        lines.append(f"Missing: {_names(missed)}.")
    denied = [concept for concept in missed if found[concept.name] == "denied"]
    if denied:
        lines.append(f"You stated the opposite of: {_names(denied)}.")
    lines += [wrong.feedback for wrong in misconceptions]
    return "\n".join(lines)


def _progress(found: int, needed: int, total: int) -> str:
    """`1 of the 2 key points`, or, when fewer than all are needed,
    `1 key point found; 2 of the 3 are needed` (never `1 of the 2` beside three listed)."""
    if needed == total:
        return f"{found} of the {total} key points"
    return f"{plural(found, 'key point')} found; {needed} of the {total} are needed"


def _names(concepts) -> str:
    return ", ".join(concept.name.replace("-", " ") for concept in concepts)
