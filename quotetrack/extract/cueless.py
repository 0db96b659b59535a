"""Speakers of quotes that have no cue in their own sentence (pure, over the parse).

News writes a quote paragraph with no ``he said`` in two common shapes:

- an **introduction**: the paragraph before it is about the speaker (``Mayor Linda
  Park spoke to reporters on Monday.`` / ``"We are not going to raise taxes."``): the
  subject of that paragraph's last sentence, when it names a person or organisation
  (or its phrase names one person), else of its first when no later one names any;
- a **name line**: a short paragraph right after the quote that is only a name,
  perhaps with a dash before it and a role after a comma (``"..."`` / ``Jane Doe,
  mayor of Springfield``);
- a **words frame**: ``in the words of the prosecutor, Mark Tedeschi, "..."`` or ``in
  Tedeschi's words, "..."`` right before the quote in its sentence;
- a **frame after**: the next paragraph opens ``That was how Gordon Pelletier, 71,
  described ...``.

Both return ``(entity-or-name, mention span)`` proposals; attribution decides.
"""

from __future__ import annotations

import re

from quotetrack.extract.coref import Coref
from quotetrack.extract.mentions import Entity
from quotetrack.records import QuoteSpan, Span, Token

_NAME_LINE_WORDS = 10


def _subject(coref: Coref, sent_index: int) -> Token | None:
    sent = coref.tree.doc.sentences[sent_index]
    roots = [t for t in sent.tokens if t.head < 0]
    for r in roots:
        subj = coref.tree.children(r.i, "nsubj")
        if subj:
            return subj[0]
    return None


def introduced(coref: Coref, span: QuoteSpan) -> tuple[Entity, Span] | None:
    """The entity that the paragraph before ``span``'s ends on as subject (see module)."""
    doc = coref.tree.doc
    prev = [s for s in doc.sentences if s.para == span.paragraph - 1]
    if not prev or not _opens_paragraph(coref, span):
        return None
    found = _introducing(coref, prev[-1].index)
    if found is None and len(prev) > 1 and not any(
            _introducing(coref, s.index) for s in prev[1:]):
        found = _introducing(coref, prev[0].index)  # "X has lived in Verdun for 11
        # years. Her landlord is asking for 14 per cent more." / "..."
    return found


def _introducing(coref: Coref, sent_index: int) -> tuple[Entity, Span] | None:
    """The person or organisation that is sentence ``sent_index``'s subject, or the one
    its subject phrase names, past owners and clauses (``Outside court, Tyler's
    mother, Lisa Nakamura, held up``, ``In the capital, Borongan, fisherman Renato
    Caballes, 52, sheltered``, both misparsed)."""
    subj = _subject(coref, sent_index)
    if subj is None:
        return None
    ent = coref.entity_of(subj.i) or next((  # "Mayor Linda Park": a title heads the name
        coref.entity_of(c.i) for c in coref.tree.children(subj.i, "flat", "appos")
        if coref.entity_of(c.i) is not None), None)
    if ent is None and subj.upos == "PRON":
        found = coref.resolve(subj)
        ent = found[0] if len(found) == 1 else None
    if ent is None or ent.kind not in ("person", "organization"):
        ent = _named_in(coref, subj)
    if ent is None:
        return None
    return ent, Span(subj.start, subj.end, subj.text)


def _named_in(coref: Coref, subj: Token) -> Entity | None:
    """The one person the subject's phrase names, owners and clauses aside."""
    tree = coref.tree
    skip = [w.i for w in tree.subtree(subj.i) if w.i != subj.i and (
        w.deprel in ("nmod:poss", "acl:relcl") or w.rel == "acl")]
    people = {e.id: e for w in tree.subtree(subj.i, skip=skip)
              if (e := coref.entity_of(w.i)) is not None and e.kind == "person"}
    return next(iter(people.values())) if len(people) == 1 else None


def _opens_paragraph(coref: Coref, span: QuoteSpan) -> bool:
    """The quote is the first thing in its paragraph (but for its opening mark)."""
    start = coref.tree.doc.paragraphs[span.paragraph][0]
    return not coref.tree.doc.text[start:span.start].strip(" \"'\u201c\u2018\u00ab\n")


def name_line(coref: Coref, span: QuoteSpan) -> tuple[Entity, Span] | None:
    """The person or organisation named alone on the short paragraph after ``span``."""
    doc = coref.tree.doc
    nxt = span.paragraph + 1
    if nxt >= len(doc.paragraphs) or doc.text[span.end:doc.paragraphs[nxt][0]].strip(
            " \"'\u201d\u2019\u00bb.,!?\n"):
        return None  # the quote does not end its paragraph
    words = coref.tree.within(*doc.paragraphs[nxt])
    while words and words[0].upos == "PUNCT":  # a dash before the name
        words = words[1:]
    if not words or len(words) > _NAME_LINE_WORDS or any(
            w.upos in ("VERB", "AUX") for w in words):
        return None
    found = _entity(coref, words[0])
    if found is None:
        return None
    mention = next(m for m in found[0].mentions if m.first <= words[0].i <= m.last)
    after = words[mention.last - words[0].i + 1:]
    if after and after[0].text not in (",", "(", "\u2014", "-"):
        return None  # a sentence that starts with a name, not a credit
    return found


_HOW = re.compile(r"(?:That|This)(?:\s+(?:was|is)|['\u2019]s)\s+how\b")


def framed_after(coref: Coref, span: QuoteSpan) -> tuple[Entity, Span] | None:
    """The person or organisation named first in the paragraph after ``span`` when that
    paragraph opens ``That was how`` (``That was how Gordon Pelletier, 71, described
    his situation``): the quote's speaker, introduced after the quote."""
    doc = coref.tree.doc
    nxt = span.paragraph + 1
    if nxt >= len(doc.paragraphs) or doc.text[span.end:doc.paragraphs[nxt][0]].strip(
            " \"'\u201d\u2019\u00bb.,!?\n"):
        return None  # the quote does not end its paragraph
    if _HOW.match(doc.text, doc.paragraphs[nxt][0]) is None:
        return None
    sent = next(s for s in doc.sentences if s.para == nxt)
    return next((f for t in sent.tokens if (f := _entity(coref, t)) is not None), None)


def words_of(coref: Coref, span: QuoteSpan) -> tuple[Entity, Span] | None:
    """The person or organisation whose ``words`` frame the quote (see module)."""
    tree = coref.tree
    first = tree.within(span.start, span.end)
    if not first:
        return None
    before = [t for t in tree.tokens[max(0, first[0].i - 40):first[0].i]
              if t.sent == first[0].sent and t.end <= span.start]
    lows = [t.text.lower() for t in before]
    for k, low in enumerate(lows):
        if low != "words":
            continue
        if lows[k + 1:k + 2] == ["of"]:  # "in the words of the prosecutor, Mark Tedeschi"
            found = [_entity(coref, t) for t in before[k + 2:]]
        elif k >= 2 and before[k - 1].text in ("'s", "\u2019s"):  # "in Tedeschi's words"
            found = [_entity(coref, before[k - 2])]
        else:
            continue
        named = [f for f in found if f is not None]
        if named:
            return named[-1]
    return None


def _entity(coref: Coref, t: Token) -> tuple[Entity, Span] | None:
    """The person or organisation named at word ``t``, with the mention naming it."""
    ent = coref.entity_of(t.i)
    if ent is None or ent.kind not in ("person", "organization"):
        return None
    m = next(m for m in ent.mentions if m.first <= t.i <= m.last)
    return ent, Span(m.start, m.end, m.text)
