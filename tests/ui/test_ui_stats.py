"""The stats screen over the real core: a store filled by the test through the store's
API, a fake clock, and the exact figures on the screen."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes import FakeClock, backend_with, fake_stats, make_pack, running
from fsrs import Card, State
from test_ui_core_backend import write_pack
from textual.widgets import DataTable, Static

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.stats import StatsScreen
from tutor.ui.widgets.bar_chart import BarChart, label_positions

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # the fakes' START: a Sunday


def at(days_ago: int, hour: int = 8) -> datetime:
    return NOW.replace(hour=hour) - timedelta(days=days_ago)


def review_card(due: datetime, stability: float, last_review: datetime) -> Card:
    return Card(card_id=1, state=State.Review, step=None, stability=stability, difficulty=5.0, due=due,
                last_review=last_review)


@pytest.fixture
def machine_far_from_utc(monkeypatch: pytest.MonkeyPatch):
    """The machine's own zone is UTC+14: the screen must show the backend's zone (UTC here),
    so a date converted with the machine's zone would show up as a wrong time."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def core(tmp_path: Path, machine_far_from_utc) -> CoreBackend:
    backend = CoreBackend([write_pack(tmp_path / "mini")], store_path=tmp_path / "progress.sqlite3",
                          clock=FakeClock(NOW), tz=UTC)
    store = backend.store
    add = store.reviews.add
    add(pack_id="rnn-mini", question_id="why-vanish", mode="study", reviewed_at=at(0), rating=3)
    add(pack_id="rnn-mini", question_id="sigmoid-bound", mode="study", reviewed_at=at(0), rating=1)
    add(pack_id="rnn-mini", question_id="lstm-path", mode="practice", reviewed_at=at(1), correct=True)
    add(pack_id="rnn-mini", question_id="why-vanish", mode="study", reviewed_at=at(1), rating=4)
    add(pack_id="rnn-mini", question_id="why-vanish", mode="study", reviewed_at=at(3), rating=2)
    add(pack_id="rnn-mini", question_id="why-vanish", mode="study", reviewed_at=at(40), rating=1)  # too old to chart
    add(pack_id="other", question_id="x", mode="study", reviewed_at=at(2), rating=1)  # another pack
    store.cards.put("rnn-mini", "why-vanish", review_card(NOW + timedelta(days=3), 10.0, at(0)), now=NOW)
    store.cards.put("rnn-mini", "sigmoid-bound", review_card(NOW - timedelta(hours=1), 2.0, NOW), now=NOW)
    for number, (days_ago, score) in enumerate([(6, 0.4), (2, 0.75)]):
        started = at(days_ago, 10)
        mock_id = store.mocks.create(pack_id="rnn-mini", seed=number, plan={"items": [{}, {}, {}]},
                                     time_limit_seconds=900, started_at=started)
        store.mocks.show_step(mock_id, position=0, question_id="why-vanish", follow_up_index=None, prompt="p",
                              model_answer="a", time_limit=300, shown_at=started)
        store.mocks.finish_step(mock_id, 0, outcome="answered", response="r", answered_at=started,
                                elapsed=125.0 + number)
        store.mocks.finish(mock_id, finished_at=started + timedelta(minutes=5), score=score, queued=[])
    yield backend
    backend.close()


def text(screen: StatsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(screen: StatsScreen, selector: str) -> list[list[str]]:
    table = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_the_stats_of_a_filled_store_are_exact(core: CoreBackend) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        # streak: 26 Feb to 1 Mar, counting the other pack's review on the 27th (a streak is the learner's)
        # retention: ratings 3, 1, 4, 2 and (40 days ago) 1: three of five not Again
        assert text(screen, "#stats-headline") == "Streak 4 days (any pack)  ·  Retention 60% of study reviews not rated Again"

        reviews = screen.query_one("#reviews-chart", BarChart)
        assert len(reviews.values) == 30 and reviews.labels[-1] == "01" and reviews.labels[0] == "31"
        assert reviews.values[-4:] == [1, 0, 2, 2] and sum(reviews.values) == 5
        assert text(screen, "#reviews-text") == (
            "5 answers in the last 30 days, on 3 days; most on Sun 01 Mar (2).\n"
            "Practice: 1 of 1 answer right, to 1 question (practice schedules nothing: it is in no mastery figure).")

        forecast = screen.query_one("#forecast-chart", BarChart)
        assert forecast.values == [1, 0, 0, 1] + [0] * 10
        assert text(screen, "#forecast-text") == \
            "2 cards due in the next 14 days: 1 today (overdue included); then Wed 04 Mar: 1."

        # mastery is the recall fsrs predicts a week ahead (whole days): both cards were reviewed
        # today, with stability 10 days (92%) and 2 days (79%); recalled for sure now, not then
        assert rows(screen, "#mastery-level") == [
            ["basic", " 92% █████████░", "1/1", "10.0 d"],
            ["intermediate", " 79% ████████░░", "1/1", "2.0 d"],
            ["advanced", "  0% ░░░░░░░░░░", "0/1", "—"],
        ]
        assert rows(screen, "#mastery-topic") == [
            ["Activations", " 79% ████████░░", "1/1", "2.0 d"],
            ["Gating", "  0% ░░░░░░░░░░", "0/1", "—"],
            ["Vanishing", " 46% █████░░░░░", "1/2", "10.0 d"],
        ]

        assert screen.query_one("#mocks-chart", BarChart).values == [40.0, 75.0]
        assert rows(screen, "#mocks-table") == [
            ["1", "2026-02-23 10:00", "40%", "2:05 of 15:00", "3"],
            ["2", "2026-02-27 10:00", "75%", "2:06 of 15:00", "3"],
        ]
        assert text(screen, "#mocks-text") == "2 interviews finished; from 40% to 75%."
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_mock_start_times_are_on_the_learners_clock() -> None:
    """The fake summary's interviews started at 09:00 UTC: 14:30 in India."""
    app = TutorApp(backend_with(make_pack(), stats_summary=fake_stats(), tz=ZoneInfo("Asia/Kolkata")))
    async with running(app) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row[:2] for row in rows(app.screen, "#mocks-table")] == [
            ["1", "2026-02-25 14:30"], ["2", "2026-02-27 14:30"], ["3", "2026-03-01 14:30"]]


async def test_an_empty_store_says_so_in_words(tmp_path: Path) -> None:
    backend = CoreBackend([write_pack(tmp_path / "mini")], store_path=tmp_path / "progress.sqlite3",
                          clock=FakeClock(NOW), tz=UTC)
    app = TutorApp(backend)
    async with running(app) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert text(screen, "#stats-headline") == "Streak 0 days (any pack)  ·  Retention no study reviews yet"
        assert text(screen, "#reviews-text") == "No answers in the last 30 days.\nNo practice answers yet."
        assert text(screen, "#forecast-text") == "Nothing falls due in the next 14 days."
        assert not screen.query_one("#mocks-chart").display
        assert text(screen, "#mocks-text").startswith("No mock interviews finished yet")
    backend.close()


def test_bar_labels_are_spread_evenly_and_keep_the_last() -> None:
    assert label_positions(5) == [0, 1, 2, 3, 4]
    assert label_positions(30) == [0, 5, 10, 15, 20, 25, 29]
    assert label_positions(14) == [0, 2, 4, 6, 8, 10, 12, 13]
    assert label_positions(9) == [0, 2, 4, 6, 8]
