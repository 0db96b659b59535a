"""Read queries over variant clusters: appearances, first appearances, conflicts.

Appearance rows (plain dicts, dates as ISO text) carry: ``quote_id``,
``cluster_id``, ``first`` (the cluster's first appearance), ``relation`` and
``similarity`` (how it was linked), ``text``, ``kind``, ``article_id``, ``url``,
``title``, ``outlet``, ``published_at``, ``speaker`` (main speaker or None),
``speaker_id``, ``speakers``, ``speaker_kind``, ``speaker_mention``, ``role``,
``cue``, ``cue_lemma``, ``negated``, ``stance``, ``method``, ``confidence``,
``start``, ``end``.  Appearances are in first-appearance order: earliest
``published_at`` (undated last), then ingest order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from quotetrack.store.convert import iso
from quotetrack.store.schema import (
    ArticleRow,
    QuoteRow,
    QuoteSpeakerRow,
    QuoteVariantRow,
    SpeakerRow,
    VariantClusterRow,
)

_CHUNK = 500


def _select() -> Select[*tuple[Any, ...]]:
    undated = case((ArticleRow.published_at.is_(None), 1), else_=0)
    return (select(QuoteRow, ArticleRow.url, ArticleRow.title, ArticleRow.outlet,
                   ArticleRow.published_at, QuoteVariantRow.cluster_id,
                   QuoteVariantRow.relation, QuoteVariantRow.similarity,
                   VariantClusterRow.first_quote_id)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .outerjoin(QuoteVariantRow, QuoteVariantRow.quote_id == QuoteRow.id)
            .outerjoin(VariantClusterRow, VariantClusterRow.id == QuoteVariantRow.cluster_id)
            .order_by(undated, ArticleRow.published_at, QuoteRow.id))


def _speakers(session: Session, ids: Sequence[int]) -> dict[int, list[tuple[int, str, str]]]:
    """Per quote id: ``(speaker id, name, kind)`` in position order."""
    out: dict[int, list[tuple[int, str, str]]] = {}
    for i in range(0, len(ids), _CHUNK):
        stmt = (select(QuoteSpeakerRow.quote_id, SpeakerRow.id, SpeakerRow.name,
                       SpeakerRow.kind)
                .join(SpeakerRow, SpeakerRow.id == QuoteSpeakerRow.speaker_id)
                .where(QuoteSpeakerRow.quote_id.in_(ids[i:i + _CHUNK]))
                .order_by(QuoteSpeakerRow.quote_id, QuoteSpeakerRow.position))
        for qid, sid, name, kind in session.execute(stmt):
            out.setdefault(qid, []).append((sid, name, kind))
    return out


def _row(r: Any, named: list[tuple[int, str, str]]) -> dict[str, Any]:
    q: QuoteRow = r.QuoteRow
    main = named[0] if named else None
    return {
        "quote_id": q.id, "cluster_id": r.cluster_id,
        "first": r.first_quote_id == q.id if r.cluster_id else True,
        "relation": r.relation, "similarity": r.similarity, "text": q.text, "kind": q.kind,
        "article_id": q.article_id, "url": r.url, "title": r.title, "outlet": r.outlet,
        "published_at": iso(r.published_at), "speaker": main[1] if main else None,
        "speaker_id": main[0] if main else None, "speakers": [n for _, n, _ in named],
        "speaker_kind": main[2] if main else None,
        "speaker_mention": q.speaker_mention_text, "role": q.role, "cue": q.cue_text,
        "cue_lemma": q.cue_lemma, "negated": bool(q.negated), "stance": q.stance,
        "method": q.method, "confidence": round(q.confidence, 3), "start": q.start,
        "end": q.end,
    }


def rows(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Appearance dicts of a statement built on ``_select()``."""
    found = session.execute(stmt).all()
    named = _speakers(session, [r.QuoteRow.id for r in found])
    return [_row(r, named.get(r.QuoteRow.id, [])) for r in found]


def of_quotes(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Appearance dicts of the given quotes (clustered or not), in first-appearance order."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), _CHUNK):
        out += rows(session, _select().where(QuoteRow.id.in_(ids[i:i + _CHUNK])))
    return out


def of_clusters(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Every appearance of each cluster, keyed by cluster id."""
    out: dict[int, list[dict[str, Any]]] = {cid: [] for cid in cluster_ids}
    for i in range(0, len(cluster_ids), _CHUNK):
        stmt = _select().where(QuoteVariantRow.cluster_id.in_(cluster_ids[i:i + _CHUNK]))
        for row in rows(session, stmt):
            out[row["cluster_id"]].append(row)
    return out


def cluster_of(session: Session, quote_id: int) -> int | None:
    """The cluster of a quote, or None when it has no variants."""
    stmt = select(QuoteVariantRow.cluster_id).where(QuoteVariantRow.quote_id == quote_id)
    return session.scalar(stmt)


FIRST_FIELDS = ("quote_id", "article_id", "url", "outlet", "published_at", "speaker", "text")


def first_appearances(session: Session, quote_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Per quote id: ``cluster_id``, ``appearances`` (cluster size, 1 when unclustered)
    and ``first`` (the first appearance's FIRST_FIELDS; the quote itself when
    unclustered)."""
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(quote_ids), _CHUNK):
        chunk = quote_ids[i:i + _CHUNK]
        stmt = (select(QuoteVariantRow.quote_id, QuoteVariantRow.cluster_id,
                       VariantClusterRow.first_quote_id)
                .join(VariantClusterRow, VariantClusterRow.id == QuoteVariantRow.cluster_id)
                .where(QuoteVariantRow.quote_id.in_(chunk)))
        links = {qid: (cid, first) for qid, cid, first in session.execute(stmt)}
        sizes = _sizes(session, sorted({cid for cid, _ in links.values()}))
        firsts = {r["quote_id"]: r for r in of_quotes(
            session, sorted({first or qid for qid, (_, first) in links.items()} | set(chunk)))}
        for qid in chunk:
            cid, first = links.get(qid, (None, None))
            shown = firsts.get(first or qid, {})
            out[qid] = {"cluster_id": cid, "appearances": sizes.get(cid, 1) if cid else 1,
                        "first": {k: shown.get(k) for k in FIRST_FIELDS}}
    return out


def _sizes(session: Session, cluster_ids: Sequence[int]) -> dict[int, int]:
    stmt = (select(QuoteVariantRow.cluster_id, func.count())
            .where(QuoteVariantRow.cluster_id.in_(cluster_ids))
            .group_by(QuoteVariantRow.cluster_id))
    return {cid: int(n) for cid, n in session.execute(stmt)} if cluster_ids else {}
