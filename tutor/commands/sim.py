"""`tutor sim`: list and run the NumPy simulations; text summary, terminal plot, or JSON."""

from __future__ import annotations

import argparse

from tutor.commands import EXIT_OK
from tutor.commands.evidence_args import (
    choose_evidence,
    param_failure,
    positive_int,
    print_json,
    register_evidence_command,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    register_evidence_command(subparsers, "sim", "simulation", "run a simulation of backpropagation through time", run)


def run(args: argparse.Namespace) -> int:
    from tutor.evidence import registry

    chosen = choose_evidence(
        args,
        "simulation",
        "sim",
        [
            ("--seed", {"type": int, "default": 0, "help": "random seed (default 0)"}),
            ("--json", {"action": "store_true", "help": "print the whole result as JSON"}),
            ("--no-plot", {"action": "store_true", "help": "print the summary without a plot"}),
            ("--width", {"type": positive_int, "default": 78, "help": "plot width in columns"}),
            ("--height", {"type": positive_int, "default": 20, "help": "plot height in rows"}),
        ],
    )
    if isinstance(chosen, int):
        return chosen
    spec, given, options = chosen
    try:
        result = registry.run(spec.name, given, seed=options.seed)
    except registry.ParamError as error:
        return param_failure("sim", spec, error)
    if options.json:
        print_json(result.to_json_dict())
        return EXIT_OK
    from tutor.evidence.text import format_result

    print(format_result(result))
    if not options.no_plot:
        from tutor.evidence.plot_text import render_plot

        for plot in result.plots:
            print()
            print(render_plot(plot, width=options.width, height=options.height))
    return EXIT_OK
