"""Named entities of one article: NER mentions grouped into entities with one name.

Pure functions over a ``ParsedDoc`` whose tokens carry IOB2 ``ner`` tags.
``find_mentions`` reads every named mention: a maximal tagged run (``name_runs``: trimmed
of ``the``, a possessive and what a lower-case word cuts off, grown over the words of
the same name), runs the NER model tagged apart joined (a glued hyphen, two person
tags side by side, a sentence split inside the name), a person's name stopped at
``and``, ``of`` and any verb, then the document-level repairs of ``mention_types``
(and ``acronyms``), and proper-noun runs the lexicon types.  ``find_entities`` groups
an article's mentions into entities:

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
from dataclasses import replace

from quotetrack.extract.acronyms import acronym, bare
from quotetrack.extract.employers import employers
from quotetrack.extract.furniture import heading
from quotetrack.extract.mention_types import (
    _is_subject,
    company_of,
    described_body,
    described_person,
    full_surnames,
    late_repairs,
    repair_types,
)
from quotetrack.extract.mentions import KINDS, Entity, Mention
from quotetrack.extract.name_runs import (
    _HYPHENS,
    _SAINTS,
    HONORIFICS,
    INITIALS,
    LEGAL_SUFFIXES,
    POSSESSIVES,
    _cased,
    _coordinated_remit,
    _domain,
    _extend,
    _glued,
    _hyphenated,
    _name_tokens,
    _next_name_word,
    _office_of_the,
    _organisation_words,
    _past_owner,
    _role_words,
    _runs,
    _surface,
    _trim,
    _with_adjectives,
    heads_organisation,
    honorific_gender,
    is_legal_form,
    name_words,
    title_case,
    without_particle,
)
from quotetrack.extract.places import is_place, place_body
from quotetrack.lexicon import first_name_gender, is_given_name, is_person_noun, words
from quotetrack.records import ParsedDoc, Token


def find_mentions(doc: ParsedDoc) -> tuple[Mention, ...]:
    """Every named mention of the document, in text order."""
    out: list[Mention] = []
    run: list[Token] = []
    kind = ""

    def close() -> None:
        toks = _cased(doc, _trim(doc, run), kind)
        typed = "ORG" if kind in ("PER", "LOC") and toks and (_unowned(toks[-1]) in words(
            "organizations") or len(toks) > 1 and is_legal_form(toks[-1].text)) else kind
        # "the Kremlin", "Roper Center", "Gold Corp.'s", "Minera Cerro Azul S.A."
        if typed in ("LOC", "PER") and _organisation_words(toks):
            typed = "ORG"  # "Bank of Canada", "Amnesty International", "Ministry of Health"
        toks = _past_owner(_extend(doc, toks, typed))
        if typed in ("LOC", "PER") and toks and (_organisation_words(toks) or toks[
                -1].text.lower() in words("organizations")):
            typed = "ORG"  # grown back over a body's head word ("Office of the Chief Coroner")
        if typed == "PER" and len(toks) > 2 and place_body(_surface(doc, toks)) and any(
                t.text == "and" for t in toks):
            typed = "ORG"  # "Alberta Fish and Wildlife": grown into a body's name
        domain = _domain(doc, toks)
        if domain is not None:  # "Gawker.com": a website, whatever the model typed
            toks, typed = [*toks, domain], "ORG"
        cut = _title_before_person(doc, toks) if typed in ("ORG", "LOC") else None
        toks = toks[:cut] if cut is not None else toks  # "Bank of Canada Governor" |
        # "Elise Marchetti", "Colorado Gov." | "Teresa ...", "Kestrel Chief Executive" |
        # "Officer Graham Whitcombe": the title before a person's name is no part of a name
        if typed == "PER" and len(toks) > 1 and toks[-1].text in STREETS:
            typed = "LOC"  # "Downing Street", "Wellington Street": a street, not a person
        while typed == "PER" and toks and toks[0].upos not in ("PROPN", "X") and not (
                toks[0].text[:1].isupper() and (toks[0].xpos in ("NNP", "NNPS") or _hyphenated(
                    doc, toks[0].i)[1] > toks[0].i or (
                    toks[0].i > 0 and doc.tokens[toks[0].i - 1].text in _role_words()) or (
                    len(toks) > 1 and (is_given_name(toks[0].text) or _capitals_hyphened(
                        toks[0].text))))):
            toks = toks[1:]  # "Injecting Clinton": a name starts at a proper noun (or a
            # capitalised word tagged NNP, "Evelyn" read as an adverb, one a glued
            # hyphen ties to the rest, "Desrochers-Obi", or a given name before more of
            # the name, "Daniel" read as an adjective, "Mei-Ling" as a verb)
        if typed == "PER" and toks:  # "Foreign Minister Sergei Lavrov": the name only
            toks = _name_tokens(doc, toks)
        if out and toks and toks[0].i <= out[-1].last:
            if not run or run[0].i <= out[-1].last:
                return  # inside the name before it, grown over this one ("..., Training
                # and Skills Development" after "Ministry of Labour, Immigration")
            toks = [t for t in toks if t.i > out[-1].last]  # grown back into the name
            # before it ("Elizabeth Warren Hammers" | "Wells Fargo"): its own words only
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
        elif run and run[-1].text in _HYPHENS and _glued(run[-1], t) and (
                t.text[:1].isupper() or (kind == "PER" and t.upos == "PROPN") or (
                    kind == "ORG" and t.text.isalpha() and len(run) > 1)):  # "Radio-television"
            tag = "I-" + kind  # "Laboucane-Price": a capitalised word glued on, any tag;
            # "Hyun-woo": a given name's second part (a proper noun), not "Smith-led"
        elif run and kind == "PER" and _glued(run[-1], t) and _syllable(run, t):
            tag = "I-PER"  # "Lin Po-han", "Tsai Ing-wen": a given name's second syllable
        elif run and _glued(run[-1], t) and t.text[:1] in _HYPHENS and t.text[1:2].isupper():
            tag = "I-" + kind  # "Mohammadi" + "-Fox": the hyphen the tokenizer kept on
        elif run and absorbed and tag == "I-" + absorbed:
            tag = "I-" + kind
        elif run and kind == "ORG" and tag == "B-ORG" and len(run) > 2 and (
                run[-2].text in _HYPHENS and _glued(run[-3], run[-2]) and (
                    _glued(run[-2], run[-1])) and run[-1].end < t.start and (
                    run[-1].sent == t.sent)):
            absorbed, tag = "ORG", "I-ORG"  # "Prairie Co-op" + "Housing Association":
            # a body the model tagged apart after a hyphenated word
        else:
            absorbed = ""
        if run and kind == "PER" and tag == "B-PER" and _next_name_word(doc, run[-1], t):
            tag = "I-PER"  # "Kiran" "Bhattacharya": one name the model tagged twice
        elif run and kind in ("ORG", "LOC") and tag[:2] == "B-" and tag[2:] in ("ORG", "LOC") and (
                run[-1].text in POSSESSIVES and run[-1].sent == t.sent and (
                    t.text[:1].isupper()) and _SAINTS.search(
                        doc.text[run[0].start:run[-1].end]) is not None):
            kind, absorbed, tag = "ORG", tag[2:], "I-ORG"  # "St. Brendan's" + "Regional
            # Hospital": a saint's name the model tagged apart from the institution it names
        elif run and tag == "O" and run[-1].text in POSSESSIVES and run[-1].sent == t.sent and (
                len(run) > 1 and t.text[:1].isupper() and t.text.lower() in words(
                    "organizations")):
            kind, tag = "ORG", "I-ORG"  # "Hollis County Sheriff's" + "Office": the model
            # stopped at the possessive inside a body's name
        elif run and kind == "LOC" and tag == "B-ORG" and run[-1].sent == t.sent and (
                run[-1].end < t.start and run[-1].upos == "PROPN"):
            kind, tag = "ORG", "I-ORG"  # "Wascana Valley" + "School Division": a place
            # the model tagged apart from the body named after it
        inside = tag.startswith("I-") and run and tag[2:] == kind and (
            run[-1].sent == t.sent or _next_name_word(doc, run[-1], t))
        if inside and (t.text in (",", ";", "(", ")", ":", "\u201c", "\u00ab", "\u201e", '"') or (
                "\n" in doc.text[run[-1].end:t.start]) or (
                kind == "PER" and (t.upos == "CCONJ" or t.text == "of")
                and run[-1].text.lower() not in words("organizations")) or (
                t.upos in ("VERB", "AUX") and t.xpos not in ("NNP", "NNPS")
                and not is_given_name(t.text) and run[-1].text.lower() not in _role_words()
                and not _surname_after(run, t) and not _inner_org_word(doc, kind, t))):
            inside = False  # "Toledo, Clinton", "Trump and Putin", "Tomblin of West
            tag = "O"  # Virginia" (not "Ministry of"): two names; nor does a name run
            # through "tells", "Goes"
            # over an opening quote mark or a line break ("Jacklyn Ashley" | "\u201cTrump")
        if inside and t.text == "of" and kind in ("LOC", "ORG") and _person_of(run):
            inside, kind, tag = False, "PER", "O"  # "Leila Mansour of Halifax" (all LOC)
        if inside:
            run.append(t)
            continue
        if run:
            close()
        run, kind = (_glued_before(doc, t), tag[2:]) if tag != "O" else ([], "")
    if run:
        close()
    typed = _propn_mentions(doc, set())  # the lexicon's reading of every proper-noun run
    out = employers(doc, repair_types(doc, out, typed))
    covered = {k for m in out for k in range(m.first, m.last + 1)}
    out += _propn_mentions(doc, covered)
    covered = {k for m in out for k in range(m.first, m.last + 1)}
    found = out + _short_mentions(doc, out, covered)  # a name has a letter or digit
    found = sorted((m for m in found if any(c.isalnum() for c in m.text) and not (
        _markup(m.text))), key=lambda m: m.first)
    return tuple(_with_initials(doc, _surname_after_body(doc, late_repairs(doc, found))))
    # the untagged runs added too ("Vantor said")


def _surname_after_body(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """``the editorial board of the Washington Post Trump said``, tagged one body: a
    body's run ending in the surname of a person the article names in full (no comma
    between them) is the body and that person."""
    surnames = {s for s in full_surnames([m for m in found if is_given_name(
        m.text.split()[0])]) if not is_place(s)}
    out: list[Mention] = []
    for m in found:
        last = doc.tokens[m.last]
        if m.type == "ORG" and m.last > m.first and last.text in surnames and (
                doc.tokens[m.last - 1].upos == "PROPN") and (
                last.text.lower() not in words("organizations")):
            body = doc.tokens[m.first:m.last]
            out.append(replace(m, last=m.last - 1, end=body[-1].end,
                               text=_surface(doc, list(body))))
            out.append(Mention(last.i, last.i, last.start, last.end, last.text, "PER", m.sent))
        else:
            out.append(m)
    return out


def _inner_org_word(doc: ParsedDoc, kind: str, t: Token) -> bool:
    """A capitalised word read as a verb inside a body's name the model tagged on past
    it (``Castlegate Underwriting Ltd.``, ``Northern Mining Corp.``)."""
    nxt = doc.tokens[t.i + 1] if t.i + 1 < len(doc.tokens) else None
    return kind == "ORG" and t.text[:1].isupper() and nxt is not None and (
        nxt.ner == "I-ORG") and nxt.sent == t.sent and nxt.text[:1].isupper()


def _title_before_person(doc: ParsedDoc, toks: list[Token]) -> int | None:
    """Where in a body's or place's run a title begins that a person's name follows
    (after at most two more title-case words): from the first title word whose words to
    the name are all capitalised, unless a function word ends the words before it
    (``Office of the Chief Coroner``)."""
    if not toks:
        return None
    end = toks[-1].i
    nxt = end + 1
    while nxt < len(doc.tokens) and nxt - end <= 2 and doc.tokens[nxt].ner != "B-PER" and (
            doc.tokens[nxt].text[:1].isupper() and doc.tokens[nxt].sent == toks[-1].sent):
        nxt += 1
    if nxt >= len(doc.tokens) or doc.tokens[nxt].ner != "B-PER" or (
            doc.tokens[nxt].sent != toks[-1].sent):
        return None
    for k in range(1, len(toks)):
        low = toks[k].text.lower()
        if (low in words("titles") or low.rstrip(".") in words("titles")) and all(
                t.text[:1].isupper() for t in toks[k:]) and (
                toks[k - 1].text.lower() not in _FUNCTION_WORDS):
            return k
    return None


_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "&", "de", "on", "to"})


def _markup(text: str) -> bool:
    """Text no name is written with: markup, a ticker or handle sign (``Warren.$WFC``,
    ``PfASkm7vah<`` of an embedded post), or a word mixing lower case, capitals and
    digits past its first letter, as a link's code does."""
    return bool(_MARKUP.search(text)) or any(
        len(w) >= 6 and any(c.isdigit() for c in w) and any(c.islower() for c in w[1:])
        and any(c.isupper() for c in w[1:]) for w in text.split())


