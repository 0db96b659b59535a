"""Reading names off the tokens: where a name begins and ends in the parse.

Pure helpers over a ``ParsedDoc`` shared by the entity stage (``entities``,
``mention_types``, ``acronyms``; the underscore names are internal to that stage):
a tagged run trimmed of articles, possessives and what a lower-case word cuts off,
grown over the capitalised words, joiners, hyphens and remits of the same name, and
the name words of a titled phrase (``name_words``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from quotetrack.extract.places import is_place, place_body
from quotetrack.lexicon import first_name_gender, is_given_name, words
from quotetrack.records import ParsedDoc, Token

_SKIP_WORDS = {"the", "a", "an"}


POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})


_HYPHENS = ("-", "\u2013")  # glued to both sides inside a name ("Lakeshore\u2013Credit Valley")


HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lady", "lord", "madam"}
_HONORIFIC_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "sir": "m", "dame": "f", "lady": "f",
                      "lord": "m", "madam": "f"}


def honorific_gender(word: str) -> str | None:
    """``m`` or ``f`` for an honorific that tells the bearer's gender (``Mrs.``, ``Sir``)."""
    return _HONORIFIC_GENDERS.get(word.lower().rstrip("."))


def _positional_role(doc: ParsedDoc, t: Token) -> bool:
    """``Operator`` Vantor Nickel Corp., ``Teammate`` Kateri Jacobs-Lavoie: a role noun
    capitalised only by opening its sentence (not a title such as ``President``, nor a
    given name such as ``Hunter``)."""
    low = t.text.lower()
    return t.i == doc.sentences[t.sent].first and low in words("person_nouns") and (
        low not in words("titles")) and not is_given_name(t.text)


def _trim(doc: ParsedDoc, run: list[Token]) -> list[Token]:
    """A tagged run without a leading article or calendar word (``Yesterday Mohamed``),
    a sentence's first word capitalised only there, a common noun before ``of``
    (``Shares of Northgate``) or a role noun (``Operator Vantor Nickel Corp.``), or a
    trailing possessive, joiner (``University of``), punctuation or post-nominal letters
    (``SC``, ``MP``)."""
    while run and (run[0].text.lower() in _SKIP_WORDS or run[0].upos == "PUNCT"
                   or run[0].text.lower() in words("calendar")):
        run = run[1:]
    if len(run) > 2 and run[0].upos == "NOUN" and run[1].text == "of" and (
            run[0].i == doc.sentences[run[0].sent].first) and (
            run[0].text.lower() not in words("organizations")):
        run = run[2:]
    if len(run) > 1 and _positional_role(doc, run[0]):
        run = run[1:]  # "Operator Vantor Nickel Corp.": a role noun capitalised by position
    while run and (run[-1].text in POSSESSIVES or run[-1].upos == "PUNCT"
                   or run[-1].text.lower() in _JOINERS | {"on"} or (
                       len(run) > 2 and run[-1].text.rstrip(".").lower() in _POST_NOMINALS)):
        run = run[:-1]  # "Priya Raghunathan SC": letters after a name are no part of it
    return run


