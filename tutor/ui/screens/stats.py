"""Stats: how the learner is doing on the current pack.

Answers per day over the last 30 days (every mode), retention, the cards falling due in the next
14 days, mastery per level and per topic, the streak and the mock interview history.
The figures come from `tutor.study.stats.summary` through the backend, computed in a
thread worker (the store and fsrs stay off the event loop); charts show the shape,
and every number is written out as text too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tutor.study.clock import format_local
from tutor.ui.navigation import Reopenable, backend_of
from tutor.ui.widgets.bar_chart import BarChart
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.title_bar import TitleBar
from tutor.words import plural, time_used_text, topic_title

if TYPE_CHECKING:
    from datetime import tzinfo

    from tutor.packs.model import Pack
    from tutor.study.due import DayCount
    from tutor.study.mock_report import MockSummary
    from tutor.study.stats import MasteryEntry, StatsSummary

MASTERY_BAR = 10
MASTERY_COLUMNS = ("Mastery", "Studied", "Stability")
MOCK_COLUMNS = ("#", "Started", "Score", "Time", "Questions")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def mastery_bar(value: float) -> str:
    filled = round(value * MASTERY_BAR)
    return "█" * filled + "░" * (MASTERY_BAR - filled)


def reviews_text(days: Sequence[DayCount]) -> str:
    total = sum(day.count for day in days)
    if not total:
        return f"No answers in the last {len(days)} days."
    busiest = max(days, key=lambda day: (day.count, day.day))
    active = sum(1 for day in days if day.count)
    return (f"{plural(total, 'answer')} in the last {len(days)} days, on {plural(active, 'day')}; "
            f"most on {busiest.day:%a %d %b} ({busiest.count}).")


def forecast_text(days: Sequence[DayCount]) -> str:
    total = sum(day.count for day in days)
    if not total:
        return f"Nothing falls due in the next {len(days)} days."
    later = ", ".join(f"{day.day:%a %d %b}: {day.count}" for day in days[1:] if day.count)
    return (f"{plural(total, 'card')} due in the next {len(days)} days: {days[0].count} today (overdue included)"
            + (f"; then {later}." if later else "."))


def mock_row(number: int, mock: MockSummary, tz: tzinfo) -> tuple[Any, ...]:
    """One interview in the table, its start on the learner's wall clock (`tz`)."""
    return (str(number), format_local(mock.started_at, tz), percent(mock.score),
            time_used_text(mock.duration_seconds, mock.time_limit_seconds), str(mock.questions))


