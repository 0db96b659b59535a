"""Corrections applied to the stored quotes: the extractor's values plus the active
corrections are what ``quotes``, ``quote_speakers`` and every query hold.

``settle_article`` is the one entry point.  It finds, for each active correction of
the article's *family* (its id, and the ``id~hash`` ids that an edited re-ingest
gets, see ``family``), the quote it is about: the anchored offsets with the same
text, else the same text elsewhere in the article (nearest to the anchor), else
nearly the same wording (``wording.compare``: ``similar``).  Each quote a
correction reaches keeps the extractor's values in ``quote_originals`` and gets the
corrected ones: speakers (in order; a person not yet stored becomes a speaker of
kind ``unknown``), kind, method ``human`` and confidence 1.0; a quote marked not a
quote is removed (with its variant links and derived affiliations) and comes back,
as the extractor had it, when that correction is undone.  When the main speaker
changes, the role is dropped and the mention is the nearest occurrence of the new
speaker's name outside the quote (none if the name is not in the text).

Idempotent: settling an article twice changes nothing the second time.  All work
is in the caller's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from quotetrack.errors import NotFound
from quotetrack.store import variants
from quotetrack.store.convert import norm_text
from quotetrack.store.names import name_key
from quotetrack.store.schema import (
    AffiliationRow,
    AliasRow,
    ArticleRow,
    CorrectionRow,
    QuoteKeyRow,
    QuoteOriginalRow,
    QuoteRow,
    QuoteSpeakerRow,
    QuoteVariantRow,
    SpeakerRow,
    VariantClusterRow,
)
from quotetrack.store.speakers import Resolver, by_alias, find
from quotetrack.wording import VariantConfig, compare, tokens

HUMAN = "human"
FIELDS = tuple(c for c in QuoteRow.__table__.columns.keys() if c not in ("id", "article_id"))
_COPY = re.compile(r"~[0-9a-f]{12}$")


def family(article_id: str) -> str:
    """The id an article was given in its input: ``a~4b808e31fede`` (an edited text
    stored next to ``a``) belongs to ``a``."""
    return _COPY.sub("", article_id)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a quote's active corrections say together (later ones win)."""

    hidden: bool = False
    kind: str | None = None
    speakers: tuple[str, ...] | None = None

    @property
    def human(self) -> bool:
        """Whether a person set the speakers or the kind."""
        return self.kind is not None or self.speakers is not None


def verdict(corrections: Sequence[CorrectionRow]) -> Verdict:
    """The Verdict of corrections given in the order they were made."""
    kind = next((c.kind for c in reversed(corrections) if c.kind), None)
    named = next((c.speakers for c in reversed(corrections) if c.speakers), None)
    return Verdict(any(c.not_a_quote for c in corrections), kind,
                   tuple(named) if named else None)


@dataclass(slots=True)
class Slot:
    """A quote position in an article: its stored row, its original, or both."""

    start: int
    end: int
    text: str
    quote: QuoteRow | None = None
    original: QuoteOriginalRow | None = None


def slots(session: Session, article_id: str) -> list[Slot]:
    """The article's quotes and hidden quotes (first of any two with one span)."""
    found: dict[tuple[int, int], Slot] = {}
    for row in session.scalars(select(QuoteRow).where(QuoteRow.article_id == article_id)
                               .order_by(QuoteRow.id)):
        found.setdefault((row.start, row.end), Slot(row.start, row.end, row.text, row))
    for orig in session.scalars(select(QuoteOriginalRow)
                                .where(QuoteOriginalRow.article_id == article_id)):
        slot = found.setdefault((orig.start, orig.end),
                                Slot(orig.start, orig.end, str(orig.original["text"])))
        slot.original = orig
    return list(found.values())


def find_slot(correction: CorrectionRow, article_id: str, candidates: Sequence[Slot],
              config: VariantConfig) -> Slot | None:
    """The quote of ``candidates`` that ``correction`` is about (module docstring)."""
    wanted = norm_text(correction.quote_text)

    def distance(s: Slot) -> tuple[int, int]:
        return abs(s.start - correction.quote_start), s.start

    for s in candidates:
        if (correction.article_id == article_id and s.start == correction.quote_start
                and s.end == correction.quote_end and norm_text(s.text) == wanted):
            return s
    words = tokens(correction.quote_text)
    same = [s for s in candidates if norm_text(s.text) == wanted or tokens(s.text) == words]
    if same:
        return min(same, key=distance)
    loose = replace(config, min_words=3, exact_min_words=1)
    close = [(m.score, s) for s in candidates
             if (m := compare(words, tokens(s.text), loose)) and m.relation == "similar"]
    return max(close, key=lambda c: (c[0], [-d for d in distance(c[1])]))[1] if close else None


def family_corrections(session: Session, article_id: str) -> list[CorrectionRow]:
    """Active corrections anchored in the article's family, oldest first."""
    stmt = (select(CorrectionRow)
            .where(CorrectionRow.family == family(article_id),
                   CorrectionRow.undone_at.is_(None))
            .order_by(CorrectionRow.id))
    return list(session.scalars(stmt))