# Letters written after a person's name: honours, ranks at the bar, seats held.
_POST_NOMINALS = frozenset({"qc", "kc", "sc", "mp", "mpp", "mla", "mna", "mha", "obe",
                            "cbe", "mbe", "phd"})


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
    French ``de`` is inside (``Service de police de la Ville de Montréal``), and so is
    the second of a pair after it (``Ligue des droits et libertés``)."""
    lower = [k for k, t in enumerate(toks) if t.text[:1].islower()
             and t.text.lower() not in _NAME_JOINERS and t.text.lower() not in PARTICLES
             and not (k > 0 and toks[k - 1].text.lower() in _FRENCH_OF)
             and not (k > 2 and toks[k - 1].text.lower() == "et" and (  # "des droits et
                 toks[k - 3].text.lower() in _FRENCH_OF))  # libertés": a pair after "des"
             and not (k > 1 and toks[k - 1].text == "-" and toks[k - 1].end == t.start
                      and toks[k - 2].text[:1].isupper())  # "Hyun-woo": one given name
             and not (k > 0 and len(toks[k - 1].text) > 1 and toks[k - 1].text.endswith("-")
                      and toks[k - 1].end == t.start)]  # "Po-" "han"
    if lower:
        toks = toks[lower[-1] + 1:] if kind == "PER" else toks[:lower[0]]
    return toks


_SAINTS = re.compile(r"\b(?:St\.?|Saint|Ste\.?) [A-Z][\w-]*['\u2019]s$")


def _surface(doc: ParsedDoc, run: list[Token]) -> str:
    """The mention's text with a trailing possessive cut (``Putin's`` -> ``Putin``)."""
    text = doc.text[run[0].start:run[-1].end]
    if _SAINTS.search(text):
        return " ".join(text.split())  # "St. Mary's", "St. John's": the name's own
    for p in POSSESSIVES:
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


def _surname_as_noun(toks: Sequence[Token], t: Token, kind: str) -> bool:
    """``Joanna`` + ``Price``: a capitalised noun right after a person's given name
    alone is the surname, read as a common noun."""
    return kind == "PER" and len(toks) == 1 and t.i == toks[0].i + 1 and (
        t.upos == "NOUN") and is_given_name(toks[0].text)


def title_case(sentence: Sequence[Token]) -> bool:
    """A sentence written in title case (a headline's style): of its words of four
    letters or more that the model tagged as no name, three or more and four in five
    capitalised (``... Hammers Wells Fargo CEO: 'You Should Be Criminally
    Investigated.'``; not ``Corvane Minerals Ltd. cut its forecast on Monday.``)."""
    long = [t for t in sentence if len(t.text) > 3 and t.text[:1].isalpha() and t.ner == "O"]
    capitals = sum(t.text[:1].isupper() for t in long)
    return capitals >= 3 and capitals >= 0.8 * len(long)


def _extend(doc: ParsedDoc, toks: list[Token], kind: str) -> list[Token]:
    """An NER mention grown to the whole run of capitalised proper nouns it sits in
    (``States`` -> ``United States``), titles never added to a person's name."""
    if not toks:
        return toks
    titles = words("titles")

    first = doc.sentences[toks[0].sent].first
    styled = kind == "PER" and title_case(doc.sentences[toks[0].sent].tokens)

    def fits(t: Token) -> bool:
        if styled:
            return False  # a headline's capitals are its style: "Elizabeth Warren" |
            # "Hammers Wells Fargo CEO"
        tag = t.upos == "PROPN" or (kind != "PER" and t.upos == "ADJ" and t.i > first) or (
            kind != "PER" and t.upos == "NOUN" and t.i > toks[-1].i
            and t.text.lower() in words("organizations")) or (  # "Aurum Ridge Resources"
            kind == "ORG" and len(t.text) == 1 and t.text != "I" and t.i > first and (
                doc.tokens[t.i - 1].upos == "PROPN")) or (  # "Prairie Junior A Hockey League"
            _surname_as_noun(toks, t, kind))
        return (tag and t.text[:1].isupper() and t.sent == toks[0].sent  # United States
                and t.ner == "O" and not (kind == "PER" and t.text.lower() in titles)
                and not _positional_role(doc, t))

    def remit(k: int) -> bool:
        """``Roper Center for Public Opinion Research``: an organisation's complement."""
        nxt = doc.tokens[k + 1] if k + 1 < len(doc.tokens) else None
        placed = nxt is not None and doc.tokens[k].text == "of" and (
            doc.tokens[k - 1].text.lower() in words("organizations")) and (
            nxt.ner[2:] == "LOC" or is_place(nxt.text))  # "Safety Board of Canada"
        return (kind == "ORG" and nxt is not None and _joins(doc, k) and doc.tokens[k].text
                != "-" and (nxt.ner[2:] in ("", "ORG") or placed) and nxt.sent == toks[0].sent)

    lo, hi = toks[0].i, toks[-1].i
    while True:
        if lo > 0 and fits(doc.tokens[lo - 1]):
            lo -= 1
        elif lo > 1 and doc.tokens[lo - 1].text in _HYPHENS and _joins(doc, lo - 1) and (
                doc.tokens[lo - 2].text[:1].isupper()):
            lo -= 2  # "Flett-Mayham" from "Mayham"
        elif lead := _led_by(doc, lo, hi, kind):
            lo -= lead  # "Elections Canada", "Regroupement des PME"
        elif _office_of_the(doc, lo):
            lo -= 3  # "Office of the Chief Coroner", "Municipality of the District of ..."
        elif kind == "ORG" and lo > 0 and _ORDINAL.fullmatch(doc.tokens[lo - 1].text) and (
                doc.tokens[lo - 1].sent == doc.tokens[lo].sent):
            lo -= 1  # "6th U.S. Circuit Court of Appeals": which of the numbered courts
        else:
            break
    while hi + 1 < len(doc.tokens):
        if fits(doc.tokens[hi + 1]):
            hi += 1
        elif _plural_owner(doc, hi) or (kind == "ORG" and _singular_owner(doc, hi)):
            hi += 2  # "Alberta Cattle Producers' Alliance": a plural possessive inside
            while hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].upos == "PROPN" and (
                    doc.tokens[hi + 1].ner[2:] in ("", "ORG")):
                hi += 1  # "... Children's Hospital Foundation", tagged apart
        elif _joins(doc, hi + 1) and doc.tokens[hi + 1].text in _HYPHENS and (
                fits(doc.tokens[hi + 2]) or doc.tokens[hi + 2].text[:1].isupper()):
            hi += 2  # "El-Hassan", "Laboucane-Price": a glued hyphen inside the name
        elif remit(hi + 1):
            hi += 2
            while hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].upos == "PROPN" and (
                    doc.tokens[hi + 1].ner[2:] in ("", "ORG")):
                hi += 1
        elif doc.tokens[hi].text.lower() in _NUMBERED and hi + 1 < len(doc.tokens) and (
                doc.tokens[hi + 1].upos == "NUM" and doc.tokens[hi + 1].text.isdigit()):
            hi += 1  # "Athabasca Energy Workers Local 41": the branch's number
        elif kind == "ORG" and hi + 3 < len(doc.tokens) and _office_of_the(doc, hi + 3) and (
                doc.tokens[hi + 3].text[:1].isupper()):
            hi += 3  # "Municipality of the District of St. Mary's": the body's remit
            hi = _capitalised_run(doc, hi)
            while hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].ner == "I-ORG":
                hi += 1  # "Office of the" + "Information and Privacy Commissioner of
                # Ontario", which the model tagged as a body of its own
        elif kind == "ORG" and _inquiry_into(doc, hi):
            hi = _capitalised_run(doc, hi + (3 if doc.tokens[hi + 2].text == "the" else 2) - 1)
        elif kind == "ORG" and _stationed(doc, hi):
            hi += 2  # "Russian Embassy in Ankara": a mission's place says which one
            while hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].ner.startswith("I-LOC"):
                hi += 1
        elif _second_portfolio(doc, lo, hi):
            hi += 2  # "Alberta Fish and Wildlife", "Manitoba Transportation and Infrastructure"
        elif kind == "PER" and (tail := _particle_tail(doc, hi)) > hi:
            hi = tail  # "Lucía Herrero" + "de la Vega": a second surname with particles
        elif kind == "ORG" and hi + 1 < len(doc.tokens) and doc.tokens[hi + 1].text in (
                LEGAL_SUFFIXES) and doc.tokens[hi + 1].sent == doc.tokens[hi].sent:
            hi += 1  # "Castellan Pharmaceuticals Holdings plc", "NordicVital AS"
        elif kind == "ORG" and _remit_of_the(doc, hi):
            hi = _capitalised_run(doc, hi + 3)  # "Canada Council for the Arts"
        elif kind == "ORG" and (head := _shared_head(doc, hi)) > hi:
            hi = head  # "Alberta Business and Tourism Council", tagged as two bodies
        elif kind == "ORG" and _coordinated_remit(doc, lo, hi) > hi:
            hi = _coordinated_remit(doc, lo, hi)  # "Ministry of Colleges and Universities"
        else:
            break
    return list(doc.tokens[lo:hi + 1])


