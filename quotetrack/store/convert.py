"""Record -> column values: lenient dates, normalised quote text, article fields.

Pure functions, no database.  Datetimes are stored naive in UTC on both dialects,
so comparisons and ``month`` grouping agree between SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from quotetrack.records import Article

_FORMATS = ("%Y/%m/%d", "%d/%m/%Y", "%Y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
            "%d %b %Y", "%B %d %Y", "%b. %d, %Y", "%Y-%m", "%Y")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2018": "'", "\u2019": "'"})
_DATE_ONLY = re.compile(r"^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$")


def utc_naive(value: datetime) -> datetime:
    """An aware datetime converted to UTC and made naive; a naive one unchanged."""
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def parse_date(value: str | date | datetime | None) -> datetime | None:
    """A datetime from ISO 8601, RFC 2822 or a few common spellings; None if unreadable.

    Aware values are converted to naive UTC.  A bare date means its midnight.
    """
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


def until_bound(value: str | date | datetime) -> datetime | None:
    """The exclusive upper bound for ``--until``: a bare date includes that whole day."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    whole_day = isinstance(value, date) and not isinstance(value, datetime)
    if whole_day or (isinstance(value, str) and _DATE_ONLY.match(value)):
        return parsed + timedelta(days=1)
    return parsed


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text of a stored datetime (``None`` stays ``None``)."""
    return value.isoformat() if value else None


def norm_text(text: str) -> str:
    """Quote text for comparison: NFKC, straight quotes, case-folded, single spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(folded.split()).strip(" \"'")


def _meta(meta: Mapping[str, Any], *keys: str) -> str | None:
    """The first non-empty ``keys`` value in ``meta`` or in its nested ``meta`` object."""
    nested = meta.get("meta")
    for source in (meta, nested if isinstance(nested, Mapping) else {}):
        for key in keys:
            value = source.get(key)
            if value not in (None, ""):
                return str(value)
    return None


def article_fields(article: Article) -> dict[str, Any]:
    """Column values of an input article; missing fields fall back to common keys of
    ``meta`` (the input's extra fields, or a nested ``meta`` object in them):

    ``outlet`` <- ``publisher``, ``published_at`` <- ``publication_date``/
    ``date``, ``language`` <- ``language``/``lang`` (default ``en``).
    """
    meta = article.meta
    return {
        "url": article.url or _meta(meta, "link"),
        "title": article.title or _meta(meta, "title", "headline"),
        "outlet": article.outlet or _meta(meta, "publisher", "source_name", "site"),
        "published_at": parse_date(article.published_at
                                   or _meta(meta, "publication_date", "date", "published")),
        "language": _meta(meta, "language", "lang") or "en",
    }
