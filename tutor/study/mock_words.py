"""The words a mock interview's debrief uses for what happened to a question and how it
was graded: one vocabulary for the debrief screen and the exported report.

A learner reads the debrief on screen and then the Markdown they saved or shared; both
must call the same thing by the same name, so neither builds its own wording. Questions
are read by attribute (`tutor.study.mock_report.QuestionReport`, `FollowUpReport`), so the
UI can pass what the backend gave it. Plain text only: colours are the screen's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.words import false_claim_credit, in_words, partial_rule, topic_title

if TYPE_CHECKING:
    from tutor.study.mock_report import MockReport

OUTCOME_WORDS: dict[str, str] = {
    "answered": "answered",
    "timed_out": "timed out",
    "skipped": "skipped",
    "ended": "ended early",
    "not_asked": "not reached",
    "in_progress": "in progress",
}
"""What happened to a step: the outcomes the store records, plus the report's `not_asked`
(never shown) and `in_progress` (shown, not finished: an unfinished interview)."""

ANSWERED = "answered"
"""The usual outcome, which a compact view leaves out (the verdict already says it)."""

GRADE_WORDS: dict[str, str] = {
    "correct": "correct",
    "partial": "partly correct",
    "wrong": "wrong",
    "undecided": "undecided",
    "unreadable": "could not be read",
    "self_check": "self-check",
}
"""How a main question was graded, by the state `grade_state` names."""

GRADE_MARKS: dict[str, str] = {
    "correct": "✓",
    "partial": "◐",
    "wrong": "✗",
    "undecided": "?",
    "unreadable": "✗",
    "self_check": "–",
}
"""One character per grade state, for a compact table."""

CORRECTED_MARK = " (corrected by you)"
"""After a verdict the learner corrected in the debrief (the export says the same)."""
CORRECTED_SHORT = " ✎"
"""The same in a table cell."""

SELF_CHECK_HINT = "compare with the model answer"
"""What to do with a question the tool cannot grade (said wherever its verdict is spelt out)."""

NO_WEAK_TOPICS = "none: every graded answer was correct"
"""The weakest topics when there are none."""

TOO_FEW_FOR_WEAK = "none on two answers or more"
"""The weakest topics when some were missed, but each on one answer only."""


def topic_score_text(score: float, answers: int) -> str:
    """`50% on 3 answers`: a topic's score with what it rests on."""
    return f"{score:.0%} on {answers} answer{'s' if answers != 1 else ''}"


def weak_topics_text(report: MockReport) -> str:
    """The weakest topics with their counts (one line, the debrief's and the export's)."""
    if report.weakest_topics:
        return ", ".join(f"{topic_title(t.topic)} {topic_score_text(t.score, t.questions)}"
                         for t in report.weakest_topics)
    return TOO_FEW_FOR_WEAK if getattr(report, "practise_topics", ()) else NO_WEAK_TOPICS


def practise_text(report: MockReport) -> str | None:
    """Topics missed on one answer: what to practise next, or None."""
    topics = getattr(report, "practise_topics", ())
    if not topics:
        return None
    names = ", ".join(topic_title(topic.topic) for topic in topics)
    return f"{names} (missed once each: too few answers to call weak)"


def handed_in_text(step: Any) -> str:
    """Why a step's draft was handed in without the learner pressing enter, after its time
    (` (handed in when the time ran out)`, ` (handed in when you ended the interview)`), or
    "" when the learner handed it in."""
    if not getattr(step, "auto_submitted", False):
        return ""
    if getattr(step, "outcome", None) == "ended":
        return " (handed in when you ended the interview)"
    return " (handed in when the time ran out)"


def queued_names(report: MockReport) -> list[str]:
    """The questions this interview put in the study queue, each with its number in the
    debrief's table (`sigmoid-bound (question 2)`), so the learner can find the row to reread
    ("2. sigmoid-bound" after "1 question put in Study:" read as a count)."""
    numbered = {question.question_id: question for question in report.questions}
    return [f"{numbered[question_id].title} (question {numbered[question_id].number})" if question_id in numbered
            else question_id for question_id in report.queued]


