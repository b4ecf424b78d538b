"""Snapshot of the key-point checklist after a free-text answer, one point corrected.

Deterministic: fake clock, a canned grade with claims, every worker finished.
"""

from __future__ import annotations

from fakes import backend_with, make_pack, submit

from tutor.grading.result import ClaimCheck, Grade
from tutor.ui.app import TutorApp

RESPONSE = "the jacobians multiply, and the signal fades"
GRADE = Grade(
    False, 0.0, "Could not decide: is 'fades' shrinking?", ("undecided", "hit:product"), undecided=True,
    claims=(ClaimCheck("product", "concept", "found", "the jacobians multiply", "product"),
            ClaimCheck("shrinks", "concept", "unsure", "the signal fades", "shrinks")),
)


def test_practice_checklist_with_a_point_corrected(snap_compare) -> None:
    async def answer_and_correct(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("p")
        await submit(pilot, RESPONSE)
        await pilot.pause()
        await pilot.press("down", "space")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = TutorApp(backend_with(make_pack(), grades={RESPONSE: GRADE}))
    assert snap_compare(app, terminal_size=(100, 30), run_before=answer_and_correct)
