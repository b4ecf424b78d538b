"""`tutor export anki|markdown PACK`: share a pack as an Anki deck or a study sheet;
`tutor export corrections [PACK]`: the learner's grade corrections as rubric samples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a pack as an Anki deck or a Markdown study sheet, or your grade corrections",
        description="Export a pack (a folder, a file or a pack id): `anki` writes an .apkg deck "
        "(prompt, answer, explanation, source); `markdown` writes a printable study sheet "
        "(to stdout unless -o is given); `corrections` writes your corrections of free-text grades "
        "as `tests:` samples to paste into the pack (PACK optional: every pack you corrected).",
    )
    parser.add_argument("format", choices=("anki", "markdown", "corrections"), help="what to write")
    parser.add_argument("pack", nargs="?", metavar="PACK",
                        help="a pack folder or file, or a pack id as `tutor packs` lists it")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "corrections":
        from tutor.commands.export_corrections import run as export_corrections

        return export_corrections(args)
    if args.pack is None:
        print(f"tutor export {args.format}: which pack? give its folder, file or id", file=sys.stderr)
        return EXIT_BAD_INPUT
    from tutor.packs.discovery import pack_location
    from tutor.packs.loader import load_pack
    from tutor.packs.problems import PackError

    try:
        pack = load_pack(pack_location(args.pack))
    except LookupError as error:
        print(f"tutor export: {error.args[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except PackError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if args.format == "markdown":
            from tutor.authoring.export_markdown import pack_to_markdown

            text = pack_to_markdown(pack)
            if args.output is None:
                sys.stdout.write(text)
                return EXIT_OK
            args.output.write_text(text, encoding="utf-8")
            print(f"wrote {args.output} ({len(pack.questions)} questions)")
            return EXIT_OK
        from tutor.authoring.export_anki import AnkiUnavailable, write_deck

        output = args.output or Path(f"{pack.id}.apkg")
        try:
            count = write_deck(pack, output)
        except AnkiUnavailable as error:
            print(f"tutor export: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"wrote {output} ({count} notes)")
        return EXIT_OK
    except OSError as error:
        print(f"tutor export: {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
