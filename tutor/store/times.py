"""How the store writes instants: one fixed UTC text format, so text order is time order.

SQLite has no datetime type. Storing ISO-8601 text in a single shape
(`2026-03-01T12:00:00.000000+00:00`) keeps rows readable with the sqlite3 shell and
lets indexes and `<`/`>` comparisons on the text columns sort chronologically.
Naive datetimes are refused: every instant in tutor is timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(moment: datetime) -> str:
    """The stored form of an aware datetime (converted to UTC, microsecond precision)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: tutor stores timezone-aware UTC instants only")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """The aware UTC datetime of a stored instant."""
    return datetime.fromisoformat(text).astimezone(UTC)


def optional_from_text(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def compact_stamp(moment: datetime) -> str:
    """A file-name friendly UTC stamp such as `20260301T120000Z` (used for moved-aside files)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
