"""Lenient publication dates: the one reading of ``published_at`` for readers and store.

Pure functions, no I/O.  Datetimes come back naive in UTC, so SQLite and PostgreSQL
store, compare and group them alike.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_FORMATS = ("%Y/%m/%d", "%d/%m/%Y", "%Y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
            "%d %b %Y", "%B %d %Y", "%b. %d, %Y", "%Y-%m", "%Y")


def utc_naive(value: datetime) -> datetime:
    """An aware datetime converted to UTC and made naive; a naive one unchanged.

    Raises OverflowError when the conversion leaves the datetime range (year 1 or 9999).
    """
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def parse_date(value: str | date | datetime | None) -> datetime | None:
    """A datetime from ISO 8601, RFC 2822 or a few common spellings; None if unreadable.

    Aware values are converted to naive UTC (None when that leaves the datetime
    range).  A bare date means its midnight.  Never raises.
    """
    try:
        return _parse(value)
    except (OverflowError, ValueError):
        return None


def _parse(value: str | date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return utc_naive(value) if value else None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = value.strip()
    if not text:
        return None
    try:
        return utc_naive(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return utc_naive(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None