def _capitalised_run(doc: ParsedDoc, hi: int) -> int:
    """The last word of the capitalised words from ``hi`` on, joined by ``of`` or a
    glued possessive (``District of St. Mary's``), whatever their tags."""
    toks = doc.tokens
    while hi + 1 < len(toks) and toks[hi + 1].sent == toks[hi].sent:
        nxt = toks[hi + 1]
        if nxt.text[:1].isupper() and nxt.upos in ("PROPN", "NOUN", "ADJ"):
            hi += 1
        elif nxt.text == "of" and hi + 2 < len(toks) and toks[hi + 2].text[:1].isupper():
            hi += 2
        elif nxt.text in POSSESSIVES and nxt.start <= toks[hi].end:
            hi += 1
        else:
            break
    return hi


def _inquiry_into(doc: ParsedDoc, hi: int) -> bool:
    """Word ``hi`` ends an inquiry's name that goes on with what it looks into
    (``Royal Commission into the Monaro Bushfires``, ``Inquiry into Foreign
    Interference``)."""
    toks = doc.tokens
    if hi + 2 >= len(toks) or toks[hi].text.lower() not in ("commission", "inquiry") or (
            toks[hi + 1].text != "into"):
        return False
    k = hi + 3 if toks[hi + 2].text == "the" else hi + 2
    return k < len(toks) and toks[k].text[:1].isupper() and toks[k].sent == toks[hi].sent


