"""`tutor new DIR`: scaffold a pack with a worked example of every check kind."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="create a new pack from a worked example",
        description="Create DIR with pack.yaml and a questions file holding one worked example of "
        "every check kind, evidence with claims and test samples; it passes `tutor check` as made.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR", help="the folder to create (must not exist or be empty)")
    parser.add_argument("--id", dest="pack_id", help="pack id (default: from the folder name)")
    parser.add_argument("--title", help="pack title (default: from the folder name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.authoring.scaffold import ScaffoldError, scaffold

    try:
        files = scaffold(args.folder, pack_id=args.pack_id, title=args.title)
    except ScaffoldError as error:
        print(f"tutor new: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"tutor new: {args.folder}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in files:
        print(f"created {path}")
    print(f"next: edit the questions, then run `tutor validate {args.folder}` and `tutor check {args.folder}`")
    print("the authoring guide explains every field: `tutor guide` (or `tutor guide --path` for the file)")
    return EXIT_OK
