"""Past mock interviews: date (the learner's local time), pack, score and time; enter
reopens a debrief."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tutor.study.clock import format_local
from tutor.study.mock_words import CORRECTED_SHORT, percent_text
from tutor.ui.navigation import OpenMockDebrief, backend_of
from tutor.ui.widgets.debrief_text import used_text
from tutor.ui.widgets.quiet_footer import QuietFooter

HISTORY_COLUMNS = ("#", "Date", "Pack", "Score", "Time", "Questions")


class MockHistoryScreen(Screen[None]):
    """Every finished mock interview, most recent first."""

    BINDING_GROUP_TITLE = "Past interviews"
    BINDINGS = [
        Binding("enter", "open", "Open debrief", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]Past mock interviews[/b]"), id="title", classes="title-bar")
        yield DataTable(id="mock-history", cursor_type="row")
        yield Static(id="history-empty")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.summaries = backend_of(self).mock_history()
        table = self.query_one("#mock-history", DataTable)
        table.add_columns(*HISTORY_COLUMNS)
        for summary in self.summaries:
            table.add_row(
                str(summary.mock_id), format_local(summary.started_at, backend_of(self).tz), summary.pack_id,
                percent_text(summary.score) + (CORRECTED_SHORT if summary.corrected else ""),
                used_text(summary.duration_seconds, summary.time_limit_seconds),
                str(summary.questions), key=str(summary.mock_id),
            )
        empty = self.query_one("#history-empty", Static)
        empty.display = not self.summaries
        empty.update(Content.from_markup("[dim]No finished mock interviews yet.[/dim]"))
        table.focus()

    @on(DataTable.RowSelected, "#mock-history")
    def _selected(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.summaries)
        return True

    def action_open(self) -> None:
        """Reopen the highlighted interview's debrief."""
        if not self.summaries:
            return
        row = self.query_one("#mock-history", DataTable).cursor_row
        summary = self.summaries[row]
        self.post_message(OpenMockDebrief(summary.pack_id, summary.mock_id, from_history=True))
