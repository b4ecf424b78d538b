"""Reading a grade's notes: which concepts were hit or missed, which misconception fired.

Grading reports what it found as short note strings. This module accepts the forms
`missed:NAME` / `missing:NAME`, `hit:NAME` / `found:NAME` / `concept:NAME`,
`misconception:NAME`, and bare names of the check's concepts and misconceptions, so the
debrief can list missed concepts and the misconception's own feedback from the pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_HIT = ("hit", "found", "concept", "concept-hit", "hit-concept")
_MISSED = ("missed", "missing", "concept-missed", "missed-concept", "miss")
_MISCONCEPTION = ("misconception", "misconception-detected")


@dataclass(frozen=True)
class NoteSummary:
    hit: tuple[str, ...]
    missed: tuple[str, ...]
    misconceptions: tuple[str, ...]


def read_notes(notes: Sequence[str], check: Any) -> NoteSummary:
    """Classify notes; for a concepts check, concepts neither hit nor missed count as missed
    once any concept was reported as hit (grading lists what it found)."""
    concept_names = [concept.name for concept in getattr(check, "concepts", ()) or ()]
    misconception_names = [item.name for item in getattr(check, "misconceptions", ()) or ()]
    hit: list[str] = []
    missed: list[str] = []
    misconceptions: list[str] = []
    for note in notes:
        prefix, _, name = note.partition(":")
        prefix, name = prefix.strip().lower(), name.strip()
        if name and prefix in _MISSED:
            _add(missed, name)
        elif name and prefix in _HIT:
            _add(hit, name)
        elif name and prefix in _MISCONCEPTION:
            _add(misconceptions, name)
        elif note in concept_names:
            _add(hit, note)
        elif note in misconception_names:
            _add(misconceptions, note)
    if concept_names and hit and not missed:
        missed = [name for name in concept_names if name not in hit]
    return NoteSummary(tuple(hit), tuple(missed), tuple(misconceptions))


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)