_MARKUP = re.compile(r"[<>{}\[\]=@$#|\\^~]")


def _with_initials(doc: ParsedDoc, found: Sequence[Mention]) -> list[Mention]:
    """A person's name takes the initials written right before it (``N. Ravi Gowda``,
    ``J.K. Simmons``), not an abbreviation the NER model tagged (``U.S.``)."""
    out: list[Mention] = []
    for m in found:
        k = m.first - 1
        while m.type == "PER" and k >= 0 and INITIALS.fullmatch(doc.tokens[k].text) and (
                doc.tokens[k].sent == m.sent) and doc.tokens[k].ner == "O" and not (
                out and out[-1].last >= k):
            k -= 1
        first = doc.tokens[k + 1]
        out.append(m if first.i == m.first else replace(
            m, first=first.i, start=first.start, text=doc.text[first.start:m.end]))
    return out


def _capitals_hyphened(word: str) -> bool:
    """``Mei-Ling``, ``Jean-Luc``: capitalised parts joined by hyphens, a name's word."""
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() and p.isalpha() for p in parts)


def _unowned(t: Token) -> str:
    """Word ``t`` in lower case without the possessive the tokenizer left glued to it
    (``Corp.’s`` -> ``corp.``)."""
    low = t.text.lower()
    for mark in ("'s", "\u2019s"):
        if low.endswith(mark) and len(low) > len(mark):
            return low[:-len(mark)]
    return low


