"""Small fakes of the core for driving the UI: a pack, a store-less backend, canned grades
and canned evidence results. Real schema models (Question, PackMeta) and the real
Result type are used, so the screens see exactly the shapes the core produces.
"""

from __future__ import annotations

import random
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.evidence.registry import Cancelled
from tutor.evidence.result import Plot, Result, Series, Step
from tutor.grading.result import Grade
from tutor.packs.schema import PackMeta, Question
from tutor.service.corrections import CorrectionsBackendMixin
from tutor.service.entries import PackEntry
from tutor.service.mock_types import UnfinishedMock
from tutor.service.mocks import MockBackendMixin
from tutor.settings import Settings
from tutor.study.queue import PackCounts, Remaining

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tutor.store.db import Store
    from tutor.ui.app import TutorApp

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "why-vanish",
        "level": "basic",
        "topics": ["vanishing"],
        "prompt": "Why do gradients vanish in a vanilla RNN trained with BPTT?",
        "answer": "The gradient is a product of T − t step Jacobians diag(φ'(a_k))·W_hh; "
        "when their norms stay below 1 the product shrinks exponentially.",
        "explanation": "‖∏J‖ ≤ (γ·σ_max)^(T−t): below 1/γ the bound decays geometrically.",
        "hints": ["Write ∂L/∂h_t with the chain rule.", "What happens to 0.9^50?"],
        "follow_ups": [{"prompt": "Does clipping help here?", "answer": "No: clipping only caps large norms."}],
        "check": {
            "kind": "concepts",
            "concepts": [
                {"name": "product", "phrases": ["product of jacobians"]},
                {"name": "shrinks", "phrases": ["shrinks exponentially"]},
            ],
        },
        "evidence": [{"name": "rnn", "params": {"scale": 0.9}, "caption": "scale 0.9: the norm decays"}],
    },
    {
        "id": "sigmoid-bound",
        "level": "intermediate",
        "topics": ["activations"],
        "prompt": "What is the largest value of σ'(a), the derivative of the sigmoid?",
        "answer": "1/4, at a = 0.",
        "explanation": "σ' = σ(1 − σ) peaks where σ = 1/2.",
        "check": {"kind": "numeric", "answer": "1/4"},
        "interview": {"prompt": "Estimate the largest value of σ'(a), the sigmoid's derivative.",
                      "check": {"kind": "numeric", "answer": "1/4"}},
        "evidence": [{"name": "activation-bounds"}],
    },
    {
        "id": "lstm-path",
        "level": "advanced",
        "topics": ["gating", "vanishing"],
        "prompt": "Which path lets an LSTM carry gradients over long spans?",
        "answer": "The additive cell path c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t.",
        "explanation": "With f_t near 1 the factor ∂c_t/∂c_{t−1} stays near 1.",
        "check": {
            "kind": "choice",
            "options": [
                {"text": "The output gate", "feedback": "It scales h_t, not the cell path."},
                {"text": "The additive cell path", "correct": True},
                {"text": "The input embedding"},
            ],
        },
        "interview": {
            "prompt": "Which path lets an LSTM carry gradients over long spans, and why?",
            "check": {"kind": "concepts", "concepts": [{"name": "cell-path", "phrases": ["additive cell path"]}]},
        },
        "evidence": [{"name": "gated-vs-vanilla"}],
    },
]

META = {
    "id": "rnn-mini",
    "title": "RNN gradients (mini)",
    "version": "1.0",
    "description": "A three-question pack for UI tests.",
    "authors": ["tests"],
    "license": "MIT",
}


@dataclass(frozen=True)
class FakePack:
    id: str
    meta: PackMeta
    questions: tuple[Question, ...]
    path: Path | None = None


def make_pack(questions: list[dict[str, Any]] | None = None, **meta: Any) -> FakePack:
    pack_meta = PackMeta.model_validate({**META, **meta})
    return FakePack(pack_meta.id, pack_meta, tuple(Question.model_validate(q) for q in (questions or QUESTIONS)))


RIGHT = Grade(True, 1.0, "Found: product, shrinks.", ("hit:product", "hit:shrinks"))
PARTLY = Grade(False, 0.5, "Found: product. Missed: shrinks.", ("hit:product", "missed:shrinks"))
WRONG = Grade(False, 0.0, "That is not it.", ("selected:a", "wrong:a"))
INVALID = Grade.format_error("unbalanced parenthesis", "parenthesis", 2)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class FakeStudyDeck:
    questions: list[Question]
    records: list[dict[str, Any]]
    new_limit: int = 10

    def next_card(self) -> Question | None:
        return self.questions[0] if self.questions else None

    def remaining(self) -> Remaining:
        return Remaining(due=0, new=len(self.questions), learning=0, relearning=0)

    def waiting_until(self) -> datetime | None:
        return None

    def record(self, question: Question, *, response: str | None, grade: Any, rating: int, seconds: float) -> None:
        self.records.append(
            {"id": question.id, "response": response, "grade": grade, "rating": rating, "seconds": seconds}
        )
        self.questions.remove(question)
        if rating == 1:
            self.questions.append(question)  # same-day relearning: it comes back


