"""A printable study sheet of a pack, in Markdown."""

from __future__ import annotations

from tutor.packs.model import Pack
from tutor.packs.schema import ChoiceCheck, Level
from tutor.packs.variants import draw


def pack_to_markdown(pack: Pack) -> str:
    meta = pack.meta
    lines = [f"# {meta.title}", "", meta.description, "",
             f"Version {meta.version} · {', '.join(meta.authors)} · {meta.license}", ""]
    for level in Level:
        questions = [draw(q, 0).question for q in pack.questions if q.level == level]  # a variant: seed 0
        if not questions:
            continue
        lines += [f"## {level.value.capitalize()}", ""]
        for number, question in enumerate(questions, start=1):
            lines += [f"### {number}. {question.prompt}", "", f"*{question.id} · {', '.join(question.topics)}*", ""]
            if isinstance(question.check, ChoiceCheck):
                lines += [f"- **{o.key}.** {o.text}" for o in question.check.options] + [""]
            lines += [f"**Answer.** {question.answer}", "", question.explanation, ""]
            for follow_up in question.follow_ups:
                lines += [f"> **Follow-up:** {follow_up.prompt}", ">", f"> {follow_up.answer}", ""]
            if question.sources:
                lines += ["Sources: " + "; ".join(question.sources), ""]
    return "\n".join(lines).rstrip() + "\n"
