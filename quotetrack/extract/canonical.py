"""Article-level entities: canonical names, kinds, genders, pronoun salience.

Within one article every mention of a speaker maps to one canonical name: a person's
surname or title-stripped name resolves to the fullest name ending with it
(``Trump``, ``President Trump`` -> ``Donald Trump``; a person entity's name first);
organisations lose their
article (``the White House`` -> ``White House``).  A one-word name never seen in a
full person name and used as a place (``in Moscow``) is an organisation when it
speaks (a capital for its government).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from quotetrack.extract.mentions import Entity
from quotetrack.extract.name_runs import HONORIFICS, is_legal_form
from quotetrack.extract.speakers import Named, _proper
from quotetrack.extract.syntax import Tree
from quotetrack.lexicon import is_given_name, words
from quotetrack.records import Quote, Speaker, SpeakerKind

_LOCATIVE = {"in", "at", "across", "near", "into", "throughout"}  # not "to Obama"
_PERSONAL = ("m", "f")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # "Donald Trump Jr.": another person


_TITLES = words("titles") | HONORIFICS


def _continues_name(extra: list[str]) -> bool:
    """``extra`` continues a body's name: capitalised words (``of``, ``and``, ``for``
    inside), no suffix of another person (``Jr.``), no given name (``Veterans Ombud``
    + ``Danielle Kerr`` is a title before a person), no punctuation."""
    return extra[-1][:1].isupper() and extra[-1].lower().rstrip(".") not in _SUFFIXES and all(
        (w[:1].isupper() or w in ("of", "and", "for", "the")) and any(c.isalnum() for c in w)
        and not is_given_name(w) for w in extra)


def _owned(name: str) -> tuple[str, str] | None:
    """``Mr. Trump's office`` -> (``Mr. Trump``, ``'s office``): a capitalised owner
    before a possessive, and what it owns."""
    for mark in ("'s ", "\u2019s "):
        owner, found, rest = name.partition(mark)
        if found and owner[:1].isupper() and rest:
            return owner, mark + rest
    return None



def _person_owned(name: str) -> tuple[str, str] | None:
    """``_owned`` for a person's possession only: ``Israeli Prime Minister's Office``
    is a body's name, a title's own, not a person's office."""
    owned = _owned(name)
    if owned is not None and owned[0].split()[-1].lower().rstrip(".") in _TITLES:
        return None
    return owned

def _bracketed(tree: Tree, named: Sequence[Entity]) -> dict[str, str]:
    """Short names in capitals given in brackets right after a body's name, whatever
    letters they spell (``the Disaster and Emergency Management Authority (AFAD)``)."""
    ends = {m.last: e.name for e in named if e.kind == "organization" for m in e.mentions}
    toks, out = tree.tokens, {}
    for k in range(1, len(toks) - 2):
        if toks[k].text == "(" and toks[k + 2].text == ")" and toks[k + 1].text.isupper() and (
                toks[k + 1].text.isalpha()) and k - 1 in ends:
            out[toks[k + 1].text] = ends[k - 1]
    return out


@dataclass(slots=True)
class _Mention:
    pos: int
    name: str
    subject: bool
    speaker: bool = False


