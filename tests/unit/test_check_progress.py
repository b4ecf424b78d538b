"""`tutor check`'s progress bar fits the terminal it is drawn on, whatever its width.

The stream is a fake terminal: text is kept in memory, but `fileno()` is a real
pseudo-terminal whose window size the test sets, so the width is read the way a
real terminal's is."""

from __future__ import annotations

import fcntl
import io
import os
import struct
import termios
from types import SimpleNamespace

import pytest

from tutor.commands.check_progress import Progress, progress_line

TASK = SimpleNamespace(question_id="bptt-chain-rule", label="evidence[0].caption")


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal of `columns` columns."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.slave

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)
        super().close()


@pytest.fixture(autouse=True)
def no_columns_variable(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)


def drawn(columns: int, steps: list[tuple[int, int, SimpleNamespace]]) -> str:
    terminal = FakeTerminal(columns)
    try:
        progress = Progress(terminal)
        for done, total, task in steps:
            progress.update(done, total, task)
        progress.finish()
        return terminal.getvalue()
    finally:
        terminal.close()


def test_at_80_columns_each_line_is_79_wide_and_the_end_clears_79():
    text = drawn(80, [(102, 1380, TASK)])
    bar = "[#" + "." * 26 + "]"
    assert text == "\r" + f"{bar} 102/1380 bptt-chain-rule evidence[0].caption".ljust(79) + "\r" + " " * 79 + "\r"


def test_at_200_columns_the_bar_keeps_30_cells():
    text = drawn(200, [(690, 1380, TASK)])
    line = "[" + "#" * 15 + "." * 15 + "] 690/1380 bptt-chain-rule evidence[0].caption"
    assert text == "\r" + line.ljust(199) + "\r" + " " * 199 + "\r"


def test_a_long_label_is_cut_at_the_terminal_edge_and_a_shorter_one_overwrites_it():
    long_task = SimpleNamespace(question_id="exploding-necessary-not-sufficient", label="evidence[12].claims[3]")
    text = drawn(60, [(1, 1380, long_task), (2, 1380, TASK)])
    first, second, clear = text.split("\r")[1:4]
    assert first == "[" + "." * 10 + "] 1/1380 exploding-necessary-not-sufficient evid"
    assert second == ("[" + "." * 10 + "] 2/1380 bptt-chain-rule evidence[0].caption").ljust(59)
    assert clear == " " * 59


@pytest.mark.parametrize("columns", [12, 40, 80, 81, 120])
def test_no_redraw_reaches_the_last_column(columns):
    steps = [(done, 1380, TASK) for done in (1, 99, 1000, 1380)]
    pieces = drawn(columns, steps).split("\r")
    assert pieces[0] == "" and pieces[-1] == ""
    assert {len(piece) for piece in pieces[1:-1]} == {columns - 1}


def test_columns_variable_wins_over_the_terminal_size(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    assert drawn(200, [(1, 2, TASK)]).split("\r")[1] == progress_line(1, 2, "bptt-chain-rule evidence[0].caption", 49)


def test_not_a_terminal_gives_one_plain_line_per_question():
    log = io.StringIO()
    progress = Progress(log)
    other = SimpleNamespace(question_id="lstm-gates", label="answer")
    for done, task in [(1, TASK), (2, TASK), (3, other)]:
        progress.update(done, 3, task)
    progress.finish()
    assert log.getvalue() == "checking bptt-chain-rule (1/3)\nchecking lstm-gates (3/3)\n"
