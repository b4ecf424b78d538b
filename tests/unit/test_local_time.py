"""Dates as a person reads them: UTC instants on the wall clock of the zone passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tutor.study.clock import day_bounds, format_local, format_local_with_offset, local_day, local_timezone

NOON_UTC = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "tz", "local", "with_offset"),
    [
        (NOON_UTC, UTC, "2026-03-01 12:00", "2026-03-01 12:00 (UTC+00:00)"),
        (NOON_UTC, timezone(timedelta(hours=-5)), "2026-03-01 07:00", "2026-03-01 07:00 (UTC-05:00)"),
        (NOON_UTC, ZoneInfo("Asia/Kolkata"), "2026-03-01 17:30", "2026-03-01 17:30 (UTC+05:30)"),
        # the day rolls back, and a zone with daylight saving uses the offset of that date
        (datetime(2026, 3, 2, 2, 5, tzinfo=UTC), ZoneInfo("America/New_York"), "2026-03-01 21:05",
         "2026-03-01 21:05 (UTC-05:00)"),
        (datetime(2026, 7, 2, 2, 5, tzinfo=UTC), ZoneInfo("America/New_York"), "2026-07-01 22:05",
         "2026-07-01 22:05 (UTC-04:00)"),
        (datetime(2026, 11, 26, 13, 5, tzinfo=timezone(timedelta(hours=-1))), ZoneInfo("Europe/Berlin"),
         "2026-11-26 15:05", "2026-11-26 15:05 (UTC+01:00)"),
    ],
)
def test_an_instant_reads_on_the_wall_clock_of_the_zone(moment, tz, local: str, with_offset: str) -> None:
    assert (format_local(moment, tz), format_local_with_offset(moment, tz)) == (local, with_offset)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        format_local(datetime(2026, 3, 1, 12), UTC)


@pytest.fixture
def new_york(monkeypatch):
    """The machine's zone set to New York for one test (the C library reads TZ)."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_system_zone_follows_daylight_saving(new_york) -> None:
    zone = local_timezone()
    summer = datetime(2026, 7, 1, 16, 0, tzinfo=UTC)
    winter = datetime(2026, 1, 15, 16, 0, tzinfo=UTC)
    assert format_local(summer, zone) == "2026-07-01 12:00"
    assert format_local(winter, zone) == "2026-01-15 11:00"
    assert format_local_with_offset(summer, zone) == "2026-07-01 12:00 (UTC-04:00)"
    assert format_local_with_offset(winter, zone) == "2026-01-15 11:00 (UTC-05:00)"


def test_days_across_a_clock_change_start_at_local_midnight(new_york) -> None:
    zone = local_timezone()
    # 2026-03-08: clocks go forward at 2:00, so the day has 23 hours
    start, end = day_bounds(date(2026, 3, 8), zone)
    assert start == datetime(2026, 3, 8, 5, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)
    assert local_day(datetime(2026, 3, 9, 3, 59, tzinfo=UTC), zone) == date(2026, 3, 8)
    assert local_day(datetime(2026, 3, 9, 4, 0, tzinfo=UTC), zone) == date(2026, 3, 9)
