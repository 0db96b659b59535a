"""Speaker affiliations: who speaks for whom, so a chain is never called a conflict.

"Dmitry Peskov, the Kremlin's spokesman" in one article and "the Kremlin said" in
another attribute one statement along a chain (person -> organisation), not to two
rival speakers.  Affiliations are recorded when an article is saved:

* ``role``: the quote's role text names someone (``Clinton's top aide``, ``a
  spokesman for the Kremlin``, ``FBI general counsel``): main speaker -> that name;
* ``co-speaker``: one quote names several speakers: main speaker -> each other one.

Both ends are stored as alias keys (``names.name_key``), so a name that becomes a
speaker only later, a merge or a rename keeps the relation.  ``chained`` answers the
question for two stored speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.store.names import PERSONLIKE, TITLES, fold, name_key
from quotetrack.store.schema import (
    AffiliationRow,
    AliasRow,
    QuoteRow,
    QuoteSpeakerRow,
    SpeakerRow,
)

_CAP = r"[A-Z][\w.&\-]*"
_POSSESSIVE = re.compile(rf"({_CAP}(?:\s+{_CAP})*)\s*['\u2019]s?\b")
_PREPOSITION = re.compile(rf"\b(?:for|of|at|with|from)\s+((?:the\s+)?{_CAP}"
                          rf"(?:\s+(?:of\s+|for\s+)?{_CAP})*)")
_RUN = re.compile(rf"{_CAP}(?:\s+{_CAP})*")
# Capitalised role words that are no affiliation (parties and nationalities would
# chain every Republican to every other; they are left to the user).
NOT_AFFILIATES = TITLES | frozenset("""
    former democrat democratic republican gop american russian ukrainian british
    speaker leader spokesman spokeswoman spokesperson adviser advisor aide candidate
    press official officials attorney counsel director head
""".split())


@dataclass(frozen=True, slots=True)
class Chain:
    """Stored speaker ``speaker`` speaks for (or with) stored speaker ``affiliate``."""

    speaker: int
    affiliate: int
    source: str
    role: str | None
    quote_id: int | None


def role_affiliates(role: str | None) -> list[str]:
    """Names a role text mentions, as written: possessives, the object of
    ``for/of/at/with/from``, then capitalised runs less title words (``FBI general
    counsel`` -> ``FBI``).  Pure; ``[]`` for no role."""
    if not role:
        return []
    found = [m.group(1) for m in _POSSESSIVE.finditer(role)]
    found += [m.group(1) for m in _PREPOSITION.finditer(role)]
    for m in _RUN.finditer(role):
        kept = [w for w in m.group(0).split() if fold(w) not in NOT_AFFILIATES]
        if kept:
            found.append(" ".join(kept))
    names = [n.strip() for n in found if fold(n) not in NOT_AFFILIATES]
    return list(dict.fromkeys(n for n in names if name_key(n, "organization")))


def _add(session: Session, speaker_key: str, affiliate: str, source: str,
         role: str | None, quote_id: int | None) -> bool:
    key = name_key(affiliate, "organization")
    if not key or key == speaker_key:
        return False
    stmt = select(AffiliationRow.id).where(AffiliationRow.speaker_key == speaker_key,
                                           AffiliationRow.affiliate_key == key)
    if session.scalar(stmt) is not None:
        return False
    session.add(AffiliationRow(speaker_key=speaker_key, affiliate_key=key,
                               affiliate_text=affiliate, source=source, role=role,
                               quote_id=quote_id))
    session.flush()
    return True


def record_article(session: Session, article_id: str) -> int:
    """Record the affiliations an article's quotes state; returns how many were new."""
    stmt = (select(QuoteRow.id, QuoteRow.role, SpeakerRow.name, SpeakerRow.kind)
            .join(QuoteSpeakerRow, QuoteSpeakerRow.quote_id == QuoteRow.id)
            .join(SpeakerRow, SpeakerRow.id == QuoteSpeakerRow.speaker_id)
            .where(QuoteRow.article_id == article_id)
            .order_by(QuoteRow.id, QuoteSpeakerRow.position))
    named: dict[int, list[tuple[str, str]]] = {}
    roles: dict[int, str | None] = {}
    for qid, role, name, kind in session.execute(stmt):
        named.setdefault(qid, []).append((name, kind))
        roles[qid] = role
    added = 0
    for qid, speakers in named.items():
        main = name_key(*speakers[0])
        for affiliate in role_affiliates(roles[qid]):
            added += _add(session, main, affiliate, "role", roles[qid], qid)
        for other, _kind in speakers[1:]:
            added += _add(session, main, other, "co-speaker", None, qid)
    return added


def add_manual(session: Session, speaker: SpeakerRow, affiliate: SpeakerRow) -> bool:
    """Record by hand that ``speaker`` speaks for ``affiliate``; False if known."""
    key = name_key(speaker.name, speaker.kind)
    return _add(session, key, affiliate.name, "manual", None, None)


def speaker_keys(session: Session, ids: Iterable[int],
                 surnames: bool = True) -> dict[int, set[str]]:
    """Every key that names each speaker: alias keys, plus the surname of people."""
    wanted = sorted(set(ids))
    keys: dict[int, set[str]] = {sid: set() for sid in wanted}
    rows = session.execute(select(AliasRow.speaker_id, AliasRow.alias, AliasRow.surname,
                                  SpeakerRow.kind)
                           .join(SpeakerRow, SpeakerRow.id == AliasRow.speaker_id)
                           .where(AliasRow.speaker_id.in_(wanted)))
    for sid, alias, surname, kind in rows:
        keys[sid].add(alias)
        if surnames and surname and kind in PERSONLIKE:
            keys[sid].add(surname)
    return keys


def _ends_with(longer: str, shorter: str) -> bool:
    return longer.endswith(" " + shorter)


def name_chains(aliases: Mapping[int, set[str]]) -> list[Chain]:
    """Speakers that are one name, shorter and fuller (``Khan`` / ``Sadiq Khan``,
    ``Paul Ryan`` / ``House Speaker Paul Ryan``): a stored alias of one ends the
    other's, and no third speaker of ``aliases`` also ends with it (``Clinton``
    beside ``Hillary Clinton`` and ``Bill Clinton`` stays apart).  Source ``name``."""
    out: list[Chain] = []
    for a, short_keys in aliases.items():
        for key in short_keys:
            fuller = [b for b, ks in aliases.items()
                      if b != a and any(_ends_with(k, key) for k in ks)]
            if len(fuller) == 1:
                out.append(Chain(a, fuller[0], "name", None, None))
    return out


def chains(session: Session, keys: Mapping[int, set[str]]) -> list[Chain]:
    """Affiliations between the given speakers (``speaker_keys`` output), one per
    stored relation whose two ends name two different speakers of ``keys``."""
    every = sorted({k for ks in keys.values() for k in ks})
    if not every:
        return []
    rows = session.scalars(select(AffiliationRow).where(AffiliationRow.speaker_key.in_(every))
                           .order_by(AffiliationRow.id)).all()
    out: list[Chain] = []
    for row in rows:
        forms = [row.affiliate_key, name_key(row.affiliate_text, "person")]
        for a in _owners(keys, [row.speaker_key]):
            out += [Chain(a, b, row.source, row.role, row.quote_id)
                    for b in _owners(keys, forms) if a != b]
    return out


def _owners(keys: Mapping[int, set[str]], wanted: Sequence[str]) -> list[int]:
    return [sid for sid, ks in keys.items() if any(w in ks for w in wanted)]
