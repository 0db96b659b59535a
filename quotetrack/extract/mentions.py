"""The records of the entity stage: a named mention and an article's entity.

``Mention`` is one named run of words (document word indexes and character offsets
into the article text); ``Entity`` is the mentions of one article that name one
person, organisation or place, under one canonical name.  Frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One named mention: words ``first..last`` (document indices, inclusive)."""

    first: int
    last: int
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC (or another type the model knows)
    sent: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of the article: its canonical name, kind, gender hint, mentions."""

    id: int
    name: str
    kind: str  # person, organization, place, other
    gender: str | None
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
