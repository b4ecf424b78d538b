"""`tutor sim`: list and run the NumPy simulations; text summary, terminal plot, or JSON."""

from __future__ import annotations

import argparse
import json

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.commands.evidence_args import fail, parse_params, print_listing, register_evidence_command


def register(subparsers: argparse._SubParsersAction) -> None:
    register_evidence_command(subparsers, "sim", "simulation", "run a simulation of backpropagation through time", run)


def run(args: argparse.Namespace) -> int:
    from tutor.evidence import registry

    if args.list or not args.name:
        print_listing(registry.all_specs("simulation"))
        return EXIT_OK
    try:
        spec = registry.get(args.name)
    except registry.UnknownEvidence as error:
        return fail("sim", str(error))
    if spec.kind != "simulation":
        return fail("sim", f"'{spec.name}' is a derivation: run `tutor derive {spec.name}`")
    given, options = parse_params(
        spec,
        args.rest,
        "sim",
        [
            ("--seed", {"type": int, "default": 0, "help": "random seed (default 0)"}),
            ("--json", {"action": "store_true", "help": "print the whole result as JSON"}),
            ("--no-plot", {"action": "store_true", "help": "print the summary without a plot"}),
            ("--width", {"type": int, "default": 78, "help": "plot width in columns"}),
            ("--height", {"type": int, "default": 20, "help": "plot height in rows"}),
        ],
    )
    try:
        result = registry.run(spec.name, given, seed=options.seed)
    except registry.ParamError as error:
        return fail("sim", f"{spec.name}: --{str(error).replace('_', '-')}")
    if options.json:
        print(json.dumps(result.to_json_dict()))
        return EXIT_OK
    from tutor.evidence.text import format_result

    print(format_result(result))
    if not options.no_plot:
        from tutor.evidence.plot_text import render_plot

        for plot in result.plots:
            print()
            print(render_plot(plot, width=options.width, height=options.height))
    return EXIT_OK if result is not None else EXIT_BAD_INPUT
