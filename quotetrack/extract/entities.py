"""Named entities of one article: NER mentions grouped into entities with one name.

Pure functions over a ``ParsedDoc`` whose tokens carry IOB2 ``ner`` tags.  A mention
is a maximal tagged run (leading ``the`` and a trailing possessive ``'s`` left out),
repaired where the compact model misfires: parts of one name tagged apart are joined
(a glued hyphen, two person tags side by side, a sentence split inside the name); a
person's name stops at ``and``, ``of`` and any verb; a name after ``the`` is no person;
an acronym's long form is one organisation; non-name words before a known surname go.
Mentions of one article are grouped into entities:

- a person's mentions group by surname (``Lavrov``, ``Mr. Lavrov`` and
  ``Sergei Lavrov`` are one person); the canonical name is the fullest proper name
  the article gives (most words, then most frequent), never a title;
- an organisation's mentions group by exact name, by acronym (``PBO`` for
  ``Pacific Business Organization``) and by a first word naming the longer form
  (``Suncor`` for ``Suncor Energy``); the canonical name is the fullest form;
- places group by exact name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from quotetrack.extract.places import is_place, place_body
from quotetrack.lexicon import first_name_gender, is_given_name, words
from quotetrack.records import ParsedDoc, Token

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
_SKIP_WORDS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_HYPHENS = ("-", "\u2013")  # glued to both sides inside a name ("Lakeshore\u2013Credit Valley")
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lady", "lord", "madam"}
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
    """A tagged run without a leading article or calendar word (``Yesterday Mohamed``),
    a sentence's first word capitalised only there, a common noun before ``of``
    (``Shares of Northgate``) or a role noun (``Operator Vantor Nickel Corp.``), or a
    trailing possessive, joiner (``University of``) or punctuation."""
    while run and (run[0].text.lower() in _SKIP_WORDS or run[0].upos == "PUNCT"
                   or run[0].text.lower() in words("calendar")):
        run = run[1:]
    if len(run) > 2 and run[0].upos == "NOUN" and run[1].text == "of" and (
            run[0].i == doc.sentences[run[0].sent].first) and (
            run[0].text.lower() not in words("organizations")):
        run = run[2:]
    if len(run) > 1 and run[0].i == doc.sentences[run[0].sent].first and (
            run[0].text.lower() in words("person_nouns")) and (
            run[0].text.lower() not in words("titles")):
        run = run[1:]  # "Operator Vantor Nickel Corp.": a role noun capitalised by position
    while run and (run[-1].text in _POSSESSIVE or run[-1].upos == "PUNCT"
                   or run[-1].text.lower() in _JOINERS | {"on"}):
        run = run[:-1]
    return run


# Lower-case words inside names: English joiners and those of French and Spanish
# names ("Regroupement des PME de la Rive-Sud"), besides the surname particles.
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "&", "y", "e", "et", "des", "les",
                           "du", "aux", "au", "d'", "d\u2019", "l'", "l\u2019"})


_FRENCH_OF = frozenset({"de", "des", "du", "d'", "d\u2019"})  # "Service de police de ..."


def _cased(doc: ParsedDoc, toks: list[Token], kind: str) -> list[Token]:
    """A tagged run that runs through a lower-case word other than a joiner or a
    particle is two things: a person's name is what follows the last such word
    (``University of Waterloo economist Hadiza Mwale-Thornton``), any other name what
    precedes the first (``Kirkwall Mine north of Timmins``); a common noun after a
    French ``de`` is inside (``Service de police de la Ville de Montréal``)."""
    lower = [k for k, t in enumerate(toks) if t.text[:1].islower()
             and t.text.lower() not in _NAME_JOINERS and t.text.lower() not in _PARTICLES
             and not (k > 0 and toks[k - 1].text.lower() in _FRENCH_OF)]
    if lower:
        toks = toks[lower[-1] + 1:] if kind == "PER" else toks[:lower[0]]
    return toks


def _surface(doc: ParsedDoc, run: list[Token]) -> str:
    """The mention's text with a trailing possessive cut (``Putin's`` -> ``Putin``)."""
    text = doc.text[run[0].start:run[-1].end]
    for p in _POSSESSIVE:
        if text.endswith(p) and len(text) > len(p) + 1:
            return text[: -len(p)]
    return " ".join(text.split())


def _organisation_words(toks: list[Token]) -> bool:
    """A place reading of a name that an organisation word heads before its ``of``
    (``Bank of Canada``, ``University of Toronto``) or that ends ``International``."""
    lows = [t.text.lower() for t in toks]
    head = lows[:lows.index("of")] if "of" in lows else []
    return bool(lows) and (lows[-1] == "international" or any(
        w in words("organizations") for w in head))


_DOMAIN = re.compile(r"\.[a-z]{2,4}")


def _domain(doc: ParsedDoc, toks: list[Token]) -> Token | None:
    """A web domain suffix glued to the end of a name (``Gawker`` + ``.com``)."""
    nxt = doc.tokens[toks[-1].i + 1] if toks and toks[-1].i + 1 < len(doc.tokens) else None
    if nxt is not None and _glued(toks[-1], nxt) and _DOMAIN.fullmatch(nxt.text):
        return nxt
    return None


def _extend(doc: ParsedDoc, toks: list[Token], kind: str) -> list[Token]:
    """An NER mention grown to the whole run of capitalised proper nouns it sits in
    (``States`` -> ``United States``), titles never added to a person's name."""
    if not toks:
        return toks
    titles = words("titles")

    first = doc.sentences[toks[0].sent].first

    def fits(t: Token) -> bool:
        tag = t.upos == "PROPN" or (kind != "PER" and t.upos == "ADJ" and t.i > first)
        return (tag and t.text[:1].isupper() and t.sent == toks[0].sent  # United States
                and t.ner == "O" and not (kind == "PER" and t.text.lower() in titles))

    def remit(k: int) -> bool:
        """``Roper Center for Public Opinion Research``: an organisation's complement."""
        nxt = doc.tokens[k + 1] if k + 1 < len(doc.tokens) else None
        placed = nxt is not None and doc.tokens[k].text == "of" and (
            doc.tokens[k - 1].text.lower() in words("organizations")) and (
            nxt.ner[2:] == "LOC" or is_place(nxt.text))  # "Safety Board of Canada"
        return (kind == "ORG" and nxt is not None and _joins(doc, k) and doc.tokens[k].text
                != "-" and (nxt.ner[2:] in ("", "ORG") or placed) and nxt.sent == toks[0].sent)

    lo, hi = toks[0].i, toks[-1].i
    while lo > 0 and fits(doc.tokens[lo - 1]) or (
            lo > 1 and doc.tokens[lo - 1].text in _HYPHENS and _joins(doc, lo - 1)
            and doc.tokens[lo - 2].text[:1].isupper()):
        lo -= 1 if fits(doc.tokens[lo - 1]) else 2  # "Flett-Mayham" from "Mayham"
    while hi + 1 < len(doc.tokens):
        if fits(doc.tokens[hi + 1]):
            hi += 1
        elif _plural_owner(doc, hi):
            hi += 2  # "Alberta Cattle Producers' Alliance": a plural possessive inside
        elif _joins(doc, hi + 1) and doc.tokens[hi + 1].text in _HYPHENS and (
                fits(doc.tokens[hi + 2]) or doc.tokens[hi + 2].text[:1].isupper()):
            hi += 2  # "El-Hassan", "Laboucane-Price": a glued hyphen inside the name
        elif remit(hi + 1):
            hi += 2
            while hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].upos == "PROPN" and (
                    doc.tokens[hi + 1].ner[2:] in ("", "ORG")):
                hi += 1
        elif kind == "ORG" and _coordinated_remit(doc, lo, hi) > hi:
            hi = _coordinated_remit(doc, lo, hi)  # "Ministry of Colleges and Universities"
        else:
            break
    return list(doc.tokens[lo:hi + 1])


