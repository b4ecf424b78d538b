"""One-line summaries of a pack: questions by level and by check kind."""

from __future__ import annotations

from collections import Counter

from tutor.packs.model import Pack
from tutor.packs.schema import CHECK_KINDS, Level
from tutor.words import plural


def summary_line(pack: Pack) -> str:
    """`rnn-gradients 1.0.0: 46 questions; levels basic 12, ...; checks self 6, ...`."""
    levels = Counter(q.level.value for q in pack.questions)
    kinds = Counter(q.check.kind for q in pack.questions)
    by_level = ", ".join(f"{level.value} {levels[level.value]}" for level in Level)
    by_kind = ", ".join(f"{kind} {kinds[kind]}" for kind in CHECK_KINDS)
    questions = plural(len(pack.questions), "question")
    return f"{pack.meta.id} {pack.meta.version}: {questions}; levels: {by_level}; checks: {by_kind}"

