"""Read-only helpers over a ``ParsedDoc``'s dependency trees (no stanza)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

from quotetrack.records import ParsedDoc, Token

PUNCT_EDGE = set(",;:.!?\u2014\u2013-\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()")
NEGATIONS = {"not", "n't", "never", "no"}


class Tree:
    """Child lists and subtree queries for every word of a document."""

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if 0 <= t.head < len(self.tokens):
                self.kids[t.head].append(t.i)

    def within(self, start: int, end: int) -> list[Token]:
        """Words lying wholly inside the character span [start, end)."""
        out = []
        for t in self.tokens[bisect_left(self.starts, start):]:
            if t.start >= end:
                break
            if t.end <= end:
                out.append(t)
        return out

    def children(self, i: int, *rels: str) -> list[Token]:
        """Children of word ``i``, optionally only those with a relation in ``rels``
        (a bare relation also matches its subtypes)."""
        out = [self.tokens[k] for k in self.kids[i]]
        return [t for t in out if not rels or t.deprel in rels or t.rel in rels]

    def subtree(self, i: int, skip: Iterable[int] = ()) -> list[Token]:
        """Word ``i`` and its descendants in order, leaving out the subtrees of ``skip``."""
        banned = set(skip)
        seen, todo = [], [i]
        while todo:
            k = todo.pop()
            if k in banned:
                continue
            seen.append(k)
            todo.extend(self.kids[k])
        return [self.tokens[k] for k in sorted(seen)]

    def ancestors(self, i: int) -> Iterator[Token]:
        """Governors of word ``i`` up to its sentence root (guarded against cycles)."""
        seen = {i}
        k = self.tokens[i].head
        while 0 <= k < len(self.tokens) and k not in seen:
            seen.add(k)
            yield self.tokens[k]
            k = self.tokens[k].head

    def negated(self, i: int) -> bool:
        """True when word ``i`` carries a negation (``did not say``)."""
        return any(c.lemma.lower() in NEGATIONS or c.text.lower() in NEGATIONS
                   for c in self.children(i, "advmod"))


def trimmed(tokens: list[Token]) -> list[Token]:
    """Drop punctuation words at either edge."""
    lo, hi = 0, len(tokens)
    while lo < hi and (tokens[lo].upos == "PUNCT" or tokens[lo].text in PUNCT_EDGE):
        lo += 1
    while hi > lo and (tokens[hi - 1].upos == "PUNCT" or tokens[hi - 1].text in PUNCT_EDGE):
        hi -= 1
    return tokens[lo:hi]


def contiguous(tokens: list[Token], anchor: int) -> list[Token]:
    """The run of document-consecutive words around ``anchor`` (tokens sorted)."""
    idx = {t.i for t in tokens}
    lo = hi = anchor
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi]