def _plural_owner(doc: ParsedDoc, hi: int) -> bool:
    """Word ``hi`` is a plural owner inside an organisation's name: an apostrophe glued
    to it, then an organisation head word (``Producers' Alliance``, ``Nurses' Union``)."""
    toks = doc.tokens
    return hi + 2 < len(toks) and toks[hi].text.endswith("s") and toks[hi + 1].text in (
        "'", "\u2019") and toks[hi + 1].start <= toks[hi].end and (  # glued, or one token
        toks[hi + 2].text.lower() in words("organizations")) and toks[hi + 2].text[:1].isupper()


def _past_owner(toks: list[Token]) -> list[Token]:
    """An organisation named after its owner's possessive is named without it
    (``Ontario's Ministry of Colleges`` -> ``Ministry of Colleges``): the words after
    an inner ``'s`` when they open with an organisation head word and run on."""
    for k, t in enumerate(toks[:-2]):
        if t.text in _POSSESSIVE and toks[k + 1].text.lower() in words("organizations"):
            return toks[k + 1:]
    return toks


def _coordinated_remit(doc: ParsedDoc, lo: int, hi: int) -> int:
    """An organisation's ``of``/``for`` complement goes on through a list of
    capitalised words that ends in ``and`` (``Ministry of Colleges and Universities``,
    ``Ministry of Labour, Immigration, Training and Skills Development``, ``Ministry of
    Public and Business Service Delivery``), none of them a title, a given name or the
    start of another name; returns the index of the complement's last word (``hi``
    when it does not go on)."""
    toks = doc.tokens
    if not any(t.text in ("of", "for") for t in toks[lo:hi + 1]):
        return hi
    k = hi
    while k + 2 < len(toks) and toks[k + 1].text in (",", "and") and _remit_word(doc, k + 2):
        joiner = toks[k + 1].text
        k += 2
        while k + 1 < len(toks) and _remit_word(doc, k + 1):
            k += 1
        if joiner == "and":
            return k if k + 1 >= len(toks) or not toks[k + 1].text[:1].isupper() else hi
    return hi


def _remit_word(doc: ParsedDoc, k: int) -> bool:
    """Word ``k`` may continue an organisation's remit: capitalised, no title, given
    name or place, opening no other name, in the sentence of the word before it."""
    t = doc.tokens[k]
    return (t.sent == doc.tokens[k - 1].sent and t.text[:1].isupper() and t.upos in (
        "PROPN", "NOUN", "ADJ") and t.text.lower() not in words("titles")
            and not is_given_name(t.text) and not is_place(t.text)
            and (t.ner[:2] != "B-" or t.ner == "B-ORG"))


def _name_tokens(doc: ParsedDoc, toks: list[Token]) -> list[Token]:
    """The words of ``toks`` that ``name_words`` keeps, read on the surface text (so a
    glued hyphen stays inside its name: ``Mohamed El-Hassan Mohamed``)."""
    kept = " ".join(name_words(_surface(doc, toks)))
    for k in range(len(toks)):
        if " ".join(doc.text[toks[k].start:toks[-1].end].split()) == kept:
            return toks[k:]
    return toks


def _glued(a: Token, b: Token) -> bool:
    """No space between two adjacent words."""
    return a.end == b.start


def _ROLE_WORDS() -> frozenset[str]:  # noqa: N802 (a constant read lazily)
    """Lower-case role words after which a capitalised word starts a name, whatever
    its tag (``Geography professor Aled Pryce-Montgomery``, ``Aled`` tagged a verb)."""
    return words("person_nouns") | words("titles")