def _surname_after(run: Sequence[Token], t: Token) -> bool:
    """``t`` is a title-case word the model continues a person's name with right after
    one proper noun it starts the name with (``Eitan`` ``Shaked``, the surname tagged
    a verb)."""
    return len(run) == 1 and t.ner == "I-PER" and t.text[:1].isupper() and (
        not t.text.isupper()) and run[0].ner == "B-PER" and run[0].upos == "PROPN"


def _syllable(run: Sequence[Token], t: Token) -> bool:
    """``t`` is the lower-case second part of a hyphenated given name after a surname
    (``Lin Po`` ``-`` ``han``, ``Lin Po-`` ``han``): a short word, no verb, adjective or
    compound tail (not ``Joe Biden-era``)."""
    hyphen = run[-1].text in _HYPHENS and len(run) >= 3 or (
        len(run[-1].text) > 1 and run[-1].text[-1] in _HYPHENS)
    return hyphen and t.text.isalpha() and t.text.islower() and len(t.text) <= 6 and (
        t.upos not in ("VERB", "ADJ", "AUX")) and t.text not in _COMPOUND_TAILS


# Nouns that end a compound adjective after a name ("the Biden-era rule").
_COMPOUND_TAILS = frozenset({"era", "style", "like", "type", "esque", "ite", "ites", "ism"})


