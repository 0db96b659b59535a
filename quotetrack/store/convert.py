"""Record -> column values: lenient dates, normalised quote text, article fields.

Pure functions, no database.  Datetimes are stored naive in UTC on both dialects,
so comparisons and ``month`` grouping agree between SQLite and PostgreSQL (dates are
read by ``quotetrack.dates``, re-exported here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from quotetrack.dates import parse_date, utc_naive
from quotetrack.readers import MAX_KEY, clean_text
from quotetrack.records import Article

__all__ = ["article_fields", "iso", "norm_text", "parse_date", "until_bound", "utc_naive"]

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2018": "'", "\u2019": "'"})
_DATE_ONLY = re.compile(r"^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$")


def until_bound(value: str | date | datetime) -> datetime | None:
    """The exclusive upper bound for ``--until``: a bare date includes that whole day."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    whole_day = isinstance(value, date) and not isinstance(value, datetime)
    if whole_day or (isinstance(value, str) and _DATE_ONLY.match(value)):
        return parsed + timedelta(days=1) if parsed.date() < date.max else datetime.max
    return parsed


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text of a stored datetime (``None`` stays ``None``)."""
    return value.isoformat() if value else None


def norm_text(text: str) -> str:
    """Quote text for comparison: NFKC, straight quotes, case-folded, single spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(folded.split()).strip(" \"'")


def _meta(meta: Mapping[str, Any], *keys: str) -> str | None:
    """The first non-empty ``keys`` value in ``meta`` or in its nested ``meta`` object,
    cleaned as readers clean every field (``readers.clean_text``)."""
    nested = meta.get("meta")
    for source in (meta, nested if isinstance(nested, Mapping) else {}):
        for key in keys:
            value = source.get(key)
            text = clean_text(str(value)).strip() if value is not None else ""
            if text:
                return text
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
        "outlet": (article.outlet or _meta(meta, "publisher", "source_name", "site")
                   or "")[:MAX_KEY] or None,
        "published_at": parse_date(article.published_at
                                   or _meta(meta, "publication_date", "date", "published")),
        "language": (_meta(meta, "language", "lang") or "en")[:16],
    }