def family_articles(session: Session, article_id: str) -> list[str]:
    """Stored ids of the article's family (itself included), in ingest order."""
    root = family(article_id)
    stmt = (select(ArticleRow.id)
            .where((ArticleRow.id == root) | ArticleRow.id.startswith(root + "~",
                                                                      autoescape=True))
            .order_by(ArticleRow.ingested_at, ArticleRow.id))
    return [a for a in session.scalars(stmt) if family(a) == root]


def settle_article(session: Session, article_id: str, config: VariantConfig,
                   link: bool = True) -> int:
    """Bring the article's quotes in line with its family's active corrections;
    returns how many quotes carry a correction.  ``link=False`` leaves variant
    links of changed quotes to the caller (``on_saved`` links the whole article)."""
    corrections = family_corrections(session, article_id)
    has_originals = session.scalar(select(QuoteOriginalRow.id).where(
        QuoteOriginalRow.article_id == article_id).limit(1)) is not None
    if not corrections and not has_originals:
        return 0
    candidates = slots(session, article_id)
    reached: dict[int, list[CorrectionRow]] = {}
    for c in corrections:
        slot = find_slot(c, article_id, candidates, config)
        if slot is not None:
            reached.setdefault(id(slot), []).append(c)
    text = session.get_one(ArticleRow, article_id).text
    applier = _Applier(session, article_id, text, config, link)
    for slot in candidates:
        mine = reached.get(id(slot), [])
        if mine or slot.original is not None:
            applier.settle(slot, mine)
    return len(reached)


class _Applier:
    """Writes one article's verdicts (see ``settle_article``)."""

    def __init__(self, session: Session, article_id: str, text: str,
                 config: VariantConfig, link: bool) -> None:
        self.session, self.article_id, self.text = session, article_id, text
        self.config, self.link = config, link

    def settle(self, slot: Slot, corrections: list[CorrectionRow]) -> None:
        """Apply ``corrections`` (possibly none: restore) to one quote position."""
        s = self.session
        orig = slot.original
        if orig is None:
            assert slot.quote is not None  # an unhidden quote without corrections
            orig = QuoteOriginalRow(article_id=self.article_id, quote_id=slot.quote.id,
                                    start=slot.start, end=slot.end,
                                    original=snapshot(s, slot.quote))
            s.add(orig)
        values = dict(orig.original)
        found = verdict(corrections)
        if found.hidden:
            if slot.quote is not None:
                hide(s, slot.quote.id)
                for c in corrections:
                    c.quote_id = None if c.quote_id == slot.quote.id else c.quote_id
            orig.quote_id = None
        else:
            row, fresh = (slot.quote, False) if slot.quote else (self._restore(values), True)
            kind_changed = self._apply(row, values, found)
            if self.link and (fresh or kind_changed):
                relink_quote(s, row, self.config)
            orig.quote_id = row.id
            for c in corrections:
                if c.article_id == self.article_id:
                    c.quote_id = row.id
        if not corrections:
            s.delete(orig)
        s.flush()

    def _restore(self, values: dict[str, Any]) -> QuoteRow:
        """Insert a hidden quote again, under its old id when that is still free."""
        old = values.get("id")
        row = QuoteRow(article_id=self.article_id, **{f: values[f] for f in FIELDS})
        if old is not None and self.session.get(QuoteRow, int(old)) is None:
            row.id = int(old)
        self.session.add(row)
        self.session.flush()
        return row

    def _apply(self, row: QuoteRow, values: dict[str, Any], found: Verdict) -> bool:
        """Set the row to ``values`` overridden by ``found``; True if its kind changed."""
        kind = found.kind or str(values["kind"])
        changed = row.kind != kind
        original_ids = [_original_speaker(self.session, sp) for sp in values["speakers"]]
        ids = (resolve_names(self.session, found.speakers) if found.speakers is not None
               else [i for i in original_ids if i is not None])
        row.kind = kind
        row.method = HUMAN if found.human else values["method"]
        row.confidence = 1.0 if found.human else values["confidence"]
        row.role, mention = values["role"], (values["speaker_mention_start"],
                                             values["speaker_mention_end"],
                                             values["speaker_mention_text"])
        if ids[:1] != original_ids[:1]:
            row.role = None
            mention = locate_mention(self.text, self._forms(ids[0]) if ids else [],
                                     row.start, row.end)
        (row.speaker_mention_start, row.speaker_mention_end,
         row.speaker_mention_text) = mention
        set_links(self.session, row.id, ids)
        return changed

    def _forms(self, speaker_id: int) -> list[str]:
        """Every spelling the store knows for a speaker: its name and alias texts."""
        name = self.session.scalar(select(SpeakerRow.name).where(SpeakerRow.id == speaker_id))
        texts = self.session.scalars(select(AliasRow.text)
                                     .where(AliasRow.speaker_id == speaker_id))
        return list(dict.fromkeys([str(name), *texts]))


