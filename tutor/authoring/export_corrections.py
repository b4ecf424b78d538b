"""The learner's corrections as `tests:` samples, ready to paste into a pack's YAML.

A correction says how a real answer should have been graded; pasted under the question's
`tests:` it becomes a sample that `tutor check` runs, so a rubric that misread the answer
fails until it is fixed. One sample per response (the learner's last word), grouped per
question. Corrections that left the grade undecided carry no verdict and are left out, and so
are those whose last word agrees with the grader (a checklist toggled back, "I was right"
taken back): the rubric already grades them that way.

Each group is a comment naming the question and where its `tests:` is, then the list items
indented as that question's own samples are (6 spaces in the usual layout), so that the
group pastes unchanged on the line below `tests:`. A group is a valid YAML document on its
own (a list at that indentation); a heading `tests:` of its own would not paste anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.packs.model import Pack
    from tutor.packs.yaml_reader import Document
    from tutor.store.corrections import CorrectionRecord

DEFAULT_INDENT = 6
"""Where the items of `tests:` start in the layout the guide and `tutor new` use:
`  - id:` at 2, the question's fields at 4, `tests:` items at 6."""

HOW_TO_PASTE = (
    "# Paste each block below as it is, indentation included, on the line below its question's\n"
    "# `tests:` (the file and line are in the block's heading); a question without `tests:` gets\n"
    "# that line first, level with its `id:`. Then run `tutor check` on the pack."
)


@dataclass(frozen=True)
class _Place:
    """Where a question's samples go: the column of their dashes and a note saying where."""

    indent: int
    note: str


def exportable(record: CorrectionRecord) -> bool:
    """Whether a correction makes a sample: it has a verdict (not undecided) and the verdict
    differs from the grader's."""
    return not record.undecided and record.correct is not None and record.changes_verdict


def corrections_to_yaml(pack_id: str, records: Sequence[CorrectionRecord], pack: Pack | None) -> str:
    """YAML text: per question, a comment naming it and where it is, then its samples
    (`response`/`correct`/`score`) as list items indented to go under its `tests:`.

    `pack` (None when it is not found any more) gives the prompts and the places; a
    question no longer in the pack is still exported, with a comment saying so. The same
    response corrected twice (in practice, then in a mock's debrief) is one sample, with the
    later verdict: a test that repeats itself proves nothing more."""
    by_form: dict[tuple[str, bool], dict[str, CorrectionRecord]] = {}
    for record in records:
        if record.pack_id == pack_id and exportable(record):
            form = by_form.setdefault((record.question_id, _in_interview_form(record, pack)), {})
            form.pop(record.response, None)
            form[record.response] = record
    if not by_form:
        return f"# no corrections for pack {pack_id}\n"
    lines = [f"# Corrections for pack {pack_id} as `tests:` samples.", HOW_TO_PASTE]
    if pack is None:
        lines.append(f"# {pack_not_found(pack_id)}")
    for question_id, interview in sorted(by_form):
        question = pack.question(question_id) if pack is not None else None
        origin = pack.origins.get(question_id) if pack is not None else None
        asked = question.as_interview() if question is not None and interview else question
        about = _one_line(asked.prompt) if asked is not None else (
            "(no longer in the pack)" if pack is not None else "(its pack was not found)")
        place = _Place(DEFAULT_INDENT, "")
        if origin is not None:
            place = _place(origin.document, (*origin.path, "interview") if interview else origin.path)
        heading = f"# {question_id} (its interview form): {about}" if interview else f"# {question_id}: {about}"
        lines += ["", heading] + ([f"# {place.note}"] if place.note else [])
        pad = " " * place.indent
        for record in by_form[question_id, interview].values():
            lines.append(f"{pad}- response: {json.dumps(record.response, ensure_ascii=False)}")
            lines.append(f"{pad}  correct: {json.dumps(bool(record.correct))}")
            lines.append(f"{pad}  score: {record.score:.12g}")
    return "\n".join(lines) + "\n"


def pack_not_found(pack_id: str) -> str:
    """Why the blocks of a pack have no place: the pack was opened from a folder the packs found
    do not include (`tutor --pack PATH`), and naming the folder finds it."""
    return (f"pack {pack_id} is not among the packs found (see tutor packs): give its folder, "
            "`tutor export corrections PATH`, for each question's prompt, file and line")


def _in_interview_form(record: CorrectionRecord, pack: Pack | None) -> bool:
    """Whether the corrected answer was to the question's `interview:` form (a mock interview
    asks that form when there is one): its samples go under that form's own `tests:`, whose
    check grades them, not under the question's (a choice check would refuse free text)."""
    question = pack.question(record.question_id) if pack is not None else None
    return record.mode == "mock" and question is not None and question.interview is not None


def _place(document: Document, path: tuple[str | int, ...]) -> _Place:
    """The indentation of the existing samples of the fields at `path` (the question, or its
    interview form): the line of the first one read back from the file, or of a new `tests:`
    list level with those fields."""
    fields = _node(document.data, path)
    if not isinstance(fields, dict) or "tests" not in fields:
        level = "id" if not isinstance(fields, dict) or "id" in fields else next(iter(fields))  # a form has no id
        key = document.locate((*path, level), key=True)
        indent = key.column - 1 + 2 if key.column else DEFAULT_INDENT
        return _Place(indent, f"no `tests:` yet: add one level with its `{level}:` ({document.file}:{key.line}), "
                              "then paste below it")
    key = document.locate((*path, "tests"), key=True)
    note = f"paste below its `tests:` at {document.file}:{key.line}"
    indent = key.column - 1 + 2
    rows = document.text.splitlines()
    first = document.locate((*path, "tests", 0)) if fields["tests"] else key
    if first is not key and 1 <= first.line <= len(rows):
        before = rows[first.line - 1][: first.column - 1].rstrip()
        if before.endswith("-") and not before[:-1].strip():
            indent = len(before) - 1  # the column of the first sample's dash
    return _Place(indent, note)


def _node(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
