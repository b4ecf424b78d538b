"""`tutor packs`: list the packs found, built-in first, broken ones with their first error."""

from __future__ import annotations

import argparse
import sys

from tutor.commands import EXIT_OK
from tutor.commands.pack_option import add_pack_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "packs",
        help="list the packs found",
        description="List the packs in the built-in content, the user's packs folder "
        "(<data dir>/packs), the paths in TUTOR_PACKS and any --pack PATH. Where two packs "
        "share an id, the most specific is used (--pack, TUTOR_PACKS, user folder, installed "
        "package, built-in) and a warning on stderr says so.",
    )
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor import paths
    from tutor.packs.discovery import describe, find_packs

    found = find_packs(getattr(args, "pack", []))
    for entry in found.entries:
        print(describe(entry))
    for warning in found.warnings:
        print(f"tutor packs: warning: {warning}", file=sys.stderr)
    if not found.entries:
        print(f"no packs found (put packs in {paths.user_packs_dir()} or pass --pack PATH)")
    return EXIT_OK
