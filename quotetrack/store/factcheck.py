"""The fact-checking part of the ``Store`` API: variants, first appearances,
conflicts, export rows, affiliations.  ``Store`` inherits it (``FactCheckMixin``).

Each method is one transaction and returns plain dicts (appearance rows as
described in ``store/appearances.py``).  ``on_saved`` is what ``Store.save`` runs
inside its own transaction after writing an article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from quotetrack.errors import NotFound, QuotetrackError, StoreError
from quotetrack.store import (
    affiliations,
    appearances,
    conflicts,
    queries,
    search,
    settle,
    variants,
)
from quotetrack.store.queries import DateLike
from quotetrack.store.schema import QuoteRow
from quotetrack.store.speakers import find
from quotetrack.wording import VariantConfig, tokens

T = TypeVar("T")
Progress = Callable[[int, int], None]


def on_saved(session: Session, article_id: str, config: VariantConfig) -> None:
    """Apply the corrections of earlier versions of a just-written article, link
    its quotes to their variants and record the affiliations its quotes state (in
    the caller's transaction)."""
    settle.settle_article(session, article_id, config, link=False)
    variants.link_article(session, article_id, config)
    affiliations.record_article(session, article_id)


def _find_cluster(session: Session, text: str, config: VariantConfig) -> list[int]:
    """Quote ids ``text`` best matches: index lookup, else full-text search."""
    found = variants.lookup(session, text, config)
    if not found:
        phrase = '"' + text.replace('"', " ") + '"'
        try:
            ids = search.match_ids(session.connection(), phrase, 20)
        except QuotetrackError:  # nothing searchable in the text
            ids = []
        found = variants.matches(session, tokens(text), ids,
                                 replace(config, min_words=1, exact_min_words=1))
    return [qid for qid, _ in found]


class FactCheckMixin:
    """Variants, conflicts and exports over the store (mixed into ``Store``)."""

    _variant_config: VariantConfig | None = None

    def _read(self, fn: Callable[[Session], T]) -> T:
        raise NotImplementedError

    def _write(self, fn: Callable[[Session], T]) -> T:
        raise NotImplementedError

    @property
    def variant_config(self) -> VariantConfig:
        """How new quotes are matched (QUOTETRACK_VARIANT_THRESHOLD applies)."""
        if self._variant_config is None:
            self._variant_config = VariantConfig.from_env()
        return self._variant_config

    @variant_config.setter
    def variant_config(self, config: VariantConfig) -> None:
        self._variant_config = config

    def variants(self, text: str | None = None,
                 quote_id: int | None = None) -> list[dict[str, Any]]:
        """Every appearance of the statement ``text`` (or of quote ``quote_id``), in
        first-appearance order; one row when the quote has no variants.

        Raises NotFound when nothing stored matches.
        """
        def run(s: Session) -> list[dict[str, Any]]:
            ids = [quote_id] if quote_id is not None else _find_cluster(
                s, text or "", self.variant_config)
            if not ids or (quote_id is not None and s.get(QuoteRow, quote_id) is None):
                what = f"quote {quote_id}" if quote_id is not None else repr(text)
                raise NotFound(f"no stored quote matches {what}; search with"
                               " quotetrack who-said")
            cluster = appearances.cluster_of(s, ids[0])
            if cluster is None:
                return appearances.of_quotes(s, ids[:1])
            return appearances.of_clusters(s, [cluster])[cluster]

        return self._read(run)

    def first_appearances(self, quote_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Per quote id: its cluster, number of appearances and first appearance."""
        return self._read(lambda s: appearances.first_appearances(s, list(quote_ids)))

    def conflicts(self, limit: int | None = None,
                  explicit: bool = False) -> list[dict[str, Any]]:
        """Clusters attributed to different speakers, explicit ones first, then most
        disagreeing outlets (``explicit``: only those naming every speaker outright)."""
        return self._read(lambda s: conflicts.conflicts(s, limit, explicit))

    def export_rows(self, speaker: str | None = None, kind: str | None = None,
                    since: DateLike | None = None, until: DateLike | None = None,
                    outlet: str | None = None, stance: str | None = None,
                    limit: int | None = None,
                    negated: bool | None = None) -> list[dict[str, Any]]:
        """Appearance rows of the quotes ``quotes()`` selects (same filters), each with
        ``first_appearance`` (FIRST_FIELDS) and ``appearances`` (cluster size)."""
        def run(s: Session) -> list[dict[str, Any]]:
            ids = [r["id"] for r in queries.quotes(s, speaker, kind, since, until, outlet,
                                                  stance, limit, negated)]
            rows = {r["quote_id"]: r for r in appearances.of_quotes(s, ids)}
            firsts = appearances.first_appearances(s, ids)
            return [rows[i] | {"appearances": firsts[i]["appearances"],
                               "first_appearance": firsts[i]["first"]} for i in ids]

        return self._read(run)

    def clusters(self, cluster_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Every appearance of each cluster (first-appearance order)."""
        return self._read(lambda s: appearances.of_clusters(s, list(cluster_ids)))

    def affiliate(self, speaker: str, affiliate: str) -> dict[str, Any]:
        """Record by hand that ``speaker`` speaks for ``affiliate`` (both stored)."""
        def run(s: Session) -> dict[str, Any]:
            a, b = find(s, speaker), find(s, affiliate)
            if a.id == b.id:
                raise StoreError(f"{speaker!r} and {affiliate!r} are the same speaker")
            return {"speaker": a.name, "affiliate": b.name,
                    "added": affiliations.add_manual(s, a, b)}

        return self._write(run)

    def relink_variants(self, config: VariantConfig | None = None,
                        progress: Progress | None = None) -> dict[str, int]:
        """Rebuild every cluster, key and derived affiliation from the stored quotes,
        article by article in ingest order (one transaction each).  An interrupted
        run leaves fewer links; run it again.  Returns ``articles`` and ``clusters``."""
        if config is not None:
            self.variant_config = config
        ids = self._write(variants.clear)
        config = self.variant_config
        for n, article_id in enumerate(ids, 1):
            self._write(partial(on_saved, article_id=article_id, config=config))
            if progress:
                progress(n, len(ids))
        return {"articles": len(ids), "clusters": self._read(variants.cluster_count)}
