"""`tutor check PACK...`: prove packs (folders, files or pack ids): model answers, samples, evidence claims, rubrics.

Exit 0 when everything holds, 1 when some check failed, 2 when a pack is invalid, so
it can gate an instructor's CI.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from tutor.authoring import VARIANT_SEEDS
from tutor.commands import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from tutor.commands.check_progress import Progress
from tutor.commands.evidence_args import positive_int
from tutor.evidence.blas import one_blas_thread

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from tutor.authoring.style import StyleWarning
    from tutor.packs.model import Pack


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="prove packs: answers, samples, evidence claims and rubrics all hold",
        description="Prove each pack: every model answer is graded correct by its own check, every "
        "`tests:` sample gets its declared verdict, every evidence item runs and every claim holds "
        "for N seeds, no concept rubric accepts an empty answer or the prompt, and every variant question "
        "holds on each of its first --variant-seeds draws (answer, samples, wrong answers, evidence). "
        "Style warnings (a prompt that refers to another question, right options that are the longest) "
        "are printed but do not fail the check. "
        "Exit 0 if all hold, 1 if some failed, 2 if a pack is invalid.",
    )
    parser.add_argument("paths", nargs="+", metavar="PACK",
                        help="a pack folder or .yaml file, or the id of a pack `tutor packs` lists")
    parser.add_argument("--seeds", type=positive_int, default=3, metavar="N", help="seeds per simulation (default 3)")
    parser.add_argument("--variant-seeds", type=positive_int, default=VARIANT_SEEDS, metavar="N",
                        help=f"draws proven per variant question (default {VARIANT_SEEDS})")
    parser.add_argument("--jobs", type=int, default=None, metavar="J",
                        help="processes to run checks in (default: one per CPU for a pack of 200 checks "
                        "or more, else 1; 0 = one per CPU)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.heap import keep_freed_memory

    jobs = args.jobs if args.jobs is None or args.jobs > 0 else (os.cpu_count() or 1)
    keep_freed_memory()  # the command ends with the check: its arrays are reused, not faulted in anew
    # the check's matrices are small (an LSTM of 16 units over 32 sequences), so threaded BLAS
    # only adds hand-offs, and with --jobs the workers already fill the cores: two BLAS threads
    # in each worker fight over them (the adding-problem run took 2-4x the wall time under load)
    with one_blas_thread():
        if jobs is not None and jobs > 1:
            from tutor.authoring.workers import start_workers_early

            start_workers_early()  # inside: the fork server and its workers inherit one BLAS thread
        return _check(args, jobs)


def _check(args: argparse.Namespace, jobs: int | None) -> int:
    from tutor.authoring.proof import plan, processes_for, prove
    from tutor.packs.discovery import pack_location
    from tutor.packs.loader import load_pack
    from tutor.packs.problems import PackError, display_path

    status = EXIT_OK
    for argument in args.paths:
        try:
            path = pack_location(argument)
        except LookupError as error:
            print(f"tutor check: {error}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        try:
            pack = load_pack(path)
        except PackError as error:
            for line in error.lines():
                print(line, file=sys.stderr)
            if path.exists():  # a missing path says so in its one line
                print(f"{display_path(path)}: invalid pack, not checked", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        progress = Progress(sys.stderr)
        processes = processes_for(len(plan(pack, args.seeds, args.variant_seeds)), jobs)
        with _StyleWarnings(pack, in_background=processes > 1) as warnings:
            report = prove(pack, seeds=args.seeds, jobs=processes, variant_seeds=args.variant_seeds,
                           on_progress=progress.update)
            progress.finish()
            _print_summary(pack, report)
            for warning in warnings.result():
                print(f"warning: {warning}")
        if not report.ok and status == EXIT_OK:
            status = EXIT_FAILED
    return status


def _print_summary(pack, report) -> None:
    from tutor.authoring.proof import KINDS
    from tutor.words import plural

    total = sum(report.checked.values())
    print(f"{pack.meta.id}: {plural(len(pack.questions), 'question')}, {plural(total, 'check')}")
    print(f"  {'check':<10}{'run':>7}{'failed':>8}")
    for kind in KINDS:
        if kind in ("variant", "caption", "interview", "follow-up") and not report.checked[kind]:
            continue  # a pack without variant questions or captions keeps its four rows
        print(f"  {kind:<10}{report.checked[kind]:>7}{report.failed[kind]:>8}")
    for failure in report.failures:
        print(failure)
    print("all checks hold" if report.ok else f"{plural(len(report.failures), 'failure')}")


class _StyleWarnings:
    """Style warnings (a prompt leaning on another question, right options longest) do not
    fail the check: the answers still hold, but a learner would stumble. Reading them costs
    about half a second (every rubric phrase is matched against itself); while worker
    processes run the checks this process only waits, so it reads them then, in a thread
    (in one process the check's own grading runs here, and the two would share its caches)."""

    def __init__(self, pack: Pack, *, in_background: bool) -> None:
        self.pack = pack
        self.pool: ThreadPoolExecutor | None = None
        if in_background:
            from concurrent.futures import ThreadPoolExecutor

            from tutor.authoring.style import style_warnings

            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="style-warnings")
            self.pending = self.pool.submit(style_warnings, pack)

    def result(self) -> list[StyleWarning]:
        from tutor.authoring.style import style_warnings

        return self.pending.result() if self.pool is not None else style_warnings(self.pack)

    def __enter__(self) -> _StyleWarnings:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
