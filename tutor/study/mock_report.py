"""The debrief of a mock interview, built from what the store recorded.

The report is computed from the stored plan and steps (plus the pack for explanations,
concept lists and evidence names), so it can be reopened from the history at any time
and survives questions disappearing from the pack. Scores: each main question scores
its grade (0 if skipped, timed out empty, or never reached); questions that cannot be
graded automatically (self checks) are listed but left out of the mean. Follow-ups are
not graded; their model answers are shown for comparison. A question never reached counts 0
in the interview's score (the time was the interview's), but says nothing about the learner:
it is listed as not reached and left out of the topics to work on (see `reached`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from tutor.packs.variants import Variant, draw
from tutor.store.db import Store
from tutor.store.mocks import MockRecord, StepRecord
from tutor.study.mock_plan import MockPlan, in_interview, item_variant, probe_reason
from tutor.study.notes import read_notes
from tutor.words import in_words, one_line

WEAKEST_TOPICS = 3
TOPIC_VERDICT_ANSWERS = 2
MAIN_WEIGHT = 2
"""A question's own answer weighs as much as two scored follow-ups."""
"""A topic is called weak only on at least this many graded answers: one answer says what to
practise next, not what the learner is weak at."""
NOT_ASKED = "not_asked"
TITLE_LENGTH = 60
"""Characters of a variant question's prompt that name it in headings (`QuestionReport.title`)."""


@dataclass(frozen=True)
class FollowUpReport:
    prompt: str
    model_answer: str
    response: str | None
    outcome: str
    time_used: float
    time_limit: float
    auto_submitted: bool
    score: float | None = None  # None: the follow-up has no check and is not scored
    feedback: str = ""
    reason: str = ""  # why it was asked, when it probes what the main answer got wrong
    key_points: tuple[Any, ...] = ()  # a free-text follow-up's key points as graded (ClaimChecks)


@dataclass(frozen=True)
class QuestionReport:
    number: int
    question_id: str
    level: str
    topics: tuple[str, ...]
    prompt: str
    response: str | None
    outcome: str
    """answered, timed_out, skipped, ended (interview ended on it) or not_asked."""
    gradable: bool
    correct: bool | None
    score: float | None
    """The score that counts (0 for no answer); None if the question is not auto-graded."""
    feedback: str
    invalid: bool
    """The answer handed in could not be read (a format error at time-out or end); scores 0."""
    undecided: bool
    """The grader could not decide in time (e.g. SymPy); scores 0, the learner should compare."""
    time_used: float
    time_limit: float
    auto_submitted: bool
    concepts_missed: tuple[str, ...]  # as the learner reads them (labels)
    misconception: str | None
    misconception_feedback: str | None
    model_answer: str
    explanation: str
    evidence: tuple[str, ...]
    in_pack: bool
    follow_ups: tuple[FollowUpReport, ...]
    corrected: bool = False
    """The learner corrected the key points in the debrief: `correct`, `score` and `feedback`
    are theirs (the grader's stored verdict stays in the store beside the correction)."""
    misconception_shown: str | None = None
    """The misconception as the learner reads it (its label or first wording), not its slug."""
    claims: tuple[Any, ...] = ()
    """The corrected checklist (`ClaimCheck`s) when `corrected`; empty otherwise."""
    position: int | None = None
    """The main step's position in the interview (what a correction is stored against)."""
    key_points: tuple[Any, ...] = ()
    """A free-text answer's key points as the grader read them when it was handed in
    (`ClaimCheck`s with the sentence that decided each); `claims` holds the learner's
    correction of them, if any."""
    variant_seed: int | None = None
    """The seed of the draw asked (or that would have been asked) for a variant question;
    None for a question without parameters. A variant's id is its author's name, not a title
    that follows the draw (bound-sigmoid-10-steps may ask about 12 steps): see `title`."""

    @property
    def missed_unlisted(self) -> tuple[str, ...]:
        """The concepts missed that nothing else on the page lists: a free-text answer's key
        points are shown as a checklist, and its feedback already says "Missing: ...", so a
        "Concepts missed" line would only repeat them."""
        if self.key_points or self.claims or "Missing:" in self.feedback:
            return ()
        return self.concepts_missed

    @property
    def title(self) -> str:
        """How a heading or a list names this question: its id, or for a variant question
        the start of its prompt as asked, so no heading contradicts the numbers under it."""
        if self.variant_seed is None:
            return self.question_id
        return one_line(self.prompt, TITLE_LENGTH)


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float
    questions: int


