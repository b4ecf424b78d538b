"""Every attempt and review the learner makes, in every mode, as an append-only log.

One row per answer: study reviews carry the fsrs rating and the card state before the
review (0 = a new card), practice attempts carry hints used, mock answers the mock id.
"I was right" never edits a row: it appends an `overridden` row that `replaces` the
automatic verdict, so the history shows both.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from tutor.store.db import inserted_id
from tutor.store.times import from_text, to_text

if TYPE_CHECKING:
    from tutor.store.db import Store

Mode = Literal["study", "practice", "mock"]
NEW_CARD_STATE = 0
"""`card_state` of a study review of a card that had never been reviewed."""


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    pack_id: str
    question_id: str
    mode: Mode
    response: str | None
    correct: bool | None
    score: float | None
    feedback: str
    notes: tuple[str, ...]
    rating: int | None
    overridden: bool
    replaces: int | None
    seconds: float | None
    hints: int
    card_state: int | None
    mock_id: int | None
    reviewed_at: datetime
    variant: dict[str, Any] | None = None
    """The drawn variant answered (`{"seed": S, "params": {...}}`), None for a fixed question."""


class ReviewRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(
        self,
        *,
        pack_id: str,
        question_id: str,
        mode: Mode,
        reviewed_at: datetime,
        response: str | None = None,
        correct: bool | None = None,
        score: float | None = None,
        feedback: str = "",
        notes: Sequence[str] = (),
        rating: int | None = None,
        overridden: bool = False,
        replaces: int | None = None,
        seconds: float | None = None,
        hints: int = 0,
        card_state: int | None = None,
        mock_id: int | None = None,
        variant: Mapping[str, Any] | None = None,
    ) -> int:
        """Append one review (committed at once unless inside a transaction); return its id."""
        cursor = self._store.execute(
            "INSERT INTO reviews (pack_id, question_id, mode, response, correct, score, feedback, notes, "
            "rating, overridden, replaces, seconds, hints, card_state, mock_id, reviewed_at, variant) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pack_id,
                question_id,
                mode,
                response,
                None if correct is None else int(bool(correct)),
                None if score is None else float(score),
                feedback,
                json.dumps(list(notes)),
                None if rating is None else int(rating),
                int(overridden),
                replaces,
                seconds,
                hints,
                card_state,
                mock_id,
                to_text(reviewed_at),
                None if variant is None else json.dumps(dict(variant), sort_keys=True),
            ),
        )
        return inserted_id(cursor)

    def get(self, review_id: int) -> ReviewRecord | None:
        row = self._store.query_one("SELECT * FROM reviews WHERE id = ?", (review_id,))
        return None if row is None else _record(row)

    def for_question(self, pack_id: str, question_id: str) -> list[ReviewRecord]:
        rows = self._store.query(
            "SELECT * FROM reviews WHERE pack_id = ? AND question_id = ? ORDER BY reviewed_at, id",
            (pack_id, question_id),
        )
        return [_record(row) for row in rows]

    def between(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        pack_id: str | None = None,
        mode: Mode | None = None,
    ) -> list[ReviewRecord]:
        """Reviews with start <= reviewed_at < end (either bound optional), oldest first."""
        clauses: list[str] = []
        parameters: list[object] = []
        for clause, value in (
            ("reviewed_at >= ?", None if start is None else to_text(start)),
            ("reviewed_at < ?", None if end is None else to_text(end)),
            ("pack_id = ?", pack_id),
            ("mode = ?", mode),
        ):
            if value is not None:
                clauses.append(clause)
                parameters.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._store.query(f"SELECT * FROM reviews{where} ORDER BY reviewed_at, id", parameters)
        return [_record(row) for row in rows]

    def count_new_cards_introduced(self, pack_id: str, start: datetime, end: datetime) -> int:
        """How many cards of the pack got their first study review in [start, end)."""
        return self._store.query_int(
            "SELECT COUNT(DISTINCT question_id) FROM reviews WHERE pack_id = ? AND mode = 'study' "
            "AND card_state = ? AND reviewed_at >= ? AND reviewed_at < ?",
            (pack_id, NEW_CARD_STATE, to_text(start), to_text(end)),
        )

    def count(self) -> int:
        return self._store.query_int("SELECT COUNT(*) FROM reviews")


def _record(row: sqlite3.Row) -> ReviewRecord:
    return ReviewRecord(
        id=row["id"],
        pack_id=row["pack_id"],
        question_id=row["question_id"],
        mode=row["mode"],
        response=row["response"],
        correct=None if row["correct"] is None else bool(row["correct"]),
        score=row["score"],
        feedback=row["feedback"],
        notes=tuple(json.loads(row["notes"])),
        rating=row["rating"],
        overridden=bool(row["overridden"]),
        replaces=row["replaces"],
        seconds=row["seconds"],
        hints=row["hints"],
        card_state=row["card_state"],
        mock_id=row["mock_id"],
        reviewed_at=from_text(row["reviewed_at"]),
        variant=None if row["variant"] is None else json.loads(row["variant"]),
    )
