"""`tutor stats`: progress per pack (reviews, retention, forecast, mastery, streak, mocks)."""

from __future__ import annotations

import argparse
import sys

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.commands.pack_option import add_pack_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="show your progress per pack",
        description="Answers per day (every mode), retention, the due forecast, mastery by topic and level, "
        "the streak and the mock interview history, for every pack found (or those given with --pack).",
    )
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.packs.discovery import chosen_packs
    from tutor.store.db import StoreError, open_store
    from tutor.study import clock
    from tutor.study.stats import summary
    from tutor.study.stats_text import format_summary

    try:
        entries = chosen_packs(getattr(args, "pack", []))
    except LookupError as error:
        print(f"tutor stats: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        store = open_store()
    except StoreError as error:
        print(f"tutor stats: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with store:
        if store.notice:
            print(store.notice, file=sys.stderr)
        now = clock.system_clock()
        local = clock.local_timezone()
        for index, entry in enumerate(entries):
            if index:
                print()
            pack = entry.pack
            assert pack is not None  # chosen_packs keeps loaded packs only
            title = f"{pack.meta.title} ({pack.id})"
            print(format_summary(title, summary(pack, store, now, tz=local),
                                 local))
    if not entries:
        print("no packs found")
    return EXIT_OK