@dataclass(frozen=True)
class MockReport:
    mock_id: int
    pack_id: str
    seed: int
    status: str
    started_at: datetime
    finished_at: datetime | None
    time_limit_seconds: float
    time_used_seconds: float
    score: float | None
    """Mean score of the auto-graded main questions (0..1), None if there were none."""
    questions: tuple[QuestionReport, ...]
    weakest_topics: tuple[TopicScore, ...]
    """Topics below 100% on at least `TOPIC_VERDICT_ANSWERS` graded answers, weakest first."""
    queued: tuple[str, ...]
    """Question ids put into the study queue as due when the interview finished."""
    practise_topics: tuple[TopicScore, ...] = ()
    """Topics missed on a single answer: too little to call weak, worth practising next."""


@dataclass(frozen=True)
class MockSummary:
    """One line of the history."""

    mock_id: int
    pack_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    score: float | None
    duration_seconds: float
    time_limit_seconds: float
    questions: int
    corrected: bool = False
    """Some answer's grade was corrected by the learner; `score` counts the corrections."""


def item_scores(plan: MockPlan, steps: Sequence[StepRecord], corrections: Mapping[int, Any] | None = None,
                ) -> list[float | None]:
    """The counting score of each question (None when it is not auto-graded); a step the
    learner corrected (`corrections` by position) counts the corrected score. A follow-up
    with a check counts too: the main answer weighs `MAIN_WEIGHT`, each scored follow-up 1."""
    by_position = {step.position: _corrected_step(step, (corrections or {}).get(step.position)) for step in steps}
    follow_up_scores: dict[int, list[float]] = {}
    for plan_step in plan.steps:
        step = by_position.get(plan_step.position)
        if plan_step.follow_up_index is not None and step is not None and step.score is not None:
            follow_up_scores.setdefault(plan_step.item_index, []).append(step.score)
    scores: list[float | None] = []
    for plan_step in plan.steps:
        if plan_step.follow_up_index is not None:
            continue
        if not plan.items[plan_step.item_index].gradable:
            scores.append(None)
            continue
        step = by_position.get(plan_step.position)
        main = step.score if step is not None and step.score is not None else 0.0
        extra = follow_up_scores.get(plan_step.item_index, [])
        scores.append((MAIN_WEIGHT * main + sum(extra)) / (MAIN_WEIGHT + len(extra)))
    return scores


def reached(plan: MockPlan, steps: Sequence[StepRecord]) -> list[bool]:
    """Whether each question was shown (its main step has a row). One the interview ended
    before the learner saw is no evidence of a weakness: it is neither put into the study
    queue nor counted in a topic's score, and its card stays as it was before the mock."""
    shown = {step.position for step in steps}
    return [plan_step.position in shown for plan_step in plan.steps if plan_step.follow_up_index is None]


def _corrected_step(step: StepRecord, correction: Any) -> StepRecord:
    """The step as the learner's last correction grades it (unchanged without one, or while
    the correction left it undecided)."""
    if correction is None or correction.undecided:
        return step
    return replace(step, correct=correction.correct, score=correction.score, undecided=False, invalid=False)


def mean_score(scores: Sequence[float | None]) -> float | None:
    counted = [score for score in scores if score is not None]
    return sum(counted) / len(counted) if counted else None


def report(store: Store, mock_id: int, pack: Any | None = None) -> MockReport:
    """The debrief of interview `mock_id` (finished or not); `pack` adds explanations and evidence."""
    record = store.mocks.get(mock_id)
    if record is None:
        raise KeyError(f"no mock interview with id {mock_id}")
    plan = MockPlan.from_dict(record.plan)
    corrections = store.corrections.for_mock(mock_id)
    steps = store.mocks.steps(mock_id)
    by_position = {step.position: _corrected_step(step, corrections.get(step.position)) for step in steps}
    # each question as the mock asked it (its interview form where it has one)
    asked = () if pack is None or pack.id != plan.pack_id else pack.questions
    questions = {q.id: in_interview(q) or q for q in asked}
    scores = item_scores(plan, steps, corrections)
    topic_scores = [score if shown else None for score, shown in zip(scores, reached(plan, steps))]

    reports: list[QuestionReport] = []
    all_steps = plan.steps
    for item_index, item in enumerate(plan.items):
        item_steps = [step for step in all_steps if step.item_index == item_index]
        main_plan, follow_plans = item_steps[0], item_steps[1:]
        main = by_position.get(main_plan.position)
        variant = _variant_asked(questions.get(item.question_id), main, plan.seed, item_index)
        question = None if variant is None else variant.question
        main_notes = main.notes if main is not None else ()
        follow_ups = tuple(
            _follow_up_report(question, plan_step, by_position.get(plan_step.position), main_notes)
            for plan_step in follow_plans
        )
        report_of_item = _question_report(item_index, item, question, main, main_plan.seconds, scores[item_index],
                                          follow_ups)
        report_of_item = replace(report_of_item, position=main_plan.position,
                                 variant_seed=None if variant is None else variant.seed)
        correction = corrections.get(main_plan.position)
        if correction is not None and not correction.undecided:
            report_of_item = _with_correction(report_of_item, correction)
        reports.append(report_of_item)
    return MockReport(
        mock_id=record.id,
        pack_id=record.pack_id,
        seed=record.seed,
        status=record.status,
        started_at=record.started_at,
        finished_at=record.finished_at,
        time_limit_seconds=record.time_limit_seconds,
        time_used_seconds=sum(step.elapsed for step in steps),
        score=mean_score(scores),
        questions=tuple(reports),
        weakest_topics=weakest_topics(plan, topic_scores),
        queued=record.queued,
        practise_topics=practise_topics(plan, topic_scores),
    )


