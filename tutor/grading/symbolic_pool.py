"""Asking the SymPy worker process for a verdict, with a hard deadline.

A small pool of idle worker processes (`symbolic_worker`) is kept so that only the first
symbolic grade pays for starting Python and importing SymPy (`warm_up` lets the app pay it
in the background at start). A request takes an idle worker or starts one; if no reply
comes by the deadline the worker is killed, whatever it was doing, and the caller hears
`timeout`. Concurrent callers each get their own worker, so none waits for another.

Verdicts the worker gave are remembered (a bounded LRU keyed by the whole request but its
id): the same question always puts the same request (its points come from a fixed seed),
and `tutor check` puts most of its requests several times (a variant question's model
answer and wrong answers for each draw, a sample also graded as a rubric): 1,504 requests,
320 distinct, on the built-in pack. SymPy's verdict on a request is a function of the
request, so a remembered one is the one it would give again; a timeout or failure is never
remembered.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_IDLE_WORKERS = 2
MAX_REMEMBERED = 1024
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class WorkerOutcome:
    """`status` is `done`, `timeout` or `failed`; `verdicts` are set only when done."""

    status: str
    verdicts: tuple[str, ...] = ()


class _Worker:
    def __init__(self) -> None:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, environment.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor.grading.symbolic_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env=environment,
        )
        self.replies: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_replies, name="sympy-worker-reader", daemon=True).start()

    def _read_replies(self) -> None:
        assert self.process.stdout is not None
        try:
            for line in self.process.stdout:
                self.replies.put(line)
        except (OSError, ValueError):
            pass
        self.replies.put(None)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, request: dict[str, Any], deadline: float) -> WorkerOutcome:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError):
            return WorkerOutcome("failed")
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self.replies.get(timeout=max(remaining, 0.0))
            except queue.Empty:
                return WorkerOutcome("timeout")
            if line is None:
                return WorkerOutcome("failed")
            try:
                reply = json.loads(line)
            except ValueError:
                continue  # not one of our replies (a stray print from a library)
            if reply.get("id") not in (request["id"], None):
                continue  # a late reply to an earlier request
            if "verdicts" not in reply:
                return WorkerOutcome("failed")
            return WorkerOutcome("done", tuple(reply["verdicts"]))

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        threading.Thread(target=self.process.wait, name="sympy-worker-reaper", daemon=True).start()


_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_request_ids = itertools.count(1)
_remembered: OrderedDict[str, WorkerOutcome] = OrderedDict()
_remembered_lock = threading.Lock()


def _take_worker() -> _Worker:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive:
                return worker
            worker.kill()
    return _Worker()


def _return_worker(worker: _Worker) -> None:
    with _idle_lock:
        if len(_idle) < MAX_IDLE_WORKERS and worker.alive:
            _idle.append(worker)
            return
    worker.kill()


def warm_up() -> None:
    """Start a worker now (it imports SymPy in its own process) so the first grade is quick.

    Never raises: if no process can be started, symbolic grades fall back to the numeric
    judge (and say `sympy:failed`).
    """
    with _idle_lock:
        if any(worker.alive for worker in _idle):
            return
    try:
        _return_worker(_Worker())
    except OSError:
        pass


def ask_sympy(
    answers: list[str],
    response: str,
    variables: list[str],
    functions: list[str] | None,
    points: list[dict[str, float]],
    deadline: float,
    *,
    notation: dict[str, str] | None = None,
) -> WorkerOutcome:
    """The worker's verdicts on `response` against each expected answer, by `deadline` (monotonic)."""
    question = {
        "answers": answers,
        "response": response,
        "variables": variables,
        "functions": functions,
        "notation": notation or {},
        "points": points,
    }
    key = json.dumps(question, sort_keys=True)
    with _remembered_lock:
        if key in _remembered:
            _remembered.move_to_end(key)
            return _remembered[key]
    request = {"id": next(_request_ids), **question}
    try:
        worker = _take_worker()
    except OSError:
        return WorkerOutcome("failed")
    outcome = worker.ask(request, deadline)
    if outcome.status == "done":
        _return_worker(worker)
        _remember(key, outcome)
    else:
        worker.kill()
        if outcome.status == "timeout":
            warm_up()  # start the replacement now, so the next grade does not wait for it
    return outcome


def _remember(key: str, outcome: WorkerOutcome) -> None:
    with _remembered_lock:
        _remembered[key] = outcome
        _remembered.move_to_end(key)
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)


@atexit.register
def shutdown() -> None:
    """Kill the idle workers (they also exit by themselves when our end of the pipe closes)
    and forget the remembered verdicts, so what follows is asked afresh."""
    with _remembered_lock:
        _remembered.clear()
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.kill()
