"""Lexical data as packaged files: speech verbs with stance, titles, organisation and
group head words, reporting nouns, and the quote-mark pairs.

Loaded once per process; every lookup is by lower-cased lemma or word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Opening mark -> closing marks it accepts.  Straight marks close themselves.
DOUBLE_PAIRS: dict[str, str] = {
    '"': '"', "\u201c": "\u201d\u201c", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
    "\u00bb": "\u00ab", "``": "''", "''": "''", "\u201f": "\u201d",
    "\u301d": "\u301e\u301f",
}
SINGLE_PAIRS: dict[str, str] = {
    "'": "'", "\u2018": "\u2019", "\u201a": "\u2018\u2019", "\u2039": "\u203a",
    "\u203a": "\u2039",
}


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """A cue lemma: its stance, the frames of content it reports (``clause``,
    ``quote``, ``request``, ``xcomp``, ``object``; see the TSV header) and the
    prepositions that introduce its object content beyond the common ones
    (``referred to X``, ``lashed out at X``)."""

    lemma: str
    stance: str
    frames: frozenset[str]
    preps: frozenset[str] = frozenset()


def _lines(name: str) -> list[str]:
    text = files(__name__).joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def speech_verbs() -> dict[str, SpeechVerb]:
    """lemma -> SpeechVerb, from ``speech_verbs.tsv`` (first entry of a lemma wins)."""
    verbs: dict[str, SpeechVerb] = {}
    for line in _lines("speech_verbs.tsv"):
        lemma, stance, frames, *preps = line.split("\t")
        verbs.setdefault(lemma, SpeechVerb(lemma, stance, frozenset(frames.split(",")),
                                           frozenset(",".join(preps).split(",")) - {""}))
    return verbs


@cache
def reporting_nouns() -> dict[str, str]:
    """noun -> scope (``claim`` or ``attribution``), from ``reporting_nouns.txt``."""
    return dict(line.split("\t") for line in _lines("reporting_nouns.txt"))


@cache
def words(name: str) -> frozenset[str]:
    """A packaged word list (``titles``, ``organizations``, ``group_nouns``,
    ``calendar``) as a lower-cased set."""
    return frozenset(w.lower() for w in _lines(f"{name}.txt"))


@cache
def _genders(name: str) -> dict[str, str]:
    return dict(line.lower().split("\t")[:2] for line in _lines(f"{name}.tsv"))


def first_name_gender(name: str) -> str | None:
    """``m`` or ``f`` for a given name usually borne by one gender (``first_names.tsv``),
    else None (unknown or shared names); a hyphenated one when all its parts are given
    names of one gender (``Mary-Kate``; not ``Baptiste-Harlow``)."""
    low = name.lower()
    known = _genders("first_names").get(low)
    if known is not None or "-" not in low:
        return known
    parts = [_genders("first_names").get(p) for p in low.split("-")]
    return parts[0] if len(set(parts)) == 1 else None  # every part known, one gender


def is_given_name(name: str) -> bool:
    """A word that can be a given name: one with a usual gender, or one borne by both
    genders or also a common word (``given_names_shared.txt``: ``Chris``, ``Will``)."""
    low = name.lower()
    return low in _genders("first_names") or low in words("given_names_shared")


def singulars(noun: str) -> set[str]:
    """``coaches`` -> ``coach``, ``allies`` -> ``ally``: the forms a plural noun's
    singular may take, the noun itself included (the dictionary lemmatizer leaves unseen
    plurals as they are)."""
    out = {noun}
    if noun.endswith("s"):
        out.add(noun[:-1])
    if noun.endswith("es"):
        out.add(noun[:-2])
    if noun.endswith("ies") and len(noun) > 4:
        out.add(noun[:-3] + "y")
    return out


def is_person_noun(word: str) -> bool:
    """A noun for people (``person_nouns.txt``), singular or plural (``officials``)."""
    return bool(singulars(word.lower()) & words("person_nouns"))


def noun_gender(noun: str) -> str | None:
    """``m`` or ``f`` for a noun that fixes its referent's gender (``spokeswoman``)."""
    return _genders("gendered_nouns").get(noun.lower())


def _stems(word: str) -> list[str]:
    """Candidate base forms of an English verb form (for words the lemmatizer's
    dictionary does not know, which it leaves unchanged)."""
    w = word.lower()
    out = [w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: len(w) - len(suffix)] + repl
            out.append(base)
            if len(base) > 2 and base[-1] == base[-2] and suffix in ("ed", "ing"):
                out.append(base[:-1])  # admitted -> admit, quipping -> quip
    return out


def speech_verb(lemma: str, word: str = "") -> SpeechVerb | None:
    """The lexicon entry for a verb, by lemma or, failing that, by its word form."""
    verbs = speech_verbs()
    for cand in [lemma.lower(), *_stems(word or lemma)]:
        if cand in verbs:
            return verbs[cand]
    return None
