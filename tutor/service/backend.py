"""The app's `Backend` over the real core: discovered packs, the SQLite store (progress and
settings), the study sessions, grading and the evidence registry. `tutor mock` builds the
same backend to check its settings before it hands it to the app.

Every core module is imported inside the method that needs it, so building the backend
and opening the home screen load neither SymPy nor NumPy; grading and evidence are
imported the first time an answer is checked or a piece of evidence runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.service.corrections import CorrectionsBackendMixin
from tutor.service.decks import SessionPracticeDeck, SessionStudyDeck
from tutor.service.mocks import MockBackendMixin

if TYPE_CHECKING:
    from tutor.evidence.export import ExportedRun
    from tutor.evidence.result import Plot, Result
    from tutor.evidence.result_cache import Key, ResultCache
    from tutor.evidence.spec import EvidenceSpec
    from tutor.grading.result import Grade
    from tutor.packs.watch import PackWatcher
    from tutor.service.entries import PackEntry
    from tutor.settings import Settings
    from tutor.store.db import Store
    from tutor.study.counts import PackCounts
    from tutor.study.rating import Rating
    from tutor.study.stats import StatsSummary


class CoreBackend(MockBackendMixin, CorrectionsBackendMixin):
    """Packs found on disk (plus `pack_paths`), progress in the user's store; mock
    interviews come from `MockBackendMixin`."""

    def __init__(
        self,
        pack_paths: Sequence[Path] = (),
        *,
        store_path: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
        tz: tzinfo | None = None,
        exports_dir: Path | None = None,
    ) -> None:
        from tutor.study.clock import local_timezone, system_clock

        self.pack_paths = [Path(p) for p in pack_paths]
        self.store_path = store_path
        self.clock: Callable[[], datetime] = clock or system_clock
        self.rng = rng or random.Random()
        self.tz = tz or local_timezone()
        self.exports_dir = exports_dir

    # ---- packs and progress -----------------------------------------------------

    @cached_property
    def store(self) -> Store:
        """Opened on first use; raises `tutor.store.StoreError` with a one-line reason."""
        from tutor.store import open_store

        return open_store(self.store_path, clock=self.clock)

    def notices(self) -> list[str]:
        """One-line messages for the learner about start-up (a store moved aside ...)."""
        return [self.store.notice] if self.store.notice else []

    @cached_property
    def _discovery(self) -> Any:
        from tutor.packs.discovery import find_packs

        return find_packs(self.pack_paths)

    @cached_property
    def _entries(self) -> list[PackEntry]:
        from tutor.packs.discovery import BUILTIN
        from tutor.packs.problems import display_path
        from tutor.service.entries import PackEntry

        wanted = {path.resolve() for path in self.pack_paths}
        entries: list[PackEntry] = []
        taken: set[str] = set()
        for found in self._discovery.used:  # one pack per id: the most specific one
            if found.pack is not None:
                base, title = found.pack.id, str(found.pack.meta.title)
            else:
                base = title = display_path(found.path)
            key, copy = base, 1
            while key in taken:  # a broken pack's path that reads like a pack id
                copy += 1
                key = f"{base} ({copy})"
            taken.add(key)
            problems = found.problems if found.error_count > 1 else ()
            entries.append(PackEntry(key, title, found.path, builtin=found.source == BUILTIN,
                                     pack=found.pack, error=found.error,
                                     problems=problems, requested=found.path.resolve() in wanted))
        return entries

    def packs(self) -> list[PackEntry]:
        entries = self._entries
        if not self._index_written:
            self._index_written = True
            self._write_index(entries)
        return entries

    _index_written = False

    def _index_roots(self) -> list[Path]:
        """Where packs are looked for: the pack index is valid only for the same places."""
        from tutor import paths

        return [paths.builtin_content_dir().resolve(), paths.user_packs_dir().resolve(),
                *(place.resolve() for place in paths.extra_pack_paths()),
                *(path.resolve() for path in self.pack_paths)]

    def _index_path(self) -> Path:
        from tutor.packs.index import INDEX_NAME
        from tutor.paths import cache_dir

        return cache_dir() / INDEX_NAME

    def listed_packs(self) -> tuple[list[PackEntry], dict[str, PackCounts]] | None:
        from tutor.packs.index import read_index
        from tutor.service.entries import PackEntry

        found = read_index(self._index_path(), self._index_roots())
        if found is None:
            return None
        entries = [PackEntry(item.key, item.title, Path(item.path), builtin=item.builtin, error=item.error,
                             requested=item.requested, listed=item.pack) for item in found]
        return entries, {entry.id: self.counts(entry.listed) for entry in entries if entry.listed is not None}

    def _write_index(self, entries: list[PackEntry]) -> None:
        """Keep what the home screen lists for the next start (`tutor.packs.index`)."""
        from tutor.packs.index import IndexedEntry, ListedPack, write_index

        items = []
        for entry in entries:
            pack = entry.pack
            listed = None if pack is None else ListedPack(
                pack.id, entry.title, str(pack.meta.version), str(pack.meta.description),
                tuple(question.id for question in pack.questions))
            items.append(IndexedEntry(entry.id, entry.title, str(entry.source), entry.builtin, entry.requested,
                                      listed, entry.error))
        write_index(self._index_path(), self._index_roots(), items)

    def pack_warnings(self) -> list[str]:
        return list(self._discovery.warnings)

    def rediscover_packs(self) -> list[PackEntry]:
        for name in ("_discovery", "_entries"):  # the cached search, as it was at start-up
            self.__dict__.pop(name, None)
        self._index_written = False  # the next start lists the packs as found now
        return self.packs()

    def counts(self, pack: Any) -> PackCounts:
        from tutor.study.counts import pack_counts

        new_per_day = self.settings().new_cards_per_day
        return pack_counts(pack, self.store, self.clock(), new_per_day=new_per_day, tz=self.tz)

    def study_deck(self, pack: Any) -> SessionStudyDeck:
        from tutor.study.queue import StudySession

        settings = self.settings()
        session = StudySession(pack, self.store, clock=self.clock, tz=self.tz, rng=self.rng,
                               new_per_day=settings.new_cards_per_day,
                               desired_retention=settings.desired_retention)
        return SessionStudyDeck(session)

    # ---- settings ---------------------------------------------------------------

    @cached_property
    def _settings(self) -> Settings:
        return self.store.settings.get()

    def settings(self) -> Settings:
        """Read from the store once (the app reads them at start, for the theme), then kept
        here: this window's own changes go through `save_settings`."""
        return self._settings

    def save_settings(self, **changes: object) -> Settings:
        self._settings = self.store.settings.update(**changes)
        return self._settings

    def practice_deck(
        self, pack: Any, *, topic: str | None, level: str | None, first: str | None = None,
        seen: Collection[str] = (),
    ) -> SessionPracticeDeck:
        from tutor.study.practice import PracticeSession, practice_order

        session = PracticeSession(
            pack, self.store, clock=self.clock, rng=self.rng,
            topics=None if topic is None else [topic], levels=None if level is None else [level],
        )
        session.questions = practice_order(session.questions, first=first, seen=seen)
        return SessionPracticeDeck(session)

    # ---- grading ----------------------------------------------------------------

    def grade(self, check: Any, response: str) -> Grade:
        """May call SymPy and take seconds: the app calls it in a worker, never on the event loop."""
        from tutor.checks.answers import grade

        return grade(check, response)

    def prepare_grading(self) -> None:
        """Start grading's SymPy worker process now, so the first symbolic answer is quick."""
        from tutor.grading import warm_up

        warm_up()

    def rating_for(self, grade: Any, seconds: float) -> Rating | None:
        from tutor.study.rating import rating_for

        return rating_for(grade, seconds)

    def expected_answer(self, check: Any) -> str:
        from tutor.checks.answers import expected_display

        return expected_display(check)

    # ---- evidence ---------------------------------------------------------------

    @cached_property
    def evidence_results(self) -> ResultCache:
        """The last results run, so a question shown again (or sharing a run) draws at once."""
        from tutor.evidence.result_cache import ResultCache

        return ResultCache()

    def _evidence_key(self, name: str, params: dict[str, Any], seed: int) -> Key:
        from tutor.evidence.registry import get
        from tutor.evidence.result_cache import result_key

        spec = get(name)
        return result_key(name, spec.resolve(params), seed if spec.kind == "simulation" else None)

    def cached_evidence(self, name: str, params: dict[str, Any], *, seed: int) -> Result | None:
        """The result of an earlier identical run, or None (bad parameters: None, and the
        run reports them). Cheap: the event loop calls it."""
        try:
            key = self._evidence_key(name, params, seed)
        except Exception:  # noqa: BLE001 - unknown name or bad parameters: the worker says which
            return None
        return self.evidence_results.get(key)

    def run_evidence(
        self, name: str, params: dict[str, Any], *, seed: int, should_cancel: Callable[[], bool]
    ) -> Result:
        """Simulations run with the seed (a costly one is kept on disk, so a later session
        draws it at once); derivations come from their cache (no SymPy on a hit); either comes
        from `evidence_results` when it ran before."""
        from tutor.evidence.registry import get, run

        def compute() -> Result:
            spec = get(name)
            if spec.kind == "derivation":
                from tutor.evidence.derivations.cache import run_cached

                return run_cached(name, params, should_cancel=should_cancel)
            from tutor.evidence.simulation_cache import run_kept

            return run_kept(name, spec.resolve(params), seed,
                            lambda: run(name, params, seed=seed, should_cancel=should_cancel))

        return self.evidence_results.get_or_run(self._evidence_key(name, params, seed), compute)

    # ---- the lab, the stats and pack reloading ------------------------------------

    def simulations(self) -> list[EvidenceSpec]:
        from tutor.evidence.registry import all_specs

        return all_specs("simulation")

    def export_run(self, result: Result, *, plots: Sequence[Plot] | None = None) -> ExportedRun:
        """Into `exports_dir` (default: the data dir's `exports` folder), stamped with the clock."""
        from tutor.evidence.export import export_run
        from tutor.paths import exports_dir

        return export_run(result, self.exports_dir or exports_dir(), self.clock(), plots=plots)

    def stats(self, pack: Any) -> StatsSummary:
        from tutor.study.stats import summary

        return summary(pack, self.store, self.clock(), tz=self.tz)

    def watch_pack(self, path: Path) -> PackWatcher:
        from tutor.packs.watch import PackWatcher

        return PackWatcher(Path(path))

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()


if TYPE_CHECKING:  # mypy checks that the real backend is what the app asks for
    from tutor.service.protocol import Backend

    _: type[Backend] = CoreBackend
