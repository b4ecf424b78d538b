"""Time as the study core sees it: an injected clock, the learner's calendar day, and
an instant as the learner reads it.

Sessions never read the system time themselves; they are given a `Clock` (a callable
returning an aware UTC datetime) so tests drive time without sleeping. "Today" (the
daily new-card limit, same-day relearning, reviews per day, streaks) is a calendar day
in the learner's time zone `tz`, UTC unless the caller passes one.

Instants are stored and passed around as UTC; a person reads them on their own wall
clock. Every date shown to a person goes through `format_local` (or, for text that may
be shared, `format_local_with_offset`), with the zone passed in by the caller (the app's
backend carries one, the CLI asks `local_timezone()`), never read from the machine here,
so a test pins the zone it checks.
"""

from __future__ import annotations

import calendar as _calendar
import time as _clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

Clock = Callable[[], datetime]
LOCAL_FORMAT = "%Y-%m-%d %H:%M"
"""How a date reads everywhere a person sees one: to the minute, most significant first."""


def system_clock() -> datetime:
    """The real clock, for the app and CLI (tests pass a fake one)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """`moment` with tzinfo exactly `timezone.utc` (fsrs refuses any other tzinfo object)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: clocks must return timezone-aware UTC")
    return moment.astimezone(UTC)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of `moment` in `tz` (UTC by default)."""
    return as_utc(moment).astimezone(tz or UTC).date()


def day_bounds(day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) of a calendar day in `tz`, as UTC instants."""
    zone = tz or UTC
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return as_utc(start), as_utc(end)


def today_bounds(now: datetime, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) of the day containing `now`, as UTC instants."""
    return day_bounds(local_day(now, tz), tz)


def local_timezone() -> tzinfo:
    """The learner's time zone, for what "today" means in the app and CLI."""
    return SystemTimeZone()


class SystemTimeZone(tzinfo):
    """The machine's time zone with its daylight-saving rules, asked of the C library for
    each moment: a review from July reads in summer time even in November, and a day
    boundary across a clock change lands on local midnight. (`datetime.now().astimezone()`
    gives today's fixed offset only.) In the repeated hour of a clock change, a wall time
    is read as the first of its two moments."""

    def utcoffset(self, moment: datetime | None) -> timedelta:
        return timedelta(seconds=self._local(moment).tm_gmtoff)

    def dst(self, moment: datetime | None) -> timedelta:
        return timedelta(hours=1) if self._local(moment).tm_isdst > 0 else timedelta(0)

    def tzname(self, moment: datetime | None) -> str:
        return self._local(moment).tm_zone

    def fromutc(self, moment: datetime) -> datetime:
        utc = moment.replace(tzinfo=None)
        offset = _clock.localtime(_calendar.timegm(utc.timetuple())).tm_gmtoff
        return (utc + timedelta(seconds=offset)).replace(tzinfo=self)

    @staticmethod
    def _local(moment: datetime | None) -> _clock.struct_time:
        if moment is None:
            return _clock.localtime()
        wall = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, 0, 0, -1)
        try:
            return _clock.localtime(_clock.mktime(wall))
        except (OverflowError, ValueError):  # outside what the C library can represent
            return _clock.localtime()

    def __repr__(self) -> str:
        return "SystemTimeZone()"


def format_local(moment: datetime, tz: tzinfo) -> str:
    """`moment` on the learner's wall clock in `tz`, e.g. `2026-11-26 14:05`."""
    return as_utc(moment).astimezone(tz).strftime(LOCAL_FORMAT)


def format_local_with_offset(moment: datetime, tz: tzinfo) -> str:
    """Local time with its offset, e.g. `2026-11-26 14:05 (UTC+01:00)`: for text that
    leaves the machine (an exported report), where the reader's zone may differ."""
    local = as_utc(moment).astimezone(tz)
    offset_minutes = round((local.utcoffset() or timedelta(0)).total_seconds() / 60)
    hours, minutes = divmod(abs(offset_minutes), 60)
    sign = "-" if offset_minutes < 0 else "+"
    return f"{local.strftime(LOCAL_FORMAT)} (UTC{sign}{hours:02d}:{minutes:02d})"