STREETS = frozenset({"Street", "Avenue", "Road", "Boulevard", "Drive", "Lane", "Way",
                      "Crescent", "Square", "St.", "Ave.", "Rd.", "Blvd."})


def _glued_before(doc: ParsedDoc, t: Token) -> list[Token]:
    """A name starting at ``t`` with the capitalised words a glued hyphen joins to its
    front (``Desrochers-Obi``, the model having tagged only ``Obi``)."""
    first = _hyphenated(doc, t.i)[0]
    while first < t.i and not (doc.tokens[first].text[:1].isupper()
                               and doc.tokens[first].sent == t.sent):
        first += 2
    return list(doc.tokens[first:t.i + 1])


def _person_of(run: Sequence[Token]) -> bool:
    """A tagged run that reads as a person's given name and surname before ``of``
    (``Leila Mansour`` of Halifax, ``Sen. Dale Whitcombe`` of Kansas: titles aside),
    not a body's name (``Bank`` of Canada)."""
    while len(run) > 2 and ({run[0].text.lower(), run[0].text.lower().rstrip(".")} & (
            HONORIFICS | words("titles"))):
        run = run[1:]
    return len(run) in (2, 3) and is_given_name(run[0].text) and not is_place(
        run[0].text) and all(t.text[:1].isupper() and t.text.lower() not in words(
            "organizations") for t in run)


def _short_mentions(doc: ParsedDoc, found: Sequence[Mention], covered: set[int]
                    ) -> list[Mention]:
    """Single proper nouns outside every mention that repeat a known person's surname
    (or family name written first: ``Gao`` after ``Gao Ruiming``),
    an organisation's one-word name or its acronym (``Trump`` after ``Donald Trump``,
    ``WHO`` after ``World Health Organisation``), or the first word of a company's legal
    name (``Valemont`` after ``Valemont Pharma Inc.``)."""
    known: dict[str, str] = {}
    for m in found:
        parts = m.text.split()
        if m.type == "PER" and len(parts) > 1:
            known.setdefault(parts[-1], "PER")
            if len(parts) == 2 and _family_first(parts):
                known.setdefault(parts[0], "PER")  # "Gao Ruiming", then "Gao said"
        elif m.type == "ORG" and len(parts) == 1:
            known.setdefault(parts[0], "ORG")
        elif m.type == "ORG" and acronym(m.text):
            known.setdefault(acronym(m.text), "ORG")  # "KCNA", "WHO"
            known.setdefault(".".join(acronym(m.text)) + ".", "ORG")  # "S.E.C."
    for m in found:  # "Valemont" of "Valemont Pharma Inc.", not a surname
        parts = m.text.split()
        if m.type == "ORG" and len(parts) > 1 and is_legal_form(parts[-1]) and (
                parts[0] != "The") and not is_place(parts[0]):
            known.setdefault(parts[0], "ORG")
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


def _family_first(parts: Sequence[str]) -> bool:
    """A two-word name whose first word can be a family name written first (``Gao
    Ruiming``): neither word a given name, a title, a body's head word nor a place."""
    common = words("titles") | words("organizations")
    return all(p.isalpha() and p[:1].isupper() and not p.isupper() and not is_given_name(p)
               and p.lower() not in common and not is_place(p) for p in parts)


def _known_word(t: Token, known: dict[str, str]) -> str | None:
    """The known name a proper noun repeats (or a noun the NER model types as a person);
    a capitals-only word is a surname written as a transcript's speaker label
    (``PENCE:`` for ``Mike Pence``) unless an acronym."""
    if t.text in known and (t.upos == "PROPN" or t.text.isupper()):  # "WHO"/PRON
        return t.text
    if t.text in known and known[t.text] == "PER" and t.upos == "NOUN" and (
            t.ner.endswith("PER")):
        return t.text  # "... paper Bos and colleagues describe": a surname read as a noun
    if t.text in known and known[t.text] == "PER" and t.rel in ("nsubj", "nsubj:pass"):
        return t.text  # "Ostrovtsev added", the surname tagged a verb: a subject still
    label = t.text.title()
    if t.text.isupper() and len(t.text) > 2 and t.upos in ("PROPN", "NOUN") and (
            known.get(label) == "PER"):
        return label
    return None


