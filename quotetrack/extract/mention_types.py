"""Document-level repairs of what the NER model typed, over all of an article's mentions.

``repair_types(doc, found, typed)`` applies, in order, rules that use the whole
article as evidence: a surname used alone makes a person, initials or a place and a
portfolio make an organisation, a lone word under a place preposition is a place, a
copy of a name typed otherwise takes the type of its other mentions, and the
lexicon's reading of a proper-noun run replaces shorter tagged mentions inside it.
Each rule is a pure function ``list[Mention] -> list[Mention]`` with its reason in
its docstring.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from quotetrack.extract.acronyms import _defined_acronyms
from quotetrack.extract.mentions import Mention
from quotetrack.extract.name_runs import (
    HONORIFICS,
    PARTICLES,
    POSSESSIVES,
    _capitals,
    _given,
    _hyphenated,
    _place_case,
    _plain_name_word,
    _surface,
    _title_word,
    heads_organisation,
    is_dateline,
    is_legal_form,
    name_words,
    title_case,
)
from quotetrack.extract.places import is_place, place_body
from quotetrack.lexicon import first_name_gender, is_given_name, is_person_noun, singulars, words
from quotetrack.records import ParsedDoc, Token


def _surname_tails(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """Persons named at the end of longer mentions, by the people the article names in
    full: ``_person_at_end`` for organisation or place mentions (not one that starts a
    longer body's name: ``Northern Borders Rail`` of ``Northern Borders Rail Ltd``),
    ``_surname_only`` for person mentions."""
    full = {tuple(name_words(m.text)) for m in found if m.type == "PER"}
    people = {k for k in full if len(k) > 1 and any(_given(w) for w in k[:-1])}
    surnames = {k[-1] for k in full}
    alone = _alone(doc, found)
    bodies = {m.text for m in found if m.type == "ORG"}
    return [_surname_only(doc, m, people) if m.type == "PER" else m if any(
        b.startswith(m.text + " ") for b in bodies) else _person_at_end(
        doc, m, surnames, alone) for m in found]


def _alone(doc: ParsedDoc, found: list[Mention]) -> set[str]:
    """Proper nouns the article also uses alone, as one-word mentions or outside every
    mention between lower-case words (``In July, Gingrich cynically dismissed``), not
    after ``the`` nor in the plural (a person's surname takes neither): surnames too."""
    inside = {k for m in found for k in range(m.first, m.last + 1) if m.first < m.last}
    toks = doc.tokens
    return {t.text for t in toks if t.upos == "PROPN" and t.i not in inside and 0 < t.i < len(
        toks) - 1 and not toks[t.i - 1].text[:1].isupper() and not toks[t.i + 1].text[
        :1].isupper() and t.i > doc.sentences[t.sent].first and (
        toks[t.i - 1].text.lower() != "the") and t.xpos != "NNPS"}  # "the Harvesters lost",
    # "a 1989 Harvesters jacket": a team, no surname


def _person_at_end(doc: ParsedDoc, m: Mention, surnames: set[str], alone: set[str]
                   ) -> Mention:
    """An organisation or place mention ending in given names and a surname the article
    names as a person, or uses alone, is that person (``the House Newt Gingrich's``;
    an unknown given name too when four words or more run together: ``University of
    Texas Arlington Amneh Jafari``, or when the surname stands alone elsewhere); an
    organisation's head word is no surname (``Climate Action Network``), nor a plural
    noun for people (``United Warehouse and Food Workers``), nor is what follows its
    ``of`` a person (``Regional District of North Okanagan``)."""
    words_ = m.text.split()
    if len(words_) <= 2 or words_[-1] not in surnames | alone or (
            len(words_) != m.last - m.first + 1) or (  # one token a word
            words_[-1].lower() in words("organizations")) or (  # "Climate Action Network",
            _plural_person_noun(words_[-1])):  # "... Food Workers"
        return m  # "Network spokesperson ...": a body's head word alone is no surname
    given = 0
    while given < len(words_) - 2 and is_given_name(words_[-2 - given]):
        given += 1
    if not given and _plain_name_word(words_[-2]) and (
            len(words_) > 3 or words_[-1] in alone):
        given = 1
    if not given or words_[-2 - given].lower() == "of":
        return m  # "Regional District of North Okanagan": the body's place, no person
    toks = list(doc.tokens[m.last - given:m.last + 1])
    return Mention(toks[0].i, m.last, toks[0].start, m.end, _surface(doc, toks), "PER",
                   m.sent)


def _surname_only(doc: ParsedDoc, m: Mention, people: set[tuple[str, ...]]) -> Mention:
    """A person mention ending in the surname of someone the article names in full is
    that surname when no other word of it can be a given name or initial and it is no
    ordinary two-word name (it opens its sentence, or has three words or more:
    ``Meanwhile Trump``, ``the Washington Post Trump``; not ``Hana Matsumoto-Reyes``,
    a given name the lexicon lacks, nor a sentence's first word that the tagger and the
    NER model read as a name's first: ``Mairi MacKinnon`` beside ``Iain MacKinnon``);
    the surname keeps the particles before it (``Van der Berg``)."""
    key = tuple(name_words(m.text))
    first = doc.tokens[m.first]
    if len(key) < 2 or not any(k != key and k[-1] == key[-1] for k in people) or any(
            _given(w) for w in key[:-1]) or (
            len(key) == 2 and m.first != doc.sentences[m.sent].first) or (
            len(key) == 2 and first.upos == "PROPN" and first.ner == "B-PER"):
        return m  # "Mairi MacKinnon" opening its sentence: tagged a name's first word
    t = doc.tokens[_hyphenated(doc, m.last)[0]]  # "Matsumoto-Reyes" whole
    while t.i > m.first and doc.tokens[t.i - 1].text.lower() in PARTICLES:
        t = doc.tokens[t.i - 1]  # "Van der Berg": the surname keeps its particles
    if t.i == m.first:
        return m
    return Mention(t.i, m.last, t.start, m.end, _surface(doc, list(doc.tokens[t.i:m.last + 1])),
                   "PER", m.sent)


def _shared_surnames(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """``Doug and Marlene Fitzgerald``: a given name alone right before ``and`` and a
    person's given name and surname shares that surname (a couple, siblings); the
    mention keeps its words, its name is the full one."""
    out = list(found)
    for k, m in enumerate(found[:-1]):
        nxt = found[k + 1]
        words_ = nxt.text.split(maxsplit=1)
        if m.type == "PER" and m.first == m.last and is_given_name(m.text) and (
                nxt.type == "PER" and nxt.first == m.last + 2 and len(words_) == 2) and (
                doc.tokens[m.last + 1].text == "and" and is_given_name(words_[0])):
            out[k] = replace(m, text=f"{m.text} {words_[1]}")
    return out


def _conjoined_people(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A mention ``X and Y`` typed otherwise whose two sides are the surnames of people
    the article names in full is those two people (``Redfern and Vogt both said``)."""
    surnames = {m.text.split()[-1] for m in found if m.type == "PER" and len(
        m.text.split()) > 1}
    out = []
    for m in found:
        toks = list(doc.tokens[m.first:m.last + 1])
        cut = next((k for k, t in enumerate(toks) if t.text.lower() in ("and", "&")), -1)
        sides = [toks[:cut], toks[cut + 1:]] if m.type != "PER" and cut > 0 else []
        if sides and all(side and _surface(doc, side) in surnames for side in sides):
            out += [Mention(side[0].i, side[-1].i, side[0].start, side[-1].end,
                            _surface(doc, side), "PER", m.sent) for side in sides]
        else:
            out.append(m)
    return out


def _conjoined_bodies(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """An organisation mention ``X and Y`` whose two sides the article also names on
    their own (``Borealis Air and Tidewater Airlines`` beside ``Borealis`` and
    ``Tidewater``) is those two bodies."""
    alone = {m.text.split()[0] for m in found if m.type == "ORG" and " and " not in m.text}
    out = []
    for m in found:
        toks = list(doc.tokens[m.first:m.last + 1])
        cut = next((k for k, t in enumerate(toks) if t.text.lower() in ("and", "&")), -1)
        sides = [toks[:cut], toks[cut + 1:]] if m.type == "ORG" and cut > 0 else []
        if sides and all(side and side[0].text in alone for side in sides):
            out += [Mention(side[0].i, side[-1].i, side[0].start, side[-1].end,
                            _surface(doc, side), "ORG", m.sent) for side in sides]
        else:
            out.append(m)
    return out


def _definite_names(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A person's name takes no article: a name typed a person right after ``the`` is
    an organisation (``the Hamilton Forge sent their captain``), and so is the last
    word of such a name (``the Saskatoon Blizzard``) alone where the article never uses
    it as a person's surname."""
    def definite(m: Mention, kinds: tuple[str, ...] = ("PER",)) -> bool:
        return m.type in kinds and m.first > 0 and len(m.text.split()) > 1 and (
            doc.tokens[m.first - 1].text.lower() == "the")
    named = {m.text.split()[-1] for m in found if definite(m, ("PER", "ORG"))}
    surnames = {m.text.split()[-1] for m in found if m.type == "PER" and not definite(m)
                and len(m.text.split()) > 1}
    return [replace(m, type="ORG") if definite(m) or (
        m.type == "PER" and m.text in named - surnames) else m for m in found]


# Organisation nouns that name a person's own staff: "the mayor's office" keeps its
# possessive and speaks as "<the person>'s office", not as the person.
PERSONAL_UNITS = frozenset({"office"})


def _led_organisations(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A person's name compounded with an organisation noun, or owning one, names that
    organisation (``the Clinton campaign``, ``Donald Trump's presidential campaign`` ->
    ``Donald Trump campaign``; ``Mr. Trump's office`` -> ``Trump's office``), so that
    ``the campaign`` can refer to it later."""
    out = []
    for m in found:
        noun = _led_noun(doc, m) if m.type == "PER" else None
        if noun is not None:
            owner = _surface(doc, list(doc.tokens[m.first:m.last + 1]))
            text = f"{owner}'s {noun.text}" if noun.text in PERSONAL_UNITS else (
                f"{owner} {noun.text}")
            out.append(m)  # the person stays named ("Prime Minister Catherine Ashby's")
            m = Mention(noun.i, noun.i, noun.start, noun.end, text, "ORG", m.sent)
        out.append(m)
    return out


def _led_noun(doc: ParsedDoc, m: Mention) -> Token | None:
    """The lower-case organisation noun a person's name modifies (``Clinton campaign``,
    ``Trump's presidential campaign``), adjectives between allowed."""
    inside = range(m.first, m.last + 1)
    gov = next((doc.tokens[k].head for k in inside if doc.tokens[k].head not in inside), -1)
    if gov <= m.last:
        return None
    noun = doc.tokens[gov]
    between = doc.tokens[m.last + 1:gov]
    if noun.sent != m.sent or not (noun.text.islower() and noun.text in words("organizations")):
        return None
    if all(t.upos == "ADJ" or (t.upos == "PART" and t.text in POSSESSIVES) for t in between):
        return noun
    return None


def _without_place_words(doc: ParsedDoc, found: list[Mention], typed: list[Mention]
                         ) -> list[Mention]:
    """A person's name of three or more words loses the leading words the article uses
    in its place and organisation names (``Ambassador to the United States Hamdullah
    Mohib`` -> ``Hamdullah Mohib``), keeping two words (``Julien Ashworth-Baptiste``
    is two, whatever its tokens) and a known given name that opens it (``Ana Lúcia
    Ramos`` beside a banner reading ``Força Ana``)."""
    places = {w for m in [*found, *typed] if m.type in ("LOC", "ORG")
              for w in m.text.split()}
    out = []
    for m in found:
        k = m.first
        while m.type == "PER" and len(m.text[doc.tokens[k].start - m.start:].split()) > 2 \
                and doc.tokens[k].text in places and not (
                    k == m.first and first_name_gender(doc.tokens[k].text) is not None):
            k += 1  # (a known given name opening the name stays: "Ana Lúcia Ramos")
        toks = list(doc.tokens[k:m.last + 1])
        out.append(m if k == m.first else Mention(
            k, m.last, toks[0].start, m.end, _surface(doc, toks), m.type, m.sent))
    return out


def _retyped_surnames(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word mention the model typed otherwise that is the surname of a person
    named in full is that person: a transcript label in capitals (``PENCE:`` for ``Mike
    Pence``), a place reading (``Cruz said``) unless a place preposition governs it
    (``in Washington``), or an organisation reading that names no body (``Figueroa
    told USA Today``, ``painted Romney as``; not ``the Romney campaign``)."""
    surnames = {m.text.split()[-1].lower() for m in found
                if m.type == "PER" and len(m.text.split()) > 1}
    out = []
    for m in found:
        if len(m.text.split()) == 1 and m.type != "PER" and m.text.lower() in surnames and (
                (m.text.isupper() and len(m.text) > 2) or (
                    m.type == "LOC" and not _place_case(doc, m.first)) or (
                    m.type == "ORG" and not heads_organisation(doc, m.last)
                    and not is_place(m.text))):
            m = replace(m, type="PER")
        out.append(m)
    return out


def _acronym_people(found: list[Mention]) -> list[Mention]:
    """A person mention holding a word in capitals that is no surname of a person the
    article names in ordinary case (``Alberta RCMP``; not the transcript label
    ``PENCE`` of ``Mike Pence``) is an organisation: people are not named by initials."""
    surnames = {m.text.split()[-1].lower() for m in found if m.type == "PER"
                and len(m.text.split()) > 1 and not any(_capitals(w) for w in m.text.split())}
    return [replace(m, type="ORG") if m.type == "PER" and any(
        _capitals(w) and w.lower() not in surnames for w in m.text.split()) else m
        for m in found]


def _place_bodies(found: list[Mention]) -> list[Mention]:
    """A place or person mention named by a place and a portfolio (``Health Canada``,
    ``Manitoba Health``: ``place_body``) is an organisation; a person's only when the
    article never uses its last word alone (``Barris`` for ``Kenya Barris``)."""
    alone = {m.text.lower() for m in found if len(m.text.split()) == 1}
    return [replace(m, type="ORG") if m.type in ("LOC", "PER") and place_body(m.text) and (
        m.type == "LOC" or m.text.split()[-1].lower() not in alone) else m for m in found]


def company_of(short: str, long: str) -> bool:
    """``Cabot Ridge`` for ``Cabot Ridge Minerals Inc.``: a name of two words or more
    that the longer one extends only by organisation words."""
    rest = [w.lower().rstrip(".,") for w in (
        long[len(short):].split() if long.startswith(short + " ") else [])]
    return len(short.split()) > 1 and bool(rest) and (all(w in _COMPANY_WORDS for w in rest) or (
        len(rest) <= 3 and is_legal_form(rest[-1])))  # "Golden Meridian Shipping Ltd."


# What a company's full name adds to its short one: a legal form or its industry (or a
# sports club's designator).
_COMPANY_WORDS = frozenset({"inc", "corp", "corporation", "co", "ltd", "limited", "llc",
                            "plc", "group", "holdings", "company", "minerals", "mining",
                            "energy", "resources", "contracting", "construction",
                            "consulting", "engineering", "logistics", "securities",
                            "pharmaceuticals", "technologies", "industries",
                            "fc", "sc", "cf", "afc", "club"})  # "Fraser Valley FC"


def retyped_leaders(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word person or place mention that is the leading word of an organisation
    the article names in full (``Halden`` for ``Halden Pharmaceuticals``), or the
    words of its name before a legal form or industry (``Cabot Ridge``), is that
    organisation, unless a person's surname, governed by a place preposition (``in
    Toronto``, not the ``Toronto Stock Exchange``) or the place of the article's
    dateline (``HAMILTON —`` ... ``Hamilton police``)."""
    orgs = [m.text for m in found if m.type == "ORG" and len(m.text.split()) > 1]
    sited = {m.text.title() for m in found if m.type == "LOC" and (
        m.text.isupper())}  # "HAMILTON —": the dateline's place
    leaders = {o.split()[0] for o in orgs} - sited
    surnames = {m.text.split()[-1] for m in found if m.type == "PER" and len(m.text.split()) > 1}
    return [replace(m, type="ORG") if m.type in ("PER", "LOC") and (
        m.first == m.last and m.text in leaders - surnames or m.first < m.last and any(
            company_of(m.text, o) for o in orgs)) and not _place_case(doc, m.first) else m
        for m in found]


def _shared_heads(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """An organisation name whose head word ends it takes the title-case words joined
    to it by ``and`` that have no head of their own (``United States Citizenship and
    Immigration Services``, ``Fisheries and Oceans Canada``), not a whole name
    (``the RCMP and Canada Border Services Agency``)."""
    toks = doc.tokens
    orgs = words("organizations")
    by_word = {k: m for m in found for k in range(m.first, m.last + 1)}
    out: list[Mention] = []
    for m in found:
        last = toks[m.last].text.lower()
        last = last if last in orgs else last.removesuffix("s")  # "Services"
        k = m.first - 2
        if m.type != "ORG" or k < 0 or toks[m.first - 1].text != "and" or not (
                last in orgs or place_body(m.text)):
            out.append(m)
            continue
        lo = k
        while lo >= 0 and toks[lo].sent == toks[m.first].sent and _title_word(toks[lo]):
            lo -= 1
        left = by_word.get(k)
        whole = left is not None and (toks[left.last].text.lower() in orgs or _capitals(
            toks[left.last].text) or left.type != "ORG" or is_place(toks[k].text))
        if lo == k or whole:
            out.append(m)
            continue
        run = list(toks[lo + 1:m.last + 1])
        out = [x for x in out if x.last < lo + 1]
        out.append(Mention(run[0].i, run[-1].i, run[0].start, run[-1].end,
                           _surface(doc, run), "ORG", run[0].sent))
    return out


def _place_pairs(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """An organisation named after two places joined by ``and`` takes the first
    (``Newfoundland and Labrador Home Care Providers Association``, the model having
    cut it after ``and``)."""
    toks = doc.tokens
    out: list[Mention] = []
    for m in found:
        k = m.first - 2
        if m.type == "ORG" and k >= 0 and toks[m.first - 1].text == "and" and is_place(
                toks[m.first].text) and is_place(toks[k].text) and toks[k].text[:1].isupper() \
                and toks[k].sent == m.sent:
            out = [x for x in out if x.last < k]
            run = list(toks[k:m.last + 1])
            m = Mention(k, m.last, run[0].start, run[-1].end, _surface(doc, run), "ORG", m.sent)
        out.append(m)
    return out


def _described_people(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name set off by commas in apposition with a person noun (``His wife, Wai-Ling
    Tsang,``; ``Wai-Ling Tsang, a nurse,``) is a person's, whatever the model typed (not
    a bracketed one: ``the secretary general of CEI (Italian Episcopal Conference)``)."""
    return [replace(m, type="PER") if m.type in ("ORG", "LOC") and doc.tokens[
        m.last].text.lower() not in words("organizations") and described_person(
        doc, m.first, m.last) else m for m in found]


def described_person(doc: ParsedDoc, first: int, last: int) -> bool:
    """Words ``first`` to ``last`` are a name in apposition with a person noun, set off
    by a comma (``His wife, Wai-Ling Tsang``; ``Zhang Xiaowen, a spokesperson for``), or
    right after one (``Lead technician Ji-woo Park-Halcrow``)."""
    nouns = words("person_nouns")
    inside = range(first, last + 1)
    head = next((doc.tokens[k] for k in inside if doc.tokens[k].head not in inside), None)
    if head is None or head.head < 0:
        return False
    gov = doc.tokens[head.head]
    kids = [t for t in doc.sentences[head.sent].tokens if t.head == head.i
            and t.deprel == "appos"]
    comma = first > 0 and doc.tokens[first - 1].text == ","
    return (comma and head.deprel == "appos" and gov.upos == "NOUN" and (
        gov.lemma.lower() in nouns)) or any(
        k.upos == "NOUN" and k.lemma.lower() in nouns and k.i > last
        and last + 1 < len(doc.tokens) and doc.tokens[last + 1].text == "," for k in kids
    ) or _titled(doc, first, head)


def described_body(doc: ParsedDoc, first: int, last: int) -> bool:
    """Words ``first`` to ``last`` are a name set off by a comma in apposition with a
    lower-case organisation noun that is no person noun, the comma all between them
    (``the company, Medisur Global,``; ``Medisur Global, a company based in Murcia``)."""
    inside = range(first, last + 1)
    head = next((doc.tokens[k] for k in inside if doc.tokens[k].head not in inside), None)
    if head is None or head.head < 0:
        return False

    def body_noun(t: Token) -> bool:
        return t.upos == "NOUN" and t.text.islower() and t.lemma.lower() in words(
            "organizations") and not is_person_noun(t.lemma)

    kids = [t for t in doc.sentences[head.sent].tokens if t.head == head.i
            and t.deprel == "appos" and t.i > last]
    comma_before = first > 0 and doc.tokens[first - 1].text == ","
    comma_after = last + 1 < len(doc.tokens) and doc.tokens[last + 1].text == ","
    return (comma_before and head.deprel == "appos" and head.head == first - 2 and body_noun(
        doc.tokens[head.head])) or (comma_after and bool(kids) and body_noun(kids[0]) and (
            _under(doc, last + 2, kids[0])))  # its first appositive, right after the
    # comma: not "Paul Dressler, the lawyer for the ... Association, a trade group"


def _under(doc: ParsedDoc, k: int, head: Token) -> bool:
    """Word ``k`` lies in the phrase ``head`` heads (``head`` is up its chain of heads)."""
    t = doc.tokens[k] if k < len(doc.tokens) else None
    while t is not None and t.sent == head.sent:
        if t.i == head.i:
            return True
        t = doc.tokens[t.head] if t.head >= 0 else None
    return False


def _described_bodies(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name right after a lower-case organisation noun (``from developer Larchmont
    Residential``, ``the consulting firm Assiniboia Bridge Engineering``) is an
    organisation's, whatever the model typed (not a person's given and family name:
    ``broadcaster Anne Smith``)."""
    out = []
    for m in found:
        before = doc.tokens[m.first - 1] if m.first > 0 else None
        if m.type in ("PER", "LOC") and before is not None and (
                before.upos == "NOUN" and before.text.islower()
                and before.lemma.lower() in words("organizations")
                and not is_person_noun(before.lemma) and before.sent == m.sent
                and before.end < doc.tokens[m.first].start
                and not is_given_name(doc.tokens[m.first].text)):
            m = replace(m, type="ORG")
        elif m.type in ("PER", "LOC") and described_body(doc, m.first, m.last) and not (
                is_given_name(doc.tokens[m.first].text)):
            m = replace(m, type="ORG")  # "the company, Medisur Global,"
        out.append(m)
    return out


def _bodies_throughout(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word name typed a person that is some body's name in one place (typed an
    organisation there, or before ``, which``: ``Nuvio, which says ...``) is that
    body's name everywhere, unless a title, an honorific or a longer person's name
    carries it (a body takes ``which``; a person, ``who``)."""
    def alone(m: Mention) -> bool:
        return m.first == m.last and not is_given_name(m.text)

    full = {w for m in found if m.type == "PER" and m.first != m.last for w in m.text.split()}
    titled = {m.text for m in found if m.first > 0 and doc.tokens[m.first - 1].text.lower(
        ).rstrip(".") in (HONORIFICS | words("titles"))}
    bodies = {m.text for m in found if alone(m) and (m.type == "ORG" or _which_after(
        doc, m.last))} - full - titled
    return [replace(m, type="ORG") if m.type == "PER" and alone(m) and m.text in bodies
            else m for m in found]


def _which_after(doc: ParsedDoc, last: int) -> bool:
    """Word ``last`` is followed by a comma and ``which`` (a relative clause on it)."""
    after = doc.tokens[last + 1:last + 3]
    return len(after) == 2 and after[0].text == "," and after[1].text.lower() == "which"


def _titled(doc: ParsedDoc, first: int, head: Token) -> bool:
    """``Lead technician Ji-woo Park-Halcrow said``: a name starting at word ``first``
    right after a person noun whose appositive (or head) it is names that person."""
    if first == 0:
        return False
    before = doc.tokens[first - 1]
    return before.upos == "NOUN" and before.text.islower() and (
        before.lemma.lower() in words("person_nouns")) and before.sent == head.sent and (
        head.head == before.i and head.deprel in ("appos", "flat", "compound")
        or before.head == head.i)


def _datelines(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name in capitals that opens its paragraph before a comma, a dash or a
    bracket (``SUDBURY, Ont. --``, ``CALGARY --``) is a dateline: a place."""
    return [replace(m, type="LOC") if is_dateline(doc.tokens, m.first, m.last) else m
            for m in found]


def _acting_places(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name of two words or more typed a place, outside the places lexicon, that the
    article never puts after a place preposition and makes a clause's subject, or
    that the model also typed an organisation, is an organisation everywhere
    (``Wells Fargo said``, ``Wells Fargo fired 5,300 employees``)."""
    by_name: dict[str, list[Mention]] = {}
    for m in found:
        by_name.setdefault(m.text, []).append(m)
    acting = {name for name, ms in by_name.items() if len(name.split()) > 1 and any(
        m.type == "LOC" for m in ms) and not any(_located(doc, m) for m in ms) and any(
        _is_subject(doc, m) or m.type == "ORG" for m in ms) and not any(
        is_place(w) or w in PARTICLES for w in name.split())}  # "De la Garza said": a
    return [replace(m, type="ORG") if m.text in acting else m for m in found]  # person


_LOCATIVES = frozenset({"in", "at", "near", "across", "throughout", "into", "outside"})


def _located(doc: ParsedDoc, m: Mention) -> bool:
    """The mention's head word is governed by a locative preposition (``in Red Deer``)."""
    head = next((k for k in range(m.first, m.last + 1)
                 if not m.first <= doc.tokens[k].head <= m.last), m.last)
    return any(t.head == head and t.text.lower() in _LOCATIVES
               for t in doc.tokens[max(0, m.first - 3):m.first])


_STORMS = frozenset({"hurricane", "cyclone", "typhoon", "storm", "tropical", "superstorm"})


def _storms(found: list[Mention]) -> list[Mention]:
    """A storm named like a person (``Cyclone Phailin``, ``Hurricane Ian``) is no
    person: typed a place, so that ``it`` may refer to it and it never speaks as one."""
    return [replace(m, type="LOC") if m.type == "PER" and len(m.text.split()) > 1 and (
        m.text.split()[0].lower() in _STORMS) else m for m in found]


def _plural_person_noun(word: str) -> bool:
    """``word`` is a plural noun for people (``Workers``, ``Nurses``), whatever its case."""
    low = word.lower()
    return bool((singulars(low) - {low}) & words("person_nouns"))


def _plural_people(found: list[Mention]) -> list[Mention]:
    """A person mention holding a plural person noun (``Athabasca Energy Workers``,
    ``Prairie Nurses``) names a body of people: an organisation."""
    return [replace(m, type="ORG") if m.type == "PER" and any(
        _plural_person_noun(w) for w in m.text.split()[1:]) else m for m in found]


def full_surnames(found: list[Mention]) -> set[str]:
    """The last words of the person mentions of two words or more: the surnames of the
    people the article names in full."""
    return {m.text.split()[-1] for m in found if m.type == "PER" and " " in m.text}


def _families(found: list[Mention]) -> list[Mention]:
    """A one-word mention that is the plural of the surname of someone the article
    names in full (``the Desrocherses``) names that family, not a body or a place: it
    is left to coreference, which finds the people of the surname."""
    surnames = full_surnames(found)
    return [m for m in found if " " in m.text or m.type == "PER" or not any(
        m.text in (s + "s", s + "es") for s in surnames)]


def _placed_singletons(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word person name that the article never gives in full, never titles and
    never makes a subject, and that a place preposition governs somewhere (``near
    Canmore``, ``a post on Facebook``), that the lexicon knows as a place
    (``Ontario's``) or that the model typed a place elsewhere (a given name too:
    ``Regina``), is a place: news names a person in full first."""
    full = {w.lower() for m in found if m.type == "PER" and len(m.text.split()) > 1
            for w in m.text.split()}
    sited = {m.text.lower() for m in found if m.type == "LOC"}
    lone = [m for m in found if m.type == "PER" and m.first == m.last
            and m.text.lower() not in full and (not is_given_name(m.text) or (
                m.text.lower() in sited))]  # "a Regina hardware store" | "in Regina"
    placed = {m.text for m in lone if _place_case(doc, m.first, extra={"on"})
              or is_place(m.text) or m.text.lower() in sited}  # "Ontario's": the lexicon's
    kept = {m.text for m in lone if doc.tokens[m.first].rel == "nsubj" or (
        m.first > 0 and doc.tokens[m.first - 1].text.lower().rstrip(".") in (
            HONORIFICS | words("titles")))}
    return [replace(m, type="LOC") if m in lone and m.text in placed - kept else m
            for m in found]


def _opening_word_back(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name cut after the capitalised word that opens its sentence takes that word
    back when the article gives the longer name elsewhere (``Speed`` + ``Skating
    Canada said``, where ``According to Speed Skating Canada`` follows; ``Northern`` +
    ``Borders Rail``, where ``Northern Borders Rail Ltd`` is named)."""
    texts = {m.text for m in found}
    out = []
    for m in found:
        k = m.first - 1
        if k >= 0 and doc.tokens[k].sent == m.sent and (
                k == 0 or doc.tokens[k - 1].sent != m.sent) and doc.tokens[k].text.istitle(
                ) and _named_longer(f"{doc.tokens[k].text} {m.text}", texts):
            m = replace(m, first=k, start=doc.tokens[k].start,
                        text=f"{doc.tokens[k].text} {m.text}")
        out.append(m)
    return out


def _named_longer(name: str, texts: set[str]) -> bool:
    """``name`` is a mention's text, or the start of one (``Northern Borders Rail`` of
    ``Northern Borders Rail Ltd``)."""
    return name in texts or any(t.startswith(name + " ") for t in texts)


def _retyped_full_names(found: list[Mention]) -> list[Mention]:
    """A place or organisation mention of two or three title-case words whose last word
    the article uses alone as a person, more often than the mention itself, or as the
    surname of a person it names in full with a known given name (``Marnie
    Vandersloot``, wife of ``Pieter Vandersloot``), with no
    organisation word or place of the lexicon in it and given names before it (not
    initials), is that person's full name (``Devon Castellano`` typed a place, then
    ``Castellano`` four times)."""
    alone = Counter(m.text for m in found if m.type == "PER" and m.first == m.last)
    seen = Counter(m.text for m in found)
    kin = {m.text.split()[-1] for m in found if m.type == "PER" and len(m.text.split()) > 1
           and first_name_gender(m.text.split()[0]) is not None}  # "Pieter Vandersloot"
    orgs = words("organizations")
    placed = Counter(w for m in found if m.type == "LOC" for w in set(m.text.split()))
    out = []
    for m in found:
        parts = m.text.split()
        own = seen[m.text] if m.type == "LOC" else 0  # its own mentions aside
        named = all(w[:1].isupper() and w.lower() not in orgs and not is_place(w)
                    for w in parts) and all(len(w) > 1 and not w.isupper()
                                            for w in parts[:-1])  # not "T C Phailin"
        if m.type in ("LOC", "ORG") and 2 <= len(parts) <= 3 and named and (
                placed[parts[0]] <= own) and (alone[parts[-1]] > seen[m.text] or parts[-1] in kin):
            m = replace(m, type="PER")
        out.append(m)
    return out


def _prefer_longer_names(doc: ParsedDoc, found: list[Mention], typed: list[Mention]
                         ) -> list[Mention]:
    """A name the lexicon reads off a proper-noun run replaces the shorter NER mentions
    inside it: a person's (``Jessica Ditto`` over ``Ditto``) or an organisation's
    (``Commission on Presidential Debates`` over ``Debates``); a person's never swallows
    mentions the model tagged as different kinds, nor grows in a title-case headline
    (its capitals are style: ``Elizabeth Warren`` | ``Hammers Wells Fargo CEO``)."""
    out = list(found)
    for p in typed:
        if p.type == "PER" and (" of " in p.text or title_case(
                doc.sentences[doc.tokens[p.first].sent].tokens)):
            continue  # "Carla Benedetti of Guelph": a person and her town, not one name
        overlapping = [m for m in out if m.first <= p.last and p.first <= m.last]
        if p.type == "PER" and len({m.type for m in overlapping}) > 1:
            continue  # "Elizabeth Warren Hammers Wells Fargo CEO": a person and a company
        reach = 3 if p.type == "PER" else 0  # "Mayor Linda": a title inside NER's span
        if overlapping and all(p.first - reach <= m.first and m.last <= p.last and (
                (m.first, m.last) != (p.first, p.last) or m.type != p.type)
                for m in overlapping) and (p.type == "PER" or all(
                    m.last - m.first < p.last - p.first and not (
                        m.type == "PER" and m.last > m.first) for m in overlapping)):
            out = [m for m in out if m not in overlapping] + [p]
    return sorted(out, key=lambda m: m.first)


def _is_name(doc: ParsedDoc, m: Mention) -> bool:
    """Not a name: a mention of only calendar or title words (``Monday``,
    ``President``) or pronouns (``He's``), or one plural proper noun typed a person
    (``Democrats``)."""
    toks = doc.tokens[m.first:m.last + 1]
    lows = [t.text.lower().rstrip(".") for t in toks]
    if all(w in words("calendar") or w in words("titles") for w in lows) or all(
            t.upos == "PRON" or t.text in POSSESSIVES for t in toks):
        return False
    return not (m.type == "PER" and len(toks) == 1 and toks[0].xpos == "NNPS")


def _is_subject(doc: ParsedDoc, m: Mention) -> bool:
    """The mention's head word is a clause subject."""
    inside = range(m.first, m.last + 1)
    heads = [doc.tokens[k] for k in inside if doc.tokens[k].head not in inside]
    return any(t.deprel.startswith("nsubj") for t in heads)


# Words of a party's name that a person may be called by ("the Liberal MP", "the
# Republican from Ohio").
PARTY_WORDS = frozenset({"liberal", "conservative", "democrat", "republican", "tory",
                          "labour", "green", "socialist", "progressive", "independent"})


def _no_plural_nouns(found: list[Mention]) -> list[Mention]:
    """A one-word person mention that is a plural noun for people (``Workers at Halden
    Foods``, capitalised where it opens a sentence) names no one, unless the article
    gives it as someone's surname."""
    surnames = full_surnames(found)
    return [m for m in found if not (
        m.type == "PER" and m.first == m.last and m.text not in surnames
        and _plural_person_noun(m.text))]


def late_repairs(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """The repairs that also hold for the mentions read off untagged runs after
    ``repair_types`` (``Vantor said``, ``the House Newt Gingrich's``); a party's word
    alone typed a person names no one."""
    out = _no_plural_nouns(_shared_surnames(doc, _retyped_surnames(doc, _surname_tails(
        doc, retyped_leaders(doc, found)))))
    return [m for m in out if not (m.type == "PER" and m.first == m.last and (
        m.text.lower() in PARTY_WORDS))]  # "A senior Liberal official": no one named


def repair_types(doc: ParsedDoc, found: list[Mention], typed: list[Mention]) -> list[Mention]:
    """``found`` (the tagged mentions, in text order) with every document-level repair
    applied; ``typed`` is the lexicon's reading of every proper-noun run."""
    out = _retyped_full_names(_retyped_surnames(doc, _prefer_longer_names(
        doc, _without_place_words(doc, _opening_word_back(doc, found), typed), typed)))
    # (a person's name rid of place words first: the lexicon's reading of the whole run,
    # "United States Hamdullah Mohib" as a body, then replaces no person)
    out = _acting_places(doc, _storms(_place_bodies(_plural_people(_acronym_people(
        _families(out))))))
    out = [m for m in _placed_singletons(doc, retyped_leaders(doc, _datelines(
        doc, _bodies_throughout(doc, _described_bodies(doc, _described_people(doc, out))))))
        if _is_name(doc, m)]
    out = _led_organisations(doc, _without_place_words(doc, out, typed))
    return _definite_names(doc, _conjoined_bodies(doc, _conjoined_people(doc, _surname_tails(
        doc, _defined_acronyms(doc, _place_pairs(doc, _shared_heads(doc, out)))))))
