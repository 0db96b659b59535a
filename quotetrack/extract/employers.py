"""Employers named only through their staff: ``Ledgerline CEO Thomas Van der Berg``,
``A Ledgerline spokeswoman``, ``Ledgerline's chief financial officer``.

A capitalised name right before a corporate staff noun (or owning one) is the body
that employs that person, an organisation mention of its own, so that ``the company``
can refer to it later.  A place, a person's name or a party's word is no employer
(``Ontario's chief medical officer``, ``Trump spokesperson``, ``Liberal staffers``).
Offsets are character offsets into the article text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quotetrack.extract.mention_types import PARTY_WORDS
from quotetrack.extract.mentions import Mention
from quotetrack.extract.name_runs import POSSESSIVES, _surface
from quotetrack.extract.places import is_place
from quotetrack.lexicon import is_given_name, words
from quotetrack.records import ParsedDoc, Token

# Staff a company has and a government or a person does not name this way.
STAFF = frozenset({"ceo", "cfo", "coo", "cto", "spokeswoman", "spokesman", "spokesperson",
                   "founder", "co-founder", "employee", "employees", "executive",
                   "executives", "chairman", "chairwoman", "shareholders"})
_CHIEF = frozenset({"chief"})  # "Ledgerline's chief financial officer"


def _staff_after(doc: ParsedDoc, last: int) -> bool:
    """A staff noun follows word ``last`` in its sentence, right after it or after its
    possessive and adjectives (``'s chief financial officer``)."""
    toks = doc.tokens
    k = last + 1
    if k < len(toks) and toks[k].text in POSSESSIVES:
        k += 1
        while k < len(toks) and toks[k].upos == "ADJ" and toks[k].text.lower() not in _CHIEF:
            k += 1
        return k < len(toks) and toks[k].sent == toks[last].sent and (
            toks[k].text.lower() in STAFF | _CHIEF)
    return k < len(toks) and toks[k].sent == toks[last].sent and toks[k].text.lower() in STAFF


def _run_before(doc: ParsedDoc, last: int) -> list[Token]:
    """The capitalised proper-noun words ending at word ``last`` (same sentence)."""
    toks = doc.tokens
    k = last
    while k >= 0 and toks[k].sent == toks[last].sent and toks[k].xpos in ("NNP", "NNPS") and (
            toks[k].text[:1].isupper()):
        k -= 1
    return list(toks[k + 1:last + 1])


def _employer(doc: ParsedDoc, run: Sequence[Token], people: set[str]) -> bool:
    """``run`` can name a body: no place, given name, title, party word or word of a
    person's full name in the article (``people``)."""
    low = {t.text.lower().rstrip(".") for t in run}
    return bool(run) and not is_place(_surface(doc, list(run))) and not is_given_name(
        run[0].text) and not low & (words("titles") | words("calendar") | PARTY_WORDS) and (
        not {t.text for t in run} & people)


def employers(doc: ParsedDoc, found: list[Mention]) -> list[Mention]:
    """``found`` with every employer named before a staff noun an organisation mention
    (a new one, or a one-word person or place mention retyped), and its other
    one-word mentions retyped with it."""
    people = {w for m in found if m.type == "PER" and m.first < m.last for w in m.text.split()}
    by_last = {m.last: m for m in found}
    covered = {k for m in found for k in range(m.first, m.last + 1)}
    names: set[str] = set()
    added: list[Mention] = []
    for t in doc.tokens:
        if t.xpos not in ("NNP", "NNPS") or not _staff_after(doc, t.i):
            continue
        run = _run_before(doc, t.i)
        own = by_last.get(t.i)
        if own is not None and own.first == run[0].i and own.type != "ORG" and _employer(
                doc, run, people):
            names.add(own.text)
        elif own is None and not covered & {w.i for w in run} and _employer(doc, run, people):
            text = _surface(doc, run)
            names.add(text)
            added.append(Mention(run[0].i, t.i, run[0].start, t.end, text, "ORG", t.sent))
    out = [replace(m, type="ORG") if m.text in names and m.type in ("PER", "LOC") and (
        m.first == m.last) else m for m in found]
    return sorted(out + added, key=lambda m: m.first)
