"""The home screen: the packs found, their progress, and the modes to open.

Imports nothing heavy: opening this screen must not load SymPy, NumPy or plotext. The packs
load in a worker after the first frame; until they are there, the place of the pack table
says "Looking for packs…" (never an empty table or "no packs"), and the table (with
Textual's DataTable, imported then) takes its place when the packs come with their counts,
or before, when the pack index (`tutor.packs.index`) still lists them as they are on disk:
then the loaded packs replace the indexed rows (the same rows, unless a pack changed in a
way its files' times and sizes do not show).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tutor.ui.modes import MODES, Mode
from tutor.ui.navigation import CountsStale, OpenMode, PackHighlighted, backend_of
from tutor.ui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from tutor.service.entries import PackEntry
    from tutor.study.counts import PackCounts

PACK_COLUMNS = ("Pack", "Questions", "Due", "New", "Studied")
LOOKING = "Looking for packs…"
BROKEN_LINES = 3
"""How many of a broken pack's problems its detail shows (at 80x24 the modes stay in view)."""


def mode_prompt(mode: Mode) -> Content:
    """One line of the modes list: key, title, what it does."""
    return Content.from_markup(
        "[b]$key[/b]  $title  [dim]$summary[/dim]",
        key=mode.key,
        title=mode.title.ljust(15),
        summary=mode.summary,
    )


def broken_detail(entry: PackEntry) -> Content:
    """A broken pack's first problems (the cause first), one a line, named within its folder
    (the row names the folder), then how many more and where to see them all."""
    from tutor.packs.problems import display_path

    problems = list(entry.problems) or [entry.error or "could not be loaded"]
    folder = f"{entry.source}/" if entry.source is not None else None
    shown = [problem.removeprefix(folder) if folder else problem for problem in problems[:BROKEN_LINES]]
    lines = [Content.from_markup("[$text-error]$problem[/]", problem=problem) for problem in shown]
    if len(problems) > BROKEN_LINES and entry.source is not None:
        lines.append(Content.from_markup("[$text-error]$more[/]", more=f"(+{len(problems) - BROKEN_LINES} more: "
                                         f"tutor validate {display_path(entry.source)})"))
    lines.append(Content.from_markup("[dim]Fix the file, then press f5 to load it again.[/dim]"))
    return Content("\n").join(lines)


