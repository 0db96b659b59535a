"""Speaker mentions: from a head word to names, kind, role; article-level canonical names.

Pure functions over the parse.  A mention is analysed by its head word:
proper-noun heads give a name (titles stripped: ``U.S. President Donald Trump`` ->
``Donald Trump`` with role ``U.S. President``); a common-noun head with a named
appositive gives the appositive's name and the head phrase as role (``Putin's lead
foreign affairs adviser, Yury Ushakov``); coordinated heads give several speakers;
organisation and group head words set ``speaker_kind``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotetrack.extract.cues import (
    AUTHORING,
    ISSUING,
    UNSTATED,
    contact_clause,
    is_text_noun,
)
from quotetrack.extract.mention_types import PARTY_WORDS, PERSONAL_UNITS
from quotetrack.extract.name_runs import (
    _HYPHENS,
    POSSESSIVES,
    _glued,
    _hyphenated,
    honorific_gender,
    is_dateline,
    is_legal_form,
    surname_particle,
)
from quotetrack.extract.syntax import Tree, contiguous, trimmed
from quotetrack.lexicon import is_given_name, is_person_noun, singulars, speech_verb, words
from quotetrack.records import Span, SpeakerKind, Token

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p",
            "it": "n", "we": "p", "i": "s", "you": "s",
            "his": "m", "its": "n", "their": "p"}  # possessives: a text's issuer ("its report")
_NAME_RELS = ("compound", "flat")
_CUT_RELS = ("acl", "parataxis", "advcl", "ccomp", "dep")


@dataclass(frozen=True, slots=True)
class Named:
    """One speaker read off a mention: surface name, kind, role, gender hint."""

    name: str
    kind: SpeakerKind
    role: str | None = None
    gender: str | None = None
    head: int = -1


def _text(tree: Tree, toks: list[Token]) -> str:
    return tree.doc.text[toks[0].start:toks[-1].end] if toks else ""


def mention_span(tree: Tree, head: Token) -> Span:
    """The mention's character span: the head's phrase without clauses hung on it."""
    cut = [c.i for c in tree.children(head.i) if c.rel in _CUT_RELS or c.deprel == "acl:relcl"]
    cut += [c.i for a in tree.children(head.i, "appos") for c in tree.children(a.i, "acl")
            if c.i > 0 and tree.tokens[c.i - 1].text == "," and speech_verb(c.lemma, c.text)]
    # "Douglas Brinkley, a historian ..., recalled": the verb hung on the appositive
    toks = trimmed(contiguous(tree.subtree(head.i, skip=cut), head.i))
    toks = toks or [head]
    return Span(toks[0].start, toks[-1].end, _text(tree, toks))


def _capital(t: Token) -> bool:
    """A word that can be part of a name or its title (``Foreign``, ``Minister``)."""
    if not t.text[:1].isupper() or t.text.lower() in words("calendar"):
        return False
    return t.upos in ("PROPN", "ADJ", "X") or (
        t.upos == "NOUN" and t.text.lower() in words("titles"))


def _capital_noun(toks: Sequence[Token], k: int) -> bool:
    """A capitalised common noun inside a sentence, which only a name capitalises
    (``Rapid Support Forces``)."""
    return k > 0 and toks[k].upos == "NOUN" and toks[k].text[:1].isupper() and (
        toks[k].text.lower() not in words("calendar"))


def _name_run(tree: Tree, head: Token) -> list[Token]:
    """The capitalised run of words around ``head`` in its sentence (surface-based,
    so that parser slips between ``flat`` and ``compound`` do not split names; a word
    the NER put in the same person's name whatever its tag: ``Mei-Ling`` a verb)."""
    sent = tree.doc.sentences[head.sent]
    lo = hi = head.i - sent.first
    toks = sent.tokens
    while lo > 0 and (_capital(toks[lo - 1]) or _capital_noun(toks, lo - 1) or (
            toks[lo].ner == "I-PER" and toks[lo - 1].ner[2:] == "PER" and toks[lo - 1].text[
                :1].isupper())) and toks[lo - 1].end + 2 >= toks[lo].start:
        lo -= 1
    while hi + 1 < len(toks) and (toks[hi + 1].upos == "PROPN" and _capital(toks[hi + 1])
                                  or surname_particle(toks, hi + 1)):
        hi += 1
    run = list(toks[lo:hi + 1])
    after_prep = lo > 1 and toks[lo - 1].text.lower() in ("of", "to", "for") and (
        toks[lo - 2].text.lower() in words("titles"))
    if after_prep and len(run) > 2:  # Ambassador to Kyiv Steven Pifer
        run = run[-3:] if run[-2].text.endswith(".") and len(run[-2].text) <= 3 else run[-2:]
    return run


def split_title(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """(title words, name words): everything up to the last title word comes off a
    name (``House Speaker Paul Ryan`` -> ``House Speaker`` + ``Paul Ryan``)."""
    titles = words("titles")
    k = 0
    for n, t in enumerate(tokens[:-1]):
        glued = 0 < n and t.start == tokens[n - 1].end and t.end == tokens[n + 1].start
        if t.text.lower() in titles or t.text.lower().rstrip("s") in titles or (
                not t.text[:1].isupper() and not surname_particle(tokens, n) and not glued):
            k = n + 1  # "Eileen de Villa": a particle is no title's end
    return tokens[:k], tokens[k:]


def _gender(title: list[Token]) -> str | None:
    return next((g for t in title if (g := honorific_gender(t.text))), None)


def _kind_of_name(name_tokens: list[Token]) -> SpeakerKind:
    orgs = words("organizations")
    if any(t.text.lower() in orgs or t.text.lower().removesuffix("s") in orgs
           for t in name_tokens[-2:]):  # "Rapid Support Forces"
        return "organization"
    if len(name_tokens) >= 2 and all(t.text[:1].isupper() for t in name_tokens):
        return "person"
    return "unknown"


QUANTIFIERS = {"several", "many", "some", "few", "numerous", "various", "other", "one",
               "two", "three", "four", "five", "both", "all", "most"}


# Words that qualify a count ("more than 300", "about 40", "as many as 2,000").
_COUNT_WORDS = frozenset({"more", "fewer", "less", "about", "nearly", "almost", "roughly",
                          "approximately", "over", "under", "around", "some", "at", "up",
                          "many", "as"})


_TIME_LEADS = frozenset({"on", "last", "this", "next", "early", "late", "in", "by"})


def _without_time(toks: list[Token]) -> list[Token]:
    """A phrase without the day or month the parser hung at its end (``the presidents
    of Poland and Finland on Tuesday`` -> ``... Poland and Finland``)."""
    if len(toks) > 3 and toks[-1].text.lower() in words("calendar") and (
            toks[-2].text.lower() in _TIME_LEADS):
        return toks[:-2]
    return toks


def clean_phrase(tree: Tree, toks: list[Token]) -> str:
    """A noun phrase as a canonical label: no leading determiners, quantifiers or counts
    (``several cast members`` -> ``cast members``, ``43 filmmakers``, ``more than 300
    residents`` -> ``filmmakers``, ``residents``;
    ``a source familiar with the search`` -> ``source familiar with the search``; a
    hyphenated word whole: ``a fourth-year student`` -> ``fourth-year student``; no
    dateline the parser hung on it: ``TORONTO - Two mayors`` -> ``mayors``), a
    possessive kept on its word
    (``the report's authors`` -> ``report's authors``) except before the organisation
    a name possesses (``Trump's administration`` -> ``Trump administration``; a
    person's ``office`` keeps it)."""
    kept = _without_time(trimmed(toks))
    dateline = next((k for k in range(len(kept) - 1) if is_dateline(
        tree.tokens, kept[0].i, kept[k].i)), None)  # "TORONTO - Two northern Ontario mayors"
    kept = trimmed(kept[dateline + 1:]) if dateline is not None else kept
    inside = {t.i for t in kept}
    heads = [t for t in kept if t.head not in inside]
    count = {w.i for h in heads[:1] for c in tree.children(h.i, "nummod") if c.i < h.i
             for w in tree.subtree(c.i)}  # "More than 300 residents", "1.2 million"
    count |= {w.i for h in heads[:1] if count for c in tree.children(h.i)
              if c.i < min(count) and c.text.lower() in _COUNT_WORDS for w in tree.subtree(c.i)}
    while len(kept) > 1 and kept[0].i in count:
        kept = kept[1:]
    while len(kept) > 1 and (kept[0].upos == "DET" or kept[0].rel == "det" or (
            kept[0].text.lower() in QUANTIFIERS) or kept[0].rel == "nummod") and (
            kept[0].end < kept[1].start):  # "fourth-year" is one word
        kept = kept[1:]  # leading ones only: "familiar with the search" keeps its "the"
    while kept and kept[-1].text in POSSESSIVES:
        kept = kept[:-1]  # "the GOP's": the name's own possessive
    owned = bool(kept) and kept[-1].text.lower() in words("organizations") and (
        kept[-1].text.lower() not in PERSONAL_UNITS)
    out = ""
    for k, t in enumerate(kept):
        if t.text in POSSESSIVES:  # only before the organisation itself (not "familiar
            out += "" if owned and k == len(kept) - 2 else t.text  # with X's China business")
        else:  # words the text wrote together stay together ("third-year")
            out += (" " if out and kept[k - 1].end < t.start else "") + t.text
    return out.strip()


# Parts and sites of an organisation that speak for it ("Amnesty's Nigeria office").
_UNITS = frozenset({"office", "branch", "website", "site", "account", "page", "unit",
                    "division", "arm", "wing", "chapter", "bureau", "headquarters", "feed"})


def _unit_owners(tree: Tree, head: Token) -> list[Token]:
    """The possessors of ``head`` when it is a unit or site of a body (``office``,
    ``website``) in lower case: its ``nmod:poss`` children marked by a possessive."""
    if not head.text.islower() or head.lemma.lower() not in _UNITS:
        return []  # "Vollmer's works council": a body of its own
    return [c for c in tree.children(head.i, "nmod:poss")
            if any(w.text in POSSESSIVES for w in tree.children(c.i, "case"))]


def _body_owner(tree: Tree, head: Token) -> Token | None:
    """``Amnesty International's Nigeria office``, ``IRCC's website``: a unit or site a
    named organisation owns speaks as that organisation (the owner's head word)."""
    # (the name's own words over the model's tag: "Amnesty International" tagged a person)
    return next((c for c in _unit_owners(tree, head) if c.upos == "PROPN" and (
        c.ner.endswith("ORG") or c.ner[2:] in ("", "PER") and (
            _proper(tree, c).kind == "organization"))), None)


def _described_owner(tree: Tree, head: Token) -> Token | None:
    """``the university's website``: a unit or site of a body the text describes
    speaks as that description (the owner's noun, resolved like ``the university``)."""
    return next((c for c in _unit_owners(tree, head) if c.upos == "NOUN" and c.text.islower()
                 and c.lemma.lower() in words("organizations")
                 and c.lemma.lower() not in _UNITS), None)


def _named_below(tree: Tree, head: Token) -> Token | None:
    """For a title head (``Ambassador ... Steven Pifer``), the name hung under it; the
    title's complement (``Ambassador to the United States``) is no name, though a name
    the parser hung on it is (``... States Hamdullah Mohib``)."""
    if head.text.lower() not in words("titles"):
        return None
    for c in tree.children(head.i, "appos", "flat", "nmod", "compound"):
        if c.rel == "nmod" and tree.children(c.i, "case"):
            c = next(iter(tree.children(c.i, "appos", "flat")), c)
            if c.rel not in ("appos", "flat") and not c.ner.endswith("PER"):
                continue  # the complement, unless the model reads it as a person's name
        if c.upos == "PROPN" and not _title_word(c) and c.i > head.i:
            return c  # (not "Prof" + "." in "director, Prof. Howard Lindahl-Moyo")
    nxt = tree.tokens[head.i + 1] if head.i + 1 < len(tree.tokens) else None
    if nxt is not None and nxt.sent == head.sent and nxt.upos == "PROPN" and _capital(nxt):
        return nxt  # White House spokesman Josh Earnest
    return None


def _title_word(t: Token) -> bool:
    """``t`` is a title, its stop split off or not (``Prof`` + ``.``)."""
    return bool({t.text.lower(), t.text.lower() + "."} & words("titles"))


def _abbreviated_title(tree: Tree, t: Token) -> bool:
    """``t`` is a title's abbreviation with its stop split off (``Prof`` + ``.``)."""
    nxt = tree.tokens[t.i + 1] if t.i + 1 < len(tree.tokens) else None
    return nxt is not None and nxt.text == "." and nxt.start == t.end and (
        t.text.lower() + "." in words("titles"))


def _titled_name(tree: Tree, head: Token) -> Token | None:
    """``Bank of Canada governor Tiff Macklem``, ``Unifor president Jerry Dias``: a
    person's name right after a title word, hung under an organisation's name."""
    for c in tree.children(head.i, "nmod", "appos", "flat", "compound"):
        prev = tree.tokens[c.i - 1]
        if c.i > head.i + 1 and c.upos == "PROPN" and c.ner.endswith("PER") and (
                prev.text.lower() in words("titles")
                or prev.text.lower() in words("person_nouns")):
            return c
    return None


def _proper(tree: Tree, head: Token) -> Named:
    below = _named_below(tree, head)
    titled = _titled_name(tree, head) if below is None else None
    below = below or titled
    if below is not None:
        inner = _proper(tree, below)
        # a titled name's role is the words before it, however the parser hung them
        role_words = list(tree.tokens[head.i:below.i]) if titled is not None else contiguous(
            tree.subtree(head.i, skip=[below.i]), head.i)
        above = _text(tree, trimmed(role_words))
        return Named(inner.name, inner.kind, above or inner.role, inner.gender, inner.head)
    office = _titled_office(tree, head)
    if office:
        return Named(office, "organization", None, None, head.i)
    title, name = split_title(_name_run(tree, head))
    kind = _kind_of_name(title + name)
    if kind == "organization":
        return Named(clean_phrase(tree, title + name), kind, None, None, head.i)
    role: str | None = _text(tree, title) or _appositive_role(tree, head)
    return Named(_name_text(name), kind if len(name) > 1 else "person",
                 role, _gender(title), head.i)


def _titled_office(tree: Tree, head: Token) -> str:
    """``The Prime Minister's Office``: a body named after a title's holder is named
    whole, the title and its possessive included ('' when ``head`` is no such body)."""
    if not head.text[:1].isupper() or head.text.lower() not in words("organizations"):
        return ""
    for c in tree.children(head.i, "nmod:poss"):
        run = [t for t in tree.subtree(c.i) if t.upos not in ("DET", "PUNCT")]
        if c.i < head.i and c.text.lower() in words("titles") and all(
                t.text[:1].isupper() or t.upos == "PART" for t in run):
            return tree.doc.text[run[0].start:head.end]
    return ""


def _name_text(name: list[Token]) -> str:
    """The words of a name, glued where the text glues them (``al-Amr``); read off the
    words, not the span (a word of ``GOP's`` spans the whole token)."""
    out = ""
    for k, t in enumerate(name):
        glued = k > 0 and t.start <= name[k - 1].end
        out += ("" if glued or not out else " ") + t.text
    return out


def _appositive_role(tree: Tree, head: Token) -> str | None:
    """``Yury Ushakov, a Kremlin adviser,``: a common-noun appositive is the role (without
    its relative or other clauses)."""
    for a in tree.children(head.i, "appos"):
        if a.upos == "NOUN":  # its clauses are no part of it ("..., which represents")
            clauses = [c.i for c in tree.subtree(a.i) if c.rel in _CUT_RELS and c.i != a.i]
            return _text(tree, trimmed(contiguous(tree.subtree(a.i, skip=clauses), a.i))) or None
    return None


def label_speaker(label: list[Token]) -> Named | None:
    """The speaker of a ``NAME:`` label (title words become the role)."""
    title, name = split_title([t for t in label if t.upos != "PUNCT"])
    if not name:
        return None
    kind = _kind_of_name(title + name)
    text = " ".join(t.text for t in name)
    return Named(text, "organization" if kind == "organization" else "person",
                 " ".join(t.text for t in title) or None, _gender(title), name[-1].i)


def _role_phrase(tree: Tree, head: Token, skip: list[int]) -> str:
    toks = trimmed(contiguous(tree.subtree(head.i, skip=skip), head.i))
    return _text(tree, toks)


def _set_off_name(tree: Tree, head: Token) -> Token | None:
    """``The Kremlin adviser, Yury Ushakov, ...``, ``The union representing bus
    operators, Capital Transit Workers Local 12, said``: a name set off by commas after
    a common-noun head (and its own modifiers, before its verb), whatever relation the
    parser gave it (a number may end it)."""
    toks = tree.tokens
    stop = head.head if head.head > head.i else head.i + 2
    for k in range(head.i + 1, min(stop, len(toks) - 1)):
        if toks[k].text != "," or toks[k].sent != head.sent:
            continue
        found = _name_between_commas(toks, k, head.sent)
        if found is not None and k - 1 != head.i and _located(tree, toks[k - 1]):
            continue  # "Tenants of a building in Kelowna, B.C., say": the place's own
        if found is not None or k == head.i + 1:
            return found
    return None


def _located(tree: Tree, word: Token) -> bool:
    """``word`` ends a proper name that follows ``in``, ``near`` or ``outside``: a place,
    whose province or state a comma sets off after it."""
    name = tree.tokens[word.head] if word.rel == "flat" and word.head >= 0 else word
    return word.upos == "PROPN" and any(c.text.lower() in ("in", "near", "outside")
                                        for c in tree.children(name.i, "case"))


def _name_between_commas(toks: Sequence[Token], k: int, sent: int) -> Token | None:
    """The head word of a proper name right after the comma at ``k`` (an age before it
    allowed, or a body's ``the``) and closed by a comma or a dash (``, Capital Transit
    Workers Local 12,`` -> ``Workers``; ``, 23-year-old Kofi Mensah-Boateng from Ghana,``
    -> ``Boateng``; ``, the Salt Line,`` -> ``Line``)."""
    run: list[Token] = []
    start = _past_age(toks, k + 1)
    if start + 1 < len(toks) and toks[start].text.lower() == "the" and (
            toks[start + 1].upos == "PROPN"):
        start += 1  # ", the Oberweiler Initiative,": a body's name with its article
    for t in toks[start:]:
        glued = bool(run) and t.text in _HYPHENS and _glued(run[-1], t)
        name_word = t.upos == "PROPN" or glued or _camel(t.text) or (bool(run) and (
            t.text[:1].isupper() or (t.upos == "NUM") or (
                t.text in ("of", "from") and run[-1].upos == "PROPN")))
        if not name_word or t.sent != sent:  # "Workers Local 12", "Okonjo-Lindgren of
            break  # West Virginia"
        run.append(t)
    after = toks[run[-1].i + 1] if run and run[-1].i + 1 < len(toks) else None
    cut = next((n for n, t in enumerate(run) if t.text in ("of", "from")), None)
    if cut is not None:
        run = run[:cut]  # the name, not its place
    while run and run[-1].upos != "PROPN" and not (
            _camel(run[-1].text) or len(run) > 1 and is_legal_form(run[-1].text)):
        run = run[:-1]  # (not ", NordicVital AS,": a company's name, however tagged)
    if run and after is not None and after.text in (",", "\u2014", "--"):
        return run[-1]
    return None


def _camel(word: str) -> bool:
    """``NordicVital``, ``OceanTrace``: a capital inside a word after a lower-case
    letter, which only a name has."""
    return word[:1].isupper() and any(
        a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))


def _past_age(toks: Sequence[Token], k: int) -> int:
    """The index after an age written ``23-year-old`` starting at ``k`` (else ``k``)."""
    words_ = [t.text.lower() for t in toks[k:k + 5]]
    if words_[:1] and words_[0].isdigit() and "old" in words_ and "year" in words_:
        return k + words_.index("old") + 1
    return k


def _one_of(tree: Tree, head: Token) -> Named | None:
    """``One of the plaintiffs said``: one unnamed member of a group of people, named
    by the group's noun in the singular (``plaintiff``)."""
    if head.text.lower() != "one" or any(t.ner[2:] == "PER" for t in tree.subtree(head.i)):
        return None  # "one of the victims, 81-year-old Winifred Baptiste-Harlow": named
    for c in tree.children(head.i, "nmod"):
        one = member_noun(c)
        if c.upos == "NOUN" and c.i > head.i and one is not None and any(
                w.text.lower() == "of" for w in tree.children(c.i, "case")):
            return Named(one, "person", None, None, c.i)
    return None


def member_noun(group: Token) -> str | None:
    """The singular of a plural noun for people (``officials`` -> ``official``,
    ``people`` -> ``person``), or None for a noun that names no people."""
    low = group.text.lower()
    if low == "people":
        return "person"
    if not is_person_noun(group.lemma) and not is_person_noun(low):
        return None
    forms = [f for f in singulars(low) if f in words("person_nouns")]
    one = min(forms, key=len) if forms else group.lemma.lower()
    return group.text[:len(one)] if low.startswith(one) else one  # "MPs" -> "MP"


def _common(tree: Tree, head: Token) -> list[Named]:
    one = _one_of(tree, head) if _set_off_name(tree, head) is None else None
    if one is not None:  # (not "one of the victims, 81-year-old Winifred ...,")
        return [one]
    below = _named_below(tree, head)  # "then-minister of Fisheries Joyce Abernathy-Singh"
    if below is not None and not any(t.text.lower() in ("for", "to") for t in tree.tokens[
            head.i + 1:below.i]):  # not "a spokesman for House Speaker Gerald Fenwick-Ames"
        inner = _proper(tree, below)
        role = _text(tree, trimmed(list(tree.tokens[head.i:below.i])))
        return [Named(inner.name, inner.kind, role or inner.role, inner.gender, inner.head)]
    named = [a for a in tree.children(head.i, "appos") if a.upos == "PROPN" and (
        a.text.lower() not in words("calendar")) and not _abbreviated_title(tree, a)]
    named = [a for k, a in enumerate(named) if not k or named[k - 1].i != a.i - 1]
    # (one name of two words both hung on the noun: "chairs Marianne" "Bouchard")
    # (not "The report, released Wednesday,", nor "Prof" + ".")
    set_off = _set_off_name(tree, head) if not named else None
    if set_off is not None:
        inner = _proper(tree, set_off)
        role = _text(tree, trimmed(contiguous(tree.subtree(head.i, skip=[
            c.i for c in tree.children(head.i) if c.i > head.i]), head.i)))
        return [Named(inner.name, inner.kind, role or inner.role, inner.gender, inner.head)]
    if named:
        glued = _hyphenated(tree.doc, head.i)[1] >= named[0].i > head.i  # "Desrochers-Obi"
        said = None if glued else _role_phrase(tree, head, [a.i for a in named])
        return [Named(n.name, n.kind, said, n.gender, n.head) for n in map(
            lambda a: _proper(tree, a), named)]
    lemma = head.lemma.lower()
    document = is_text_noun(head) and not (
        "Number=Plur" not in head.feats and is_person_noun(lemma))  # "filings", "figures";
    # "a senior Labor figure" is a person
    issuer = (_issuer(tree, head) or _earlier_issuer(tree, head) or _issued_by(tree, head)
              or _named_text(tree, head) or _authored(tree, head) or _plaintiff(tree, head)
              or _later_issuer(tree, head) or _filer(tree, head) if document else None)
    if issuer is not None and issuer.upos == "NOUN" and issuer.text[:1].isupper() and (
            issuer.i > tree.doc.sentences[issuer.sent].first):
        return [_proper(tree, issuer)]  # "SeaLedger" read as a common noun: a name still
    if issuer is not None:
        return read_mention(tree, issuer)
    phrase = contiguous(tree.subtree(head.i, skip=[c.i for c in tree.children(
        head.i) if c.rel in _CUT_RELS + ("nmod", "appos", "acl", "case")
        and c.deprel != "nmod:poss"]), head.i)
    label = clean_phrase(tree, phrase)
    if lemma in words("organizations"):
        named = [c for c in tree.children(head.i, "compound") if c.upos == "PROPN"
                 and c.i < head.i and not c.ner.endswith("PER") and not _nationality(c)]
        if named and head.text.islower() and not named[-1].ner.endswith("LOC") and (
                lemma not in _INSTITUTIONS):
            # "Yonhap news agency": the name, and its role ("Tulsa police" is whole)
            name = _name_text([t for t in phrase if t.i <= named[-1].i and t.i >= named[0].i])
            rest = clean_phrase(tree, [t for t in phrase if t.i > named[-1].i])
            return [Named(name, "organization", rest or None, None, named[-1].i)]
        described = _described_owner(tree, head)
        if described is not None:
            return read_mention(tree, described)
        owner = _body_owner(tree, head)
        if owner is not None:
            inner = _proper(tree, owner)
            end = max(t.i for t in tree.subtree(owner.i))
            rest = clean_phrase(tree, [t for t in phrase if t.i > end])
            return [Named(inner.name, "organization", rest or None, None, inner.head)]
        return [Named(label, "organization", None, None, head.i)]
    titled = _titled_body(tree, head, phrase)
    if titled is not None:
        return [titled]
    including = [c for c in tree.children(head.i, "nmod", "acl") if any(
        w.text.lower() == "including" for w in tree.children(c.i, "case", "mark"))]
    people = [_proper(tree, c) for c in including if c.upos == "PROPN"]
    if people:
        return [Named(p.name, p.kind, label, p.gender, p.head) for p in people]
    plural = "Number=Plur" in head.feats or head.text.lower() in words("group_nouns")
    return [Named(_described(tree, head, phrase), "group" if plural else "unknown", None,
                  None, head.i)]


def _titled_body(tree: Tree, head: Token, phrase: list[Token]) -> Named | None:
    """``The environmental group Friends of the Coteau Hills and Wetlands``: a
    capitalised common noun inside its sentence, after a lower-case organisation noun
    that describes it, heads a body's name (its capitalised words from there on)."""
    kinds = [c for c in tree.children(head.i, "compound") if c.i < head.i and c.text.islower()
             and c.lemma.lower() in words("organizations")]
    if not kinds or not head.text[:1].isupper() or head.i == tree.doc.sentences[head.sent].first:
        return None
    toks, k = tree.tokens, head.i
    while k + 1 < len(toks) and toks[k + 1].sent == head.sent and (
            toks[k + 1].text[:1].isupper() or toks[k + 1].text in ("of", "the", "and", "for")):
        k += 1
    while toks[k].text in ("of", "the", "and", "for"):
        k -= 1
    return Named(_text(tree, list(toks[head.i:k + 1])), "organization", clean_phrase(
        tree, [t for t in phrase if t.i < head.i]) or None, None, head.i)


def _set_off_relatives(tree: Tree, clause: Token) -> list[int]:
    """Heads of the relative clauses inside ``clause``'s that a comma sets off."""
    toks = tree.tokens
    return [w.i for w in tree.subtree(clause.i) if w.i != clause.i and w.deprel == "acl:relcl"
            and (first := min(t.i for t in tree.subtree(w.i) if t.upos != "PUNCT")) > 0
            and toks[first - 1].text == ","]


def _described(tree: Tree, head: Token, phrase: list[Token]) -> str:
    """An unnamed speaker's label with the phrases after it that say who they are
    (``teacher at a Mississauga school``, ``residents of Spring Creek``, ``spokesperson
    for Manitoba Justice``, ``woman who lives on Eastgate Avenue``), not the clauses
    that keep them anonymous (``who did not want to be identified``) nor any set off by
    a comma."""
    kept = {t.i for t in phrase}
    described = is_person_noun(head.lemma) or head.text.lower() in words("group_nouns") or (
        head.lemma.lower() in ("source", "person")) or (  # "a source at Indigenous
        # Services Canada", "a person with knowledge of the talks"
        head.text.lower() in POSTPOSITIVE)  # "A federal official familiar", "familiar" a noun
    for c in tree.children(head.i, "nmod") if described else []:
        sub = tree.subtree(c.i, skip=[k.i for k in tree.children(c.i) if k.rel in _CUT_RELS])
        if c.i > head.i and c.deprel != "nmod:poss" and c.sent == head.sent and (
                c.lemma.lower() not in words("calendar")) and c.upos != "NUM":  # "in April"
            kept |= {t.i for t in sub if t.upos != "PUNCT" or (  # "a 92-unit building"
                t.text in _HYPHENS and t.i > 0 and tree.tokens[t.i - 1].end == t.start)}
    toks = tree.tokens
    relative = [c for c in tree.children(head.i, "acl") if c.deprel == "acl:relcl"
                and c.i > head.i] if described else []
    clause = tree.subtree(relative[0].i, skip=_set_off_relatives(tree, relative[0])) if (
        relative) else []  # (not "who asked not to be named" hung inside it by a slip)
    if clause and clause[0].i == head.i + 1 and len(clause) <= 8 and not _anonymous(
            clause) and not any(_says(t) for t in clause):
        kept |= {t.i for t in clause if t.upos != "PUNCT"}  # "a woman who lives on ..."
        # (a short clause saying who they are, not what they said: "parents who spoke")
    if head.i + 1 < len(toks) and toks[head.i + 1].text.lower() in POSTPOSITIVE:
        k = head.i + 1  # "a person familiar with the matter", however the parser hung it
        while k < len(toks) and toks[k].sent == head.sent and toks[k].text != "," and (
                k != head.head):
            kept.add(k)
            k += 1
    comma = next((t.i for t in toks[head.i:] if t.text == "," or t.sent != head.sent or (
        t.lemma.lower() in ("who", "which") and t.i > head.i and t.head >= 0 and _anonymous(
            tree.subtree(t.head, skip=_set_off_relatives(tree, toks[t.head]))))),
        len(toks))  # "..., speaking on condition of
    # anonymity", "... who was not authorized": no part of it
    return clean_phrase(tree, contiguous([toks[k] for k in sorted(kept) if k < comma], head.i))


# Words of the clauses that say why a source is not named ("who was not authorized to
# speak publicly", "who asked not to be identified", "on condition of anonymity").
_ANONYMITY = frozenset({"authorized", "authorised", "anonymity", "anonymous", "named",
                        "identified", "permitted", "allowed", "publicly", "record"})


def _says(t: Token) -> bool:
    """``t`` is a verb of speech (not of belief or evidence: ``who had planned``)."""
    verb = speech_verb(t.lemma, t.text) if t.upos == "VERB" else None
    return verb is not None and verb.stance not in UNSTATED


def _anonymous(clause: list[Token]) -> bool:
    """``clause`` says why its speaker is not named."""
    return any(t.text.lower() in _ANONYMITY for t in clause)


# Adjectives and participles that follow an unnamed source's noun with their complement
# ("a source close to the team", "people briefed on the talks").
POSTPOSITIVE = frozenset({"familiar", "close", "knowledgeable", "aware", "briefed",
                           "involved"})


def _issuer(tree: Tree, head: Token) -> Token | None:
    """Who issued a text: ``a statement from the ministry``, ``the ministry's
    statement``, ``a post by Smith``, ``a Bloomberg poll``, ``the results of the
    National Iodine Study``, ``a survey conducted by the board`` (or ``a survey of
    teachers, conducted by the board``), ``a summary the union
    posted`` (however the parser hung the clause); a possessive pronoun
    only after ``according to``, resolved by coreference: ``its annual report``)."""
    for c in tree.children(head.i, "nmod", "compound"):
        cases = {w.text.lower() for w in tree.children(c.i, "case")}
        by = bool(cases & {"from", "by"}) or ("of" in cases and (c.upos == "PROPN" or (
            c.upos == "NOUN" and c.text[:1].isupper())))  # "report of the Royal Commission"
        poss = c.deprel == "nmod:poss" and c.upos in ("PROPN", "NOUN")
        named = c.deprel == "compound" and c.upos == "PROPN"  # "a Bloomberg poll"
        wrote = c.deprel == "nmod" and not cases and any(  # "a summary the union posted",
            v.lemma.lower() in ISSUING | AUTHORING for v in tree.children(c.i, "acl"))
        if (by or poss or named or wrote) and c.upos in ("PROPN", "NOUN"):  # misparsed
            return c
    after = _from_after(tree, head) or _named_compound(tree, head)
    if after is not None:
        return after
    owner = [c for c in tree.children(head.i, "nmod:poss") if c.upos == "PRON"
             and c.text.lower() in PRONOUNS and c.text.lower() not in ("i", "you", "we")]
    if owner and head.rel == "obl" and any(  # "according to its annual report": the
            w.text.lower() == "according" for w in tree.children(head.i, "case")):
        return owner[0]  # the one "its" refers to issued it
    bound = _bound_owner(tree, head) if owner else None
    if bound is not None:
        return bound
    verbs = tree.children(head.i, "acl") + [  # "a survey of teachers, conducted by the
        v for c in tree.children(head.i, "nmod") if any(  # board": the clause hung on
            w.text.lower() == "of" for w in tree.children(c.i, "case"))  # the "of" phrase
        for v in tree.children(c.i, "acl") if tree.tokens[v.i - 1].text == ","]
    for verb in verbs:  # "the memo, signed by ... Viktor Halvorsen"
        if verb.lemma.lower() not in ISSUING | AUTHORING:
            continue  # "a memo viewed by the Financial Post": a reader, no issuer
        site = _site_owner(tree, verb)
        if site is not None:
            return site
        if verb.deprel == "acl:relcl":  # "figures the team submitted to the league"
            subj = [c for c in tree.children(verb.i, "nsubj") if c.upos in ("PROPN", "NOUN")]
            if subj:
                return subj[0]
        for c in tree.children(verb.i, "obl"):
            if c.upos in ("PROPN", "NOUN") and any(
                    w.text.lower() == "by" for w in tree.children(c.i, "case")):
                return c
    return contact_clause(tree, head)


def _bound_owner(tree: Tree, head: Token) -> Token | None:
    """``The Royal Commission ... handed its final report to the governor``: a text
    owned by ``its`` or ``their`` in the object of a verb is the verb's subject's."""
    if head.rel != "obj" or head.head < 0 or not any(
            c.text.lower() in ("its", "their") for c in tree.children(head.i, "nmod:poss")):
        return None
    subj = [c for c in tree.children(head.head, "nsubj") if c.deprel == "nsubj"
            and c.upos in ("PROPN", "NOUN")]
    return subj[0] if subj else None


def _filer(tree: Tree, head: Token) -> Token | None:
    """``Albion Meridian will take a charge ..., according to a filing with the London
    Stock Exchange``: a filing no one is named for is the body the claim is about (the
    proper-name subject of the clause it is the source of: an insider's own filing too)."""
    if head.lemma.lower() != "filing" or not any(
            w.text.lower() == "according" for w in tree.children(head.i, "case")):
        return None
    node = head
    while node.head >= 0 and node.upos != "VERB":  # however the parser hung the phrase
        node = tree.tokens[node.head]
    subj = [c for c in tree.children(node.i, "nsubj") if c.upos == "PROPN"]
    return subj[0] if subj else None


def _site_owner(tree: Tree, verb: Token) -> Token | None:
    """``a notice posted on the department's website``: a text put on someone's own
    site, page or account is theirs."""
    for c in tree.children(verb.i, "obl"):
        if c.lemma.lower() in _SITES and any(
                w.text.lower() == "on" for w in tree.children(c.i, "case")):
            owner = [o for o in tree.children(c.i, "nmod:poss") if o.upos in ("PROPN", "NOUN")]
            if owner:
                return owner[0]
    return None


_SITES = {"website", "site", "page", "account", "feed", "channel", "blog"}




def _named_compound(tree: Tree, head: Token) -> Token | None:
    """``a Cabinet Office transparency release``: an organisation or person the model
    tagged among the text noun's compound modifiers, however deep, issued it."""
    for c in tree.children(head.i, "compound"):
        if c.i > head.i:
            continue
        if c.text[:1].isupper() and c.ner[2:] in ("ORG", "PER") and (
                c.i > tree.doc.sentences[c.sent].first):
            return c
        deeper = _named_compound(tree, c) if c.upos == "NOUN" and c.text.islower() else None
        if deeper is not None:
            return deeper
    return None


def _from_after(tree: Tree, head: Token) -> Token | None:
    """``data from ship-tracking firm SeaLedger``, however the parser hung ``from``: the
    last word of the noun phrase right after the text noun's ``from`` or ``by`` (its
    modifiers whatever their tags: ``by the engineering firm Northline Structures``, a
    word glued after a hyphen too), when capitalised."""
    toks = tree.tokens
    k = head.i + 1
    if k >= len(toks) or toks[k].text.lower() not in ("from", "by"):
        return None
    last = None
    for t in toks[k + 1:]:
        owner = t.text in ("'s", "\u2019s") and t.i + 1 < len(toks) and toks[t.i + 1].text[
            :1].isupper()  # "from India's Ministry of Home Affairs"
        glued = toks[t.i - 1].text in _HYPHENS and toks[t.i - 1].end == t.start  # "-tracking"
        if not (owner or glued) and (t.sent != head.sent or t.upos not in (
                "NOUN", "PROPN", "ADJ", "PUNCT", "DET") and (
                t.deprel not in ("amod", "compound")) or (  # "engineering" tagged a verb
                t.upos == "PUNCT" and t.text not in _HYPHENS)):
            break
        last = t
    return last if last is not None and last.text[:1].isupper() else None


def _issued_by(tree: Tree, head: Token) -> Token | None:
    """``The ministry issued a statement that said ...``: a text that is the object of
    an issuing verb speaks for that verb's subject."""
    verb = tree.tokens[head.head] if head.rel == "obj" and head.head >= 0 else None
    if verb is None or verb.lemma.lower() not in ISSUING:
        return None
    subj = [c for c in tree.children(verb.i, "nsubj") if c.deprel != "nsubj:pass"
            and c.upos in ("PROPN", "NOUN", "PRON")]
    return subj[0] if subj else None


def _stated_in(tree: Tree, head: Token) -> Token | None:
    """``The ministry said in a statement that ...``: a text a speech is made in
    (``in`` + the text, on the verb) speaks for that verb's subject."""
    verb = tree.tokens[head.head] if head.rel == "obl" and head.head >= 0 else None
    if verb is None or not any(w.text.lower() == "in" for w in tree.children(head.i, "case")):
        return None
    subj = [c for c in tree.children(verb.i, "nsubj") if c.deprel != "nsubj:pass"
            and c.upos in ("PROPN", "NOUN", "PRON", "NUM")]
    return subj[0] if subj else None


def _authored(tree: Tree, head: Token) -> Token | None:
    """``The study ... It was carried out by researchers at the Ontario Institute for
    Child and Youth Health``: a text whose one author the article names in a passive
    clause on a text of that noun (or on ``it`` right after a sentence about one)
    speaks for that author (the body of the researchers, where they are named by it)."""
    lemma = head.lemma.lower()
    found: list[Token] = []
    for v in tree.tokens:
        if v.upos != "VERB" or v.lemma.lower() not in ISSUING | AUTHORING:
            continue
        subj = [s for s in tree.children(v.i, "nsubj") if s.deprel == "nsubj:pass"]
        agents = [c for c in tree.children(v.i, "obl") if c.upos in ("NOUN", "PROPN") and any(
            w.text.lower() == "by" for w in tree.children(c.i, "case"))]
        if len(subj) == 1 and agents and _about_text(tree, subj[0], lemma):
            body = [c for c in tree.children(agents[0].i, "nmod") if c.upos == "PROPN"
                    and is_person_noun(agents[0].lemma)]  # "researchers at X": X
            found.append(body[0] if body else agents[0])
    return found[0] if len(found) == 1 else None


def _plaintiff(tree: Tree, head: Token) -> Token | None:
    """``The Federal Trade Commission sued Lumora Inc. ... according to the complaint``:
    a definite lawsuit or complaint is the one the latest subject of ``sue`` before it
    brought."""
    if head.lemma.lower() not in ("complaint", "lawsuit", "suit") or not is_definite(tree, head):
        return None
    for v in reversed(tree.tokens[max(0, head.i - 800):head.i]):
        if v.upos != "VERB" or v.text.lower() not in ("sued", "sues", "sue", "suing"):
            continue
        subj = [c for c in tree.children(v.i, "nsubj") if c.deprel == "nsubj"
                and c.upos in ("PROPN", "NOUN")]
        before = tree.tokens[v.i - 1] if v.i > tree.doc.sentences[v.sent].first else None
        if not subj and before is not None and before.ner[2:] in ("ORG", "PER"):
            subj = [before]  # "The Federal Trade Commission sued ...", misparsed
        if subj:
            return subj[0]
    return None


def _about_text(tree: Tree, subj: Token, lemma: str) -> bool:
    """``subj`` is a text of noun ``lemma``, or an ``it`` opening the sentence right after
    one whose subject is such a text (same paragraph)."""
    if subj.lemma.lower() == lemma:
        return True
    sents = tree.doc.sentences
    if subj.text.lower() != "it" or subj.sent == 0 or sents[subj.sent - 1].para != subj.para:
        return False
    return any(t.rel == "nsubj" and t.lemma.lower() == lemma for t in sents[subj.sent - 1].tokens)


def _earlier_issuer(tree: Tree, head: Token) -> Token | None:
    """``the poll`` after ``a Bloomberg poll``, ``the clip`` after ``the RNC released a
    clip``, ``the statement`` after ``the ministry said in a statement``: a definite
    text noun is the nearest earlier text of that noun that names its issuer, past other
    definite mentions of it (the same text), and speaks for that issuer; an indefinite
    one naming none (another text) ends the search."""
    if not is_definite(tree, head):
        return None
    lemma = head.lemma.lower()
    for t in reversed(tree.tokens[max(0, head.i - 800):head.i]):
        if t.upos not in ("NOUN", "PROPN") or t.lemma.lower() != lemma or (
                t.upos == "PROPN" and t.rel in ("compound", "flat")):
            continue  # "the bank's latest Business Outlook Survey": a named text too
        issuer = _issuer(tree, t) or _issued_by(tree, t) or _stated_in(tree, t)
        if issuer is not None or not is_definite(tree, t):
            return issuer or _deverbal_issuer(tree, head)
    return _deverbal_issuer(tree, head)


def _later_issuer(tree: Tree, head: Token) -> Token | None:
    """``according to an internal memo ...`` then ``The memo, signed by Viktor
    Halvorsen, said``: a text with no issuer of its own is the next definite text of
    that noun in the next three sentences, which names its issuer."""
    lemma = head.lemma.lower()
    last = head.sent + 3
    for t in tree.tokens[head.i + 1:]:
        if t.sent > last:
            break
        if t.upos == "NOUN" and t.lemma.lower() == lemma and is_definite(tree, t):
            return _issuer(tree, t)
    return None


# Text nouns that name what a verb did, with that verb's lemma ("the ruling" after "the
# court ruled"; "the report" after "the panel reported").
_DEVERBAL = {"ruling": "rule", "finding": "find", "filing": "file", "decision": "decide",
             "judgment": "judge", "statement": "state", "announcement": "announce",
             "order": "order", "verdict": "rule", "assessment": "assess",
             "review": "review", "report": "report", "estimate": "estimate"}


def _deverbal_issuer(tree: Tree, head: Token) -> Token | None:
    """``The Federal Court of Appeal has overturned ..., ruling that ...`` then
    ``according to the ruling``: a definite text noun with no earlier text of its own
    is the act of the nearest earlier verb it names, and speaks for that verb's
    subject (the subject of the clause it hangs on, for a participle)."""
    verb_lemma = _DEVERBAL.get(head.lemma.lower())
    if verb_lemma is None or not is_definite(tree, head):
        return None
    for v in reversed(tree.tokens[max(0, head.i - 400):head.i]):
        if v.upos != "VERB" or v.lemma.lower() != verb_lemma:
            continue
        node = v
        for _ in range(2):
            subj = [c for c in tree.children(node.i, "nsubj") if c.deprel == "nsubj"
                    and c.upos in ("PROPN", "NOUN")]
            if subj:
                return subj[0]
            if node.rel not in ("advcl", "conj", "xcomp") or node.head < 0:
                break
            node = tree.tokens[node.head]
        return None
    return None


# Units of the body named before them, bodies of their own ("the African Union observer
# mission", "the U.N. climate secretariat"), not another word for it ("the M5S party").
BODY_UNITS = frozenset({"mission", "secretariat", "panel", "committee", "delegation", "office",
                        "board", "team", "unit", "division", "branch", "bureau",
                        "commission", "caucus", "taskforce"})
# A place's institutions: "the Ontario government", "Toronto police" are named whole.
_INSTITUTIONS = {"government", "police", "military", "army", "navy", "administration",
                 "parliament", "legislature", "authorities", "authority", "court", "cabinet",
                 "council", "ministry", "department", "regime", "embassy", "consulate",
                 *BODY_UNITS}
_DASHES = {"--", "-", "\u2014", "\u2013", "\u2015"}
# Nouns that count or gather the people of their "of" phrase: "a chorus of Republicans".
_COUNTING = {"number", "chorus", "group", "handful", "majority", "host", "couple", "lot",
             "dozen", "dozens", "hundreds", "thousands", "score", "scores", "pair", "few",
             "many", "minority", "coalition", "bunch", "series", "range", "variety"}


def aged(tree: Tree, head: Token) -> bool:
    """``the 26-year-old said``: an age standing for a person (``old`` over ``year``)."""
    return head.lemma.lower() == "old" and any(
        c.lemma.lower() == "year" for c in tree.children(head.i))


def _past_dateline(tree: Tree, head: Token) -> Token:
    """``WASHINGTON -- President Obama ... said``: a dateline (a word in capitals opening
    its paragraph, then a dash) is no speaker; the name the parser hung on it is."""
    first = tree.doc.paragraphs[head.para][0] if head.para < len(tree.doc.paragraphs) else -1
    nxt = tree.tokens[head.i + 1] if head.i + 1 < len(tree.tokens) else None
    if head.start != first or not head.text.isupper() or nxt is None or (
            nxt.text not in _DASHES and nxt.text != "("):
        return head
    named = [c for c in tree.children(head.i, "appos", "flat", "conj", "dep")
             if c.i > head.i and c.upos in ("PROPN", "NOUN", "PRON")]
    return named[0] if named else head


def _counted(tree: Tree, head: Token) -> Token:
    """``a chorus of prominent Republicans``, ``a number of lawmakers``, ``Several of
    those fans``: a counting noun or a quantifier speaks for the people of its ``of``
    phrase."""
    partitive = head.text.lower() in QUANTIFIERS - {"one", "other", "various"}
    if not partitive and (_COUNTING.isdisjoint({head.lemma.lower(), head.text.lower()}) or (
            head.upos != "NOUN")):  # "Hundreds", lemma "hundred"
        return head
    for c in tree.children(head.i, "nmod", "obl"):  # ("of those fans" read as an obl)
        if c.upos in ("NOUN", "PROPN") and any(
                w.text.lower() == "of" for w in tree.children(c.i, "case")):
            return c
    return head


def is_definite(tree: Tree, head: Token) -> bool:
    """``the poll``, ``this report``: a noun with a definite determiner."""
    return any(d.text.lower() in ("the", "this", "that") for d in tree.children(head.i, "det"))


def _named_text(tree: Tree, head: Token) -> Token | None:
    """``the report`` after ``the Australian National Iodine Nutrition Study``: a
    definite text noun is the nearest text named before it (a name ending in a text
    noun), which speaks for itself."""
    if not is_definite(tree, head):
        return None
    for t in reversed(tree.tokens[max(0, head.i - 800):head.i]):
        if t.upos == "PROPN" and t.text.lower() in words("document_nouns") and (
                t.rel not in ("compound", "flat")):
            return t
    return None


def capitalised_description(tree: Tree, head: Token) -> bool:
    """``head`` is a capitalised party word, a role's initials, a nationality or a
    capitalised title heading a definite description (``the Republican from Ohio``,
    ``the CFO``, ``the Brazilian``, ``the Prime Minister``): a person known by their
    party, role or country, not a name."""
    low = head.text.lower()
    return head.text[:1].isupper() and (head.lemma.lower() in PARTY_WORDS or (
        head.text.isupper() and low in words("person_nouns")) or _DEMONYM.fullmatch(
        head.text) is not None or low in _DEMONYM_NOUNS or _capitalised_title(tree, head)) and any(
        c.text.lower() in ("the", "this", "that") for c in tree.children(head.i, "det"))


def _opening_people(tree: Tree, head: Token) -> bool:
    """``Allies of Mr Pellow said``: a plural person noun capitalised only because it
    opens its sentence, read as a proper noun, is a common noun."""
    return head.i == tree.doc.sentences[head.sent].first and head.ner == "O" and (
        head.text.lower().endswith("s")) and is_person_noun(head.text.lower())


def _capitalised_title(tree: Tree, head: Token) -> bool:
    """``the Prime Minister``, ``the Home Secretary``: a title written in capitals after
    ``the``, its modifiers capitalised words before it and no given name (a role, not a
    name, however the NER model tagged it), unless an office: tagged an organisation or
    reporting itself as ``it``."""
    mods = tree.children(head.i, "amod", "compound")
    return head.text.lower() in words("titles") and all(
        c.text[:1].isupper() and c.i < head.i and not is_given_name(c.text) for c in mods) and (
        not any(t.ner[2:] == "ORG" for t in [head, *mods])) and not _reports_as_it(tree, head)


def _reports_as_it(tree: Tree, head: Token) -> bool:
    """The clause ``head``'s verb reports has ``it`` for subject (``The Parliamentary
    Budget Officer said ... that it would publish``): an office speaking, not a person."""
    if head.head < 0:
        return False
    verb = tree.tokens[head.head]
    nxt = next((t for t in tree.doc.sentences[verb.sent].tokens if t.i > verb.i
                and t.rel == "nsubj"), None)  # the reported clause's subject, however the
    # parser hung the clause
    return nxt is not None and nxt.text.lower() == "it"


def _nationality(word: Token) -> bool:
    """``Portuguese`` in ``the Portuguese club``: a nationality, not the body's name (one
    the model tagged an organisation, ``Fijian Airways``, stays a name)."""
    return _DEMONYM.fullmatch(word.text) is not None and word.ner[2:] != "ORG"


# A nationality standing for a person (``the Brazilian``, ``the Kenyan``, ``the Israeli``).
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|an|i)")
# Nationality nouns of other forms (``the 31-year-old Swede``).
_DEMONYM_NOUNS = frozenset({"swede", "finn", "dane", "pole", "brit", "scot", "turk", "czech",
                            "greek", "thai", "swiss", "dutchman", "dutchwoman", "frenchman",
                            "frenchwoman", "englishman", "englishwoman", "irishman",
                            "irishwoman", "scotsman", "scotswoman", "welshman", "welshwoman",
                            "kiwi", "aussie", "quebecer"})


