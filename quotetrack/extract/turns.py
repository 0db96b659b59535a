"""Speaker turns: ``NAME: words`` at the start of a paragraph (interview transcripts,
headlines such as ``Pat Caddell: Voters Worried ...``) quote NAME verbatim.

The label must be one to five capitalised words (or all capitals) ending in a colon
right at the paragraph's start; the quote is the rest of the paragraph.  The colon is
the cue (lemma ``:``) and the label's last word is the cue's speaker for attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quotetrack.extract.syntax import Tree
from quotetrack.records import Cue, QuoteSpan

_LABEL = re.compile(r"[\"“']?((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*):\s")
MIN_WORDS = 4
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


def find_turns(tree: Tree) -> Iterator[QuoteSpan]:
    """One direct quote per speaker-turn paragraph; ``cue_token`` is the label's last
    word (attribution reads the speaker from it)."""
    doc = tree.doc
    for para, (start, end) in enumerate(doc.paragraphs):
        found = turn_label(doc.text, start, end)
        if found is None:
            continue
        lstart, lend, content = found
        label_words = [t for t in tree.tokens if lstart <= t.start and t.end <= lend]
        stop = end
        while stop > content and doc.text[stop - 1].isspace():
            stop -= 1
        if not label_words or stop <= content:
            continue
        first = next((t for t in tree.tokens if t.start >= content), label_words[-1])
        cue = Cue(lend, lend + 1, ":", ":")
        yield QuoteSpan(content, stop, doc.text[content:stop], "direct", first.sent, para,
                        cue, label_words[-1].i, ("turn",))