_WEBSITE = re.compile(r"[A-Z][\w-]*\.(com|org|net|ca|co\.uk|io)")


def _typed_run(doc: ParsedDoc, run: list[Token]) -> tuple[str, list[Token]] | None:
    """Type and words of a proper-noun run the NER model left untagged, from the
    lexicon: a known given name starting its name words (``Foreign Minister Sergei
    Lavrov`` -> ``Sergei Lavrov``, ``Kendra``), or an honorific or a title right before
    them (``Professor Cres Eastman``), or a person noun in apposition (``Zhang Xiaowen, a
    spokesperson``), makes a person, and a lone adjective of a common noun is no name
    (``A senior Taiwanese security official``); an organisation head word at its
    start or end an organisation (``Church of Scientology``, ``Saudi Interior Ministry``,
    with the capitalised adjectives before it); a place the lexicon knows (``the former
    New Mexico governor``) and anything else stay untyped."""
    orgs = words("organizations")
    if len(run) == 1 and run[0].upos == "ADJ" and run[0].deprel == "amod" and (
            doc.tokens[run[0].head].text.islower()):
        return None  # "A senior Taiwanese security official": an adjective, no name
    if len(run) == 1 and _WEBSITE.fullmatch(run[0].text):
        return "ORG", run  # "Gawker.com" in one token: a website
    if len(run) >= 2 and _unowned(run[-1]) in orgs:  # "Irving Police Department",
        return "ORG", _with_adjectives(doc, run)  # "Halvorsen Gold Corp.'s"
    if len(run) >= 2 and is_legal_form(run[-1].text):
        return "ORG", run  # "Solaris Energie SA": a legal form ends a company's name
    people = _name_tokens(doc, run)
    if all(t.text.lower() in words("titles") for t in people) or is_place(
            " ".join(t.text for t in people)):
        return None  # "Minister" alone names nobody; "former New Mexico governor" no one
    before = doc.tokens[people[0].i - 1].text.lower() if people[0].i > 0 else ""
    nxt = doc.tokens[run[-1].i + 1] if run[-1].i + 1 < len(doc.tokens) else None
    modifier = nxt is not None and nxt.text.islower() and is_person_noun(nxt.lemma) and (
        run[-1].head == nxt.i)  # "A senior Kremlin official": no title before a person
    titled = not modifier and (before.rstrip(".") in HONORIFICS or before in words("titles"))
    if titled or (
            first_name_gender(people[0].text) is not None
            and (len(people) >= 2 or people[0].i == run[0].i)):  # "Kendra said"
        return "PER", people
    if len(run) >= 2 and described_person(doc, run[0].i, run[-1].i) and (
            run[0].i == 0 or not doc.tokens[run[0].i - 1].text[:1].isupper()):
        return "PER", run  # "Zhang Xiaowen, a spokesperson for ...": a person (the
        # whole capitalised run: not "Amoah-Bélanger" of "Sterling Amoah-Bélanger")
    if len(run) >= 2 and run[0].text.lower() in orgs:
        return "ORG", _with_adjectives(doc, run)
    if described_body(doc, run[0].i, run[-1].i):
        return "ORG", run  # "the company, Medisur Global,"
    if len(run) >= 2 and heads_organisation(doc, run[-1].i):
        return "ORG", run  # "Lakeshore-Credit Valley Liberal riding association"
    if len(run) == 2 and _shortened_to_first(doc, run):
        return "ORG", run  # "Tidewater Orbital" ... "Tidewater's chief engineer"
    if place_body(_surface(doc, run).replace("-", " ")) and (
            len(run) >= 2 or run[0].text.count("-") == 1) and not any(
            {t.text.lower(), t.text.lower().rstrip(".")} & words("titles")
            for t in run):  # "Colorado Gov." is a title
        return "ORG", run  # "Newfoundland Power said", "Hydro-Québec": a place and what
        # names a body
    return None


def _shortened_to_first(doc: ParsedDoc, run: Sequence[Token]) -> bool:
    """The article shortens a two-word name to its first word (no place's) and never to
    its last, as it would a company's (``Tidewater Orbital`` ... ``Tidewater's``), not a
    person's."""
    first, last = _unowned(run[0]), _unowned(run[1])

    def alone(word: str, k: int) -> bool:
        t = doc.tokens[k]
        if _unowned(t) != word or t.upos != "PROPN" or t.ner[2:] == "LOC":
            return False
        before = doc.tokens[k - 1].text[:1] if k > 0 else ""
        after = doc.tokens[k + 1].text[:1] if k + 1 < len(doc.tokens) else ""
        return not before.isupper() and not after.isupper()

    return any(alone(first, k) for k in range(len(doc.tokens))) and not any(
        alone(last, k) for k in range(len(doc.tokens)))


