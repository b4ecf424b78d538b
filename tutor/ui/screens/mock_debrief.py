"""The debrief of a mock interview: the score, each question's verdict and model answer,
the weakest topics, what went into the study queue; evidence and export on a key.

Built from the stored report, so the same screen shows a debrief right after the
interview and any past one reopened from the history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from tutor.study.clock import format_local
from tutor.study.mock_report import as_asked
from tutor.ui.navigation import GoHome, backend_of
from tutor.ui.widgets.claim_checklist import ClaimChecklist
from tutor.ui.widgets.debrief_text import (
    follow_up_contents,
    question_content,
    result_cell,
    summary_content,
    used_text,
)
from tutor.ui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from tutor.packs.model import Pack

QUESTION_COLUMNS = ("#", "Question", "Result", "Time")
QUESTION_ID_WIDTH = 32
"""Long question titles (ids, a variant's prompt) are cut so the table fits 80 columns (the
details show them whole)."""
SHORT_SCREEN_ROWS = 32
"""Below this height the debrief drops its blank lines (see `on_resize`)."""


class MockDebriefScreen(Screen[None]):
    """How the interview went: up/down picks a question, its details are below."""

    BINDING_GROUP_TITLE = "Debrief"
    BINDINGS = [
        Binding("e", "evidence", "Evidence"),
        Binding("c", "checklist", "Key points", tooltip="Correct the key points the grader read in your answer"),
        Binding("x", "export", "Export", tooltip="Write this debrief as a Markdown file"),
        Binding("h", "history", "History", tooltip="Past interviews"),
        Binding("escape", "back", "Back"),
        # priority: the question table has the focus and would take the page keys for its few rows
        Binding("pageup", "scroll_detail('page_up')", "Page up", show=False, priority=True),
        Binding("pagedown", "scroll_detail('page_down')", "Page down", show=False, priority=True),
    ]

    def __init__(self, pack: Pack | None, mock_id: int, *, from_history: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.mock_id = mock_id
        self.from_history = from_history
        self.report: Any = None
        self.exported_to: str | None = None
        self.automatic: Any = None
        """The grader's reading of the highlighted answer (None: no checklist for it)."""
        self.columns: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title-bar")
        yield Static(id="debrief-summary")
        yield DataTable(id="debrief-questions", cursor_type="row")
        with VerticalScroll(id="debrief-detail"):
            yield Static(id="debrief-question")
            yield Vertical(id="debrief-follow-ups")
            yield Vertical(id="debrief-checklist")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.report = report = backend_of(self).mock_report(self.mock_id, self.pack)
        self.query_one("#title", Static).update(Content.from_markup(
            "[b]Debrief[/b] · mock interview $id · $pack · [dim]$date[/dim]", id=report.mock_id,
            pack=report.pack_id, date=format_local(report.started_at, backend_of(self).tz)))
        self.query_one("#debrief-summary", Static).update(summary_content(report))
        table = self.query_one("#debrief-questions", DataTable)
        self.columns = table.add_columns(*QUESTION_COLUMNS)
        for question in report.questions:
            table.add_row(str(question.number), Text(_cut(question.title, QUESTION_ID_WIDTH)),
                          result_cell(question), used_text(question.time_used, question.time_limit),
                          key=str(question.number))
        table.focus()
        # the table keeps ↑↓ and the page keys scroll the text below: say so where the text starts
        self.query_one("#debrief-detail", VerticalScroll).border_title = "↑↓ another question · PgUp/PgDn scroll"
        self.show_question(0)

    def on_resize(self) -> None:
        """On a short terminal the summary and the table give up their blank lines, so the
        question's text below them keeps more than half of the screen."""
        self.set_class(self.size.height < SHORT_SCREEN_ROWS, "-short")

    @property
    def current(self) -> Any:
        """The report of the highlighted question."""
        if self.report is None or not self.report.questions:
            return None
        row = self.query_one("#debrief-questions", DataTable).cursor_row
        return self.report.questions[min(max(row, 0), len(self.report.questions) - 1)]

    def show_question(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.questions):
            return
        self.query_one("#debrief-question", Static).update(question_content(self.report.questions[index]))
        self._show_follow_ups(self.report.questions[index])
        self.query_one("#debrief-detail", VerticalScroll).scroll_home(animate=False)
        self._show_checklist(self.report.questions[index])
        self.refresh_bindings()

    def _show_follow_ups(self, question: Any) -> None:
        """Each follow-up's heading, then what was said as an indented block (a long answer
        wraps under itself, not back at the left edge)."""
        holder = self.query_one("#debrief-follow-ups", Vertical)
        holder.remove_children()
        widgets = [widget for heading, body in follow_up_contents(question)
                   for widget in (Static(heading, classes="follow-up-heading"), Static(body, classes="follow-up-body"))]
        if widgets:
            holder.mount_all(widgets)

    def _show_checklist(self, question: Any) -> None:
        """The key points of a free-text answer, read again from the stored response (in a
        worker: nothing grades on the event loop), with the learner's last correction if any."""
        self.query_one("#debrief-checklist", Vertical).remove_children()
        self.automatic = None
        in_pack = self._question_of(question)
        # the check the interview asked: a question's interview form (a study self-check may be
        # asked as free text), drawn as asked when it is a variant
        check = None if in_pack is None else getattr(as_asked(in_pack, question.variant_seed), "check", None)
        if getattr(check, "kind", None) == "concepts" and (question.response or "").strip():
            self._read_claims(question, check)

    @work(thread=True, exclusive=True, group="debrief-checklist")
    def _read_claims(self, question: Any, check: Any) -> None:
        automatic = backend_of(self).grade(check, question.response)
        if get_current_worker().is_cancelled:
            return
        # Textual's annotation does not infer the awaitable's result type for an async callback
        self.app.call_from_thread(self._mount_checklist, question, check, automatic)  # type: ignore[arg-type]

    async def _mount_checklist(self, question: Any, check: Any, automatic: Any) -> None:
        claims = tuple(getattr(automatic, "claims", ()) or ())
        current = self.current
        if not claims or current is None or current.number != question.number:
            return  # the learner has moved on to another question
        self.automatic = automatic
        holder = self.query_one("#debrief-checklist", Vertical)
        await holder.remove_children()  # one checklist, whichever reading finished first
        await holder.mount(
            ClaimChecklist(claims, check.pass_count, undecided=automatic.undecided, current=question.claims))
        self.refresh_bindings()

    @on(ClaimChecklist.Corrected)
    def _corrected(self, event: ClaimChecklist.Corrected) -> None:
        """Store the learner's word on this answer, then show the debrief as it now counts."""
        event.stop()
        current, question = self.current, self._question()
        if current is None or question is None or self.automatic is None or self.pack is None:
            return
        backend_of(self).record_correction(self.pack, question, mode="mock", response=current.response or "",
                                           automatic=self.automatic, corrected=event.grade,
                                           mock_id=self.mock_id, position=current.position)
        self.report = report = backend_of(self).mock_report(self.mock_id, self.pack)
        updated = report.questions[current.number - 1]
        self.query_one("#debrief-summary", Static).update(summary_content(report))
        table = self.query_one("#debrief-questions", DataTable)
        table.update_cell(str(updated.number), self.columns[2], result_cell(updated))
        self.query_one("#debrief-question", Static).update(question_content(updated))

    @on(DataTable.RowHighlighted, "#debrief-questions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_question(event.cursor_row)

    @on(DataTable.RowSelected, "#debrief-questions")
    def _selected(self) -> None:
        self.action_evidence()

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "evidence":
            return self._question() is not None and bool(self._question().evidence)
        if action == "checklist":
            return self.automatic is not None
        return True

    def _question(self) -> Any:
        """The highlighted question as it is in the pack (None if it left the pack)."""
        return self._question_of(self.current)

    def _question_of(self, current: Any) -> Any:
        if current is None or self.pack is None:
            return None
        return next((q for q in self.pack.questions if q.id == current.question_id), None)

    def action_checklist(self) -> None:
        """Go to the key points of this answer and back to the questions (up/down picks, space toggles)."""
        checklists = self.query_one("#debrief-checklist", Vertical).query(ClaimChecklist)
        if not checklists:
            self.notify("No key points to correct for this answer.", timeout=2)
        elif checklists.last().has_focus:
            self.query_one("#debrief-questions", DataTable).focus()
        else:
            checklists.last().focus()

    @on(ClaimChecklist.Left)
    def _checklist_left(self) -> None:
        """esc in the key points goes back to the questions, as `c` does."""
        self.query_one("#debrief-questions", DataTable).focus()

    def action_evidence(self) -> None:
        """Open the simulations and derivations behind the highlighted question."""
        question, current = self._question(), self.current
        if question is None or current is None or not question.evidence:
            self.notify("No evidence for this question.", timeout=2)
            return
        from tutor.study.mock_report import as_asked
        from tutor.ui.screens.evidence_screen import EvidenceScreen

        # the question as it was asked: a variant's prompt, captions and runs have the drawn numbers
        self.app.push_screen(EvidenceScreen(as_asked(question, current.variant_seed), title=current.title))

    def action_export(self) -> None:
        """Write this debrief as Markdown into the data dir."""
        try:
            path = backend_of(self).export_mock(self.mock_id, self.pack)
        except OSError as error:
            self.notify(f"Could not write the debrief: {error}", severity="error")
            return
        self.exported_to = str(path)
        self.notify(f"Debrief written to {path}", title="Exported", timeout=8)

    def action_history(self) -> None:
        """The past mock interviews."""
        if self.from_history:
            self.app.pop_screen()
            return
        from tutor.ui.screens.mock_history import MockHistoryScreen

        self.app.push_screen(MockHistoryScreen())

    def action_back(self) -> None:
        """Back to the history (if it opened this debrief), else home."""
        if self.from_history:
            self.app.pop_screen()
        else:
            self.post_message(GoHome())

    def action_scroll_detail(self, how: str) -> None:
        """Scroll the question's details."""
        detail = self.query_one("#debrief-detail", VerticalScroll)
        (detail.scroll_page_up if how == "page_up" else detail.scroll_page_down)(animate=False)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
