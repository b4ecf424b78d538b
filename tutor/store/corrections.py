"""The learner's corrections of free-text grades, as an append-only log.

A correction keeps the response, the whole corrected checklist and both verdicts (automatic
and corrected), so an author can turn it into a `tests:` sample of the pack. The latest row
for a response is the learner's last word; earlier rows stay as history.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.grading.result import ClaimCheck
from tutor.store.db import inserted_id
from tutor.store.times import from_text, to_text

if TYPE_CHECKING:
    from tutor.store.db import Store
    from tutor.store.reviews import Mode


@dataclass(frozen=True)
class CorrectionRecord:
    id: int
    pack_id: str
    question_id: str
    mode: str
    response: str
    claims: tuple[ClaimCheck, ...]
    automatic_correct: bool | None
    automatic_score: float | None
    correct: bool | None
    score: float | None
    undecided: bool
    mock_id: int | None
    position: int | None
    corrected_at: datetime

    @property
    def changes_verdict(self) -> bool:
        """Whether the learner's verdict differs from the grader's (a checklist toggled back,
        or "I was right" taken back, agrees with it: no sample for the author)."""
        return (self.correct, self.score) != (self.automatic_correct, self.automatic_score)


class CorrectionRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(
        self,
        *,
        pack_id: str,
        question_id: str,
        mode: Mode,
        response: str,
        claims: Sequence[ClaimCheck],
        automatic_correct: bool | None,
        automatic_score: float | None,
        correct: bool,
        score: float,
        undecided: bool,
        corrected_at: datetime,
        mock_id: int | None = None,
        position: int | None = None,
    ) -> int:
        """Append one correction (committed at once); return its id."""
        cursor = self._store.execute(
            "INSERT INTO corrections (pack_id, question_id, mode, response, claims_json, automatic_correct, "
            "automatic_score, correct, score, undecided, mock_id, position, corrected_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pack_id,
                question_id,
                mode,
                response,
                json.dumps([claim.to_dict() for claim in claims]),
                None if automatic_correct is None else int(bool(automatic_correct)),
                automatic_score,
                None if undecided else int(bool(correct)),
                None if undecided else float(score),
                int(undecided),
                mock_id,
                position,
                to_text(corrected_at),
            ),
        )
        return inserted_id(cursor)

    def all(self, pack_id: str | None = None) -> list[CorrectionRecord]:
        """Every correction (of one pack when given), oldest first."""
        where, parameters = ("WHERE pack_id = ? ", (pack_id,)) if pack_id is not None else ("", ())
        rows = self._store.query(f"SELECT * FROM corrections {where}ORDER BY corrected_at, id", parameters)
        return [_record(row) for row in rows]

    def latest(self, pack_id: str | None = None) -> list[CorrectionRecord]:
        """The learner's last word per answered response (per mock step, or per question and
        response text outside a mock), oldest first."""
        last: dict[tuple[object, ...], CorrectionRecord] = {}
        for record in self.all(pack_id):
            key = ((record.mock_id, record.position) if record.mock_id is not None
                   else (record.pack_id, record.question_id, record.response))
            last.pop(key, None)
            last[key] = record
        return list(last.values())

    def for_mock(self, mock_id: int) -> dict[int, CorrectionRecord]:
        """The latest correction of each step of a mock, by step position."""
        rows = self._store.query("SELECT * FROM corrections WHERE mock_id = ? ORDER BY corrected_at, id", (mock_id,))
        return {record.position: record for record in map(_record, rows) if record.position is not None}


def _record(row: sqlite3.Row) -> CorrectionRecord:
    return CorrectionRecord(
        id=row["id"],
        pack_id=row["pack_id"],
        question_id=row["question_id"],
        mode=row["mode"],
        response=row["response"],
        claims=tuple(ClaimCheck.from_dict(claim) for claim in json.loads(row["claims_json"])),
        automatic_correct=None if row["automatic_correct"] is None else bool(row["automatic_correct"]),
        automatic_score=row["automatic_score"],
        correct=None if row["correct"] is None else bool(row["correct"]),
        score=row["score"],
        undecided=bool(row["undecided"]),
        mock_id=row["mock_id"],
        position=row["position"],
        corrected_at=from_text(row["corrected_at"]),
    )
