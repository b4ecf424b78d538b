"""The settings value: defaults, the rule of each setting, lenient reading of stored text."""

from __future__ import annotations

from dataclasses import fields

import pytest

from tutor.settings import RULES, SettingError, Settings, checked
from tutor.study.scheduler import DESIRED_RETENTION


def test_defaults_are_what_tutor_did_before_there_were_settings() -> None:
    assert Settings() == Settings(new_cards_per_day=20, desired_retention=0.9, theme="tutor-dark")
    assert Settings().desired_retention == DESIRED_RETENTION


def test_every_field_has_a_rule_in_field_order() -> None:
    assert list(RULES) == [field.name for field in fields(Settings)]


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("new_cards_per_day", "0", 0),
        ("new_cards_per_day", " 500 ", 500),
        ("new_cards_per_day", "+7", 7),
        ("desired_retention", "0.7", 0.7),
        ("desired_retention", "0.99", 0.99),
        ("desired_retention", "0.855", 0.855),
        ("theme", " nord ", "nord"),
    ],
)
def test_rules_accept_values_in_range(key: str, text: str, value: object) -> None:
    parsed = RULES[key].parse(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("new_cards_per_day", "abc", "expected a whole number from 0 to 500"),
        ("new_cards_per_day", "501", "expected a whole number from 0 to 500"),
        ("new_cards_per_day", "-1", "expected a whole number from 0 to 500"),
        ("new_cards_per_day", "2.5", "expected a whole number from 0 to 500"),
        ("new_cards_per_day", "1_0", "expected a whole number from 0 to 500"),
        ("new_cards_per_day", "", "expected a whole number from 0 to 500"),
        ("desired_retention", "0.69", "expected a number from 0.70 to 0.99"),
        ("desired_retention", "1", "expected a number from 0.70 to 0.99"),
        ("desired_retention", "nan", "expected a number from 0.70 to 0.99"),
        ("desired_retention", "90%", "expected a number from 0.70 to 0.99"),
        ("theme", "  ", "expected a theme name of 1 to 64 printable characters"),
        ("theme", "x" * 65, "expected a theme name of 1 to 64 printable characters"),
        ("theme", "a\x1bb", "expected a theme name of 1 to 64 printable characters"),
    ],
)
def test_rules_refuse_other_values_with_one_line(key: str, text: str, reason: str) -> None:
    with pytest.raises(SettingError) as caught:
        RULES[key].parse(text)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{RULES[key].label}: {text!r} is not allowed: {reason}"
    assert "\n" not in str(caught.value)


def test_stored_text_that_cannot_be_used_reads_as_the_default() -> None:
    stored = {"new_cards_per_day": "abc", "desired_retention": "0.5", "theme": "", "retired_setting": "1"}
    assert Settings.from_texts(stored) == Settings()
    assert Settings.from_texts({"new_cards_per_day": "600", "desired_retention": "0.8"}) == Settings(
        desired_retention=0.8)
    assert Settings.from_texts({}) == Settings()


def test_changes_are_checked_and_applied_to_a_copy() -> None:
    settings = Settings()
    changed = settings.with_changes({"new_cards_per_day": 3, "theme": "nord"})
    assert changed == Settings(new_cards_per_day=3, theme="nord") and settings == Settings()
    assert checked({"desired_retention": "0.8", "new_cards_per_day": "4"}) == {
        "desired_retention": 0.8, "new_cards_per_day": 4}
    with pytest.raises(SettingError, match="expected a whole number"):
        settings.with_changes({"new_cards_per_day": True})
    with pytest.raises(SettingError, match=r"unknown setting \(known: new_cards_per_day, desired_retention, theme\)"):
        settings.with_changes({"cards": 3})