@dataclass
class FakePracticeDeck:
    questions: list[Question]
    attempts: list[dict[str, Any]]
    overrides: list[str]
    hints_used: dict[str, int] = field(default_factory=dict)

    def hint(self, question: Question) -> str | None:
        used = self.hints_used.get(question.id, 0)
        if used >= len(question.hints):
            return None
        self.hints_used[question.id] = used + 1
        return question.hints[used]

    def next_question(self) -> Question | None:
        return self.questions.pop(0) if self.questions else None

    def remaining(self) -> int:
        return len(self.questions)

    def record(self, question: Question, *, response: str, grade: Any, seconds: float) -> None:
        self.attempts.append({"id": question.id, "response": response, "grade": grade, "seconds": seconds})

    def override(self, question: Question) -> None:
        self.overrides.append(question.id)

    def undo_override(self, question: Question, grade: Any) -> None:
        self.overrides.remove(question.id)
        self.attempts.append({"id": question.id, "override_undone": grade})

    def record_correction(self, question: Question, grade: Any) -> None:
        self.attempts.append({"id": question.id, "corrected": grade})

    def rate_self(self, question: Question, correct: bool) -> None:
        self.attempts.append({"id": question.id, "self_rated": correct})


def fake_result(name: str, params: dict[str, Any], seed: int) -> Result:
    """A canned result: simulations get a decaying and a growing line, derivations two steps."""
    if name in ("activation-bounds", "scalar-step"):
        return Result(
            name, "derivation", params, None, "max σ' = 1/4 at a = 0",
            steps=(
                Step("The derivative of the sigmoid", None, "quotient rule", unicode="σ'(a) = σ(a)·(1 − σ(a))"),
                Step("Its maximum", None, "σ = 1/2 at a = 0", unicode="max σ' = 1/4"),
            ),
        )
    steps = list(range(40))
    drift = 1 + seed / 100
    decay = Series("decay", steps, [0.9**k * drift for k in steps], label="σ_max = 0.9")
    growth = Series("growth", steps, [1.3**k if k < 30 else float("inf") for k in steps],
                    label="σ_max = 1.3", overflow_step=30)
    plot = Plot("‖∂L/∂h_t‖ by step", "steps back from T", "gradient norm", (decay, growth))
    return Result(name, "simulation", params, seed, f"0.9 decays, 1.3 overflows at step 30 (seed {seed})",
                  scalars={"first_over_last": 0.9**39}, plots=(plot,))


def fake_stats(today: datetime = START) -> Any:
    """A canned stats summary: some reviews, a forecast, mastery and two mock interviews."""
    from tutor.study.mock_report import MockSummary
    from tutor.study.stats import DayCount, Mastery, MasteryEntry, PracticeTally, StatsSummary

    day = today.date()
    reviews = tuple(DayCount(day - timedelta(days=29 - n), (n * 7) % 5 if n % 3 else 0) for n in range(30))
    forecast = tuple(DayCount(day + timedelta(days=n), [3, 1, 0, 2, 0, 0, 1][n % 7]) for n in range(14))
    levels = (MasteryEntry("basic", 0.82, 6.5, 1, 1), MasteryEntry("intermediate", 0.4, 2.0, 1, 1),
              MasteryEntry("advanced", 0.0, None, 1, 0))
    topics = (MasteryEntry("activations", 0.4, 2.0, 1, 1), MasteryEntry("gating", 0.0, None, 1, 0),
              MasteryEntry("vanishing", 0.41, 6.5, 2, 1))
    mocks = tuple(
        MockSummary(mock_id=number, pack_id="rnn-mini", started_at=today - timedelta(days=2 * (3 - number)),
                    finished_at=None, status="finished", score=score, duration_seconds=600 + 30 * number,
                    time_limit_seconds=900, questions=3)
        for number, score in ((3, 0.8), (2, 0.55), (1, 0.3))
    )
    return StatsSummary(reviews, 0.75, forecast, Mastery(topics, levels), 4, mocks, PracticeTally(5, 3, 4))


