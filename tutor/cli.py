"""The `tutor` command line: parses arguments and dispatches to `tutor.commands`.

Each command lives in its own module with `register(subparsers)` and `run(args)`.
Bad input exits with status 2 and one line on stderr; nothing here does work itself.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from tutor import DISTRIBUTION, __version__

COMMANDS = (
    "validate", "packs", "check", "new", "export", "sim", "derive", "stats", "mock", "serve", "classroom", "guide",
    "show",
)

DESCRIPTION = "A terminal tutor for machine-learning interviews, with evidence behind every answer."
EPILOG = """\
Run `tutor` alone to open the app on the packs found.
Data lives in the platform's user data dir; set TUTOR_HOME to use another folder.
Extra pack folders can be listed in TUTOR_PACKS (separated by the OS path separator).
"""


def add_pack_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """`--pack PATH` (repeatable): a pack folder or file to use besides the ones found, or the id
    of a pack found (`tutor mock --pack rnn-gradients-advanced`)."""
    parser.add_argument(
        "--pack",
        action="append",
        type=pack_argument,
        metavar="PATH",
        default=[] if top_level else argparse.SUPPRESS,
        help="a pack folder or .yaml file, or the id of a pack `tutor packs` lists (repeatable)",
    )


def pack_argument(text: str) -> Path:
    """A --pack value as a path: a pack id is looked up only when no such file or folder exists."""
    from tutor.packs.discovery import pack_location

    try:
        return pack_location(text)
    except LookupError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{DISTRIBUTION} {__version__}")
    add_pack_option(parser, top_level=True)
    parser.add_argument(
        "--watch",
        type=Path,
        metavar="PATH",
        help="open the app on the pack at PATH and reload it whenever its files change",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMANDS:
        importlib.import_module(f"tutor.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from tutor.commands import home

            return home.run(args)
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # `tutor ... | head` closed the pipe: not an error of ours
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
