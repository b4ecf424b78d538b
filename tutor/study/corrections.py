"""Keeping a learner's correction of a free-text grade, in any mode.

The correction is stored beside the response with both verdicts (see
`tutor.store.corrections`); in a mock interview it is tied to the step, and the report reads
it back so the debrief total, the history and the exports count the corrected score.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.store.db import Store

if TYPE_CHECKING:
    from tutor.store.reviews import Mode


def record_correction(
    store: Store,
    *,
    pack_id: str,
    question_id: str,
    mode: Mode,
    response: str,
    automatic: Any,
    corrected: Any,
    at: datetime,
    mock_id: int | None = None,
    position: int | None = None,
) -> int:
    """Store `corrected` (a regraded Grade with claims) as the learner's word on `response`."""
    return store.corrections.add(
        pack_id=pack_id, question_id=question_id, mode=mode, response=response, claims=corrected.claims,
        automatic_correct=None if automatic.undecided else bool(automatic.correct),
        automatic_score=None if automatic.undecided else float(automatic.score),
        correct=bool(corrected.correct), score=float(corrected.score), undecided=bool(corrected.undecided),
        corrected_at=at, mock_id=mock_id, position=position,
    )
