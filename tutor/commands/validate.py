"""`tutor validate PATH...`: the fast schema check of one or more packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.words import plural


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check packs against the format and report every error",
        description="Check each pack (a folder with pack.yaml, or a single .yaml file). "
        "Prints one summary line per valid pack; every problem as file:line:col: field: message. "
        "Exit 0 when all are valid, 2 otherwise.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="pack folder or file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.packs.loader import load_pack
    from tutor.packs.problems import PackError, display_path
    from tutor.packs.summary import summary_line

    status = EXIT_OK
    for path in args.paths:
        try:
            pack = load_pack(path)
        except PackError as error:
            status = EXIT_BAD_INPUT
            for line in error.lines():
                print(line, file=sys.stderr)
            count = len(error.problems)
            print(f"{display_path(path)}: {plural(count, 'problem')}", file=sys.stderr)
            continue
        print(f"{display_path(path)}: {summary_line(pack)}")
    return status
