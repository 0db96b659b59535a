"""Quote wording: when are two quotes the same statement, and how do they differ.

Pure functions, no database.  The store (``store/variants.py``) uses them to link a
new quote to earlier ones in other articles; the CLI uses ``word_diff`` to show how
a variant's wording drifted from the earliest version.

* ``tokens(text)``: the comparison form: NFKC, curly quote marks straightened,
  case-folded, punctuation dropped, words (``don't`` stays one word).
* ``blocking_keys(tokens)``: short strings that two variants share, so candidates
  are found by an index lookup, never by a scan:  ``x…`` the hash of the whole
  token sequence (exact matches), ``s…`` hashed word 3-shingles, winnowed (window
  3: any shared run of five or more words shares a key; Schleimer et al. 2003); a
  quote under ``SHORT`` words keys every shingle.  Shingles made only of function
  words are never keys, so ``one of the`` cannot make everything a candidate.
  ``p…`` hashes the first ``exact_min_words`` words, so a quote cut down to its
  opening words finds its full version.
* ``compare(a, b)``: the relation of quote ``a`` to quote ``b``:
  ``exact`` (same words), ``truncated`` (``a`` is a cut of ``b``: one to three runs
  of three or more words, in order, elisions allowed; below ``min_words``, only
  ``b``'s opening words, e.g. its first clause), ``extended`` (the reverse),
  ``similar`` (a few words changed: word-level LCS similarity
  ``2*lcs/(len a + len b)`` >= threshold).
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import blake2b
from typing import Literal

Relation = Literal["exact", "truncated", "extended", "similar"]
RELATIONS: tuple[Relation, ...] = ("exact", "truncated", "extended", "similar")
REVERSE: dict[Relation, Relation] = {"exact": "exact", "similar": "similar",
                                     "truncated": "extended", "extended": "truncated"}
THRESHOLD_ENV = "QUOTETRACK_VARIANT_THRESHOLD"
SHINGLE, WINDOW, SHORT = 3, 3, 16
MIN_RUN, MAX_RUNS = 3, 3
_WORD = re.compile(r"\w+(?:'\w+)*")
_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                        "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u02bc": "'",
                        "`": "'"})
FUNCTION_WORDS = frozenset("""
    a an the and or but if of to in on at by for with from as into about than that this
    these those it its is are was were be been being have has had do does did not no
    i you he she we they me him her us them my your his our their there here what which
    who whom will would can could should may might must shall so just very all some any
    s t don't it's i'm that's we're they're
