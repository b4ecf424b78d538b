"""Counted nouns read right in every message."""

from tutor.words import plural


def test_plural_uses_the_singular_only_for_one() -> None:
    assert [plural(count, "question") for count in (0, 1, 2)] == ["0 questions", "1 question", "2 questions"]
    assert plural(1, "past interview") == "1 past interview"
