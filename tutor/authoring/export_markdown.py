"""A printable study sheet of a pack, in Markdown.

Prompts and answers may run over several lines (a formula on a line of its own, a list
of options in the prose); each is kept whole: a multi-line prompt goes below its
heading rather than into it, and a follow-up is quoted line by line.
"""

from __future__ import annotations

from tutor.checks.kinds.choice import ChoiceCheck
from tutor.packs.model import Pack
from tutor.packs.schema import Level, Question
from tutor.packs.variants import PREVIEW_SEED, draw


def pack_to_markdown(pack: Pack) -> str:
    meta = pack.meta
    lines = [f"# {meta.title}", "", meta.description, "",
             f"Version {meta.version} · {', '.join(meta.authors)} · {meta.license}", ""]
    for level in Level:
        questions = [draw(q, PREVIEW_SEED).question for q in pack.questions if q.level == level]
        if not questions:
            continue
        lines += [f"## {level.value.capitalize()}", ""]
        for number, question in enumerate(questions, start=1):
            lines += _prompt_heading(number, question.prompt)
            lines += [f"*{question.id} · {', '.join(question.topics)}*", ""]
            if isinstance(question.check, ChoiceCheck):
                lines += [f"- **{o.key}.** {o.text}" for o in question.check.options] + [""]
            lines += [f"**Answer.** {question.answer}", "", question.explanation, ""]
            lines += _evidence_lines(question)
            for follow_up in question.follow_ups:
                lines += _quoted(f"**Follow-up:** {follow_up.prompt}") + [">"] + _quoted(follow_up.answer) + [""]
            if question.sources:
                lines += ["Sources: " + "; ".join(question.sources), ""]
    return "\n".join(lines).rstrip() + "\n"


def _evidence_lines(question: Question) -> list[str]:
    """One line per evidence item: its name and its caption, rendered from a run (seed 0)."""
    from tutor.evidence.caption import caption_from_run

    lines = []
    for item in question.evidence:
        caption = caption_from_run(item.caption, item.name, item.params).strip()
        lines.append(f"- Evidence `{item.name}`" + (f": {' '.join(caption.split())}" if caption else ""))
    return [*lines, ""] if lines else []


def _prompt_heading(number: int, prompt: str) -> list[str]:
    """`### 2. Prompt` for a one-line prompt; a longer one goes whole below `### 2.`."""
    text = prompt.strip()
    if "\n" not in text:
        return [f"### {number}. {text}", ""]
    return [f"### {number}.", "", text, ""]


def _quoted(text: str) -> list[str]:
    """Every line of `text` in the block quote (a bare `>` for a blank line)."""
    return [f"> {line}".rstrip() for line in text.strip().splitlines()]
