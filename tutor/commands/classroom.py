"""`tutor class summary FILE_OR_DIR...`: a class's mock interviews summarised from their exports.

    tutor class summary exports/ [--json | --markdown]

Reads the files `tutor mock --json` writes (folders are searched for `.json` files), reports
each unreadable file in one line on stderr and skips it, and prints the summary. Exit 2 when
no file could be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "class",
        help="summarise a class's mock interviews from their exports",
        description="Work with many learners' exported mock interviews (the files `tutor mock --json` writes).",
    )
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", title="actions", required=True)
    summary = actions.add_parser(
        "summary",
        help="per question and per topic, over many learners' mock interviews",
        description="Per question: how many were asked it, the share correct, the median time, the "
        "misconceptions detected and the follow-ups most often missed; per topic: the class's weakest "
        "topics, with a bar chart of topic scores.",
    )
    summary.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR",
                         help="export files, or folders searched for .json files")
    output = summary.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the summary as JSON")
    output.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    summary.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.study.class_summary import read_exports, summarise
    from tutor.study.class_text import to_json, to_markdown, to_text

    exports, skipped = read_exports(args.paths)
    for path, reason in skipped:
        print(f"tutor class: skipped {path}: {reason}", file=sys.stderr)
    if not exports:
        print("tutor class: no mock-interview export could be read (write them with `tutor mock --json`)",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    summary = summarise(exports, skipped)
    if args.json:
        print(json.dumps(to_json(summary), indent=2, ensure_ascii=False))
    elif args.markdown:
        print(to_markdown(summary), end="")
    else:
        print(to_text(summary), end="")
    return EXIT_OK
