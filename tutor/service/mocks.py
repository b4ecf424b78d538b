"""Mock interviews for a front end: the settings asked for, the preview, the interviews left
unfinished, and the mock part of a `Backend` over the real study core and a SQLite store.

`tutor mock` checks its settings with the same `MockSettings` and `mock_preview` before it
opens the app, so the command line and the setup screen refuse the same interviews.

The settings, preview and unfinished interview types are in `tutor.service.mock_types`.

The backend part is a mixin, so the real `CoreBackend` and the tests' fake backend (real
store, fake clock, canned grades) share one implementation. The host class provides
`store`, `clock`, `tz` (the learner's zone, for the exported date), `grade(check, response)`
and `rng`; the core modules load on first use, so the home screen pays nothing for them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import Callable
    from datetime import tzinfo

    from tutor.grading.result import Grade
    from tutor.service.mock_run import InterviewRun
    from tutor.service.mock_types import MockPreview, MockSettings, UnfinishedMock
    from tutor.store.db import Store
    from tutor.study.mock import MockPlan
    from tutor.study.mock_report import MockReport, MockSummary

SEED_RANGE = 10_000
"""Seeds drawn for the learner stay short enough to type back in (`--seed`)."""


class MockBackendMixin:
    """`MockBackend` for a host with `store`, `clock`, `tz`, `grade` and `rng`."""

    clock: Callable[[], datetime]
    tz: tzinfo
    rng: random.Random
    grade: Callable[[Any, str], Grade]
    _next_seed: int | None = None  # the random seed previewed, kept until the interview starts

    if TYPE_CHECKING:  # the host's store may be a read-only (cached) property

        @property
        def store(self) -> Store: ...

    def mock_export_dir(self) -> Path:
        """Where the debrief key writes Markdown: the same folder as the lab's exports."""
        from tutor.paths import exports_dir

        return getattr(self, "exports_dir", None) or exports_dir()

    def _plan(self, pack: Any, settings: MockSettings, seed: int) -> MockPlan:
        from tutor.study.mock import plan_mock

        return plan_mock(
            pack, questions=settings.questions, minutes=settings.minutes, seed=seed,
            levels=list(settings.levels) or None, topics=list(settings.topics) or None,
        )

    def _seed_for(self, settings: MockSettings) -> int:
        """The seed asked for, or one random seed drawn for the setup screen and kept until the
        interview starts: the preview shows the interview that will start, not another draw."""
        if settings.seed is not None:
            return settings.seed
        if self._next_seed is None:
            self._next_seed = self.rng.randrange(SEED_RANGE)
        return self._next_seed

    def mock_preview(self, pack: Any, settings: MockSettings) -> MockPreview:
        plan = self._plan(pack, settings, self._seed_for(settings))
        levels: dict[str, int] = {}
        for item in plan.items:
            levels[item.level] = levels.get(item.level, 0) + 1
        from tutor.service.mock_types import MockPreview

        return MockPreview(
            questions=len(plan.items), by_level=tuple(levels.items()),
            follow_ups=sum(len(item.follow_ups) for item in plan.items), seconds=plan.total_seconds, seed=plan.seed,
        )

    def start_mock(self, pack: Any, settings: MockSettings) -> InterviewRun:
        from tutor.service.mock_run import InterviewRun
        from tutor.study.mock import MockInterview

        seed = self._seed_for(settings)
        self._next_seed = None  # the next interview gets a draw of its own
        plan = self._plan(pack, settings, seed)
        return InterviewRun(MockInterview.start(pack, self.store, plan, clock=self.clock), self.grade)

    def unfinished_mocks(self) -> list[UnfinishedMock]:
        from tutor.service.mock_types import UnfinishedMock
        from tutor.study.mock import unfinished

        found = []
        for record in unfinished(self.store):
            steps = self.store.mocks.steps(record.id)
            found.append(UnfinishedMock(
                mock_id=record.id, pack_id=record.pack_id, started_at=record.started_at,
                remaining_seconds=max(0.0, record.time_limit_seconds - sum(step.elapsed for step in steps)),
                done=sum(1 for step in steps if step.follow_up_index is None and step.outcome is not None),
                questions=len(record.plan["items"]),
            ))
        return found

    def resume_mock(self, mock_id: int, pack: Any) -> InterviewRun:
        """The interview as it was last saved. One whose time ran out meanwhile comes back
        with `time_up()` true: the screen grades its draft in a worker and hands it in."""
        from tutor.service.mock_run import InterviewRun
        from tutor.study.mock import resume

        return InterviewRun(resume(self.store, mock_id, pack, clock=self.clock), self.grade)

    def discard_mock(self, mock_id: int) -> None:
        from tutor.study.mock import discard

        discard(self.store, mock_id, clock=self.clock)

    def mock_report(self, mock_id: int, pack: Any) -> MockReport:
        from tutor.study.mock import report

        return report(self.store, mock_id, pack)

    def mock_history(self) -> list[MockSummary]:
        from tutor.study.mock import history

        return history(self.store)

    def export_mock(self, mock_id: int, pack: Any) -> Path:
        from tutor.paths import ensure_dir
        from tutor.study.mock import to_markdown

        path = ensure_dir(self.mock_export_dir()) / f"mock-{mock_id}.md"
        path.write_text(to_markdown(self.mock_report(mock_id, pack), tz=self.tz), encoding="utf-8")
        return path