def _with_correction(question: QuestionReport, correction: Any) -> QuestionReport:
    """The question as the learner corrected it: their verdict, the points they left missed
    and the misconception they left asserted; the feedback says what their checklist says
    (the grader's first line only as what it said: its "Missing: X" beside a checklist where
    X is now found contradicted it)."""
    from tutor.grading.corrections import corrected_feedback

    missed = tuple(claim.shown for claim in correction.claims if claim.role == "concept" and claim.status != "found")
    asserted = [claim for claim in correction.claims if claim.asserted]
    misconception = asserted[0].name if asserted else None
    first_line = question.feedback.splitlines()[0] if question.feedback else "nothing"
    return replace(
        question, correct=correction.correct, score=correction.score, corrected=True, undecided=False,
        claims=correction.claims,
        feedback=f"{corrected_feedback(correction.claims, bool(correction.correct))}\nThe grader said: {first_line}",
        concepts_missed=missed, misconception=misconception,
        misconception_shown=asserted[0].shown if asserted else None,
        misconception_feedback=question.misconception_feedback if misconception == question.misconception else None,
    )


def weakest_topics(
    plan: MockPlan, scores: Sequence[float | None], limit: int = WEAKEST_TOPICS
) -> tuple[TopicScore, ...]:
    """Topics with a mean below 1 over at least `TOPIC_VERDICT_ANSWERS` auto-graded answers,
    weakest first (ties by name)."""
    return tuple(entry for entry in _topic_scores(plan, scores) if entry.questions >= TOPIC_VERDICT_ANSWERS)[:limit]


def practise_topics(plan: MockPlan, scores: Sequence[float | None]) -> tuple[TopicScore, ...]:
    """Topics below 1 that rest on fewer answers than a verdict needs, lowest first."""
    return tuple(entry for entry in _topic_scores(plan, scores) if entry.questions < TOPIC_VERDICT_ANSWERS)


def _topic_scores(plan: MockPlan, scores: Sequence[float | None]) -> list[TopicScore]:
    """Every topic with a mean below 1, lowest first (ties by name); a None score (a question
    not auto-graded, or never reached) counts for no topic."""
    totals: dict[str, list[float]] = {}
    for item, score in zip(plan.items, scores):
        if score is None:
            continue
        for topic in item.topics:
            totals.setdefault(topic, []).append(score)
    ranked = sorted(
        (TopicScore(topic, sum(values) / len(values), len(values)) for topic, values in totals.items()),
        key=lambda entry: (entry.score, entry.topic),
    )
    return [entry for entry in ranked if entry.score < 1]


def history(store: Store, pack_id: str | None = None) -> list[MockSummary]:
    """Finished interviews, most recent first, with score and time used."""
    summaries = []
    for record in store.mocks.list(statuses=("finished",), pack_id=pack_id):
        steps = store.mocks.steps(record.id)
        summary = _summary(record, steps)
        corrections = store.corrections.for_mock(record.id)
        if corrections:
            scores = item_scores(MockPlan.from_dict(record.plan), steps, corrections)
            summary = replace(summary, score=mean_score(scores), corrected=True)
        summaries.append(summary)
    return summaries


def _summary(record: MockRecord, steps: Sequence[StepRecord]) -> MockSummary:
    return MockSummary(
        mock_id=record.id,
        pack_id=record.pack_id,
        started_at=record.started_at,
        finished_at=record.finished_at,
        status=record.status,
        score=record.score,
        duration_seconds=sum(step.elapsed for step in steps),
        time_limit_seconds=record.time_limit_seconds,
        questions=len(record.plan["items"]),
    )


