"""Human corrections of single quotes: record, undo, list, export as gold.

A correction names one stored quote and says what a person found: its speakers
(one or several, main first), its kind, or that it is not a quote at all, with who
made it, when and why.  It is kept in ``corrections`` and applied at once to the
quote's article and to every other stored version of that article
(``settle.settle_article``); ``Store.save`` applies it to later versions too, so a
re-ingest never undoes it.  Undoing keeps the row, marked undone, as history.

All functions work in the caller's session and transaction.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.errors import InputError, NotFound, StoreError
from quotetrack.store.convert import iso
from quotetrack.store.schema import (
    QUOTE_KINDS,
    ArticleRow,
    CorrectionRow,
    QuoteOriginalRow,
    QuoteRow,
    QuoteSpeakerRow,
    SpeakerRow,
)
from quotetrack.store.settle import (
    family,
    family_articles,
    family_corrections,
    settle_article,
)
from quotetrack.wording import VariantConfig

GOLD_SOURCE = "quotetrack-corrections"


def reviewer(by: str | None = None) -> str:
    """``by``, else the operating-system user, else ``unknown``."""
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _settle_family(session: Session, article_id: str, config: VariantConfig) -> None:
    for stored in family_articles(session, article_id):
        settle_article(session, stored, config)


def record(session: Session, quote_id: int, speakers: Sequence[str] = (),
           not_a_quote: bool = False, kind: str | None = None, note: str | None = None,
           by: str | None = None, *, config: VariantConfig) -> CorrectionRow:
    """Record and apply a correction of quote ``quote_id``.

    InputError when it changes nothing, names an unknown kind or an empty speaker;
    NotFound when no stored quote has that id.
    """
    names = [n.strip() for n in speakers]
    if not names and not not_a_quote and not kind:
        raise InputError("nothing to correct: give --speaker NAME, --kind KIND or"
                         " --not-a-quote")
    if any(not n for n in names):
        raise InputError("an empty --speaker; give the speaker's name")
    if kind and kind not in QUOTE_KINDS:
        raise InputError(f"unknown kind {kind!r}; use one of {', '.join(QUOTE_KINDS)}")
    quote = session.get(QuoteRow, quote_id)
    if quote is None:
        raise NotFound(f"no quote {quote_id} in the store; find ids with quotetrack quotes"
                       " --format json (a quote marked not a quote is listed by"
                       " quotetrack corrections)")
    row = CorrectionRow(
        article_id=quote.article_id, family=family(quote.article_id), quote_id=quote.id,
        quote_start=quote.start, quote_end=quote.end, quote_text=quote.text,
        speakers=names or None, kind=kind, not_a_quote=not_a_quote, note=note,
        created_by=reviewer(by), created_at=_now())
    session.add(row)
    session.flush()
    _settle_family(session, quote.article_id, config)
    return row


def undo(session: Session, correction_id: int, by: str | None = None, *,
         config: VariantConfig) -> CorrectionRow:
    """Undo a correction: the quote gets the extractor's values back, or those of
    its other active corrections.  NotFound / StoreError (already undone)."""
    row = session.get(CorrectionRow, correction_id)
    if row is None:
        raise NotFound(f"no correction {correction_id}; list them with quotetrack"
                       " corrections")
    if row.undone_at is not None:
        raise StoreError(f"correction {correction_id} was undone already, by"
                         f" {row.undone_by} at {iso(row.undone_at)}")
    row.undone_at, row.undone_by = _now(), reviewer(by)
    session.flush()
    _settle_family(session, row.article_id, config)
    row.quote_id = session.scalar(select(QuoteRow.id).where(
        QuoteRow.article_id == row.article_id, QuoteRow.start == row.quote_start,
        QuoteRow.end == row.quote_end))
    return row


def describe(session: Session, row: CorrectionRow) -> dict[str, Any]:
    """``as_dict`` of one correction, with the extractor's values when kept."""
    original = session.scalar(select(QuoteOriginalRow.original).where(
        QuoteOriginalRow.article_id == row.article_id,
        QuoteOriginalRow.start == row.quote_start, QuoteOriginalRow.end == row.quote_end))
    return as_dict(row, original)


def change(row: CorrectionRow) -> str:
    """What a correction says, in words: ``speaker: A, B; kind: direct``."""
    parts = []
    if row.speakers:
        parts.append("speaker: " + ", ".join(row.speakers))
    if row.kind:
        parts.append(f"kind: {row.kind}")
    if row.not_a_quote:
        parts.append("not a quote")
    return "; ".join(parts)


