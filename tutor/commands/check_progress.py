"""`tutor check`'s progress: a one-line bar redrawn in place on a terminal, plain lines in a log.

The bar is redrawn with a carriage return, which only goes back to the start of the
*current* screen row: a line as wide as the terminal or wider wraps, and every redraw
then leaves a row behind (an 80-column terminal filled its scrollback with them). So a
line is cut to the terminal's width less one column (a line that fills the last column
leaves some terminals waiting to wrap), and padded to that width, so that a shorter
label overwrites a longer one and `finish` clears exactly what was drawn.
"""

from __future__ import annotations

import os
import shutil
from typing import Any, TextIO

BAR_WIDTH = 30
"""Cells of the bar when the terminal has room for it and a label of `LABEL_WIDTH`."""
MIN_BAR_WIDTH = 10
"""The bar shrinks to this before the label is cut further."""
LABEL_WIDTH = 40


def terminal_columns(stream: TextIO) -> int:
    """The width of the terminal `stream` writes to.

    Like `shutil.get_terminal_size`, but asked of `stream` (stderr here) rather than of
    stdout, which may be a pipe while stderr is the terminal: `COLUMNS` when set, then
    the terminal's own size, then shutil's answer (80 when nothing is known)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 0  # no file descriptor (a wrapped stream), or not a terminal after all
    return columns if columns > 0 else shutil.get_terminal_size().columns


def progress_line(done: int, total: int, label: str, width: int) -> str:
    """`[####......] done/total label`, exactly `width` characters long.

    The bar keeps `BAR_WIDTH` cells while a label of `LABEL_WIDTH` fits beside it, then
    shrinks to `MIN_BAR_WIDTH`; past that the label, and on a very narrow terminal the
    line itself, is cut."""
    counts = f"{done}/{total}"
    beside_bar = len("[] ") + len(counts) + len(" ")
    bar = max(MIN_BAR_WIDTH, min(BAR_WIDTH, width - beside_bar - LABEL_WIDTH))
    filled = bar * done // total if total else bar
    line = f"[{'#' * filled}{'.' * (bar - filled)}] {counts} {label}"
    return line[:width].ljust(width)


class Progress:
    """A progress bar on a terminal; one plain line per question otherwise (CI logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.current_question: str | None = None
        self.drawn = 0  # the width of the line on screen, for `finish` to clear

    def update(self, done: int, total: int, task: Any) -> None:
        if self.tty:
            width = max(terminal_columns(self.stream) - 1, 1)  # one column spare: no wrap
            line = progress_line(done, total, f"{task.question_id} {task.label}", width)
            self.stream.write("\r" + line)
            self.stream.flush()
            self.drawn = len(line)
        elif task.question_id != self.current_question:
            self.current_question = task.question_id
            print(f"checking {task.question_id} ({done}/{total})", file=self.stream)

    def finish(self) -> None:
        if self.tty and self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0
