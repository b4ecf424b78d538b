"""The mock interview in a real terminal: tmux types a long answer at full speed and
presses enter at once; the store must hold the answer whole (issue 12's repro).

Each step is waited for by polling the pane or the store, never by a fixed sleep.
"""

from __future__ import annotations

import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: no real terminal")

ROOT = Path(__file__).resolve().parents[2]
ANSWER = (
    "The cell path of the LSTM is additive and gated, so the gradient along it is a sum rather than "
    "a product of Jacobians; the forget gate keeps it near one when the network chooses to remember, "
    "so errors flow back across hundreds of steps without vanishing. A vanilla RNN instead multiplies "
    "T-t Jacobians diag(phi'(a))*W, whose norms below 1 make the product shrink exponentially, and "
    "clipping only caps the large norms: it does nothing at all for the vanishing ones."
)
PASTED = "First: the Jacobian product shrinks.\nSecond: the gates add a path, c_t = f*c + i*g."


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(condition: Callable[[], object], what: str, seconds: float = 60.0) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # a poll interval, not a wait for something to happen
    raise AssertionError(f"never happened within {seconds:.0f} s: {what}")


def responses(store: Path) -> dict[int, str]:
    """The handed-in responses of the (only) interview, by step position."""
    if not store.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as connection:
            rows = connection.execute(
                "SELECT position, response FROM mock_steps WHERE outcome IS NOT NULL").fetchall()
    except sqlite3.OperationalError:  # not created yet, or being written
        return {}
    return {position: response for position, response in rows}


@pytest.fixture
def session(tmp_path: Path):
    name = f"tutor-mock-{uuid.uuid4().hex[:8]}"
    # A session's command gets the tmux *server's* environment, not this process's (a server may be
    # running already), so the variables go on the command line itself.
    command = shlex.join(["env", f"TUTOR_HOME={tmp_path}", f"PYTHONPATH={ROOT}", sys.executable, "-m", "tutor",
                          "mock", "--questions", "2", "--minutes", "10", "--seed", "3", "--topics", "interview"])
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command],
                   check=True, cwd=ROOT)
    try:
        yield name, tmp_path / "progress.sqlite3"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_a_long_answer_sent_at_full_speed_is_stored_whole(session) -> None:
    name, store = session
    pane = lambda: tmux("capture-pane", "-p", "-t", name)  # noqa: E731
    wait_for(lambda: "Question 1 of 2" in pane(), "the first question on screen")
    assert len(ANSWER) > 200
    tmux("send-keys", "-t", name, "-l", ANSWER)
    tmux("send-keys", "-t", name, "Enter")
    wait_for(lambda: 0 in responses(store), "the first answer stored")
    assert responses(store)[0] == ANSWER

    wait_for(lambda: "Question 1 of 2" not in pane(), "the next step on screen")
    tmux("set-buffer", "-b", name, PASTED)
    tmux("paste-buffer", "-p", "-d", "-b", name, "-t", name)  # a bracketed paste, line breaks kept
    tmux("send-keys", "-t", name, "Enter")
    wait_for(lambda: 1 in responses(store), "the pasted answer stored")
    assert responses(store)[1] == PASTED
