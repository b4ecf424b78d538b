"""Shared by `tutor sim` and `tutor derive`: list evidence, and parse `--param value`
pairs against a declaration so that `tutor sim rnn --help` shows rnn's own parameters.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tutor.evidence.spec import EvidenceSpec


def register_evidence_command(
    subparsers: argparse._SubParsersAction, name: str, kind: str, help_text: str, run
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name,
        help=help_text,
        description=f"{help_text}. Run `tutor {name} --list` to see them, `tutor {name} NAME --help` "
        "for one's parameters.",
        add_help=True,
    )
    parser.add_argument("--list", action="store_true", help=f"list every {kind} with its parameters")
    parser.add_argument("name", nargs="?", help=f"the {kind} to run")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)
    return parser


def print_listing(specs: list[EvidenceSpec]) -> None:
    """Each declaration with its parameters: name, range, default and help."""
    for spec in specs:
        print(f"{spec.name}: {spec.title}")
        print(f"    {spec.summary}")
        for param in spec.params:
            default = ",".join(f"{v:g}" for v in param.default) if isinstance(param.default, tuple) else param.default
            print(f"    --{param.name.replace('_', '-')} ({param.describe_range()}; default {default}): {param.help}")
        if spec.notes:
            print(f"    note: {spec.notes}")
        print()


def parse_params(
    spec: EvidenceSpec, rest: list[str], command: str, extra_options: list[tuple[str, dict]]
) -> tuple[dict[str, Any], argparse.Namespace]:
    """Parse `rest` with a parser built from `spec`; returns (params given, options)."""
    parser = argparse.ArgumentParser(
        prog=f"tutor {command} {spec.name}",
        description=f"{spec.title}: {spec.summary}",
    )
    for param in spec.params:
        parser.add_argument(
            f"--{param.name.replace('_', '-')}",
            dest=f"param_{param.name}",
            metavar="VALUE",
            help=f"{param.help} ({param.describe_range()}; default {_default_text(param.default)})",
        )
    for flag, options in extra_options:
        parser.add_argument(flag, **options)
    namespace = parser.parse_args(rest)
    given = {
        param.name: getattr(namespace, f"param_{param.name}")
        for param in spec.params
        if getattr(namespace, f"param_{param.name}") is not None
    }
    return given, namespace


OTHER_COMMAND = {"simulation": ("derive", "derivation"), "derivation": ("sim", "simulation")}


def choose_evidence(args: argparse.Namespace, kind: str, command: str, extra_options: list[tuple[str, dict]]):
    """The listing, or the declaration named on the command line with its parsed options.

    Returns an exit code when the command is done (listing printed, or a bad name), else
    `(spec, params given, options)`.
    """
    from tutor.evidence import registry

    if args.list or not args.name:
        print_listing(registry.all_specs(kind))
        return 0
    try:
        spec = registry.get(args.name)
    except registry.UnknownEvidence as error:
        return fail(command, str(error))
    if spec.kind != kind:
        other_command, other_kind = OTHER_COMMAND[kind]
        return fail(command, f"'{spec.name}' is a {other_kind}: run `tutor {other_command} {spec.name}`")
    given, options = parse_params(spec, args.rest, command, extra_options)
    return spec, given, options


def param_failure(command: str, spec: EvidenceSpec, error: Exception) -> int:
    """`tutor sim: rnn: --input-scale: 11 is above the maximum 10` for a refused parameter;
    a refusal of the whole run (too large for memory) is its own sentence, as given."""
    name, _, message = str(error).partition(": ")
    if message and name in {param.name for param in spec.params}:
        return fail(command, f"{spec.name}: --{name.replace('_', '-')}: {message}")
    return fail(command, f"{spec.name}: {error}")


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; one line for a pipe or a file (smaller, and
    one record per line for tools that read lines)."""
    print(json.dumps(data, indent=2 if sys.stdout.isatty() else None))


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def fail(command: str, message: str) -> int:
    print(f"tutor {command}: {message}", file=sys.stderr)
    return 2


def _default_text(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(f"{v:g}" for v in value)
    return str(value)
