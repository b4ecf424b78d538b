"""What the screens need from the core, as small protocols.

The screens never import the core modules themselves: they ask the app's `Backend`.
`tutor.service.backend.CoreBackend` implements it over the real packs, store, study
sessions, grading and evidence registry; tests pass fakes. This keeps the UI testable without a
database or SymPy, and keeps every heavy import out of the home screen's path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: importing this module must stay cheap
    from tutor.evidence.export import ExportedRun
    from tutor.evidence.result import Plot, Result
    from tutor.evidence.spec import EvidenceSpec
    from tutor.packs.schema import Question
    from tutor.service.entries import PackEntry
    from tutor.service.mocks import MockPreview, MockSettings, UnfinishedMock
    from tutor.settings import Settings
    from tutor.store.reviews import Mode
    from tutor.study.rating import Rating
    from tutor.study.stats import StatsSummary

ShouldCancel = Callable[[], bool]


class PackLike(Protocol):
    """The parts of a loaded pack the UI reads (see `tutor.packs.Pack`)."""

    @property
    def id(self) -> str: ...

    @property
    def meta(self) -> Any: ...  # PackMeta: title, description, version ...

    @property
    def questions(self) -> Sequence[Question]: ...


class GradeLike(Protocol):
    """The parts of `tutor.grading.Grade` the UI shows (read-only: a Grade is frozen)."""

    @property
    def correct(self) -> bool: ...

    @property
    def score(self) -> float: ...

    @property
    def feedback(self) -> str: ...

    @property
    def notes(self) -> Sequence[str]: ...

    @property
    def invalid(self) -> bool: ...

    @property
    def error_offset(self) -> int | None: ...

    @property
    def undecided(self) -> bool: ...


@dataclass(frozen=True)
class PackCounts:
    """Cards due now, new cards not yet seen, and cards learned, for one pack."""

    due: int
    new: int
    learned: int


@dataclass(frozen=True)
class StudyLeft:
    """Cards left in today's study session, the current one included."""

    due: int
    new: int
    learning: int
    """Never lapsed, between the steps of its first day."""
    relearning: int
    """Lapsed (rated Again in review), between its relearning steps."""


class StudyDeck(Protocol):
    """Today's spaced-repetition queue for one pack (due first, then new, then learning steps)."""

    def next_card(self) -> Question | None:
        """The card to show now (the same one until it is rated), or None."""

    def waiting_until(self) -> datetime | None:
        """When nothing can be shown yet but a learning step is pending: when it is due."""

    def remaining(self) -> StudyLeft: ...

    def record(
        self,
        question: Question,
        *,
        response: str | None,
        grade: GradeLike | None,
        rating: Rating,
        seconds: float,
    ) -> None:
        """Store the review at once."""


class PracticeDeck(Protocol):
    """A practice quiz over the questions of a pack that pass a topic/level filter."""

    def next_question(self) -> Question | None:
        """Move on to the next question (the first one on the first call), or None at the end."""

    def remaining(self) -> int:
        """Questions left after the current one."""

    def hint(self, question: Question) -> str | None:
        """The next hint of `question` (counted with the attempt), or None when there are no more."""

    def record(self, question: Question, *, response: str, grade: GradeLike | None, seconds: float) -> None:
        """Store the attempt at once (grade None: a self-rated card, stored without a verdict)."""

    def override(self, question: Question) -> None:
        """The learner says the last verdict on `question` was wrong: record it as right."""

    def record_correction(self, question: Question, grade: GradeLike) -> None:
        """The learner corrected the key points of the last answer: record `grade` as theirs."""

    def rate_self(self, question: Question, correct: bool) -> None:
        """A self-rated card: the learner says whether their answer matched the model answer."""


# ---- mock interviews ------------------------------------------------------------


class MockRun(Protocol):
    """A mock interview in progress (see `tutor.study.mock.MockInterview`).

    Grading may take seconds, so the screen grades in a worker with `grade` and hands
    the grade to `submit`, `time_out` or `end_early`, which record it at once.
    """

    id: int
    seed: int

    @property
    def finished(self) -> bool: ...

    @property
    def draft(self) -> str: ...

    @property
    def total_seconds(self) -> float: ...

    def current_step(self) -> Any:
        """The step asked now (`MockStep`: prompt, question, number, follow-up index, time limit), or None."""

    def remaining_total(self) -> float: ...

    def remaining_question(self) -> float: ...

    def time_up(self) -> bool:
        """The current step (or the whole interview) has no time left: call `time_out`."""

    def update_draft(self, text: str) -> None:
        """What the learner has typed so far (saved by `tick`, handed in on time-out)."""

    def grade(self, response: str) -> GradeLike | None:
        """The grade of `response` on the current step, recording nothing (worker; None: not graded)."""

    def submit(self, response: str, grade: GradeLike | None) -> GradeLike | None:
        """Answer the step and move on; returns an invalid grade (format error) instead of moving on."""

    def skip(self) -> None: ...

    def time_out(self, grade: GradeLike | None) -> None:
        """Hand in the draft (graded as `grade`) because time ran out, and move on."""

    def end_early(self, grade: GradeLike | None) -> None:
        """Hand in the draft (graded as `grade`) and end the interview here."""

    def tick(self) -> bool:
        """About once a second: saves the draft and elapsed time; True if the step changed."""

    def save(self) -> None: ...