def _propn_mentions(doc: ParsedDoc, covered: set[int]) -> list[Mention]:
    """Mentions for capitalised proper-noun runs outside every NER mention."""
    out: list[Mention] = []
    for run in _runs(doc, covered):
        domain = _domain(doc, run)  # "Gawker" + ".com": a website, read off a bare run too
        typed = ("ORG", [*run, domain]) if domain is not None else _typed_run(doc, run)
        if domain is None and _office_of_the(doc, run[0].i) and not covered & set(
                range(run[0].i - 3, run[0].i)):  # "Office of the Auditor General"
            typed = ("ORG", list(doc.tokens[run[0].i - 3:run[-1].i + 1]))
        toks = _trim(doc, typed[1]) if typed else []
        if toks and out and toks[0].i <= out[-1].last:
            continue  # inside the list of the name before ("..., Land and Resource ...")
        if typed and toks and typed[0] == "ORG":
            toks = _with_remit(doc, toks)
        if typed and toks:
            out.append(Mention(toks[0].i, toks[-1].i, toks[0].start, toks[-1].end,
                               _surface(doc, toks), typed[0], toks[0].sent))
    return out


def _with_remit(doc: ParsedDoc, toks: list[Token]) -> list[Token]:
    """A body's name read off the lexicon with its remit: a list of portfolios
    (``Ministry of Water, Land and ...``) or a phrase the name goes on with (``Office of
    the UN High Commissioner for Refugees``, ``Japanese Embassy in Manila``)."""
    toks = list(doc.tokens[toks[0].i:_coordinated_remit(doc, toks[0].i, toks[-1].i) + 1])
    nxt = toks[-1].i + 1
    if nxt < len(doc.tokens) and doc.tokens[nxt].text in (
            "for", "of", "in", "on", "into", *LEGAL_SUFFIXES):  # "NordicVital AS"
        return _extend(doc, toks, "ORG")
    return toks


def _key(m: Mention) -> str:
    return " ".join(name_words(m.text)) if m.type == "PER" else m.text