class StatsScreen(Reopenable, Screen[None]):
    """Progress on the current pack: reviews, retention, forecast, mastery, streak, mocks."""

    BINDING_GROUP_TITLE = "Stats"
    BINDINGS = [
        Binding("r", "refresh_stats", "Refresh"),
        Binding("escape", "back", "Back"),
    ]

    class Loaded(Message):
        """The summary was computed (in a worker)."""

        def __init__(self, summary: StatsSummary) -> None:
            super().__init__()
            self.summary = summary

    class Failed(Message):
        """The summary could not be computed; `error` is one line."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, pack: Pack, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.summary: StatsSummary | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("Stats", str(self.pack.meta.title), id="title", classes="title-bar")
        with VerticalScroll(id="stats-body"):
            yield Static(Content.from_markup("[dim]Counting…[/dim]"), id="stats-headline")
            yield Label("Answers per day, last 30 days (study, practice, mocks)", classes="section-title")
            yield BarChart(id="reviews-chart")
            yield Static(id="reviews-text", classes="stats-text")
            yield Label("Cards due, next 14 days", classes="section-title")
            yield BarChart(id="forecast-chart")
            yield Static(id="forecast-text", classes="stats-text")
            yield Label("Mastery by level: recall predicted a week ahead", classes="section-title")
            yield DataTable(id="mastery-level", cursor_type="none", zebra_stripes=True)
            yield Label("Mastery by topic: recall predicted a week ahead", classes="section-title")
            yield DataTable(id="mastery-topic", cursor_type="none", zebra_stripes=True)
            yield Label("Mock interviews", classes="section-title")
            yield BarChart(id="mocks-chart", top=100.0)
            yield DataTable(id="mocks-table", cursor_type="none", zebra_stripes=True)
            yield Static(id="mocks-text", classes="stats-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#mastery-level", DataTable).add_columns("Level", *MASTERY_COLUMNS)
        self.query_one("#mastery-topic", DataTable).add_columns("Topic", *MASTERY_COLUMNS)
        self.query_one("#mocks-table", DataTable).add_columns(*MOCK_COLUMNS)
        self.query_one("#stats-body").focus()
        self.action_refresh_stats()

    def reload_options(self) -> dict[str, Any] | None:
        """A reloaded pack: the stats again, over its current questions."""
        return {}

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self) -> None:
        try:
            summary = backend_of(self).stats(self.pack)
        except Exception as error:  # noqa: BLE001 - one line on the screen, not a crash
            self.post_message(self.Failed(str(error) or type(error).__name__))
            return
        self.post_message(self.Loaded(summary))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        from tutor.study.stats_text import practice_text  # here, with the summary: it imports the scheduler

        self.summary = summary = event.summary
        self.query_one("#stats-headline", Static).update(self.headline(summary))
        days = summary.reviews_per_day
        self.query_one("#reviews-chart", BarChart).show([f"{d.day:%d}" for d in days], [d.count for d in days])
        practice = (f"Practice: {practice_text(summary.practice)} (practice schedules nothing: it is in no "
                    "mastery figure)." if summary.practice.answers else "No practice answers yet.")
        self.query_one("#reviews-text", Static).update(f"{reviews_text(days)}\n{practice}")
        forecast = summary.forecast
        self.query_one("#forecast-chart", BarChart).show([f"{d.day:%d}" for d in forecast],
                                                         [d.count for d in forecast])
        self.query_one("#forecast-text", Static).update(forecast_text(forecast))
        self._fill_mastery("#mastery-level", summary.mastery.by_level)
        self._fill_mastery("#mastery-topic", summary.mastery.by_topic, shown=topic_title)
        self._fill_mocks(summary.mocks)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#stats-headline", Static).update(
            Content.from_markup("[$text-error]Could not compute the stats: $error[/]", error=event.error))

    @staticmethod
    def headline(summary: StatsSummary) -> Content:
        retention = ("no study reviews yet" if summary.retention is None
                     else f"{summary.retention:.0%} of study reviews not rated Again")
        return Content.from_markup("[b]Streak[/b] $streak [dim](any pack)[/dim]  ·  [b]Retention[/b] $retention",
                                   streak=plural(summary.streak, "day"), retention=retention)

    def _fill_mastery(self, selector: str, entries: Sequence[MasteryEntry], shown: Callable[[str], str] = str) -> None:
        table = self.query_one(selector, DataTable)
        table.clear()
        for entry in entries:
            stability = "—" if entry.stability is None else f"{entry.stability:.1f} d"
            table.add_row(Text(shown(entry.name)), f"{entry.retrievability:>4.0%} {mastery_bar(entry.retrievability)}",
                          f"{entry.studied}/{entry.questions}", stability, key=entry.name)

    def _fill_mocks(self, mocks: Sequence[MockSummary]) -> None:
        oldest_first = list(reversed(mocks))  # the history is most recent first
        chart, table = self.query_one("#mocks-chart", BarChart), self.query_one("#mocks-table", DataTable)
        text = self.query_one("#mocks-text", Static)
        chart.display = table.display = bool(mocks)
        table.clear()
        if not mocks:
            text.update("No mock interviews finished yet: press m on the home screen to take one.")
            return
        chart.show([f"#{n}" for n in range(1, len(mocks) + 1)],
                   [100 * (mock.score or 0.0) for mock in oldest_first])
        for number, mock in enumerate(oldest_first, start=1):
            table.add_row(*mock_row(number, mock, backend_of(self).tz), key=str(mock.mock_id))
        scored = [mock.score for mock in oldest_first if mock.score is not None]
        trend = "" if len(scored) < 2 else f"; from {percent(scored[0])} to {percent(scored[-1])}"
        text.update(f"{plural(len(mocks), 'interview')} finished{trend}.")

    def action_refresh_stats(self) -> None:
        """Count again (after studying in another window, say)."""
        self._compute()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
