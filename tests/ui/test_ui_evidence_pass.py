"""A pass through the whole built-in pack: the evidence of the questions left behind is
freed (memory stays flat), and evidence still running when the learner moves on is
cancelled."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from pathlib import Path
from typing import Any

from fakes import FakeBackend, FakePack, running

from tutor.packs.loader import load_pack
from tutor.service.entries import PackEntry
from tutor.ui.app import TutorApp
from tutor.ui.widgets.evidence_item import EvidenceItemView
from tutor.ui.widgets.evidence_panel import EvidencePanel

BUILT_IN = Path(__file__).resolve().parents[2] / "content" / "rnn-gradients"
EXECUTOR_THREADS = min(32, (os.cpu_count() or 1) + 4)
"""asyncio's default executor, where Textual runs thread workers."""


def live(kind: type) -> int:
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())


class TextBackend(FakeBackend):
    """The fake backend, with every expected answer shown as text (the built-in pack has
    matrix answers, which the fake would hand over as lists)."""

    def expected_answer(self, check: Any) -> str:
        return str(super().expected_answer(check))


def test_memory_stays_flat_over_a_pass_through_the_whole_pack() -> None:
    """Every question with evidence answered at once and left with `n`: the evidence views
    alive beyond the current question's stay as few after the whole pack as after a third
    of it (they were 25 and 101 while the screen's query cache held every card left
    behind). A few may live on for a while, each held by the last worker a thread of the
    event loop's executor ran (Textual leaves it in the thread's context). Canned
    results; a pass takes close to a minute on a loaded machine, past
    the 30 s the other UI tests are given, so it runs its own event loop."""
    pack = load_pack(BUILT_IN)
    questions = tuple(q for q in pack.questions if q.evidence)
    entry = PackEntry(pack.id, str(pack.meta.title), None, builtin=True, pack=FakePack(pack.id, pack.meta, questions))
    app = TutorApp(TextBackend(packs_list=[entry]))
    left_behind: list[int] = []

    async def walk() -> None:
        async with running(app) as pilot:
            await pilot.press("p")
            for number, question in enumerate(questions, start=1):
                assert app.screen.question.id == question.id
                await app.workers.wait_for_complete()
                await pilot.press("ctrl+r")
                assert app.screen.query_one(EvidencePanel).done
                if number in (len(questions) // 3, len(questions)):
                    shown = len(app.screen.query(EvidenceItemView))
                    left_behind.append(live(EvidenceItemView) - shown)
                await pilot.press("n")

    asyncio.run(asyncio.wait_for(walk(), timeout=300))
    assert len(left_behind) == 2
    assert max(left_behind) <= EXECUTOR_THREADS, left_behind


async def test_moving_on_to_the_next_question_cancels_its_running_evidence(app: TutorApp, backend) -> None:
    backend.evidence_gate = threading.Event()  # each run blocks until released or cancelled
    async with running(app) as pilot:
        await pilot.press("p")
        await pilot.pause()
        first = app.screen.question.id
        [view] = app.screen.query_one(EvidencePanel).views
        assert view.running
        await pilot.press("ctrl+n")  # skip: the learner leaves the question before its evidence is in
        await pilot.pause()
        assert app.screen.question.id != first
        await pilot.press("ctrl+n")
        await pilot.pause()
        backend.evidence_gate.set()
        await app.workers.wait_for_complete()
        # both questions left behind had their run cancelled; the one shown ran to the end
        assert backend.cancelled == [run for run, _ in backend.evidence_runs[:2]]
        assert [run for run, _ in backend.evidence_runs] == [q.evidence[0].name for q in app.screen.pack.questions]
