"""Read queries returning plain dicts (JSON-ready: dates as ISO text).

Quote rows carry: ``id``, ``speaker`` (main speaker or None), ``speakers`` (all,
main first), ``text``, ``kind``, ``cue``, ``cue_lemma``, ``negated`` (the cue is
negated: "X did not say"; X is named, not quoted), ``stance``, ``method``
(``human`` once a reviewer corrected it), ``confidence``,
``article_id``, ``url``, ``title``, ``outlet``, ``published_at``, ``start``, ``end``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select, text
from sqlalchemy.orm import Session

from quotetrack.errors import InputError, NotFound
from quotetrack.store import search
from quotetrack.store.convert import iso, parse_date, until_bound
from quotetrack.store.schema import AliasRow, ArticleRow, QuoteRow, QuoteSpeakerRow, SpeakerRow
from quotetrack.store.speakers import find

DateLike = str | date | datetime
_CHUNK = 500


def _base() -> Select[*tuple[Any, ...]]:
    return (select(QuoteRow.id, QuoteRow.text, QuoteRow.kind, QuoteRow.cue_text,
                   QuoteRow.cue_lemma, QuoteRow.negated, QuoteRow.stance,
                   QuoteRow.method, QuoteRow.confidence,
                   QuoteRow.article_id, ArticleRow.url, ArticleRow.title, ArticleRow.outlet,
                   ArticleRow.published_at, QuoteRow.start, QuoteRow.end)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id))


def _speaker_names(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for i in range(0, len(ids), _CHUNK):
        stmt = (select(QuoteSpeakerRow.quote_id, SpeakerRow.name)
                .join(SpeakerRow, SpeakerRow.id == QuoteSpeakerRow.speaker_id)
                .where(QuoteSpeakerRow.quote_id.in_(ids[i:i + _CHUNK]))
                .order_by(QuoteSpeakerRow.quote_id, QuoteSpeakerRow.position))
        for quote_id, name in session.execute(stmt):
            names.setdefault(quote_id, []).append(name)
    return names


def _rows(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[dict[str, Any]]:
    rows = session.execute(stmt).all()
    names = _speaker_names(session, [r.id for r in rows])
    out = []
    for r in rows:
        speakers = names.get(r.id, [])
        out.append({"id": r.id, "speaker": speakers[0] if speakers else None,
                    "speakers": speakers, "text": r.text, "kind": r.kind, "cue": r.cue_text,
                    "cue_lemma": r.cue_lemma, "negated": bool(r.negated),
                    "stance": r.stance, "method": r.method,
                    "confidence": round(r.confidence, 3), "article_id": r.article_id,
                    "url": r.url, "title": r.title, "outlet": r.outlet,
                    "published_at": iso(r.published_at), "start": r.start, "end": r.end})
    return out


def who_said(session: Session, query: str, limit: int = 20,
             raw: bool = False) -> list[dict[str, Any]]:
    """Quotes whose text matches a full-text ``query``: articles by their best match,
    the quotes of one article in text order."""
    ids = search.match_ids(session.connection(), query, limit, raw)
    rank = {quote_id: n for n, quote_id in enumerate(ids)}
    rows = _rows(session, _base().where(QuoteRow.id.in_(ids))) if ids else []
    best: dict[str, int] = {}
    for r in rows:
        best[r["article_id"]] = min(best.get(r["article_id"], len(ids)), rank[r["id"]])
    return sorted(rows, key=lambda r: (best[r["article_id"]], r["start"]))


def _date(value: DateLike, option: str, bound: bool = False) -> datetime:
    parsed = until_bound(value) if bound else parse_date(value)
    if parsed is None:
        raise InputError(f"cannot read {option} {value!r} as a date; use YYYY-MM-DD")
    return parsed


def quotes(session: Session, speaker: str | None = None, kind: str | None = None,
           since: DateLike | None = None, until: DateLike | None = None,
           outlet: str | None = None, stance: str | None = None,
           limit: int | None = 100, negated: bool | None = None,
           max_confidence: float | None = None,
           order: str = "date") -> list[dict[str, Any]]:
    """Quotes filtered by speaker, kind, publication dates (``until`` inclusive), outlet,
    stance, negated cue (None: both) and attribution confidence (at most
    ``max_confidence``); oldest first (undated last), or with ``order="confidence"``
    the least confident first (a reviewer's queue).  NotFound for an unknown speaker."""
    who = find(session, speaker).id if speaker else None
    start = _date(since, "--since") if since else None
    end = _date(until, "--until", bound=True) if until else None
    others = (kind, outlet, stance, negated, max_confidence)
    if who is not None and (start or end) and limit and order == "date" \
            and all(v is None or v == "" for v in others):
        return _speaker_window(session, who, start, end, limit)
    stmt = _base()
    if who is not None:
        stmt = stmt.where(_spoken_by(who))
    if kind:
        stmt = stmt.where(QuoteRow.kind == kind)
    if start:
        stmt = stmt.where(ArticleRow.published_at >= start)
    if end:
        stmt = stmt.where(ArticleRow.published_at < end)
    if outlet:
        stmt = stmt.where(func.lower(ArticleRow.outlet) == outlet.strip().lower())
    if stance:
        stmt = stmt.where(func.lower(QuoteRow.stance) == stance.strip().lower())
    if negated is not None:
        stmt = stmt.where(QuoteRow.negated.is_(negated))
    if max_confidence is not None:
        stmt = stmt.where(QuoteRow.confidence <= max_confidence)
    undated = case((ArticleRow.published_at.is_(None), 1), else_=0)
    by_date = (undated, ArticleRow.published_at, QuoteRow.article_id, QuoteRow.start)
    stmt = stmt.order_by(*((QuoteRow.confidence, *by_date) if order == "confidence"
                           else by_date))
    return _rows(session, stmt.limit(limit) if limit else stmt)


def _speaker_window(session: Session, who: int, start: datetime | None,
                    end: datetime | None, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` quotes of speaker ``who`` published in [start, end), oldest
    first (as ``quotes`` orders them), found in two steps: their ids, from indexes
    alone on the path ``walks_dates`` picks, then those rows only."""
    if session.get_bind().dialect.name == "postgresql":
        # Either path stops after ``limit`` ids: parallel workers would only add their
        # start-up time and walk past the end (this transaction only).
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    if walks_dates(session, who, limit):  # a correlated EXISTS, checked per quote
        keys = select(QuoteRow.id).where(
            select(QuoteSpeakerRow.quote_id).where(QuoteSpeakerRow.quote_id == QuoteRow.id,
                                                   QuoteSpeakerRow.speaker_id == who).exists())
    else:  # MATERIALIZED: neither planner may turn this into a walk
        mine = (select(QuoteSpeakerRow.quote_id).where(QuoteSpeakerRow.speaker_id == who)
                .cte("mine").prefix_with("MATERIALIZED"))
        keys = select(QuoteRow.id).join_from(mine, QuoteRow, QuoteRow.id == mine.c.quote_id)
    keys = keys.join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
    if start:
        keys = keys.where(ArticleRow.published_at >= start)
    if end:
        keys = keys.where(ArticleRow.published_at < end)
    # ArticleRow.id, not QuoteRow.article_id (equal): the date index ends with it
    keys = keys.order_by(ArticleRow.published_at, ArticleRow.id, QuoteRow.start)
    ids = list(session.scalars(keys.limit(limit)))
    place = {quote_id: n for n, quote_id in enumerate(ids)}
    rows = _rows(session, _base().where(QuoteRow.id.in_(ids))) if ids else []
    return sorted(rows, key=lambda r: place[r["id"]])


# Listing one speaker's quotes in a date window: how many times more one quote read
# from the speaker's side costs (its row or index entry, then its article's) than one
# quote walked in date order (an index entry, a membership check), as measured at a
# million quotes.
_SPEAKER_SIDE_COST = {"sqlite": 3, "postgresql": 2}


def walks_dates(session: Session, who: int, limit: int) -> bool:
    """Whether walking quotes in date order finds ``limit`` of speaker ``who``'s sooner
    than reading all of the speaker's quotes and sorting them.

    The walk reads about ``limit * stored / n`` quotes for a speaker of ``n`` quotes
    (assuming the speaker's quotes spread over time like everyone's); the speaker
    side reads ``n``.  The walk wins once ``n`` passes ``sqrt(limit * stored /
    cost)``, so ``n`` is counted only that far.
    """
    stored = session.scalar(select(func.max(QuoteRow.id))) or 0
    cost = _SPEAKER_SIDE_COST.get(session.get_bind().dialect.name, 3)
    enough = math.isqrt(limit * stored // cost) + 1
    mine = select(QuoteSpeakerRow.quote_id).where(QuoteSpeakerRow.speaker_id == who)
    n = session.scalar(select(func.count()).select_from(mine.limit(enough).subquery())) or 0
    return n >= enough


def _spoken_by(who: int) -> ColumnElement[bool]:
    """The quotes speaker ``who`` said (main speaker or not)."""
    return QuoteRow.id.in_(select(QuoteSpeakerRow.quote_id)
                           .where(QuoteSpeakerRow.speaker_id == who))


def speakers(session: Session, limit: int | None = None) -> list[dict[str, Any]]:
    """Speakers with ``name``, ``kind``, ``aliases`` (other spellings) and ``quotes``."""
    count = func.count(QuoteSpeakerRow.quote_id)
    stmt = (select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind, count.label("quotes"))
            .outerjoin(QuoteSpeakerRow, QuoteSpeakerRow.speaker_id == SpeakerRow.id)
            .group_by(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind)
            .order_by(count.desc(), SpeakerRow.name))
    rows = session.execute(stmt.limit(limit) if limit else stmt).all()
    ids = [r.id for r in rows]
    aliases: dict[int, list[str]] = {}
    for i in range(0, len(ids), _CHUNK):
        alias_stmt = (select(AliasRow.speaker_id, AliasRow.text)
                      .where(AliasRow.speaker_id.in_(ids[i:i + _CHUNK])).order_by(AliasRow.id))
        for speaker_id, surface in session.execute(alias_stmt):
            aliases.setdefault(speaker_id, []).append(surface)
    return [{"id": r.id, "name": r.name, "kind": r.kind, "quotes": r.quotes,
             "aliases": [a for a in dict.fromkeys(aliases.get(r.id, [])) if a != r.name]}
            for r in rows]


def show(session: Session, article_id: str) -> dict[str, Any]:
    """One article (all columns, ``text`` included) with its quotes in text order.

    Returns ``{"article": {...}, "quotes": [quote rows]}``; NotFound if absent.
    """
    article = session.get(ArticleRow, article_id)
    if article is None:
        raise NotFound(f"no article {article_id!r} in the store; find ids with"
                       " quotetrack quotes --format csv")
    fields = {c: getattr(article, c) for c in ArticleRow.__table__.columns.keys()}
    fields.update(published_at=iso(article.published_at), ingested_at=iso(article.ingested_at))
    stmt = _base().where(QuoteRow.article_id == article_id).order_by(QuoteRow.start)
    return {"article": fields, "quotes": _rows(session, stmt)}


MONTHS = """SELECT speaker, COALESCE(month, 'undated') AS month, COUNT(*) AS quotes
            FROM v_quotes WHERE speaker_id IS NOT NULL
            GROUP BY speaker_id, speaker, COALESCE(month, 'undated')
            ORDER BY 2, 3 DESC, 1"""
CUES = """SELECT cue_lemma AS cue, COUNT(*) AS quotes FROM quotes
          WHERE cue_lemma IS NOT NULL GROUP BY cue_lemma ORDER BY 2 DESC, 1 LIMIT :n"""
ATTRIBUTION = """SELECT kind, COUNT(*) AS quotes,
                        SUM(CASE WHEN speaker_id IS NULL THEN 1 ELSE 0 END) AS unattributed
                 FROM v_quotes WHERE speaker_position IS NULL OR speaker_position = 0
                 GROUP BY kind ORDER BY kind"""


def report(session: Session, top_cues: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Quotes per speaker per month, the most used cue lemmas, and the unattributed share
    by quote kind (plus an ``all`` row); each section a list of dicts."""
    months = [dict(r._mapping) for r in session.execute(text(MONTHS))]
    cues = [dict(r._mapping) for r in session.execute(text(CUES), {"n": top_cues})]
    shares = [dict(r._mapping) for r in session.execute(text(ATTRIBUTION))]
    total = {"kind": "all", "quotes": sum(r["quotes"] for r in shares),
             "unattributed": sum(r["unattributed"] for r in shares)}
    for row in [*shares, total]:
        row["unattributed"] = int(row["unattributed"] or 0)
        row["share"] = round(row["unattributed"] / row["quotes"], 3) if row["quotes"] else 0.0
    return {"by_month": months, "top_cues": cues, "attribution": [*shares, total]}
