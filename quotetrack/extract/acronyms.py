"""Acronyms and their long forms: ``Alliance to Reclaim Our Schools (AROS)``, ``the PBO``
after ``Parliamentary Budget Officer``, ``TSB`` for ``Transportation Safety Board of
Canada``.  Pure functions over the parse and its mentions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quotetrack.extract.mentions import Mention
from quotetrack.extract.name_runs import _FRENCH_OF, _surface
from quotetrack.records import ParsedDoc, Token

_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "on", "de"}


def acronym(name: str) -> str:
    """Initials of the capitalised words of a multi-word name, joiners aside
    (``Pacific Business Organization`` -> ``PBO``, ``Alliance to Reclaim Our Schools``
    -> ``AROS``; a French name's common noun after ``de`` too: ``SPVM``)."""
    split = re.sub(r"(?<=\w)-(?=[A-Z])", " ", name.replace(",", " ")).split()  # Sud-Ouest
    french = any(w.lower() in _FRENCH_OF or _ELIDED.match(w) for w in split)
    parts = [w for k, w in enumerate(split) if w.lower() not in _LONG_FORM_JOINERS and (
        w[:1].isupper() or (k > 0 and split[k - 1].lower() in _FRENCH_OF) or (
            french and w.isalpha()) or _ELIDED.match(w))]
    return "".join(_initials(w) for w in parts).upper() if len(parts) > 1 else ""


_DOTTED = re.compile(r"(?:[A-Z]\.)+")


# French elision glued to a word ("d'action", "l'Ouest"): the initial is the word's.
_ELIDED = re.compile(r"[dlDL]['\u2019](\w)")


def _initials(word: str) -> str:
    """A word's initial, or the letters of an abbreviation it spells (``B.C.`` -> ``BC``:
    ``B.C. Wildfire Service`` is the ``BCWS``; ``d'action`` gives ``A``)."""
    elided = _ELIDED.match(word)
    if elided:
        return elided.group(1)
    return word.replace(".", "") if _DOTTED.fullmatch(word) else word[0]


def bare(word: str) -> str:
    """An acronym without its stops (``S.E.C.`` -> ``SEC``)."""
    return word.replace(".", "")


_ACRONYM = re.compile(r"[A-Z](?:[A-Z]|\.[A-Z])+\.?|[A-Z][A-Z&]*[A-Z]")


_LONG_FORM_JOINERS = _ACRONYM_SKIP | {"to", "in", "at", ",", "and", "la", "le", "les", "des",
                                      "du", "d'", "l'", "et", "-", "\u2013"}


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
    elif (toks[k].text[:1].isupper() or (toks[k].text.isalpha() and toks[k - 1].text.lower()
                                          in _FRENCH_OF)) and not toks[k + 1].text[:1].isupper():
        last = k
        first = next((f for f in (_long_form(doc, k, a) for a in sorted(initials)
                                  if len(a) > 2 and a[-1] == toks[k].text[0].upper()) if f), None)
        acr = acronym(_surface(doc, list(toks[first:k + 1]))) if first is not None else ""
    else:
        return None
    if first is None or first >= last:
        return None
    return list(toks[first:last + 1]), acr


def _long_form(doc: ParsedDoc, last: int, acr: str) -> int | None:
    """Index of the first word of the shortest run ending at ``last`` whose capitalised
    words' initials are ``acr`` (joiners such as ``of``, ``and``, ``to`` between; a
    French name's common noun after ``de`` counts: ``Service de police de la Ville de
    Montréal (SPVM)``)."""
    initials = ""
    for j in range(last, max(-1, last - 3 * len(acr)), -1):
        t = doc.tokens[j]
        if t.sent != doc.tokens[last].sent:
            return None
        french = (t.text.isalpha() and t.text.islower() and j > 0 and (
            doc.tokens[j - 1].text.lower() in _FRENCH_OF | {"et"} or any(
                doc.tokens[x].text.lower() in _FRENCH_OF for x in range(j, last + 1)))
            or bool(_ELIDED.match(t.text))) and (
            t.text not in _LONG_FORM_JOINERS)  # "Service de police": P
        if (t.text[:1].isupper() and t.text.lower() not in _ACRONYM_SKIP) or french:
            initials = _initials(t.text).upper() + initials
            if initials == acr:
                return j
            if not acr.endswith(initials):
                return None
        elif t.text.lower() not in _LONG_FORM_JOINERS or j == last:
            return None
    return None
