"""Page furniture: the lines of a page that are not the article's prose.

``furniture(tree)`` is pure and returns the indices of paragraphs that are headings,
headlines (also when repeated in the body), section labels, related-link lines
(``READ MORE: <headline>``), captions and credits.  No quote starts in one.  The rules
read the shape of a line, never a list of phrases:

- a heading is a short line with no sentence-final punctuation;
- a label line opens with a capitalised label and a colon, the label not a speaker's
  name (an imperative or adjective such as ``WATCH`` or ``Related``, or all capitals
  before a headline);
- a caption or credit describes an image: a line whose subject is a picture noun;
- a paragraph that repeats the first line of the article is its headline again;
- the article's opening line in title case, or without a finite verb, is its headline.
"""

from __future__ import annotations

import re

from quotetrack.extract.syntax import Tree
from quotetrack.records import Token

HEADING_WORDS = 25
_FINAL = frozenset(".!?\u2026:;,")
_OPENERS = "\"'\u201c\u2018\u00ab\u2039"
# a sentence ends inside a line: "... material. Rathbun stated" (not "Dr. J. Smith")
_INNER_END = re.compile("(?:[a-z0-9]{3}[.!?\u2026]|[!?\u2026])[\"\u201d\u2019')]*"
                        "\\s+[\"\u201c\u2018']?[A-Z]")
_QUOTED = re.compile("[.!?\u2026,][\"\u201d\u2019']")
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]"
_LABEL = re.compile(r"\s*((?:[A-Z][\w'\u2019&-]*\s+){0,3}[A-Z][\w'\u2019&-]*)\s*:\s*\S")
# Picture nouns: the subject of a caption or the label of a credit.
_PICTURES = frozenset({"image", "photo", "photograph", "picture", "file", "video",
                       "screenshot", "screengrab", "graphic", "illustration", "caption"})


def furniture(tree: Tree, headings: bool = True) -> frozenset[int]:
    """Indices of the paragraphs of ``tree.doc`` that are page furniture (headings and
    headlines only when ``headings``: annotation schemes such as PolNeAR count a
    headline's ``Poll: ...`` as an attribution)."""
    doc = tree.doc
    by_para: dict[int, list[Token]] = {}
    for t in tree.tokens:
        by_para.setdefault(t.para, []).append(t)
    texts = [doc.text[a:b].strip() for a, b in doc.paragraphs]
    head = texts[0] if texts else ""
    first = next((n for n, line in enumerate(texts) if line and by_para.get(n)), -1)
    dialogue = _dialogue(texts)
    out = set()
    for n, line in enumerate(texts):
        words = by_para.get(n, [])
        if not line or not words:
            continue
        one = len({w.sent for w in words}) == 1
        if (headings and heading(line)) or label_line(line, words, not dialogue) or (
                one and caption(tree, words)) or (
                headings and n > 0 and line == head and heading(head)) or (
                headings and n == first and n + 1 < len(texts) and headline(line, words)):
            out.add(n)
    return frozenset(out)


def headline(line: str, words: list[Token]) -> bool:
    """The article's opening line is its headline when it is one line written in title
    case (``Stealth Over Health: Hillary Clinton Was Headed to ER ...``) or holds no
    finite verb (``The Latest: Trump's leaked taxes not from Connecticut.``)."""
    if "\n" in line or len(line.split()) > HEADING_WORDS:
        return False
    long = [w for w in words if len(w.text) > 3 and w.text[:1].isalpha()]
    titled = len(long) >= 4 and sum(w.text[:1].isupper() for w in long) >= 0.8 * len(long)
    return titled or not any("VerbForm=Fin" in w.feats for w in words)


def heading(line: str) -> bool:
    """A short line of one sentence (none ends inside) that does not end it: a headline,
    section heading, dateline or credit (``Texas student inspires social movement``,
    ``... the 'Mets Poet'``); a line in quote marks, or holding a quoted sentence, is a
    quotation."""
    if len(line.split()) > HEADING_WORDS or sentence_end(line) or _QUOTED.search(line) or (
            _INNER_END.search(line)):
        return False
    return not (line[0] in _OPENERS and line[-1] in _CLOSERS)


def sentence_end(line: str) -> bool:
    """The line ends a sentence: final punctuation, or closing marks right after it
    (``... ready."``); closing marks after a word close a title (``the 'Mets Poet'``)."""
    body = line.rstrip()
    bare = body.rstrip(_CLOSERS)
    if not bare:
        return False
    return bare[-1] in _FINAL or (bare != body and bare[-1] in ",-\u2014")


def _dialogue(texts: list[str]) -> bool:
    """The lines carry a transcript: two or more speakers' one-word labels in capitals
    (``WALLACE:``, ``PENCE:``), where a link line has one label (``READ MORE:``)."""
    labels = {m.group(1) for line in texts if (m := _LABEL.match(line))
              and m.group(1).isupper() and " " not in m.group(1)}
    return len(labels) >= 2


def label_line(line: str, words: list[Token], links: bool = True) -> bool:
    """``READ MORE: <headline>``, ``Related: ...``: a label before a colon introducing a
    heading (or, with ``links``, a label in capitals before a link title), or a label
    that names no speaker (an imperative or participle in title
    case: ``Watch:``, ``Related:``; capitals are tagged unreliably)."""
    m = _LABEL.match(line)
    if not m:
        return False
    rest = line[m.end(1):].lstrip(": ")
    if rest and (heading(rest) or (links and m.group(1).isupper() and _link_title(rest))):
        return True
    label = [w for w in words if w.start - words[0].start < m.end(1)]
    return bool(label) and not m.group(1).isupper() and label[0].upos != "PROPN" and (
        label[-1].upos in ("VERB", "ADJ", "ADV", "AUX"))


def _link_title(rest: str) -> bool:
    """What a label in capitals introduces on a link line (``READ MORE: What's in
    wildfire smoke, and how worried should you be?``): a short title that ends without
    a stop (a question mark at most), not a turn of speech cut off by a dash."""
    body = rest.rstrip()
    return len(body.split()) <= HEADING_WORDS and not _QUOTED.search(body) and (
        body.endswith("?") or not sentence_end(body)) and body[-1:] not in "-\u2014\u2013"


def caption(tree: Tree, words: list[Token]) -> bool:
    """``This image released by X shows ...``, ``Photo: Reuters``: a line whose subject
    (or opening word) is a picture noun describes an image, unless it reports a clause
    (``The video shows that he had his hands up`` is prose)."""
    first = next((w for w in words if w.upos not in ("DET", "PUNCT")), None)
    if first is None or first.lemma.lower() not in _PICTURES or first.i > words[0].i + 2:
        return False
    nxt = tree.tokens[first.i + 1].text if first.i + 1 < len(tree.tokens) else ""
    if any(w.rel == "ccomp" for w in words):
        return False
    return first.rel in ("nsubj", "root", "compound") or nxt in (":", "(")