class HomeScreen(Screen[None]):
    """Choose a pack (up/down) and a mode (its letter, or enter on the list); o opens the settings."""

    BINDING_GROUP_TITLE = "Home"
    BINDINGS = [
        # the modes list on the screen shows each mode's key: the footer keeps to the rest,
        # so quit, settings and help fit at 80 columns
        *(Binding(mode.key, f"open_mode('{mode.name}')", mode.title, show=False) for mode in MODES),
        Binding("q", "app.quit", "Quit"),
        Binding("o", "app.open_settings", "Settings"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[PackEntry] = []
        """The packs found (broken ones carry their error), as the app last showed them."""
        self.counts: dict[str, PackCounts] = {}
        self.loaded = False
        """Whether the packs are loaded yet (until then: 'Looking for packs…')."""
        self.pack_id: str | None = None
        """The current pack, highlighted in the table."""
        self.broken_highlighted = False
        """The cursor is on a pack that failed to load: a mode key must not open another pack."""
        self.highlighted_id: str | None = None
        """The pack under the cursor, broken or not: the one f5 reloads (a fixed file loads)."""

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]tutor[/b]  [dim]ML interview practice, with the evidence[/dim]"),
                     id="title", classes="title-bar")
        with VerticalScroll(id="home-body"):
            # the modes list has focus on arrival: say how to reach the packs (a new user did not find it)
            yield Label(Content.from_markup("Packs [dim](tab switches lists, ↑↓ picks)[/dim]"),
                        classes="section-title")
            yield Static(Content.from_markup("[dim]$text[/dim]", text=LOOKING), id="packs-loading")
            yield Label("Modes", classes="section-title")
            yield OptionList(*(Option(mode_prompt(mode), id=mode.name) for mode in MODES), id="modes")
            yield Static(id="pack-description")  # last: a long description scrolls, the modes stay in view
        yield QuietFooter()

    def on_mount(self) -> None:
        self.fill_packs()

    def on_screen_resume(self) -> None:
        """Counts change after a study session: refresh them on coming back."""
        self.post_message(CountsStale())

    def show_packs(self, entries: list[PackEntry], counts: dict[str, PackCounts], pack_id: str | None) -> None:
        """The packs loaded (or reloaded, or recounted): list them, `pack_id` highlighted."""
        self.entries, self.counts, self.pack_id, self.loaded = list(entries), dict(counts), pack_id, True
        self.fill_packs()

    def _table(self) -> DataTable:
        """The pack table, put in the place of "Looking for packs…" the first time it is needed."""
        from textual.widgets import DataTable

        tables = self.query("#packs").results(DataTable)
        table = next(tables, None)
        if table is None:
            table = DataTable(id="packs", cursor_type="row")
            for column in PACK_COLUMNS:
                table.add_column(column, key=column.lower())
            placeholder = self.query_one("#packs-loading", Static)
            self.query_one("#home-body").mount(table, before=placeholder)
            placeholder.remove()
            # where the cursor was before the packs came: on the packs; not scrolled to (the
            # body would centre the table and hide "Packs (tab switches lists, ↑↓ picks)" at 80x24)
            table.focus(scroll_visible=False)
        return table

    def fill_packs(self) -> None:
        body = next(iter(self.query("#home-body")), None)
        if not self.loaded or body is None or not body.is_attached:
            return  # on_mount fills it; until the packs come, "Looking for packs…" stays (or the app quits)
        table = self._table()
        table.clear()
        for entry in self.entries:
            table.add_row(*self._row(entry), key=entry.id)
        description = self.query_one("#pack-description", Static)
        broken = self._entry(self.highlighted_id)
        if broken is not None and broken.pack is None and broken.listed is None:
            # the cursor stays on a broken pack the learner is looking at (reloaded with f5, still broken)
            table.move_cursor(row=table.get_row_index(broken.id))
            self._describe(broken)
        elif self.pack_id is not None:
            self.show_pack(self.pack_id)
        elif self.entries:
            self._describe(self.entries[0])
        else:
            description.update("No packs found. Add one with `tutor --pack PATH` (see `tutor packs`).")

    def _row(self, entry: PackEntry) -> tuple[object, ...]:
        """A table row; DataTable renders Rich text, so titles go in as literal `Text`."""
        title = entry.title
        pack = entry.pack or entry.listed
        if pack is None:
            return (Text("⚠ " + title, style="red"), "—", "—", "—", "—")
        counts = self.counts.get(entry.id) or backend_of(self).counts(pack)
        return (Text(title), len(pack.questions), counts.due, counts.new, counts.studied)

    def show_pack(self, pack_id: str) -> None:
        """Highlight `pack_id` in the table and describe it."""
        self.pack_id = pack_id
        table = self._table()
        index = table.get_row_index(pack_id)
        if table.cursor_row != index:
            table.move_cursor(row=index)
        entry = self._entry(pack_id)
        if entry is not None:
            self._describe(entry)

    def _entry(self, pack_id: str | None) -> PackEntry | None:
        return next((entry for entry in self.entries if entry.id == pack_id), None)

    def _describe(self, entry: PackEntry) -> None:
        description = self.query_one("#pack-description", Static)
        if entry.pack is not None:
            meta = entry.pack.meta
            version, text, count = str(meta.version), str(meta.description), len(entry.pack.questions)
        elif entry.listed is not None:
            version, text, count = entry.listed.version, entry.listed.description, len(entry.listed.question_ids)
        else:
            description.update(broken_detail(entry))
            return
        description.update(
            Content.from_markup(
                "[b]$title[/b] [dim]$origin· version $version · $count questions[/dim]\n$description",
                title=entry.title,
                origin="built-in " if entry.builtin else "",
                description=" ".join(text.split()),
                version=version,
                count=count,
            )
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor moved in the pack table (named by handler: DataTable loads with the packs)."""
        if event.data_table.id != "packs":
            return
        pack_id = event.row_key.value
        entry = self._entry(pack_id)
        if entry is None:
            return
        self.highlighted_id = entry.id
        self.broken_highlighted = not (entry.usable or entry.listed is not None)
        if entry.usable or entry.listed is not None:  # a listed pack: the one to open once loaded
            self.pack_id = entry.id
            self.post_message(PackHighlighted(entry.id))
        self._describe(entry)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "packs":
            self.query_one("#modes", OptionList).focus()

    @on(OptionList.OptionSelected, "#modes")
    def _mode_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_open_mode(event.option.id or "")

    def action_open_mode(self, name: str) -> None:
        """Open a mode on the highlighted pack. On a pack that failed to load, say so: opening the
        pack highlighted before it (the current pack) looked like the broken one had opened."""
        if self.broken_highlighted:
            self.notify("This pack failed to load: its error is shown below the modes. Fix the file, then "
                        "press f5 to load it again, or pick another pack (↑↓ in the pack list).",
                        title="Cannot open this pack", severity="warning")
            return
        self.post_message(OpenMode(name))
