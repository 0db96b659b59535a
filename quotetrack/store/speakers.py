"""One speaker identity across articles, through the alias table.

A name resolves, in order, to: the speaker owning its alias key (``names.name_key``);
for people, the one speaker whose surname matches with a compatible first name
(``Lavrov``, ``Sergey Lavrov`` and ``S. Lavrov`` find ``Sergei Lavrov``; two
candidates means no match); a speaker owning one of the article's fuller aliases;
otherwise a new speaker.  Every name and usable alias seen is kept as an alias of the
speaker it resolved to, unless another speaker owns it already.

All functions work inside the caller's session and transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from quotetrack.errors import NotFound, StoreError
from quotetrack.store.names import (
    PERSONLIKE,
    compatible_first,
    display_name,
    name_key,
    person_parts,
    usable_alias,
)
from quotetrack.store.schema import AliasRow, QuoteSpeakerRow, SpeakerRow


def by_alias(session: Session, key: str) -> SpeakerRow | None:
    """The speaker owning the alias ``key``, if any."""
    stmt = select(SpeakerRow).join(AliasRow).where(AliasRow.alias == key)
    return session.scalars(stmt).first()


def by_surname(session: Session, key: str) -> SpeakerRow | None:
    """The single person with ``key``'s surname and a compatible first name, if unique.

    A candidate known only by surname is compatible with any first name; one known
    by full names must have a first name compatible with ``key``'s.
    """
    first, surname = person_parts(key)
    stmt = (select(AliasRow.alias, AliasRow.speaker_id).join(SpeakerRow)
            .where(AliasRow.surname == surname, SpeakerRow.kind.in_(PERSONLIKE)))
    firsts: dict[int, set[str]] = {}
    for alias, speaker_id in session.execute(stmt):
        alias_first = person_parts(alias)[0]
        firsts.setdefault(speaker_id, set()).update([alias_first] if alias_first else [])
    fits = [sid for sid, named in firsts.items()
            if first is None or not named or any(compatible_first(first, f) for f in named)]
    if len(fits) > 1 and first is not None:
        fits = [sid for sid in fits if first in firsts[sid]] or fits
    return session.get(SpeakerRow, fits[0]) if len(fits) == 1 else None


def find(session: Session, name: str) -> SpeakerRow:
    """The stored speaker a user means by ``name`` (alias, canonical name or surname).

    Raises NotFound naming the next step.
    """
    for kind in ("person", "organization"):
        row = by_alias(session, name_key(name, kind))
        if row is not None:
            return row
    stmt = select(SpeakerRow).where(func.lower(SpeakerRow.name) == name.strip().lower())
    row = session.scalars(stmt).first() or by_surname(session, name_key(name))
    if row is None:
        raise NotFound(f"no speaker {name!r} in the store; list them with"
                       " quotetrack speakers")
    return row


def add_aliases(session: Session, speaker: SpeakerRow, surfaces: Iterable[str]) -> int:
    """Keep each surface's key as an alias of ``speaker`` unless already owned; returns added."""
    added = 0
    for surface in surfaces:
        key = name_key(surface, speaker.kind)
        owner = session.scalar(select(AliasRow.speaker_id).where(AliasRow.alias == key))
        if not key or owner is not None:
            continue
        surname = person_parts(key)[1] if speaker.kind in PERSONLIKE else None
        session.add(AliasRow(alias=key, text=display_name(surface), surname=surname,
                             speaker_id=speaker.id))
        session.flush()
        added += 1
    return added


class Resolver:
    """Maps one article's speaker names to speaker ids inside a write session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = {}

    def resolve(self, name: str, kind: str, aliases: Iterable[str] = ()) -> int | None:
        """The speaker id for ``name`` (created if new); None if the name is empty."""
        key = name_key(name, kind)
        if not key:
            return None
        if key in self.ids:
            return self.ids[key]
        usable = [a for a in aliases if usable_alias(a, kind)]
        row = self._match(key, kind, usable)
        if row is None:
            row = SpeakerRow(name=display_name(name), kind=kind)
            self.session.add(row)
            self.session.flush()
        else:
            _improve(row, key, name, kind)
        add_aliases(self.session, row, [name, *usable])
        self.ids[key] = row.id
        return row.id

    def _match(self, key: str, kind: str, aliases: list[str]) -> SpeakerRow | None:
        row = by_alias(self.session, key)
        if row is None and kind in PERSONLIKE:
            row = by_surname(self.session, key)
        for alias in aliases:
            alias_key = name_key(alias, kind)
            if row is None and len(alias_key.split()) > 1:
                row = by_alias(self.session, alias_key)
        return row


def _improve(row: SpeakerRow, key: str, name: str, kind: str) -> None:
    """Learn a kind for an ``unknown`` speaker; prefer a full name over a bare surname."""
    if row.kind == "unknown" and kind != "unknown":
        row.kind = kind
    if kind in PERSONLIKE and len(name_key(row.name, row.kind).split()) < len(key.split()) \
            and len(name_key(row.name, row.kind).split()) == 1:
        row.name = display_name(name)


def _drop_double_links(session: Session, a: int, b: int) -> None:
    """Where a quote names both speakers, keep only the earlier-placed link."""
    has_a = select(QuoteSpeakerRow.quote_id).where(QuoteSpeakerRow.speaker_id == a)
    stmt = (select(QuoteSpeakerRow).where(QuoteSpeakerRow.quote_id.in_(has_a),
                                          QuoteSpeakerRow.speaker_id.in_((a, b)))
            .order_by(QuoteSpeakerRow.quote_id, QuoteSpeakerRow.position))
    seen: set[int] = set()
    for link in session.scalars(stmt).all():
        if link.quote_id in seen:
            session.delete(link)
        seen.add(link.quote_id)
    session.flush()


def merge(session: Session, keep: str, other: str) -> SpeakerRow:
    """Fold speaker ``other`` into ``keep``: its quotes and aliases move, it disappears."""
    a, b = find(session, keep), find(session, other)
    if a.id == b.id:
        raise StoreError(f"{keep!r} and {other!r} are already the same speaker ({a.name})")
    _drop_double_links(session, a.id, b.id)
    session.execute(update(QuoteSpeakerRow).where(QuoteSpeakerRow.speaker_id == b.id)
                    .values(speaker_id=a.id))
    session.execute(update(AliasRow).where(AliasRow.speaker_id == b.id)
                    .values(speaker_id=a.id))
    if a.kind == "unknown":
        a.kind = b.kind
    a.description = a.description or b.description
    session.execute(delete(SpeakerRow).where(SpeakerRow.id == b.id))
    return a


def rename(session: Session, old: str, new: str) -> SpeakerRow:
    """Give a speaker a new canonical name; the old names stay as aliases."""
    row = find(session, old)
    owner = by_alias(session, name_key(new, row.kind))
    if owner is not None and owner.id != row.id:
        raise StoreError(f"{new!r} is already the speaker {owner.name!r}; to make them one,"
                         f" run quotetrack speakers merge {owner.name!r} {old!r}")
    if not name_key(new, row.kind):
        raise StoreError(f"{new!r} is not a usable speaker name")
    row.name = display_name(new)
    add_aliases(session, row, [new])
    return row