def _person_groups(doc: ParsedDoc, mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group person mentions: full names by exact name, a name of two words or more
    that ends exactly one longer name (``Ní Bhriain``, ``Saoirse Ní Bhriain``; ``la
    Vega``, ``Lucía Herrero de la Vega``), one-word names by surname (``Momani`` for
    ``Khaled al-Momani``)
    (the full name with that surname latest a subject before it, else the nearest
    before it, else the first one after), or, failing that, by a full name starting
    with that word, or by a first of two surnames (``Ferrer``, ``Jordi Ferrer Sala``)."""
    full: dict[str, list[Mention]] = {}
    single: list[Mention] = []
    for m in mentions:
        key = _key(m)
        (full.setdefault(key, []) if len(key.split()) > 1 else single).append(m)
    groups = {key: list(ms) for key, ms in full.items()}
    moved: dict[str, str] = {}
    for key in full:  # "Ní Bhriain": the surname of one name a given name longer
        longer = [k for k in full if len(k.split()) > len(key.split())
                  and k.lower().endswith(" " + key.lower())]  # "De la Garza", "la Vega" too
        if len(longer) == 1 and longer[0] in groups and key in groups:
            groups[longer[0]].extend(groups.pop(key))
            moved[key] = longer[0]
    for m in single:
        word = _key(m).lower()
        owners = [k for k in full if word in (  # "Momani" for "Khaled al-Momani"
            k.split()[-1].lower(), without_particle(k.split()[-1]).lower())] or [
            k for k in full if k.split()[0].lower() == word] or _first_surname(
            word, list(full)) or _misspelt(doc, m, list(full))
        if owners:
            owner = _nearest(doc, full, _same_gender(doc, m, owners), m)
            while owner in moved:
                owner = moved[owner]
            groups[owner].append(m)
        else:
            groups.setdefault(_key(m), []).append(m)
    return list(groups.values())


def _same_gender(doc: ParsedDoc, m: Mention, owners: list[str]) -> list[str]:
    """Of the full names a surname may stand for, those whose given name does not
    contradict the honorific before it (``Mrs. Clinton``: Hillary, not Bill Clinton) or
    the pronoun that opens its own reported clause (``Saint-Fleur said he hoped``)."""
    gender = _honorific_gender(doc, m) or _reported_self_gender(doc, m)
    kept = [k for k in owners if first_name_gender(k.split()[0]) in (None, gender)]
    return kept if gender and kept else owners


def _first_surname(word: str, names: list[str]) -> list[str]:
    """The names of a given name and two surnames whose first surname is ``word``
    (``Ferrer`` for ``Jordi Ferrer Sala``: a Spanish or Portuguese name shortened to
    its first surname)."""
    return [k for k in names if len(k.split()) == 3 and k.split()[1].lower() == word
            and is_given_name(k.split()[0])]


def _misspelt(doc: ParsedDoc, m: Mention, names: list[str]) -> list[str]:
    """A titled surname that the article spells once differently (``Ms Bauchtman``
    for ``Lydia Buchtmann``): the one full name whose surname, of five letters or
    more and with the same initial, is at most two edits away."""
    before = doc.tokens[m.first - 1].text.lower().rstrip(".") if m.first > 0 else ""
    word = m.text.lower()
    if before not in HONORIFICS or len(word) < 5:
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


def _leading_words(short: str, long: str, names: Sequence[str]) -> bool:
    """``Dominion Pacific`` for ``Dominion Pacific Bank``: a name of two words or more
    that begins the one longer organisation name that begins with it, whose other
    words end in an organisation's head word, when it ends in none itself (not
    ``Carrick University`` of ``Carrick University Faculty Association``) and names no
    place (``New York``)."""
    if len(short.split()) < 2 or not long.startswith(short + " ") or is_place(short) or (
            re.sub(r"['\u2019]s?$", "", short.split()[-1].lower()).rstrip(".") in words(
                "organizations")):
        return False
    if sum(n.startswith(short + " ") for n in names) != 1:
        return False
    last = long.split()[-1].lower().rstrip(".")
    return last in words("organizations") or is_legal_form(long.split()[-1])


def _org_groups(mentions: Sequence[Mention], story: set[str] | None = None
                ) -> list[list[Mention]]:
    """Group organisation mentions by name, acronym and leading word, and a name of two
    words or more with the one longer name that ends with it (``Justice Department``,
    ``U.S. Justice Department``; not an owner's: ``Liberal Democrats' Cabinet Office``).
    A name of the story's (``story``: all names when None) joins no longer name that
    only a heading gives (``Bid for Gold Miner Aurum Ridge``)."""
    groups = {ms[0].text: ms for ms in _exact(mentions)}
    names = sorted(groups, key=lambda n: -len(n.split()))
    targets = set(story) if story else set(names)
    merged: dict[str, str] = {}
    for short in names:  # "Justice Department" of the one "U.S. Justice Department"
        longer = [n for n in names if len(short.split()) > 1 and n.endswith(" " + short)
                  and not n[:-len(short)].rstrip().endswith(("'", "\u2019", "'s", "\u2019s"))
                  and (n in targets or short not in targets)]
        if len(longer) == 1:
            merged[short] = longer[0]
    for short in names:
        if short in merged:
            continue
        for long in names:
            if long == short or len(long.split()) <= len(short.split()) or long in merged or (
                    short in targets and long not in targets):
                continue
            if bare(short) in (acronym(long), acronym(long.split(" of ")[0])) or company_of(
                    short, long) or _inside_legal_name(short, long) or (
                    len(short.split()) == 1 and (
                    long.split()[0] == short) and not is_place(short)) or (  # not "Alberta"
                    _leading_words(short, long, names)):
                merged[short] = long
                break
    out: dict[str, list[Mention]] = {}
    for name, ms in groups.items():
        root = name
        while root in merged:
            root = merged[root]
        out.setdefault(root, []).extend(ms)
    return list(out.values())


def _inside_legal_name(short: str, long: str) -> bool:
    """A name of two words or more that a company's legal name holds whole before its
    legal form (``Cordillera Austral`` of ``Minera Cordillera Austral S.A.``)."""
    words_ = long.split()
    return len(short.split()) > 1 and is_legal_form(words_[-1]) and (
        f" {short} " in f" {' '.join(words_[:-1])} ")


def _canonical(ms: Sequence[Mention]) -> str:
    counts = Counter(_key(m) for m in ms)
    return max(counts, key=lambda n: (len(n.split()), counts[n], len(n)))


def _honorific_gender(doc: ParsedDoc, m: Mention) -> str | None:
    """``m`` or ``f`` from an honorific right before a mention or opening it (``Mr.``)."""
    prev = doc.tokens[m.first - 1].text if m.first > 0 else ""
    return honorific_gender(prev) or honorific_gender(m.text.split()[0])


def _reported_self_gender(doc: ParsedDoc, m: Mention) -> str | None:
    """``m`` or ``f`` from ``he``/``she`` subject of the clause a mention's verb reports
    right after it (``Saint-Fleur said he hoped``: the speaker speaks of himself)."""
    verb = next((doc.tokens[t.head] for t in doc.tokens[m.first:m.last + 1]
                 if t.rel == "nsubj" and t.head > m.last), None)
    if verb is None or verb.i + 1 >= len(doc.tokens):
        return None
    nxt = doc.tokens[verb.i + 1]
    nxt = doc.tokens[verb.i + 2] if nxt.text.lower() == "that" and verb.i + 2 < len(
        doc.tokens) else nxt
    return {"he": "m", "she": "f"}.get(nxt.text.lower()) if nxt.rel == "nsubj" else None


def _gender(doc: ParsedDoc, name: str, ms: Sequence[Mention]) -> str | None:
    """From an honorific right before a mention (``Mr.``, ``Ms.``), else the first name."""
    for m in ms:
        if gender := _honorific_gender(doc, m):
            return gender
    return first_name_gender(name.split()[0])  # "Melanie", "Kevin": a given name alone too


def group_entities(doc: ParsedDoc, mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    """The article's entities, ordered by first mention."""
    by_type: dict[str, list[Mention]] = {}
    for m in _people_by_surname(_companies_by_short_name(_one_type_per_name(
            _offices_held(doc, mentions)))):
        by_type.setdefault(m.type, []).append(m)
    groups: list[tuple[str, list[Mention]]] = []
    headings = _heading_paragraphs(doc)
    for kind, ms in by_type.items():
        if kind == "PER":
            parts = _person_groups(doc, ms)
        elif kind == "ORG":
            parts = _org_groups(ms, {m.text for m in ms if doc.tokens[m.first].para
                                     not in headings})
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


