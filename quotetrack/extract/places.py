"""Place names from the lexicon, and the government bodies named after them.

A Canadian department or a provincial ministry is often named by its place and its
portfolio, in either order and with no head word such as ``Ministry``: ``Health
Canada``, ``Indigenous Services Canada``, ``Manitoba Health``, ``Alberta Parks``.  The
NER model types such names as places or even people; ``place_body`` recognises them
from their words alone (pure; names are surface strings).
"""

from __future__ import annotations

from quotetrack.lexicon import is_given_name, words

# Words that keep a place a place: "Northern Ontario", "Quebec City", "Kansas City".
_PLACE_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern",
                          "eastern", "western", "central", "upper", "lower", "greater",
                          "new", "city", "county", "province", "state", "island",
                          "islands", "territory", "territories", "region", "republic",
                          "nation", "nations"})  # "Manitoba First Nation": a community
_JOINERS = frozenset({"and", "of", "for", "&", "the"})


def is_place(word: str) -> bool:
    """A country, a Canadian province or territory, a US state or a continent (case,
    stops and a possessive aside)."""
    low = word.lower().strip(".,")
    for end in ("'s", "\u2019s", "'", "\u2019"):
        low = low.removesuffix(end)
    return low in words("places")


def place_body(name: str) -> bool:
    """``name`` joins a place to other capitalised words that neither keep it a place
    nor make it a person: a public body unless a business word says otherwise (``Health
    Canada``, ``Manitoba Health``, ``Fisheries and Oceans Canada``; not ``Northern
    Ontario``, ``Quebec City``, ``Kenya Barris``)."""
    found = [w.strip(".,'\u2019") for w in name.split()]
    placed = _place_words(found)
    if len(found) < 2 or is_given_name(found[0]) or not placed:
        return False
    rest = [w for k, w in enumerate(found) if k not in placed and w.lower() not in _JOINERS]
    return bool(rest) and all(
        w[:1].isupper() and w.lower() not in _PLACE_WORDS and not is_given_name(w)
        for w in rest)


def _place_words(found: list[str]) -> set[int]:
    """Indexes of the words that name places, alone or as a name of two or three words
    in the lexicon (``New Brunswick``, ``Prince Edward Island``)."""
    out = {k for k, w in enumerate(found) if is_place(w)}
    low = [w.lower() for w in found]
    for size in (2, 3):
        for k in range(len(found) - size + 1):
            if " ".join(low[k:k + size]) in words("places"):
                out |= set(range(k, k + size))
    return out
