"""`tutor stats` prints exact figures for a store filled by the test, dates in the local zone."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from fsrs import Rating

from tests.unit.core_fakes import FakeClock, rate
from tests.unit.packfiles import interview_questions_yaml, write_pack
from tests.unit.test_cli_mock import run_interviews
from tutor.cli import main
from tutor.packs.loader import load_pack
from tutor.store.db import open_store
from tutor.study import clock as clock_module
from tutor.study.queue import StudySession


def test_stats_after_two_days_of_study(tmp_path, monkeypatch, capsys):
    folder = write_pack(tmp_path / "pack", interview_questions_yaml("q1", "q2", "q3"))
    pack = load_pack(folder)
    clock = FakeClock()
    with open_store() as store:
        session = StudySession(pack, store, clock=clock)
        rate(session, Rating.Good, "a")
        rate(session, Rating.Again, "b")
        clock.advance(days=1)
        session = StudySession(pack, store, clock=clock)
        while not session.done and session.current() is not None:
            rate(session, Rating.Good, "a")
    monkeypatch.setattr(clock_module, "system_clock", clock)
    monkeypatch.setattr(clock_module, "local_timezone", lambda: UTC)
    assert main(["stats", "--pack", str(folder)]) == 0
    # Day 1: q1 Good, q2 Again (2 reviews). Day 2: q2 is relearned, q3 is new, and both come
    # back through same-day steps until the session is done (5 reviews). 6 of 7 not Again.
    assert capsys.readouterr().out == (
        "Demo pack (demo)\n"
        "  streak (days with an answer, any pack): 2 days\n"
        "  answers in the last 30 days (study, practice, mocks): 7\n"
        "  retention (study reviews not rated Again): 86%\n"
        "  practice: none yet\n"
        "  due in the next 14 days: Mar 05: 2, Mar 10: 1\n"
        "  mastery by level (recall predicted a week ahead):\n"
        "    basic                     83%  (3/3 studied, stability 3.8 d)\n"
        "  mastery by topic (recall predicted a week ahead):\n"
        "    RNN                       83%  (3/3 studied, stability 3.8 d)\n"
        "  mock interviews: none yet\n"
    )


def test_mock_interview_dates_are_in_the_local_zone(tmp_path, monkeypatch, capsys):
    """The interviews started at 09:00 and 11:01 UTC on 2 March: the evening before in UTC-10."""
    folder = write_pack(tmp_path / "pack", interview_questions_yaml("q1", "q2", "q3"))
    run_interviews(folder)
    monkeypatch.setattr(clock_module, "system_clock", FakeClock())
    monkeypatch.setattr(clock_module, "local_timezone", lambda: timezone(-timedelta(hours=10)))
    assert main(["stats", "--pack", str(folder)]) == 0
    assert capsys.readouterr().out.endswith(
        "  mock interviews:\n"
        "    #2 2026-03-02 01:01  finished    score 100%  0:17 of 1:40, 1 question\n"
        "    #1 2026-03-01 23:00  finished    score  50%  1:05 of 3:20, 2 questions\n"
    )


def test_stats_and_mock_history_write_the_same_time_for_the_same_interview(tmp_path, monkeypatch, capsys):
    folder = write_pack(tmp_path / "pack", interview_questions_yaml("q1", "q2", "q3"))
    run_interviews(folder)
    monkeypatch.setattr(clock_module, "system_clock", FakeClock())
    monkeypatch.setattr(clock_module, "local_timezone", lambda: UTC)
    assert main(["stats", "--pack", str(folder)]) == 0
    stats = capsys.readouterr().out
    assert main(["mock", "--history"]) == 0
    history = capsys.readouterr().out
    for time in ("0:17 of 1:40", "1:05 of 3:20"):
        assert f"  {time}, " in stats and f"  {time}  " in history


def test_a_pack_given_with_pack_that_does_not_load_is_bad_input(tmp_path, capsys):
    """`tutor stats --pack PATH` (or `tutor --pack PATH stats`) for a path that is not a pack
    says so in one line and exits 2, rather than printing "no packs found" and exiting 0."""
    missing = tmp_path / "nowhere" / "pack"
    for argv in (["stats", "--pack", str(missing)], ["--pack", str(missing), "stats"]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", f"tutor stats: {missing}: no such file or folder\n")
