"""The fork server the worker processes of `tutor check --jobs` come from.

Workers start from a fresh interpreter (forkserver), never as a fork of the checking
process: a fork copies whatever locks that process's threads hold (the SymPy worker pool's,
a logging handler's) and a child that needs one waits forever. The fork server is such an
interpreter, single-threaded, and it imports what every worker needs (WORKER_PRELOAD) once:
each worker is forked with those modules instead of importing them anew (~0.3 s of CPU
apiece). This module imports nothing heavy itself, so that the check command can start the
server first thing and its imports run while the command loads the pack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

#: The check's engine and NumPy (a simulation's own module is imported by the worker that runs it).
WORKER_PRELOAD = (
    "numpy", "tutor.authoring.proof", "tutor.authoring.variant_proof", "tutor.authoring.evidence_runs",
    "tutor.authoring.samples", "tutor.packs.loader", "tutor.packs.variants", "tutor.checks.answers",
    "tutor.grading.concepts", "tutor.grading.symbolic", "tutor.grading.numeric", "tutor.evidence.registry",
    "tutor.evidence.claims", "tutor.evidence.caption", "tutor.evidence.shows",
)


def worker_context() -> BaseContext:
    """The forkserver context, its server told to preload WORKER_PRELOAD (which counts only
    if it is told before the server starts: the first call of this process decides)."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *WORKER_PRELOAD])
    return context


def start_workers_early() -> None:
    """Start the fork server now (the check command does, before it loads the pack; `prove`
    starts it otherwise). It keeps this process's environment of this moment."""
    import multiprocessing.forkserver

    worker_context()
    multiprocessing.forkserver.ensure_running()