def _question_report(
    index: int,
    item: Any,
    question: Any,
    main: StepRecord | None,
    limit: float,
    score: float | None,
    follow_ups: tuple[FollowUpReport, ...],
) -> QuestionReport:
    check = getattr(question, "check", None)
    answered = main is not None and bool((main.response or "").strip())
    notes = read_notes(main.notes if main is not None else (), check)
    concepts = {concept.name: concept.shown for concept in getattr(check, "concepts", ()) or ()}
    missed = tuple(concepts.get(name, in_words(name)) for name in notes.missed)
    if not answered and check is not None:
        missed = tuple(concepts.values())
    misconception = notes.misconceptions[0] if notes.misconceptions else None
    misconception_feedback = None
    for candidate in getattr(check, "misconceptions", ()) or ():
        if candidate.name == misconception:
            misconception_feedback = candidate.feedback
    misconception_shown = _shown_misconception(check, misconception)
    return QuestionReport(
        number=index + 1,
        question_id=item.question_id,
        level=item.level,
        topics=item.topics,
        prompt=main.prompt if main is not None else getattr(question, "prompt", ""),
        response=main.response if main is not None else None,
        outcome=(main.outcome or "in_progress") if main is not None else NOT_ASKED,
        gradable=item.gradable,
        correct=main.correct if main is not None else None,
        score=score,
        feedback=main.feedback if main is not None else "",
        invalid=main.invalid if main is not None else False,
        undecided=main.undecided if main is not None else False,
        time_used=main.elapsed if main is not None else 0.0,
        time_limit=limit,
        auto_submitted=main.auto_submitted if main is not None else False,
        concepts_missed=missed,
        misconception=misconception,
        misconception_feedback=misconception_feedback,
        misconception_shown=misconception_shown,
        model_answer=main.model_answer if main is not None else getattr(question, "answer", ""),
        explanation=getattr(question, "explanation", ""),
        evidence=tuple(evidence.name for evidence in getattr(question, "evidence", ()) or ()),
        in_pack=question is not None,
        follow_ups=follow_ups,
        key_points=main.claims if main is not None else (),
    )


def _variant_asked(question: Any, main: StepRecord | None, plan_seed: int, item_index: int) -> Variant | None:
    """The question as the learner saw it (None if it left the pack): a variant redrawn from
    the seed kept with the step, or, for an item never reached, the draw the interview would
    have made; so the debrief's prompt, follow-ups and explanation have the numbers asked."""
    if question is None:
        return None
    kept = getattr(main, "variant", None)
    if kept and getattr(question, "params", None):
        return draw(question, int(kept["seed"]))
    return item_variant(question, plan_seed, item_index)


def as_asked(question: Any, variant_seed: int | None) -> Any:
    """Pack question `question` as a mock interview asked it: its interview form, drawn with
    `variant_seed` when it is a variant (what the debrief's evidence screen shows)."""
    asked = in_interview(question) or question
    if variant_seed is None or not getattr(asked, "params", None):
        return asked
    return draw(asked, variant_seed).question


def _follow_up_report(question: Any, plan_step: Any, step: StepRecord | None,
                      main_notes: Sequence[str] = ()) -> FollowUpReport:
    follow_ups = getattr(question, "follow_ups", ()) or ()
    if step is not None:
        index = step.follow_up_index if step.follow_up_index is not None else plan_step.follow_up_index
        reason = probe_reason(follow_ups[index], main_notes) if index < len(follow_ups) else ""
        return FollowUpReport(
            prompt=step.prompt,
            model_answer=step.model_answer,
            response=step.response,
            outcome=step.outcome or "in_progress",
            time_used=step.elapsed,
            time_limit=plan_step.seconds,
            auto_submitted=step.auto_submitted,
            score=step.score,
            feedback=step.feedback,
            reason=reason,
            key_points=step.claims,
        )
    known = plan_step.follow_up_index < len(follow_ups)
    return FollowUpReport(
        prompt=follow_ups[plan_step.follow_up_index].prompt if known else "",
        model_answer=follow_ups[plan_step.follow_up_index].answer if known else "",
        response=None,
        outcome=NOT_ASKED,
        time_used=0.0,
        time_limit=plan_step.seconds,
        auto_submitted=False,
    )


def _shown_misconception(check: Any, name: str | None) -> str | None:
    """How the feedback named misconception `name` (the question's own, the pack's catalogue's,
    or an opening "yes"/"no" against the short answer), or None when the check has no such point."""
    if name is None:
        return None
    if name.startswith("answers-"):
        from tutor.grading.yes_no import ShortAnswer

        return ShortAnswer(name, "").shown
    known = (*(getattr(check, "misconceptions", ()) or ()), *(getattr(check, "pack_misconceptions", ()) or ()))
    return next((candidate.shown for candidate in known if candidate.name == name), None)
