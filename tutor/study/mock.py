"""The timed mock interview as a state machine driven by an injected clock.

No feedback is given during the interview; every event is written when it happens:
the step row when a question or follow-up is shown, elapsed time and the draft while
the learner types (`tick`, `update_draft(save=True)`, `save`), the response and grade
when a step ends (answered, timed out, skipped, or the interview ended on it), and the
final score together with the questions put into the study queue as due now: those shown
and not fully right. A question never reached is left as it was (see `mock_report.reached`).

Grading is the caller's step before recording, never the interview's: grading may call
SymPy and take seconds, so the caller grades the response against `current_check()` with
`tutor.study.grades.grade_answer` (in a worker, in the app) and hands the grade to
`submit`, `time_out` or `end_early`.

Time: each step has its own limit (see `mock_plan`). When the step's time or the whole
interview's time is up (`time_up()`), the caller grades the draft and hands it in with
`time_out(grade)`; `tick()` only saves. Only time spent with the interview open counts:
after a crash, `resume` continues from the last saved elapsed time of the current step
(saved at least every `save_every` seconds by `tick`); an interview whose time ran out
before the crash resumes with `time_up()` true, its draft still to be handed in.

Skipping a main question skips its follow-ups too (an interviewer does not follow up on
a question you passed). A variant question is drawn once per interview item, from the
plan's seed, and its step rows and review keep the draw. Re-exports the plan and report API so `tutor.study.mock` is the
one import the UI needs.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.packs.variants import Variant
from tutor.store.db import Store
from tutor.store.mocks import MockRecord, StepOutcome
from tutor.study.clock import Clock, as_utc
from tutor.study.grades import fields_of, is_invalid
from tutor.study.mock_export import to_json, to_markdown
from tutor.study.mock_plan import (
    MockPlan,
    PlanError,
    PlanItem,
    PlanStep,
    in_interview,
    item_variant,
    plan_mock,
    probing_order,
)
from tutor.study.mock_report import (
    MockReport,
    MockSummary,
    QuestionReport,
    history,
    item_scores,
    mean_score,
    reached,
    report,
)
from tutor.study.queue import StudyError
from tutor.study.scheduler import new_card

if TYPE_CHECKING:
    from tutor.grading.result import Grade

__all__ = [
    "MockInterview",
    "MockPlan",
    "MockReport",
    "MockStep",
    "MockSummary",
    "PlanError",
    "PlanItem",
    "PlanStep",
    "QuestionReport",
    "discard",
    "history",
    "plan_mock",
    "report",
    "resume",
    "to_json",
    "to_markdown",
    "unfinished",
]

SAVE_EVERY_SECONDS = 5.0


@dataclass(frozen=True)
class MockStep:
    """What the interviewer is asking now."""

    position: int
    number: int
    """1-based number of the main question this step belongs to."""
    question_count: int
    question: Any
    follow_up_index: int | None
    prompt: str
    time_limit: float

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_index is not None


class MockInterview:
    """One interview in progress. Build with `MockInterview.start(...)` or `resume(...)`."""

    def __init__(self, pack: Any, store: Store, plan: MockPlan, mock_id: int, *, clock: Clock,
                 save_every: float = SAVE_EVERY_SECONDS) -> None:
        if pack.id != plan.pack_id:
            raise StudyError(f"this interview belongs to pack '{plan.pack_id}', not '{pack.id}'")
        self.pack = pack
        self.store = store
        self.plan = plan
        self.id = mock_id
        self._clock = clock
        self._save_every = save_every
        # each question as the interviewer asks it: its interview form where it has one
        self._questions = {question.id: in_interview(question) or question for question in pack.questions}
        self._variants: dict[int, Variant] = {}
        self._steps = plan.steps
        self._outcomes: dict[int, StepOutcome] = {}
        self._asked: dict[int, int] = {}  # position -> the follow-up actually asked there
        self._used_before = 0.0
        self._position = len(self._steps)
        self._carried = 0.0
        self._started = self._now()
        self._last_saved = self._started
        self.draft = ""
        self._saved_draft = ""
        self.finished = False

    # ---- construction ------------------------------------------------------------------

    @classmethod
    def start(cls, pack: Any, store: Store, plan: MockPlan, *, clock: Clock,
              save_every: float = SAVE_EVERY_SECONDS) -> MockInterview:
        """Create the interview in the store and show its first question."""
        mock_id = store.mocks.create(
            pack_id=plan.pack_id, seed=plan.seed, plan=plan.to_dict(),
            time_limit_seconds=plan.total_seconds, started_at=as_utc(clock()),
        )
        interview = cls(pack, store, plan, mock_id, clock=clock, save_every=save_every)
        interview._advance(-1)
        return interview

    @classmethod
    def resume(cls, store: Store, mock_id: int, pack: Any, *, clock: Clock,
               save_every: float = SAVE_EVERY_SECONDS) -> MockInterview:
        """Continue an unfinished interview with the time it had left when it was last saved.
        If none was left (`time_up()`), the caller grades the draft and calls `time_out`."""
        record = _unfinished_record(store, mock_id)
        interview = cls(pack, store, MockPlan.from_dict(record.plan), mock_id, clock=clock,
                        save_every=save_every)
        rows = {row.position: row for row in store.mocks.steps(mock_id)}
        interview._outcomes = {pos: row.outcome for pos, row in rows.items() if row.outcome is not None}
        interview._asked = {pos: row.follow_up_index for pos, row in rows.items() if row.follow_up_index is not None}
        interview._used_before = sum(row.elapsed for row in rows.values() if row.outcome is not None)
        current = interview._next_position(-1)
        open_row = rows.get(current)
        if open_row is not None and open_row.outcome is None:
            interview._position = current
            interview._carried = open_row.elapsed
            interview.draft = interview._saved_draft = open_row.draft
        else:
            interview._advance(-1)
        return interview

    # ---- what is shown -----------------------------------------------------------------

    def current_step(self) -> MockStep | None:
        if self.finished:
            return None
        plan_step = self._steps[self._position]
        question = self._drawn(plan_step).question
        asked = self._follow_up_index(plan_step)
        prompt = question.prompt if asked is None else question.follow_ups[asked].prompt
        return MockStep(
            position=plan_step.position, number=plan_step.item_index + 1, question_count=len(self.plan.items),
            question=question, follow_up_index=asked, prompt=prompt,
            time_limit=float(plan_step.seconds),
        )

    def elapsed_question(self) -> float:
        if self.finished:
            return 0.0
        return self._carried + (self._now() - self._started).total_seconds()

    def used_total(self) -> float:
        return self._used_before + self.elapsed_question()

    def remaining_total(self) -> float:
        return max(0.0, self.plan.total_seconds - self.used_total())

    def remaining_question(self) -> float:
        if self.finished:
            return 0.0
        left = self._steps[self._position].seconds - self.elapsed_question()
        return max(0.0, min(left, self.remaining_total()))

    # ---- events ------------------------------------------------------------------------

    def update_draft(self, text: str, *, save: bool = False) -> None:
        """What the learner has typed so far (auto-submitted on time-out); `save` writes it now."""
        self.draft = text
        if save:
            self.save()

    def save(self) -> None:
        """Write the current step's elapsed time and draft (call on quit, and `tick` does it)."""
        if self.finished:
            return
        self.store.mocks.save_progress(self.id, self._position, elapsed=self.elapsed_question(), draft=self.draft)
        self._last_saved, self._saved_draft = self._now(), self.draft

    def current_check(self) -> Any:
        """The check the current step is graded by (None: not graded, or the interview is
        over): grade a response with `grade_answer(current_check(), response, grader)`."""
        if self.finished:
            return None
        return self._check_of(self._steps[self._position])

    def time_up(self) -> bool:
        """The current step (or the whole interview) has no time left: hand the draft in
        with `time_out`."""
        return not self.finished and self.remaining_question() <= 0

    def submit(self, response: str, grade: Grade | None) -> Grade | None:
        """Answer the current step with `response`, graded `grade` (see `current_check`), and
        move on. Returns None, or the grade when it is invalid (a format error: nothing
        stored, not moved on; the learner fixes the answer). Past the time limit, the
        response is recorded as handed in when the time ran out instead."""
        self._require_open()
        self._require_grade_fits(response, grade)
        if self.time_up():
            self.draft = response
            self.time_out(grade)
            return None
        if grade is not None and is_invalid(grade):
            return grade
        self._finish_step("answered", response, grade, auto=False)
        return None

    def skip(self) -> None:
        """Pass on the current step (and on the follow-ups of a skipped main question)."""
        self._require_open()
        self._finish_step("skipped", None, None, auto=False)

    def tick(self) -> None:
        """Call about once a second: saves the draft and elapsed time when the draft changed
        or every `save_every` seconds. It hands nothing in: when `time_up()`, call `time_out`."""
        if self.finished:
            return
        now = self._now()
        if self.draft != self._saved_draft or (now - self._last_saved).total_seconds() >= self._save_every:
            self.save()

    def time_out(self, grade: Grade | None) -> None:
        """The time is up (`time_up()`): the draft, graded `grade`, is handed in and the next
        step comes, or the interview ends when its whole time is used."""
        self._require_open()
        self._require_grade_fits(self.draft, grade)
        end = self.remaining_total() <= 0
        self._finish_step("timed_out", self.draft, grade, auto=True, end=end)

    def end_early(self, grade: Grade | None) -> None:
        """Stop now: the current draft (if any), graded `grade`, is handed in; the rest is not asked."""
        self._require_open()
        response = self.draft if self.draft.strip() else None
        self._require_grade_fits(response, grade)
        self._finish_step("ended", response, grade, auto=response is not None, end=True)

    def report(self) -> MockReport:
        return report(self.store, self.id, self.pack)

    # ---- internals ---------------------------------------------------------------------

    def _require_grade_fits(self, response: str | None, grade: Grade | None) -> None:
        """A grade is recorded only where `grade_answer` gives one: a graded step, a response."""
        if grade is not None and (self.current_check() is None or not response or not response.strip()):
            raise StudyError("this step is not graded here: it is recorded without a grade")

    def _check_of(self, plan_step: Any) -> Any:
        """The check a step is graded by: the question's (None for a flashcard) or, for a
        follow-up, its own check (None when it has none: then it is not scored)."""
        question = self._drawn(plan_step).question
        if plan_step.follow_up_index is None:
            check = question.check
            return None if getattr(check, "kind", None) == "self" else check
        follow_ups: Sequence[Any] = getattr(question, "follow_ups", ())
        index = self._follow_up_index(plan_step)
        assert index is not None  # a follow-up step
        return getattr(follow_ups[index], "check", None)

    def _follow_up_index(self, plan_step: Any) -> int | None:
        """The follow-up asked at a step (chosen when it was shown), None for a main step."""
        if plan_step.follow_up_index is None:
            return None
        asked: int = self._asked.get(plan_step.position, plan_step.follow_up_index)
        return asked

    def _choose_follow_up(self, plan_step: Any, question: Any) -> int:
        """As an interviewer would: first the follow-ups that probe what the main answer
        missed, denied or asserted wrongly; otherwise the planned one (see `probing_order`)."""
        slots = [s for s in self._steps if s.item_index == plan_step.item_index and s.follow_up_index is not None]
        asked = {self._asked[s.position] for s in slots if s.position in self._asked}
        main = next(s for s in self._steps if s.item_index == plan_step.item_index and s.follow_up_index is None)
        notes = next((row.notes for row in self.store.mocks.steps(self.id) if row.position == main.position), ())
        planned = [s.follow_up_index for s in slots if s.follow_up_index is not None]  # all of slots
        order = probing_order(getattr(question, "follow_ups", ()), notes, planned)
        return next(index for index in order if index not in asked)

    def _finish_step(self, outcome: StepOutcome, response: str | None, grade: Any, *, auto: bool,
                     end: bool = False) -> None:
        plan_step = self._steps[self._position]
        now = self._now()
        elapsed = min(self.elapsed_question(), float(plan_step.seconds))
        is_main = plan_step.follow_up_index is None
        gradable = (self.plan.items[plan_step.item_index].gradable if is_main
                    else self._check_of(plan_step) is not None)
        fields = fields_of(grade) if grade is not None else None
        score = fields.score if fields else (0.0 if gradable else None)
        correct = fields.correct if fields else (False if gradable else None)
        if fields and fields.invalid:
            score, correct = 0.0, False
        with self.store.transaction():
            self.store.mocks.finish_step(
                self.id, self._position, outcome=outcome, response=response, answered_at=now, elapsed=elapsed,
                auto_submitted=auto, correct=correct, score=score,
                feedback=fields.feedback if fields else "", notes=fields.notes if fields else (),
                invalid=fields.invalid if fields else False, undecided=fields.undecided if fields else False,
                claims=fields.claims if fields else (),
            )
            if is_main and response:
                self.store.reviews.add(
                    pack_id=self.pack.id, question_id=plan_step.question_id, mode="mock", reviewed_at=now,
                    response=response, correct=correct, score=score, feedback=fields.feedback if fields else "",
                    notes=fields.notes if fields else (), seconds=elapsed, mock_id=self.id,
                    variant=self._drawn(plan_step).record(),
                )
            self._outcomes[self._position] = outcome
            self._used_before += elapsed
            if end:
                self._finish_interview(now)
            else:
                self._advance(self._position)

    def _drawn(self, plan_step: Any) -> Variant:
        """The draw of the plan item `plan_step` belongs to (its follow-ups share it). Seeded
        from the plan's seed and the item's index, so a resumed interview shows the same
        numbers and a new interview fresh ones."""
        index = plan_step.item_index
        if index not in self._variants:
            self._variants[index] = item_variant(self._questions[plan_step.question_id], self.plan.seed, index)
        return self._variants[index]

    def _next_position(self, after: int) -> int:
        """The next plan step to ask after position `after` (len(steps) when none is left)."""
        position = after + 1
        while position < len(self._steps):
            plan_step = self._steps[position]
            if position in self._outcomes or plan_step.question_id not in self._questions:
                position += 1
                continue
            if plan_step.follow_up_index is not None:
                main = next(s for s in self._steps
                            if s.item_index == plan_step.item_index and s.follow_up_index is None)
                if self._outcomes.get(main.position) in ("skipped", "ended", None):
                    position += 1
                    continue
            return position
        return position

    def _advance(self, after: int) -> None:
        with self.store.transaction():
            position = self._next_position(after)
            now = self._now()
            self._position, self._carried, self._started, self._last_saved = position, 0.0, now, now
            self.draft = self._saved_draft = ""
            if position >= len(self._steps):
                self._finish_interview(now)
                return
            plan_step = self._steps[position]
            variant = self._drawn(plan_step)
            question = variant.question
            follow_up_index = None
            if plan_step.follow_up_index is not None:
                follow_up_index = self._choose_follow_up(plan_step, question)
                self._asked[position] = follow_up_index
            follow_up = None if follow_up_index is None else question.follow_ups[follow_up_index]
            self.store.mocks.show_step(
                self.id, position=position, question_id=question.id, follow_up_index=follow_up_index,
                prompt=follow_up.prompt if follow_up else question.prompt,
                model_answer=follow_up.answer if follow_up else question.answer,
                time_limit=float(plan_step.seconds), shown_at=now, variant=variant.record(),
            )

    def _finish_interview(self, now: datetime) -> None:
        steps = self.store.mocks.steps(self.id)
        scores = item_scores(self.plan, steps)
        queued = [
            item.question_id
            for item, score, shown in zip(self.plan.items, scores, reached(self.plan, steps))
            if shown and (score is None or score < 1) and item.question_id in self._questions
        ]
        for question_id in queued:
            card = self.store.cards.get(self.pack.id, question_id)
            if card is None:
                card = new_card(self.pack.id, question_id, now)
            elif card.due > now:
                card = copy.copy(card)
                card.due = now
            else:
                continue
            self.store.cards.put(self.pack.id, question_id, card, now=now)
        self.store.mocks.finish(self.id, finished_at=now, score=mean_score(scores), queued=queued)
        self._position = len(self._steps)
        self.finished = True

    def _require_open(self) -> None:
        if self.finished:
            raise StudyError("the mock interview is over")

    def _now(self) -> datetime:
        return as_utc(self._clock())


def resume(store: Store, mock_id: int, pack: Any, *, clock: Clock) -> MockInterview:
    return MockInterview.resume(store, mock_id, pack, clock=clock)


def discard(store: Store, mock_id: int, *, clock: Clock) -> None:
    """Give up an unfinished interview (its rows are kept, it leaves the resume list)."""
    _unfinished_record(store, mock_id)
    store.mocks.discard(mock_id, at=as_utc(clock()))


def unfinished(store: Store, pack_id: str | None = None) -> list[MockRecord]:
    """Interviews still in progress (to offer resume or discard on start-up), most recent first."""
    return store.mocks.list(statuses=("in_progress",), pack_id=pack_id)


def _unfinished_record(store: Store, mock_id: int) -> MockRecord:
    record = store.mocks.get(mock_id)
    if record is None:
        raise StudyError(f"no mock interview with id {mock_id}")
    if record.status != "in_progress":
        raise StudyError(f"mock interview {mock_id} is {record.status.replace('_', ' ')}, not in progress")
    return record

