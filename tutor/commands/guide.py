"""`tutor guide [--path]`: the authoring guide for pack writers, wherever tutor is installed.

The guide is `content/README.md` in a checkout and ships in the wheel as
`tutor/_content/README.md`, so a pip-installed author can read it without the
repository; `tutor new` and the scaffolded questions file point here.
"""

from __future__ import annotations

import argparse
import sys

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "guide",
        help="print the authoring guide for pack writers",
        description="Print the authoring guide (the pack format, every check kind, evidence and "
        "claims, `tutor check`, sharing a pack). Pipe it to a pager: `tutor guide | less`.",
    )
    parser.add_argument("--path", action="store_true", help="print where the guide is instead of its text")
    parser.set_defaults(run=run)


def guide_path():
    """The guide's file: in the built-in content, installed or checked out."""
    from tutor import paths

    return paths.builtin_content_dir() / "README.md"


def run(args: argparse.Namespace) -> int:
    path = guide_path()
    if args.path:
        print(path)
        return EXIT_OK
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        print(f"tutor guide: {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