def _office_of_the(doc: ParsedDoc, lo: int) -> bool:
    """Word ``lo`` opens a name right after a capitalised organisation head word and
    ``of the`` (``Office of the Chief Coroner``): the head word names the body."""
    toks = doc.tokens
    return lo >= 3 and toks[lo - 1].text.lower() == "the" and toks[lo - 2].text == "of" and (
        toks[lo - 3].text[:1].isupper()) and toks[lo - 3].text.lower() in words(
        "organizations") and toks[lo - 3].sent == toks[lo].sent


# Bodies that a government or a business keeps in another place, named with it.
_STATIONED = frozenset({"embassy", "consulate", "mission", "commerce"})


def _stationed(doc: ParsedDoc, hi: int) -> bool:
    """Word ``hi`` ends a mission's name followed by ``in`` or ``to`` and a place
    (``Chinese Embassy in Washington``, ``Chamber of Commerce in China``)."""
    toks = doc.tokens
    return hi + 2 < len(toks) and toks[hi].text.lower() in _STATIONED and (
        toks[hi].text[:1].isupper()) and toks[hi + 1].text in ("in", "to") and (
        toks[hi + 2].ner == "B-LOC" or is_place(toks[hi + 2].text)) and (
        toks[hi + 2].sent == toks[hi].sent)


# Words naming a numbered branch of a union or a club: "Local 41", "Lodge 12".
_NUMBERED = frozenset({"local", "lodge", "branch", "chapter"})
_LINKS = _FRENCH_OF | {"of", "for"}


# Capitalised heads of a municipality's name before "of" and its place.
_MUNICIPAL = frozenset({"City", "Town", "Village", "County", "Municipality", "Township",
                        "District", "Region"})


