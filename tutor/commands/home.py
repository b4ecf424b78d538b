"""Bare `tutor`: open the app on the packs found (and any `--pack PATH`); with
`--watch PATH`, on that pack, reloaded whenever its files change."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tutor.ui.app import run_app

    return run_app(list(args.pack), watch=args.watch)
