"""What a front end asks of a mock interview and is told before it starts: the settings,
the preview, an interview left unfinished.

Apart from `tutor.service.mocks` (the backend's mock part, a base class of the backend) so
building the backend for the home screen does not create these classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MockSettings:
    """What the learner asks of a mock interview; empty filters mean every level or topic."""

    questions: int = 5
    minutes: float = 10.0
    levels: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    seed: int | None = None
    """None: the backend draws one (shown in the debrief, so the draw can be repeated)."""


@dataclass(frozen=True)
class MockPreview:
    """What a mock interview with some settings would ask, before it starts."""

    questions: int
    by_level: tuple[tuple[str, int], ...]
    follow_ups: int
    seconds: int
    seed: int = 0
    """The seed of the draw previewed: the one the interview starts with."""


@dataclass(frozen=True)
class UnfinishedMock:
    """An interview left in progress (the app was closed or crashed), to resume or discard."""

    mock_id: int
    pack_id: str
    started_at: datetime
    remaining_seconds: float
    done: int
    """Main questions already answered, skipped or timed out."""
    questions: int