def _based_description(tree: Tree, head: Token) -> Token:
    """``The Menlo Park, Calif.-based company said``, parsed with the place as the
    subject: the description in apposition, located by ``-based``, is the mention."""
    if head.upos != "PROPN":
        return head
    for a in tree.children(head.i, "appos"):
        if a.upos == "NOUN" and any(c.text.lower().endswith("based")
                                    for c in tree.children(a.i, "amod")):
            return a
    return head


def _titled_people(tree: Tree, head: Token) -> list[Token]:
    """``Trustees Denise Lavoie and Omar Haddad said``: a plural role noun before the
    names of people stands for them (the first word of each name)."""
    low = head.text.lower()
    if not head.text[:1].isupper() or not low.endswith("s") or not (
            low[:-1] in words("person_nouns") or head.lemma.lower() in words("person_nouns")):
        return []
    return [c for c in tree.children(head.i, "appos", "conj", "flat", "vocative", "compound")
            if c.i > head.i and c.ner == "B-PER"]


def set_off_opener(tree: Tree, c: Token) -> bool:
    """``Varghese, for her part, said``, ``Ewing, whose cattle drink from the creek,
    said``, the name read as an adverb or a verb: a sentence's opening word, set off by
    a comma, that the model tags a person there or elsewhere in the article."""
    toks = tree.tokens
    if c.i != tree.doc.sentences[c.sent].first or c.i + 1 >= len(toks) or (
            toks[c.i + 1].text != ",") or not c.text[:1].isupper():
        return False
    return any(t.text == c.text and t.ner[2:] == "PER" for t in toks)


