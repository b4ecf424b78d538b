"""Small wording helpers shared by the CLI and the app."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """`1 question`, `2 questions`, `0 questions` (regular English plurals only)."""
    return f"{count} {word}{'' if count == 1 else 's'}"
