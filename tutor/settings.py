"""The learner's settings as one typed value, and the rule that checks each of them.

The rules live here, once, because three places read setting values from text: the
store (a key/value table of text), the settings screen (what the learner types) and
any future command line. Each rule turns text into a value or raises `SettingError`
with one line saying what is expected. Reading stored text is lenient on purpose: a
value edited by hand, written by a later tutor with other ranges, or damaged, reads as
that setting's default instead of stopping the app.

No I/O and no UI here: `tutor.store.settings` keeps the values, the UI shows them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

Value = int | float | str

DEFAULT_THEME = "tutor-dark"
"""The name of `tutor.ui.themes.TUTOR_DARK` (the core cannot import Textual; a test ties the two)."""

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
THEME_NAME_LIMIT = 64


class SettingError(ValueError):
    """A value a setting cannot take: `reason` says what is expected (shown beside the field)."""

    def __init__(self, label: str, text: str, reason: str) -> None:
        super().__init__(f"{label}: {text!r} is not allowed: {reason}")
        self.label = label
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class NumberRule:
    """A whole or decimal number within inclusive bounds."""

    label: str
    summary: str
    kind: type[int] | type[float]
    low: int | float
    high: int | float

    @property
    def expected(self) -> str:
        if self.kind is int:
            return f"expected a whole number from {self.low:d} to {self.high:d}"
        return f"expected a number from {self.low:.2f} to {self.high:.2f}"

    def parse(self, text: str) -> Value:
        """The value written as `text`, or SettingError (NaN and infinities are out of range)."""
        stripped = text.strip()
        try:
            if self.kind is int and not _WHOLE_NUMBER.fullmatch(stripped):
                raise ValueError(stripped)
            value = self.kind(stripped)
        except ValueError:
            raise SettingError(self.label, text, self.expected) from None
        if not self.low <= value <= self.high:  # False for NaN too
            raise SettingError(self.label, text, self.expected)
        return value


@dataclass(frozen=True)
class NameRule:
    """A short printable name (a theme's: whether it exists is for the UI to know)."""

    label: str
    summary: str
    expected: str = f"expected a theme name of 1 to {THEME_NAME_LIMIT} printable characters"

    def parse(self, text: str) -> Value:
        stripped = text.strip()
        if not stripped or len(stripped) > THEME_NAME_LIMIT or not stripped.isprintable():
            raise SettingError(self.label, text, self.expected)
        return stripped


Rule = NumberRule | NameRule


@dataclass(frozen=True)
class Settings:
    """What the learner chose; each field's default is what tutor does when nothing was chosen."""

    new_cards_per_day: int = 20
    """New cards a study session may introduce per pack and day (due reviews are never capped)."""
    desired_retention: float = 0.9
    """The recall probability fsrs schedules reviews for (`tutor.study.scheduler.DESIRED_RETENTION`)."""
    theme: str = DEFAULT_THEME

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> Settings:
        """Settings from stored text by key; a missing, unknown or invalid value reads as the default."""
        values: dict[str, Value] = {}
        for key, rule in RULES.items():
            if key in texts:
                try:
                    values[key] = rule.parse(str(texts[key]))
                except SettingError:
                    continue
        # each value was parsed by its key's rule, so it has that field's type
        return cls(**values)  # type: ignore[arg-type]

    def with_changes(self, changes: Mapping[str, object]) -> Settings:
        """A copy with `changes` applied, each checked by its rule (SettingError on the first bad one)."""
        # each value was checked by its key's rule, so it has that field's type
        return replace(self, **checked(changes))  # type: ignore[arg-type]


RULES: dict[str, Rule] = {
    "new_cards_per_day": NumberRule(
        "New cards per day", "per pack each day; due reviews are never capped", int, 0, 500),
    "desired_retention": NumberRule(
        "Desired retention", "the recall chance reviews aim at: higher, more reviews", float, 0.70, 0.99),
    "theme": NameRule("Theme", "applied and saved when picked; ctrl+p toggles dark/light"),
}
"""One rule per field of `Settings`, in the order the settings screen shows them."""


def checked(changes: Mapping[str, object]) -> dict[str, Value]:
    """`changes` (values or their text) checked by their rules: the typed values by key.

    Every value goes through its text form, which is what the store keeps, so what is
    accepted here reads back unchanged. An unknown key is a SettingError too.
    """
    values: dict[str, Value] = {}
    for key, value in changes.items():
        rule = RULES.get(key)
        if rule is None:
            raise SettingError(key, str(value), f"unknown setting (known: {', '.join(RULES)})")
        values[key] = rule.parse(str(value))
    return values