class MockBackend(Protocol):
    """What the mock interview screens ask of the backend (part of `Backend`)."""

    def mock_preview(self, pack: PackLike, settings: MockSettings) -> MockPreview:
        """Raises ValueError with one line when no question matches the settings."""

    def start_mock(self, pack: PackLike, settings: MockSettings) -> MockRun: ...

    def unfinished_mocks(self) -> list[UnfinishedMock]:
        """Interviews in progress, most recent first."""

    def resume_mock(self, mock_id: int, pack: PackLike) -> MockRun: ...

    def discard_mock(self, mock_id: int) -> None: ...

    def mock_report(self, mock_id: int, pack: PackLike | None) -> Any:
        """The debrief (`tutor.study.mock_report.MockReport`)."""

    def mock_history(self) -> list[Any]:
        """Finished interviews, most recent first (`MockSummary`: id, date, score, duration)."""

    def export_mock(self, mock_id: int, pack: PackLike | None) -> Path:
        """Write the debrief as Markdown into the data dir; returns where it went."""


class PackWatch(Protocol):
    """A pack on disk kept loaded (see `tutor.packs.watch.PackWatcher`): the last good
    version, and the errors of the last load (empty when it loaded)."""

    path: Path
    errors: list[str]

    @property
    def pack(self) -> PackLike | None: ...

    def poll(self) -> bool:
        """Reload if the files changed since the last poll; True when they did."""

    def reload(self) -> None:
        """Load now, changed or not."""


class Backend(MockBackend, Protocol):
    """Everything the app asks of the core."""

    tz: tzinfo
    """The learner's time zone: "today" is a day in it, and every date on screen is shown in it."""

    def clock(self) -> datetime:
        """Now, timezone-aware UTC (injected so tests control time)."""

    def packs(self) -> list[PackEntry]:
        """The packs found, built-in first."""

    def notices(self) -> list[str]:
        """One-line messages to show at start-up (e.g. a broken store was moved aside)."""

    def pack_warnings(self) -> list[str]:
        """One line each about the packs found, after `packs()`: a pack id found twice (and
        which pack is used), a TUTOR_PACKS entry that does not exist or holds no pack."""

    def counts(self, pack: PackLike) -> PackCounts:
        """Due, new (capped by today's new-card allowance) and learned cards of the pack."""

    def settings(self) -> Settings:
        """The learner's settings (defaults where nothing usable is stored)."""

    def save_settings(self, **changes: object) -> Settings:
        """Check and store `changes` at once; returns the settings now in force.

        Raises `tutor.settings.SettingError` (a ValueError, one line) for a value a
        setting cannot take, and stores nothing then. New values apply from the next
        count and the next study session.
        """

    def study_deck(self, pack: PackLike) -> StudyDeck: ...

    def practice_deck(
        self,
        pack: PackLike,
        *,
        topic: str | None,
        level: str | None,
        first: str | None = None,
    ) -> PracticeDeck: ...

    def grade(self, check: Any, response: str) -> GradeLike:
        """Grade a response; may import SymPy and take seconds, so call it in a worker."""

    def record_correction(self, pack: PackLike, question: Question, *, mode: Mode, response: str,
                          automatic: GradeLike, corrected: GradeLike, mock_id: int | None = None,
                          position: int | None = None) -> int:
        """Store the learner's corrected checklist of `response` at once (see `tutor.store.corrections`)."""

    def prepare_grading(self) -> None:
        """Get grading ready (e.g. start its SymPy process); called in a worker when a mode opens."""

    def rating_for(self, grade: GradeLike, seconds: float) -> Rating | None:
        """The rating to pre-select from a grade and the time taken (None: no suggestion)."""

    def expected_answer(self, check: Any) -> str:
        """The expected answer of a check, pretty-printed (may import SymPy: worker)."""

    def run_evidence(
        self, name: str, params: dict[str, Any], *, seed: int, should_cancel: ShouldCancel
    ) -> Result:
        """Run a simulation or derivation (worker); raises on bad params or cancellation."""

    # ---- the lab, the stats and pack reloading ------------------------------------

    def simulations(self) -> list[EvidenceSpec]:
        """Every simulation's declaration (name, title, parameters with their ranges)."""

    def export_run(self, result: Result, *, plots: Sequence[Plot] | None = None) -> ExportedRun:
        """Save `result` as JSON and `plots` (default: its own) as text; returns the two paths."""

    def stats(self, pack: PackLike) -> StatsSummary:
        """Reviews per day, retention, forecast, mastery, streak and mock history (worker)."""

    def watch_pack(self, path: Path) -> PackWatch:
        """A watcher over the pack at `path` (nothing is loaded until it is polled)."""