def misconception_text(question: Any) -> str:
    """The misconception's name, with its explanation unless the feedback already gives it
    (the free-text grader's feedback quotes it: said once, not twice)."""
    detail = question.misconception_feedback or ""
    name = getattr(question, "misconception_shown", None) or in_words(str(question.misconception))
    if not detail or " ".join(detail.split()) in " ".join((question.feedback or "").split()):
        return name
    return f"{name}: {detail}"


def outcome_word(outcome: str) -> str:
    """The word for a step's outcome (an unknown outcome is shown as stored)."""
    return OUTCOME_WORDS.get(outcome, outcome)


def outcome_note(outcome: str) -> str | None:
    """The outcome when it is worth a note beside a short verdict: None for `answered`."""
    return None if outcome == ANSWERED else outcome_word(outcome)


def grade_state(question: Any) -> str:
    """`self_check`, `unreadable`, `undecided`, `correct`, `partial` or `wrong` (a key of
    `GRADE_WORDS`). An unreadable or undecided answer scores 0 but is not called wrong: the
    learner may well have been right."""
    if not question.gradable:
        return "self_check"
    if question.invalid:
        return "unreadable"
    if question.undecided:
        return "undecided"
    if question.correct:
        return "correct"
    return "partial" if (question.score or 0) > 0 and not _states_a_falsehood(question) else "wrong"


def _key_points(question: Any) -> tuple[Any, ...]:
    """The key points the question was graded on (the learner's correction of them, if any)."""
    return tuple(question.claims if _corrected(question) else getattr(question, "key_points", ()))


def _states_a_falsehood(question: Any) -> bool:
    """A misconception asserted or a key point denied (as graded, or as the learner corrected
    it): the answer is wrong, though the key points it made keep their partial credit."""
    return bool(getattr(question, "misconception", None)) or any(
        point.role == "concept" and point.status == "contradicted" for point in _key_points(question))


def verdict_text(question: Any) -> str:
    """The verdict in words: `correct, 100%`, `partly correct, 50%`, `undecided, 0%` ...;
    a self-check says how to judge it instead of a score."""
    state = grade_state(question)
    if state == "self_check":
        return f"{GRADE_WORDS[state]}: {SELF_CHECK_HINT}"
    feedback = getattr(question, "feedback", "") or ""
    # scored follow-ups count in the question's score too ("partly correct, 50%" with the
    # answer at 25% and a follow-up at 75%): the rule then explains only the answer's part
    scored = any(getattr(follow_up, "score", None) is not None for follow_up in getattr(question, "follow_ups", ()))
    why = ""
    if state == "partial" and _key_points(question):
        why = f"{', follow-ups included' if scored else ''}: {partial_rule(feedback)}"
    if state == "wrong" and (question.score or 0) > 0 and _key_points(question):
        from tutor.grading.concepts import MISCONCEPTION_CAP

        # "wrong, 25%" read as a contradiction: say where the 25% comes from, as practice does
        cap = percent_text(MISCONCEPTION_CAP)
        why = (f", follow-ups included: a false claim caps the answer at {cap}" if scored
               else f" {false_claim_credit(cap)}")
    return f"{GRADE_WORDS[state]}, {percent_text(question.score)}{why}{CORRECTED_MARK if _corrected(question) else ''}"


def score_text(score: float, key_points: Any = (), feedback: str = "") -> str:
    """A follow-up's score: `25%`, with the partial-credit rule when a key-point answer
    earned part of it without a false claim (`25% (key points count half ...)`)."""
    partial = 0 < score < 1 and bool(key_points) and not any(
        point.asserted or (point.role == "concept" and point.status == "contradicted") for point in key_points)
    return f"{score:.0%}" + (f" ({partial_rule(feedback)})" if partial else "")


def short_verdict(question: Any) -> str:
    """The verdict in a few characters: `✓ 100%`, `◐ 50%`, `✗ 0%`, `? 0%` or `– self-check`."""
    state = grade_state(question)
    detail = GRADE_WORDS[state] if state == "self_check" else percent_text(question.score)
    return f"{GRADE_MARKS[state]} {detail}{CORRECTED_SHORT if _corrected(question) else ''}"


def _corrected(question: Any) -> bool:
    return bool(getattr(question, "corrected", False))


def percent_text(score: float | None) -> str:
    """A score in 0..1 as a whole percentage; `n/a` when there is none."""
    return "n/a" if score is None else f"{round(score * 100)}%"
