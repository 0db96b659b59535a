"""Export rows and schema.org ``Claim`` JSON-LD: pure functions over store rows.

Input rows are appearance rows (``store/appearances.py``), as
``Store.export_rows`` and ``Store.clusters`` return them.

* ``flat(row)``: one CSV/JSONL record per quote (fields ``EXPORT_COLUMNS``);
* ``claims(rows, clusters)``: one schema.org ``Claim`` per statement (a variant
  cluster, or a quote without variants): ``text`` (the first appearance's wording),
  ``author`` (``Person`` with ``jobTitle`` from the role, or ``Organization``),
  ``datePublished`` (of the first appearance), ``appearance`` (every article, with
  its URL) and ``firstAppearance``.  Negated appearances ("X did not say") never
  make X the author.  A ``ClaimReview`` can point at a Claim with ``itemReviewed``.
* ``with_diffs(rows)``: variant rows with ``diff`` against the first appearance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from quotetrack.wording import diff_text, word_diff

SCHEMA = "https://schema.org"
EXPORT_COLUMNS = [
    "quote_id", "article_id", "url", "title", "outlet", "published_at", "speaker", "speakers",
    "speaker_kind", "speaker_mention", "role", "text", "kind", "cue", "cue_lemma", "negated",
    "stance", "method", "confidence", "start", "end", "cluster_id", "appearances",
    "first_quote_id", "first_url", "first_outlet", "first_published_at",
]
ORGANISATION_KINDS = ("organization", "group")
Row = Mapping[str, Any]


def flat(row: Row) -> dict[str, Any]:
    """The export record of one appearance row: ``EXPORT_COLUMNS``, first appearance
    flattened into ``first_*`` fields."""
    first = row.get("first_appearance") or {}
    extra = {"first_quote_id": first.get("quote_id"), "first_url": first.get("url"),
             "first_outlet": first.get("outlet"),
             "first_published_at": first.get("published_at")}
    return {c: row.get(c) for c in EXPORT_COLUMNS} | extra


def _article(row: Row) -> dict[str, Any]:
    """A schema.org NewsArticle for the article an appearance is in."""
    item: dict[str, Any] = {"@type": "NewsArticle", "identifier": row["article_id"]}
    if row.get("url"):
        item["url"] = row["url"]
    if row.get("title"):
        item["headline"] = row["title"]
    if row.get("published_at"):
        item["datePublished"] = row["published_at"]
    if row.get("outlet"):
        item["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    return item


def author(appearances: Sequence[Row]) -> dict[str, Any] | None:
    """The claim's author: the speaker most outlets name (ties: the earliest), from
    non-negated appearances only; None when no appearance attributes it."""
    said = [r for r in appearances if r.get("speaker") and not r.get("negated")]
    if not said:
        return None
    outlets = Counter(r["speaker_id"] for r in {(r["speaker_id"], r.get("outlet")): r
                                                for r in said}.values())
    order = list(dict.fromkeys(r["speaker_id"] for r in said))
    best = max(order, key=lambda s: (outlets[s], -order.index(s)))
    mine = [r for r in said if r["speaker_id"] == best]
    if mine[0].get("speaker_kind") in ORGANISATION_KINDS:
        return {"@type": "Organization", "name": mine[0]["speaker"]}
    person: dict[str, Any] = {"@type": "Person", "name": mine[0]["speaker"]}
    role = next((r["role"] for r in mine if r.get("role")), None)
    return person | ({"jobTitle": role} if role else {})


def claim(appearances: Sequence[Row]) -> dict[str, Any]:
    """One schema.org Claim (a complete JSON-LD document) for a statement's
    appearances, given in first-appearance order (non-empty)."""
    first = appearances[0]
    key = (f"cluster-{first['cluster_id']}" if first.get("cluster_id")
           else f"quote-{first['quote_id']}")
    doc: dict[str, Any] = {"@context": SCHEMA, "@type": "Claim",
                           "identifier": f"quotetrack:{key}", "text": first["text"]}
    who = author(appearances)
    if who:
        doc["author"] = who
    if first.get("published_at"):
        doc["datePublished"] = str(first["published_at"])[:10]
    articles = {r["article_id"]: _article(r) for r in appearances}
    doc["appearance"] = list(articles.values())
    doc["firstAppearance"] = articles[first["article_id"]]
    return doc


def claims(rows: Sequence[Row], clusters: Mapping[int, Sequence[Row]]) -> list[dict[str, Any]]:
    """One Claim per statement among ``rows``, in the rows' order; a clustered quote
    uses every appearance of its cluster (``clusters[cluster_id]``)."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for row in rows:
        cid = row.get("cluster_id")
        key = f"c{cid}" if cid else f"q{row['quote_id']}"
        if key in seen:
            continue
        seen.add(key)
        out.append(claim(clusters[cid] if cid else [row]))
    return out


def with_diffs(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Copies of appearance rows with ``diff`` (wdiff text against the first
    appearance; the first one's is its plain text) and ``ops`` (the word edits)."""
    if not rows:
        return []
    base = next((r for r in rows if r.get("first")), rows[0])["text"]
    out = []
    for r in rows:
        ops = word_diff(base, r["text"])
        out.append(dict(r) | {"diff": diff_text(ops), "ops": ops})
    return out
