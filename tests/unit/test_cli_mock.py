"""`tutor mock`: history, Markdown and JSON export of interviews stored through the core
with a fake clock; bad input is one line and exit 2; a new interview opens the app.

The learner's zone is pinned to India (UTC+05:30): dates people read are shown in it, the
JSON keeps UTC."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.unit.core_fakes import FakeClock, hand_in
from tests.unit.packfiles import interview_questions_yaml, write_pack
from tutor.cli import main
from tutor.packs.loader import load_pack
from tutor.store.db import open_store
from tutor.study import clock as clock_module
from tutor.study.mock import MockInterview, discard, plan_mock, report, to_markdown

LOCAL = ZoneInfo("Asia/Kolkata")


@pytest.fixture(autouse=True)
def local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock_module, "local_timezone", lambda: LOCAL)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", interview_questions_yaml("q1", "q2", "q3"))


def run_interviews(folder: Path) -> tuple[int, int]:
    """Two finished interviews (the second one later and better) and one discarded."""
    pack = load_pack(folder)
    clock = FakeClock()
    with open_store() as store:
        first = MockInterview.start(pack, store, plan_mock(pack, questions=2, minutes=2, seed=1), clock=clock)
        clock.advance(20)
        hand_in(first, "it grows")  # wrong
        clock.advance(10)
        hand_in(first, "the opposite")  # the follow-up
        clock.advance(30)
        hand_in(first, "it shrinks exponentially")
        clock.advance(5)
        hand_in(first, "")  # the last follow-up, handed in empty
        assert first.finished
        clock.advance(hours=2)
        second = MockInterview.start(pack, store, plan_mock(pack, questions=1, minutes=1, seed=2), clock=clock)
        clock.advance(12)
        hand_in(second, "it shrinks exponentially")
        clock.advance(5)
        second.skip()
        clock.advance(hours=1)
        dropped = MockInterview.start(pack, store, plan_mock(pack, questions=1, minutes=1, seed=3), clock=clock)
        discard(store, dropped.id, clock=clock)
        return first.id, second.id


def test_history_lists_finished_interviews_most_recent_first(folder, capsys) -> None:
    assert main(["mock", "--history"]) == 0
    assert capsys.readouterr().out == "no finished mock interviews yet\n"
    run_interviews(folder)
    assert main(["mock", "--history"]) == 0
    assert capsys.readouterr().out == (
        "id  date              pack  score  time          questions\n"
        " 2  2026-03-02 16:31  demo   100%  0:17 of 1:40          1\n"
        " 1  2026-03-02 14:30  demo    50%  1:05 of 3:20          2\n"
    )


def test_export_writes_the_latest_finished_debrief_as_markdown(folder, tmp_path, capsys) -> None:
    first, second = run_interviews(folder)
    target = tmp_path / "debrief.md"
    assert main(["mock", "--pack", str(folder), "--export", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target} (mock interview {second}, score 100%)\n"
    with open_store() as store:
        assert target.read_text(encoding="utf-8") == to_markdown(report(store, second, load_pack(folder)), tz=LOCAL)
    assert main(["mock", "--export", str(target), "--id", str(first)]) == 0
    assert capsys.readouterr().out == f"wrote {target} (mock interview {first}, score 50%)\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        f"# Mock interview {first}: demo\n\n"
        "- Date: 2026-03-02 14:30 (UTC+05:30)\n"
        "- Score: 50%\n"
        "- Time: 1:05 of 3:20\n"
        "- Questions: 2 (seed 1)\n"
    )
    assert "- Your answer: it grows\n- Result: wrong, 0% (answered)\n- Time: 0:20 of 0:50\n" in text
    assert "### Follow-up 1: And exploding?\n\n- Your answer: the opposite (answered)\n" in text


def test_json_prints_the_report_data(folder, capsys) -> None:
    first, _ = run_interviews(folder)
    assert main(["mock", "--json", "--id", str(first)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["mock_id"], data["score"], data["seed"], data["time_used_seconds"]) == (first, 0.5, 1, 65.0)
    assert (data["started_at"], data["finished_at"]) == ("2026-03-02T09:00:00+00:00", "2026-03-02T09:01:05+00:00")
    assert [(q["question_id"], q["response"], q["score"], q["time_limit"]) for q in data["questions"]] == [
        ("q2", "it grows", 0.0, 50.0), ("q3", "it shrinks exponentially", 1.0, 50.0)]
    assert data["queued"] == ["q2"]
    assert data["weakest_topics"] == [{"topic": "rnn", "score": 0.5, "questions": 2}]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["mock", "--json"], "no finished mock interview yet (start one with `tutor mock`)"),
        (["mock", "--export", "x.md", "--id", "9"], "no mock interview with id 9 (see `tutor mock --history`)"),
        (["mock", "--questions", "0"], "--questions must be at least 1, not 0"),
        (["mock", "--minutes", "-1"], "--minutes must be more than 0, not -1"),
        (["mock", "--levels", "basic,expert"], "unknown level 'expert' (choose from basic, intermediate, advanced)"),
        (["mock", "--pack", "{folder}", "--topics", "lstm"], "no topic 'lstm' in pack 'demo' (its topics: rnn)"),
        (["mock", "--pack", "{folder}", "--levels", "advanced"], "no question in pack 'demo' matches level advanced"),
        (["mock", "--pack", "{missing}"], None),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, message, folder, tmp_path, capsys) -> None:
    argv = [arg.format(folder=folder, missing=tmp_path / "missing") for arg in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    if message is None:
        assert lines[0].startswith("tutor mock: ") and "missing" in lines[0]
    else:
        assert lines[0] == f"tutor mock: {message}"


def test_a_new_interview_opens_the_app_on_it(folder, monkeypatch) -> None:
    import tutor.ui.app as app_module
    from tutor.service.mock_types import MockSettings

    calls = []

    def fake_run_app(pack_paths, *, start, backend, theme=None):
        opened = []

        class FakeApp:
            def open_mode(self, name, **options):
                opened.append((name, options))

        start(FakeApp())
        calls.append((pack_paths, opened, type(backend).__name__))
        return 0

    monkeypatch.setattr(app_module, "run_app", fake_run_app)
    assert main(["mock", "--pack", str(folder), "--questions", "2", "--minutes", "3", "--levels", "basic",
                 "--topics", "rnn", "--seed", "5"]) == 0
    settings = MockSettings(questions=2, minutes=3.0, levels=("basic",), topics=("rnn",), seed=5)
    assert calls == [([folder], [("mock", {"pack_id": "demo", "settings": settings, "autostart": True})],
                      "CoreBackend")]


def test_learner_stamps_the_json_and_markdown_exports(folder, tmp_path, capsys) -> None:
    first, _ = run_interviews(folder)
    assert main(["mock", "--json", "--id", str(first), "--learner", "Ada"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["format_version"], data["learner"]) == ("tutor-mock-debrief", 1, "Ada")
    target = tmp_path / "ada.md"
    assert main(["mock", "--export", str(target), "--id", str(first), "--learner", "Ada"]) == 0
    assert target.read_text(encoding="utf-8").startswith(f"# Mock interview {first}: demo\n\n- Learner: Ada\n- Date: ")


def test_learner_without_an_export_is_one_line(capsys) -> None:
    assert main(["mock", "--learner", "Ada"]) == 2
    assert capsys.readouterr().err == "tutor mock: --learner stamps an export: use it with --json or --export\n"


def test_exports_carry_each_key_point_with_the_sentence_that_decided_it(folder) -> None:
    """Graded by the real free-text grader: the stored key points reach the Markdown and the
    JSON without grading again (the store keeps them with the step)."""
    from tutor.checks.answers import grade
    from tutor.study.mock import to_json

    pack = load_pack(folder)
    clock = FakeClock()
    with open_store() as store:
        interview = MockInterview.start(pack, store, plan_mock(pack, questions=1, minutes=1, seed=1), clock=clock)
        clock.advance(15)
        hand_in(interview, "It is a problem of training. The gradient shrinks exponentially with the distance.", grade)
        interview.skip()
        [step] = [s for s in store.mocks.steps(interview.id) if s.follow_up_index is None]
        assert [(c.name, c.status, c.sentence) for c in step.claims] == [
            ("shrinks", "found", "The gradient shrinks exponentially with the distance.")]
        result = report(store, interview.id, pack)
    text = to_markdown(result, tz=LOCAL)
    assert "- Key points:\n  - ✓ shrinks: stated in “The gradient shrinks exponentially with the distance.”\n" in text
    [question] = to_json(result)["questions"]
    assert question["key_points"] == [{"name": "shrinks", "role": "concept", "status": "found",
                                       "sentence": "The gradient shrinks exponentially with the distance.",
                                       "label": "shrinks", "evidence": "shrinks exponentially"}]


def test_a_missed_point_and_an_asserted_misconception_are_listed_too() -> None:
    from tutor.grading.result import ClaimCheck
    from tutor.study.mock_export import key_point_lines

    points = (ClaimCheck("product", "concept", "found", "It is a product of Jacobians.", "product"),
              ClaimCheck("shrinks", "concept", "missed", "", "shrinks"),
              ClaimCheck("clipping-fixes", "misconception", "found", "Clipping fixes it.", "clipping fixes"),
              ClaimCheck("lstm-immune", "misconception", "contradicted", "LSTMs are not immune.", "lstm immune"))
    assert key_point_lines(points) == [
        "- Key points:",
        "  - ✓ product: stated in “It is a product of Jacobians.”",
        "  - ✗ shrinks: missed",
        "  - ✗ misconception: clipping fixes: asserted in “Clipping fixes it.”",
    ]