def find_mentions(doc: ParsedDoc) -> tuple[Mention, ...]:
    """Every named mention of the document, in text order."""
    out: list[Mention] = []
    run: list[Token] = []
    kind = ""

    def close() -> None:
        toks = _cased(doc, _trim(doc, run), kind)
        typed = "ORG" if kind in ("PER", "LOC") and toks and toks[-1].text.lower() in words(
            "organizations") else kind  # "the Kremlin", "Roper Center": not people or places
        if typed in ("LOC", "PER") and _organisation_words(toks):
            typed = "ORG"  # "Bank of Canada", "Amnesty International", "Ministry of Health"
        toks = _past_owner(_extend(doc, toks, typed))
        domain = _domain(doc, toks)
        if domain is not None:  # "Gawker.com": a website, whatever the model typed
            toks, typed = [*toks, domain], "ORG"
        while typed == "PER" and toks and toks[0].upos not in ("PROPN", "X") and not (
                toks[0].text[:1].isupper() and toks[0].i > 0
                and doc.tokens[toks[0].i - 1].text in _ROLE_WORDS()):
            toks = toks[1:]  # "Injecting Clinton": a name starts at a proper noun
        if typed == "PER" and toks:  # "Foreign Minister Sergei Lavrov": the name only
            toks = _name_tokens(doc, toks)
        if out and toks and toks[0].i <= out[-1].last:
            return  # inside the name before it, grown over this one ("..., Training and
            # Skills Development" after "Ministry of Labour, Immigration")
        if toks and any(t.text[:1].isupper() or t.text[:1].isdigit() for t in toks):
            out.append(Mention(toks[0].i, toks[-1].i, toks[0].start, toks[-1].end,
                               _surface(doc, toks), typed, toks[0].sent))

    absorbed = ""  # the tag of a name part a hyphen glued on ("Jean-Sébastien Nault")
    for t in doc.tokens:
        tag = t.ner
        if run and tag == "O" and t.text in _HYPHENS and _glued(run[-1], t):
            tag = "I-" + kind  # "El-Hassan": a hyphen inside a name
        elif run and tag != "O" and run[-1].text in _HYPHENS and _glued(run[-1], t):
            absorbed, tag = tag[2:], "I-" + kind
        elif run and run[-1].text in _HYPHENS and _glued(run[-1], t) and t.text[:1].isupper():
            tag = "I-" + kind  # "Laboucane-Price": a capitalised word glued on, any tag
        elif run and _glued(run[-1], t) and t.text[:1] in _HYPHENS and t.text[1:2].isupper():
            tag = "I-" + kind  # "Mohammadi" + "-Fox": the hyphen the tokenizer kept on
        elif run and absorbed and tag == "I-" + absorbed:
            tag = "I-" + kind
        else:
            absorbed = ""
        if run and kind == "PER" and tag == "B-PER" and _next_name_word(doc, run[-1], t):
            tag = "I-PER"  # "Kiran" "Bhattacharya": one name the model tagged twice
        inside = tag.startswith("I-") and run and tag[2:] == kind and (
            run[-1].sent == t.sent or _next_name_word(doc, run[-1], t))
        if inside and (t.text in (",", ";", "(", ")", ":") or (
                kind == "PER" and (t.upos == "CCONJ" or t.text == "of")
                and run[-1].text.lower() not in words("organizations")) or (
                t.upos in ("VERB", "AUX") and not is_given_name(t.text)
                and run[-1].text.lower() not in _ROLE_WORDS())):
            inside = False  # "Toledo, Clinton", "Trump and Putin", "Tomblin of West
            tag = "O"  # Virginia" (not "Ministry of"): two names; nor does a name run
            # through "tells", "Goes"
        if inside:
            run.append(t)
            continue
        if run:
            close()
        run, kind = ([t], tag[2:]) if tag != "O" else ([], "")
    if run:
        close()
    typed = _propn_mentions(doc, set())  # the lexicon's reading of every proper-noun run
    out = _place_bodies(_plural_people(_acronym_people(_retyped_full_names(_retyped_surnames(
        doc, _prefer_longer_names(out, typed))))))
    out = [m for m in _placed_singletons(doc, _retyped_leaders(doc, _datelines(
        doc, _described_people(doc, out)))) if _is_name(doc, m)]
    out = _led_organisations(doc, _without_place_words(doc, out, typed))
    out = _definite_names(doc, _conjoined_people(doc, _surname_tails(
        doc, _defined_acronyms(doc, _shared_heads(doc, out)))))
    covered = {k for m in out for k in range(m.first, m.last + 1)}
    out += _propn_mentions(doc, covered)
    covered = {k for m in out for k in range(m.first, m.last + 1)}
    found = out + _short_mentions(doc, out, covered)  # a name has a letter or digit
    return tuple(sorted((m for m in found if any(c.isalnum() for c in m.text)),
                        key=lambda m: m.first))


