"""Save a run for later: the result as JSON (exactly what `tutor sim --json` prints) and
its plots as text (what `tutor sim` draws), side by side in one folder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tutor.evidence.result import Plot, Result

PLOT_WIDTH, PLOT_HEIGHT = 78, 20


@dataclass(frozen=True)
class ExportedRun:
    json_path: Path
    text_path: Path


def export_run(result: Result, folder: Path, when: datetime, *, plots: Sequence[Plot] | None = None) -> ExportedRun:
    """Write `NAME-seedS-YYYYMMDD-HHMMSS.json` and `.txt` into `folder` (created if missing).

    `plots` replaces the result's own plots in the text file (the lab passes its overlay
    of pinned runs, so the text shows what the screen showed); the JSON is the run alone.
    """
    from tutor.evidence.plot_text import render_plot
    from tutor.evidence.text import format_result

    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"{result.name}-seed{result.seed}-{when:%Y%m%d-%H%M%S}"
    json_path, text_path = base.with_suffix(".json"), base.with_suffix(".txt")
    json_path.write_text(json.dumps(result.to_json_dict()) + "\n", encoding="utf-8")
    drawn = [render_plot(plot, width=PLOT_WIDTH, height=PLOT_HEIGHT) for plot in (plots or result.plots)]
    text_path.write_text("\n\n".join([format_result(result), *drawn]) + "\n", encoding="utf-8")
    return ExportedRun(json_path, text_path)