def _led_by(doc: ParsedDoc, lo: int, hi: int, kind: str) -> int:
    """Words before ``lo..hi`` that lead the name, as a count (0: none): the
    capitalised common noun of a body named by portfolio and place (``Elections``
    Canada), or an organisation's capitalised head and a linking word before the
    tagged words (``Regroupement des`` PME de la Rive-Sud) or a municipality's
    (``Town of`` Larchmere), never a title."""
    toks = doc.tokens
    if lo < 1:
        return 0
    word = toks[lo - 1]
    head = toks[lo - 2] if lo > 1 and word.text.lower() in _LINKS else word
    if kind == "LOC" and word.text == "of" and head.i != word.i and (
            head.text in _MUNICIPAL) and head.sent == toks[lo].sent:
        return 2  # "Town of" Larchmere, "City of" Saskatoon: its government
    if head.i == word.i and kind != "LOC" or head.i != word.i and kind != "ORG":
        return 0
    opening = head.i == doc.sentences[head.sent].first  # capitalised by position only?
    capital = head.text[:1].isupper() and head.upos in ("NOUN", "PROPN") and (
        not opening or head.i == word.i) and head.sent == toks[lo].sent and (
        head.text.lower() not in words("titles") | words("person_nouns"))
    if not capital:
        return 0
    if head.i == word.i:
        return 1 if place_body(f"{head.text} " + " ".join(
            t.text for t in toks[lo:hi + 1])) else 0
    return 2 if head.ner == "O" or head.ner[2:] == "ORG" else 0


def _second_portfolio(doc: ParsedDoc, lo: int, hi: int) -> bool:
    """Words ``lo..hi`` name a body by place and portfolio and go on with ``and`` and
    one more capitalised word that ends the name: a second portfolio of the same body."""
    toks = doc.tokens
    if hi + 2 >= len(toks) or toks[hi + 1].text != "and" or toks[hi + 2].sent != toks[hi].sent:
        return False
    second = toks[hi + 2]
    after = toks[hi + 3] if hi + 3 < len(toks) else None
    return second.upos == "PROPN" and second.text[:1].isupper() and not is_place(
        second.text) and not (after is not None and after.text[:1].isupper() and (
            after.sent == second.sent)) and place_body(
        " ".join(t.text for t in toks[lo:hi + 1]) + " and " + second.text)


def _remit_of_the(doc: ParsedDoc, hi: int) -> bool:
    """A body's name at ``hi`` goes on with ``for the`` or ``of the`` and a capitalised
    word (``Canada Council for the Arts``, ``Society for the Prevention of ...``)."""
    toks = doc.tokens
    return hi + 3 < len(toks) and toks[hi + 1].text in ("for", "of") and toks[
        hi + 2].text == "the" and toks[hi + 3].text[:1].isupper() and toks[hi + 3].upos in (
        "PROPN", "NOUN") and toks[hi + 3].sent == toks[hi].sent and toks[
        hi].text.lower() in words("organizations")


# A company's legal form as written after its name (exact case: "AS", not "as"), and
# the same forms in lower case without stops, as name words are compared.
LEGAL_SUFFIXES = frozenset({"Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "Limited", "LLC",
                            "plc", "PLC", "AG", "SA", "S.A.", "AS", "ASA", "AB", "NV", "N.V.",
                            "BV", "GmbH", "Oyj", "LLP", "LP", "ULC", "SpA", "S.p.A."})
INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "N.", "J.K." before a person's name
LEGAL_FORMS = frozenset(w.lower().replace(".", "") for w in LEGAL_SUFFIXES)


def is_legal_form(word: str) -> bool:
    """``word`` is a company's legal form, case, stops and a trailing comma aside
    (``Inc.``, ``S.A.``, ``plc``)."""
    return word.lower().replace(".", "").rstrip(",") in LEGAL_FORMS


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _shared_head(doc: ParsedDoc, hi: int) -> int:
    """``Alberta Business`` + ``and Tourism Council``: the body's head word after ``and``
    that word ``hi`` is a compound of, when capitalised words run from ``and`` to it
    (one name, two words of its remit); else -1."""
    toks = doc.tokens
    if hi + 2 >= len(toks) or toks[hi + 1].text not in ("and", "&") or (
            toks[hi].deprel != "compound"):
        return -1
    head = toks[hi].head
    if head <= hi + 1 or toks[head].sent != toks[hi].sent or (
            toks[head].text.lower() not in words("organizations")):
        return -1
    run = toks[hi + 2:head + 1]
    return head if all(t.text[:1].isupper() and t.upos in ("PROPN", "NOUN", "ADJ")
                       for t in run) else -1


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
        if t.text in POSSESSIVES and toks[k + 1].text.lower() in words("organizations") and (
                k == 0 or is_place(toks[k - 1].text) or toks[k - 1].ner.endswith("LOC")
                or toks[k - 1].text.replace(".", "").isupper()):  # "B.C.'s Ministry of"
            return toks[k + 1:]  # not "Children's Hospital Foundation": no place owns it
    return toks


