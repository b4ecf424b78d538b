"""The command palette's tutor commands: go to a question, switch mode or pack, toggle theme,
open the settings.

Typed text is matched (fuzzily, by Textual's matcher) against each command's text, so
a question is found by its id or by words of its prompt (a variant question's prompt as
its preview draw reads: numbers, never `{sigma}`). Only the current pack's
questions are offered: with `tutor --watch PATH`, a search matched the built-in pack's
questions too and jumped out of the pack being edited ("Pack: ..." switches packs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.packs.variants import preview_prompt
from tutor.ui.modes import MODES
from tutor.words import one_line

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

PROMPT_PREVIEW = 60


@dataclass(frozen=True)
class TutorCommand:
    text: str
    help: str
    run: Callable[[], object]
    discoverable: bool = True
    match_text: str = ""  # what the query is matched against, when more than `text`

    @property
    def haystack(self) -> str:
        return self.match_text or self.text


def tutor_commands(app: TutorApp) -> Iterator[TutorCommand]:
    """Every tutor command for the app's current packs."""
    for mode in MODES:
        yield TutorCommand(f"Mode: {mode.title}", mode.summary, partial(app.open_mode, mode.name))
    for entry in app.entries:
        if entry.usable:
            yield TutorCommand(f"Pack: {entry.title}", f"switch to the pack '{entry.id}'",
                               partial(app.switch_pack, entry.id))
    yield TutorCommand("Toggle dark/light theme", "switch between tutor-dark and tutor-light",
                       app.action_toggle_theme)
    yield TutorCommand("Settings", "new cards per day, desired retention, theme (o on the home screen)",
                       app.action_open_settings)
    yield TutorCommand("Reload pack", "load the current pack again from its files (f5)", app.action_reload_pack)
    current = app.entry(app.pack_id)
    if current is None or current.pack is None:
        return
    for question in current.pack.questions:
        prompt = preview_prompt(question)
        # a variant question is named by its prompt alone: its id is the author's name for
        # it and may quote numbers the draw changes (bound-sigmoid-10-steps asks about 6 steps)
        name = "" if question.params else f" {question.id}"
        yield TutorCommand(
            f"Question{name}: {one_line(prompt, PROMPT_PREVIEW)}",
            f"practise it now ({current.title}, {question.level.value})",
            partial(app.open_question, current.id, question.id),
            discoverable=False,
            # the id also with spaces, so "step jacobian numbers" finds step-jacobian-numbers
            match_text=f"Question {question.id} {question.id.replace('-', ' ')}: {' '.join(prompt.split())}",
        )


class TutorCommands(Provider):
    """Palette commands of the tutor app."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app: TutorApp = self.app  # type: ignore[assignment]
        for command in tutor_commands(app):
            score = matcher.match(command.haystack)
            if score > 0:
                yield Hit(score, matcher.highlight(command.text), command.run, help=command.help)

    async def discover(self) -> Hits:
        app: TutorApp = self.app  # type: ignore[assignment]
        for command in tutor_commands(app):
            if command.discoverable:
                yield DiscoveryHit(command.text, command.run, help=command.help)
