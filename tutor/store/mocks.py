"""Mock interviews and their steps, written the moment each thing happens.

A mock row holds the plan (JSON, so the interview can be replayed and resumed even if
the pack changes) and the status; a step row appears when a question or follow-up is
shown, its `elapsed` and `draft` are refreshed while the learner types, and its
outcome, response and grade are written when it is answered, skipped or timed out.
The prompt and model answer are copied into the step so the debrief survives a
question disappearing from its pack.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from tutor.grading.result import ClaimCheck
from tutor.store.db import inserted_id
from tutor.store.times import from_text, optional_from_text, to_text

if TYPE_CHECKING:
    from tutor.store.db import Store

MockStatus = Literal["in_progress", "finished", "discarded"]
StepOutcome = Literal["answered", "timed_out", "skipped", "ended"]


@dataclass(frozen=True)
class MockRecord:
    id: int
    pack_id: str
    seed: int
    plan: dict[str, Any]
    time_limit_seconds: float
    status: MockStatus
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    queued: tuple[str, ...]


@dataclass(frozen=True)
class StepRecord:
    id: int
    mock_id: int
    position: int
    question_id: str
    follow_up_index: int | None
    prompt: str
    model_answer: str
    time_limit: float
    shown_at: datetime
    elapsed: float
    draft: str
    outcome: StepOutcome | None
    response: str | None
    answered_at: datetime | None
    auto_submitted: bool
    correct: bool | None
    score: float | None
    feedback: str
    notes: tuple[str, ...]
    invalid: bool
    undecided: bool
    variant: dict[str, Any] | None = None
    """The drawn variant shown at this step (`{"seed": S, "params": {...}}`), None for a fixed question."""
    claims: tuple[ClaimCheck, ...] = ()
    """The key points a free-text answer was read for, as graded (empty for other kinds)."""


class MockRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def create(
        self, *, pack_id: str, seed: int, plan: dict[str, Any], time_limit_seconds: float, started_at: datetime
    ) -> int:
        cursor = self._store.execute(
            "INSERT INTO mocks (pack_id, seed, plan_json, time_limit_seconds, started_at) VALUES (?, ?, ?, ?, ?)",
            (pack_id, seed, json.dumps(plan), time_limit_seconds, to_text(started_at)),
        )
        return inserted_id(cursor)

    def get(self, mock_id: int) -> MockRecord | None:
        row = self._store.query_one("SELECT * FROM mocks WHERE id = ?", (mock_id,))
        return None if row is None else _mock(row)

    def list(self, *, statuses: Sequence[MockStatus] | None = None, pack_id: str | None = None) -> list[MockRecord]:
        """Mock interviews, most recently started first."""
        clauses: list[str] = []
        parameters: list[object] = []
        if statuses is not None:
            clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
            parameters.extend(statuses)
        if pack_id is not None:
            clauses.append("pack_id = ?")
            parameters.append(pack_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._store.query(f"SELECT * FROM mocks{where} ORDER BY started_at DESC, id DESC", parameters)
        return [_mock(row) for row in rows]

    def finish(self, mock_id: int, *, finished_at: datetime, score: float | None, queued: Sequence[str]) -> None:
        self._store.execute(
            "UPDATE mocks SET status = 'finished', finished_at = ?, score = ?, queued_json = ? WHERE id = ?",
            (to_text(finished_at), score, json.dumps(list(queued)), mock_id),
        )

    def discard(self, mock_id: int, *, at: datetime) -> None:
        """Mark an interview discarded; its rows stay (nothing the learner did is deleted)."""
        self._store.execute(
            "UPDATE mocks SET status = 'discarded', finished_at = ? WHERE id = ? AND status = 'in_progress'",
            (to_text(at), mock_id),
        )

    # ---- steps -----------------------------------------------------------------------

    def show_step(
        self,
        mock_id: int,
        *,
        position: int,
        question_id: str,
        follow_up_index: int | None,
        prompt: str,
        model_answer: str,
        time_limit: float,
        shown_at: datetime,
        variant: Mapping[str, Any] | None = None,
    ) -> None:
        """Record that a step was put in front of the learner (idempotent per position);
        `variant` is the drawn variant whose prompt and model answer these are."""
        self._store.execute(
            "INSERT INTO mock_steps (mock_id, position, question_id, follow_up_index, prompt, model_answer, "
            "time_limit, shown_at, variant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (mock_id, position) DO NOTHING",
            (mock_id, position, question_id, follow_up_index, prompt, model_answer, time_limit, to_text(shown_at),
             None if variant is None else json.dumps(dict(variant), sort_keys=True)),
        )

    def save_progress(self, mock_id: int, position: int, *, elapsed: float, draft: str) -> None:
        self._store.execute(
            "UPDATE mock_steps SET elapsed = ?, draft = ? WHERE mock_id = ? AND position = ? AND outcome IS NULL",
            (elapsed, draft, mock_id, position),
        )

    def finish_step(
        self,
        mock_id: int,
        position: int,
        *,
        outcome: StepOutcome,
        response: str | None,
        answered_at: datetime,
        elapsed: float,
        auto_submitted: bool = False,
        correct: bool | None = None,
        score: float | None = None,
        feedback: str = "",
        notes: Sequence[str] = (),
        invalid: bool = False,
        undecided: bool = False,
        claims: Sequence[ClaimCheck] = (),
    ) -> None:
        self._store.execute(
            "UPDATE mock_steps SET outcome = ?, response = ?, answered_at = ?, elapsed = ?, draft = ?, "
            "auto_submitted = ?, correct = ?, score = ?, feedback = ?, notes = ?, invalid = ?, undecided = ?, "
            "claims = ? WHERE mock_id = ? AND position = ?",
            (
                outcome,
                response,
                to_text(answered_at),
                elapsed,
                response or "",
                int(auto_submitted),
                None if correct is None else int(bool(correct)),
                score,
                feedback,
                json.dumps(list(notes)),
                int(invalid),
                int(undecided),
                json.dumps([claim.to_dict() for claim in claims]) if claims else None,
                mock_id,
                position,
            ),
        )

    def steps(self, mock_id: int) -> builtins.list[StepRecord]:
        rows = self._store.query("SELECT * FROM mock_steps WHERE mock_id = ? ORDER BY position", (mock_id,))
        return [_step(row) for row in rows]


def _mock(row: Any) -> MockRecord:
    return MockRecord(
        id=row["id"],
        pack_id=row["pack_id"],
        seed=row["seed"],
        plan=json.loads(row["plan_json"]),
        time_limit_seconds=row["time_limit_seconds"],
        status=row["status"],
        started_at=from_text(row["started_at"]),
        finished_at=optional_from_text(row["finished_at"]),
        score=row["score"],
        queued=tuple(json.loads(row["queued_json"])),
    )


def _step(row: Any) -> StepRecord:
    return StepRecord(
        id=row["id"],
        mock_id=row["mock_id"],
        position=row["position"],
        question_id=row["question_id"],
        follow_up_index=row["follow_up_index"],
        prompt=row["prompt"],
        model_answer=row["model_answer"],
        time_limit=row["time_limit"],
        shown_at=from_text(row["shown_at"]),
        elapsed=row["elapsed"],
        draft=row["draft"],
        outcome=row["outcome"],
        response=row["response"],
        answered_at=optional_from_text(row["answered_at"]),
        auto_submitted=bool(row["auto_submitted"]),
        correct=None if row["correct"] is None else bool(row["correct"]),
        score=row["score"],
        feedback=row["feedback"],
        notes=tuple(json.loads(row["notes"])),
        invalid=bool(row["invalid"]),
        undecided=bool(row["undecided"]),
        variant=None if row["variant"] is None else json.loads(row["variant"]),
        claims=tuple(ClaimCheck.from_dict(claim) for claim in json.loads(row["claims"] or "[]")),
    )