def _singular_owner(doc: ParsedDoc, hi: int) -> bool:
    """Word ``hi`` owns the rest of an organisation's name: a glued ``'s``, then a
    capitalised organisation head word, the owner no place (``Western Ontario
    Children's Hospital``; ``Ontario's Ministry of Health`` is the ministry's alone)."""
    toks = doc.tokens
    return hi + 2 < len(toks) and toks[hi + 1].text in ("'s", "\u2019s") and (
        toks[hi + 1].start <= toks[hi].end) and toks[hi + 2].text[:1].isupper() and (
        toks[hi + 2].text.lower() in words("organizations")) and not is_place(
        toks[hi].text) and not toks[hi].ner.endswith("LOC") and toks[hi].text[:1].isupper()


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


@cache
def _role_words() -> frozenset[str]:
    """Lower-case role words after which a capitalised word starts a name, whatever
    its tag (``Geography professor Aled Pryce-Montgomery``, ``Aled`` tagged a verb)."""
    return words("person_nouns") | words("titles")


def _plain_name_word(word: str) -> bool:
    """A title-case word that is no organisation head word or title (a given name
    the lexicon may lack)."""
    low = word.lower()
    return word.isalpha() and word[:1].isupper() and not word.isupper() and (
        low not in words("organizations") and low not in words("titles"))


def _given(word: str) -> bool:
    """A word that can open a person's name: a given name or an initial (``J.``)."""
    return is_given_name(word.rstrip(".")) or bool(re.fullmatch(r"[A-Z]\.?", word))


def _next_name_word(doc: ParsedDoc, prev: Token, t: Token) -> bool:
    """``t`` goes on the name ending at ``prev``: a capitalised proper noun one space
    after it, in its sentence or opening the next one when the tokenizer split the
    sentence inside the name (``Dr. Marisa`` | ``Twoyoungmen, a medical officer``)."""
    across = t.sent == prev.sent + 1 and prev.upos != "PUNCT"
    return (t.sent == prev.sent or across) and doc.text[prev.end:t.start] == " " and (
        prev.upos == "PROPN" and t.upos == "PROPN" and t.text[:1].isupper())


_PLACE_CASES = {"in", "at", "from", "to", "into", "across", "near", "throughout", "around",
                "of", "outside", "inside"}


def _capitals(word: str) -> bool:
    """``RCMP``, ``U.N.``, ``JOHN'S``: two or more letters, all capitals."""
    letters = "".join(c for c in word if c not in ".'\u2019")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


DATELINE_MARKS = frozenset({",", "(", "-", "--", "\u2014", "\u2013"})


def is_dateline(toks: Sequence[Token], first: int, last: int) -> bool:
    """Words ``first..last`` are a dateline (``SUDBURY, Ont. --``, ``ST. JOHN'S --``):
    capitals opening their paragraph, before a comma, a dash or a bracket, or a
    capitalised place before an agency's credit and a dash (``Doha (AFP) --``)."""
    opens = first == 0 or toks[first - 1].para != toks[first].para
    after = toks[last + 1].text if last + 1 < len(toks) else ""
    credited = last + 4 < len(toks) and after == "(" and toks[last + 3].text == ")" and (
        toks[last + 4].text in DATELINE_MARKS)  # "Doha (AFP) -": an agency's credit
    return opens and after in DATELINE_MARKS and (all(
        _capitals(t.text) or t.text in ("'S", "\u2019S") for t in toks[first:last + 1]) or (
        credited and all(t.text[:1].isupper() for t in toks[first:last + 1])))


def _title_word(t: Token) -> bool:
    """A capitalised word that may be part of a name (not a sentence-opening common
    noun or article)."""
    return t.upos in ("PROPN", "NOUN", "ADJ") and t.text[:1].isupper() and (
        t.text.lower() not in _SKIP_WORDS)