@dataclass
class FakeBackend(MockBackendMixin, CorrectionsBackendMixin):
    """A Backend over one or more fake packs. Study, practice and settings have no store
    (settings are checked by the real rules and kept in `saved_settings`); mock
    interviews run the real core over a store at `store_path` (default: in TUTOR_HOME,
    which the tests isolate), with this backend's fake clock and canned grades."""

    packs_list: list[PackEntry] = field(default_factory=list)
    clock: FakeClock = field(default_factory=FakeClock)
    tz: tzinfo = UTC
    """The learner's zone: pinned, so what the screens show never depends on the machine's."""
    grades: dict[str, Grade] = field(default_factory=dict)
    suggested: int = 3
    evidence_runs: list[tuple[str, int]] = field(default_factory=list)
    evidence_gate: threading.Event | None = None
    cancelled: list[str] = field(default_factory=list)
    evidence_kept: dict[tuple[str, int], Result] = field(default_factory=dict)
    """Results `cached_evidence` answers with (none by default: every item runs)."""
    records: list[dict[str, Any]] = field(default_factory=list)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)
    expected: dict[str, str] = field(default_factory=dict)
    packs_gate: threading.Event | None = None
    listed: tuple[list[PackEntry], dict[str, PackCounts]] | None = None
    """What `listed_packs` answers (the pack index); None: no index."""
    grading_prepared: bool = False
    exports_dir: Path | None = None
    stats_summary: Any = None
    store_path: Path | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    saved_settings: Settings = field(default_factory=Settings)
    warnings_about_packs: list[str] = field(default_factory=list)

    @cached_property
    def store(self) -> Store:
        from tutor.store import open_store

        return open_store(self.store_path, clock=self.clock)

    def unfinished_mocks(self) -> list[UnfinishedMock]:
        from tutor.paths import store_path

        if "store" not in self.__dict__ and not (self.store_path or store_path()).exists():
            return []  # no interview was ever started: do not create a store for every app test
        return super().unfinished_mocks()

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    def listed_packs(self) -> tuple[list[PackEntry], dict[str, PackCounts]] | None:
        return self.listed

    def packs(self) -> list[PackEntry]:
        if self.packs_gate is not None:
            self.packs_gate.wait(10)
        return self.packs_list

    def notices(self) -> list[str]:
        return []

    def pack_warnings(self) -> list[str]:
        return list(self.warnings_about_packs)

    def rediscover_packs(self) -> list[PackEntry]:
        return self.packs()

    def counts(self, pack: Any) -> PackCounts:
        seen = {record["id"] for record in self.records}
        unseen = len(pack.questions) - len(seen)
        return PackCounts(due=0, new=min(unseen, self.saved_settings.new_cards_per_day), studied=len(seen),
                          total=len(pack.questions))

    def study_deck(self, pack: Any) -> FakeStudyDeck:
        return FakeStudyDeck(list(pack.questions)[: self.saved_settings.new_cards_per_day], self.records)

    def settings(self) -> Settings:
        return self.saved_settings

    def save_settings(self, **changes: object) -> Settings:
        self.saved_settings = self.saved_settings.with_changes(changes)
        return self.saved_settings

    def practice_deck(self, pack: Any, *, topic: str | None, level: str | None,
                      first: str | None = None, seen: Any = ()) -> FakePracticeDeck:
        from tutor.study.practice import practice_order

        chosen = [q for q in pack.questions
                  if (topic is None or topic in q.topics) and (level is None or q.level.value == level)]
        return FakePracticeDeck(list(practice_order(chosen, first=first, seen=seen)), self.attempts, self.overrides)

    def grade(self, check: Any, response: str) -> Grade:
        return self.grades.get(response, WRONG)

    def prepare_grading(self) -> None:
        self.grading_prepared = True

    def rating_for(self, grade: Any, seconds: float) -> int:
        return self.suggested if grade.correct else (2 if grade.score > 0 else 1)

    def expected_answer(self, check: Any) -> str:
        return self.expected.get(check.kind, getattr(check, "answer", ""))

    def run_evidence(self, name: str, params: dict[str, Any], *, seed: int,
                     should_cancel: Callable[[], bool]) -> Result:
        self.evidence_runs.append((name, seed))
        if self.evidence_gate is not None:  # block until released or cancelled
            while not self.evidence_gate.wait(0.01):
                if should_cancel():
                    self.cancelled.append(name)
                    raise Cancelled(name)
        return fake_result(name, params, seed)

    def cached_evidence(self, name: str, params: dict[str, Any], *, seed: int) -> Result | None:
        return self.evidence_kept.get((name, seed))

    def simulations(self) -> list[Any]:
        from tutor.evidence.registry import all_specs

        return all_specs("simulation")

    def export_run(self, result: Result, *, plots: Any = None) -> Any:
        from tutor.evidence.export import export_run

        if self.exports_dir is None:
            raise OSError("no exports folder in this test")
        return export_run(result, self.exports_dir, self.clock(), plots=plots)

    def stats(self, pack: Any) -> Any:
        return self.stats_summary

    def watch_pack(self, path: Path) -> Any:
        from tutor.packs.watch import PackWatcher

        return PackWatcher(path)


def backend_with(*packs: FakePack, **options: Any) -> FakeBackend:
    entries = [PackEntry(p.id, str(p.meta.title), None, builtin=(i == 0), pack=p) for i, p in enumerate(packs)]
    return FakeBackend(packs_list=entries, **options)


@asynccontextmanager
async def running(app: TutorApp, size: tuple[int, int] = (100, 30)) -> AsyncIterator[Pilot]:
    """`app.run_test`, returning once the packs are loaded (they load in a worker)."""
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.packs_loaded
        yield pilot


async def submit(pilot: Pilot, text: str) -> None:
    """Put `text` in the answer box and press enter, then wait for the verdict.

    Typing key by key costs ~70 ms a key under Pilot; the keys themselves are tested
    elsewhere with short answers.
    """

    pilot.app.screen.query_one("#answer-input").value = text
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
