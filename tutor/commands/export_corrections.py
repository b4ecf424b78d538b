"""`tutor export corrections [PACK]`: the learner's grade corrections as pack `tests:` samples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import EXIT_BAD_INPUT, EXIT_OK


def run(args: argparse.Namespace) -> int:
    from tutor.authoring.export_corrections import corrections_to_yaml, exportable, pack_not_found
    from tutor.packs.discovery import discover
    from tutor.store.db import StoreError, open_store

    wanted = None if args.pack is None else str(args.pack)
    packs = {entry.pack.id: entry.pack for entry in discover() if entry.pack is not None}
    if wanted is not None and wanted not in packs and Path(wanted).exists():
        from tutor.packs.loader import load_pack
        from tutor.packs.problems import PackError

        try:
            pack = load_pack(Path(wanted))
        except PackError as error:
            print(f"tutor export corrections: {error.lines()[0]}", file=sys.stderr)
            return EXIT_BAD_INPUT
        packs[pack.id], wanted = pack, pack.id
    try:
        store = open_store()
    except StoreError as error:
        print(f"tutor export corrections: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with store:
        records = [record for record in store.corrections.latest(wanted) if exportable(record)]
    corrected_ids = {record.pack_id for record in records}
    if wanted is not None and wanted not in packs and wanted not in corrected_ids:
        print(f"tutor export corrections: no pack '{wanted}' (see tutor packs)", file=sys.stderr)
        return EXIT_BAD_INPUT
    pack_ids = [wanted] if wanted is not None else sorted(corrected_ids)
    for pack_id in pack_ids:
        if pack_id not in packs and pack_id in corrected_ids:  # opened with --pack PATH, not found now
            print(f"tutor export corrections: {pack_not_found(pack_id)}", file=sys.stderr)
    if not pack_ids:
        text = "# no corrections yet\n"
    else:
        text = "\n".join(
            corrections_to_yaml(pack_id, records, packs.get(pack_id)) for pack_id in pack_ids
        )
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"tutor export: {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {args.output} ({len(records)} corrections)")
    return EXIT_OK

