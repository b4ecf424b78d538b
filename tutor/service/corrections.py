"""The corrections part of a `Backend`: store the learner's corrected checklist.

A mixin, so the real `CoreBackend` and the tests' fake backend share one implementation
over a real store; the host provides `store` and `clock`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from tutor.store.db import Store
    from tutor.store.reviews import Mode


class CorrectionsBackendMixin:
    """`record_correction` for a host with `store` and `clock`."""

    clock: Callable[[], datetime]

    if TYPE_CHECKING:  # the host's store may be a read-only (cached) property

        @property
        def store(self) -> Store: ...

    def record_correction(self, pack: Any, question: Any, *, mode: Mode, response: str, automatic: Any,
                          corrected: Any, mock_id: int | None = None, position: int | None = None) -> int:
        """Store the learner's corrected grade of `response` at once; return its id."""
        from tutor.study.corrections import record_correction

        return record_correction(self.store, pack_id=pack.id, question_id=question.id, mode=mode,
                                 response=response, automatic=automatic, corrected=corrected, at=self.clock(),
                                 mock_id=mock_id, position=position)
