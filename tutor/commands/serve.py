"""`tutor serve`: the same app in a web browser, served by textual-serve.

textual-serve starts one app process per browser tab (`python -m tutor`, with the same
`--pack` options and environment, so the same progress store: the store already handles
several writers). Anyone who can reach the port can use the tutor as this user, so the
default host is the loopback address and any other host gets a one-line warning.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import shlex
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.commands.pack_option import add_pack_option

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the app in a web browser",
        description="Serve the app in a web browser (textual-serve): each browser tab runs its own app "
        "on the same progress store. Press Ctrl+C to stop.",
    )
    add_pack_option(parser)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach this server, when it is not http://HOST:PORT "
        "(behind a proxy, or when listening on 0.0.0.0)",
    )
    parser.set_defaults(run=run)


def app_command(packs: list[Path]) -> str:
    """The shell command textual-serve runs for each tab: this interpreter, this tutor, these packs."""
    parts = [sys.executable, "-m", "tutor"]
    for pack in packs:
        parts += ["--pack", str(pack.resolve())]
    return " ".join(shlex.quote(part) for part in parts)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str:
    return (
        f"tutor serve: warning: listening on {host}: anyone who can reach port {port} "
        f"can use the tutor as {getpass.getuser()}, with this user's progress"
    )


def problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, in one line, or None."""
    if not 1 <= args.port <= 65535:
        return f"--port must be between 1 and 65535, not {args.port}"
    for pack in getattr(args, "pack", []):
        if not pack.exists():
            return f"--pack {pack}: no such file or folder"
    return None


def run(args: argparse.Namespace) -> int:
    wrong = problem(args)
    if wrong is not None:
        print(f"tutor serve: {wrong}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not is_loopback(args.host):
        print(exposure_warning(args.host, args.port), file=sys.stderr)
    from textual_serve.server import Server

    server = Server(
        app_command(list(getattr(args, "pack", []))),
        host=args.host,
        port=args.port,
        title="tutor",
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the host is not this machine's
        print(f"tutor serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