def snapshot(session: Session, row: QuoteRow) -> dict[str, Any]:
    """The extractor's values of a stored quote: every column but ``article_id``,
    and ``speakers`` (id, name, kind) in position order."""
    values: dict[str, Any] = {f: getattr(row, f) for f in FIELDS}
    values["id"] = row.id
    values["flags"] = list(row.flags or [])
    stmt = (select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind)
            .join(QuoteSpeakerRow, QuoteSpeakerRow.speaker_id == SpeakerRow.id)
            .where(QuoteSpeakerRow.quote_id == row.id).order_by(QuoteSpeakerRow.position))
    values["speakers"] = [{"id": i, "name": n, "kind": k} for i, n, k in session.execute(stmt)]
    return values


def _original_speaker(session: Session, speaker: dict[str, Any]) -> int | None:
    """The stored speaker an original speaker is now: by its name (which follows
    merges and renames through the aliases), else by id, else a new speaker."""
    found = by_alias(session, name_key(str(speaker["name"]), str(speaker["kind"])))
    if found is not None:
        return found.id
    if session.get(SpeakerRow, speaker["id"]) is not None:
        return int(speaker["id"])
    return Resolver(session).resolve(str(speaker["name"]), str(speaker["kind"]))


def resolve_names(session: Session, names: Sequence[str]) -> list[int]:
    """Speaker ids of names a reviewer typed, in order, without repeats: a stored
    speaker (alias, name or unique surname), else a new one of kind ``unknown``."""
    ids: list[int] = []
    for name in names:
        try:
            speaker_id: int | None = find(session, name).id
        except NotFound:
            speaker_id = Resolver(session).resolve(name, "unknown")
        if speaker_id is not None and speaker_id not in ids:
            ids.append(speaker_id)
    return ids


def set_links(session: Session, quote_id: int, ids: Sequence[int]) -> None:
    """Make ``ids`` the quote's speakers (position order), writing only on a change."""
    stmt = (select(QuoteSpeakerRow.speaker_id).where(QuoteSpeakerRow.quote_id == quote_id)
            .order_by(QuoteSpeakerRow.position))
    if list(session.scalars(stmt)) == list(ids):
        return
    session.execute(delete(QuoteSpeakerRow).where(QuoteSpeakerRow.quote_id == quote_id))
    if ids:
        session.execute(insert(QuoteSpeakerRow), [
            {"quote_id": quote_id, "position": n, "speaker_id": i} for n, i in enumerate(ids)])


def locate_mention(text: str, forms: Sequence[str], start: int,
                   end: int) -> tuple[int | None, int | None, str | None]:
    """``(start, end, text)`` of the occurrence of a speaker's name nearest to the
    quote ``[start, end)`` and outside it; a full form is preferred to a bare
    surname (the last word of a form).  ``(None, None, None)`` when none occurs."""
    fulls = sorted({f.strip() for f in forms if f.strip()}, key=len, reverse=True)
    surnames = sorted({f.split()[-1] for f in fulls if len(f.split()) > 1} - set(fulls))
    for group in (fulls, surnames):
        best: tuple[int, int, int] | None = None
        for form in group:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                if m.start() < end and m.end() > start:
                    continue
                gap = start - m.end() if m.end() <= start else m.start() - end
                if best is None or gap < best[0]:
                    best = (gap, m.start(), m.end())
        if best is not None:
            return best[1], best[2], text[best[1]:best[2]]
    return None, None, None


def detach(session: Session, quote_id: int) -> None:
    """Take a quote out of the variant index and its cluster; a cluster left with
    one quote is dropped, another gets its first appearance refreshed."""
    session.execute(delete(QuoteKeyRow).where(QuoteKeyRow.quote_id == quote_id))
    session.execute(update(QuoteVariantRow).where(QuoteVariantRow.matched_quote_id == quote_id)
                    .values(matched_quote_id=None))
    cluster = session.scalar(select(QuoteVariantRow.cluster_id)
                             .where(QuoteVariantRow.quote_id == quote_id))
    if cluster is None:
        return
    session.execute(delete(QuoteVariantRow).where(QuoteVariantRow.quote_id == quote_id))
    left = session.scalar(select(func.count()).select_from(QuoteVariantRow)
                          .where(QuoteVariantRow.cluster_id == cluster))
    if (left or 0) < 2:
        session.execute(delete(QuoteVariantRow).where(QuoteVariantRow.cluster_id == cluster))
        session.execute(delete(VariantClusterRow).where(VariantClusterRow.id == cluster))
    else:
        variants.refresh_first(session, cluster)


def hide(session: Session, quote_id: int) -> None:
    """Remove a quote that is not one: its variant links, the affiliations it was
    the evidence of (manual ones stay), its row (search index and speaker links
    follow through triggers and cascades)."""
    detach(session, quote_id)
    session.execute(delete(AffiliationRow).where(AffiliationRow.quote_id == quote_id,
                                                 AffiliationRow.source != "manual"))
    session.execute(delete(QuoteRow).where(QuoteRow.id == quote_id))


def relink_quote(session: Session, row: QuoteRow, config: VariantConfig) -> None:
    """Link one quote to its variants again after its kind changed or it came back."""
    detach(session, row.id)
    if row.kind in config.kinds:
        variants.link_quote(session, row.id, row.article_id, row.text, config)