def _heading_paragraphs(doc: ParsedDoc) -> frozenset[int]:
    """Paragraphs that are headings (``furniture.heading``) or written in title case
    (``name_runs.title_case``): a headline's capitalised run (``... Bid for Gold Miner
    Aurum Ridge``) names an entity only when the story itself does not."""
    styled = {s.tokens[0].para for s in doc.sentences if s.tokens and title_case(s.tokens)}
    return frozenset(n for n, (a, b) in enumerate(doc.paragraphs)
                     if doc.text[a:b].strip() and (n in styled or heading(doc.text[a:b].strip())))


def _offices_held(doc: ParsedDoc, mentions: Sequence[Mention]) -> list[Mention]:
    """An office typed a body that the article writes as a title before a person's
    name (``Veterans Ombud Danielle Kerr``) is that person wherever it stands alone
    (``a report released by the Veterans Ombud``); before the name it is a title."""
    offices = {m.text for m in mentions if m.type == "ORG" and len(m.text.split()) > 1
               and m.text.split()[-1].lower().rstrip(".") in words("titles")}
    held: dict[str, str] = {}
    for p in mentions:
        if p.type == "PER" and len(p.text.split()) > 1:
            for office in offices:  # "Veterans Ombud" + " " + "Danielle Kerr"
                if doc.text[max(0, p.start - len(office) - 1):p.start] == office + " ":
                    held.setdefault(office, p.text)
    return [replace(m, text=held[m.text], type="PER") if m.type == "ORG" and (
        m.text in held) else m for m in mentions]


def _one_type_per_name(mentions: Sequence[Mention]) -> list[Mention]:
    """A name of several words keeps one type in an article: the type most of its
    mentions have, an organisation's on a tie (``developer Larchmont Residential`` read
    a place once and a person once)."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if len(m.text.split()) > 1 and m.type in ("PER", "ORG", "LOC"):
            votes.setdefault(m.text, Counter())[m.type] += 1
    rank = {"ORG": 2, "PER": 1, "LOC": 0}
    best = {text: max(c, key=lambda k: (c[k], rank[k])) for text, c in votes.items()
            if len(c) > 1}
    return [replace(m, type=best[m.text]) if m.text in best else m for m in mentions]


def _companies_by_short_name(mentions: Sequence[Mention]) -> list[Mention]:
    """A one-word name the article also gives as the first word of a company's full
    legal name (``Halvorsen`` for ``Halvorsen Gold Corp.``), or a longer one that name
    extends by its legal form (``Northern Borders Rail``), is that company, whatever
    type it was read as, unless it is a place the lexicon knows or a word of a person's
    full name (``Theriault`` of ``Michael Theriault`` and ``Theriault Kwan LLP``)."""
    people = {w for m in mentions if m.type == "PER" and m.first < m.last
              for w in m.text.split()}
    legal = [m.text for m in mentions if m.type == "ORG" and len(m.text.split()) > 1
             and is_legal_form(m.text.split()[-1])]
    firsts = {t.split()[0] for t in legal} - people

    def short(m: Mention) -> bool:  # "Halvorsen", "Northern Borders Rail"
        return m.text in firsts if m.first == m.last else any(
            company_of(m.text, t) for t in legal)
    return [replace(m, type="ORG") if m.type in ("PER", "LOC") and short(m) and (
        not is_place(m.text)) else m for m in mentions]


def _people_by_surname(mentions: Sequence[Mention]) -> list[Mention]:
    """A name of two words or more read as a place or a body that ends a person's
    longer full name in the article, case aside, is that person (``De la Garza said``
    after ``Andres de la Garza``)."""
    people = [m.text.lower() for m in mentions if m.type == "PER" and len(m.text.split()) > 2]
    return [replace(m, type="PER") if m.type in ("LOC", "ORG") and " " in m.text and any(
        p.endswith(" " + m.text.lower()) for p in people) else m for m in mentions]


def _exact(ms: Sequence[Mention]) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in ms:
        groups.setdefault(m.text, []).append(m)
    return list(groups.values())


def find_entities(doc: ParsedDoc) -> tuple[Entity, ...]:
    """Mentions and their entities in one call (see module docstring)."""
    return group_entities(doc, find_mentions(doc))
