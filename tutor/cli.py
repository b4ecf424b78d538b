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
from tutor.commands.pack_option import add_pack_option

COMMANDS = (
    # a learner's commands first, then a class's, then a pack author's (`tutor --help` lists them so)
    "stats", "mock", "show", "sim", "derive", "packs", "export", "serve", "classroom",
    "new", "validate", "check", "guide",
)

DESCRIPTION = "A terminal tutor for machine-learning interviews, with evidence behind every answer."
EPILOG = """\
Run `tutor` alone to open the app on the packs found.
Data lives in the platform's user data dir; set TUTOR_HOME to use another folder.
Extra pack folders can be listed in TUTOR_PACKS (separated by the OS path separator).
"""


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
