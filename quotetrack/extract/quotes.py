"""Quote spans: direct quotes from quote marks, indirect and mixed claims from the parse.

``find_quotes(doc)`` is pure.  Claims come from ``claims.find_claims``; quote marks
from ``marks.find_marked``; this module decides what each becomes.  A claim whose text
holds quoted words is
``mixed``; one that is entirely quoted is a ``direct`` quote.  Quoted text with no
cue and too short to be a statement (scare quotes, titles) is flagged
``fragment`` and left out unless ``include_fragments``.  Offsets are character
offsets into ``doc.text``; direct spans exclude their quote marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import takewhile

from quotetrack.extract.claims import Claim, clause_extent, find_claims
from quotetrack.extract.cues import Scope, cue_of, has_source, is_cue, reads_no_text, unsaid
from quotetrack.extract.furniture import furniture
from quotetrack.extract.marks import QUOTE_CHARS, Marked, after_mark, find_marked
from quotetrack.extract.nesting import narration_stops, nested_quotes
from quotetrack.extract.syntax import Tree
from quotetrack.extract.turns import find_turns
from quotetrack.paragraphs import wrapped_gap
from quotetrack.records import Cue, ParsedDoc, QuoteKind, QuoteSpan, Span, Token

__all__ = ["Scope", "direct_cue", "find_quotes", "join_segments"]

MIN_STATEMENT_WORDS = 5


def _inside(m: Marked, start: int, end: int, text: str = "") -> bool:
    """The quote lies in [start, end), allowing its closing mark and the sentence's
    punctuation to trail the claim (``are "lies."``: the claim ends at ``lies``)."""
    if start > m.outer_start:
        return False
    tail = text[end:m.outer_end] if text else ""
    return m.outer_end <= end + 1 or (
        m.start < end and len(tail) <= 4 and not any(ch.isalnum() for ch in tail))


def _overlaps(m: Marked, start: int, end: int) -> bool:
    return m.outer_start < end and start < m.outer_end


def _alnum(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _quoted_share(tree: Tree, claim: Claim, inside: list[Marked]) -> float:
    """Share of the claim's letters and digits that sit inside quote marks, the words
    of the cue's own subject aside (a parse may leave ``Rep. Gwen Moore (D-Wis.)``
    inside a quote-first claim); a claim in pieces counts its pieces only."""
    text = tree.doc.text
    quoted = sum(_alnum(text[m.start:m.end]) for m in inside)
    speaker = sum(_alnum(w.text) for s in tree.children(claim.cue, "nsubj")
                  for w in tree.subtree(s.i) if claim.start <= w.start and w.end <= claim.end
                  and not any(m.start <= w.start < m.end for m in inside))
    pieces = claim.segments or ((claim.start, claim.end),)  # the narration between aside
    total = sum(_alnum(text[a:b]) for a, b in pieces)
    return quoted / max(total - (0 if claim.segments else speaker), 1)


def _tokens_in(tree: Tree, m: Marked) -> list[Token]:
    return tree.within(m.outer_start, m.outer_end)


def _candidate_sentences(tree: Tree, m: Marked, inside: list[Token]) -> set[int]:
    sents = {t.sent for t in inside}
    if inside and inside[-1].sent + 1 < len(tree.doc.sentences):
        nxt = tree.doc.sentences[inside[-1].sent + 1]
        gap = tree.doc.text[m.outer_end:nxt.start]
        if nxt.para == inside[-1].para and not gap.strip() and len(nxt.tokens) <= 15:
            sents.add(nxt.index)  # "...," / Trump's lawyer said.  (split at the mark)
    if inside:
        first = tree.doc.sentences[inside[0].sent]
        lead = [t for t in first.tokens if t.end <= m.outer_start]
        if not lead and first.index > 0:
            prev = tree.doc.sentences[first.index - 1]
            if prev.tokens and prev.tokens[-1].text == ":" and first.para - prev.para <= 1:
                sents.add(prev.index)  # He said: / "Quote", also as the next paragraph
    return sents


def _governs(tree: Tree, cue: Token, inside_ids: set[int]) -> bool:
    """The cue is an ancestor of the quoted words."""
    return any(any(a.i == cue.i for a in tree.ancestors(k)) for k in inside_ids)


def _link(tree: Tree, cue: Token, inside_ids: set[int]) -> int:
    """0 when the cue governs the quote or hangs from it, 1 when merely nearby."""
    if any(a.i in inside_ids for a in tree.ancestors(cue.i)):
        return 0
    return 0 if _governs(tree, cue, inside_ids) else 1


def direct_cue(tree: Tree, m: Marked) -> int | None:
    """The speech verb introducing a quoted span, or None (see module docstring)."""
    inside = _tokens_in(tree, m)
    ids = {t.i for t in inside}
    words = {t.i for t in inside if t.upos != "PUNCT"} or ids  # a comma may hang anywhere
    best: tuple[int, int, int] | None = None
    for s in sorted(_candidate_sentences(tree, m, inside)):
        for t in tree.doc.sentences[s].tokens:
            if t.i in ids or not is_cue(t, indirect=False) or reads_no_text(tree, t):
                continue
            link = _link(tree, t, words)
            subject = bool(tree.children(t.i, "nsubj"))
            if link and not subject and not _leads_into(tree, t, m.outer_start):
                continue
            if not subject and t.start >= m.outer_end and _leads_into(
                    tree, t, _next_mark(tree, t)):
                continue  # '"A," X sings before asking her, "B"': B's cue, not A's
            # A cue with a speaker of its own beats a subjectless one that only looks
            # linked: "Asked to describe it, O'Neill said, ..." parsed from Asked, or
            # '"...," adding that ...' hung from the quote under "Peabody said:".
            borrows = t.rel in ("conj", "advcl", "xcomp") and _governs(tree, t, words)
            rank = link if subject or borrows else link + 1
            dist = min(abs(t.start - m.outer_end), abs(m.outer_start - t.end))
            if best is None or (rank, dist) < best[:2]:
                best = (rank, dist, t.i)
    return best[2] if best else None


def _leads_into(tree: Tree, t: Token, opening: int) -> bool:
    """``Blige sings to Clinton before asking her, "..."``: a verb that borrows its
    subject and is followed by nothing but its own words and punctuation up to the
    opening mark at ``opening`` introduces the quote, though the parser hung the quote
    elsewhere."""
    if t.rel not in ("advcl", "conj", "xcomp") or t.end > opening:
        return False
    between = takewhile(lambda w: w.end <= opening, tree.tokens[t.i + 1:])
    own = {w.i for w in tree.subtree(t.i)}
    return all(w.i in own or w.upos == "PUNCT" for w in between) and (
        tree.doc.text[t.end:opening].rstrip().endswith((",", ":")))


def _next_mark(tree: Tree, t: Token) -> int:
    """Offset of the first quote mark after word ``t`` in its sentence (-1 if none)."""
    end = tree.doc.sentences[t.sent].end
    return next((k for k in range(t.end, end) if tree.doc.text[k] in QUOTE_CHARS), -1)


@dataclass(frozen=True, slots=True)
class _MarkInfo:
    """What ``find_quotes`` needs of one quoted span, worked out once."""

    cue: int | None
    fragment: bool


def _is_fragment(tree: Tree, m: Marked) -> bool:
    inside = _tokens_in(tree, m)
    words = [t for t in inside if t.upos != "PUNCT"]
    has_verb = any(t.upos in ("VERB", "AUX") for t in words)
    return len(words) < MIN_STATEMENT_WORDS or (len(words) < 2 * MIN_STATEMENT_WORDS
                                                  and not has_verb)


def _whole_sentence(tree: Tree, m: Marked) -> bool:
    """The quoted words are a sentence of their own, however short, set off after a
    comma or a colon: a capital first, a stop, question or exclamation mark last,
    inside the marks, two words or more and a verb (``he said, "Find my desk."``; not
    ``called it "a cash grab."`` nor ``chanted "Pay up!"``)."""
    inside = tree.doc.text[m.start:m.end].strip()
    words = [t for t in _tokens_in(tree, m) if t.upos != "PUNCT"]
    set_off = tree.doc.text[:m.outer_start].rstrip()[-1:] in (",", ":")
    return set_off and len(words) >= 2 and inside[:1].isupper() and inside[-1:] in (
        ".!?") and any(t.upos in ("VERB", "AUX") for t in words)


def _mark_info(tree: Tree, m: Marked) -> _MarkInfo:
    """A quoted span's cue, and whether it is a fragment: short, unless a sentence of
    its own after its cue."""
    cue = direct_cue(tree, m)
    short = _is_fragment(tree, m)
    return _MarkInfo(cue, short and not (cue is not None and _whole_sentence(tree, m)))


_TITLE_SMALL = ("DET", "ADP", "CCONJ", "SCONJ", "PART")
TITLE_WORDS = 12


def _is_title(tree: Tree, m: Marked) -> bool:
    """``"The Last Picture Show"``: a quoted name of a work (or slogan used as a name),
    every content word capitalised and no sentence punctuation inside (a final comma or
    period is the sentence's, set inside the marks by American style), is no quote."""
    words = [t for t in _tokens_in(tree, m) if t.upos != "PUNCT"]
    if not 2 <= len(words) <= TITLE_WORDS or not words[0].text[:1].isupper():
        return False
    inside = tree.doc.text[m.start:m.end].rstrip().rstrip(".,")
    if any(ch in inside for ch in ".,;!?") or inside.isupper():
        return False
    return all(t.text[:1].isupper() or not t.text[:1].isalpha() or t.upos in _TITLE_SMALL
               for t in words)


def _span_record(tree: Tree, start: int, end: int, kind: QuoteKind, cue: int | None,
                 flags: tuple[str, ...]) -> QuoteSpan:
    doc = tree.doc
    first = next((t for t in tree.tokens if t.end > start), None)
    sent = first.sent if first else 0
    para = first.para if first else 0
    return QuoteSpan(start, end, doc.text[start:end], kind, sent, para,
                     cue_of(tree, cue) if cue is not None else None, cue, flags)


def _interrupted(tree: Tree, cue: int, start: int, end: int, marks: Sequence[Marked]) -> bool:
    """Outside the quote marks, [start, end) holds only ``cue``'s own reporting clause
    (``"If the cap is about housing," she said, "then ..."``, or the inverted ``said``
    and its subject, ``"A," said X, the authority's chief executive, "B."``): a direct
    quote in pieces, not a mixed one."""
    inside = [m for m in marks if start <= m.outer_end and m.outer_start < end]
    if len(inside) < 2:
        return False
    own = {cue} | {w.i for s in tree.children(cue, "nsubj") for w in tree.subtree(s.i)}
    outside = [t for t in tree.within(start, end)
               if not any(m.outer_start <= t.start < m.outer_end for m in inside)]
    words_ = [t for t in outside if t.upos != "PUNCT"]
    if words_ and words_[0].i == cue and _verbless(words_[1:]):
        return True  # '"A," said Denise Abernathy, the authority's chief executive, "B."',
        # however the parser hung the inverted subject
    return all(t.i in own or t.upos == "PUNCT" for t in outside)


def _speaker_then_quote(tree: Tree, c: Claim, marked: list[Marked]) -> bool:
    """Claim ``c`` holds its inverted cue's subject and the quote's next piece
    (``_subject_then_mark``), no statement of its own."""
    first = next((m for m in marked if c.start <= m.outer_start < c.end), None)
    return first is not None and _subject_then_mark(tree, c.cue, c.start, first.outer_start)


def _subject_then_mark(tree: Tree, cue: int, start: int, mark: int) -> bool:
    """``cue`` right after a closing quote mark, before ``start``, and the words from
    ``cue`` to a quote mark at ``mark`` a phrase with no verb (``"A," said Denise
    Abernathy, the authority's chief executive, "B."``): the inverted cue's subject,
    however the parser hung it on B."""
    t = tree.tokens[cue]
    if not after_mark(tree.tokens, cue) or t.end > start or mark <= start:
        return False  # (not 'The premier said Ottawa "has to pay"': no quote before)
    if tree.doc.text[t.end:start].strip() and not any(
            s.i > cue for s in tree.children(cue, "nsubj")):
        return False  # words between that are no inverted subject: 'X called on Y to "Z"'
    before = [w for w in tree.within(t.end, mark) if w.upos != "PUNCT"]
    return bool(before) and _verbless(before)


def _verbless(words: Sequence[Token]) -> bool:
    """No verb or auxiliary among ``words``: a name and its description at most."""
    return all(w.upos not in ("VERB", "AUX") for w in words)


def _claim_span(tree: Tree, c: Claim, marked: list[Marked]) -> QuoteSpan | None:
    """A claim as a quote span, or None when a direct quote covers it."""
    inside = [m for m in marked if _inside(m, c.start, c.end, tree.doc.text)]
    if any(_overlaps(m, c.start, c.end) and m not in inside for m in marked):
        return None
    if inside and (_quoted_share(tree, c, inside) > 0.9 or _interrupted(
            tree, c.cue, c.start, c.end, inside)):
        return None
    kind: QuoteKind = "mixed" if inside else "indirect"
    cue = cue_of(tree, c.cue)
    if c.cue_lemma == "according to":
        cue = Cue(cue.start, cue.start + len(c.cue_text), c.cue_text, c.cue_lemma)
    span = _span_record(tree, c.start, c.end, kind, c.cue, ())
    segs = tuple(Span(a, b, tree.doc.text[a:b]) for a, b in c.segments)
    return QuoteSpan(span.start, span.end, span.text, kind, span.sentence, span.paragraph,
                     cue, c.cue, (), segs)


_CLAUSE_RELS = ("ccomp", "xcomp", "obj", "parataxis", "advcl", "dep", "iobj")


def _quote_clause(tree: Tree, cue: int, m: Marked, marks: Sequence[Marked] = ()
                  ) -> tuple[int, int] | None:
    """The clause under ``cue`` holding the quoted words, when it holds more than them
    and more than the cue's own interruption of its quotes: ``claimed that voting fraud
    is "a big, big problem"`` -> a mixed quote; ``"A," she said, "then B."`` -> none."""
    for t in _tokens_in(tree, m):
        path = [t, *tree.ancestors(t.i)]
        top = next((p for p in path if p.head == cue), None)
        if top is None or top.rel not in _CLAUSE_RELS:
            continue
        span = clause_extent(tree, tree.tokens[cue], top)
        if span is None:
            return None
        start, end = min(span[0], m.start), max(span[1], m.end)
        outside = tree.doc.text[start:m.outer_start] + " " + tree.doc.text[m.outer_end:end]
        if _interrupted(tree, cue, start, end, marks) or _subject_then_mark(
                tree, cue, start, m.outer_start):
            return None
        return (start, end) if len(outside.split()) >= 2 else None
    return None


def _fragment_needs_link(tree: Tree, cue: int, m: Marked) -> bool:
    """A short quoted phrase belongs to a cue only through the cue's clause."""
    return _quote_clause(tree, cue, m) is None and _link(
        tree, tree.tokens[cue], {t.i for t in _tokens_in(tree, m)}) > 0


_MODIFIER_RELS = frozenset({"compound", "amod", "nmod", "flat"})


def _modifier(tree: Tree, m: Marked) -> bool:
    """``The "History" section``, ``'self-medicating' ants``: quoted words that modify a
    noun outside the marks name or label it; nobody is quoted."""
    inside = _tokens_in(tree, m)
    ids = {t.i for t in inside}
    tops = [t for t in inside if t.upos != "PUNCT" and t.head not in ids]
    return bool(tops) and all(
        t.rel in _MODIFIER_RELS and t.head >= 0 and tree.tokens[t.head].upos in (
            "NOUN", "PROPN") for t in tops)


def _marked_span(tree: Tree, m: Marked, info: _MarkInfo, include_fragments: bool,
                 marks: Sequence[Marked] = ()) -> QuoteSpan | None:
    cue, fragment = info.cue, info.fragment
    if cue is not None and fragment and (_fragment_needs_link(tree, cue, m)
                                         or not has_source(tree, tree.tokens[cue])
                                         or _modifier(tree, m)):
        cue = None
    if cue is None:
        if fragment and not include_fragments:
            return None
        flags = (*m.flags, "fragment") if fragment else m.flags
        return _span_record(tree, m.start, m.end, "direct", None, flags)
    clause = _quote_clause(tree, cue, m, marks)
    if clause is not None and not ("unbalanced" in m.flags and tree.tokens[cue].start >= m.end):
        return _span_record(tree, *clause, "mixed", cue, m.flags)  # (not one cut at its cue)
    return _span_record(tree, m.start, m.end, "direct", cue, m.flags)


def _dedupe(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Drop a span inside a longer one with the same cue (or a cue-less one inside a
    mixed or indirect span): one statement, one quote."""
    kept: list[QuoteSpan] = []
    for s in sorted(spans, key=lambda q: (q.start - q.end, q.start)):
        if not any(k.start <= s.start and s.end <= k.end and (
                k.cue_token == s.cue_token or (s.cue_token is None and k.kind != "direct"))
                for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda q: (q.start, -q.end))


def _joinable(doc: ParsedDoc, a: QuoteSpan, b: QuoteSpan) -> bool:
    """``b`` carries on ``a``'s statement: same paragraph, nothing quoted between,
    and ``b`` has no cue of its own (or ``a``'s, as in ``"A," he said, "B."``)."""
    if a.kind != "direct" or b.kind != "direct" or a.paragraph != b.paragraph:
        return False
    if b.cue_token is not None and b.cue_token != a.cue_token:
        return False
    if a.cue_token is None or "fragment" in a.flags:
        return False
    gap = doc.text[a.end:b.start]
    limit = 80 if "fragment" in b.flags else 200  # "A," she said, smiling. "B."
    return len(gap) < limit and wrapped_gap(doc.text, a.end, b.start)


def join_segments(doc: ParsedDoc, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Merge a direct quote with the cue-less pieces that continue it in its paragraph."""
    out: list[QuoteSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and _joinable(doc, prev, s):
            segs = prev.segments or (Span(prev.start, prev.end, prev.text),)
            segs += (Span(s.start, s.end, s.text),)
            flags = tuple(f for f in dict.fromkeys(prev.flags + s.flags) if f != "fragment")
            out[-1] = QuoteSpan(prev.start, s.end, doc.text[prev.start:s.end], "direct",
                                prev.sentence, prev.paragraph, prev.cue, prev.cue_token,
                                flags, segs)
        else:
            out.append(s)
    return out


_MARKS = "".join(sorted(QUOTE_CHARS))
ELLIPSIS = " \u2026 "


def clean_text(q: QuoteSpan) -> QuoteSpan:
    """A statement in pieces holds only its own words: ``text`` is the ``segments``
    joined with `` … `` (the narration between them is the cue's, not the speaker's)."""
    if not q.segments:
        return q
    return replace(q, text=ELLIPSIS.join(s.text for s in q.segments))


def by_paragraph(doc: ParsedDoc, q: QuoteSpan) -> QuoteSpan:
    """A quotation running over several paragraphs (each reopened with a mark) is in
    pieces, one per paragraph, without the marks that reopen them."""
    if "multi_paragraph" not in q.flags or q.segments:
        return q
    pieces = []
    for a, b in doc.paragraphs:
        lo, hi = max(a, q.start), min(b, q.end)
        while lo < hi and (doc.text[lo].isspace() or doc.text[lo] in _MARKS):
            lo += 1
        while hi > lo and (doc.text[hi - 1].isspace() or doc.text[hi - 1] in _MARKS):
            hi -= 1
        if lo < hi:
            pieces.append(Span(lo, hi, doc.text[lo:hi]))
    return replace(q, segments=tuple(pieces)) if len(pieces) > 1 else q


def find_quotes(doc: ParsedDoc, include_fragments: bool = False,
                scope: Scope = "claims", tree: Tree | None = None) -> list[QuoteSpan]:
    """Every direct, mixed and indirect quote of ``doc``, ordered by start offset.

    Invariants: ``doc.text[q.start:q.end] == q.text`` for a quote in one piece, and
    ``q.text`` is its ``segments`` joined with `` … `` for one in pieces; a claim from a
    cue inside a direct quote is the quoted speaker's, not a separate attribution, and is
    dropped;
    in the ``claims`` scope, so is a claim whose cue is negated or refused
    (``cues.unsaid``: ``has not confirmed a meeting``, ``declined to say whether``),
    while ``attributions`` keeps it flagged ``negated``.
    """
    tree = tree or Tree(doc)
    every = find_marked(doc.text, doc.paragraphs, narration_stops(tree))
    marked = [m for m in every if not m.nested]  # inner quotes: nesting.nested_quotes
    marked = [m for m in marked if not _is_title(tree, m)]  # titles are narration
    out: list[QuoteSpan] = list(find_turns(tree))
    absorbed: set[int] = set()
    infos = [_mark_info(tree, m) for m in marked]
    # the cue words that introduce a direct quote (whose content is that quote)
    quoting = {i.cue for i in infos if i.cue is not None and not i.fragment}
    for c in find_claims(tree, scope):
        cue_tok = tree.tokens[c.cue]
        if any(m.outer_start <= cue_tok.start < m.outer_end for m in marked):
            continue
        if scope == "claims" and unsaid(tree, c.cue):
            continue  # "has not confirmed a meeting": not the speaker's claim
        if scope == "claims" and c.thing and not any(
                _inside(m, c.start, c.end, doc.text) for m in marked):
            continue  # "urged Congress to act": no proposition and no quoted words
        if c.cue in quoting and not c.clause and not any(
                _overlaps(m, c.start, c.end) for m in marked):
            continue  # '"A," he said at a rally': the cue reports the quote, not "at a rally"
        if c.cue in quoting and _speaker_then_quote(tree, c, marked):
            continue  # '"A," said X, the authority's chief executive, "B."': X parsed
            # as the subject of B, the claim is the inverted subject and B, no statement
        if any("unbalanced" in m.flags and infos[n].cue == c.cue
               and _overlaps(m, c.start, c.end) for n, m in enumerate(marked)):
            continue  # '"A never closed, he said': the quote, cut at its cue, is the statement
        span = _claim_span(tree, c, marked)
        if span is not None:
            out.append(span)
            absorbed |= {n for n, m in enumerate(marked)
                         if _inside(m, c.start, c.end, doc.text)}
    for n, m in enumerate(marked):
        if n not in absorbed and not any(t.start < m.outer_end and m.outer_start < t.end
                                         for t in out if "turn" in t.flags):
            span = _marked_span(tree, m, infos[n], include_fragments=True, marks=marked)
            if span is not None:
                out.append(span)
    page = furniture(tree, headings=scope == "claims")
    joined = [clean_text(by_paragraph(doc, q)) for q in join_segments(doc, _dedupe(out))
              if q.paragraph not in page]
    joined += [clean_text(q) for q in join_segments(doc, nested_quotes(tree, every))
               if any(o.start <= q.start and q.end <= o.end for o in joined)]
    joined.sort(key=lambda q: (q.start, -q.end))
    return joined if include_fragments else [q for q in joined if "fragment" not in q.flags]
