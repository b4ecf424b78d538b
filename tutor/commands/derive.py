"""`tutor derive`: list and run the SymPy derivations; readable steps, LaTeX or JSON."""

from __future__ import annotations

import argparse

from tutor.commands import EXIT_OK
from tutor.commands.evidence_args import (
    choose_evidence,
    param_failure,
    print_json,
    register_evidence_command,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    register_evidence_command(subparsers, "derive", "derivation", "show a SymPy derivation step by step", run)


def run(args: argparse.Namespace) -> int:
    from tutor.evidence import registry

    chosen = choose_evidence(
        args,
        "derivation",
        "derive",
        [
            ("--latex", {"action": "store_true",
                         "help": "print a LaTeX document of the steps (compiles with pdflatex)"}),
            ("--json", {"action": "store_true", "help": "print the steps as JSON data"}),
        ],
    )
    if isinstance(chosen, int):
        return chosen
    spec, given, options = chosen
    from tutor.evidence.derivations.cache import run_cached

    try:
        result = run_cached(spec.name, given)
    except registry.ParamError as error:
        return param_failure("derive", spec, error)
    if options.json:
        print_json(result.to_json_dict())
    elif options.latex:
        from tutor.evidence.derivations.latex_document import latex_document

        print(latex_document(result, spec.title), end="")
    else:
        print(_text(result))
    return EXIT_OK


def _text(result) -> str:
    lines = [result.reading, ""]
    for number, step in enumerate(result.steps, start=1):
        lines.append(f"{number}. {step.statement}")
        lines.extend("   " + row for row in step.unicode.splitlines())
        lines.append(f"   ({step.justification})")
        lines.append("")
    return "\n".join(lines).rstrip()

