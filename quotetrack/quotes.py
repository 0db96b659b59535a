"""Quote spans: direct quotes from quote marks, indirect and mixed claims from the parse.

``find_quotes(doc)`` is pure.  A claim is the complement of a speech or claim verb
(``ccomp``: *Poroshenko has insisted that such peacekeepers should patrol ...*),
the clause a quote-first cue hangs from (*The talks failed, he said*: parataxis),
or a sentence carrying *according to X*.  A claim whose text holds quoted words is
``mixed``; one that is entirely quoted is a ``direct`` quote.  Quoted text with no
cue and too short to be a statement (scare quotes, titles) is flagged
``fragment`` and left out unless ``include_fragments``.  Offsets are character
offsets into ``doc.text``; direct spans exclude their quote marks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from quotetrack.lexicon import reporting_nouns, speech_verb, words
from quotetrack.marks import Marked, find_marked
from quotetrack.records import Cue, ParsedDoc, QuoteKind, QuoteSpan, Span, Token
from quotetrack.syntax import Tree, contiguous, trimmed
from quotetrack.turns import find_turns

MIN_STATEMENT_WORDS = 5
CUE_UPOS = {"VERB"}


@dataclass(frozen=True, slots=True)
class Claim:
    """A reported clause: its character extent and the cue word that reports it.
    ``clause`` is True for a complement clause with a subject of its own (``..., he
    said, adding he would never vote for her``), the surest kind of claim; ``nominal``
    for the object of a speech act (``attacked Trump``)."""

    start: int
    end: int
    cue: int
    cue_text: str
    cue_lemma: str
    segments: tuple[tuple[int, int], ...] = ()
    clause: bool = False
    nominal: bool = False


def cue_of(tree: Tree, i: int) -> Cue:
    """The Cue record of word ``i`` (a speech verb)."""
    t = tree.tokens[i]
    verb = speech_verb(t.lemma, t.text)
    lemma = verb.lemma if verb else t.lemma.lower()
    return Cue(t.start, t.end, tree.doc.text[t.start:t.end], lemma, tree.negated(i))


Scope = Literal["claims", "attributions"]
CLAIM_FRAMES = frozenset({"clause", "quote", "request", "object", "xcomp"})


def _frames(t: Token, scope: Scope = "claims") -> frozenset[str]:
    """The content frames word ``t`` can report in ``scope``; empty for no cue.

    ``claims`` (the default) keeps what someone said or asserted: speech and claim
    verbs with reported clauses, quotes, requests, the objects of speech acts
    (``denounced the deal``) and their infinitives (``vowed to veto it``).
    ``attributions`` adds beliefs, intentions and non-verbal stances (``wants to``,
    ``endorsed Clinton``), the wider notion of annotation schemes such as PolNeAR.
    """
    verb = speech_verb(t.lemma, t.text) if t.upos in CUE_UPOS else None
    if verb is None:
        return frozenset()
    if scope == "attributions":
        return verb.frames
    return frozenset() if verb.stance == "belief" else verb.frames & CLAIM_FRAMES


def _is_cue(t: Token, indirect: bool) -> bool:
    frames = _frames(t)
    return bool(frames - {"quote"}) if indirect else bool(frames)


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    kept = trimmed(tokens)
    return (kept[0].start, kept[-1].end) if kept else None


def clause_extent(tree: Tree, cue: Token, comp: Token) -> tuple[int, int] | None:
    """Character extent of the clause ``comp`` reported by ``cue``.

    Robust to attachment slips inside the clause: a clause after its cue runs to the
    sentence's end, stopping only where another dependent of the cue starts
    (``said X, adding that Y``); a clause before its cue runs to the cue's phrase.
    """
    sent = tree.doc.sentences[cue.sent].tokens
    own = tree.subtree(comp.i)
    first = contiguous(own, comp.i)[0]
    if comp.i > cue.i:
        # Stop at a new comma-led dependent of the cue (", adding that ..."); other
        # words after the clause are parser slips inside it.
        last_own = max(t.i for t in own)
        firsts = [(trimmed(tree.subtree(c.i)) or [c])[0].i for c in tree.children(cue.i)
                  if c.i > last_own and c.rel in ("advcl", "conj", "parataxis", "obl", "ccomp")]
        stop = min((f for f in firsts if f > last_own and _comma_before(tree, f)),
                   default=sent[-1].i + 1)
        body = [t for t in sent if first.i <= t.i < stop]
    else:  # the clause comes first: everything before the reporting phrase
        last_own = max(t.i for t in own)
        cue_first = min(t.i for t in tree.subtree(cue.i, skip=[comp.i])
                        if t.i > last_own or t.i == cue.i)
        body = [t for t in sent if first.i <= t.i < cue_first]
    return _span(body)


_QUOTE_CHARS = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")


def _comma_before(tree: Tree, i: int) -> bool:
    """A comma, semicolon or dash right before word ``i`` (closing quote marks aside:
    ``... company," adding that``)."""
    k = i - 1
    while k >= 0 and tree.tokens[k].text and set(tree.tokens[k].text) <= _QUOTE_CHARS:
        k -= 1
    return k >= 0 and tree.tokens[k].text in (",", ";", "--", "\u2014")


def _claim(tree: Tree, t: Token, span: tuple[int, int] | None) -> list[Claim]:
    """One claim for ``span`` unless it is a lone word (``she said, clapping``)."""
    if not span or len(tree.doc.text[span[0]:span[1]].split()) < 2:
        return []
    return [Claim(*span, t.i, t.text, t.lemma.lower())]


def _misattached_complements(tree: Tree, t: Token) -> list[Token]:
    """``told reporters that the talks failed``: parsers often hang the that-clause on
    the addressee as a relative clause; with ``that`` as a conjunction (not a relative
    pronoun) and a subject of its own, it is the cue's complement."""
    out = []
    for obj in tree.children(t.i, "obj", "iobj"):
        for c in tree.children(obj.i, "acl", "ccomp"):
            marks = tree.children(c.i, "mark")
            if c.i > obj.i and tree.children(c.i, "nsubj") and any(
                    m.text.lower() == "that" and m.upos == "SCONJ" for m in marks):
                out.append(c)
    return out


def _complement_claims(tree: Tree, t: Token) -> list[Claim]:
    out = []
    for comp in tree.children(t.i, "ccomp") + _misattached_complements(tree, t):
        if comp.upos in ("ADJ", "ADV", "ADP") and not tree.children(comp.i, "nsubj", "cop"):
            continue  # '"frozen conflict," similar to ...': a modifier, not a clause
        found = _claim(tree, t, clause_extent(tree, t, comp))
        if tree.children(comp.i, "nsubj", "expl"):
            found = [replace(c, clause=True) for c in found]
        out += found
    return out


_OBJECT_CASES = frozenset({"about", "against"})


def _addressee(tree: Tree, t: Token) -> list[Token]:
    objs = tree.children(t.i, "obj", "iobj")
    objs += [c for c in tree.children(t.i, "obl") if any(
        w.text.lower() in ("on", "upon") for w in tree.children(c.i, "case"))]
    return [o for o in objs if o.i > t.i]


def _without_case(tree: Tree, head: Token) -> list[Token]:
    """The phrase of ``head`` without its leading preposition: in ``called for a ban``
    the preposition belongs to the cue, ``a ban`` is the content."""
    cases = {c.i for c in tree.children(head.i, "case", "mark") if c.i < head.i}
    toks = contiguous(tree.subtree(head.i), head.i)
    while len(toks) > 1 and toks[0].i in cases:
        toks = toks[1:]
    return toks


def _frame_claims(tree: Tree, t: Token, frames: frozenset[str]) -> list[Claim]:
    """Claims of the request, xcomp and object frames (``urged X to Y``, ``wants to
    Y``, ``cited X``), tried in that order; the first frame that fits wins."""
    xcomp = [c for c in tree.children(t.i, "xcomp") if c.i > t.i]
    if "request" in frames and xcomp and _addressee(tree, t):
        first = _without_case(tree, _addressee(tree, t)[0])[0]
        whole = clause_extent(tree, t, xcomp[0])
        return _claim(tree, t, (min(first.start, whole[0]), whole[1]) if whole else None)
    if "xcomp" in frames and xcomp:
        return _claim(tree, t, clause_extent(tree, t, xcomp[0]))
    if frames & {"object", "stance"}:
        return _object_claim(tree, t)
    return []


def _object_claim(tree: Tree, t: Token) -> list[Claim]:
    """``attacked Trump``, ``cited the report``, ``referred to the memo``: the first
    nominal object (or one introduced by the verb's content prepositions)."""
    verb = speech_verb(t.lemma, t.text)
    cases = _OBJECT_CASES | (verb.preps if verb else frozenset())
    objs = [c for c in tree.children(t.i, "obj") if c.i > t.i and c.lemma.lower()
            not in ("what", "which", "that", "who") and c.text.lower() not in words("calendar")]
    objs += [c for c in tree.children(t.i, "obl") if c.i > t.i and any(
        w.text.lower() in cases for w in tree.children(c.i, "case"))]
    objs += [c for c in tree.children(t.i, "advcl", "xcomp", "ccomp") if c.i > t.i and (
        c.xpos == "VBG" and any(w.text.lower() in cases for w in tree.children(c.i, "mark"))
        or (c.xpos == "VBG" and c.i == t.i + 1))]  # "called for reducing", "proposed dropping"
    objs.sort(key=lambda c: c.i)
    if not objs:
        return []
    first = _without_case(tree, objs[0])
    last = _object_end(tree, t, first[-1].i)
    span = _span([w for w in tree.tokens[first[0].i:last + 1]])
    if span and objs[0].upos in ("PROPN", "NOUN") and tree.doc.text[span[0]:span[1]].isalpha():
        return [Claim(*span, t.i, t.text, t.lemma.lower(), nominal=True)]  # "attacked Trump"
    return [replace(c, nominal=True) for c in _claim(tree, t, span)]


_OBJECT_STOP = ("conj", "cc", "parataxis", "punct", "discourse", "vocative")


def _next_is_nominal_conj(tree: Tree, t: Token, c: Token) -> bool:
    """``c`` (a comma or ``and``) only joins a further object of ``t``."""
    later = [k for k in tree.children(t.i) if k.i > c.i and k.rel not in ("cc", "punct")]
    return bool(later) and later[0].rel == "conj" and later[0].upos in (
        "NOUN", "PROPN", "PRON", "NUM")


def _object_end(tree: Tree, t: Token, end: int) -> int:
    """Where object content ends: the object runs on through the verb's later
    dependents (``called Clinton "a fraud"``, ``attacked her for her vote on stage``),
    up to a conjoined or separate clause (one with a subject of its own after a comma)."""
    for c in sorted(tree.children(t.i), key=lambda w: w.i):
        if c.i <= end or (c.rel in ("cc", "punct") and _next_is_nominal_conj(tree, t, c)):
            continue
        own_clause = tree.children(c.i, "nsubj") and _comma_before(
            tree, (trimmed(tree.subtree(c.i)) or [c])[0].i)
        nominal_conj = c.rel == "conj" and c.upos in ("NOUN", "PROPN", "PRON", "NUM")
        if (c.rel in _OBJECT_STOP and not nominal_conj) or own_clause:
            break  # the verb's own comma or period, "and ...", ", he said", ", while X ..."
        end = max(end, contiguous(tree.subtree(c.i), c.i)[-1].i)
    return end


def _fronted_claim(tree: Tree, t: Token) -> list[Claim]:
    """``The talks failed, he said`` or ``The talks, he said, failed``: the reporting
    phrase hangs as parataxis from the reported clause, which may surround it."""
    if t.rel != "parataxis" or t.head < 0 or not tree.children(t.i, "nsubj"):
        return []
    phrase = tree.subtree(t.i)
    sent = tree.doc.sentences[t.sent].tokens
    before = _span([w for w in sent if w.i < phrase[0].i])
    after = _span([w for w in sent if w.i > phrase[-1].i])
    if before and after:
        return [Claim(before[0], after[1], t.i, t.text, t.lemma.lower(), (before, after))]
    return _claim(tree, t, before)


_COMMAS = (",", "--", "\u2014", "\u2013")


def _parenthetical(tree: Tree, t: Token) -> list[Claim]:
    """``Acts of protest, Mr. Obama said, are acts of patriotism``: a reporting phrase
    set off by commas inside the reported sentence, whatever the parser made of it."""
    subj = [c for c in tree.children(t.i, "nsubj") if c.i < t.i]
    if not subj:
        return []
    lo = tree.subtree(subj[-1].i)[0].i
    sent = tree.doc.sentences[t.sent].tokens
    first, last = sent[0].i, sent[-1].i
    if lo - 1 < first or tree.tokens[lo - 1].text not in _COMMAS:
        return []
    close = next((w.i for w in sent if w.i > t.i and w.text in _COMMAS), None)
    if close is None or close - t.i > 6:
        return []
    side = {w.i for c in tree.children(t.i, "obl", "advmod", "obj", "iobj", "punct")
            for w in tree.subtree(c.i)}
    if any(i not in side for i in range(t.i + 1, close)):
        return []  # words between cue and comma belong to the reported clause
    before = _span([w for w in sent if w.i < lo - 1])
    after = _span([w for w in sent if close < w.i <= last])
    if not before or not after:
        return []
    return [Claim(before[0], after[1], t.i, t.text, t.lemma.lower(), (before, after))]


def _after_colon(tree: Tree, t: Token) -> list[Claim]:
    """``The governor added: It's typical of her. She knows nothing``: unquoted words
    after a cue and its colon, to the end of the paragraph, are what was said."""
    nxt = t.i + 1
    if nxt >= len(tree.tokens) or tree.tokens[nxt].text != ":" or not tree.children(
            t.i, "nsubj"):
        return []
    colon = tree.tokens[nxt]
    rest = tree.doc.text[colon.end:].lstrip()
    if not rest or rest[0] in _QUOTE_CHARS:
        return []  # a quote in marks: the direct quote is the content
    words = [w for w in tree.tokens[nxt + 1:] if w.para == t.para]
    if not words:  # "The governor added:" / a block quote as the next paragraph
        words = [w for w in tree.tokens[nxt + 1:] if w.para == t.para + 1]
    return _claim(tree, t, _span(words)) if len(words) >= 4 else []


def _rest_of_sentence(tree: Tree, t: Token) -> list[Claim]:
    """Fallback when the parser found no clause under a speech verb: the words after
    the cue (past its addressee and adverbials) when they hold a finite verb."""
    subjects = tree.children(t.i, "nsubj")
    if not subjects:
        return []
    sent = tree.doc.sentences[t.sent].tokens
    skip = {w.i for c in tree.children(t.i, "iobj", "obl", "advmod", "punct", "obj")
            if c.upos in ("NOUN", "PROPN", "PRON", "ADV", "PUNCT") and c.i > t.i
            and tree.tokens[c.i - 1].i <= t.i + 3 for w in tree.subtree(c.i)}
    if all(c.i > t.i for c in subjects):
        return []  # "said Tim Hess, a developer who ...": the words after name the speaker
    rest = [w for w in sent if w.i > t.i]
    while rest and (rest[0].i in skip or rest[0].upos == "PUNCT"):
        rest = rest[1:]
    finite = any(w.xpos in ("VBD", "VBZ", "VBP", "MD") for w in rest)
    that = bool(rest) and rest[0].text.lower() == "that" and rest[0].upos == "SCONJ"
    if len(rest) < 4 or not finite or (rest[0].upos in (
            "ADP", "SCONJ", "PART", "VERB", "CCONJ", "AUX") and not that):
        return []  # "added its heft by passing ...", "responded by ordering ..."
    return _claim(tree, t, _span(rest))


def _according_claims(tree: Tree) -> list[Claim]:
    out = []
    toks = tree.tokens
    for t in toks:
        if t.text.lower() != "according" or t.i + 1 >= len(toks):
            continue
        if toks[t.i + 1].text.lower() != "to" or toks[t.i + 1].sent != t.sent:
            continue
        source = toks[t.head] if 0 <= t.head < len(toks) else None
        if source is None or source.sent != t.sent:
            continue
        phrase = {w.i for w in tree.subtree(source.i)} | {t.i, t.i + 1}
        sent = tree.doc.sentences[t.sent].tokens
        rest = [w for w in sent if w.i not in phrase]
        span = _span(rest)
        if span:
            cue_end = toks[t.i + 1].end
            out.append(Claim(*span, t.i, tree.doc.text[t.start:cue_end], "according to"))
    return out


def _reduced_passive(tree: Tree, t: Token) -> bool:
    """``indictments said to be expected``: a participle modifier reports nobody."""
    if t.rel == "amod" or t.deprel == "compound":
        return True  # "opposing viewpoints": a participle used as an adjective
    return t.xpos == "VBN" and t.rel == "acl" and not tree.children(t.i, "nsubj")


def _has_source(tree: Tree, t: Token) -> bool:
    """A reporting verb needs someone reporting: its own subject, one it borrows
    (``..., adding that``), or a relative clause's antecedent."""
    active = [c for c in tree.children(t.i, "nsubj") if c.deprel != "nsubj:pass"]
    if tree.children(t.i, "aux:pass") or (t.xpos == "VBN" and t.rel != "conj" and not active
                                            and not tree.children(t.i, "aux")):
        return False  # "indictments said to be expected": passive, nobody reports
    agent = [c for c in tree.children(t.i, "obl") if c.deprel == "obl:agent"]
    finite = t.xpos in ("VBD", "VBZ", "VBP") and t.rel in ("root", "ccomp", "parataxis")
    return bool(active or agent) or t.rel in ("conj", "xcomp", "advcl") or (
        t.deprel == "acl:relcl") or finite  # a finite verb has a subject the parser lost


_PERSONAL = {"i", "we", "you", "he", "she", "they"}


def _that_clause(tree: Tree, t: Token) -> bool:
    """A verb or adjective outside the lexicon whose someone holds a ``that`` clause
    (``Protesters were frustrated that ...``): an attitude in the wider scope."""
    if t.upos not in ("VERB", "ADJ"):
        return False
    subj = tree.children(t.i, "nsubj")
    if not subj or not (subj[0].upos == "PROPN" or subj[0].text.lower() in _PERSONAL or (
            subj[0].upos == "NOUN" and "Number=Plur" in subj[0].feats)):
        return False
    return any(c.i > t.i and any(m.text.lower() == "that" for m in tree.children(c.i, "mark"))
               for c in tree.children(t.i, "ccomp"))


def find_claims(tree: Tree, scope: Scope = "claims") -> list[Claim]:
    """Every reported clause of the document (indirect or mixed), in text order."""
    claims: list[Claim] = []
    for t in tree.tokens:
        frames = _frames(t, scope)
        if not frames and scope == "attributions" and _that_clause(tree, t):
            frames = frozenset({"clause"})  # "were frustrated that ...", "came away convinced that"
        if not frames or _reduced_passive(tree, t) or not _has_source(tree, t):
            continue
        found: list[Claim] = _after_colon(tree, t)
        if not frames - {"quote"}:
            claims += found  # "He continued: ..." (quote-only verbs report no clause)
            continue
        if "clause" in frames:
            found = found or _parenthetical(tree, t) or (
                _complement_claims(tree, t) + _fronted_claim(tree, t))
        found = found or _frame_claims(tree, t, frames)
        if not found and "clause" in frames:
            found = _rest_of_sentence(tree, t)
        claims += found
    claims += _according_claims(tree)
    seen = {(c.start, c.end) for c in claims}
    claims += [c for c in _noun_claims(tree, scope) if (c.start, c.end) not in seen]
    return sorted(_unnested(tree, claims), key=lambda c: (c.start, c.end))


def _unnested(tree: Tree, claims: list[Claim]) -> list[Claim]:
    """Drop the object of a speech act reported inside another claim: in ``Trump signaled
    that he will press Putin``, pressing Putin is what Trump signaled, not a claim."""
    def nested(c: Claim) -> bool:
        at = tree.tokens[c.cue].start
        return any(o.cue != c.cue and o.start <= at < o.end for o in claims)
    return [c for c in claims if not (c.nominal and nested(c))]


def _noun_claims(tree: Tree, scope: Scope) -> list[Claim]:
    """``his claim that the vote was rigged``: a reporting noun with a ``that`` clause
    (attitude nouns such as ``belief`` only in the attributions scope)."""
    nouns = reporting_nouns()
    out: list[Claim] = []
    for t in tree.tokens:
        kind = nouns.get(t.lemma.lower()) if t.upos == "NOUN" else None
        if kind is None or (kind == "attribution" and scope != "attributions"):
            continue
        for c in tree.children(t.i, "acl", "ccomp"):
            marks = tree.children(c.i, "mark")
            if c.i > t.i and any(m.text.lower() == "that" and m.i < c.i for m in marks):
                own = contiguous(tree.subtree(c.i), c.i)
                out += _claim(tree, t, _span(own))
    return out


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


def _quoted_share(doc: ParsedDoc, claim: Claim, inside: list[Marked]) -> float:
    """Share of the claim's letters and digits that sit inside quote marks."""
    quoted = sum(_alnum(doc.text[m.start:m.end]) for m in inside)
    return quoted / max(_alnum(doc.text[claim.start:claim.end]), 1)


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
            if prev.tokens and prev.tokens[-1].text == ":" and prev.para == first.para:
                sents.add(prev.index)  # He said: / "Quote on its own sentence."
    return sents


def _link(tree: Tree, cue: Token, inside_ids: set[int]) -> int:
    """0 when the cue governs the quote or hangs from it, 1 when merely nearby."""
    if any(a.i in inside_ids for a in tree.ancestors(cue.i)):
        return 0
    if any(any(a.i == cue.i for a in tree.ancestors(k)) for k in inside_ids):
        return 0
    return 1


def direct_cue(tree: Tree, m: Marked) -> int | None:
    """The speech verb introducing a quoted span, or None (see module docstring)."""
    inside = _tokens_in(tree, m)
    ids = {t.i for t in inside}
    words = {t.i for t in inside if t.upos != "PUNCT"} or ids  # a comma may hang anywhere
    best: tuple[int, int, int] | None = None
    for s in sorted(_candidate_sentences(tree, m, inside)):
        for t in tree.doc.sentences[s].tokens:
            if t.i in ids or not _is_cue(t, indirect=False):
                continue
            link = _link(tree, t, words)
            if link and not tree.children(t.i, "nsubj"):
                continue
            dist = min(abs(t.start - m.outer_end), abs(m.outer_start - t.end))
            if best is None or (link, dist) < best[:2]:
                best = (link, dist, t.i)
    return best[2] if best else None


def _quoting_cues(tree: Tree, marked: list[Marked]) -> set[int]:
    """The cue words that introduce a direct quote (whose content is that quote)."""
    cues = (direct_cue(tree, m) for m in marked if not _is_fragment(tree, m))
    return {c for c in cues if c is not None}


def _is_fragment(tree: Tree, m: Marked) -> bool:
    inside = _tokens_in(tree, m)
    words = [t for t in inside if t.upos != "PUNCT"]
    has_verb = any(t.upos in ("VERB", "AUX") for t in words)
    return len(words) < MIN_STATEMENT_WORDS or (len(words) < 2 * MIN_STATEMENT_WORDS
                                                  and not has_verb)


def _span_record(tree: Tree, start: int, end: int, kind: QuoteKind, cue: int | None,
                 flags: tuple[str, ...]) -> QuoteSpan:
    doc = tree.doc
    first = next((t for t in tree.tokens if t.end > start), None)
    sent = first.sent if first else 0
    para = first.para if first else 0
    return QuoteSpan(start, end, doc.text[start:end], kind, sent, para,
                     cue_of(tree, cue) if cue is not None else None, cue, flags)


def _claim_span(tree: Tree, c: Claim, marked: list[Marked]) -> QuoteSpan | None:
    """A claim as a quote span, or None when a direct quote covers it."""
    inside = [m for m in marked if _inside(m, c.start, c.end, tree.doc.text)]
    if any(_overlaps(m, c.start, c.end) and m not in inside for m in marked):
        return None
    if inside and _quoted_share(tree.doc, c, inside) > 0.9:
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


def _quote_clause(tree: Tree, cue: int, m: Marked) -> tuple[int, int] | None:
    """The clause under ``cue`` holding the quoted words, when it holds more than them:
    ``claimed that voting fraud is "a big, big problem"`` -> a mixed quote."""
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
        return (start, end) if len(outside.split()) >= 2 else None
    return None


def _fragment_needs_link(tree: Tree, cue: int, m: Marked) -> bool:
    """A short quoted phrase belongs to a cue only through the cue's clause."""
    return _quote_clause(tree, cue, m) is None and _link(
        tree, tree.tokens[cue], {t.i for t in _tokens_in(tree, m)}) > 0


def _marked_span(tree: Tree, m: Marked, include_fragments: bool) -> QuoteSpan | None:
    cue = direct_cue(tree, m)
    fragment = _is_fragment(tree, m)
    if cue is not None and fragment and (_fragment_needs_link(tree, cue, m)
                                         or not _has_source(tree, tree.tokens[cue])):
        cue = None
    if cue is None:
        if fragment and not include_fragments:
            return None
        flags = (*m.flags, "fragment") if fragment else m.flags
        return _span_record(tree, m.start, m.end, "direct", None, flags)
    clause = _quote_clause(tree, cue, m)
    if clause is not None:
        return _span_record(tree, *clause, "mixed", cue, m.flags)
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
    return len(gap) < limit and "\n" not in gap.strip()


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


def find_quotes(doc: ParsedDoc, include_fragments: bool = False,
                scope: Scope = "claims", tree: Tree | None = None) -> list[QuoteSpan]:
    """Every direct, mixed and indirect quote of ``doc``, ordered by start offset.

    Invariants: ``doc.text[q.start:q.end] == q.text``; a claim from a cue inside a
    direct quote is the quoted speaker's, not a separate attribution, and is dropped.
    """
    tree = tree or Tree(doc)
    marked = find_marked(doc.text, doc.paragraphs)
    out: list[QuoteSpan] = list(find_turns(tree))
    absorbed: set[int] = set()
    quoting = _quoting_cues(tree, marked)
    for c in find_claims(tree, scope):
        cue_tok = tree.tokens[c.cue]
        if any(m.outer_start <= cue_tok.start < m.outer_end for m in marked):
            continue
        if c.cue in quoting and not c.clause and not any(
                _overlaps(m, c.start, c.end) for m in marked):
            continue  # '"A," he said at a rally': the cue reports the quote, not "at a rally"
        span = _claim_span(tree, c, marked)
        if span is not None:
            out.append(span)
            absorbed |= {n for n, m in enumerate(marked)
                         if _inside(m, c.start, c.end, doc.text)}
    for n, m in enumerate(marked):
        if n not in absorbed and not any(t.start < m.outer_end and m.outer_start < t.end
                                         for t in out if "turn" in t.flags):
            span = _marked_span(tree, m, include_fragments=True)
            if span is not None:
                out.append(span)
    joined = join_segments(doc, _dedupe(out))
    return joined if include_fragments else [q for q in joined if "fragment" not in q.flags]