def _place_case(doc: ParsedDoc, i: int, extra: frozenset[str] | set[str] = frozenset()
                ) -> bool:
    """Word ``i`` is governed by a place preposition (``in``, ``from``, ``to``)."""
    return any(t.head == i and t.rel == "case" and t.text.lower() in _PLACE_CASES | extra
               for t in doc.tokens[max(0, i - 3):i])


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


def _with_adjectives(doc: ParsedDoc, run: list[Token]) -> list[Token]:
    """An organisation's run with the capitalised adjectives before it (``Saudi
    Interior Ministry``); the sentence's first word only as a modifier of the name's own
    words (``Fresh Harvest Foods, one of ..., said``; not ``Senior Interior Ministry
    officials``)."""
    k = run[0].i
    inside = {t.i for t in run}
    while k > 0 and doc.tokens[k - 1].upos in ("ADJ", "PROPN") and (
            doc.tokens[k - 1].text[:1].isupper()) and doc.tokens[k - 1].ner[2:] != "PER" \
            and doc.tokens[k - 1].sent == run[0].sent and (k - 1 > doc.sentences[
                run[0].sent].first or (doc.tokens[k - 1].head in inside and doc.tokens[
                    k - 1].deprel in ("amod", "compound"))):
        k -= 1  # "Korean Central News Agency"
        inside.add(k)
    return [*doc.tokens[k:run[0].i], *run]


def _particle_tail(doc: ParsedDoc, hi: int) -> int:
    """The last word of lower-case surname particles right after word ``hi`` and the
    capitalised surname they lead to, in its sentence (``de la Vega``), else ``hi``."""
    k = hi + 1
    while k < len(doc.tokens) and doc.tokens[k].text in PARTICLES and (
            doc.tokens[k].sent == doc.tokens[hi].sent):
        k += 1
    last = doc.tokens[k] if k < len(doc.tokens) else None
    if k == hi + 1 or last is None or last.sent != doc.tokens[hi].sent or not (
            last.text[:1].isupper() and last.upos == "PROPN" and last.ner == "O"):
        return hi
    return k


PARTICLES = ("al", "el", "ad", "ash", "bin", "ibn", "abu", "van", "von", "der", "de", "del",
             "della", "da", "di", "du", "dos", "das", "le", "la")


_GLUED_PARTICLE = re.compile(rf"(?:{'|'.join(PARTICLES)})-[A-Z][\w'-]*")


def without_particle(word: str) -> str:
    """A surname without the particle a hyphen glues to its front (``al-Momani`` ->
    ``Momani``, as a second reference writes it); any other word as it is."""
    return word.split("-", 1)[1] if _GLUED_PARTICLE.fullmatch(word) else word


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
    return t.text in PARTICLES and (nxt.text[:1].isupper() or surname_particle(toks, k + 1))


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
    if _french_link(toks, k):
        return True  # "Regroupement des PME de la Rive-Sud"
    remit = t.text.lower() == "on" and toks[k - 1].text.lower() in words("organizations")
    if t.text.lower() not in _JOINERS and not remit:  # "Commission on Presidential Debates"
        return False
    nxt = toks[k + 1]
    tags = ("PROPN", "ADJ", "NOUN") if t.text in _HYPHENS or t.text == "for" else (
        "PROPN", "ADJ")  # "High Commissioner for Refugees", "Refugees" read as a noun
    if nxt.upos not in tags or not nxt.text[:1].isupper() or (
            nxt.text.lower() in words("calendar")):
        return False
    return t.text not in _HYPHENS or (_glued(toks[k - 1], t) and _glued(t, nxt))


_FRENCH_ARTICLES = frozenset({"la", "le", "les", "l'", "l\u2019"})