def as_dict(row: CorrectionRow, was: dict[str, Any] | None = None) -> dict[str, Any]:
    """A correction as a plain dict (``was``: the extractor's values, when known)."""
    was = was or {}
    named = was.get("speakers") or []
    return {
        "id": row.id, "quote_id": row.quote_id, "article_id": row.article_id,
        "start": row.quote_start, "end": row.quote_end, "text": row.quote_text,
        "change": change(row), "speakers": row.speakers, "kind": row.kind,
        "not_a_quote": bool(row.not_a_quote), "note": row.note, "by": row.created_by,
        "at": iso(row.created_at), "undone_by": row.undone_by,
        "undone_at": iso(row.undone_at),
        "status": "undone" if row.undone_at else "active",
        "was_speaker": named[0]["name"] if named else None, "was_kind": was.get("kind"),
        "was_method": was.get("method"),
    }


def listing(session: Session, include_undone: bool = False) -> list[dict[str, Any]]:
    """Corrections, oldest first (``include_undone``: undone ones too), each with the
    extractor's values of its quote where the store still holds them."""
    stmt = select(CorrectionRow).order_by(CorrectionRow.id)
    if not include_undone:
        stmt = stmt.where(CorrectionRow.undone_at.is_(None))
    rows = list(session.scalars(stmt))
    originals = {(o.article_id, o.start, o.end): o.original
                 for o in session.scalars(select(QuoteOriginalRow).where(
                     QuoteOriginalRow.article_id.in_({r.article_id for r in rows})))}
    return [as_dict(r, originals.get((r.article_id, r.quote_start, r.quote_end)))
            for r in rows]


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text}


def _gold_quote(q: QuoteRow, article_text: str, names: list[str],
                reviewed: bool) -> dict[str, Any]:
    return {
        "start": q.start, "end": q.end, "text": article_text[q.start:q.end],
        "kind": q.kind, "speaker": names[0] if names else None, "speakers": names,
        "speaker_mention": _span(q.speaker_mention_start, q.speaker_mention_end,
                                 q.speaker_mention_text),
        "cue": _span(q.cue_start, q.cue_end, q.cue_text), "method": q.method,
        "reviewed": reviewed,
    }


def gold(session: Session) -> list[dict[str, Any]]:
    """One document in the eval schema (shared/eval/README.md) per article a
    correction applies to: its text and its quotes as the store now holds them
    (corrected values; quotes marked not a quote left out), each with ``reviewed``
    (a correction reached it).  ``meta`` counts the corrections applied and hidden
    quotes and names the reviewers.  Articles in ingest order."""
    originals = list(session.scalars(select(QuoteOriginalRow)))
    by_article: dict[str, list[QuoteOriginalRow]] = {}
    for o in originals:
        by_article.setdefault(o.article_id, []).append(o)
    articles = session.scalars(select(ArticleRow).where(ArticleRow.id.in_(by_article))
                               .order_by(ArticleRow.ingested_at, ArticleRow.id))
    return [_gold_doc(session, a, by_article[a.id]) for a in articles]


def _gold_doc(session: Session, article: ArticleRow,
              originals: list[QuoteOriginalRow]) -> dict[str, Any]:
    quotes = list(session.scalars(select(QuoteRow).where(QuoteRow.article_id == article.id)
                                  .order_by(QuoteRow.start, QuoteRow.id)))
    names: dict[int, list[str]] = {}
    stmt = (select(QuoteSpeakerRow.quote_id, SpeakerRow.name)
            .join(SpeakerRow, SpeakerRow.id == QuoteSpeakerRow.speaker_id)
            .join(QuoteRow, QuoteRow.id == QuoteSpeakerRow.quote_id)
            .where(QuoteRow.article_id == article.id)
            .order_by(QuoteSpeakerRow.quote_id, QuoteSpeakerRow.position))
    for quote_id, name in session.execute(stmt):
        names.setdefault(quote_id, []).append(name)
    reviewed = {o.quote_id for o in originals if o.quote_id is not None}
    reviewers = {c.created_by for c in family_corrections(session, article.id)}
    return {
        "id": article.id, "source": GOLD_SOURCE, "text": article.text,
        "quotes": [_gold_quote(q, article.text, names.get(q.id, []), q.id in reviewed)
                   for q in quotes],
        "meta": {"title": article.title, "url": article.url, "outlet": article.outlet,
                 "published_at": iso(article.published_at),
                 "reviewed": len(reviewed),
                 "not_a_quote": sum(o.quote_id is None for o in originals),
                 "reviewed_by": sorted(reviewers)},
    }
