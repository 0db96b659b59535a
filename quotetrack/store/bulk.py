"""Bulk loading: many ``ArticleResult``s in one transaction, for data prepared elsewhere.

``insert(session, results)`` trades ``Store.save``'s per-article care for speed
(about a million quotes in minutes), for benchmarks, migrations and archives whose
speakers are already clean:

* every article must be new: a stored id or text fails the whole call
  (IntegrityError; ``Store.bulk_insert`` turns it into StoreError);
* every id and text must be clean (``readers.clean_text``), as for ``Store.save``:
  one that is not fails the whole call with StoreError, on both dialects;
* a speaker name matches only the speaker owning its exact alias key
  (``names.name_key``); otherwise it makes a new speaker with that one alias (no
  surname matching, no extra aliases, no kind learning);
* quotes are not linked to their variants (``quotetrack variants --relink`` does
  that afterwards, if wanted).

Rows go in through executemany (SQLAlchemy's insertmanyvalues, RETURNING the new
ids in order); the full-text index follows (SQLite triggers, PostgreSQL GIN index).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert as sql_insert
from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.readers import text_hash
from quotetrack.records import ArticleResult, Quote
from quotetrack.store.convert import article_fields
from quotetrack.store.names import PERSONLIKE, display_name, name_key, person_parts
from quotetrack.store.schema import AliasRow, ArticleRow, QuoteRow, QuoteSpeakerRow, SpeakerRow
from quotetrack.store.writer import check_storable, quote_row

CHUNK = 500  # keys per IN (...) lookup


def _article_values(result: ArticleResult, now: datetime) -> dict[str, Any]:
    article = result.article
    check_storable(article)
    return {"id": article.id, "text": article.text, "text_hash": text_hash(article.text),
            "ingested_at": now, "model": result.model,
            "extractor_version": result.extractor_version, **article_fields(article)}


def _quote_values(quote: Quote, article_id: str) -> dict[str, Any]:
    """The column values ``writer.quote_row`` sets (one mapping for both paths)."""
    row = quote_row(quote, article_id)
    columns = QuoteRow.__table__.columns.keys()
    return {k: v for k, v in vars(row).items() if k in columns}


def _quote_names(result: ArticleResult, quote: Quote) -> list[tuple[str, str]]:
    """(name, kind) of a quote's speakers, main first, as ``writer`` resolves them."""
    kinds = {s.name: s.kind for s in result.speakers}
    names = ([quote.speaker] if quote.speaker else []) + list(quote.speakers)
    return [(n, kinds.get(n) or (quote.speaker_kind if n == quote.speaker else "unknown"))
            for n in names]


def _existing(session: Session, keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(keys), CHUNK):
        stmt = select(AliasRow.alias, AliasRow.speaker_id).where(
            AliasRow.alias.in_(keys[i:i + CHUNK]))
        found.update({alias: speaker_id for alias, speaker_id in session.execute(stmt)})
    return found


def speaker_ids(session: Session, names: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Alias key -> speaker id for every (name, kind), creating the missing speakers."""
    wanted: dict[str, tuple[str, str]] = {}
    for name, kind in names:
        key = name_key(name, kind)
        if key:
            wanted.setdefault(key, (name, kind))
    ids = _existing(session, list(wanted))
    new = [k for k in wanted if k not in ids]
    if new:
        rows = [{"name": display_name(wanted[k][0]), "kind": wanted[k][1]} for k in new]
        stmt = sql_insert(SpeakerRow).returning(SpeakerRow.id, sort_by_parameter_order=True)
        ids.update(zip(new, session.scalars(stmt, rows).all(), strict=True))
        session.execute(sql_insert(AliasRow), [
            {"alias": k, "text": display_name(wanted[k][0]), "speaker_id": ids[k],
             "surname": person_parts(k)[1] if wanted[k][1] in PERSONLIKE else None}
            for k in new])
    return ids


def insert(session: Session, results: Sequence[ArticleResult]) -> int:
    """Add ``results`` (articles, speakers, quotes, links) to ``session``; returns quotes.

    See the module docstring for what this skips compared with ``Store.save``.
    """
    if not results:
        return 0
    now = datetime.now(UTC).replace(tzinfo=None)
    named = [(r, q, _quote_names(r, q)) for r in results for q in r.quotes]
    ids = speaker_ids(session, (pair for _, _, names in named for pair in names))
    session.execute(sql_insert(ArticleRow), [_article_values(r, now) for r in results])
    if not named:
        return 0
    stmt = sql_insert(QuoteRow).returning(QuoteRow.id, sort_by_parameter_order=True)
    quote_ids = session.scalars(stmt, [_quote_values(q, r.article.id) for r, q, _ in named])
    links = []
    for quote_id, (_, _, names) in zip(quote_ids.all(), named, strict=True):
        speakers = dict.fromkeys(ids[k] for k in (name_key(n, kind) for n, kind in names) if k)
        links += [{"quote_id": quote_id, "position": n, "speaker_id": s}
                  for n, s in enumerate(speakers)]
    if links:
        session.execute(sql_insert(QuoteSpeakerRow), links)
    return len(named)
