"""The learner's corrections as `tests:` samples, ready to paste into a pack's YAML.

A correction says how a real answer should have been graded; pasted under the question's
`tests:` it becomes a sample that `tutor check` runs, so a rubric that misread the answer
fails until it is fixed. One sample per response (the learner's last word), grouped per
question, each group headed by a comment naming the question. Corrections that left the
grade undecided carry no verdict and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.store.corrections import CorrectionRecord


def corrections_to_yaml(pack_id: str, records: Sequence[CorrectionRecord], prompts: Mapping[str, str]) -> str:
    """YAML text: per question, a comment and a `tests:` list of `response`/`correct`/`score`.

    `prompts` maps question ids to their prompts (for the comment); a question no longer in
    the pack is still exported, with a comment saying so."""
    by_question: dict[str, list[CorrectionRecord]] = {}
    for record in records:
        if record.pack_id == pack_id and not record.undecided and record.correct is not None:
            by_question.setdefault(record.question_id, []).append(record)
    if not by_question:
        return f"# no corrections for pack {pack_id}\n"
    lines = [f"# Corrections for pack {pack_id}: paste each list under the question's `tests:`."]
    for question_id in sorted(by_question):
        prompt = prompts.get(question_id)
        about = _one_line(prompt) if prompt is not None else "(no longer in the pack)"
        lines += ["", f"# {question_id}: {about}", "tests:"]
        for record in by_question[question_id]:
            lines.append(f"  - response: {json.dumps(record.response, ensure_ascii=False)}")
            lines.append(f"    correct: {'true' if record.correct else 'false'}")
            lines.append(f"    score: {record.score:.12g}")
    return "\n".join(lines) + "\n"


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
