"""`--pack PATH`, the option the app and several commands share (`tutor`, `tutor mock`, `tutor stats` ...).

Here rather than in `tutor.cli`, so that commands never import the module that dispatches to
them.
"""

from __future__ import annotations

import argparse
from pathlib import Path


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