def _surname_tails(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """Persons named at the end of longer mentions, by the people the article names in
    full: ``_person_at_end`` for organisation or place mentions, ``_surname_only`` for
    person mentions."""
    full = {tuple(name_words(m.text)) for m in found if m.type == "PER"}
    people = {k for k in full if len(k) > 1 and any(_given(w) for w in k[:-1])}
    surnames = {k[-1] for k in full}
    return [_surname_only(doc, m, people) if m.type == "PER" else
            _person_at_end(doc, m, surnames) for m in found]


def _person_at_end(doc: ParsedDoc, m: Mention, surnames: set[str]) -> Mention:
    """An organisation or place mention ending in given names and a surname the article
    names as a person is that person (``the House Newt Gingrich's``; an unknown given
    name too when four words or more run together: ``University of Texas Arlington
    Amneh Jafari``)."""
    words_ = m.text.split()
    if len(words_) <= 2 or words_[-1] not in surnames or (
            len(words_) != m.last - m.first + 1):  # one token a word
        return m
    given = 0
    while given < len(words_) - 2 and is_given_name(words_[-2 - given]):
        given += 1
    if not given and _plain_name_word(words_[-2]) and len(words_) > 3:
        given = 1
    if not given:
        return m
    toks = list(doc.tokens[m.last - given:m.last + 1])
    return Mention(toks[0].i, m.last, toks[0].start, m.end, _surface(doc, toks), "PER",
                   m.sent)


def _surname_only(doc: ParsedDoc, m: Mention, people: set[tuple[str, ...]]) -> Mention:
    """A person mention ending in the surname of someone the article names in full is
    that surname when no other word of it can be a given name or initial and it is no
    ordinary two-word name (it opens its sentence, or has three words or more:
    ``Meanwhile Trump``, ``the Washington Post Trump``; not ``Hana Matsumoto-Reyes``,
    a given name the lexicon lacks)."""
    key = tuple(name_words(m.text))
    if len(key) < 2 or not any(k != key and k[-1] == key[-1] for k in people) or any(
            _given(w) for w in key[:-1]) or (
            len(key) == 2 and m.first != doc.sentences[m.sent].first):
        return m
    t = doc.tokens[_hyphenated(doc, m.last)[0]]  # "Matsumoto-Reyes" whole
    return Mention(t.i, m.last, t.start, m.end, _surface(doc, list(doc.tokens[t.i:m.last + 1])),
                   "PER", m.sent)


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


def _plain_name_word(word: str) -> bool:
    """A title-case word that is no organisation head word or title (a given name
    the lexicon may lack)."""
    low = word.lower()
    return word.isalpha() and word[:1].isupper() and not word.isupper() and (
        low not in words("organizations") and low not in words("titles"))


def _given(word: str) -> bool:
    """A word that can open a person's name: a given name or an initial (``J.``)."""
    return is_given_name(word.rstrip(".")) or bool(re.fullmatch(r"[A-Z]\.?", word))


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


def _next_name_word(doc: ParsedDoc, prev: Token, t: Token) -> bool:
    """``t`` goes on the name ending at ``prev``: a capitalised proper noun one space
    after it, in its sentence or opening the next one when the tokenizer split the
    sentence inside the name (``Dr. Marisa`` | ``Twoyoungmen, a medical officer``)."""
    across = t.sent == prev.sent + 1 and prev.upos != "PUNCT"
    return (t.sent == prev.sent or across) and doc.text[prev.end:t.start] == " " and (
        prev.upos == "PROPN" and t.upos == "PROPN" and t.text[:1].isupper())


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
            m = Mention(m.first, noun.i, m.start, noun.end, text, "ORG", m.sent)
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
    if all(t.upos == "ADJ" or (t.upos == "PART" and t.text in _POSSESSIVE) for t in between):
        return noun
    return None


def _without_place_words(doc: ParsedDoc, found: list[Mention], typed: list[Mention]
                         ) -> list[Mention]:
    """A person's name of three or more words loses the leading words the article uses
    in its place and organisation names (``Ambassador to the United States Hamdullah
    Mohib`` -> ``Hamdullah Mohib``), keeping two."""
    places = {w for m in [*found, *typed] if m.type in ("LOC", "ORG")
              for w in m.text.split()}
    out = []
    for m in found:
        k = m.first
        while m.type == "PER" and m.last - k >= 2 and doc.tokens[k].text in places:
            k += 1
        toks = list(doc.tokens[k:m.last + 1])
        out.append(m if k == m.first else Mention(
            k, m.last, toks[0].start, m.end, _surface(doc, toks), m.type, m.sent))
    return out


_PLACE_CASES = {"in", "at", "from", "to", "into", "across", "near", "throughout", "around",
                "of", "outside", "inside"}


def _retyped_surnames(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word mention the model typed otherwise that is the surname of a person
    named in full is that person: a transcript label in capitals (``PENCE:`` for ``Mike
    Pence``), a place reading (``Cruz said``) unless a place preposition governs it
    (``in Washington``), or an organisation reading acting as a subject (``Figueroa
    told USA Today``)."""
    surnames = {m.text.split()[-1].lower() for m in found
                if m.type == "PER" and len(m.text.split()) > 1}
    out = []
    for m in found:
        if len(m.text.split()) == 1 and m.type != "PER" and m.text.lower() in surnames and (
                (m.text.isupper() and len(m.text) > 2) or (
                    m.type == "LOC" and not _place_case(doc, m.first)) or (
                    m.type == "ORG" and _is_subject(doc, m))):  # "Beauchesne-Ito said"
            m = replace(m, type="PER")
        out.append(m)
    return out


def _capitals(word: str) -> bool:
    """``RCMP``, ``U.N.``: two or more letters, all capitals."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


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


def _retyped_leaders(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word person or place mention that is the leading word of an organisation
    the article names in full (``Halden`` for ``Halden Pharmaceuticals``) is that
    organisation, unless a person's surname or governed by a place preposition (``in
    Toronto``, not the ``Toronto Stock Exchange``)."""
    leaders = {m.text.split()[0] for m in found if m.type == "ORG" and len(m.text.split()) > 1}
    surnames = {m.text.split()[-1] for m in found if m.type == "PER" and len(m.text.split()) > 1}
    return [replace(m, type="ORG") if m.type in ("PER", "LOC") and m.first == m.last and (
        m.text in leaders - surnames) and not _place_case(doc, m.first) else m for m in found]


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


def _title_word(t: Token) -> bool:
    """A capitalised word that may be part of a name (not a sentence-opening common
    noun or article)."""
    return t.upos in ("PROPN", "NOUN", "ADJ") and t.text[:1].isupper() and (
        t.text.lower() not in _SKIP_WORDS)


def _described_people(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name set off by commas in apposition with a person noun (``His wife, Wai-Ling
    Tsang,``; ``Wai-Ling Tsang, a nurse,``) is a person's, whatever the model typed (not
    a bracketed one: ``the secretary general of CEI (Italian Episcopal Conference)``)."""
    nouns = words("person_nouns")
    out = []
    for m in found:
        inside = range(m.first, m.last + 1)
        head = next((doc.tokens[k] for k in inside if doc.tokens[k].head not in inside), None)
        if m.type in ("ORG", "LOC") and head is not None and head.head >= 0:
            gov = doc.tokens[head.head]
            kids = [t for t in doc.sentences[head.sent].tokens if t.head == head.i
                    and t.deprel == "appos"]
            comma = m.first > 0 and doc.tokens[m.first - 1].text == ","
            described = (comma and head.deprel == "appos" and gov.upos == "NOUN" and (
                gov.lemma.lower() in nouns)) or any(
                k.upos == "NOUN" and k.lemma.lower() in nouns and k.i > m.last
                and doc.tokens[m.last + 1].text == "," for k in kids)
            if described:
                m = replace(m, type="PER")
        out.append(m)
    return out


_DATELINE_MARKS = {",", "(", "-", "--", "\u2014", "\u2013"}


def _datelines(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A name in capitals that opens its paragraph before a comma, a dash or a
    bracket (``SUDBURY, Ont. --``, ``CALGARY --``) is a dateline: a place."""
    starts = {p[0] for p in doc.paragraphs}
    out = []
    for m in found:
        nxt = doc.tokens[m.last + 1] if m.last + 1 < len(doc.tokens) else None
        if m.start in starts and nxt is not None and nxt.text in _DATELINE_MARKS and all(
                _capitals(w) for w in m.text.split()):
            m = replace(m, type="LOC")
        out.append(m)
    return out


def _plural_people(found: list[Mention]) -> list[Mention]:
    """A person mention holding a plural person noun (``Athabasca Energy Workers``,
    ``Prairie Nurses``) names a body of people: an organisation."""
    def plural(w: str) -> bool:
        low = w.lower()
        return low.endswith("s") and (low[:-1] in words("person_nouns") or (
            low.endswith("es") and low[:-2] in words("person_nouns")))
    return [replace(m, type="ORG") if m.type == "PER" and any(
        plural(w) for w in m.text.split()[1:]) else m for m in found]


def _placed_singletons(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A one-word person name that the article never gives in full, never titles and
    never makes a subject, and that a place preposition governs somewhere (``near
    Canmore``, ``a post on Facebook``) or that the lexicon knows as a place
    (``Ontario's``), is a place: news names a person in full first."""
    full = {w.lower() for m in found if m.type == "PER" and len(m.text.split()) > 1
            for w in m.text.split()}
    lone = [m for m in found if m.type == "PER" and m.first == m.last
            and m.text.lower() not in full and not is_given_name(m.text)]
    placed = {m.text for m in lone if _place_case(doc, m.first, extra={"on"})
              or is_place(m.text)}  # "Ontario's", "Canada's": a place of the lexicon
    kept = {m.text for m in lone if doc.tokens[m.first].rel == "nsubj" or (
        m.first > 0 and doc.tokens[m.first - 1].text.lower().rstrip(".") in (
            _HONORIFICS | words("titles")))}
    return [replace(m, type="LOC") if m in lone and m.text in placed - kept else m
            for m in found]


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


def _place_case(doc: ParsedDoc, i: int, extra: frozenset[str] | set[str] = frozenset()
                ) -> bool:
    """Word ``i`` is governed by a place preposition (``in``, ``from``, ``to``)."""
    return any(t.head == i and t.rel == "case" and t.text.lower() in _PLACE_CASES | extra
               for t in doc.tokens[max(0, i - 3):i])


def _prefer_longer_names(found: list[Mention], typed: list[Mention]) -> list[Mention]:
    """A name the lexicon reads off a proper-noun run replaces the shorter NER mentions
    inside it: a person's (``Jessica Ditto`` over ``Ditto``) or an organisation's
    (``Commission on Presidential Debates`` over ``Debates``)."""
    out = list(found)
    for p in typed:
        overlapping = [m for m in out if m.first <= p.last and p.first <= m.last]
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
            t.upos == "PRON" or t.text in _POSSESSIVE for t in toks):
        return False
    return not (m.type == "PER" and len(toks) == 1 and toks[0].xpos == "NNPS")


def _short_mentions(doc: ParsedDoc, found: Sequence[Mention], covered: set[int]
                    ) -> list[Mention]:
    """Single proper nouns outside every mention that repeat a known person's surname,
    an organisation's one-word name or its acronym (``Trump`` after ``Donald Trump``,
    ``WHO`` after ``World Health Organisation``)."""
    known: dict[str, str] = {}
    for m in found:
        parts = m.text.split()
        if m.type == "PER" and len(parts) > 1:
            known.setdefault(parts[-1], "PER")
        elif m.type == "ORG" and len(parts) == 1:
            known.setdefault(parts[0], "ORG")
        elif m.type == "ORG" and acronym(m.text):
            known.setdefault(acronym(m.text), "ORG")  # "KCNA", "WHO"
            known.setdefault(".".join(acronym(m.text)) + ".", "ORG")  # "S.E.C."
    out = []
    for t in doc.tokens:
        last = _hyphenated(doc, t.i)[1]
        text = doc.text[t.start:doc.tokens[last].end]
        if last > t.i and text in known and not covered & set(range(t.i, last + 1)) and (
                t.i == 0 or not _glued(doc.tokens[t.i - 1], t)):  # "Beauchesne-Ito"
            out.append(Mention(t.i, last, t.start, doc.tokens[last].end, text, known[text],
                               t.sent))
            covered = covered | set(range(t.i, last + 1))
            continue
        word = _known_word(t, known)
        if word is not None and t.i not in covered:
            out.append(Mention(t.i, t.i, t.start, t.end, word, known[word], t.sent))
    return out


def _hyphenated(doc: ParsedDoc, i: int) -> tuple[int, int]:
    """First and last word of the hyphenated word holding word ``i`` (``Beauchesne``
    ``-`` ``Ito``, glued on both sides of each hyphen); ``(i, i)`` when none."""
    toks = doc.tokens

    def joined(k: int) -> bool:  # word k is a hyphen glued to both neighbours
        return 0 < k < len(toks) - 1 and toks[k].text in _HYPHENS and _glued(
            toks[k - 1], toks[k]) and _glued(toks[k], toks[k + 1])

    first, last = i, i
    while joined(first - 1):
        first -= 2
    while joined(last + 1):
        last += 2
    return first, last


def _known_word(t: Token, known: dict[str, str]) -> str | None:
    """The known name a proper noun repeats (or a noun the NER model types as a person);
    a capitals-only word is a surname written as a transcript's speaker label
    (``PENCE:`` for ``Mike Pence``) unless an acronym."""
    if t.text in known and (t.upos == "PROPN" or t.text.isupper()):  # "WHO"/PRON
        return t.text
    if t.text in known and known[t.text] == "PER" and t.upos == "NOUN" and (
            t.ner.endswith("PER")):
        return t.text  # "... paper Bos and colleagues describe": a surname read as a noun
    label = t.text.title()
    if t.text.isupper() and len(t.text) > 2 and t.upos in ("PROPN", "NOUN") and (
            known.get(label) == "PER"):
        return label
    return None


def _typed_run(doc: ParsedDoc, run: list[Token]) -> tuple[str, list[Token]] | None:
    """Type and words of a proper-noun run the NER model left untagged, from the
    lexicon: a known given name starting its name words (``Foreign Minister Sergei
    Lavrov`` -> ``Sergei Lavrov``, ``Kendra``), or an honorific or a title right before
    them (``Professor Cres Eastman``), makes a person; an organisation head word at its
    start or end an organisation (``Church of Scientology``, ``Saudi Interior Ministry``,
    with the capitalised adjectives before it); anything else stays untyped."""
    orgs = words("organizations")
    if len(run) >= 2 and run[-1].text.lower() in orgs:
        return "ORG", _with_adjectives(doc, run)  # "Irving Police Department"
    people = _name_tokens(doc, run)
    if all(t.text.lower() in words("titles") for t in people):
        return None  # "Minister" alone names nobody
    before = doc.tokens[people[0].i - 1].text.lower() if people[0].i > 0 else ""
    titled = before.rstrip(".") in _HONORIFICS or before in words("titles")
    if titled or (
            first_name_gender(people[0].text) is not None
            and (len(people) >= 2 or people[0].i == run[0].i)):  # "Kendra said"
        return "PER", people
    if len(run) >= 2 and run[0].text.lower() in orgs:
        return "ORG", _with_adjectives(doc, run)
    return None


def _with_adjectives(doc: ParsedDoc, run: list[Token]) -> list[Token]:
    """An organisation's run with the capitalised adjectives before it (``Saudi
    Interior Ministry``), never the sentence's first word."""
    k = run[0].i
    while k > 0 and doc.tokens[k - 1].upos in ("ADJ", "PROPN") and (
            doc.tokens[k - 1].text[:1].isupper()) and doc.tokens[k - 1].ner[2:] != "PER" \
            and doc.tokens[k - 1].sent == run[0].sent and k - 1 > doc.sentences[
                run[0].sent].first:
        k -= 1  # "Korean Central News Agency"
    return [*doc.tokens[k:run[0].i], *run]


_PARTICLES = ("al", "el", "ad", "ash", "bin", "ibn", "abu", "van", "von", "der", "de", "del",
              "della", "da", "di", "du", "dos", "das", "le", "la")
_GLUED_PARTICLE = re.compile(rf"(?:{'|'.join(_PARTICLES)})-[A-Z][\w'-]*")


def surname_particle(toks: Sequence[Token], k: int) -> bool:
    """A surname particle inside a name (``al-Amr``, ``van der Berg``; a hyphen glued
    between particle and surname): part of the name when a capitalised word follows."""
    t = toks[k]
    if _GLUED_PARTICLE.fullmatch(t.text):
        return True
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.sent != t.sent:
        return False
    if t.text == "-":
        return k > 0 and toks[k - 1].end == t.start and nxt.start == t.end and (
            nxt.text[:1].isupper())
    return t.text in _PARTICLES and (nxt.text[:1].isupper() or surname_particle(toks, k + 1))


_JOINERS = {"of", "for", "&", "de", "-", "\u2013"}


def _joins(doc: ParsedDoc, k: int) -> bool:
    """Word ``k`` joins two parts of one name (``Church of Scientology``,
    ``Al-Maeena``: a hyphen only when glued to both sides)."""
    toks = doc.tokens
    t = toks[k]
    if k == 0 or k + 1 >= len(toks):
        return False
    if surname_particle(toks, k):
        return True  # "Suleiman al-Amr"
    remit = t.text.lower() == "on" and toks[k - 1].text.lower() in words("organizations")
    if t.text.lower() not in _JOINERS and not remit:  # "Commission on Presidential Debates"
        return False
    nxt = toks[k + 1]
    if nxt.upos not in ("PROPN", "ADJ") or not nxt.text[:1].isupper() or (
            nxt.text.lower() in words("calendar")):
        return False
    return t.text not in _HYPHENS or (_glued(toks[k - 1], t) and _glued(t, nxt))


def _runs(doc: ParsedDoc, covered: set[int]) -> list[list[Token]]:
    """Runs of capitalised proper nouns outside ``covered``, with their joiners."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for k, t in enumerate(doc.tokens):
        cap = t.text[:1].isupper() and t.i not in covered
        org_word = t.text.lower() in words("organizations")
        after_joiner = bool(run) and run[-1].text.lower() in _JOINERS | {"on"}
        proper = cap and (t.upos == "PROPN" or (bool(run) and org_word)  # "Energy Board"
                          or (org_word and t.i > doc.sentences[t.sent].first)  # "Commission"
                          or (after_joiner and t.upos == "ADJ"))  # "on Presidential Debates"
        near = not run or run[-1].sent == t.sent or doc.text[run[-1].end:t.start] == " "
        listed = bool(run) and t.text == "and" and k + 1 < len(doc.tokens) and any(
            x.text in ("of", "for") for x in run) and doc.tokens[k + 1].i not in covered and (
            _remit_word(doc, k + 1))  # "Ministry of Public and Business Service Delivery"
        if near and (proper or (run and t.i not in covered and (_joins(doc, k) or listed))):
            run.append(t)
            continue
        if run:
            runs.append(run)
        run = [t] if proper else []
    if run:
        runs.append(run)
    return runs


def _propn_mentions(doc: ParsedDoc, covered: set[int]) -> list[Mention]:
    """Mentions for capitalised proper-noun runs outside every NER mention."""
    out: list[Mention] = []
    for run in _runs(doc, covered):
        typed = _typed_run(doc, run)
        toks = _trim(doc, typed[1]) if typed else []
        if typed and toks:
            out.append(Mention(toks[0].i, toks[-1].i, toks[0].start, toks[-1].end,
                               _surface(doc, toks), typed[0], toks[0].sent))
    return out


def name_words(name: str) -> list[str]:
    """A person's name without what comes before it in a titled phrase: words up to
    the last title, honorific, lower-case word or possessive go (``New Zealand's Prime
    Minister John Key`` -> ``John Key``; a given name that is a title too stays right
    after a title or before two more words: ``Gov. Earl Ray Tomblin``), and a known
    given name after the first word starts the name (``Education Stefania Giannini``
    -> ``Stefania Giannini``)."""
    titles = words("titles") | words("person_nouns")
    toks = name.replace("\u2019", "'").split()
    cut = 0
    for k, w in enumerate(toks[:-1]):
        low = w.lower().rstrip(".,")
        before = toks[k - 1] if k > 0 else ""
        inside = low in _PARTICLES and (first_name_gender(before) is not None or (
            before.lower() in _PARTICLES))  # "Eileen de Villa", "Ursula von der Leyen"
        lower = not w[:1].isupper() and not inside
        given = (cut == k > 0 or k == 0 < len(toks) - 2) and w[:1].isupper() and (
            first_name_gender(w) is not None)  # "Earl Ray Tomblin", not "Earl Spencer"
        title = low in titles or w.lower() in titles  # "Gov.": listed with its stop
        if (title and not given) or low in _HONORIFICS or lower or w.endswith("'s"):
            cut = k + 1
    toks = toks[cut:]
    for k, w in enumerate(toks[1:-1], start=1):
        if first_name_gender(w) is not None and first_name_gender(toks[0]) is None:
            return toks[k:]
    return toks


def acronym(name: str) -> str:
    """Initials of the capitalised words of a multi-word name, joiners aside
    (``Pacific Business Organization`` -> ``PBO``, ``Alliance to Reclaim Our Schools``
    -> ``AROS``)."""
    parts = [w for w in name.replace(",", " ").split()
             if w.lower() not in _ACRONYM_SKIP and w[:1].isupper()]
    return "".join(w[0] for w in parts).upper() if len(parts) > 1 else ""


def bare(word: str) -> str:
    """An acronym without its stops (``S.E.C.`` -> ``SEC``)."""
    return word.replace(".", "")


_ACRONYM = re.compile(r"[A-Z](?:[A-Z]|\.[A-Z])+\.?|[A-Z][A-Z&]*[A-Z]")
_LONG_FORM_JOINERS = _ACRONYM_SKIP | {"to", "in", "at", ",", "and"}


def _defined_acronyms(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """A capitals-only word in parentheses names the capitalised words right before it
    whose initials it spells (``Alliance to Reclaim Our Schools (AROS)``): they become
    one organisation mention, and every one-word mention spelling the acronym of an
    organisation named in the article is an organisation."""
    toks = doc.tokens
    out, defined = list(found), {}
    initials = {bare(t.text) for t in toks if _ACRONYM.fullmatch(t.text)}
    for k in range(2, len(toks) - 1):
        found_at = _spelled_out(doc, k, initials)
        if found_at is None:
            continue
        run, acr = found_at
        inside = [m for m in out if m.first <= run[-1].i and run[0].i <= m.last]
        if len(inside) == 1 and inside[0].type == "ORG" and inside[0].first <= run[0].i and (
                run[-1].i < inside[0].last):
            defined[acr] = "ORG"  # "Transportation Safety Board of Canada" for "TSB"
            continue
        kind = "LOC" if inside and all(m.type == "LOC" for m in inside) else "ORG"
        out = [m for m in out if m not in inside]
        out.append(Mention(run[0].i, run[-1].i, run[0].start, run[-1].end,
                           _surface(doc, run), kind, run[0].sent))
        defined[acr] = kind
    for m in out:  # "PBO" for the "Parliamentary Budget Officer" named anywhere
        if m.type == "ORG" and acronym(m.text):
            defined.setdefault(acronym(m.text), "ORG")
    out = [replace(m, type=defined[bare(m.text)]) if len(m.text.split()) == 1 and (
        bare(m.text) in defined) else m for m in out]
    return sorted(out, key=lambda m: m.first)


def _spelled_out(doc: ParsedDoc, k: int, initials: set[str]) -> tuple[list[Token], str] | None:
    """The long form defined at word ``k`` and its acronym: ``k`` is an acronym in
    parentheses after its long form (``Alliance to Reclaim Our Schools (AROS)``), or the
    last capitalised word of a run whose initials the article writes elsewhere
    (``Parliamentary Budget Officer`` ... ``the PBO``)."""
    toks = doc.tokens
    acr = bare(toks[k].text)
    if toks[k - 1].text == "(" and toks[k + 1].text == ")" and acr in initials:
        first, last = _long_form(doc, k - 2, acr), k - 2
    elif toks[k].text[:1].isupper() and not toks[k + 1].text[:1].isupper():
        last = k
        first = next((f for f in (_long_form(doc, k, a) for a in sorted(initials)
                                  if len(a) > 2 and a[-1] == toks[k].text[0]) if f), None)
        acr = acronym(_surface(doc, list(toks[first:k + 1]))) if first is not None else ""
    else:
        return None
    if first is None or first >= last:
        return None
    return list(toks[first:last + 1]), acr


def _long_form(doc: ParsedDoc, last: int, acr: str) -> int | None:
    """Index of the first word of the shortest run ending at ``last`` whose capitalised
    words' initials are ``acr`` (joiners such as ``of``, ``and``, ``to`` between)."""
    initials = ""
    for j in range(last, max(-1, last - 3 * len(acr)), -1):
        t = doc.tokens[j]
        if t.sent != doc.tokens[last].sent:
            return None
        if t.text[:1].isupper() and t.text.lower() not in _ACRONYM_SKIP:
            initials = t.text[0] + initials
            if initials == acr:
                return j
            if not acr.endswith(initials):
                return None
        elif t.text.lower() not in _LONG_FORM_JOINERS or j == last:
            return None
    return None


def _key(m: Mention) -> str:
    return " ".join(name_words(m.text)) if m.type == "PER" else m.text


def _person_groups(doc: ParsedDoc, mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group person mentions: full names by exact name, a name of two words or more
    that ends exactly one name one word longer (``Ní Bhriain``, ``Saoirse Ní
    Bhriain``), one-word names by surname
    (the full name with that surname latest a subject before it, else the nearest
    before it, else the first one after), or, failing that, by a full name starting
    with that word."""
    full: dict[str, list[Mention]] = {}
    single: list[Mention] = []
    for m in mentions:
        key = _key(m)
        (full.setdefault(key, []) if len(key.split()) > 1 else single).append(m)
    groups = {key: list(ms) for key, ms in full.items()}
    moved: dict[str, str] = {}
    for key in full:  # "Ní Bhriain": the surname of one name a given name longer
        longer = [k for k in full if len(k.split()) == len(key.split()) + 1
                  and k.endswith(" " + key)]
        if len(longer) == 1 and longer[0] in groups and key in groups:
            groups[longer[0]].extend(groups.pop(key))
            moved[key] = longer[0]
    for m in single:
        word = _key(m).lower()
        owners = [k for k in full if k.split()[-1].lower() == word] or [
            k for k in full if k.split()[0].lower() == word] or _misspelt(doc, m, list(full))
        if owners:
            owner = _nearest(doc, full, owners, m)
            while owner in moved:
                owner = moved[owner]
            groups[owner].append(m)
        else:
            groups.setdefault(_key(m), []).append(m)
    return list(groups.values())


def _misspelt(doc: ParsedDoc, m: Mention, names: list[str]) -> list[str]:
    """A titled surname that the article spells once differently (``Ms Bauchtman``
    for ``Lydia Buchtmann``): the one full name whose surname, of five letters or
    more and with the same initial, is at most two edits away."""
    before = doc.tokens[m.first - 1].text.lower().rstrip(".") if m.first > 0 else ""
    word = m.text.lower()
    if before not in _HONORIFICS or len(word) < 5:
        return []
    near = [k for k in names if (last := k.split()[-1].lower())[:1] == word[:1]
            and len(last) >= 5 and _edits(last, word) <= 2]
    return near if len(near) == 1 else []


def _edits(a: str, b: str) -> int:
    """Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _nearest(doc: ParsedDoc, full: dict[str, list[Mention]], owners: list[str],
             m: Mention) -> str:
    """The owner named as a subject latest before ``m`` (``Bill Clinton criticized ...
    for his wife Hillary Clinton. ... Clinton said``: the topic, not the modifier),
    else the one whose latest mention before ``m`` is nearest, else its first after."""
    def distance(k: str) -> tuple[int, int]:
        before = [x.first for x in full[k] if x.first < m.first]
        subject = [x.first for x in full[k] if x.first < m.first and _is_subject(doc, x)]
        if subject:
            return (0, m.first - max(subject))
        return (1, m.first - max(before)) if before else (2, min(x.first for x in full[k]))
    return min(owners, key=distance)


def _is_subject(doc: ParsedDoc, m: Mention) -> bool:
    """The mention's head word is a clause subject."""
    inside = range(m.first, m.last + 1)
    heads = [doc.tokens[k] for k in inside if doc.tokens[k].head not in inside]
    return any(t.deprel.startswith("nsubj") for t in heads)


def _org_groups(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group organisation mentions by name, acronym and leading word."""
    groups = {ms[0].text: ms for ms in _exact(mentions)}
    names = sorted(groups, key=lambda n: -len(n.split()))
    merged: dict[str, str] = {}
    for short in names:
        for long in names:
            if long == short or len(long.split()) <= len(short.split()) or long in merged:
                continue
            if bare(short) in (acronym(long), acronym(long.split(" of ")[0])) or (
                    len(short.split()) == 1 and (
                    long.split()[0] == short) and not is_place(short)):  # not "Alberta"
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
    return first_name_gender(name.split()[0])  # "Melanie", "Kevin": a given name alone too


def group_entities(doc: ParsedDoc, mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    """The article's entities, ordered by first mention."""
    by_type: dict[str, list[Mention]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m)
    groups: list[tuple[str, list[Mention]]] = []
    for kind, ms in by_type.items():
        if kind == "PER":
            parts = _person_groups(doc, ms)
        elif kind == "ORG":
            parts = _org_groups(ms)
        else:
            parts = _exact(ms)
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
