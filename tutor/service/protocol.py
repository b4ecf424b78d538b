"""What the screens need from the core, as small protocols.

The screens never import the core modules themselves: they ask the app's `Backend`.
`tutor.service.backend.CoreBackend` implements it over the real packs, store, study
sessions, grading and evidence registry (mypy checks that it does); tests pass fakes.
This keeps the UI testable without a database or SymPy, and keeps every heavy import
out of the home screen's path.

The answers are the core's own types (`Pack`, `Grade`, `Remaining`, `PackCounts` ...):
a protocol is declared here only where the UI's tests drive the screens with a fake
(the backend and the study and practice decks).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: importing this module must stay cheap
    from tutor.evidence.export import ExportedRun
    from tutor.evidence.result import Plot, Result
    from tutor.evidence.spec import EvidenceSpec
    from tutor.grading.result import Grade
    from tutor.packs.index import ListedPack
    from tutor.packs.model import Pack
    from tutor.packs.schema import Question
    from tutor.packs.watch import PackWatcher
    from tutor.service.entries import PackEntry
    from tutor.service.mock_run import InterviewRun
    from tutor.service.mock_types import MockPreview, MockSettings, UnfinishedMock
    from tutor.settings import Settings
    from tutor.store.reviews import Mode
    from tutor.study.mock_report import MockReport, MockSummary
    from tutor.study.queue import PackCounts, Remaining
    from tutor.study.rating import Rating
    from tutor.study.stats import StatsSummary

ShouldCancel = Callable[[], bool]


class StudyDeck(Protocol):
    """Today's spaced-repetition queue for one pack (due first, then new, then learning steps)."""

    def next_card(self) -> Question | None:
        """The card to show now (the same one until it is rated), or None."""

    def waiting_until(self) -> datetime | None:
        """When nothing can be shown yet but a learning step is pending: when it is due."""

    def remaining(self) -> Remaining: ...

    def record(
        self,
        question: Question,
        *,
        response: str | None,
        grade: Grade | None,
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

    def record(self, question: Question, *, response: str, grade: Grade | None, seconds: float) -> None:
        """Store the attempt at once (grade None: a self-rated card, stored without a verdict)."""

    def override(self, question: Question) -> None:
        """The learner says the last verdict on `question` was wrong: record it as right."""

    def undo_override(self, question: Question, grade: Grade) -> None:
        """The learner takes back "I was right" on `question`: `grade`'s verdict stands again."""

    def record_correction(self, question: Question, grade: Grade) -> None:
        """The learner corrected the key points of the last answer: record `grade` as theirs."""

    def rate_self(self, question: Question, correct: bool) -> None:
        """A self-rated card: the learner says whether their answer matched the model answer."""


# ---- mock interviews ------------------------------------------------------------


class MockBackend(Protocol):
    """What the mock interview screens ask of the backend (part of `Backend`)."""

    def mock_preview(self, pack: Pack, settings: MockSettings) -> MockPreview:
        """Raises ValueError with one line when no question matches the settings."""

    def start_mock(self, pack: Pack, settings: MockSettings) -> InterviewRun: ...

    def unfinished_mocks(self) -> list[UnfinishedMock]:
        """Interviews in progress, most recent first."""

    def resume_mock(self, mock_id: int, pack: Pack) -> InterviewRun: ...

    def discard_mock(self, mock_id: int) -> None: ...

    def mock_report(self, mock_id: int, pack: Pack | None) -> MockReport:
        """The debrief."""

    def mock_history(self) -> list[MockSummary]:
        """Finished interviews, most recent first (id, date, score, duration)."""

    def export_mock(self, mock_id: int, pack: Pack | None) -> Path:
        """Write the debrief as Markdown into the data dir; returns where it went."""


class Backend(MockBackend, Protocol):
    """Everything the app asks of the core."""

    tz: tzinfo
    """The learner's time zone: "today" is a day in it, and every date on screen is shown in it."""

    def clock(self) -> datetime:
        """Now, timezone-aware UTC (injected so tests control time)."""

    def packs(self) -> list[PackEntry]:
        """The packs found, built-in first."""

    def listed_packs(self) -> tuple[list[PackEntry], dict[str, PackCounts]] | None:
        """The packs as the pack index lists them (no pack loaded: `PackEntry.listed`), with
        their counts, if nothing changed since it was written; None otherwise. Cheap: the
        home screen shows it while `packs()` loads the packs."""

    def notices(self) -> list[str]:
        """One-line messages to show at start-up (e.g. a broken store was moved aside)."""

    def pack_warnings(self) -> list[str]:
        """One line each about the packs found, after `packs()`: a pack id found twice (and
        which pack is used), a TUTOR_PACKS entry that does not exist or holds no pack."""

    def rediscover_packs(self) -> list[PackEntry]:
        """Find and load the packs again, as a restart would (a pack that did not load, or
        changed its id, may now take an id from a less specific one); `packs()` and
        `pack_warnings()` answer for the new search from then on. Slow: call it in a worker."""

    def counts(self, pack: Pack | ListedPack) -> PackCounts:
        """Due, new (capped by today's new-card allowance) and studied cards of the pack (or
        of the pack as the index lists it: its id and question ids are all that count)."""

    def settings(self) -> Settings:
        """The learner's settings (defaults where nothing usable is stored)."""

    def save_settings(self, **changes: object) -> Settings:
        """Check and store `changes` at once; returns the settings now in force.

        Raises `tutor.settings.SettingError` (a ValueError, one line) for a value a
        setting cannot take, and stores nothing then. New values apply from the next
        count and the next study session.
        """

    def study_deck(self, pack: Pack) -> StudyDeck: ...

    def practice_deck(
        self,
        pack: Pack,
        *,
        topic: str | None,
        level: str | None,
        first: str | None = None,
        seen: Collection[str] = (),
    ) -> PracticeDeck:
        """A shuffled run through the filtered questions: `first` first, then the rest except
        those `seen` earlier in the same sitting (a palette jump or a reload goes on with it)."""

    def grade(self, check: Any, response: str) -> Grade:
        """Grade a response; may import SymPy and take seconds, so call it in a worker."""

    def record_correction(self, pack: Pack, question: Question, *, mode: Mode, response: str,
                          automatic: Grade, corrected: Grade, mock_id: int | None = None,
                          position: int | None = None) -> int:
        """Store the learner's corrected checklist of `response` at once (see `tutor.store.corrections`)."""

    def prepare_grading(self) -> None:
        """Get grading ready (e.g. start its SymPy process); called in a worker when a mode opens."""

    def rating_for(self, grade: Grade, seconds: float) -> Rating | None:
        """The rating to pre-select from a grade and the time taken (None: no suggestion)."""

    def expected_answer(self, check: Any) -> str:
        """The expected answer of a check, pretty-printed (may import SymPy: worker)."""

    def run_evidence(
        self, name: str, params: dict[str, Any], *, seed: int, should_cancel: ShouldCancel
    ) -> Result:
        """Run a simulation or derivation (worker); raises on bad params or cancellation."""

    def cached_evidence(self, name: str, params: dict[str, Any], *, seed: int) -> Result | None:
        """The result of an identical earlier run if it is still kept, else None (cheap: the
        event loop asks it while a question is shown)."""

    # ---- the lab, the stats and pack reloading ------------------------------------

    def simulations(self) -> list[EvidenceSpec]:
        """Every simulation's declaration (name, title, parameters with their ranges)."""

    def export_run(self, result: Result, *, plots: Sequence[Plot] | None = None) -> ExportedRun:
        """Save `result` as JSON and `plots` (default: its own) as text; returns the two paths."""

    def stats(self, pack: Pack) -> StatsSummary:
        """Answers per day, retention, forecast, mastery, streak and mock history (worker)."""

    def watch_pack(self, path: Path) -> PackWatcher:
        """A watcher over the pack at `path` (nothing is loaded until it is polled)."""