def _french_link(toks: Sequence[Token], k: int) -> bool:
    """Word ``k`` is ``de``/``des``/``du`` or the article after ``de``, linking two
    capitalised parts of a French name (``des PME``, ``de la Rive-Sud``)."""
    low = toks[k].text.lower()
    if low in _FRENCH_OF:  # after a capitalised word
        nxt = k + 2 if toks[k + 1].text.lower() in _FRENCH_ARTICLES else k + 1
        before = toks[k - 1].text[:1].isupper()
    elif low in _FRENCH_ARTICLES:  # "la" after "de"
        nxt, before = k + 1, toks[k - 1].text.lower() in _FRENCH_OF
    else:
        return False
    return before and nxt < len(toks) and toks[nxt].text[:1].isupper()


def _runs(doc: ParsedDoc, covered: set[int]) -> list[list[Token]]:
    """Runs of capitalised proper nouns outside ``covered``, with their joiners."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for k, t in enumerate(doc.tokens):
        cap = t.text[:1].isupper() and t.i not in covered
        org_word = t.text.lower() in words("organizations")
        after_joiner = bool(run) and run[-1].text.lower() in _JOINERS | {"on"}
        glued = bool(run) and run[-1].text in _HYPHENS and _glued(run[-1], t)  # "–Credit"
        owner = bool(run) and t.text in ("'", "\u2019") and run[-1].text.endswith("s") and (
            (_glued(run[-1], t) or t.start == run[-1].start) and k + 1 < len(doc.tokens)
            and doc.tokens[k + 1].text[:1].isupper())  # "Teachers' Federation"
        titled = t.upos in ("NOUN", "ADJ") and t.i > doc.sentences[t.sent].first and (
            not t.text.isupper())  # "Credit Valley Elementary Teachers' Federation"
        proper = cap and (t.upos == "PROPN" or glued or titled or (bool(run) and org_word)
                          or (org_word and t.i > doc.sentences[t.sent].first)  # "Commission"
                          or (after_joiner and t.upos == "ADJ"))  # "on Presidential Debates"
        near = not run or run[-1].sent == t.sent or doc.text[run[-1].end:t.start] == " "
        listed = bool(run) and t.text == "and" and k + 1 < len(doc.tokens) and any(
            x.text in ("of", "for") for x in run) and doc.tokens[k + 1].i not in covered and (
            _remit_word(doc, k + 1))  # "Ministry of Public and Business Service Delivery"
        if near and (proper or (run and t.i not in covered and (
                _joins(doc, k) or listed or owner))):
            run.append(t)
            continue
        if run:
            runs.append(run)
        run = [t] if proper else []
    if run:
        runs.append(run)
    return runs


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
        inside = low in PARTICLES and (first_name_gender(before) is not None or (
            before.lower() in PARTICLES) or (before[:1].isupper() and (
                before.lower().rstrip(".") not in titles)))  # "Eileen de Villa",
        # "Ursula von der Leyen", "Lucía Herrero de la Vega"
        lower = not w[:1].isupper() and not inside
        given = (cut == k > 0 or k == 0 < len(toks) - 2) and w[:1].isupper() and (
            first_name_gender(w) is not None)  # "Earl Ray Tomblin", not "Earl Spencer"
        title = low in titles or w.lower() in titles  # "Gov.": listed with its stop
        if (title and not given) or low in HONORIFICS or lower or w.endswith("'s"):
            cut = k + 1
    toks = toks[cut:]
    for k, w in enumerate(toks[1:-1], start=1):
        if first_name_gender(w) is not None and first_name_gender(toks[0]) is None and not (
                INITIALS.fullmatch(toks[0])):  # "N. Ravi Gowda" keeps its initial
            return toks[k:]
    return toks


def heads_organisation(doc: ParsedDoc, last: int) -> bool:
    """Within two lower-case words after word ``last`` comes an organisation noun
    (``... Liberal riding association``, ``... Teachers union``, ``the Romney
    campaign``): the name before it modifies a body's noun."""
    after = doc.tokens[last + 1:last + 4]
    for t in after:
        if t.text.lower() in words("organizations") and t.text[:1].islower():
            return True
        if t.upos not in ("NOUN", "ADJ") or not t.text[:1].islower():
            return False
    return False
