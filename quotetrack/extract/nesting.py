"""The parse-side half of quote marks: where narration begins, and quotes inside quotes.

``narration_stops(tree)`` gives the offsets where a reporting clause of the narration
begins (``, he said``, ``" Smith added``, ``, said Smith``): ``marks.find_marked`` stops
an unbalanced quote there, so that a stray mark never swallows the narration.

``nested_quotes(tree, marked)`` turns the inner quotes of quotations (``marks`` flags
them ``nested``) into direct quotes, each credited to the cue that the outer
quotation's own words give it (``"'Hello,' he said, 'how are you?'"``: ``he said``).
An inner quote that no cue word introduces directly, or that is only part of what its
cue reports (a title, a scare-quoted word: ``reported all 'significant' units``), is a
``fragment``.

``attribute_nested(doc, spans)`` attributes them apart from the rest (see there);
``outermost(quotes, speakers)`` keeps only the quotes no direct quote contains.
Pure functions over the parse.
"""

from __future__ import annotations

from dataclasses import replace

from quotetrack.extract.attribution import attribute
from quotetrack.extract.cues import cue_of, has_source, is_cue
from quotetrack.extract.marks import Marked
from quotetrack.extract.syntax import Tree
from quotetrack.paragraphs import unwrapped
from quotetrack.records import ParsedDoc, Quote, QuoteSpan, Speaker, Token

# Subjects that speak inside a quotation rather than report it from outside.
_INSIDE_SUBJECTS = frozenset({"i", "we", "you"})
# An inner quote whose speaker is one of these is the outer quote's speaker's.
_FIRST_PERSON = frozenset({"i", "me", "we", "us", "myself", "ourselves"})


def _clause_start(tree: Tree, cue: Token) -> int | None:
    """Where the reporting clause of ``cue`` begins, when it reads as narration: a
    third-person subject and the clause set off by punctuation before it."""
    subjects = [s for s in tree.children(cue.i, "nsubj") if s.deprel != "nsubj:pass"]
    if not subjects or any(s.text.lower() in _INSIDE_SUBJECTS for s in subjects):
        return None
    words = [cue, *(w for s in subjects for w in tree.subtree(s.i))]
    first = min(words, key=lambda w: w.start)
    if first.i == 0 or tree.tokens[first.i - 1].upos != "PUNCT":
        return None
    return first.start


def narration_stops(tree: Tree) -> list[int]:
    """Sorted offsets where a narration cue's clause begins (see module docstring)."""
    stops = (_clause_start(tree, t) for t in tree.tokens if is_cue(t, indirect=False))
    return sorted(s for s in stops if s is not None)


def _outer_of(m: Marked, outers: list[Marked]) -> Marked | None:
    return next((o for o in outers
                 if o.outer_start <= m.outer_start and m.outer_end <= o.outer_end), None)


def _adjacent(tree: Tree, cue: Token, m: Marked) -> bool:
    """Only punctuation and the cue's own dependents stand between cue and quote
    (``told them, 'They ...'``, ``'...,' he said``), however the parse attached them."""
    if cue.end <= m.outer_start:
        between = tree.within(cue.end, m.outer_start)
    else:
        between = tree.within(m.outer_end, cue.start)
    own = {w.i for c in tree.children(cue.i) if c.start < m.outer_start or c.start >= m.outer_end
           for w in tree.subtree(c.i)}
    return all(w.upos == "PUNCT" or w.i in own for w in between)


def _holds_more(tree: Tree, cue: int, m: Marked) -> bool:
    """The cue's content reaches well past the quote (``reported all 'significant'
    units``: the quoted word only labels part of what is reported)."""
    inside = tree.within(m.outer_start, m.outer_end)
    ids = {t.i for t in inside}
    for t in inside:
        top = next((p for p in (t, *tree.ancestors(t.i)) if p.head == cue), None)
        if top is None:
            continue
        if top.i in ids:
            return False  # a word of the quote is the cue's own dependent: the content
        rest = [w for w in tree.subtree(top.i) if w.i not in ids and w.upos != "PUNCT"]
        return len(rest) >= 2
    return False


