"""`tutor mock`: start a timed mock interview in the app, list past ones, export a debrief.

    tutor mock [--pack P] [--questions N] [--minutes M] [--levels L,...] [--topics T ...] [--seed S]
    tutor mock --history
    tutor mock --export FILE.md [--id N]
    tutor mock --json [--id N]

The settings are checked before the app opens, so a typo is one line on stderr (exit 2)
rather than an app that opens on nothing. The reports come from the store through the
same core functions the debrief screen uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.commands.pack_option import add_pack_option

if TYPE_CHECKING:
    from tutor.service.mock_types import MockSettings
    from tutor.store.db import Store

LEVELS = ("basic", "intermediate", "advanced")


class BadInput(Exception):
    """A mistake in the command line: one line for stderr."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "mock",
        help="a timed mock interview, its history and its debrief",
        description="Open the app on a new timed mock interview (questions drawn from warm-up to hard, "
        "follow-ups, no feedback until the debrief), or list past interviews, or write one's debrief.",
    )
    add_pack_option(parser)
    parser.add_argument("--questions", type=int, default=5, metavar="N", help="main questions (default 5)")
    parser.add_argument("--minutes", type=float, default=10.0, metavar="M", help="length in minutes (default 10)")
    parser.add_argument("--levels", metavar="L,...", help="only these levels: basic,intermediate,advanced")
    parser.add_argument("--topics", nargs="+", metavar="T", help="only questions on these topics")
    parser.add_argument("--seed", type=int, metavar="S", help="repeat a draw (default: a random seed)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--history", action="store_true", help="list past mock interviews")
    action.add_argument("--export", type=Path, metavar="FILE.md", help="write a debrief as Markdown")
    action.add_argument("--json", action="store_true", help="print a debrief's data as JSON")
    parser.add_argument("--id", type=int, metavar="N", help="the interview to export (default: the latest finished)")
    parser.add_argument("--learner", metavar="NAME",
                        help="stamp the export with the learner's name (read by `tutor class summary`)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.learner is not None and args.export is None and not args.json:
            raise BadInput("--learner stamps an export: use it with --json or --export")
        if args.history:
            return _with_store(lambda store: _print_history(store, getattr(args, "pack", [])))
        if args.export is not None or args.json:
            return _with_store(lambda store: _write_report(store, args))
        return _start(args)
    except BadInput as error:
        print(f"tutor mock: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


# ---- a new interview ----------------------------------------------------------------


def settings_from(args: argparse.Namespace) -> MockSettings:
    """The interview asked for on the command line; BadInput for an impossible one."""
    from tutor.service.mock_types import MockSettings

    if args.questions < 1:
        raise BadInput(f"--questions must be at least 1, not {args.questions}")
    if not args.minutes > 0:
        raise BadInput(f"--minutes must be more than 0, not {args.minutes:g}")
    if args.seed is not None and args.seed < 0:
        raise BadInput(f"--seed must be 0 or more, not {args.seed}")
    levels = tuple(_split([args.levels] if args.levels else []))
    for level in levels:
        if level not in LEVELS:
            raise BadInput(f"unknown level '{level}' (choose from {', '.join(LEVELS)})")
    topics = tuple(_split(args.topics or []))
    return MockSettings(questions=args.questions, minutes=args.minutes, levels=levels, topics=topics,
                        seed=args.seed)


def _start(args: argparse.Namespace) -> int:
    from tutor.service.backend import CoreBackend
    from tutor.ui.app import run_app

    settings = settings_from(args)
    pack_paths = list(getattr(args, "pack", []))
    backend = CoreBackend(pack_paths)
    entry = _chosen_pack(backend.packs(), bool(pack_paths))
    known = {topic for question in entry.pack.questions for topic in question.topics}
    for topic in settings.topics:
        if topic not in known:
            raise BadInput(f"no topic '{topic}' in pack '{entry.id}' (its topics: {', '.join(sorted(known))})")
    try:
        backend.mock_preview(entry.pack, settings)
    except ValueError as error:
        raise BadInput(str(error)) from None

    def open_interview(app: Any) -> None:
        app.open_mode("mock", pack_id=entry.id, settings=settings, autostart=True)

    return run_app(pack_paths, start=open_interview, backend=backend)


def _chosen_pack(entries: list[Any], from_command_line: bool) -> Any:
    """The pack given with --pack (which must load), else the first that loads."""
    from tutor.service.entries import broken_request, pack_to_open

    broken = broken_request(entries) if from_command_line else None
    if broken is not None:
        raise BadInput(broken.error or f"{broken.title}: could not be loaded")
    chosen = pack_to_open(entries)
    if chosen is None:
        raise BadInput("no pack found (see `tutor packs`)")
    return chosen


def _split(values: list[str]) -> list[str]:
    """`a,b c` -> [a, b, c]: lists may be given with commas, spaces or both."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# ---- past interviews ------------------------------------------------------------------


def _with_store(action: Any) -> int:
    from tutor.store.db import StoreError, open_store

    try:
        store = open_store()
    except StoreError as error:
        raise BadInput(str(error)) from None
    with store:
        return action(store)


def _print_history(store: Store, pack_paths: list[Path]) -> int:
    from tutor.packs.discovery import chosen_packs
    from tutor.study.clock import format_local, local_timezone
    from tutor.study.mock import history
    from tutor.study.mock_words import percent_text
    from tutor.words import time_used_text

    try:
        chosen = chosen_packs(pack_paths) if pack_paths else None
    except LookupError as error:
        raise BadInput(str(error)) from None
    pack_ids = None if chosen is None else {entry.pack.id for entry in chosen if entry.pack is not None}
    summaries = [s for s in history(store) if pack_ids is None or s.pack_id in pack_ids]
    if not summaries:
        print("no finished mock interviews yet")
        return EXIT_OK
    local = local_timezone()
    rows = [("id", "date", "pack", "score", "time", "questions")]
    rows.extend(
        (str(s.mock_id), format_local(s.started_at, local), s.pack_id,
         percent_text(s.score),
         time_used_text(s.duration_seconds, s.time_limit_seconds), str(s.questions))
        for s in summaries
    )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    right = {0, 3, 5}
    for row in rows:
        cells = [cell.rjust(width) if column in right else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
    return EXIT_OK


def _write_report(store: Store, args: argparse.Namespace) -> int:
    from tutor.study.clock import local_timezone
    from tutor.study.mock import history, report, to_json, to_markdown
    from tutor.study.mock_words import percent_text

    mock_id = args.id
    if mock_id is None:
        finished = history(store)
        if not finished:
            raise BadInput("no finished mock interview yet (start one with `tutor mock`)")
        mock_id = finished[0].mock_id
    record = store.mocks.get(mock_id)
    if record is None:
        raise BadInput(f"no mock interview with id {mock_id} (see `tutor mock --history`)")
    from tutor.packs.discovery import find_packs

    found = find_packs(getattr(args, "pack", [])).find(record.pack_id)
    pack = found.pack if found is not None else None
    result = report(store, mock_id, pack)
    if args.json:
        print(json.dumps(to_json(result, learner=args.learner), indent=2, ensure_ascii=False))
        return EXIT_OK
    try:
        args.export.write_text(to_markdown(result, tz=local_timezone(), learner=args.learner), encoding="utf-8")
    except OSError as error:
        raise BadInput(f"{args.export}: {error.strerror}") from None
    print(f"wrote {args.export} (mock interview {mock_id}, score {percent_text(result.score)})")
    return EXIT_OK
