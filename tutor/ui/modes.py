"""The modes the home screen offers, and where each one's screen lives.

Screens are named by "module:Class" and imported only when the mode opens, so the
home screen never pays for the evidence widgets (NumPy, plotext) or grading (SymPy).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Mode:
    """One way of working through a pack."""

    name: str
    title: str
    key: str
    summary: str
    screen: str
    """`module:Class` of the screen, imported when the mode opens."""

    def screen_class(self) -> Callable[..., Screen[Any]]:
        """Import and return the screen class (called with the pack and the mode's options)."""
        module_name, _, class_name = self.screen.partition(":")
        return getattr(importlib.import_module(module_name), class_name)


MODES: tuple[Mode, ...] = (
    Mode("study", "Study", "s", "flashcards with spaced repetition", "tutor.ui.screens.study:StudyScreen"),
    Mode("practice", "Practice", "p", "answer questions, get feedback at once",
         "tutor.ui.screens.practice:PracticeScreen"),
    Mode("mock", "Mock interview", "m", "timed questions with follow-ups and a debrief",
         "tutor.ui.screens.mock_setup:MockSetupScreen"),
    Mode("lab", "Lab", "l", "run and vary every simulation", "tutor.ui.screens.lab:LabScreen"),
    Mode("stats", "Stats", "t", "reviews, retention and mastery", "tutor.ui.screens.stats:StatsScreen"),
)


def mode_named(name: str) -> Mode:
    for mode in MODES:
        if mode.name == name:
            return mode
    raise LookupError(f"unknown mode '{name}' (known: {', '.join(m.name for m in MODES)})")


def mode_of(screen: object) -> Mode | None:
    """The mode whose screen `screen` is (None for home, help, dialogs)."""
    path = f"{type(screen).__module__}:{type(screen).__name__}"
    return next((mode for mode in MODES if mode.screen == path), None)
