"""The debrief screen and the exported Markdown say the same thing about every question:
the same verdict and outcome words, for every grade state and outcome there is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tutor.study.mock_export import to_markdown
from tutor.study.mock_report import FollowUpReport, MockReport, QuestionReport
from tutor.ui.widgets.debrief_text import follow_up_contents, question_content, result_cell


def follow_up(outcome: str) -> FollowUpReport:
    return FollowUpReport(prompt="Why?", model_answer="Because.", response="so", outcome=outcome, time_used=5.0,
                          time_limit=20.0, auto_submitted=False)


def question(outcome: str, *, gradable: bool = True, correct: bool | None = False, score: float | None = 0.0,
             invalid: bool = False, undecided: bool = False, follow_ups: tuple[str, ...] = ()) -> QuestionReport:
    return QuestionReport(
        number=1, question_id="q1", level="basic", topics=("rnn",), prompt="Prompt?", response="r",
        outcome=outcome, gradable=gradable, correct=correct, score=score, feedback="", invalid=invalid,
        undecided=undecided, time_used=10.0, time_limit=60.0, auto_submitted=False, concepts_missed=(),
        misconception=None, misconception_feedback=None, model_answer="Answer.", explanation="", evidence=(),
        in_pack=True, follow_ups=tuple(follow_up(each) for each in follow_ups),
    )


def markdown_of(one: QuestionReport) -> str:
    return to_markdown(MockReport(
        mock_id=1, pack_id="rnn", seed=0, status="finished", started_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        finished_at=None, time_limit_seconds=60.0, time_used_seconds=10.0, score=one.score, questions=(one,),
        weakest_topics=(), queued=()), tz=UTC)


@pytest.mark.parametrize(
    ("one", "result", "cell"),
    [
        (question("answered", correct=True, score=1.0, follow_ups=("answered",)),
         "correct, 100% (answered)", "✓ 100%"),
        (question("timed_out", score=0.5, follow_ups=("timed_out",)), "partly correct, 50% (timed out)",
         "◐ 50% timed out"),
        (question("ended", follow_ups=("ended",)), "wrong, 0% (ended early)", "✗ 0% ended early"),
        (question("skipped", follow_ups=("not_asked",)), "wrong, 0% (skipped)", "✗ 0% skipped"),
        (question("not_asked"), "wrong, 0% (not reached)", "✗ 0% not reached"),
        (question("answered", undecided=True), "undecided, 0% (answered)", "? 0%"),
        (question("timed_out", invalid=True), "could not be read, 0% (timed out)", "✗ 0% timed out"),
        (question("in_progress", gradable=False, correct=None, score=None, follow_ups=("in_progress",)),
         "self-check: compare with the model answer (in progress)", "– self-check in progress"),
    ],
)
def test_the_screen_and_the_export_use_the_same_words(one: QuestionReport, result: str, cell: str) -> None:
    screen = question_content(one).plain.splitlines()
    follow_ups = [line for _, body in follow_up_contents(one) for line in body.plain.splitlines()]
    markdown = markdown_of(one).splitlines()
    assert f"Result: {result}" in screen
    assert f"- Result: {result}" in markdown
    assert str(result_cell(one)) == cell
    for each in one.follow_ups:
        word = {"answered": "answered", "timed_out": "timed out", "ended": "ended early",
                "not_asked": "not reached", "in_progress": "in progress"}[each.outcome]
        assert f"Your answer: so ({word}, 0:05 of 0:20)" in follow_ups
        assert f"- Your answer: so ({word})" in markdown
