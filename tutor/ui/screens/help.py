"""The help screen: every key of the screen it was opened from, read from the bindings.

Nothing here is hand-written: the rows come from the screen's and the app's
BINDINGS, so a new binding shows up in help by itself. Keys that do nothing at the
moment (say, the rating keys before the answer is shown) are listed as "not now".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


@dataclass(frozen=True)
class KeyRow:
    """One line of help: the keys, what they do, where they apply, and whether they work now."""

    keys: str
    description: str
    group: str
    available: bool


def key_rows(screen: Screen) -> list[KeyRow]:
    """Every described binding of `screen` and of the app, screen first, one row per action."""
    app = screen.app
    rows: list[KeyRow] = []
    for node in (screen, *_answer_boxes(screen), app):
        group = getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__
        grouped = _by_action(_declared_bindings(node))
        if node is not screen and node is not app:  # a widget: only the keys it documents
            help_actions: Iterable[str] = getattr(node, "HELP_ACTIONS")  # noqa: B009 (a DOMNode to mypy)
            grouped = {action: grouped[action] for action in help_actions if action in grouped}
        # the keys shown in the footer first, then the quieter ones (focus, copy, scrolling)
        for action, bindings in sorted(grouped.items(), key=lambda item: not any(b.show for b in item[1])):
            first = bindings[0]
            if not first.description:
                continue
            keys = " ".join(dict.fromkeys(app.get_key_display(b) for b in bindings))
            rows.append(KeyRow(keys, first.description, group, _available(node, action)))
    rows.append(KeyRow(app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")),
                       "Command palette (questions, modes, packs, theme)", "Everywhere", True))
    return rows


def _answer_boxes(screen: Screen) -> list[DOMNode]:
    """The screen's answer box (its enter and new-line keys), when it has one."""
    from tutor.ui.widgets.answer_area import AnswerArea

    boxes: list[DOMNode] = list(screen.query(AnswerArea))
    return boxes[:1]


def _declared_bindings(node: DOMNode) -> list[tuple[str, Binding]]:
    """The BINDINGS of `node`'s class and its bases, merged as Textual merges them (a subclass
    rebinding a key replaces the base's binding), read from the public class attributes."""
    merged: dict[str, Binding] = {}
    for cls in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
            merged[binding.key] = binding
    return list(merged.items())


def _by_action(bindings: Iterable[tuple[str, Binding]]) -> dict[str, list[Binding]]:
    grouped: dict[str, list[Binding]] = {}
    for _key, binding in bindings:
        if binding.action == "command_palette":
            continue  # listed once, with a description of what it offers
        grouped.setdefault(binding.action, []).append(binding)
    return grouped


def _available(node: DOMNode, action: str) -> bool:
    name, _, arguments = action.partition("(")
    if "." in name:  # e.g. "app.quit": ask the namespace's owner
        return True
    parameters: tuple[object, ...] = ()
    if arguments:
        parameters = tuple(part.strip().strip("'\"") for part in arguments.rstrip(")").split(",") if part.strip())
    return node.check_action(name, parameters) is not False


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below; escape, ? or q closes."""

    BINDING_GROUP_TITLE = "Help"
    BINDINGS = [Binding("escape,question_mark,q,f1", "dismiss", "Close help", key_display="esc")]

    def __init__(self, for_screen: Screen) -> None:
        super().__init__()
        self.rows = key_rows(for_screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Content.from_markup("[b]Keys[/b]  [dim]esc closes · dim keys do nothing right now[/dim]"),
                         id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns("Key", "Does")
        group = None
        for row in self.rows:
            if row.group != group:  # a heading row per group keeps the table two columns wide
                group = row.group
                table.add_row(Text(""), Text(group, style="bold underline"))
            style = "" if row.available else "dim"
            table.add_row(
                Text(row.keys, style=style or "bold"),
                Text(row.description + ("" if row.available else " (not now)"), style=style),
            )
        table.focus()
