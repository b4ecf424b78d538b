"""Bare `tutor`: a short summary of the packs found and how to use the subcommands."""

from __future__ import annotations

import argparse

from tutor.commands import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from tutor.packs.discovery import describe, discover

    for entry in discover(args.pack):
        print(describe(entry))
    print()
    print("Commands: tutor validate PATH | tutor packs | tutor sim --list | tutor derive --list")
    print("Run `tutor --help` or `tutor COMMAND --help` for details.")
    return EXIT_OK
