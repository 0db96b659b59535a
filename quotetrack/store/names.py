"""Speaker-name keys: how two spellings of one speaker come to the same alias.

Pure functions, no database.  A *key* is the normalised form stored in
``speaker_aliases.alias``: accents folded, case folded, dots dropped (``U.S.`` ->
``us``), other punctuation turned into spaces, whitespace collapsed.  People also
lose leading titles (``President``, ``Sen.``, ``Mr.`` ...); organisations and
groups lose a leading ``the`` (``the White House`` == ``White House``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from quotetrack.lexicon import words as lexicon_words

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PRONOUNS = frozenset("""
    i me my we us our you your he him his she her hers they them their it its
    this that these those who whom someone somebody one
""".split())
PERSONLIKE = ("person", "unknown")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_PUNCT = re.compile(r"[^\w\s'-]+")


@cache
def _titles() -> frozenset[str]:
    """The project's title words (``lexicon/titles.txt``), folded like names."""
    return frozenset(fold(w) for w in lexicon_words("titles"))


def fold(text: str) -> str:
    """Case- and accent-folded text with dots removed and punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _PUNCT.sub(" ", plain.casefold().replace(".", ""))
    return " ".join(w.strip("'-") for w in plain.split() if w.strip("'-"))


TITLES = _titles()


def _strip_titles(words: list[str]) -> list[str]:
    """Drop what precedes a name: leading titles (``Mr.``, ``Foreign Minister``) and a
    place or nationality before a title (``Russian President``, ``Charlotte Mayor``)
    when a name follows."""
    i = 0
    titles = _titles()
    while i < len(words) - 1 and words[i] in titles:
        i += 1
    end = len(words)
    while end > 1 and words[end - 1] in SUFFIXES:
        end -= 1
    for j in range(end - 2, i, -1):
        if words[j] in titles:
            return words[j + 1:]
    return words[i:]


def name_key(name: str, kind: str = "person") -> str:
    """The alias key of ``name`` for a speaker of ``kind`` ('' when nothing is left).

    >>> name_key("Foreign Minister Sergei Lavrov")
    'sergei lavrov'
    >>> name_key("the White House", "organization")
    'white house'
    """
    words = fold(name).split()
    if kind in PERSONLIKE:
        words = _strip_titles(words)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def person_parts(key: str) -> tuple[str | None, str]:
    """``(first name or None, surname)`` of a person key; suffixes like Jr. skipped."""
    words = key.split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return (words[0] if len(words) > 1 else None), words[-1] if words else ""


def _close(a: str, b: str) -> bool:
    """One edit apart (Sergei / Sergey), for names of four letters or more."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def compatible_first(a: str | None, b: str | None) -> bool:
    """Whether two first names can be one person's: missing, initial, prefix or spelling.

    ``None`` (a surname-only mention) is compatible with anything; ``d`` with
    ``donald``; ``don`` with ``donald``; ``sergei`` with ``sergey``.
    """
    if a is None or b is None or a == b:
        return True
    if a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short) >= 3 and long_.startswith(short)) or _close(a, b)


def usable_alias(surface: str, kind: str) -> bool:
    """Whether a mention text names the speaker (not a pronoun or a common noun phrase).

    A usable alias has a capital letter, at most six words, and is no pronoun.
    """
    key = name_key(surface, kind)
    return bool(key) and any(c.isupper() for c in surface) and key not in PRONOUNS \
        and len(key.split()) <= 6


def display_name(name: str) -> str:
    """The canonical name as shown: the given text with whitespace collapsed."""
    return " ".join(name.split())
