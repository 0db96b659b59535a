"""Coreference for speakers: pronouns and descriptions -> the named entity meant.

Pure and rule-based, over the parse and the article's entities (``entities``).  A
speaker mention that is not a name is linked to the most salient earlier entity that
agrees with it:

- agreement: ``he``/``she`` take a person whose gender (honorific, first name, a
  gendered noun, or a pronoun in the clause their own speech verb reports) does not
  contradict them, never a place or an organisation; ``it``
  takes an organisation (or a place acting as one), never a person; ``they`` an
  organisation; a definite description takes an organisation for organisation nouns
  (``the company``, ``the agency``) and a person for person nouns (``the minister``,
  ``the 26-year-old winger``), preferring one whose name or role holds the noun;
  indefinite descriptions (``a spokesman``) name nobody;
- salience: nearer sentences first (the whole article before the word is searched),
  subjects over other roles, the subject of the verb that reports the word's clause,
  the speaker of the latest quote over a mere mention, the article's main actors,
  mentions inside other quotes last, mentions in the furniture above the story
  (outlet, headline, byline) never; a quotation's own speaker is never ``he`` or ``she`` inside it.

``Coref`` is built once per article and never changes; callers pass the speakers
resolved so far (``recent``) because salience depends on them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from quotetrack.extract.entities import STREETS, find_entities
from quotetrack.extract.furniture import furniture, heading
from quotetrack.extract.marks import is_mark_token
from quotetrack.extract.mention_types import PERSONAL_UNITS
from quotetrack.extract.mentions import Entity, Mention
from quotetrack.extract.name_runs import _HYPHENS, HONORIFICS, is_dateline, is_legal_form
from quotetrack.extract.places import is_place, place_body
from quotetrack.extract.speakers import (
    BODY_UNITS,
    POSTPOSITIVE,
    QUANTIFIERS,
    aged,
    capitalised_description,
    is_definite,
    member_noun,
    read_mention,
)
from quotetrack.extract.syntax import Tree
from quotetrack.lexicon import is_person_noun, noun_gender, singulars, speech_verb, words
from quotetrack.records import Sentence, Token

PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
NEUTER = {"it", "its"}
PLURAL = {"they", "them", "their"}
_OWNERS = frozenset({"his", "her", "their"})
_DEFINITE = {"the", "this", "that", "these", "those"}
_PLACE_NOUNS = {"city", "town", "village", "county", "province", "state", "country", "nation",
                "municipality", "region", "island", "territory"}
# Relations of the clauses an appositive may carry ("..., a trustee who voted no").
_CLAUSES = ("acl", "conj", "parataxis", "advcl")
# Prepositions after a body's head word in its name ("Commission into ...").
_NAME_PREPOSITIONS = frozenset({"of", "into", "for", "on"})
# Words that rank a role below the one they modify ("Senior Deputy Governor").
_RANKS = frozenset({"deputy", "vice", "assistant", "associate", "under"})
_GROUP_WORDS = {"both", "two", "pair", "duo", "couple"}
_THEY_THEM = re.compile(r"\bthey\s*/\s*them\b", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
# Organisations that a person leads and that articles name after them ("the Clinton
# campaign"); "the campaign" alone is the campaign of the person in the news item.
_LED_NOUNS = {"campaign"}
# "Minister of Agriculture and Irrigation": the portfolio, capitalised words joined by
# "and", "of", "for" or commas.
_MINISTER_OF = re.compile(r"\bMinister (?:of|for) ((?:[A-Z][\w'-]*)(?:(?:,| and| of| for| the)"
                          r" [A-Z][\w'-]*)*)")
def _portfolio(words_: str) -> str:
    """A portfolio without the name a comma may run it into: ``Agriculture and
    Irrigation, Hollis`` -> ``Agriculture and Irrigation``; a list ending in ``and``
    stays whole (``Labour, Immigration, Training and Skills Development``)."""
    last_and = words_.rfind(" and ")
    if last_and < 0:
        return words_.split(",")[0]
    return words_[:last_and] + words_[last_and:].split(",")[0]


DERIVED_ID = -1  # entities named after another (his doctor): in no index, never salient


@dataclass(frozen=True, slots=True)
class Recent:
    """A speaker already resolved: entity id and the character offset of its quote."""

    entity: int
    pos: int


@dataclass(frozen=True)
class Coref:
    """The article's entities with the indexes that resolution needs."""

    tree: Tree
    entities: tuple[Entity, ...]
    quoted: tuple[tuple[int, int], ...] = ()
    by_word: dict[int, Entity] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    sections: tuple[int, ...] = ()  # per paragraph: rule lines ("___") before it
    page: frozenset[int] = frozenset()  # the furniture above the story (byline, headline)
    topic: int = -1  # the entity id of the person the article is about, if one
    org_topic: int = -1  # and of the organisation
    held: dict[int, str] = field(default_factory=dict)  # roles without bodies' names
    voiced: frozenset[int] = frozenset()  # organisations with a spokesperson named
    barred: frozenset[int] = frozenset()  # entities this resolution may not return
    media: frozenset[int] = frozenset()  # bodies named only as a medium or a credit

    @classmethod
    def build(cls, tree: Tree, quoted: Sequence[tuple[int, int]] = ()) -> Coref:
        """Entities of ``tree.doc``; ``quoted`` are quote spans (mentions inside
        them are weak antecedents)."""
        ents = _pronoun_genders(tree, find_entities(tree.doc))
        by_word = _by_word(ents)
        roles = {e.id: _roles(tree, e) for e in ents}
        bodies = frozenset(k for e in ents if e.kind == "organization" for m in e.mentions
                           for k in range(m.first, m.last + 1))
        held = {e.id: _roles(tree, e, bodies) for e in ents}
        return cls(tree, ents, tuple(quoted), by_word, roles, _sections(tree),
                   _top_matter(tree) | furniture(tree, headings=False), _topic(ents),
                   _topic(ents, "organization"), held, _voiced(ents, roles),
                   media=_media(tree, ents))

    def entity_of(self, word: int) -> Entity | None:
        """The entity whose named mention contains word ``word``."""
        return self.by_word.get(word)

    def named_part(self, head: Token) -> Entity | None:
        """``the Church`` after ``the Church of Scientology``, ``the Agency`` after
        ``the Environmental Protection Agency``: a capitalised head word that is a word
        of an organisation named before it (the nearest such)."""
        low = head.text.lower()
        if not head.text[:1].isupper() or low not in words("organizations"):
            return None  # an organisation's head word, not a surname ("Clinton")
        found = [(m.first, e) for e in self.entities if e.kind == "organization"
                 and len(e.name.split()) > 1 and low in e.name.lower().split()
                 for m in e.mentions if m.last < head.i]
        return max(found, key=lambda f: f[0])[1] if found else None

    def barring(self, start: int, end: int) -> Coref:
        """This index, with the people named between offsets ``start`` and ``end`` (a
        direct quote) barred: a speaker who names a person in the third person inside
        their own quote is someone else (``"Dr. Markovic is right," she said``), except
        the person the article is about, who may name themself (``like Trump``), but not
        by a given name alone (``"When Maricel is in a race, ...," said``)."""
        inside = frozenset(e.id for e in self.entities if e.kind == "person" and any(
            start <= m.start and m.end <= end and (e.id != self.topic or _given_name_only(
                m, e)) for m in e.mentions))
        return replace(self, barred=self.barred | inside) if inside else self

    def resolve(self, head: Token, recent: Sequence[Recent] = ()) -> tuple[Entity, ...]:
        """The entities a pronoun or description at ``head`` refers to (empty if none;
        never a body named only as a medium or a credit)."""
        found = self._resolve(head, recent)
        return found if not self.media else tuple(e for e in found if e.id not in self.media)

    def _resolve(self, head: Token, recent: Sequence[Recent]) -> tuple[Entity, ...]:
        if not self.entities:
            return ()
        low = head.text.lower()
        if low == "one" and all(c.upos == "PRON" for c in self.tree.children(head.i, "nmod")):
            return self._group_member(head)  # "Several MPs ... One, who ..., said"; "one
            # of them said"
        if head.upos == "PRON" or low in PERSONAL or low in NEUTER or low in PLURAL:
            return self._pronoun(head, low, recent)
        family = self._surname_plural(head)
        if family:
            return family
        if head.upos == "NOUN" or aged(self.tree, head) or (  # "the 26-year-old"
                head.upos == "ADJ" and low in words("person_nouns")) or (  # "executive"
                capitalised_description(self.tree, head)):  # "the Republican from Ohio"
            return self._description(head, recent)
        return ()

    def _pronoun(self, head: Token, low: str, recent: Sequence[Recent]
                 ) -> tuple[Entity, ...]:
        if low in PERSONAL:
            gender = PERSONAL[low]
            described = self._described_subject(head, gender, recent) or (
                self._only_in_paragraph(head, gender)) or self._chained(
                head, gender, recent) or self._named_subject(head, gender)
            if described:
                return described
            return self._best(head, recent, lambda e: e.kind == "person"
                              and (e.gender in (None, gender)), gender)
        if low in NEUTER:
            return self._clause_owner(head, recent) or self._described_subject(
                head, "n", recent) or self._best(
                head, recent, lambda e: e.kind in ("organization", "place"))
        if low in PLURAL:
            singular = self._they_them()
            return self._pair_subject(head) or self._family(head, recent) or self._best(
                head, recent, lambda e: e.kind == "organization" or e.id in singular)
        return ()

    def _surname_plural(self, head: Token) -> tuple[Entity, ...]:
        """``The Desrocherses said``: a surname made plural after ``the`` is the people of
        the article with that surname, the first named first."""
        text = head.text
        if not (text[:1].isupper() and text.endswith("s") and any(
                c.text.lower() == "the" for c in self.tree.children(head.i, "det"))):
            return ()
        stems = {text[:-1], text[:-2]} if text.endswith("es") else {text[:-1]}
        return tuple(e for e in self.entities if e.kind == "person" and " " in e.name
                     and e.name.split()[-1] in stems)

    def _family(self, head: Token, recent: Sequence[Recent]) -> tuple[Entity, ...]:
        """A plural pronoun right after two people of one surname spoke, the latest
        within the paragraph before, is that family (``Michelle Kowalchuk said``, ``Darren
        Kowalchuk said`` / ``They said ...``), the latest speaker first."""
        last: list[Entity] = []
        for r in reversed([r for r in recent if r.pos < head.start]):
            e = self.entities[r.entity]
            if e not in last:
                last.append(e)
            if len(last) == 2:
                break
        if len(last) < 2 or any(e.kind != "person" or " " not in e.name for e in last):
            return ()
        latest = max(r.pos for r in recent if r.pos < head.start)
        at = bisect_right(self.tree.starts, latest) - 1
        near = head.para - self.tree.tokens[max(at, 0)].para <= 1
        same = last[0].name.split()[-1] == last[1].name.split()[-1]
        return tuple(last) if near and same else ()

    def _they_them(self) -> frozenset[int]:
        """People the article says use they/them pronouns (``Sam Okafor, 34, who ... uses
        they/them pronouns``): a ``they`` may be one of them."""
        text = self.tree.doc.text
        return frozenset(e.id for e in self.entities if e.kind == "person" and any(
            _THEY_THEM.search(text, m.end, self._sentence_end(m)) for m in e.mentions))

    def _sentence_end(self, m: Mention) -> int:
        return self.tree.doc.sentences[m.sent].tokens[-1].end

    def _clause_owner(self, head: Token, recent: Sequence[Recent]) -> tuple[Entity, ...]:
        """``The studio received $18 million, according to its annual report``: a
        possessive ``its`` is the subject of the verb its phrase hangs on, a named
        body or a description of one."""
        if head.deprel != "nmod:poss" or head.head < 0:
            return ()
        verb = self.tree.tokens[self.tree.tokens[head.head].head] if self.tree.tokens[
            head.head].head >= 0 else None
        subj = self.tree.children(verb.i, "nsubj") if verb is not None and (
            verb.upos == "VERB") else []
        if len(subj) != 1 or subj[0].upos not in ("NOUN", "PROPN") or head.i in {
                w.i for w in self.tree.subtree(subj[0].i)}:
            return ()  # "its spokesperson said": a phrase is never its own owner
        own = self.entity_of(subj[0].i)
        if own is not None:
            return (own,) if own.kind in ("organization", "place") else ()
        found = self._description(subj[0], recent) if subj[0].upos == "NOUN" else ()
        return found if len(found) == 1 and found[0].kind == "organization" else ()

    def _reported_self(self, head: Token) -> str | None:
        """``The 45-year-old actor said she learned ...``: the gender of the personal
        pronoun that is the subject of the clause the description's own speech verb
        reports (the speaker speaking of themself)."""
        verb = self.tree.tokens[head.head] if head.rel == "nsubj" and head.head >= 0 else None
        if verb is None or speech_verb(verb.lemma, verb.text) is None:
            return None
        for clause in self.tree.children(verb.i, "ccomp"):
            for s in self.tree.children(clause.i, "nsubj"):
                if s.text.lower() in PERSONAL:
                    return PERSONAL[s.text.lower()]
        return None

    def _described_subject(self, head: Token, gender: str, recent: Sequence[Recent]
                           ) -> tuple[Entity, ...]:
        """``The judge also dismissed the objection. He wrote that ...``, ``The company
        said ... It said``: a pronoun right after a sentence whose subject is a definite
        or owned (``Her son said``) description of a person (an organisation, for
        ``it``: gender ``n``), in the same paragraph or the one before a quote that opens
        the pronoun's, no name between, is that description's entity."""
        prev = self._sentence_before(head) or self._paragraph_before(head)
        first = self.tree.doc.sentences[head.sent].first
        fronted = self._fronted_adjunct(head)
        if prev is None or head.i > first + 1 and not all(
                t.upos == "PUNCT" or self._in_quote(t.start) or t.i in fronted
                for t in self.tree.tokens[first:head.i]):
            return ()  # the pronoun opens its sentence (after its quote or a fronted
            # adjunct: "In its notice, it said"), right after one of its paragraph
        subj = [t for t in prev.tokens if t.rel == "nsubj" and t.upos == "NOUN"
                and self.tree.tokens[t.head].head < 0 and any(
                    c.text.lower() in _DEFINITE | _OWNERS for c in self.tree.children(
                        t.i, "det", "nmod:poss"))]  # "The judge", "Her son"
        if len(subj) != 1 or any(t.i in self.by_word for t in prev.tokens):
            return ()
        found = self._description(subj[0], recent)
        kind = "organization" if gender == "n" else "person"
        if len(found) == 1 and found[0].kind == kind and (
                kind == "organization" or found[0].gender in (None, gender)):
            return found
        return ()

    def _fronted_adjunct(self, head: Token) -> set[int]:
        """The words of the adjuncts of the pronoun's verb that come before the pronoun
        (``In its notice``, ``Later``)."""
        if head.head < 0:
            return set()
        return {w.i for c in self.tree.children(head.head, "obl", "advmod") if c.i < head.i
                for w in self.tree.subtree(c.i)}

    def _sentence_before(self, head: Token) -> Sentence | None:
        """The sentence before a subject ``head``'s, when in the same paragraph."""
        sents = self.tree.doc.sentences
        if head.rel != "nsubj" or head.sent == 0 or sents[head.sent - 1].para != (
                sents[head.sent].para):
            return None
        return sents[head.sent - 1]

    def _named_subject(self, head: Token, gender: str) -> tuple[Entity, ...]:
        """``Jenna Lindqvist has waited eight months. She says ...``: a subject pronoun
        opening its sentence right after one in its paragraph whose main clause has a
        named person of its gender for subject (the only person subject there) is that
        person."""
        prev = self._sentence_before(head)
        if prev is None or head.i != self.tree.doc.sentences[head.sent].first:
            return ()
        people = {e.id: e for t in prev.tokens if t.rel == "nsubj"
                  and (e := self.by_word.get(t.i)) is not None and e.kind == "person"}
        main = [self.by_word[t.i] for t in prev.tokens if t.rel == "nsubj" and t.i in
                self.by_word and self.tree.tokens[t.head].rel == "root"]
        if len(people) != 1 or len(main) != 1 or main[0].kind != "person" or (
                main[0].gender not in (None, gender)) or main[0].id in self.barred:
            return ()
        return (main[0],)

    def _only_in_paragraph(self, head: Token, gender: str) -> tuple[Entity, ...]:
        """``For Mbala, the uncertainty is the hardest part. His wife, Grace, ...`` /
        ``"...," he said``: a speech verb's subject pronoun whose paragraph (or the one
        before, when its own opens with the quote) names, before it and outside quotes,
        one person of its gender and no person of unknown gender, with no unnamed person
        as a subject, is that person."""
        toks = self.tree.tokens
        verb = toks[head.head] if head.rel == "nsubj" and head.head >= 0 else None
        if verb is None or speech_verb(verb.lemma) is None or self._in_quote(head.start):
            return ()  # the subject of a speech verb, outside quotes: "... ," he said
        paras = {head.para} | ({head.para - 1} if self._paragraph_before(head) else set())
        before = [t for t in toks[:head.i] if t.para in paras]  # (and the paragraph before
        # one that opens with the quote: '"...," he said')
        if any(t.rel.startswith("nsubj") and t.upos == "NOUN" and t.i not in self.by_word
               and is_person_noun(t.lemma) and not any(
                   a.i in self.by_word for a in self.tree.children(t.i, "appos"))
               for t in before):
            return ()  # "A lawyer for Jones said ...": the pronoun may be the lawyer (not
            # "His wife, Grace, ...", named)
        named = {e.id: e for t in before if (e := self.by_word.get(t.i)) is not None
                 and e.kind == "person" and not self._in_quote(t.start)}
        ours = [e for e in named.values() if e.gender == gender and e.id not in self.barred]
        if len(ours) != 1 or len(named) - len(ours) > 1 or any(
                e.gender in (None, gender) for e in named.values() if e not in ours):
            return ()
        first = min(t.i for t in before if self.by_word.get(t.i) is ours[0])
        if any(PERSONAL.get(t.text.lower()) == gender for t in before if t.i < first):
            return ()  # "he met ... John Edleston. About his protégé he wrote": the
        return (ours[0],)  # paragraph was about someone else already

    def _in_quote(self, offset: int) -> bool:
        """Character ``offset`` lies inside one of the article's quotes."""
        return any(a <= offset < b for a, b in self.quoted)

    def _paragraph_before(self, head: Token) -> Sentence | None:
        """The last sentence of the paragraph before a subject ``head``'s, when
        ``head``'s paragraph opens with a quote that runs up to its sentence."""
        sents = self.tree.doc.sentences
        own = sents[head.sent]
        if head.rel != "nsubj" or head.sent == 0 or sents[head.sent - 1].para != own.para - 1:
            return None
        first = self.tree.tokens[own.first]
        opens = any(a <= first.start + 1 and first.start < b for a, b in self.quoted) or (
            is_mark_token(first.text))
        inside = all(t.upos == "PUNCT" or self._in_quote(t.start)
                     for t in self.tree.tokens[own.first:head.i - 1])
        return sents[head.sent - 1] if opens and inside else None

    def _chained(self, head: Token, gender: str, recent: Sequence[Recent]
                 ) -> tuple[Entity, ...]:
        """``... where he met the younger John Edleston. About his protégé he wrote``:
        a subject pronoun takes the referent of the subject pronoun of the same gender in
        the sentence before (same paragraph, or the main clause of the paragraph before
        when the pronoun's opens with a quote: ``She says she wakes ...`` / ``"...," she
        says``) when no named person is a subject between."""
        prev = self._sentence_before(head)
        across = prev is None  # from the paragraph before: its main clause's subject only
        prev = prev or self._paragraph_before(head)
        if prev is None:
            return ()
        before = [t for t in prev.tokens if t.rel == "nsubj" and PERSONAL.get(
            t.text.lower()) == gender and not (across and self.tree.tokens[t.head].rel != "root")]
        reported = self._reported(before[-1]) if before else set()
        if not before or any(t.rel == "nsubj" and t.i > before[-1].i and t.i not in reported
                             and (e := self.by_word.get(t.i)) is not None
                             and e.kind == "person" for t in prev.tokens):
            return ()  # (a subject inside what the pronoun reported does not intervene)
        if any(t.rel == "nsubj" and t.i < head.i and (e := self.by_word.get(t.i)) is not None
               and e.kind == "person" for t in self.tree.doc.sentences[head.sent].tokens):
            return ()  # a person named as a subject in the pronoun's own sentence first
        return self._pronoun(before[-1], before[-1].text.lower(), recent)  # its referent

    def _reported(self, subject: Token) -> set[int]:
        """The words of what the speech verb of ``subject`` reports (``He said [Beaudry
        was arrested ...]``): its clausal complements."""
        verb = self.tree.tokens[subject.head] if subject.head >= 0 else None
        if verb is None or speech_verb(verb.lemma, verb.text) is None:
            return set()
        return {t.i for c in self.tree.children(verb.i, "ccomp") for t in self.tree.subtree(c.i)}

    def _office_of_owner(self, head: Token, lemma: str, possessors: list[Token]
                         ) -> Entity | None:
        """``the commissioner's office said``: the one body named with both nouns
        (``Office of the Information and Privacy Commissioner of Ontario``)."""
        owners = [p.lemma.lower() for p in possessors if p.text.islower()]
        found = [e for e in self.entities if e.kind == "organization" and owners and all(
            w in _name_words(e.name) for w in (lemma, owners[0]))]
        return found[0] if len(found) == 1 else None

    def _named_within(self, head: Token, lemma: str) -> Entity | None:
        """``The union representing home-care workers, the Atlantic Care Workers Union,
        said``: a body named inside the description's own phrase, after its noun, whose
        name holds that noun (however the parser hung the name)."""
        conjuncts = [c.i for c in self.tree.children(head.i, "conj")]  # "The university
        for t in self.tree.subtree(head.i, skip=conjuncts):  # and the ... Association"
            e = self.entity_of(t.i) if t.i > head.i else None
            if e is not None and e.kind == "organization" and lemma in _name_words(e.name) and (
                    all(m.first > head.i for m in e.mentions if m.first <= t.i <= m.last)):
                return e  # (not a name the head word is part of: "Labour MP for ...")
        return None

    def _description(self, head: Token, recent: Sequence[Recent]) -> tuple[Entity, ...]:
        kids = self.tree.children(head.i)
        lemma = head.lemma.lower()
        scope = self.tree.subtree(head.i) if aged(self.tree, head) else kids  # "the 26-year-old"
        compounds = [k for k in kids if k.rel == "compound" and k.i < head.i]
        scope = [*scope, *(g for k in compounds for g in self.tree.children(k.i))]
        definite = any(k.text.lower() in _DEFINITE for k in scope) or any(
            k.text.lower().endswith("based") and k.rel != "acl"  # "the Calgary-based
            for k in kids)  # airline", not "a spokeswoman for X, which is based in Y"
        possessors = [k for k in kids + [g for k in compounds for g in self.tree.children(k.i)]
                      if k.deprel == "nmod:poss" and k.upos == "NOUN"]  # "the lender's
        # chief executive", the owner hung on "chief"
        definite = definite or any(is_definite(self.tree, p) for p in possessors)  # "the
        # city's zoo"
        plural = "Number=Plur" in head.feats
        within = self._named_within(head, lemma) if definite and not plural else None
        within = within or self._office_of_owner(head, lemma, possessors)
        if within is not None:
            return (within,)
        both = any(k.text.lower() == "both" for k in kids)  # "Both coaches said"
        if (definite or both) and (plural and any(
                k.text.lower() in _GROUP_WORDS for k in kids) or lemma in _GROUP_WORDS):
            return self.pair(head, lemma)
        if plural and definite and lemma in _BENCH:  # "the five judges wrote": their court
            return self._best(head, recent, lambda e: e.kind == "organization" and (
                "court" in _name_words(e.name)), prefer="court")
        if plural and _member_of(self.tree, head):  # "one of the officials said"
            return self._group_member(head)
        if plural:
            return self._plural_holders(head, lemma, definite)
        person = lemma in words("person_nouns") or lemma in words("titles") or (
            capitalised_description(self.tree, head))
        owner = any(k.upos != "PRON" and (k.upos == "PROPN" or k.text[:1].isupper()) and (
            k.deprel == "nmod:poss" or (k.rel == "compound" and not person)) for k in kids)
        if owner and person:  # "Connecticut's tax commissioner"
            return self._by_role(head, lemma) or self._identified_after(head, lemma)
        if owner and lemma in BODY_UNITS:  # "the African Union observer mission" names
            return self._court_of(kids)  # itself; "a CAS panel" speaks as its court
        if owner and lemma in words("organizations"):  # "the M5S party": M5S
            named = [self.entity_of(k.i) for k in kids if k.rel == "compound"]
            return next(((e,) for e in named if e is not None and e.kind == "organization"),
                        self._placed_body(head, lemma, kids))
        held = [k for k in kids if k.deprel == "nmod:poss" and k.upos == "PRON"]
        if person and held and not definite and (marked := self._marked_holder(head)):
            return marked  # "Her Liberal rival": the one person the article calls Liberal
        if (person or lemma in PERSONAL_UNITS) and held and not definite:  # "his doctor"
            holders = self._role_holders(head, lemma)  # "Her mother, Rosario Dela Cruz,
            if len(holders) == 1:  # ..." named: her
                return (holders[0],)
            later = () if holders else self._identified_after(  # "Its founder says" ...
                head, lemma, role_only=True)  # "Marguerite Olsen, the company's founder"
            return later or self._held(head, held[0], recent)
        if lemma in PERSONAL_UNITS and possessors and not owner:  # "the mayor's office"
            return self._role_office(head, possessors[0])
        if held and not owner and lemma in _BUSINESS_NOUNS and not definite and (
                firm := self._company_after(head)):  # a lead's "its developer says"
            return firm
        if held and not owner and lemma in words("organizations"):  # "their union"
            return self._best(head, recent, lambda e: e.kind == "organization" and _holds(
                e.name, lemma), prefer=lemma) or self._named_after(head, lemma)
        if possessors and person and not owner:  # "the hospital's top doctor says": a
            return self._by_role(head, lemma) or self._identified_after(  # lead names
                head, lemma)  # its speaker next; "the study's lead author": one named so
        if not definite and person and not owner and head.rel == "nsubj" and any(
                k.text.lower() in ("a", "an") for k in kids):  # a lead's "a ... officer says"
            return self._identified_after(head, lemma, role_only=True)
        if not definite or owner:
            return ()  # "a spokesman said": nobody; "the Clinton campaign" names itself
        if lemma in _PLACE_NOUNS:  # "the city of Phoenix"; "the city said": the place
            return self._place_of(head) or self._best(  # (its government) named before
                head, recent, lambda e: e.kind == "place" and not _street(e.name) or (
                    e.kind == "organization" and bool(_PLACE_NOUNS & set(e.name.lower().split()))),
                prefer=lemma)  # "City of Saskatoon" first; never "Avenue H."
        if lemma in _LED_NOUNS:
            return self._led(head, lemma, recent)
        holders = self._role_holders(head, lemma) if person else []
        of_age = any("year-old" in k.text.lower() or k.text.lower() == "old"
                     for k in self.tree.subtree(head.i))  # "the 46-year-old water operator"
        if lemma in words("organizations") and not of_age and (len(holders) != 1 or (
                lemma not in words("titles") and not self._position(head, lemma, recent))):
            # "the auditor": the person titled so
            return self._national_body(head, lemma) or self._organisation(head, lemma, recent)
        if person or of_age:
            gender = noun_gender(lemma) or self._reported_self(head)
            aged_so = self._aged(head) if of_age else ()
            if aged_so:
                return aged_so  # "the 23-year-old": the one person the article gave 23
            unnamed = self._latest_unnamed(head, lemma, holders) if holders else ()
            if unnamed:
                return unnamed
            if len(holders) == 1 and holders[0].gender in (None, gender or holders[0].gender):
                return (holders[0],)  # "the premier": the one person the article titled so
            if not holders:
                later = self._marked_holder(head) or self._unnamed_source(
                    head, lemma) or self._identified_after(head, lemma)
                if later:
                    return later
            return self._best(head, recent, lambda e: e.kind == "person" and (
                gender is None or e.gender in (None, gender)), gender, prefer=lemma)
        # "A source familiar with ... told" ... "The source said": any noun the article
        # introduced as an unnamed speaker names that speaker again
        return self._unnamed_source(head, lemma)

    def _position(self, head: Token, lemma: str, recent: Sequence[Recent]) -> bool:
        """A noun for a body and for a person (``the centre``) held as a role by one
        person is that person's position when no body's name holds the noun."""
        return lemma in words("person_nouns") and not self._best(
            head, recent, lambda e: e.kind == "organization" and _holds(e.name, lemma))

    def _court_of(self, kids: Sequence[Token]) -> tuple[Entity, ...]:
        """The court named in a unit's modifiers (``a three-member CAS panel``): a
        court's panel or bench rules as the court."""
        named = [e for k in kids if k.rel == "compound" and (e := self.entity_of(k.i))]
        return tuple(e for e in named[:1] if e.kind == "organization" and {
            "court", "tribunal"} & set(_name_words(e.name)))

    def _aged(self, head: Token) -> tuple[Entity, ...]:
        """``the 23-year-old`` after ``Whitmore-Banks, 23,`` (or ``23-year-old
        Whitmore-Banks``): the one person named before with that age."""
        words_ = self.tree.subtree(head.i)
        found = _YEARS_OLD.search(self.tree.doc.text[words_[0].start:words_[-1].end])
        if found is None:
            return ()
        people = {e.id: e for e in self.entities if e.kind == "person" and any(
            m.end <= head.start and _age_at(self.tree.doc.text, m) == found.group(1)
            for m in e.mentions)}
        return tuple(people.values()) if len(people) == 1 else ()

    def _organisation(self, head: Token, lemma: str, recent: Sequence[Recent]
                      ) -> tuple[Entity, ...]:
        """``the union``: an organisation whose name holds the noun (``Prairie Nurses'
        Union``) before any other, then one named so just after (a lead's ``the city's
        zoo said``, ``the Calgary Zoo`` named next); failing one, ``the ministry`` only
        one named by its initials or by place and portfolio, an agency or a regulator no
        body named as a business, and a company or a firm none named as a government body
        (``the agency`` is not Halden Pharmaceuticals)."""
        named = self._best(head, recent, lambda e: e.kind == "organization" and (
            _holds(e.name, lemma)), prefer=lemma) or self._ministers_ministry(head, lemma)
        if named or lemma in _NAMED_KINDS:
            return named or self._best(head, recent, lambda e: e.kind == "organization"
                                       and _bears(e.name, lemma), prefer=lemma) or (
                self._kind_named_later(head, lemma))
        sort = _sort_of(lemma)
        return self._named_after(head, lemma) or self._best(  # a lead's "the city's zoo
            head, recent, lambda e: e.kind == "organization" and (  # said": named next
                sort is None or self._sort_of_entity(e) in (None, sort)) and not (
                sort and set(self.roles.get(e.id, "").split()) & _NEWSROOMS), prefer=lemma)

    def _national_body(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """``The Chinese delegation rejected that argument. ... the delegation said``:
        a definite body noun is the unnamed body the sentence before (same paragraph)
        made its subject with the same noun and a nationality (a capitalised
        adjective), under that description."""
        sents = self.tree.doc.sentences
        if head.sent == 0 or sents[head.sent - 1].para != sents[head.sent].para:
            return ()
        prev = sents[head.sent - 1]
        for t in prev.tokens:
            if t.lemma.lower() != lemma or t.rel != "nsubj" or t.i in self.by_word or (
                    "Number=Plur" in t.feats):
                continue
            national = [a for a in self.tree.children(t.i, "amod") if a.upos == "ADJ"
                        and a.text[:1].isupper() and prev.first < a.i < t.i
                        and a.i not in self.by_word]
            named = [c for c in self.tree.children(t.i, "appos", "compound", "flat")
                     if c.upos == "PROPN"]  # "The Canadian company Suncor": named
            if national and not named:
                return self._unnamed_entity(t, "organization")
        return ()

    def may_be(self, e: Entity, noun: str) -> bool:
        """A body described by ``noun`` may be ``e``: their sorts do not differ (``the
        regulator`` is no company, ``the company`` no ministry)."""
        sort = _sort_of(noun)
        return sort is None or self._sort_of_entity(e) in (None, sort)

    def bodies_before(self, word: Token) -> bool:
        """An organisation is named before ``word`` in the story (the furniture above
        it and a dateline's credit aside)."""
        return any(self.by_word[m.first].kind == "organization" and (
            self.tree.tokens[m.first].para not in self.page) and not _credit(self.tree, m)
            for m in self._before(word))

    def _sort_of_entity(self, e: Entity) -> str | None:
        """``_sort_of_name``, except that a body with a spokesperson of its own is no
        newsroom (``Canada Post spokesperson Marisa Delacroix-Wong``: no newspaper)."""
        sort = _sort_of_name(e.name)
        if sort == "union or media" and e.id in self.voiced and not set(
                _name_words(e.name)) & (_UNION_WORDS | {"union"}):
            return None
        return sort

    def _kind_named_later(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """``the union representing workers at the site says`` in a lead, before any
        union is named: the first body of that kind named later in the same story."""
        toks = self.tree.tokens
        later = sorted((m for e in self.entities for m in e.mentions
                        if m.start >= head.end and e.kind == "organization"
                        and self._section(toks[m.first].para) == self._section(head.para)
                        and _bears(e.name, lemma)), key=lambda m: m.first)
        return (self.by_word[later[0].first],) if later else ()

    def _role_holders(self, head: Token, lemma: str) -> list[Entity]:
        """The people named before ``head`` with the role ``lemma`` (or a title for it)
        and every capitalised modifier of ``head``, each once, in order of first
        mention."""
        same = {lemma, *_SAME_ROLE.get(lemma, ())}
        marks = {c.text.lower() for c in self.tree.children(head.i, "amod", "compound")
                 if c.text[:1].isupper()}  # "the Democratic nominee": Democratic too
        ranks = _RANKS & {c.text.lower() for c in self.tree.children(head.i)}
        out: list[Entity] = []
        for m in sorted(self._before(head), key=lambda m: m.first):
            e = self.by_word[m.first]
            roles = set(self.roles.get(e.id, "").split())
            held = set(self.held.get(e.id, "").split())  # not "the Justice Department
            if e.kind == "person" and e not in out and same & held and (  # lawyer"
                    marks <= roles and _RANKS & roles <= ranks):  # nor a deputy governor
                out.append(e)
        return out

    def _ministers_ministry(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """``the ministry`` after ``Minister of Agriculture and Irrigation Hollis
        Brandvold``: the ministry of the latest minister of a named portfolio."""
        if lemma != "ministry":
            return ()
        found = list(_MINISTER_OF.finditer(self.tree.doc.text, 0, head.start))
        if not found:
            return ()
        name = f"Ministry of {_portfolio(found[-1].group(1))}"
        return (Entity(DERIVED_ID, name, "organization", None, (), ()),)

    def _by_role(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """A description that names its own domain (``Connecticut's tax commissioner``)
        is the person named earlier with that role (or a title for it: ``the judge``,
        ``Justice ...``), and nobody else."""
        holders = self._role_holders(head, lemma)
        return (holders[-1],) if holders else ()

    def _held(self, head: Token, pron: Token, recent: Sequence[Recent]
              ) -> tuple[Entity, ...]:
        """A person known by whose they are (``his doctor``, ``her lawyer``): named
        after the owner the pronoun refers to (``Gary Johnson's doctor``)."""
        owner = self._pronoun(pron, pron.text.lower(), recent)
        if len(owner) != 1:
            return ()
        kin = self._kin(owner[0], head.lemma.lower())
        if kin is not None:
            return (kin,)
        name = f"{owner[0].name}'s {head.text}"
        return (Entity(DERIVED_ID, name, "person", noun_gender(head.lemma.lower()), (), ()),)

    def _kin(self, owner: Entity, lemma: str) -> Entity | None:
        """``Her husband`` after ``Doug and Marlene Fitzgerald``: a relative of the
        owner is the one other person the article names with the owner's surname and a
        gender the noun allows."""
        if lemma not in _KIN or owner.kind != "person" or " " not in owner.name:
            return None
        gender = noun_gender(lemma)
        same = [e for e in self.entities if e.kind == "person" and e.id != owner.id and (
            e.name.split()[-1] == owner.name.split()[-1] and " " in e.name) and (
            gender is None or e.gender in (None, gender))]
        return same[0] if len(same) == 1 else None

    def _placed_body(self, head: Token, lemma: str, kids: list[Token]) -> tuple[Entity, ...]:
        """``Manitoba's highest court``: the one body of that kind whose name holds the
        place that owns the description (``Manitoba Court of Appeal``)."""
        places = {w.lower() for k in kids if k.deprel == "nmod:poss" and is_place(k.text)
                  for w in [k.text.removesuffix("'s").removesuffix("\u2019s")]}
        if not places or lemma not in _NAMED_KINDS:
            return ()
        found = [e for e in self.entities if e.kind == "organization" and _bears(
            e.name, lemma) and places & set(_name_words(e.name))]
        return (found[0],) if len(found) == 1 else ()

    def _marked_holder(self, head: Token) -> tuple[Entity, ...]:
        """The one person whose roles hold the capitalised modifier of ``head``
        (``Her Liberal rival``: the person titled ``Liberal leader``)."""
        marks = {k.text.lower() for k in self.tree.children(head.i, "amod", "compound")
                 if k.text[:1].isupper() and k.i > self.tree.doc.sentences[k.sent].first}
        holders = [e for e in self.entities if e.kind == "person" and marks & set(
            self.roles.get(e.id, "").split())]
        return (holders[0],) if marks and len(holders) == 1 else ()

    def _role_office(self, head: Token, role: Token) -> tuple[Entity, ...]:
        """``the mayor's office``: the office of the one person the article titles so
        (``Colin Petrakis-Dumont's office``); none when the title has no one holder."""
        holders = self._role_holders(role, role.lemma.lower())
        if len(holders) != 1:
            return ()
        name = f"{holders[0].name}'s {head.text}"
        return (Entity(DERIVED_ID, name, "organization", None, (), ()),)

    def _led(self, head: Token, lemma: str, recent: Sequence[Recent]) -> tuple[Entity, ...]:
        """``the campaign``: a campaign named in this paragraph or the two before,
        else the campaign of the person most salient there (``Hillary Clinton
        campaign``)."""
        near = head.para - 2
        named = self._best(head, recent, lambda e: e.kind == "organization"
                           and lemma in e.name.lower().split(), since=near)
        if named:
            return named
        person = self._best(head, recent, lambda e: e.kind == "person", since=near)
        if not person:
            return ()
        return (Entity(DERIVED_ID, f"{person[0].name} {lemma}", "organization", None, (), ()),)

    def _place_of(self, head: Token) -> tuple[Entity, ...]:
        """The place a place noun names with ``of`` (``the city of Phoenix``)."""
        for c in self.tree.children(head.i, "nmod"):
            e = self.entity_of(c.i)
            if e is not None and e.kind in ("place", "organization") and any(
                    w.text.lower() == "of" for w in self.tree.children(c.i, "case")):
                return (e,)
        return ()

    def _after(self, head: Token, reach: int = 1) -> list[Mention]:
        """Mentions after ``head`` in its paragraph or the ``reach`` next, in text order."""
        toks = self.tree.tokens
        return sorted((m for e in self.entities for m in e.mentions if m.start >= head.end
                       and toks[m.first].para <= head.para + reach), key=lambda m: m.first)

    def _company_after(self, head: Token) -> tuple[Entity, ...]:
        """A lead's ``a project that its developer says ...``, no body named before it in
        its paragraph: the first company named after it in its paragraph or the next (a
        name with a legal form: ``Borealis Lithium Corp.``)."""
        if any(e.kind == "organization" and m.start < head.start and (
                self.tree.tokens[m.first].para == head.para)
               for e in self.entities for m in e.mentions):
            return ()
        return next(((self.by_word[m.first],) for m in self._after(head)
                     if self.by_word[m.first].kind == "organization"
                     and is_legal_form(self.by_word[m.first].name.split()[-1])), ())

    def _named_after(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """A news lead's ``their union announced``: the first organisation whose name
        holds the noun, named later in its paragraph or the next."""
        return next(((self.by_word[m.first],) for m in self._after(head) if self.by_word[
            m.first].kind == "organization" and _holds(self.by_word[m.first].name, lemma)),
            ())

    def _unnamed_source(self, head: Token, lemma: str) -> tuple[Entity, ...]:
        """``A Western diplomat in Moscow, speaking on condition of anonymity, said``
        ... ``the diplomat said``: a definite description is the latest unnamed source
        the article introduced with the same noun as a speech verb's indefinite
        subject (and no named person holds that role), under that source's label."""
        return self._unnamed_entity(self._unnamed_source_word(head, lemma))

    def _unnamed_entity(self, t: Token | None, kind: str = "person") -> tuple[Entity, ...]:
        """The unnamed source (or body) whose head word is ``t``, under its label."""
        found = read_mention(self.tree, t) if t is not None else []
        if len(found) == 1 and found[0].name:
            return (Entity(DERIVED_ID, found[0].name, kind, None, (), ()),)
        return ()

    def _unnamed_source_word(self, head: Token, lemma: str) -> Token | None:
        """The head word of the latest unnamed source introduced with ``lemma`` as a
        speech verb's indefinite subject (or after ``according to``) before ``head``
        (see ``_unnamed_source``)."""
        toks = self.tree.tokens
        for t in reversed(toks[max(0, head.i - 800):head.i]):
            if t.lemma.lower() == lemma and t.rel == "amod" and toks[t.head].i > t.i and (
                    toks[t.head].text.lower() in POSTPOSITIVE):  # "A federal official
                t = toks[t.head]  # familiar with the file", "familiar" read as the noun
            elif t.lemma.lower() != lemma or t.upos not in ("NOUN", "ADJ"):
                continue
            if not any(c.text.lower() in ("a", "an") for c in self.tree.subtree(t.i)
                       if c.i < t.i):
                continue  # "A council diplomat", the article hung on either noun
            if any(c.text.lower() == "according" for c in self.tree.children(t.i, "case")):
                return t  # "according to a person familiar with the matter"
            slipped = t.rel in ("ccomp", "dep", "obj", "xcomp") and t.head > t.i  # misparsed
            verb = toks[t.head] if t.head >= 0 and (t.rel == "nsubj" or slipped) else (
                self._bare_cue(t) if t.rel == "root" else None)
            if verb is not None and speech_verb(verb.lemma, verb.text) is None and (
                    t.rel == "nsubj" and verb.upos != "VERB"):  # "A senior official ...
                verb = self._bare_cue(t)  # said the office had been in contact", the
                # noun made the subject of "contact"
            if verb is not None and speech_verb(verb.lemma, verb.text) is not None:
                return t
        return None

    def _bare_cue(self, t: Token) -> Token | None:
        """The first speech verb after ``t`` in its sentence but a relative pronoun's
        (``A European negotiator who spoke ... said``, the noun made the root)."""
        sentence = self.tree.doc.sentences[t.sent]
        for v in sentence.tokens[t.i - sentence.first + 1:]:
            if v.upos == "VERB" and speech_verb(v.lemma, v.text) is not None and not any(
                    s.lemma.lower() in ("who", "that", "which")
                    for s in self.tree.children(v.i, "nsubj")):
                return v
        return None

    def _latest_unnamed(self, head: Token, lemma: str, holders: Sequence[Entity]
                        ) -> tuple[Entity, ...]:
        """``A European negotiator ... said`` ... ``the negotiator said``: the unnamed
        source, when introduced after every named holder of the role was last named."""
        t = self._unnamed_source_word(head, lemma)
        if t is None or any(m.first > t.i for e in holders for m in e.mentions
                            if m.first < head.i):
            return ()
        return self._unnamed_entity(t)

    def _identified_after(self, head: Token, lemma: str, role_only: bool = False
                          ) -> tuple[Entity, ...]:
        """Delayed identification (news leads): a role first met as a description is
        the person named next with that role in its paragraph or the next, or, for
        a lead's subject, the role-less person heading the next paragraph (not with
        ``role_only``: an indefinite ``a wildlife officer says`` needs the role)."""
        toks = self.tree.tokens
        after = self._after(head)
        people = [self.by_word[m.first] for m in self._after(head, 3)
                  if self.by_word[m.first].kind == "person"]  # the role says who, a little
        # further on too ("the airline's chief executive" ... "Chief executive X")
        for e in people:
            held = self.roles.get(e.id, "").split()
            if any(w in held for w in (lemma, *_SAME_ROLE.get(lemma, ()))):
                return (e,)
        if role_only or any(self.by_word[m.first].kind == "person" and self._subject_like(m)
                            for m in self._before(head, head.para - 2)):
            return ()  # a description right after a person acted may well be them
        lead = next(t.sent for t in toks if t.para == head.para)
        opener = next((m for m in after if toks[m.first].para == head.para + 1), None)
        if head.sent != lead or head.rel != "nsubj" or opener is None:
            return ()
        e, word = self.by_word[opener.first], toks[_mention_head(self.tree, opener)]
        first = next(t.sent for t in toks if t.para == head.para + 1)
        if e.kind == "person" and word.rel == "nsubj" and opener.sent == first and (
                not self.roles.get(e.id)):
            return (e,)
        return ()

    def pair(self, head: Token, lemma: str = "") -> tuple[Entity, ...]:
        """``the two leaders``, ``Both said``: the last two people named before it (not
        in the page's furniture: the byline), the last two with that role where two have
        it (``both coaches``: the two named coaches; one named before and one right after
        when only one is named before), in the order the article introduced them."""
        seen: list[Entity] = []
        cast: list[Entity] = []
        for m in sorted(self._before(head), key=lambda m: -m.first):
            e = self.by_word[m.first]
            if e.kind == "person" and e not in seen and (
                    self.tree.tokens[m.first].para not in self.page):  # not the byline's
                seen.append(e)
                if lemma and singulars(lemma) & set(self.roles.get(e.id, "").split()):
                    cast.append(e)
        if lemma and len(cast) == 1 and len(seen) < 2:  # "the two ministers" before the
            cast += [e for e in self._role_after(head, lemma) if e not in cast][:1]  # 2nd
        pick = cast[:2] if len(cast) >= 2 else seen[:2]
        return tuple(sorted(pick, key=lambda e: min(m.first for m in e.mentions))) if len(
            pick) == 2 else ()  # in the order the article introduced them

    def _plural_holders(self, head: Token, lemma: str, definite: bool) -> tuple[Entity, ...]:
        """``Two northern Ontario mayors say`` in a lead: the people named next with that
        role, when as many as it counts; ``the mayors``: the two or more people named
        before with that role."""
        role = next((w for w in sorted(singulars(lemma)) if is_person_noun(w)), None)
        if role is None:
            return ()
        if definite:
            holders = self._holding(self._before(head), role)
            return tuple(holders) if len(holders) >= 2 else ()
        count = next((_COUNTS.get(c.text.lower()) for c in self.tree.subtree(head.i)
                      if c.i < head.i and c.upos == "NUM"), None)  # however hung
        holders = self._holding(self._after(head, 1), role)
        return tuple(holders) if count is not None and len(holders) == count else ()

    def _group_member(self, head: Token) -> tuple[Entity, ...]:
        """``one of the officials said`` after ``two officials familiar with the talks
        told``: one member of the unnamed group the article last introduced with that
        plural noun (a count or quantifier, no name), under the group's label with its
        noun singular (``official familiar with the talks``)."""
        toks = self.tree.tokens
        bare = head.text.lower() == "one"  # "Several MPs welcomed it. One, who ..., said"
        reach = self.tree.doc.sentences[max(0, head.sent - 1)].first if bare else (
            max(0, head.i - 800))
        for t in reversed(toks[reach:head.i]):
            same = t.rel == "nsubj" and member_noun(t) is not None if bare else (
                t.lemma.lower() == head.lemma.lower())  # any group subject, or that noun's
            if not same or "Number=Plur" not in t.feats or t.upos != "NOUN":
                continue
            counted = any(c.i < t.i and (c.upos == "NUM" or c.text.lower() in QUANTIFIERS)
                          for c in self.tree.subtree(t.i))  # however the parser hung it
            owned = any(c.deprel in ("det", "nmod:poss") for c in self.tree.children(t.i))
            named = t.i in self.by_word and self.by_word[t.i].kind == "person"
            if owned or (bare and not counted) or named or self.tree.children(t.i, "appos"):
                continue  # "the officials": a mention; "two officials, X and Y": named
            found = read_mention(self.tree, t)
            one = member_noun(t)
            if len(found) != 1 or t.text not in found[0].name.split() or one is None:
                return ()
            label = " ".join(one if w == t.text else w for w in found[0].name.split())
            return (Entity(DERIVED_ID, label, "person", None, (), ()),)
        return ()

    def _holding(self, found: Sequence[Mention], role: str) -> list[Entity]:
        """The people of mentions ``found`` the article gave ``role``, with those a
        plural role was given together (``Ruth Makinen and Daniel Cyr, the mayors of
        ...``: the role hangs on the first name only)."""
        people = self._people(found)
        heads = {e.id: [_mention_head(self.tree, m) for m in e.mentions] for e in people}
        out = [e for e in people if self._holds_role(e, role) or any(  # "X and Y, the
            role in singulars(c.text.lower()) for h in heads[e.id]  # mayors", the role
            for c in self.tree.children(h, "conj"))]  # read as a third conjunct
        joined = {c.i for e in out for h in heads[e.id] for c in self.tree.children(h, "conj")}
        return [e for e in people if e in out or set(heads[e.id]) & joined]

    def _people(self, found: Sequence[Mention]) -> list[Entity]:
        """The people of mentions ``found``, each once, in text order, the page's
        furniture (the byline) aside."""
        out: list[Entity] = []
        for m in sorted(found, key=lambda m: m.first):
            e = self.by_word[m.first]
            if e.kind == "person" and e not in out and self.tree.tokens[m.first].para not in (
                    self.page):
                out.append(e)
        return out

    def _holds_role(self, e: Entity, lemma: str) -> bool:
        """The article gave person ``e`` the role ``lemma``, in the singular or plural
        (``Ruth Makinen and Daniel Cyr, the mayors of ...``)."""
        return any(lemma in singulars(w) for w in self.roles.get(e.id, "").split())

    def _role_after(self, head: Token, lemma: str) -> list[Entity]:
        """The people named after ``head`` in its paragraph or the next with the role
        ``lemma``, in order."""
        out: list[Entity] = []
        for m in sorted(self._after(head, 1), key=lambda m: m.first):
            e = self.by_word[m.first]
            if e.kind == "person" and e not in out and singulars(lemma) & set(
                    self.roles.get(e.id, "").split()):
                out.append(e)
        return out

    def _pair_subject(self, head: Token) -> tuple[Entity, ...]:
        """``But Mr. Grassley and Mr. Leahy say ... . The program ..., they say.``: a
        plural pronoun is the coordinated people that are the nearest subject before it,
        in its sentence or the one before."""
        toks = self.tree.tokens
        first = self.tree.doc.sentences[max(0, head.sent - 1)].tokens[0].i
        for t in reversed(toks[first:head.i]):
            if t.rel != "nsubj":
                continue
            words_ = [t] if self.entity_of(t.i) is not None else self.tree.children(
                t.i, "appos", "flat", "compound")  # "board chairs Marianne Bouchard and ..."
            named = [self.entity_of(w.i) for w in words_] + [  # (a second name hung on the
                self.entity_of(c.i) for w in dict.fromkeys([t, *words_])  # noun: "chairs")
                for c in self.tree.children(w.i, "conj")]
            people: list[Entity] = []
            for e in named:
                if e is not None and e.kind == "person" and e not in people:
                    people.append(e)
            if len(people) > 1:
                return tuple(people)
        return ()

    def _binders(self, head: Token) -> set[int]:
        """Subjects of the verbs whose complement holds ``head`` (``Perkins admitted
        [she was willing]``), in its own sentence, with the names in apposition to them
        for a subject pronoun (``Her sister, Yolanda Condori, said [she supported ...]``)."""
        verbs = _governors(self.tree, head)[1:] if head.rel == "nsubj" else _governors(
            self.tree, head)
        subject = head.rel == "nsubj"  # not "his" in "Brin met him on his visit"
        return {w.i for v in verbs for s in self.tree.children(v.i, "nsubj")
                if s.sent == head.sent and s.i != head.i
                for w in [s, *(self.tree.children(s.i, "appos") if subject else [])]}

    def _quote_speakers(self, head: Token) -> set[int]:
        """Subjects of speech verbs in the sentences where the quotation holding ``head``
        opens and closes (and in ``head``'s own): its speaker says ``I``, not ``he``."""
        quote = next(((a, b) for a, b in self.quoted if a <= head.start < b), None)
        if quote is None:
            return set()
        start, end = quote
        inside = self.tree.within(start, end)
        sents = {inside[0].sent, inside[-1].sent, head.sent}
        return {t.i for t in self.tree.tokens if t.sent in sents and t.rel == "nsubj"
                and not start <= t.start < end and t.head >= 0
                and speech_verb(self.tree.tokens[t.head].lemma) is not None}

    def _coarguments(self, head: Token) -> set[int]:
        """The subject (with its appositives) of the verb whose object ``head`` is: a
        plain object pronoun never refers to its own clause's subject (``Koolhaas
        described her``; a reflexive would)."""
        if head.rel not in ("obj", "iobj", "obl") or head.head < 0 or head.text.lower().endswith(
                ("self", "selves")):
            return set()
        subj = self.tree.children(head.head, "nsubj")
        return {w.i for s in subj for w in [s, *self.tree.children(s.i, "appos", "flat")]}

    def _named_objects(self, head: Token) -> set[int]:
        """Entities named as objects of the verb whose subject ``head`` is: a subject
        pronoun never refers to them (``He described Montalvo as ...``)."""
        if head.rel != "nsubj" or head.head < 0:
            return set()
        objs = self.tree.children(head.head, "obj", "iobj")
        return {e.id for o in objs for w in [o, *self.tree.children(o.i, "flat")]
                if (e := self.entity_of(w.i)) is not None}

    def _before(self, head: Token, since: int = 0) -> list[Mention]:
        """Mentions ending before ``head``, in paragraph ``since`` or later."""
        return [m for e in self.entities for m in e.mentions
                if m.end <= head.start and self.tree.tokens[m.first].para >= since]

    def _best(self, head: Token, recent: Sequence[Recent], fits: Callable[[Entity], bool],
              gender: str | None = None, prefer: str = "", since: int = 0
              ) -> tuple[Entity, ...]:
        scores: dict[int, float] = {}
        speakers, binders = self._quote_speakers(head), self._binders(head)
        speakers |= self._coarguments(head)
        named_with = self._named_objects(head)
        base = self._base_of(head)
        for m in self._before(head, since):
            e = self.by_word[m.first]
            word = _mention_head(self.tree, m)
            if not fits(e) or word in speakers or e.id in named_with or m.last in base or (
                    e.id in self.barred or e.id in self.media):
                continue  # "X said, 'I think his work ...'": a speaker says I, not he
            if self.tree.tokens[word].para in self.page or _credit(self.tree, m):
                continue  # "By Priya Venkataraman", a caption, "MADRID (AP)": no antecedents
            score = self._score(head, m, e, gender, prefer)
            if word in binders:
                score += 3.0  # "Perkins admitted she was willing": the reporting subject
            scores[e.id] = max(scores.get(e.id, -99.0), score)
        last = next((r for r in reversed(recent) if r.pos < head.start), None)
        if last is not None and last.entity in scores and not self._introduced_since(
                last.pos, head, scores, gender):
            scores[last.entity] += 3.0  # the speaker of the latest quote
        if not scores:
            return ()
        best = max(scores, key=lambda k: (scores[k], k))
        return (self.entities[best],)

    def _base_of(self, head: Token) -> set[int]:
        """The words naming where a ``-based`` description is based (``The Menlo Park,
        Calif.-based company``): that place is not what it refers to."""
        toks = self.tree.tokens
        based = [c for c in self.tree.children(head.i, "amod") if c.text.lower().endswith(
            "based")]
        if not based:
            return set()
        k, out = based[0].i - 1, set()
        while k >= 0 and toks[k].sent == head.sent and (toks[k].upos in ("PROPN", "PUNCT") or (
                toks[k].text[:1].isupper())) and toks[k].text not in _DEFINITE:
            out.add(k)
            k -= 1
        return out

    def _introduced_since(self, pos: int, head: Token, scores: dict[int, float],
                          gender: str | None = None) -> bool:
        """A candidate other than the latest speaker is named for the first time after
        that speaker's quote (at ``pos``) and before ``head``, in a sentence of its own,
        as a subject (``Among those laid off was Kenji Okonkwo-Larsen ... The
        41-year-old said``): the story has turned to the newcomer."""
        quote_end = next((b for a, b in self.quoted if a <= pos < b), pos + 1)
        inside = self.tree.within(pos, quote_end) or self.tree.within(pos, head.start)[:1]
        if not inside:
            return False
        said = inside[-1].sent  # the sentence the latest quote ends in
        para = self.tree.tokens[head.i].para
        return any(e.id in scores and e.mentions and said < e.mentions[0].sent < head.sent
                   and self._subject_like(e.mentions[0], gender) for e in self.entities) or any(
            e.id in scores and said < m.sent < head.sent and self.tree.tokens[m.first].para
            == para and self._subject_like(m, gender) for e in self.entities
            for m in e.mentions)  # "Okonkwo-Barnes was not satisfied. '...,' she told"

    def _subject_like(self, m: Mention, gender: str | None = None) -> bool:
        """The mention is its clause's subject, the name a copula presents (``Among
        those laid off was Kenji Okonkwo-Larsen``) or in apposition to the subject
        (``Mr. Pruden's niece, Danielle Fontaine-Ross, ... stood``), unless, for a
        pronoun of ``gender``, that subject is someone's by a pronoun of the same
        gender (``Her professor, Rem Koolhaas,`` for ``she``: the one ``her`` refers to
        stays the topic; ``His wife, Wai-Ling Tsang,`` is a ``she``)."""
        word = self.tree.tokens[_mention_head(self.tree, m)]
        if word.rel == "nsubj" or (word.rel == "root" and self.tree.children(word.i, "cop")):
            return True
        if any(t.rel == "nsubj" for t in self.tree.tokens[m.first:m.last + 1]):
            return True  # "Okonkwo" "-" "Barnes was": a hyphenated name the parser split
        sent = self.tree.doc.sentences[word.sent]
        if word.rel in ("vocative", "dislocated", "dep") and m.first == sent.first and (
                m.last + 1 < len(self.tree.tokens) and self.tree.tokens[m.last + 1].text == ","):
            return True  # "Lindholm, asked whether ..., shook his head": a vocative by slip
        gov = self.tree.tokens[word.head] if word.head >= 0 else None
        return word.rel == "appos" and gov is not None and gov.rel == "nsubj" and not any(
            c.upos == "PRON" and PERSONAL.get(c.text.lower(), "") == gender
            for c in self.tree.children(gov.i, "nmod:poss"))

    def _score(self, head: Token, m: Mention, e: Entity, gender: str | None,
               prefer: str) -> float:
        word = self.tree.tokens[_mention_head(self.tree, m)]
        score = -1.5 * (head.sent - m.sent)
        if self._subject_like(m, gender):
            score += 2.0  # a subject, or a name in apposition to it
        if self._in_quote(m.start):
            score -= 3.0
        if gender and e.gender == gender:
            score += 1.5
        elif gender and e.kind == "person":
            score -= 1.0  # a person of unknown gender is a weaker match than a known one
        score += 0.5 * math.sqrt(min(len(e.mentions), 6))  # the article's main actors
        if e.id == self.topic or (e.id == self.org_topic and prefer in _BUSINESS_NOUNS):
            score += 2.5  # the one the article is about (named twice as often as any other)
        if prefer and any(w in e.name.lower() or w in self.roles.get(e.id, "")
                          for w in (prefer, *_SAME_ROLE.get(prefer, ()))) or (
                prefer in _BUSINESS_NOUNS and _sort_of_name(e.name) == "business"):
            score += 4.0  # "the company": one whose name says it is one ("... Inc.")
        if e.kind == "place":
            score -= 2.0  # "it" is an organisation before it is a country
        if self._section(word.para) != self._section(head.para):
            score -= 4.0  # an item of a live report ("___") starts its own story
        if self._in_fronted_clause(word, head):
            score += 5.0  # "When I reached Voss-Achebe, he said": the clause's own person
        return score

    def _in_fronted_clause(self, word: Token, head: Token) -> bool:
        """``word`` sits in an adverbial clause before ``head`` that modifies the verb
        ``head`` is the subject of (same sentence)."""
        toks = self.tree.tokens
        if word.sent != head.sent or word.i > head.i or head.head < 0:
            return False
        k, seen = word.i, 0
        while toks[k].head >= 0 and seen < 12:
            if toks[k].rel == "advcl" and toks[k].head == head.head:
                return True
            k, seen = toks[k].head, seen + 1
        return False

    def _section(self, para: int) -> int:
        return self.sections[para] if 0 <= para < len(self.sections) else 0


# The letters of the US party affix (``Sen. X, R-Ohio``).
_PARTY_LETTERS = {"r": "republican", "d": "democrat", "i": "independent"}


def _street(name: str) -> bool:
    """A street's name (``Avenue H.``, ``Wellington Street``): no city's government."""
    return any(w in STREETS for w in name.split())


def _media(tree: Tree, ents: Sequence[Entity]) -> frozenset[int]:
    """Organisations named only as where something was posted or aired (``in a post on
    X``, ``via Facebook``) or as a news agency's credit (``UNITED NATIONS (AP) -``,
    ``(AP Photo/...)``): a medium, never what a pronoun or description refers to."""
    toks = tree.tokens

    def photo(m: Mention) -> bool:
        return toks[m.first - 1].text == "(" and m.last + 1 < len(toks) and toks[
            m.last + 1].text.lower() in ("photo", "/", "photo/")

    return frozenset(e.id for e in ents if e.kind == "organization" and all(
        m.first > 0 and (toks[m.first - 1].text.lower() in ("on", "via") or _credit(
            tree, m) or photo(m)) for m in e.mentions))


def _credit(tree: Tree, m: Mention) -> bool:
    """The mention is a news agency's credit in brackets after a dateline (``MADRID
    (AP) --``, ``SUDBURY, Ont. (CP) --``, ``Doha (AFP) --``; ``name_runs.is_dateline``)."""
    toks = tree.tokens
    if m.first < 2 or m.last + 1 >= len(toks) or toks[m.first - 1].text != "(" or (
            toks[m.last + 1].text != ")"):
        return False
    first = m.first - 1
    while first > 0 and toks[first - 1].para == toks[m.first].para:
        first -= 1
    return any(is_dateline(toks, first, k) for k in range(first, m.first - 1))


def _top_matter(tree: Tree) -> frozenset[int]:
    """The short unpunctuated lines of page furniture above the story's first line of
    prose (outlet, headline, byline): the writer and the headline's names are no
    antecedents (a first line of prose read as a headline still is one)."""
    doc = tree.doc
    page = {p for p in furniture(tree) if p < len(doc.paragraphs) and heading(
        doc.text[doc.paragraphs[p][0]:doc.paragraphs[p][1]].strip())}  # no prose line
    paras = sorted({t.para for t in tree.tokens})
    first = next((p for p in paras if p not in page), None)
    return frozenset(p for p in page if first is None or p < first)


_RULE = re.compile(r"[_=*~#-]{3,}\.?")


def _sections(tree: Tree) -> tuple[int, ...]:
    """For each paragraph, how many rule lines (``___``, ``***``) come before it: the
    items of a live report or digest, each its own story."""
    out, seen = [], 0
    for start, end in tree.doc.paragraphs:
        if _RULE.fullmatch(tree.doc.text[start:end].strip()):
            seen += 1
        out.append(seen)
    return tuple(out)


# Kinds of body whose names carry the kind ("the Foreign Ministry", "the Senate
# Intelligence Committee", "the Prairie Nurses' Union"): "the ministry" is one of those,
# or one known by its initials.  (Banks, universities, parties and agencies are often
# named without it.)
_NAMED_KINDS = frozenset({"ministry", "department", "embassy", "consulate", "court",
                          "commission", "committee", "council", "senate", "tribunal",
                          "bureau", "police", "army", "navy", "union"})


# The members of a court, who speak for it together.
_BENCH = frozenset({"judge", "justice"})


# Descriptions of a government body and of a business, and the name words that mark
# each (an organisation named by neither may be either).
_GOVERNMENT_NOUNS = frozenset({"agency", "regulator", "watchdog"})
_BUSINESS_NOUNS = frozenset({"company", "firm", "corporation", "manufacturer", "retailer",
                             "developer", "insurer", "automaker", "maker", "business",
                             "employer", "operator", "producer", "supplier", "chain"})
_GOVERNMENT_WORDS = frozenset({"ministry", "department", "agency", "commission", "council",
                               "government", "office", "authority", "police", "court",
                               "parliament", "senate", "tribunal", "bureau", "service",
                               "services", "board", "administration", "city", "province"})
_BUSINESS_WORDS = frozenset({"inc", "corp", "corporation", "ltd", "limited", "co", "llc",
                             "plc", "company", "group", "holdings", "pharmaceuticals",
                             "industries", "technologies", "airlines", "motors", "bank"})


# Role nouns and the titles that name the same role ("Justice Miriam Adeyemi-Ross" ...
# "the judge said").
_SAME_ROLE = {"judge": ("justice",), "lawyer": ("attorney", "counsel"),
              "attorney": ("lawyer", "counsel"),
              "spokesperson": ("spokesman", "spokeswoman", "communications", "press"),
              "spokesman": ("spokesperson", "communications", "press"),
              "spokeswoman": ("spokesperson", "communications", "press"),
              "officer": ("constable", "const.", "sgt.", "sergeant", "cpl.", "corporal"),
              "head": ("president", "chair", "chairman", "chairwoman", "chairperson",
                       "leader", "director"),
              "ceo": ("executive",), "executive": ("ceo",), "cfo": ("financial",),
              "coo": ("operating",)}


def _voiced(ents: Sequence[Entity], roles: dict[int, str]) -> frozenset[int]:
    """The organisations whose every name word is in the role of a person who speaks
    for bodies (``Canada Post spokesperson ...``)."""
    spokes = {"spokesperson", "spokesman", "spokeswoman"}
    held = [set(roles.get(e.id, "").split()) for e in ents if e.kind == "person"]
    held = [r for r in held if r & spokes]
    return frozenset(e.id for e in ents if e.kind == "organization" and any(
        set(_name_words(e.name)) <= r for r in held))


def _given_name_only(m: Mention, e: Entity) -> bool:
    """Mention ``m`` of person ``e`` is the given name of a longer name alone."""
    return " " not in m.text and len(e.name.split()) > 1 and m.text == e.name.split()[0]


def _member_of(tree: Tree, noun: Token) -> bool:
    """``noun`` is the group of ``one of the NOUNs`` (``One of the people said``)."""
    gov = tree.tokens[noun.head] if noun.head >= 0 else None
    return gov is not None and gov.text.lower() == "one" and noun.deprel == "nmod" and any(
        c.text.lower() == "of" for c in tree.children(noun.i, "case"))


def _name_words(name: str) -> list[str]:
    return [w.strip("'\u2019") for w in name.lower().replace(".", "").split()]


def _holds(name: str, noun: str) -> bool:
    """A name of several words has ``noun`` for its head word, the last word before its
    ``of`` (``into``, ``for``, ``on``) or else its last (``Bank of Canada``, ``Royal
    Commission into the Monaro Bushfires``, ``Prairie Nurses' Union``; not ``Bank``
    alone, nor ``Canadian Union of Airline Cabin Crew`` for ``the airline``; the parts
    of one hyphenated word count, and a body's first word as its head, ``Hydro-Québec``,
    ``Air Canada``); a union may be named a local or a federation."""
    found = _name_words(name)
    if len(found) == 1 and "-" in found[0]:
        found = found[0].split("-")  # "Hydro-Québec": the utility's words, one glued name
    cut = next((k for k, w in enumerate(found) if k > 0 and w in _NAME_PREPOSITIONS), None)
    head = found[cut - 1] if cut is not None else found[-1]
    if noun == "union" and (set(found) & _UNION_WORDS or _trade_body(found)) and not (
            set(found) & _EMPLOYER_WORDS):
        return len(found) > 1  # "their union": the Teachers' Federation, Local 12, the
        # Airline Pilots Association of Canada
    return len(found) > 1 and (noun in (head, head.removesuffix("s")) or (
        bool({head, found[0]} & _HEAD_WORDS.get(noun, set()))))  # "Air Canada"


def _trade_body(found: list[str]) -> bool:
    """A name's words gather the people of a trade in an association (``Airline Pilots
    Association``, ``Registered Nurses' Association``): a union by another name."""
    k = next((k for k, w in enumerate(found) if w in _GATHERING), 0)
    return k > 0 and any(w.endswith("s") and is_person_noun(w.rstrip("'").removesuffix("s"))
                         for w in found[:k])


_GATHERING = frozenset({"association", "alliance", "council", "society"})


# Head words a body's name uses for a description noun ("the airline": Northwind Air;
# "the utility": Newfoundland Power).
_HEAD_WORDS = {"airline": {"air", "airlines", "airways"},
               "carrier": {"air", "airlines", "airways"},
               "utility": {"power", "hydro", "electric", "energy"},
               "railway": {"rail", "railroad", "railways"},
               "insurer": {"insurance"}}


def _sort_of(noun: str) -> str | None:
    """``government`` or ``business`` for a description noun, else None."""
    return "government" if noun in _GOVERNMENT_NOUNS else (
        "business" if noun in _BUSINESS_NOUNS else None)


def _sort_of_name(name: str) -> str | None:
    """``government`` or ``business`` when the name's words mark one (``Ministry of
    Health``, ``Northgate Energy Corp.``; not a corporation named after its place, which
    may be either), ``union or media`` for a union or a newsroom
    (``Local 1204``, ``Global News``), ``institution`` for a university, a school, a
    hospital, a charity (``University of Guelph``), else None."""
    found = set(_name_words(name))
    if found & (_UNION_WORDS | _MEDIA_WORDS | {"union"}):
        return "union or media"  # "the company" is neither a union nor a newsroom
    if found & _INSTITUTION_WORDS and not found & _BUSINESS_WORDS:
        return "institution"  # nor a university, a hospital or a food bank
    if found & _BUSINESS_WORDS and not (found & _BUSINESS_WORDS <= {"corporation"} and (
            place_body(name))):  # "Canada Mortgage and Housing Corporation": a public
        return "business"  # corporation named after its place is a company or an agency
    return "government" if found & _GOVERNMENT_WORDS or place_body(name) else None


# Words of a federation of employers, not of workers ("Canadian Federation of
# Independent Business" is no union).
_EMPLOYER_WORDS = frozenset({"business", "businesses", "employers", "industry",
                             "manufacturers", "taxpayers", "chambers", "commerce"})
# Words that name a union without the word "union": a local, a federation, a guild, the
# workers it gathers ("United Warehouse and Food Workers").
_UNION_WORDS = frozenset({"local", "federation", "guild", "brotherhood", "syndicate",
                          "workers", "steelworkers", "teamsters", "machinists"})
# Descriptions of a newsroom (``state broadcaster CCTV``): no company or agency meant.
_NEWSROOMS = frozenset({"broadcaster", "newspaper", "outlet", "network", "news"})
# Words that name a news organisation.
_MEDIA_WORDS = frozenset({"news", "press", "times", "post", "journal", "herald", "gazette",
                          "tribune", "broadcasting", "television", "radio", "tv"})
# Words that name a public or charitable institution, neither a company nor a government.
_INSTITUTION_WORDS = frozenset({"university", "college", "school", "institute", "hospital",
                                "foundation", "museum", "charity", "centre", "center"})
# Kinds of body that a place-and-portfolio name (``Health Canada``) may be.
_PORTFOLIO_KINDS = frozenset({"ministry", "department", "agency"})


def _bears(name: str, kind: str) -> bool:
    """``name`` holds the word ``kind`` (``Health Ministry``), is a run of initials
    (``EPA``), which may stand for any kind, or names a place and a portfolio
    (``Health Canada``: a ministry, a department or an agency)."""
    words_ = _name_words(name)
    if kind == "union" and set(words_) & _UNION_WORDS and not set(words_) & _EMPLOYER_WORDS:
        return True  # "Capital Transit Workers Local 12", "... Teachers' Federation"
    return kind in words_ or (len(words_) == 1 and name.replace(".", "").isupper()) or (
        kind in _PORTFOLIO_KINDS and _sort_of_name(name) == "government" and place_body(name))


_YEARS_OLD = re.compile(r"(\d{1,3})\s*-\s*year\s*-\s*old")
_AGE_AFTER = re.compile(r",\s*(\d{1,3})\s*,")  # "Whitmore-Banks, 23, learned"
_AGE_BEFORE = re.compile(_YEARS_OLD.pattern + r"\s+(?:[a-z-]+\s+){0,3}$")  # "23-year-old"


def _age_at(text: str, m: Mention) -> str | None:
    """The age the text gives right after a mention (``, 23,``) or right before it
    (``23-year-old Tyrell ...``), if any."""
    found = _AGE_AFTER.match(text, m.end) or _AGE_BEFORE.search(text[max(0, m.start - 40):
                                                                      m.start])
    return found.group(1) if found else None


# Relatives who share a family name more often than not.
_KIN = frozenset({"husband", "wife", "son", "daughter", "brother", "sister", "father",
                  "mother", "parent", "child", "spouse", "partner"})


def _topic(ents: Sequence[Entity], kind: str = "person") -> int:
    """The person (or organisation) the article is about: named four times at least and
    at least twice as often as any other of its kind; -1 when there is none."""
    counts = sorted(((len(e.mentions), e.id) for e in ents if e.kind == kind),
                    reverse=True)
    if not counts or counts[0][0] < 4 or (len(counts) > 1 and counts[0][0] < 2 * counts[1][0]):
        return -1
    return counts[0][1]


def _by_word(ents: Sequence[Entity]) -> dict[int, Entity]:
    """Word index -> the entity whose named mention holds that word."""
    return {k: e for e in ents for m in e.mentions for k in range(m.first, m.last + 1)}


def _pronoun_genders(tree: Tree, ents: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """A person of unknown gender takes the gender of ``he``/``she`` (``his``/``her``)
    in the clause their own speech verb reports, when no other person is named before
    it in the sentence (``nurse Jordan Mireault said many of her colleagues had left``);
    not of a pronoun under a preposition (``found no sign of him``), most often the
    one the story is about, nor of one after a person noun in that clause (``by a man
    walking his dog``); read twice, once as the next sentence's opening subject, and
    never otherwise, over the gender its first name usually has (``Harjit Bassi-Mendes
    ... said that her office ... . She called``)."""
    by_word = _by_word(ents)
    found: dict[int, list[str]] = {}
    for t in tree.tokens:
        gender = PERSONAL.get(t.text.lower())
        if gender is None or t.rel in ("obl", "nmod") and t.deprel != "nmod:poss":
            continue
        people = {by_word[w.i].id for w in tree.doc.sentences[t.sent].tokens
                  if w.i < t.i and w.i in by_word and by_word[w.i].kind == "person"}
        if len(people) != 1:
            continue
        verb = next((v for v in _governors(tree, t)[1:]  # inside the reported clause
                     if speech_verb(v.lemma) is not None), None)
        if verb is not None and any(is_person_noun(w.lemma.lower()) and w.upos == "NOUN"
                                    for w in tree.tokens[verb.i + 1:t.i]):
            continue  # "... by a man walking his dog": a nearer person noun owns it
        subjects = [] if verb is None else tree.children(verb.i, "nsubj")
        named = {by_word[w.i].id for c in subjects for w in [c, *tree.children(
            c.i, "flat", "appos", "compound", "nmod")] if w.i in by_word}
        if named == people:
            found.setdefault(next(iter(people)), []).append(gender)
    opened: set[int] = set()
    for person, gender in _next_subject_genders(tree, by_word):
        found.setdefault(person, []).append(gender)
        opened.add(person)
    said = {p: g[0] for p, g in found.items() if len(set(g)) == 1}  # one gender only
    firm = {p for p in said if p in opened and len(found[p]) > 1}  # over a first name's
    return tuple(replace(e, gender=said[e.id]) if e.kind == "person" and e.id in said and (
        e.gender is None or e.id in firm) else e for e in ents)


def _next_subject_genders(tree: Tree, by_word: dict[int, Entity]) -> list[tuple[int, str]]:
    """``Mairi MacKinnon, the Cape Breton fiddler, has died. She was 88.``: the one
    person named in a sentence whose subject they are, when the next sentence of the
    paragraph opens with ``he`` or ``she`` as its subject."""
    out = []
    sents = tree.doc.sentences
    for k, sent in enumerate(sents[:-1]):
        nxt = sents[k + 1]
        opener = nxt.tokens[0] if nxt.tokens else None
        gender = PERSONAL.get(opener.text.lower()) if opener is not None else None
        if gender is None or opener is None or opener.rel != "nsubj" or nxt.para != sent.para:
            continue
        people = {by_word[t.i].id for t in sent.tokens
                  if t.i in by_word and by_word[t.i].kind == "person"}
        subjects = {by_word[t.i].id for t in sent.tokens if t.i in by_word and (
            t.rel == "nsubj")}
        if len(people) == 1 and people == subjects:
            out.append((next(iter(people)), gender))
    return out


def _governors(tree: Tree, head: Token, depth: int = 3) -> list[Token]:
    """The verbs governing ``head``'s clause, nearest first (at most ``depth``)."""
    out: list[Token] = []
    node = head
    while node.head >= 0 and len(out) < depth:
        node = tree.tokens[node.head]
        if node.upos in ("VERB", "AUX"):
            out.append(node)
    return out


def _mention_head(tree: Tree, m: Mention) -> int:
    """The word of a mention whose governor lies outside it."""
    for k in range(m.first, m.last + 1):
        h = tree.tokens[k].head
        if not m.first <= h <= m.last:
            return k
    return m.last


def _role_word(word: str) -> list[str]:
    """A word before a name as a role: ``Dr.`` is a doctor, ``Gov.`` a governor (the
    abbreviated titles, spelt out too); other honorifics (``Ms.``, ``Mr.``) are none."""
    bare_word = word.rstrip(".")
    if bare_word == "dr":
        return ["doctor"]
    if word.endswith(".") and bare_word in _ABBREVIATED:
        return [word, _ABBREVIATED[bare_word]]
    return [] if bare_word in HONORIFICS else [word]


# Titles written abbreviated before a name, and the role each spells.
_ABBREVIATED = {"gov": "governor", "sen": "senator", "rep": "representative",
                "coun": "councillor", "cllr": "councillor", "prof": "professor",
                "capt": "captain", "lt": "lieutenant", "gen": "general", "col": "colonel",
                "sgt": "sergeant", "cpl": "corporal", "const": "constable", "det": "detective",
                "insp": "inspector", "supt": "superintendent", "atty": "attorney",
                "pres": "president", "maj": "major", "adm": "admiral"}


def _party_affix(toks: Sequence[Token], last: int) -> list[str]:
    """``Sen. Ruth Abernathy-Cole, R-Ohio,``: the party and the state after a name."""
    k = last + 1
    if k + 3 >= len(toks) or toks[k].text != "," or toks[k + 2].text not in _HYPHENS:
        return []
    party = _PARTY_LETTERS.get(toks[k + 1].text.lower())
    state = toks[k + 3].text.lower().rstrip(".")
    return [party, state, *_STATES.get(state, "").split()] if party else []


# AP-style and postal abbreviations of US states ("D-Minn." is the Minnesota Democrat).
_STATES = {k: v.replace("_", " ") for k, v in (pair.split("=") for pair in (
    "ala=alabama al=alabama ariz=arizona az=arizona ark=arkansas ar=arkansas "
    "calif=california ca=california colo=colorado co=colorado conn=connecticut "
    "ct=connecticut del=delaware de=delaware fla=florida fl=florida ga=georgia "
    "ill=illinois il=illinois ind=indiana in=indiana kan=kansas ks=kansas ky=kentucky "
    "la=louisiana md=maryland mass=massachusetts ma=massachusetts mich=michigan "
    "mi=michigan minn=minnesota mn=minnesota miss=mississippi ms=mississippi "
    "mo=missouri mont=montana mt=montana neb=nebraska ne=nebraska nev=nevada nv=nevada "
    "okla=oklahoma ok=oklahoma ore=oregon or=oregon pa=pennsylvania tenn=tennessee "
    "tn=tennessee vt=vermont va=virginia wash=washington wa=washington wis=wisconsin "
    "wi=wisconsin wyo=wyoming wy=wyoming ia=iowa tx=texas ut=utah id=idaho me=maine "
    "nh=new_hampshire n.h=new_hampshire nj=new_jersey n.j=new_jersey nm=new_mexico "
    "n.m=new_mexico ny=new_york n.y=new_york nc=north_carolina n.c=north_carolina "
    "nd=north_dakota n.d=north_dakota sc=south_carolina s.c=south_carolina "
    "sd=south_dakota s.d=south_dakota ri=rhode_island r.i=rhode_island "
    "wv=west_virginia w.va=west_virginia").split())}


def _roles(tree: Tree, e: Entity, skip: frozenset[int] = frozenset()) -> str:
    """Lower-cased words describing a person: titles and role nouns before a mention
    and common-noun appositives (``Yury Ushakov, a Kremlin adviser``, ``Foreign
    Minister Sergei Lavrov``, ``head coach Jean-Sébastien Nault``); words at the
    indices ``skip`` left out."""
    out: list[str] = []
    toks = tree.tokens
    for m in e.mentions:
        k = m.first - 1
        while k >= 0 and toks[k].sent == m.sent and toks[k].upos in ("PROPN", "NOUN", "ADJ") \
                and (toks[k].text[:1].isupper() or toks[k].text in words("person_nouns") or (
                    toks[k].upos == "NOUN" and toks[k + 1].text.lower() in words(
                        "person_nouns"))):  # "communications
            out += _role_word(toks[k].text.lower()) if k not in skip else []
            k -= 1  # director X"
        out += _party_affix(toks, m.last)
        head = _mention_head(tree, m)
        for a in tree.children(head, "appos"):
            if a.upos == "NOUN" and not any(d.text.lower() == "no" for d in tree.children(
                    a.i, "det")):  # "Denise Lavoie — no relation to the chair —"
                clauses = [c.i for c in tree.children(a.i, *_CLAUSES)] + [
                    c.i for c in tree.children(a.i, "nmod:poss") if c.text.islower()]
                out += [t.text.lower() for t in tree.subtree(a.i, skip=clauses)
                        if t.i not in skip]  # not "the minister's" secretary: another's
        gov = toks[head].head
        if toks[head].rel == "appos" and gov >= 0 and toks[gov].upos == "NOUN":
            out += [t.text.lower() for t in tree.subtree(gov, skip=[head]) if t.i not in skip]
    return " ".join(out)