""".split())


@dataclass(frozen=True, slots=True)
class VariantConfig:
    """How variants are matched.

    ``threshold``: minimum similarity (0-1) for ``similar`` and for fuzzy
    truncation; ``min_words``: the shorter quote's minimum length for anything but
    an exact match; ``exact_min_words``: shorter quotes (``"rigged"``) are never
    linked; ``max_candidates``: how many index hits are compared per quote;
    ``max_postings``: how many holders of one key are read (the newest), which
    bounds the cost of a lookup whatever the store's size; ``kinds``: the quote
    kinds linked (indirect quotes are the reporter's paraphrase: their wording says
    nothing about the speaker's).
    """

    threshold: float = 0.85
    min_words: int = 6
    exact_min_words: int = 5
    max_candidates: int = 50
    max_postings: int = 100
    kinds: tuple[str, ...] = ("direct", "mixed")

    @classmethod
    def from_env(cls, threshold: float | None = None) -> VariantConfig:
        """The defaults, with ``threshold`` (or QUOTETRACK_VARIANT_THRESHOLD) applied."""
        if threshold is None and os.environ.get(THRESHOLD_ENV):
            threshold = float(os.environ[THRESHOLD_ENV])
        return cls() if threshold is None else cls(threshold=threshold)


@dataclass(frozen=True, slots=True)
class Match:
    """How quote ``a`` relates to quote ``b``; ``score`` in (0, 1]."""

    relation: Relation
    score: float


def tokens(text: str) -> list[str]:
    """The comparison words of ``text`` (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).translate(_MARKS).casefold()
    return _WORD.findall(folded)


def _hash(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def exact_key(words: Sequence[str]) -> str:
    """The key every quote with exactly these words shares."""
    return "x" + _hash(" ".join(words))


def _shingles(words: Sequence[str]) -> list[str | None]:
    """Hashed word 3-shingles in order; None for a shingle of function words only."""
    out: list[str | None] = []
    for i in range(len(words) - SHINGLE + 1):
        gram = words[i:i + SHINGLE]
        out.append(None if all(w in FUNCTION_WORDS for w in gram) else _hash(" ".join(gram)))
    return out


def _winnow(hashes: Sequence[str | None]) -> set[str]:
    """The minimum hash of every window of ``WINDOW`` shingles (Nones skipped)."""
    picked: set[str] = set()
    for i in range(max(1, len(hashes) - WINDOW + 1)):
        window = [h for h in hashes[i:i + WINDOW] if h is not None]
        if window:
            picked.add(min(window))
    return picked


def blocking_keys(words: Sequence[str], config: VariantConfig) -> set[str]:
    """Index keys of a quote: its exact key and opening key, plus shingle keys when it
    is long enough to match anything but an exact copy or a cut to its opening words.
    Empty below ``exact_min_words``."""
    if len(words) < config.exact_min_words:
        return set()
    keys = {exact_key(words)}
    opening = words[:config.exact_min_words]
    if not all(w in FUNCTION_WORDS for w in opening):
        keys.add("p" + _hash(" ".join(opening)))
    if len(words) >= config.min_words:
        hashes = _shingles(words)
        chosen = {h for h in hashes if h} if len(words) < SHORT else _winnow(hashes)
        keys |= {"s" + h for h in chosen}
    return keys


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two word lists."""
    try:
        from rapidfuzz.distance import LCSseq
    except ImportError:  # the optional extra ``fuzzy``; same result, slower
        return _lcs_python(a, b)
    return int(LCSseq.similarity(list(a), list(b)))


def _lcs_python(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def containment(short: Sequence[str], long: Sequence[str]) -> float:
    """How much of ``short`` is a cut of ``long`` (0-1): the share of its words in
    common runs of ``MIN_RUN`` or more words, in order, at most ``MAX_RUNS`` runs
    (elisions), spanning at most twice ``short``'s length.  Scattered common words
    (``we are going to ... so much``) count for nothing."""
    blocks = [m for m in difflib.SequenceMatcher(None, list(short), list(long), autojunk=False)
              .get_matching_blocks() if m.size >= MIN_RUN]
    if not blocks or len(blocks) > MAX_RUNS:
        return 0.0
    span = blocks[-1].b + blocks[-1].size - blocks[0].b
    return sum(m.size for m in blocks) / len(short) if span <= 2 * len(short) else 0.0


def compare(a: Sequence[str], b: Sequence[str], config: VariantConfig) -> Match | None:
    """The relation of quote ``a`` to quote ``b`` (token lists), or None if unrelated.

    Exact needs ``exact_min_words``; everything else needs the shorter quote to have
    ``min_words``, except a cut to the other's opening words (``exact_min_words`` or
    more: ``"There are things to discuss," he said`` of a longer statement), which is
    ``truncated``.  A quote that is a cut of a longer one (``containment``: one to
    three runs of its words, elisions allowed) is ``truncated`` (``extended`` the
    other way round); quotes of similar length with a few words changed are
    ``similar`` (LCS similarity).  Both against ``config.threshold``.
    """
    if list(a) == list(b):
        return Match("exact", 1.0) if len(a) >= config.exact_min_words else None
    if min(len(a), len(b)) < config.min_words:
        return _opening_cut(a, b, config)
    similarity = 2 * lcs_length(a, b) / (len(a) + len(b))
    short, long = (a, b) if len(a) < len(b) else (b, a)
    part = containment(short, long) if len(a) != len(b) else 0.0
    if part >= config.threshold and part > similarity:
        return Match("truncated" if short is a else "extended", round(part, 3))
    if similarity >= config.threshold:
        return Match("similar", round(similarity, 3))
    return None


def _opening_cut(a: Sequence[str], b: Sequence[str], config: VariantConfig) -> Match | None:
    """``truncated``/``extended`` when the shorter quote is the other's opening words."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < config.exact_min_words or list(long[:len(short)]) != list(short):
        return None
    return Match("truncated" if short is a else "extended", 1.0)


DiffOp = tuple[Literal["=", "-", "+"], str]


def word_diff(base: str, text: str) -> list[DiffOp]:
    """Word-level edits that turn ``base`` into ``text``: ``("=", words)`` kept,
    ``("-", words)`` dropped from ``base``, ``("+", words)`` added in ``text``.

    Words compare in the ``tokens`` form, so case, punctuation and curly/straight
    marks never count as a change; kept words are shown as ``text`` spells them.
    """
    old, new = base.split(), text.split()
    old_keys = [" ".join(tokens(w)) or w for w in old]
    new_keys = [" ".join(tokens(w)) or w for w in new]
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(new[j1:j2])))
    return ops


def diff_text(ops: Sequence[DiffOp]) -> str:
    """A diff as plain text, wdiff style: ``[-dropped-]`` and ``{+added+}``."""
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in ops)
