"""`tutor show QUESTION_ID [--seed S] [--json] [--pack P]`: a question as a learner sees it.

For a variant question that is the draw for the seed given (0 by default): the prompt, the model
answer and the check with the drawn values, so instructors and scripts can inspect the
variants `tutor check` proved. An unknown id is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK
from tutor.commands.pack_option import add_pack_option

SEED_LIMIT = 2**31
"""As `tutor.packs.variants.SEED_LIMIT` (not imported: building the parser stays light)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a question as the learner sees it (a variant: the draw for --seed)",
        description="Print a question as a learner would see it: the prompt, the model answer, the "
        "check with its drawn values and the evidence it cites. A question with parameters is drawn "
        "for --seed (default 0), as `tutor check` proves it.",
    )
    parser.add_argument("question_id", metavar="QUESTION_ID", help="the question's id")
    parser.add_argument("--seed", type=_seed, default=0, metavar="S", help="the variant's seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print the question as JSON")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.packs.discovery import chosen_packs
    from tutor.packs.variants import VariantError, draw

    try:
        entries = chosen_packs(getattr(args, "pack", []))
    except LookupError as error:
        print(f"tutor show: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    packs = [e.pack for e in entries if e.pack is not None]  # all of them: chosen_packs keeps loaded ones
    found = next(((pack, question) for pack in packs
                  if (question := pack.question(args.question_id)) is not None), None)
    if found is None:
        print(f"tutor show: {_unknown(args.question_id, entries)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    pack, question = found
    try:
        variant = draw(question, args.seed)
    except VariantError as error:
        print(f"tutor show: {question.id} seed {args.seed}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    shown = as_dict(pack.id, question, variant)
    print(json.dumps(shown, ensure_ascii=False, indent=2) if args.json else as_text(shown))
    return EXIT_OK


def as_dict(pack_id: str, question, variant) -> dict:
    """What `--json` prints: the drawn question, with the formula next to its value; captions
    are rendered from a run of their evidence (seed 0), as the app shows them."""
    from tutor.evidence.caption import caption_from_run

    drawn = variant.question
    check = drawn.check.model_dump(mode="json", exclude_defaults=True)
    check["kind"] = drawn.check.kind
    if drawn.check.kind == "numeric" and question.params:
        check["formula"] = question.check.answer
    return {
        "pack": pack_id,
        "id": drawn.id,
        "seed": variant.seed,
        "params": dict(variant.params),
        "values": {name: value for name, value in variant.values.items() if name not in variant.params},
        "prompt": drawn.prompt,
        "answer": drawn.answer,
        "explanation": drawn.explanation,
        "hints": list(drawn.hints),
        "follow_ups": [{"prompt": f.prompt, "answer": f.answer} for f in drawn.follow_ups],
        "check": check,
        "evidence": [{"name": item.name, "params": dict(item.params),
                      "caption": caption_from_run(item.caption, item.name, item.params)}
                     for item in drawn.evidence],
    }


def as_text(shown: dict) -> str:
    from tutor.packs.variants import describe

    head = f"{shown['id']} ({shown['pack']})"
    if shown["seed"] is not None:
        head += f"  seed {shown['seed']}: {describe(shown['params'])}"
    lines = [head, "", "Prompt", _indent(shown["prompt"]), "", "Model answer", _indent(shown["answer"]), "",
             f"Check ({shown['check']['kind']})", *_check_lines(shown["check"])]
    for index, follow_up in enumerate(shown["follow_ups"], start=1):
        lines += ["", f"Follow-up {index}", _indent(follow_up["prompt"]), _indent("→ " + follow_up["answer"])]
    for item in shown["evidence"]:
        params = ", ".join(f"{key}={value}" for key, value in item["params"].items())
        lines += ["", f"Evidence: {item['name']}" + (f" ({params})" if params else "")]
        if item["caption"]:
            lines.append(_indent(item["caption"]))
    return "\n".join(lines)


def _check_lines(check: dict) -> list[str]:
    from tutor import checks

    return checks.get(check["kind"]).describe(check)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _unknown(question_id: str, entries) -> str:
    ids = [question.id for entry in entries for question in entry.pack.questions]
    close = difflib.get_close_matches(question_id, ids, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    packs = ", ".join(entry.pack.id for entry in entries) or "none found"
    return f"unknown question id '{question_id}' (packs: {packs}){hint}"


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found '{text}'") from None
    if not 0 <= value < SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"a seed is between 0 and {SEED_LIMIT - 1}, found {value}")
    return value