@dataclass(slots=True)
class Entities:
    """Mutable registry used while attributing one article (never shared)."""

    full: Counter[str] = field(default_factory=Counter)
    kinds: dict[str, SpeakerKind] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    titled: set[str] = field(default_factory=set)
    mentions: list[_Mention] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # people's full names from the entities
    short: dict[str, str] = field(default_factory=dict)  # "AFAD" -> the name it stands for
    bodies: set[str] = field(default_factory=set)  # organisations' names from the entities

    @classmethod
    def from_tree(cls, tree: Tree, named: Sequence[Entity] = ()) -> Entities:
        """Collect every proper-noun mention of the document; the full names of
        ``named`` people (from the NER model) are canonical names too."""
        ents = cls()
        for e in named:
            if e.kind == "person" and " " in e.name:
                ents.full[e.name] += len(e.mentions)
                ents.named.add(e.name)
        for t in tree.tokens:
            if t.upos != "PROPN" or t.rel in ("compound", "flat") or (
                    t.text.lower() in words("calendar")) or not any(
                    c.isalnum() for c in t.text):  # a mark tagged as a name
                continue
            n = _proper(tree, t)
            if not n.name:
                continue
            if n.kind == "person" and " " in n.name:
                ents.full[n.name] += 1
            if n.role or n.gender:
                ents.titled.add(n.name)  # "President Obama", "Mr. McConnell": a person
            elif any(c.text.lower() in _LOCATIVE for c in tree.children(t.i, "case")):
                ents.places.add(n.name)
            ents._remember(n)
            ents.mentions.append(_Mention(t.start, n.name, t.rel == "nsubj"))
        ents.short = _bracketed(tree, named)
        ents.bodies = {e.name for e in named if e.kind == "organization"}
        for m in ents.mentions:
            m.name = ents.canonical(m.name, ents.kinds.get(m.name, "unknown"))
        return ents

    def _remember(self, n: Named) -> None:
        if n.kind != "unknown":
            self.kinds.setdefault(n.name, n.kind)
        if n.gender:
            self.genders.setdefault(n.name, n.gender)

    def canonical(self, name: str, kind: SpeakerKind) -> str:
        """The article's canonical form of ``name`` (see module docstring)."""
        name = " ".join(name.split())
        if name.lower().startswith("the "):
            name = name[4:]
        name = self.short.get(name, name)  # "AFAD": the name the article spelled out
        words = name.split()
        owned = _person_owned(name)
        if owned is not None:
            canon = f"{self._full_name(owned[0])}{owned[1]}"
        elif len(words) > 1 and (full_body := self._full_body(words) or self._named_force(
                words)):
            canon = full_body
        elif legal := self._legal_name(name):
            canon = legal
        elif kind == "group" and len(words) == 1 and (fuller := self._fuller_group(name)):
            canon = fuller
        elif kind in ("organization", "group") or not words:
            canon = name
        else:
            last, first = words[-1].lower(), words[0].lower()
            matches = [f for f in self.full if f != name and f.split()[-1].lower() == last
                       and (len(words) == 1 or f.split()[0].lower() == first)]
            # an entity's name before a run the parse compounded ("House Newt Gingrich")
            matches = [f for f in matches if f in self.named] or matches
            canon = max(matches, key=lambda f: (self.full[f], len(f))) if matches else name
        self.aliases.setdefault(canon, set()).add(name)
        if kind != "unknown":
            self.kinds.setdefault(canon, kind)
        if name in self.genders:
            self.genders.setdefault(canon, self.genders[name])
        return canon

    def _full_body(self, words_: list[str]) -> str | None:
        """The one longer name the article gives that starts with the words of a short
        one that is no person's or place's name nor a whole body's (``Summit Crest`` ->
        ``Summit Crest Properties``, a body named short after its full name)."""
        if is_given_name(words_[0]) or " ".join(words_) in self.places or (
                words_[-1].lower() in words("organizations")):
            return None  # "Carrick University" is whole: not its Faculty Association
        longer = {f for f in self.kinds if len(f.split()) > len(words_) and (
            f.split()[:len(words_)] == words_) and _continues_name(f.split()[len(words_):])}
        return longer.pop() if len(longer) == 1 else None

    def _legal_name(self, name: str) -> str | None:
        """``NordicVital`` as the one body the article names with it and a legal form
        (``NordicVital AS``, ``Harbourline Securities Inc.``)."""
        longer = {f for f in {*self.kinds, *self.bodies} if f.startswith(name + " ") and (
            is_legal_form(f.split()[-1])) and len(f.split()) <= len(name.split()) + 1}
        return longer.pop() if len(longer) == 1 else None

    def _named_force(self, words_: list[str]) -> str | None:
        """``Edmonton police`` as the one body the article names with that place and that
        noun capitalised (``Edmonton Police Service``)."""
        noun = words_[-1]
        if not noun.islower() or noun not in words("organizations") or not all(
                w[:1].isupper() for w in words_[:-1]):
            return None
        named = {f for f in {*self.kinds, *self.bodies} if f.split()[:len(words_) - 1] == (
            words_[:-1]) and noun.capitalize() in f.split()[len(words_) - 1:]}
        return named.pop() if len(named) == 1 else None

    def _fuller_group(self, noun: str) -> str | None:
        """The one longer group label the article gives that has the bare plural
        ``noun`` as a word (``authors`` -> ``report's authors``): the same group."""
        longer = {f for f, k in self.kinds.items() if k == "group" and f != noun and (
            noun.lower() in re.split("[\\s\u2019']+", f.lower()))}
        return longer.pop() if len(longer) == 1 else None

    def _full_name(self, name: str) -> str:
        """A surname alone (titles aside) as the fullest person name ending with it."""
        words_ = [w for w in name.split() if w.lower().rstrip(".") not in _TITLES]
        if len(words_) != 1:
            return " ".join(words_) or name  # "Gary Johnson": full already
        last = words_[-1].lower()
        matches = [f for f in self.full if f.split()[-1].lower() == last] or [
            f for f in self.full if f.split()[-1].lower().endswith("-" + last)]
        # the second part of a hyphenated surname the parse split off ("Whitby's office")
        return max(matches, key=lambda f: (self.full[f], len(f))) if matches else " ".join(
            words_)

    def adopt(self, entity: Entity, mention: str, kind: SpeakerKind) -> str:
        """Record ``mention`` as naming ``entity``; returns the entity's canonical name
        (an owned name with its owner's full name: ``Donald Trump's office``)."""
        mention = " ".join(mention.split())
        owned = _person_owned(entity.name)
        name = f"{self._full_name(owned[0])}{owned[1]}" if owned else entity.name
        if not owned and entity.kind != "person" and len(name.split()) > 1:
            name = self._full_body(name.split()) or name
        elif not owned and entity.kind != "person":
            name = self.short.get(name) or self._legal_name(name) or name  # "CDC", "NordicVital"
        self.aliases.setdefault(name, set()).add(mention)
        self.kinds[name] = kind
        if mention in self.roles:
            self.roles.setdefault(name, self.roles[mention])
        if entity.gender:
            self.genders.setdefault(name, entity.gender)
        return name

    def kind(self, canon: str) -> SpeakerKind:
        """Kind of a canonical name; a lone place name that speaks is an organisation."""
        kind = self.kinds.get(canon, "unknown")
        if " " not in canon and canon in self.places - self.titled and canon not in self.full:
            return "organization"
        if kind == "unknown" and canon[:1].isupper() and " " not in canon:
            return "person"
        return kind

    def add_role(self, n: Named) -> None:
        if n.role and n.name:
            self.roles.setdefault(n.name, n.role)
        self._remember(n)

    def mark_speaker(self, canon: str, pos: int) -> None:
        """Record a resolved speaker mention: recent speakers are the most salient."""
        self.mentions.append(_Mention(pos, canon, True, True))

    def _compatible(self, name: str, gender: str) -> bool:
        kind = self.kind(name)
        if gender in _PERSONAL:
            return kind == "person" and self.genders.get(name, gender) == gender
        if gender == "p":
            return kind in ("group", "organization")
        return kind == "organization" if gender == "n" else False

    def resolve_pronoun(self, gender: str, pos: int) -> str | None:
        """The most salient earlier entity compatible with a pronoun's gender/number."""
        before = sorted((m for m in self.mentions if m.pos < pos), key=lambda m: -m.pos)
        fits = [m for m in before if self._compatible(m.name, gender)]
        if not fits:
            return None
        nearby = [m for m in fits[:6] if m.speaker or m.subject]
        pick = (nearby or fits)[0].name
        if gender in _PERSONAL:
            self.genders.setdefault(pick, gender)
        return pick

    def speakers(self, quotes: list[Quote]) -> list[Speaker]:
        """The article's speakers (those attributed a quote), with aliases and role."""
        seen: dict[str, Speaker] = {}
        for q in quotes:
            for name in q.speakers:
                if name not in seen:
                    aliases = tuple(sorted(self.aliases.get(name, {name}) | {name}))
                    seen[name] = Speaker(name, self.kind(name), aliases, self.roles.get(name))
        return list(seen.values())
