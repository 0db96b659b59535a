"""Quote variants in the store: link each new quote to the same statement elsewhere.

``link_article`` runs inside ``Store.save``'s transaction, right after the article's
quotes are written.  For each quote it stores the blocking keys
(``wording.blocking_keys``), fetches at most ``max_candidates`` quotes of *other*
articles sharing a key (an index lookup, most shared keys first), compares the
words (``wording.compare``) and joins the matches' cluster, merging clusters the
quote bridges.  A cluster's ``first_quote_id`` is refreshed after every change.

Invariants: a quote is in at most one cluster; every cluster has two or more
quotes; quotes too short to key (``exact_min_words``) or of a kind outside
``config.kinds`` (indirect quotes, by default) are never linked.  Two
PostgreSQL writers saving the same statement at the same instant may miss each
other; ``relink`` rebuilds every cluster from the stored quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from sqlalchemy import (
    CompoundSelect,
    Integer,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from quotetrack.store.schema import (
    AffiliationRow,
    ArticleRow,
    QuoteKeyRow,
    QuoteRow,
    QuoteVariantRow,
    VariantClusterRow,
)
from quotetrack.wording import REVERSE, Match, VariantConfig, blocking_keys, compare, tokens

Matched = list[tuple[int, Match]]
_UNION = 100


_SIZES = (4, 16, 32, _UNION)  # keys per lookup statement (the rest padded with NO_KEY)
NO_KEY = ""  # never a blocking key: fills a statement's unused places


@cache
def _postings_union(size: int, exclude_article: bool) -> CompoundSelect[tuple[int]]:
    """For ``size`` keys (bound as ``k0`` .. ``k<size-1>``): the newest ``cap``
    quotes holding each (a range read of the key index), leaving out the quotes of
    the bound ``article`` if ``exclude_article``.

    Built once per shape, so SQLAlchemy compiles each shape once per engine.
    """
    cap = bindparam("cap", type_=Integer)
    parts = []
    for n in range(size):
        stmt = select(QuoteKeyRow.quote_id).where(QuoteKeyRow.key == bindparam(f"k{n}"))
        if exclude_article:
            stmt = stmt.join(QuoteRow, QuoteRow.id == QuoteKeyRow.quote_id).where(
                QuoteRow.article_id != bindparam("article"))
        parts.append(stmt.order_by(QuoteKeyRow.quote_id.desc()).limit(cap).subquery())
    return union_all(*(select(p.c.quote_id) for p in parts))


def _postings(session: Session, keys: Sequence[str], exclude_article: str | None,
              cap: int) -> list[int]:
    """Quote ids holding each of ``keys`` (at most ``_UNION``), ``cap`` per key."""
    size = next(n for n in _SIZES if n >= len(keys))
    values: dict[str, object] = {f"k{n}": key for n, key in enumerate(keys)}
    values |= {f"k{n}": NO_KEY for n in range(len(keys), size)}
    values |= {"cap": cap, "article": exclude_article}
    stmt = _postings_union(size, exclude_article is not None)
    return list(session.scalars(stmt, values))


def candidates(session: Session, keys: Iterable[str], exclude_article: str | None,
               config: VariantConfig) -> list[int]:
    """Ids of quotes sharing a key, most shared keys first (then oldest), at most
    ``config.max_candidates``; quotes of ``exclude_article`` left out.

    Cost is bounded by ``len(keys) * config.max_postings`` index entries whatever the
    store's size: a key held by more quotes (a common phrase) contributes only its
    newest holders.  A true variant shares many keys, so a rarer one still finds it,
    and one member of a cluster is enough to join it.
    """
    wanted = sorted(keys)
    shared: Counter[int] = Counter()
    for i in range(0, len(wanted), _UNION):  # SQLite allows 500 terms per compound SELECT
        shared.update(_postings(session, wanted[i:i + _UNION], exclude_article,
                                config.max_postings))
    ranked = sorted(shared, key=lambda qid: (-shared[qid], qid))
    return ranked[:config.max_candidates]


def matches(session: Session, words: Sequence[str], ids: Sequence[int],
            config: VariantConfig) -> Matched:
    """``(quote id, Match)`` for each candidate the quote ``words`` matches, best first."""
    if not ids:
        return []
    rows = session.execute(select(QuoteRow.id, QuoteRow.text).where(QuoteRow.id.in_(ids)))
    found = [(qid, m) for qid, text in rows
             if (m := compare(words, tokens(text), config)) is not None]
    return sorted(found, key=lambda f: (-f[1].score, f[0]))


def _clusters_of(session: Session, ids: Iterable[int]) -> dict[int, int]:
    stmt = select(QuoteVariantRow.quote_id, QuoteVariantRow.cluster_id).where(
        QuoteVariantRow.quote_id.in_(list(ids)))
    return {qid: cid for qid, cid in session.execute(stmt)}


def _merge(session: Session, target: int, others: Iterable[int]) -> None:
    """Move every member of ``others`` into cluster ``target`` and drop ``others``."""
    gone = sorted(set(others) - {target})
    if gone:
        session.execute(update(QuoteVariantRow).where(QuoteVariantRow.cluster_id.in_(gone))
                        .values(cluster_id=target))
        session.execute(delete(VariantClusterRow).where(VariantClusterRow.id.in_(gone)))


def refresh_first(session: Session, cluster_id: int) -> int | None:
    """Set and return the cluster's first appearance: earliest ``published_at``
    (undated last), then ingest order (quote id)."""
    undated = case((ArticleRow.published_at.is_(None), 1), else_=0)
    stmt = (select(QuoteVariantRow.quote_id)
            .join(QuoteRow, QuoteRow.id == QuoteVariantRow.quote_id)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .where(QuoteVariantRow.cluster_id == cluster_id)
            .order_by(undated, ArticleRow.published_at, QuoteRow.id).limit(1))
    first = session.scalar(stmt)
    session.execute(update(VariantClusterRow).where(VariantClusterRow.id == cluster_id)
                    .values(first_quote_id=first))
    return first


def join(session: Session, quote_id: int, found: Matched) -> int:
    """Put ``quote_id`` and its matches into one cluster; returns the cluster id.

    The oldest cluster among the matches survives (others merge into it); matches
    not yet clustered join with the reverse relation to this quote.
    """
    clusters = _clusters_of(session, [qid for qid, _ in found])
    if clusters:
        target = min(clusters.values())
        _merge(session, target, clusters.values())
    else:
        cluster = VariantClusterRow()
        session.add(cluster)
        session.flush()
        target = cluster.id
    best_id, best = found[0]
    members = [{"quote_id": quote_id, "cluster_id": target, "matched_quote_id": best_id,
                "relation": best.relation, "similarity": best.score}]
    members += [{"quote_id": qid, "cluster_id": target, "matched_quote_id": quote_id,
                 "relation": REVERSE[m.relation], "similarity": m.score}
                for qid, m in found if qid not in clusters]
    session.execute(insert(QuoteVariantRow), members)
    refresh_first(session, target)
    return target


def link_quote(session: Session, quote_id: int, article_id: str, text: str,
               config: VariantConfig) -> int | None:
    """Index one stored quote and link it to its variants; returns its cluster id."""
    words = tokens(text)
    keys = blocking_keys(words, config)
    if not keys:
        return None
    found = matches(session, words, candidates(session, keys, article_id, config), config)
    session.execute(insert(QuoteKeyRow), [{"key": k, "quote_id": quote_id}
                                          for k in sorted(keys)])
    return join(session, quote_id, found) if found else None


def link_article(session: Session, article_id: str, config: VariantConfig) -> int:
    """Link every quote of a stored article whose kind is in ``config.kinds`` (text
    order); returns how many joined a cluster.  Runs in the caller's transaction."""
    stmt = (select(QuoteRow.id, QuoteRow.text)
            .where(QuoteRow.article_id == article_id, QuoteRow.kind.in_(config.kinds))
            .order_by(QuoteRow.start, QuoteRow.id))
    return sum(link_quote(session, qid, article_id, text, config) is not None
               for qid, text in session.execute(stmt).all())


def clear(session: Session) -> list[str]:
    """Drop every cluster, key and derived affiliation (``manual`` ones stay); returns
    every article id in ingest order, for relinking."""
    session.execute(delete(QuoteVariantRow))
    session.execute(delete(VariantClusterRow))
    session.execute(delete(QuoteKeyRow))
    session.execute(delete(AffiliationRow).where(AffiliationRow.source != "manual"))
    return article_ids(session)


def article_ids(session: Session) -> list[str]:
    """Every stored article id in ingest order."""
    stmt = select(ArticleRow.id).order_by(ArticleRow.ingested_at, ArticleRow.id)
    return list(session.scalars(stmt))


def lookup(session: Session, text: str, config: VariantConfig) -> Matched:
    """Stored quotes that ``text`` (typed by a user) is a variant of, best first."""
    words = tokens(text)
    loose = replace(config, min_words=min(config.min_words, 3), exact_min_words=1)
    keys = blocking_keys(words, loose)
    return matches(session, words, candidates(session, keys, None, loose), loose)


def cluster_count(session: Session) -> int:
    """How many variant clusters the store holds."""
    return int(session.scalar(select(func.count()).select_from(VariantClusterRow)) or 0)
