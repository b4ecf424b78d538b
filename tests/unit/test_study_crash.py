"""Killing the process (SIGKILL) at random moments loses nothing it reported as answered.

A child process answers flashcards, practice questions and mock interview steps in a
loop, printing one line after each call returns (the store has committed by then).
The parent waits until the child has reported a seeded random number of answers (a
condition, not a delay, so a slow machine cannot make the test vacuous), kills it a
further random moment later, mid-write, then checks that every reported answer
is in the store and the database is intact. Two children writing the same store at
once are killed the same way.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tutor.store import open_store
from tutor.store.times import from_text

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import sys
from pathlib import Path
from fsrs import Rating
from tutor.store import open_store
from tests.unit.core_fakes import FakeClock, hand_in, make_pack, make_question, practise, rate
from tutor.study.mock import MockInterview, plan_mock
from tutor.study.practice import PracticeSession
from tutor.study.queue import StudySession
import random

path, pack_id, start_day = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = open_store(path)
levels = ("basic", "intermediate", "advanced")
pack = make_pack(pack_id, [
    make_question(f"q{n:02d}", level=levels[n % 3], topics=[f"t{n % 4}"], follow_ups=[("More?", "Yes.")],
                  interview={"check": {"kind": "concepts", "concepts": [{"name": "right", "phrases": ["right"]}]}})
    for n in range(24)
])
clock = FakeClock()
clock.advance(days=start_day)
rng = random.Random(start_day)
print("ready", flush=True)
while True:
    study = StudySession(pack, store, clock=clock, new_per_day=8)
    while (item := study.current()) is not None:
        response = rng.choice("ab")
        rate(study, rng.choice(list(Rating)), response)
        print(f"study {item.question.id} {clock().isoformat()}", flush=True)
        clock.advance(seconds=7)
    practice = PracticeSession(pack, store, clock=clock, rng=rng, levels=["basic"])
    while not practice.done:
        practise(practice, rng.choice("ab"))
        print(f"practice {practice.last_review_id}", flush=True)
        practice.next()
        clock.advance(seconds=3)
    interview = MockInterview.start(pack, store, plan_mock(pack, questions=3, minutes=3, seed=rng.randrange(99)),
                                    clock=clock)
    while (step := interview.current_step()) is not None:
        clock.advance(seconds=2)
        hand_in(interview, "a")
        print(f"mock {interview.id} {step.position}", flush=True)
    clock.advance(days=1)
"""


class Child:
    """A child process with a thread collecting its complete stdout lines."""

    def __init__(self, store: Path, pack_id: str, start_day: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store), pack_id, str(start_day)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reported = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in self.process.stdout:
            if raw.endswith(b"\n"):
                line = raw.decode().rstrip("\n")
                if line == "ready":
                    self.ready.set()
                else:
                    with self._reported:
                        self.lines.append(line)
                        self._reported.notify_all()

    def wait_for_lines(self, count: int, timeout: float = 60) -> None:
        """Block until the child has reported at least `count` answers."""
        with self._reported:
            reached = self._reported.wait_for(lambda: len(self.lines) >= count, timeout=timeout)
        assert reached, (count, len(self.lines), self.process.poll())

    def kill(self) -> list[str]:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self.process.returncode == -signal.SIGKILL, self.process.stderr.read().decode()
        return self.lines


def check_reported(store_path: Path, pack_id: str, lines: list[str]) -> dict[str, int]:
    """Assert every reported answer is stored; return how many of each kind were checked."""
    seen = {"study": 0, "practice": 0, "mock": 0}
    with open_store(store_path) as store:
        assert store.query_one("PRAGMA integrity_check")[0] == "ok"
        for line in lines:
            kind, *fields = line.split()
            seen[kind] += 1
            if kind == "study":
                question_id, moment = fields[0], from_text(fields[1])
                matches = [
                    review
                    for review in store.reviews.for_question(pack_id, question_id)
                    if review.mode == "study" and review.reviewed_at == moment
                ]
                assert len(matches) == 1, line
                assert matches[0].rating is not None
                card = store.cards.get(pack_id, question_id)
                assert card is not None and card.last_review >= moment, line
            elif kind == "practice":
                review = store.reviews.get(int(fields[0]))
                assert review is not None and (review.pack_id, review.mode) == (pack_id, "practice"), line
            else:
                mock_id, position = int(fields[0]), int(fields[1])
                steps = {step.position: step for step in store.mocks.steps(mock_id)}
                assert steps[position].outcome == "answered" and steps[position].response == "a", line
    return seen


def wait_ready(*children: Child) -> None:
    for child in children:
        assert child.ready.wait(timeout=30), child.process.stderr.read().decode()


@pytest.mark.parametrize("seed", [20260302])
def test_sigkill_at_random_points_loses_no_reported_answer(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    store_path = tmp_path / "progress.sqlite3"
    totals = {"study": 0, "practice": 0, "mock": 0}
    for round_number in range(5):
        child = Child(store_path, "crash", start_day=round_number * 400)
        wait_ready(child)
        child.wait_for_lines(rng.randint(20, 120))
        time.sleep(rng.uniform(0, 0.02))
        lines = child.kill()
        for kind, count in check_reported(store_path, "crash", lines).items():
            totals[kind] += count
    assert totals["study"] > 0 and totals["practice"] > 0 and totals["mock"] > 0, totals


def test_two_processes_writing_at_once_are_both_kept(tmp_path: Path) -> None:
    rng = random.Random(7)
    store_path = tmp_path / "progress.sqlite3"
    open_store(store_path).close()
    children = {"left": Child(store_path, "left", 0), "right": Child(store_path, "right", 0)}
    wait_ready(*children.values())
    for child in children.values():
        child.wait_for_lines(20)
    time.sleep(rng.uniform(0, 0.05))
    reported = {pack_id: child.kill() for pack_id, child in children.items()}
    for pack_id, lines in reported.items():
        seen = check_reported(store_path, pack_id, lines)
        assert seen["study"] > 0, (pack_id, seen)
    with open_store(store_path) as store:
        packs = {row[0] for row in store.query("SELECT DISTINCT pack_id FROM reviews")}
    assert packs == {"left", "right"}
