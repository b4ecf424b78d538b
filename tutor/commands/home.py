"""Bare `tutor`: open the app on the packs found (and any `--pack PATH`)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tutor.ui.app import run_app

    return run_app(list(args.pack))
