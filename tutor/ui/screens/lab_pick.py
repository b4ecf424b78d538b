"""Which of a question's simulations to open in the lab, when it has more than one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class LabTarget:
    """A simulation as a question's evidence shows it: name, parameters and the seed shown."""

    name: str
    title: str
    params: dict[str, Any]
    seed: int

    def describe(self) -> str:
        shown = ", ".join(f"{key}={_text(value)}" for key, value in self.params.items()) or "defaults"
        return f"{self.title} ({self.name}: {shown}, seed {self.seed})"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


class LabPickScreen(ModalScreen["LabTarget | None"]):
    """Choose one of the question's simulations (enter); escape cancels."""

    BINDING_GROUP_TITLE = "Open in lab"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, targets: list[LabTarget]) -> None:
        super().__init__()
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(id="lab-pick-dialog"):
            yield Static(Content.from_markup("[b]Open which simulation in the lab?[/b]"), id="lab-pick-title")
            yield OptionList(*(Option(Content(target.describe()), id=str(index))
                               for index, target in enumerate(self.targets)), id="lab-pick-list")

    @on(OptionList.OptionSelected, "#lab-pick-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.targets[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Back to the question."""
        self.dismiss(None)
