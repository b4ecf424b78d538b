"""Mock interviews without a UI: the plan, the timed state machine, resume, the debrief and its export."""

from __future__ import annotations

import json
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, State

from tests.unit.core_fakes import (
    START,
    FakeClock,
    FakeGrade,
    end_early,
    hand_in,
    keyword_grader,
    make_pack,
    make_question,
    tick,
)
from tutor.store import Store, open_store
from tutor.study.grades import grade_answer
from tutor.study.mock import (
    MockInterview,
    MockPlan,
    PlanError,
    PlanItem,
    discard,
    history,
    plan_mock,
    report,
    resume,
    to_json,
    to_markdown,
    unfinished,
)
from tutor.study.mock_plan import _level_counts, apportion
from tutor.study.queue import StudyError
from tutor.study.scheduler import card_id_for

CONCEPTS_I1 = {
    "kind": "concepts",
    "concepts": [
        {"name": "product", "phrases": ["product of jacobians"]},
        {"name": "shrink", "phrases": ["shrinks"]},
    ],
    "misconceptions": [
        {"name": "clipping-fixes-vanishing", "phrases": ["clipping fixes"], "feedback": "Clipping only caps large gradients."}
    ],
}
SYMBOLIC = {"kind": "symbolic", "variables": ["w", "h"], "answers": ["w*(1-tanh(w*h)^2)"]}
OPEN = {"check": {"kind": "concepts", "concepts": [{"name": "right", "phrases": ["right"]}]}}
"""The interview form of a choice question: a mock asks it open (answered 'right')."""
MOCK_PACK = make_pack(
    "rnn",
    [
        make_question("b1", interview=OPEN, level="basic", topics=["bptt"], follow_ups=[("Why?", "Chain rule."), ("And GRU?", "Gates.")],
                      evidence=["bptt-norms"]),
        make_question("b2", interview=OPEN, level="basic", topics=["lstm"], follow_ups=[("Cell?", "Additive.")]),
        make_question("i1", level="intermediate", topics=["bptt", "spectral"], check=CONCEPTS_I1,
                      follow_ups=[("Bound?", "sigma_max * gamma."), ("Exploding?", "Necessary only.")],
                      evidence=["jacobian-product", "bptt-norms"]),
        make_question("i2", level="intermediate", topics=["lstm"], check={"kind": "numeric", "answer": "0.25"}),
        make_question("i3", interview=OPEN, level="intermediate", topics=["init"], follow_ups=[("Orthogonal?", "Norm 1.")]),
        make_question("a1", level="advanced", topics=["spectral"], check=SYMBOLIC,
                      follow_ups=[("Sigmoid?", "gamma = 1/4."), ("Layout?", "Transpose.")]),
        make_question("a2", interview=OPEN, level="advanced", topics=["gating"], follow_ups=[("Forget gate?", "Bias 1.")]),
        make_question("s1", level="basic", topics=["init"], check={"kind": "self"}),
    ],
)
PLAN = MockPlan(
    pack_id="rnn",
    seed=0,
    minutes=4,
    items=(
        PlanItem("b1", "basic", ("bptt",), True, (0,), (40, 20)),
        PlanItem("i1", "intermediate", ("bptt", "spectral"), True, (1,), (60, 30)),
        PlanItem("a1", "advanced", ("spectral",), True, (), (90,)),
    ),
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def start(store: Store, clock: FakeClock, plan: MockPlan = PLAN) -> MockInterview:
    return MockInterview.start(MOCK_PACK, store, plan, clock=clock)


# ---- the plan ---------------------------------------------------------------------------


def test_an_interview_of_two_questions_or_more_opens_with_a_warm_up() -> None:
    """Shares 1:2:2 gave two questions no basic one: the interview began at intermediate."""
    every = {"basic": 5, "intermediate": 5, "advanced": 5}
    assert _level_counts(2, every) == {"basic": 1, "intermediate": 0, "advanced": 1}
    assert _level_counts(1, every) == {"basic": 0, "intermediate": 1, "advanced": 0}
    assert _level_counts(5, every) == {"basic": 1, "intermediate": 2, "advanced": 2}
    assert _level_counts(2, {"basic": 0, "intermediate": 5, "advanced": 5}) == {
        "basic": 0, "intermediate": 1, "advanced": 1}


def test_apportion_adds_up_exactly() -> None:
    assert apportion(600, [2, 3, 3, 4, 4]) == [75, 113, 112, 150, 150]
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert apportion(75, [2, 1, 1]) == [37, 19, 19]
    assert apportion(0, [1, 2]) == [0, 0]
    assert apportion(5, []) == []


def test_plan_is_warm_up_to_hard_with_topics_spread_and_exact_time() -> None:
    plan = plan_mock(MOCK_PACK, questions=5, minutes=10, seed=0)
    assert [(item.question_id, item.level) for item in plan.items] == [
        ("b1", "basic"), ("i3", "intermediate"), ("i1", "intermediate"), ("a2", "advanced"), ("a1", "advanced")]
    assert [item.topics for item in plan.items] == [("bptt",), ("init",), ("bptt", "spectral"), ("gating",), ("spectral",)]
    # every step needs its floor (short prompts and answers): basic 50 s, intermediate 60 s,
    # advanced 70 s, 730 s in all, more than the 10 minutes asked: the steps' needs win
    assert [item.step_seconds for item in plan.items] == [(50, 50, 50), (60, 60), (60, 60, 60), (70, 70), (70, 70)]
    assert [item.seconds for item in plan.items] == [150, 120, 180, 140, 140]
    assert [item.follow_ups for item in plan.items] == [(0, 1), (0,), (0, 1), (0,), (1,)]
    assert plan.total_seconds == 730
    assert len(plan.steps) == 12
    assert [(s.position, s.question_id, s.follow_up_index) for s in plan.steps[:4]] == [
        (0, "b1", None), (1, "b1", 0), (2, "b1", 1), (3, "i3", None)]


def test_plan_is_reproducible_by_seed_and_varies_between_seeds() -> None:
    assert plan_mock(MOCK_PACK, seed=3) == plan_mock(MOCK_PACK, seed=3)
    assert len({plan_mock(MOCK_PACK, seed=seed).items for seed in range(6)}) >= 4
    for seed in range(6):
        plan = plan_mock(MOCK_PACK, seed=seed)
        levels = [item.level for item in plan.items]
        assert levels == ["basic", "intermediate", "intermediate", "advanced", "advanced"]
        assert all(1 <= len(item.follow_ups) <= 2 for item in plan.items if item.question_id != "i2")
        assert "s1" not in [item.question_id for item in plan.items]  # enough auto-graded questions


def test_plan_draws_only_what_an_interviewer_asks_within_the_filters() -> None:
    # the numeric i2 has no interview form and the self-rated s1 cannot be scored: neither is drawn
    basic = plan_mock(MOCK_PACK, questions=5, minutes=5, levels=["basic"], seed=1)
    assert sorted(item.question_id for item in basic.items) == ["b1", "b2"]
    assert basic.total_seconds == 300
    lstm = plan_mock(MOCK_PACK, questions=3, minutes=3, topics=["lstm"], seed=1)
    assert [item.question_id for item in lstm.items] == ["b2"]
    # needs 50 + 50 = 100 s of the 180 asked: the 80 left shared 40, 40
    assert [item.step_seconds for item in lstm.items] == [(90, 90)]
    with pytest.raises(PlanError, match="no question in pack 'rnn' matches topic transformers"):
        plan_mock(MOCK_PACK, topics=["transformers"], seed=1)
    with pytest.raises(PlanError) as error:
        plan_mock(MOCK_PACK, levels=["intermediate"], topics=["lstm"], seed=1)
    assert str(error.value) == (
        "no question in pack 'rnn' that matches level intermediate and topic lstm can be asked in an interview: "
        "a mock asks free-text and formula questions, and others through their `interview:` form")
    assert MockPlan.from_dict(basic.to_dict()) == basic


def test_a_full_interview_answered_in_time(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    step = interview.current_step()
    assert (step.position, step.number, step.question_count, step.is_follow_up) == (0, 1, 3, False)
    assert (step.prompt, step.time_limit) == ("Prompt of b1?", 40.0)
    assert (interview.remaining_total(), interview.remaining_question()) == (240.0, 40.0)
    assert [(row.position, row.shown_at, row.outcome) for row in store.mocks.steps(interview.id)] == [(0, START, None)]

    clock.advance(10)
    interview.update_draft("right")
    assert tick(interview) is False
    [row] = store.mocks.steps(interview.id)
    assert (row.elapsed, row.draft) == (10.0, "right")
    assert hand_in(interview, "right") is None
    step = interview.current_step()
    assert (step.position, step.number, step.follow_up_index, step.prompt, step.time_limit) == (1, 1, 0, "Why?", 20.0)
    assert interview.remaining_total() == 230.0

    clock.advance(15)
    hand_in(interview, "the chain rule")
    clock.advance(30)
    hand_in(interview, "a product of jacobians")
    clock.advance(5)
    assert interview.current_step().prompt == "Exploding?"
    hand_in(interview, "necessary only")
    clock.advance(45)
    assert interview.remaining_total() == 240 - 105
    hand_in(interview, "w*(1 - tanh(w*h)^2)")
    assert interview.finished and interview.current_step() is None
    assert unfinished(store) == []

    result = report(store, interview.id, MOCK_PACK)
    assert result.score == pytest.approx(2.5 / 3)
    assert (result.status, result.time_used_seconds, result.time_limit_seconds) == ("finished", 105.0, 240.0)
    assert result.finished_at == START + timedelta(seconds=105)
    b1, i1, a1 = result.questions
    assert (b1.response, b1.correct, b1.score, b1.time_used, b1.time_limit, b1.outcome) == (
        "right", True, 1.0, 10.0, 40.0, "answered")
    assert [(f.prompt, f.response, f.model_answer, f.time_used, f.time_limit) for f in b1.follow_ups] == [
        ("Why?", "the chain rule", "Chain rule.", 15.0, 20.0)]
    assert (i1.score, i1.concepts_missed, i1.misconception, i1.evidence) == (
        0.5, ("shrink",), None, ("jacobian-product", "bptt-norms"))
    assert (a1.correct, a1.model_answer, a1.follow_ups) == (True, "Answer of a1.", ())
    assert [(t.topic, t.score, t.questions) for t in result.weakest_topics] == [("bptt", 0.75, 2), ("spectral", 0.75, 2)]
    assert result.queued == ("i1",)
    queued = store.cards.get("rnn", "i1")
    assert (queued.state, queued.due, queued.card_id) == (State.Learning, START + timedelta(seconds=105),
                                                          card_id_for("rnn", "i1"))
    assert store.cards.get("rnn", "b1") is None
    mock_reviews = store.reviews.between(None, None, mode="mock")
    assert [(r.question_id, r.score, r.seconds, r.mock_id) for r in mock_reviews] == [
        ("b1", 1.0, 10.0, interview.id), ("i1", 0.5, 30.0, interview.id), ("a1", 1.0, 45.0, interview.id)]
    [summary] = history(store)
    assert (summary.mock_id, summary.score, summary.duration_seconds, summary.questions) == (
        interview.id, pytest.approx(2.5 / 3), 105.0, 3)


def test_time_out_auto_submits_the_draft(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    interview.update_draft("b")
    clock.advance(39)
    assert tick(interview) is False and interview.remaining_question() == 1.0
    clock.advance(1)
    assert tick(interview) is True
    assert interview.current_step().prompt == "Why?"
    clock.advance(27)  # the app was busy: the follow-up's 20 s ran out 7 s ago
    assert interview.remaining_question() == 0.0
    hand_in(interview, "late answer")
    clock.advance(60)
    interview.update_draft("?unreadable")
    assert tick(interview) is True
    rows = store.mocks.steps(interview.id)
    assert [(r.position, r.outcome, r.response, r.elapsed, r.auto_submitted, r.score) for r in rows] == [
        (0, "timed_out", "b", 40.0, True, 0.0),
        (1, "timed_out", "late answer", 20.0, True, None),
        (2, "timed_out", "?unreadable", 60.0, True, 0.0),
        (3, None, None, 0.0, False, None),
    ]
    assert rows[2].invalid is True
    assert interview.remaining_total() == 240 - 120


def test_an_unreadable_answer_is_returned_not_recorded(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock, MockPlan("rnn", 0, 2, (PlanItem("i2", "intermediate", ("lstm",), True, (), (120,)),)))
    clock.advance(5)
    grade = hand_in(interview, "a quarter")
    assert grade.invalid
    assert interview.current_step().position == 0
    assert store.mocks.steps(interview.id)[0].outcome is None
    assert hand_in(interview, "0.25") is None
    assert interview.finished
    assert report(store, interview.id, MOCK_PACK).score == 1.0


def test_skip_passes_on_the_follow_ups_too_and_end_early_submits_the_draft(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    clock.advance(3)
    interview.skip()
    assert interview.current_step().question.id == "i1"
    clock.advance(20)
    interview.update_draft("the product of jacobians shrinks")
    end_early(interview)
    assert interview.finished
    with pytest.raises(StudyError, match="over"):
        hand_in(interview, "more")
    result = report(store, interview.id, MOCK_PACK)
    assert [(q.question_id, q.outcome, q.score, q.auto_submitted) for q in result.questions] == [
        ("b1", "skipped", 0.0, False), ("i1", "ended", 1.0, True), ("a1", "not_asked", 0.0, False)]
    assert [f.outcome for f in result.questions[0].follow_ups] == ["not_asked"]
    assert result.questions[0].concepts_missed == ("right",)  # b1 is asked open: skipping it misses its point
    assert result.questions[2].concepts_missed == ()
    assert result.score == pytest.approx(1 / 3)
    assert result.time_used_seconds == 23.0
    assert result.queued == ("b1",)  # a1 was never shown: not queued
    assert store.cards.get("rnn", "a1") is None


def test_queued_questions_become_due_now_without_touching_cards_already_due(store: Store, clock: FakeClock) -> None:
    later = Card(card_id=1, state=State.Review, step=None, stability=9.0, difficulty=4.0,
                 due=START + timedelta(days=10), last_review=START - timedelta(days=1))
    overdue = Card(card_id=2, state=State.Review, step=None, stability=9.0, difficulty=4.0,
                   due=START - timedelta(days=2), last_review=START - timedelta(days=11))
    store.cards.put("rnn", "b1", later, now=START)
    store.cards.put("rnn", "i1", overdue, now=START)
    interview = start(store, clock)
    clock.advance(30)
    end_early(interview)
    assert store.cards.get("rnn", "b1").due == START + timedelta(seconds=30)
    assert store.cards.get("rnn", "b1").stability == 9.0
    assert store.cards.get("rnn", "i1") == overdue
    assert store.cards.get("rnn", "a1") is None  # never reached: left as it was


def test_resume_after_the_app_died_keeps_the_saved_time_and_draft(store: Store, clock: FakeClock, tmp_path: Path) -> None:
    interview = start(store, clock)
    clock.advance(10)
    hand_in(interview, "right")
    clock.advance(12)
    interview.update_draft("chain", save=True)
    clock.advance(3)
    interview.update_draft("chain rule")  # typed but never saved: lost with the process
    mock_id = interview.id
    del interview

    clock.advance(hours=5)
    with open_store(tmp_path / "progress.sqlite3") as reopened:
        assert [record.id for record in unfinished(reopened)] == [mock_id]
        resumed = resume(reopened, mock_id, MOCK_PACK, clock=clock)
        step = resumed.current_step()
        assert (step.position, step.prompt, resumed.draft) == (1, "Why?", "chain")
        assert (resumed.elapsed_question(), resumed.remaining_question(), resumed.remaining_total()) == (
            12.0, 8.0, 218.0)
        clock.advance(4)
        hand_in(resumed, "chain rule")
        assert resumed.current_step().question.id == "i1"
        assert reopened.mocks.steps(mock_id)[1].elapsed == 16.0
        end_early(resumed)
        assert unfinished(reopened) == []
        assert report(reopened, mock_id, MOCK_PACK).time_used_seconds == 26.0


def test_an_interview_resumed_after_its_time_ran_out_waits_for_the_graded_draft(
    store: Store, clock: FakeClock
) -> None:
    """Resuming grades nothing: the caller grades the draft (in a worker, in the app) and hands it in."""
    plan = MockPlan("rnn", 0, 1, (PlanItem("b1", "basic", ("bptt",), True, (), (60,)),))
    interview = start(store, clock, plan)
    clock.advance(59)
    interview.update_draft("right", save=True)
    clock.advance(5)  # the app died as the time ran out: 59 s were saved, 1 s is left
    resumed = MockInterview.resume(store, interview.id, MOCK_PACK, clock=clock)
    assert (resumed.time_up(), resumed.remaining_total(), resumed.draft) == (False, 1.0, "right")
    clock.advance(1)
    assert resumed.time_up() and not resumed.finished
    assert store.mocks.steps(interview.id)[0].outcome is None  # nothing handed in yet
    resumed.time_out(grade_answer(resumed.current_check(), resumed.draft, keyword_grader))
    assert resumed.finished
    [row] = store.mocks.steps(interview.id)
    assert (row.outcome, row.response, row.elapsed, row.auto_submitted, row.score) == (
        "timed_out", "right", 60.0, True, 1.0)


def test_a_grade_is_recorded_only_for_a_graded_step_with_an_answer(store: Store, clock: FakeClock) -> None:
    plan = MockPlan("rnn", 0, 2, (PlanItem("s1", "basic", ("init",), False, (), (60,)),
                                  PlanItem("b1", "basic", ("bptt",), True, (), (60,))))
    interview = start(store, clock, plan)
    assert interview.current_check() is None  # a self check is asked but not graded
    with pytest.raises(StudyError, match="not graded here"):
        interview.submit("orthogonal", FakeGrade(True, 1.0))
    assert interview.submit("orthogonal", None) is None
    assert interview.current_check().kind == "concepts"
    with pytest.raises(StudyError, match="not graded here"):
        interview.end_early(FakeGrade(True, 1.0))  # nothing typed: nothing to grade
    assert not interview.finished


def test_resume_right_after_a_question_was_shown_and_a_finished_interview_cannot_resume(
    store: Store, clock: FakeClock
) -> None:
    interview = start(store, clock)
    clock.advance(30)
    resumed = MockInterview.resume(store, interview.id, MOCK_PACK, clock=clock)
    assert (resumed.current_step().position, resumed.elapsed_question()) == (0, 0.0)
    end_early(resumed)
    with pytest.raises(StudyError, match="is finished, not in progress"):
        resume(store, interview.id, MOCK_PACK, clock=clock)
    with pytest.raises(StudyError, match="belongs to pack 'rnn'"):
        MockInterview.start(make_pack("other", MOCK_PACK.questions), store, PLAN, clock=clock)


def test_self_check_questions_are_listed_but_not_scored(store: Store, clock: FakeClock) -> None:
    plan = MockPlan("rnn", 0, 3, (
        PlanItem("s1", "basic", ("init",), False, (), (60,)),
        PlanItem("i2", "intermediate", ("lstm",), True, (), (120,)),
    ))
    interview = start(store, clock, plan)
    clock.advance(20)
    hand_in(interview, "orthogonal matrices")
    clock.advance(30)
    hand_in(interview, "0.3")
    result = report(store, interview.id, MOCK_PACK)
    assert [(q.question_id, q.gradable, q.score, q.correct) for q in result.questions] == [
        ("s1", False, None, None), ("i2", True, 0.0, False)]
    assert result.score == 0.0
    # one wrong answer on lstm: too little to call the topic weak, so it is what to practise next
    assert result.weakest_topics == ()
    assert [(t.topic, t.score, t.questions) for t in result.practise_topics] == [("lstm", 0.0, 1)]
    markdown = to_markdown(result, tz=UTC)
    assert "## Weakest topics\n\n- none on two answers or more\n" in markdown
    assert "## Practise next\n\n- LSTM (missed once each: too few answers to call weak)\n" in markdown
    assert result.queued == ("s1", "i2")
    assert "- Result: self-check: compare with the model answer (answered)" in to_markdown(result, tz=UTC)


def test_an_undecided_grade_is_reported_as_undecided_not_wrong(store: Store, clock: FakeClock) -> None:
    plan = MockPlan("rnn", 0, 2, (
        PlanItem("a1", "advanced", ("spectral",), True, (), (60,)),
        PlanItem("i2", "intermediate", ("lstm",), True, (), (60,)),
    ))

    def undecided_on_symbolic(check, response):
        if check.kind == "symbolic":
            return FakeGrade(False, 0.0, "Could not decide in time.", ("undecided",), undecided=True)
        return keyword_grader(check, response)

    interview = MockInterview.start(MOCK_PACK, store, plan, clock=clock)
    hand_in(interview, "w*(1-tanh(w*h)^2) + 0", undecided_on_symbolic)
    hand_in(interview, "0.3", undecided_on_symbolic)
    result = report(store, interview.id, MOCK_PACK)
    assert [(q.question_id, q.undecided, q.correct, q.score) for q in result.questions] == [
        ("a1", True, False, 0.0), ("i2", False, False, 0.0)]
    markdown = to_markdown(result, tz=UTC)
    assert "- Result: undecided, 0% (answered)\n" in markdown and "- Result: wrong, 0% (answered)\n" in markdown
    assert [q["undecided"] for q in to_json(result)["questions"]] == [True, False]


def test_discard_keeps_rows_but_leaves_resume_and_history(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    clock.advance(5)
    hand_in(interview, "right")
    discard(store, interview.id, clock=clock)
    assert store.mocks.get(interview.id).status == "discarded"
    assert unfinished(store) == [] and history(store) == []
    assert len(store.mocks.steps(interview.id)) == 2
    with pytest.raises(StudyError, match="is discarded"):
        discard(store, interview.id, clock=clock)
    with pytest.raises(StudyError, match="no mock interview with id 99"):
        discard(store, 99, clock=clock)


def test_report_survives_a_question_leaving_the_pack(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    clock.advance(5)
    hand_in(interview, "b")
    end_early(interview)
    smaller = make_pack("rnn", [q for q in MOCK_PACK.questions if q.id != "b1"])
    b1 = report(store, interview.id, smaller).questions[0]
    assert (b1.in_pack, b1.prompt, b1.model_answer, b1.explanation, b1.evidence, b1.score) == (
        False, "Prompt of b1?", "Answer of b1.", "", (), 0.0)
    assert report(store, interview.id).questions[0].in_pack is False


def test_markdown_and_json_export(store: Store, clock: FakeClock) -> None:
    interview = start(store, clock)
    clock.advance(10)
    hand_in(interview, "right")
    clock.advance(15)
    hand_in(interview, "the chain rule")
    clock.advance(61)
    interview.update_draft("clipping fixes it; a product of jacobians")
    tick(interview)
    end_early(interview)
    result = report(store, interview.id, MOCK_PACK)
    # people read the Markdown: local time with its offset; programs read the JSON: UTC
    eastern = timezone(-timedelta(hours=5))
    assert to_markdown(result, tz=eastern) == EXPECTED_MARKDOWN.replace("{id}", str(interview.id))
    data = to_json(result)
    assert data["score"] == 0.5
    assert data["started_at"] == "2026-03-02T09:00:00+00:00"
    assert data["questions"][1]["misconception"] == "clipping-fixes-vanishing"
    assert data["questions"][1]["follow_ups"][0]["outcome"] == "ended"
    assert data["questions"][2]["outcome"] == "not_asked"
    # a1 was never reached: it counts 0 in the score, but not against spectral, and is not queued
    assert data["weakest_topics"] == [{"topic": "bptt", "score": 0.75, "questions": 2}]
    assert data["practise_topics"] == [{"topic": "spectral", "score": 0.5, "questions": 1}]
    assert json.loads(json.dumps(data)) == data


EXPECTED_MARKDOWN = """\
# Mock interview {id}: rnn

- Date: 2026-03-02 04:00 (UTC-05:00)
- Score: 50%
- Time: 1:25 of 4:00
- Questions: 3 (seed 0)

## 1. b1 (basic; BPTT)

Prompt of b1?

- Your answer: right
- Result: correct, 100% (answered)
- Time: 0:10 of 0:40
- Feedback: 1 of 1 concepts
- Model answer: Answer of b1.
- Evidence: bptt-norms

### Follow-up 1: Why?

- Your answer: the chain rule (answered)
- Time: 0:15 of 0:20
- Not graded: compare your answer with the model answer.
- Model answer: Chain rule.

## 2. i1 (intermediate; BPTT, Spectral)

Prompt of i1?

- Your answer: clipping fixes it; a product of jacobians
- Result: wrong, 50% (timed out)
- Time: 1:00 of 1:00 (handed in when the time ran out)
- Concepts missed: shrink
- Misconception: clipping fixes: Clipping only caps large gradients.
- Feedback: 1 of 2 concepts
- Model answer: Answer of i1.
- Evidence: jacobian-product, bptt-norms

### Follow-up 1: Exploding?

- Your answer: (no answer) (ended early)
- Time: 0:00 of 0:30
- Model answer: Necessary only.

## 3. a1 (advanced; Spectral)

Prompt of a1?

- Your answer: (no answer)
- Result: wrong, 0% (not reached)
- Time: 0:00 of 1:30
- Model answer: Answer of a1.

## Weakest topics

- BPTT: 75% on 2 answers

## Practise next

- Spectral (missed once each: too few answers to call weak)

## Study next

These questions went into your study queue when the mock ended:
- i1 (question 2)
"""


def test_a_collection_topic_selects_questions_but_is_never_a_verdict() -> None:
    """`collections: [bptt]` in pack.yaml: `--topics bptt` still draws b1 and i1, but the plan's
    topics (what the debrief's verdicts read) leave it out."""
    from types import SimpleNamespace

    pack = SimpleNamespace(id="rnn", questions=MOCK_PACK.questions, meta=SimpleNamespace(collections=["bptt"]))
    plan = plan_mock(pack, questions=2, minutes=5, topics=["bptt"], seed=0)
    assert sorted(item.question_id for item in plan.items) == ["b1", "i1"]
    assert sorted(item.topics for item in plan.items) == [(), ("spectral",)]
    from tutor.study.mock_report import practise_topics

    assert [t.topic for t in practise_topics(plan, [0.0, 0.0])] == ["spectral"]


def test_a_misconception_explained_in_the_feedback_is_not_explained_twice() -> None:
    from types import SimpleNamespace

    from tutor.study.mock_words import misconception_text

    said = SimpleNamespace(misconception="lstm-never-vanishes", misconception_feedback="It still vanishes below 1.",
                           feedback="Not quite: a misconception.\nIt still vanishes\nbelow 1.")
    assert misconception_text(said) == "lstm never vanishes"
    unsaid = SimpleNamespace(misconception="lstm-never-vanishes", misconception_feedback="It still vanishes below 1.",
                             feedback="1 of 2 concepts")
    assert misconception_text(unsaid) == "lstm never vanishes: It still vanishes below 1."


def test_concepts_missed_are_listed_only_where_nothing_else_lists_them(store: Store, clock: FakeClock) -> None:
    """A free-text answer's key points come as a checklist and its feedback says "Missing: ...":
    a "Concepts missed" line beside them repeated both (found in a new-user trial)."""
    import dataclasses

    from tutor.grading.result import ClaimCheck

    interview = start(store, clock)
    interview.update_draft("clipping fixes it; a product of jacobians")
    tick(interview)
    end_early(interview)
    question = report(store, interview.id, MOCK_PACK).questions[0]
    bare = dataclasses.replace(question, concepts_missed=("shrink",), feedback="1 of 2 concepts", key_points=())
    assert bare.missed_unlisted == ("shrink",)
    assert dataclasses.replace(bare, feedback="Found: product.\nMissing: shrink.").missed_unlisted == ()
    point = ClaimCheck("shrink", "concept", "missed")
    assert dataclasses.replace(bare, key_points=(point,)).missed_unlisted == ()
