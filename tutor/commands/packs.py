"""`tutor packs`: list the packs found, built-in first, broken ones with their first error, then
where the learner's own packs folder is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import EXIT_OK
from tutor.commands.pack_option import add_pack_option
from tutor.words import plural


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
    from tutor.packs.discovery import USER, describe, find_packs

    found = find_packs(getattr(args, "pack", []))
    for entry in found.entries:
        print(describe(entry))
    for warning in found.warnings:
        print(f"tutor packs: warning: {warning}", file=sys.stderr)
    print(your_packs(sum(entry.source == USER for entry in found.entries), paths.user_packs_dir()))
    return EXIT_OK


def your_packs(count: int, folder: Path) -> str:
    """Where the learner's own packs go, always (the authoring guide sends them here to find it)."""
    held = plural(count, "pack") if count else "empty: put a pack folder or .yaml file there"
    return f"Your packs: {folder} ({held})"
