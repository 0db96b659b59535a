"""Misattribution flags: variant clusters whose appearances name different speakers.

A cluster is a conflict when its attributed, non-negated appearances fall into two
or more *speaker groups*.  Speakers joined by an affiliation (``affiliations.chains``:
a spokesman and the Kremlin, two speakers one quote names together) form one group:
a chain, listed with the conflict's evidence but never a conflict on its own.
Speakers that are one name, shorter and fuller (``Khan`` / ``Sadiq Khan``), are one
group too (``affiliations.name_chains``).  Negated appearances ("Trump did not say
...") never count as an attribution.

A conflict is ``explicit`` when every group has an attribution that names its
speaker outright (a method outside ``WEAK_METHODS``: not a pronoun, a speaker
carried over from the previous quote, or a cue's object).  Ranking: explicit first,
then ``disagreeing_outlets`` (outlets outside the majority group: the group named by
the most outlets, ties to the group of the earliest attribution), then ``outlets``
(distinct outlets attributing it), then cluster id.  An article with no outlet
counts as its own outlet.

A reviewer's correction (``store/corrections.py``) is an appearance like any other,
with method ``human``: it is evidence of its corrected speaker.  A conflict is
``resolved`` when every group has a corrected appearance (people confirmed that the
sides differ); resolved conflicts come last.  Corrections that give every side one
speaker end the conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from quotetrack.records import INFERRED_METHODS
from quotetrack.store import affiliations, appearances
from quotetrack.store.schema import QuoteRow, QuoteSpeakerRow, QuoteVariantRow

WEAK_METHODS = INFERRED_METHODS
HUMAN = "human"
EVIDENCE = ("quote_id", "article_id", "outlet", "published_at", "url", "speaker",
            "speakers", "speaker_mention", "role", "cue", "negated", "method",
            "confidence", "relation", "first", "text")


def candidate_clusters(session: Session) -> list[int]:
    """Clusters whose non-negated appearances have two or more main speakers."""
    speaker = QuoteSpeakerRow.speaker_id
    stmt = (select(QuoteVariantRow.cluster_id)
            .join(QuoteRow, QuoteRow.id == QuoteVariantRow.quote_id)
            .join(QuoteSpeakerRow, and_(QuoteSpeakerRow.quote_id == QuoteRow.id,
                                        QuoteSpeakerRow.position == 0))
            .where(QuoteRow.negated.is_(False))
            .group_by(QuoteVariantRow.cluster_id)
            .having(func.count(func.distinct(speaker)) > 1)
            .order_by(QuoteVariantRow.cluster_id))
    return list(session.scalars(stmt))


class _Groups:
    """Union-find over speaker ids."""

    def __init__(self, ids: Sequence[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _outlet(row: dict[str, Any]) -> str:
    return str(row["outlet"] or row["article_id"])


def assess(session: Session, cluster_id: int, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The conflict record of one cluster's appearances, or None when every
    attribution falls into one speaker group."""
    said = [r for r in rows if r["speaker_id"] is not None and not r["negated"]]
    ids = sorted({r["speaker_id"] for r in said})
    if len(ids) < 2:
        return None
    names = {r["speaker_id"]: r["speaker"] for r in said}
    found = affiliations.chains(session, affiliations.speaker_keys(session, ids))
    found += affiliations.name_chains(affiliations.speaker_keys(session, ids, surnames=False))
    groups = _Groups(ids)
    for link in found:
        groups.union(link.speaker, link.affiliate)
    by_group: dict[int, list[dict[str, Any]]] = {}
    for r in said:
        by_group.setdefault(groups.find(r["speaker_id"]), []).append(r)
    if len(by_group) < 2:
        return None
    return _record(cluster_id, rows, by_group, names, found)


def _record(cluster_id: int, rows: list[dict[str, Any]],
            by_group: dict[int, list[dict[str, Any]]], names: dict[int, str],
            found: list[affiliations.Chain]) -> dict[str, Any]:
    order = list(by_group)  # first attribution's group first (rows are in date order)
    outlets = {g: {_outlet(r) for r in rs} for g, rs in by_group.items()}
    majority = max(order, key=lambda g: (len(outlets[g]), -order.index(g)))
    disagreeing = set().union(*(outlets[g] for g in order if g != majority))
    speakers = [{"speakers": list(dict.fromkeys(r["speaker"] for r in by_group[g])),
                 "outlets": sorted(outlets[g]), "appearances": len(by_group[g])}
                for g in order]
    explicit = all(any(r["method"] not in WEAK_METHODS for r in rs)
                   for rs in by_group.values())
    resolved = all(any(r["method"] == HUMAN for r in rs) for rs in by_group.values())
    return {
        "cluster_id": cluster_id, "quote": rows[0]["text"], "explicit": explicit,
        "resolved": resolved,
        "first": {k: rows[0][k] for k in ("quote_id", "outlet", "published_at", "url")},
        "speakers": speakers, "outlets": len(set().union(*outlets.values())),
        "disagreeing_outlets": len(disagreeing),
        "chains": [{"speaker": names.get(c.speaker), "affiliate": names.get(c.affiliate),
                    "source": c.source, "role": c.role, "quote_id": c.quote_id}
                   for c in found],
        "evidence": [{k: r[k] for k in EVIDENCE} for r in rows],
    }


def conflicts(session: Session, limit: int | None = None,
              explicit: bool = False) -> list[dict[str, Any]]:
    """Every conflict (``explicit``: only explicit ones), ranked as the module
    docstring says."""
    ids = candidate_clusters(session)
    members = appearances.of_clusters(session, ids)
    found = [c for cid in ids if (c := assess(session, cid, members[cid])) is not None
             and (c["explicit"] or not explicit)]
    found.sort(key=lambda c: (c["resolved"], not c["explicit"], -c["disagreeing_outlets"],
                              -c["outlets"], c["cluster_id"]))
    return found[:limit] if limit else found
