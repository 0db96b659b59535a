"""Speaker turns: ``NAME: words`` at the start of a paragraph (interview transcripts,
headlines such as ``Pat Caddell: Voters Worried ...``) quote NAME verbatim.

The label must be one to five capitalised words (or all capitals) ending in a colon
right at the paragraph's start; the quote is the rest of the paragraph.  The colon is
the cue (lemma ``:``) and the label's last word is the cue's speaker for attribution.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from quotetrack.extract.syntax import Tree
from quotetrack.records import Cue, QuoteSpan, Token

_LABEL = re.compile(r"[\"“']?((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*):\s")
MIN_WORDS = 4
_HEADING = re.compile(r"[A-Z]+(?: [A-Z]+){0,3}")
_NOT_SPEAKERS = {"update", "note", "editor", "photo", "video", "watch", "read", "related",
                 "source", "sources", "correction", "advertisement", "warning", "q", "a"}


def turn_label(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(label start, label end, content start) of a paragraph ``text[start:end]``."""
    m = _LABEL.match(text, start, end)
    if not m:
        return None
    label = m.group(1)
    if label.split()[-1].lower().strip(".") in _NOT_SPEAKERS:
        return None
    content = m.end()
    if len(text[content:end].split()) < MIN_WORDS:
        return None
    return m.start(1), m.end(1), content


def _named_elsewhere(text: str, word: str, at: int) -> bool:
    """``word`` also appears in the article as a capitalised name, not at ``at``."""
    name = word[:1].upper() + word[1:].lower()
    return any(m.start() != at for m in re.finditer(rf"\b{re.escape(name)}\b", text))


def _names(label: list[Token]) -> bool:
    """A label names a speaker when it holds a proper noun or is written in capitals
    (``WALLACE:``); common words or an article before them (``The Latest:``, however a
    model tags ``Latest``) make a heading."""
    if label[0].text == "The":
        return False
    return any(t.upos == "PROPN" or t.ner != "O" or (t.text.isupper() and len(t.text) > 1)
               for t in label)


def _heading(text: str) -> bool:
    """A paragraph of one to four words of capital letters alone (``UP NEXT``, ``BIG
    PICTURE``; not a transcript's ``(CROSSTALK.)``)."""
    return _HEADING.fullmatch(text.strip()) is not None


def _listed_under_heading(text: str, paragraphs: tuple[tuple[int, int], ...],
                          labels: dict[int, tuple[int, int, int] | None]) -> set[int]:
    """Labelled paragraphs in a run right under a heading in capitals (``UP NEXT`` /
    ``Wexford: Hosts Carroll Tech on Wednesday.``): entries of a list, not speech."""
    listed: set[int] = set()
    for para, (start, end) in enumerate(paragraphs):
        if not _heading(text[start:end]):
            continue
        k = para + 1
        while k < len(paragraphs) and labels.get(k) is not None:
            listed.add(k)
            k += 1
    return listed


def find_turns(tree: Tree) -> Iterator[QuoteSpan]:
    """One direct quote per speaker-turn paragraph; ``cue_token`` is the label's last
    word (attribution reads the speaker from it).  A one-word label speaks only in a
    transcript (several paragraphs open with one) or when it is a name the article
    uses elsewhere (``PENCE:`` after ``Mike Pence``); alone, it is a section label
    (``VIEWPOINT:``, ``ANALYSIS:``); a label of common words is a heading; labelled
    paragraphs listed under a heading in capitals are no turns (``_listed_under_heading``)."""
    doc = tree.doc
    labels = {para: turn_label(doc.text, start, end)
              for para, (start, end) in enumerate(doc.paragraphs)}
    single = Counter(doc.text[f[0]:f[1]].lower() for f in labels.values()
                     if f is not None and " " not in doc.text[f[0]:f[1]])
    listed = _listed_under_heading(doc.text, doc.paragraphs, labels)
    for para, (_, end) in enumerate(doc.paragraphs):
        found = labels[para]
        if found is None or para in listed:
            continue
        lstart, lend, content = found
        word = doc.text[lstart:lend]
        if " " not in word and sum(single.values()) < 2 and not _named_elsewhere(
                doc.text, word, lstart):
            continue
        label_words = [t for t in tree.tokens if lstart <= t.start and t.end <= lend]
        stop = end
        while stop > content and doc.text[stop - 1].isspace():
            stop -= 1
        if not label_words or stop <= content or not _names(label_words):
            continue
        first = next((t for t in tree.tokens if t.start >= content), label_words[-1])
        cue = Cue(lend, lend + 1, ":", ":")
        yield QuoteSpan(content, stop, doc.text[content:stop], "direct", first.sent, para,
                        cue, label_words[-1].i, ("turn",))