def _inner_cue(tree: Tree, m: Marked, outer: Marked, inners: list[Marked]
               ) -> tuple[int, bool] | None:
    """The speech verb among the outer quotation's own words (not inside any inner
    quote) that introduces ``m``, within the sentences ``m`` touches and the next:
    one next to it or whose dependent is a word of ``m`` (or the reverse) first, then
    one governing or hanging from its words, then the nearest.  With it, whether it
    is the first kind (``he said, 'Hi'``, not ``reported all 'significant' units``)."""
    inside = tree.within(m.outer_start, m.outer_end)
    if not inside:
        return None
    words = {t.i for t in inside if t.upos != "PUNCT"} or {t.i for t in inside}
    sents = {t.sent for t in inside} | {inside[-1].sent + 1}
    best: tuple[int, int, int] | None = None
    for t in tree.within(outer.start, outer.end):
        if t.sent not in sents or any(n.outer_start <= t.start < n.outer_end for n in inners):
            continue
        if not is_cue(t, indirect=False) or not has_source(tree, t):
            continue
        direct = t.head in words or any(tree.tokens[k].head == t.i for k in words) or (
            _adjacent(tree, t, m))
        linked = direct or any(a.i in words for a in tree.ancestors(t.i)) or any(
            a.i == t.i for k in words for a in tree.ancestors(k))
        dist = min(abs(t.start - m.outer_end), abs(m.outer_start - t.end))
        rank = (0 if direct else 1 if linked else 2, dist, t.i)
        if best is None or rank < best:
            best = rank
    return (best[2], best[0] == 0) if best else None


def nested_quotes(tree: Tree, marked: list[Marked]) -> list[QuoteSpan]:
    """The ``nested`` spans of ``marked`` as direct quotes, in order (see module
    docstring); the quotation around each is the unflagged span holding it."""
    outers = [m for m in marked if not m.nested]
    inners = [m for m in marked if m.nested]
    out: list[QuoteSpan] = []
    for m in inners:
        outer = _outer_of(m, outers)
        if outer is None:
            continue
        found = _inner_cue(tree, m, outer, inners)
        cue = found[0] if found else None
        first = next((t for t in tree.tokens if t.end > m.start), None)
        shown = found is not None and found[1] and not _holds_more(tree, found[0], m)
        flags = m.flags if shown else (*m.flags, "fragment")
        out.append(QuoteSpan(m.start, m.end, tree.doc.text[m.start:m.end], "direct",
                             first.sent if first else 0, first.para if first else 0,
                             cue_of(tree, cue) if cue is not None else None, cue, flags))
    return out


def _outer_speaker(q: Quote, outers: list[Quote]) -> Quote:
    """``"I told them, 'No,'" she said``: the inner quote's ``I`` is the outer speaker."""
    if q.speaker_mention is None or q.speaker_mention.text.lower() not in _FIRST_PERSON:
        return q
    outer = next((o for o in outers if o.kind == "direct" and o.start <= q.start
                  and q.end <= o.end and o.speaker), None)
    if outer is None:
        return q
    return replace(q, speaker=outer.speaker, speakers=outer.speakers,
                   speaker_kind=outer.speaker_kind)


def attribute_nested(doc: ParsedDoc, spans: list[QuoteSpan], tree: Tree | None = None
                     ) -> tuple[list[Quote], list[Speaker]]:
    """``attribution.attribute`` with the quotes nested in quotations kept apart: the
    others are attributed on their own, so that an inner quote never changes who they
    are credited to; the inner ones are attributed with all of them around, and one
    spoken by ``I`` or ``we`` goes to its outer quote's speaker.  Quotes come back in
    the order of ``spans``; the speakers are the others' plus those only inner quotes
    name.  Attribution reads the text with the line breaks of hard-wrapped lines made
    spaces (``paragraphs.unwrapped``); each quote keeps its own text."""
    tree = tree or Tree(doc)
    text = unwrapped(doc.text)
    if text != doc.text:  # a wrapped line's break is a space for names and credit lines
        doc = replace(doc, text=text)
        tree = Tree(doc)
    if not any("nested" in s.flags for s in spans):
        return attribute(doc, spans, tree)
    outer_spans = [s for s in spans if "nested" not in s.flags]
    outers, speakers = attribute(doc, outer_spans, tree)
    every, every_speakers = attribute(doc, spans, tree)
    by_outer = iter(outers)
    quotes = [_outer_speaker(q, outers) if "nested" in s.flags else next(by_outer)
              for s, q in zip(spans, every, strict=True)]
    known = {s.name for s in speakers}
    named = {q.speaker for q in quotes if "nested" in q.flags}
    speakers += [s for s in every_speakers if s.name in named and s.name not in known]
    return quotes, speakers


def outermost(quotes: list[Quote], speakers: list[Speaker]
              ) -> tuple[list[Quote], list[Speaker]]:
    """The quotes that no other direct quote of the article contains (speech nested in
    a quotation is the outer speaker's words, not a quote of its own: news annotation
    counts it so), and the speakers without those only the dropped quotes named."""
    direct = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    inner = {k for k, q in enumerate(quotes) if any(
        a <= q.start and q.end <= b and (a, b) != (q.start, q.end) for a, b in direct)}
    kept = [q for k, q in enumerate(quotes) if k not in inner]
    named = {n for q in kept for n in q.speakers}
    gone = {n for k in inner for n in quotes[k].speakers} - named
    return kept, [s for s in speakers if s.name not in gone]