# Quantifiers that stand for a group on their own ("Several said", "Some said").
BARE_QUANTIFIERS = frozenset({"several", "some", "many", "most", "few", "others"})


def bare_quantifier_group(tree: Tree, head: Token) -> Token | None:
    """``evacuees were arriving ... Several said``: a quantifier standing alone for
    people speaks for the plural group of people that is the subject of the sentence
    before it in the paragraph (its noun), or for none."""
    if head.text.lower() not in BARE_QUANTIFIERS or tree.children(head.i, "nmod") or (
            head.sent == 0):
        return None
    before = tree.doc.sentences[head.sent - 1]
    if before.para != tree.doc.sentences[head.sent].para:
        return None
    groups = (_counted(tree, t) for t in before.tokens if t.rel.startswith("nsubj"))
    return next((g for g in groups if g.upos == "NOUN" and "Number=Plur" in g.feats
                 and member_noun(g) is not None), None)  # "Hundreds of farmers" too


def noun_read_as_verb(tree: Tree, word: Token) -> bool:
    """``advocates`` in ``Patient advocates said``: a lower-case word ending in -s tagged
    a present-tense verb, not the root, whose subject is the noun or adjective right
    before it, is a plural noun the tagger misread."""
    return word.xpos == "VBZ" and word.rel != "root" and word.text.islower() and (
        word.text.endswith("s")) and word.i > 0 and any(
        c.i == word.i - 1 and c.upos in ("NOUN", "PROPN", "ADJ")
        for c in tree.children(word.i, "nsubj"))


