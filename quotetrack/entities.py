"""Named entities of one article: NER mentions grouped into entities with one name.

Pure functions over a ``ParsedDoc`` whose tokens carry IOB2 ``ner`` tags.  A mention
is a maximal tagged run (leading ``the`` and a trailing possessive ``'s`` left out);
mentions of one article are grouped into entities:

- a person's mentions group by surname (``Lavrov``, ``Mr. Lavrov`` and
  ``Sergei Lavrov`` are one person); the canonical name is the fullest proper name
  the article gives (most words, then most frequent), never a title;
- an organisation's mentions group by exact name, by acronym (``PBO`` for
  ``Pacific Business Organization``) and by a first word naming the longer form
  (``Suncor`` for ``Suncor Energy``); the canonical name is the fullest form;
- places group by exact name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from quotetrack.lexicon import first_name_gender, words
from quotetrack.records import ParsedDoc, Token

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
_SKIP_WORDS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "on", "de"}


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


def _trim(doc: ParsedDoc, run: list[Token]) -> list[Token]:
    """A tagged run without a leading article, trailing possessive or punctuation."""
    while run and (run[0].text.lower() in _SKIP_WORDS or run[0].upos == "PUNCT"):
        run = run[1:]
    while run and (run[-1].text in _POSSESSIVE or run[-1].upos == "PUNCT"):
        run = run[:-1]
    return run


def _surface(doc: ParsedDoc, run: list[Token]) -> str:
    """The mention's text with a trailing possessive cut (``Putin's`` -> ``Putin``)."""
    text = doc.text[run[0].start:run[-1].end]
    for p in _POSSESSIVE:
        if text.endswith(p) and len(text) > len(p) + 1:
            return text[: -len(p)]
    return " ".join(text.split())


def find_mentions(doc: ParsedDoc) -> tuple[Mention, ...]:
    """Every named mention of the document, in text order."""
    out: list[Mention] = []
    run: list[Token] = []
    kind = ""

    def close() -> None:
        toks = _trim(doc, run)
        if toks and any(t.text[:1].isupper() or t.text[:1].isdigit() for t in toks):
            out.append(Mention(toks[0].i, toks[-1].i, toks[0].start, toks[-1].end,
                               _surface(doc, toks), kind, toks[0].sent))

    for t in doc.tokens:
        tag = t.ner
        inside = tag.startswith("I-") and run and tag[2:] == kind and run[-1].sent == t.sent
        if inside:
            run.append(t)
            continue
        if run:
            close()
        run, kind = ([t], tag[2:]) if tag != "O" else ([], "")
    if run:
        close()
    return tuple(out)


def name_words(name: str) -> list[str]:
    """A name's words without title words (``President Donald Trump`` -> two words)."""
    titles = words("titles")
    toks = name.replace("\u2019", "'").split()
    k = 0
    while k < len(toks) - 1 and (toks[k].lower() in titles
                                 or toks[k].lower().rstrip(".") in titles):
        k += 1
    return toks[k:]


def acronym(name: str) -> str:
    """Initials of a multi-word name (``Pacific Business Organization`` -> ``PBO``)."""
    parts = [w for w in name.split() if w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in parts).upper() if len(parts) > 1 else ""


def _key(m: Mention) -> str:
    return " ".join(name_words(m.text)) if m.type == "PER" else m.text


def _person_groups(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group person mentions: full names by exact name, one-word names by surname
    (or, failing that, by the unique full name starting with that word)."""
    full: dict[str, list[Mention]] = {}
    single: list[Mention] = []
    for m in mentions:
        key = _key(m)
        (full.setdefault(key, []) if len(key.split()) > 1 else single).append(m)
    surnames: dict[str, list[str]] = {}
    for key in full:
        surnames.setdefault(key.split()[-1].lower(), []).append(key)
    # "Sergei Lavrov" and "Sergey Lavrov" stay apart; "Lavrov" joins the most frequent
    groups = {key: list(ms) for key, ms in full.items()}
    for m in single:
        word = _key(m).lower()
        owners = surnames.get(word) or [k for k in full if k.split()[0].lower() == word]
        if owners:
            best = max(owners, key=lambda k: (len(full[k]), len(k)))
            groups[best].append(m)
        else:
            groups.setdefault(_key(m), []).append(m)
    return list(groups.values())


def _org_groups(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group organisation mentions by name, acronym and leading word."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.text, []).append(m)
    names = sorted(groups, key=lambda n: -len(n.split()))
    merged: dict[str, str] = {}
    for short in names:
        for long in names:
            if long == short or len(long.split()) <= len(short.split()) or long in merged:
                continue
            if short == acronym(long) or (len(short.split()) == 1
                                          and long.split()[0] == short):
                merged[short] = long
                break
    out: dict[str, list[Mention]] = {}
    for name, ms in groups.items():
        root = name
        while root in merged:
            root = merged[root]
        out.setdefault(root, []).extend(ms)
    return list(out.values())


def _canonical(ms: Sequence[Mention]) -> str:
    counts = Counter(_key(m) for m in ms)
    return max(counts, key=lambda n: (len(n.split()), counts[n], len(n)))


def _gender(doc: ParsedDoc, name: str, ms: Sequence[Mention]) -> str | None:
    """From an honorific right before a mention (``Mr.``, ``Ms.``), else the first name."""
    honorifics = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                  "sir": "m", "lady": "f", "madam": "f"}
    for m in ms:
        if m.first > 0:
            prev = doc.tokens[m.first - 1].text.lower()
            if prev in honorifics:
                return honorifics[prev]
        first = m.text.split()[0].lower().rstrip(".")
        if first in honorifics:
            return honorifics[first]
    parts = name.split()
    return first_name_gender(parts[0]) if len(parts) > 1 else None


def group_entities(doc: ParsedDoc, mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    """The article's entities, ordered by first mention."""
    by_type: dict[str, list[Mention]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m)
    groups: list[tuple[str, list[Mention]]] = []
    for kind, ms in by_type.items():
        if kind == "PER":
            parts = _person_groups(ms)
        elif kind == "ORG":
            parts = _org_groups(ms)
        else:
            parts = [g for g in _exact(ms)]
        groups += [(kind, g) for g in parts]
    groups.sort(key=lambda g: min(m.first for m in g[1]))
    out = []
    for n, (kind, ms) in enumerate(groups):
        name = _canonical(ms)
        gender = _gender(doc, name, ms) if kind == "PER" else None
        aliases = tuple(sorted({m.text for m in ms} | {name}))
        out.append(Entity(n, name, KINDS.get(kind, "other"), gender, aliases,
                          tuple(sorted(ms, key=lambda m: m.first))))
    return tuple(out)


def _exact(ms: Sequence[Mention]) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in ms:
        groups.setdefault(m.text, []).append(m)
    return list(groups.values())


def find_entities(doc: ParsedDoc) -> tuple[Entity, ...]:
    """Mentions and their entities in one call (see module docstring)."""
    return group_entities(doc, find_mentions(doc))
