"""Time as the study core sees it: an injected clock and the learner's calendar day.

Sessions never read the system time themselves; they are given a `Clock` (a callable
returning an aware UTC datetime) so tests drive time without sleeping. "Today" (the
daily new-card limit, same-day relearning, reviews per day, streaks) is a calendar day
in the learner's time zone `tz`, UTC unless the caller passes one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone, tzinfo

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real clock, for the app and CLI (tests pass a fake one)."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """`moment` with tzinfo exactly `timezone.utc` (fsrs refuses any other tzinfo object)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: clocks must return timezone-aware UTC")
    return moment.astimezone(timezone.utc)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of `moment` in `tz` (UTC by default)."""
    return as_utc(moment).astimezone(tz or timezone.utc).date()


def day_bounds(day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) of a calendar day in `tz`, as UTC instants."""
    zone = tz or timezone.utc
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return as_utc(start), as_utc(end)


def today_bounds(now: datetime, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) of the day containing `now`, as UTC instants."""
    return day_bounds(local_day(now, tz), tz)


def local_timezone() -> tzinfo:
    """The learner's time zone, for what "today" means in the app and CLI."""
    return datetime.now().astimezone().tzinfo or timezone.utc
