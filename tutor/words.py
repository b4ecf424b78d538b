"""Small wording helpers shared by the CLI and the app."""

from __future__ import annotations

import re
from collections.abc import Iterable


def one_line(text: str, limit: int) -> str:
    """The first `limit` characters of `text` on one line, with an ellipsis if cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


SPELLINGS = {
    **{word: word.upper() for word in (
        "bptt", "tbptt", "rnn", "lstm", "gru", "cnn", "ssm", "lru", "rtrl", "sgd", "svd", "mnist",
        "gelu", "gpu", "fp16", "bf16", "fp32", "fp64", "ln", "mlp", "mse")},
    "nan": "NaN", "relu": "ReLU", "modrelu": "modReLU",
}
"""Words a topic slug writes in lower case that people spell otherwise ("bptt": BPTT)."""
HYPHENATED = frozenset({"non", "pre", "post", "self", "semi", "multi"})
"""Prefixes that keep their hyphen in a title ("non-normal": Non-normal, "pre-ln": Pre-LN)."""


def topic_title(slug: str) -> str:
    """A topic as people read it ("truncated-bptt" -> "Truncated BPTT", "why-rnns" -> "Why
    RNNs", "pre-ln" -> "Pre-LN"): packs name topics by slugs, which are for filters and files,
    not for tables."""
    words = [_spelled(word) for word in re.split(r"[-_.]", slug) if word]
    if not words:
        return slug
    title = words[0]
    for before, word in zip(words, words[1:]):
        title += ("-" if before.lower() in HYPHENATED else " ") + word
    return title[:1].upper() + title[1:]


def topics_text(slugs: Iterable[str]) -> str:
    """A question's topics as titles in one line ("BPTT, Vanishing")."""
    return ", ".join(map(topic_title, slugs))


def _spelled(word: str) -> str:
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word.endswith("s") and word[:-1] in SPELLINGS:
        return SPELLINGS[word[:-1]] + "s"
    return word


def in_words(slug: str) -> str:
    """A slug as words ("small-untouched" -> "small untouched"): how a point without a label
    of its own is shown."""
    return slug.replace("-", " ")


def listed(items: Iterable[str]) -> str:
    """Items in one line: names joined by commas ("product, shrinks"); statements, such as
    key points' labels ("a small gradient passes through untouched"), or items with a comma
    of their own, by semicolons, so each reads as one."""
    items = list(items)
    clauses = any("," in item or len(item.split()) >= CLAUSE_WORDS for item in items)
    return ("; " if clauses else ", ").join(items)


CLAUSE_WORDS = 4  # an item this long is a statement, not a name

PARTIAL_CREDIT = "key points count half until the answer is complete"
"""Why a free-text answer that is partly right scores what it does (1 of 2 key points: 25%):
the concepts rule, `tutor.grading.concepts.score_claims`, gives half the share of the points
needed. Said beside every partial score of a key-point answer the learner sees."""


def false_claim_credit(cap: str) -> str:
    """Why an answer graded wrong still scores (25%): its key points count, capped at `cap` by
    the false claim it states. Said beside that score in practice and in the debrief."""
    return f"for the key points made, at most {cap} with a false claim"


LIST_OF_TERMS = "this is a list of terms"
"""What the free-text grader says of an answer that only lists terms (it earns a quarter at
most, `tutor.grading.concepts.LIST_CAP`)."""
LIST_CREDIT = "a list of terms earns a quarter at most"


def partial_rule(feedback: str) -> str:
    """Why a key-point answer that is partly right scores what it does: the list-of-terms rule
    when the feedback says it is a list, else the half-share rule."""
    return LIST_CREDIT if LIST_OF_TERMS in feedback else PARTIAL_CREDIT


def plural(count: int, word: str) -> str:
    """`1 question`, `2 questions`, `0 questions` (regular English plurals only)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def clock_text(seconds: float) -> str:
    """`m:ss` for a duration (`0:17`, `5:00`, `12:03`), rounded down to whole seconds.

    The one format for time used and time limits, in the CLI (`tutor stats`, `tutor mock
    --history`, the Markdown debrief) and in the app (stats, history, debrief), so the
    same interview reads the same everywhere. Rounding down: 17.9 s used is `0:17`.
    """
    whole = int(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def time_used_text(used: float, limit: float) -> str:
    """`0:17 of 5:00`: time used of the time allowed."""
    return f"{clock_text(used)} of {clock_text(limit)}"