def read_mention(tree: Tree, head: Token) -> list[Named]:
    """Every speaker a mention names (several for ``the Kremlin and the White House``)."""
    head = _past_dateline(tree, head)
    head = bare_quantifier_group(tree, head) or head
    head = _counted(tree, head)
    head = _based_description(tree, head)
    heads = _titled_people(tree, head) or [head] + [
        c for c in tree.children(head.i, "conj") if c.upos in ("PROPN", "NOUN")]
    out: list[Named] = []
    for h in heads:
        role = h.upos == "ADJ" and h.lemma.lower() in words("person_nouns")  # "executive"
        named = h.text[:1].isupper() and (h.rel.startswith(("nsubj", "csubj")) and (
            h.lemma.lower() == h.text.lower()) or h.ner[2:] == "PER" or set_off_opener(
            tree, h))  # "Ostrovtsev added",
        # tagged a verb, no form; "Eitan Shaked", a name's word the model tagged a verb
        if h.upos not in ("PROPN", "NOUN", "PRON", "NUM", "X", "SYM") and not aged(
                tree, h) and not role and not named and not noun_read_as_verb(tree, h):
            continue  # a mis-parsed subject (a verb, an adverb) names nobody
        acronym = h.text.isupper() and len(h.text) > 1  # "WHO said", not "who said"
        if h.upos == "PRON" and h.text.lower() not in PRONOUNS and not acronym:
            continue  # who, that, which, there, something: not a speaker mention
        if h.text.lower() in words("calendar") and not tree.children(h.i, "compound", "flat"):
            continue  # "In October said ..." is a parser slip ("Sydney Morning Herald" is not)
        if acronym and h.upos == "PRON":
            out.append(_proper(tree, h))
        elif h.text.lower() in PRONOUNS:
            out.append(Named(h.text, "unknown", None, PRONOUNS[h.text.lower()], h.i))
        elif (h.upos == "PROPN" or (h.text[:1].isupper() and h.upos not in (
                "NOUN", "PRON", "NUM"))) and not capitalised_description(tree, h) and (
                not _opening_people(tree, h)):
            out.append(_proper(tree, h))
        else:
            out.extend(_common(tree, h))
    return [n for n in out if n.name]
