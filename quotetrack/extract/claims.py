"""Claims: the reported clause, object or infinitive of a cue, found in the parse.

``find_claims(tree, scope)`` is pure.  A claim is the complement of a speech or claim
verb (``ccomp``: *Poroshenko has insisted that such peacekeepers should patrol ...*),
the clause a quote-first cue hangs from (*The talks failed, he said*: parataxis), a
reporting phrase set off by commas, unquoted words after a cue and its colon, the
object of a speech act (*attacked Trump for his vote*), a request or vow
(*urged voters to ...*, *vowed to ...*), a reporting noun's ``that`` clause, or a
sentence carrying *according to X*.  Offsets are character offsets into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from quotetrack.extract.cues import (
    RELATIVES,
    Scope,
    asked_of,
    comma_before,
    contact_text,
    discourse_marker,
    frames_of,
    has_source,
    is_cue,
    modifier_clause,
    noun_before_clause,
    other_phrasal,
    phrase_start,
    reduced_passive,
    set_off_participle,
    that_clause,
    thing_frames,
    verb_follows,
)
from quotetrack.extract.marks import QUOTE_CHARS, is_mark_token
from quotetrack.extract.syntax import Tree, contiguous, trimmed
from quotetrack.lexicon import is_person_noun, reporting_nouns, speech_verb, words
from quotetrack.records import Token


@dataclass(frozen=True, slots=True)
class Claim:
    """A reported clause: its character extent and the cue word that reports it.
    ``clause`` is True for a complement clause with a subject of its own (``..., he
    said, adding he would never vote for her``), the surest kind of claim; ``nominal``
    for the object of a speech act (``attacked Trump``); ``fallback`` for words taken
    after a cue whose clause the parser lost; ``thing`` for content that is no
    proposition (an object, request or intention frame: ``urged X to``), a quote only
    when it holds the speaker's quoted words."""

    start: int
    end: int
    cue: int
    cue_text: str
    cue_lemma: str
    segments: tuple[tuple[int, int], ...] = ()
    clause: bool = False
    nominal: bool = False
    fallback: bool = False
    thing: bool = False


def token_span(tokens: list[Token]) -> tuple[int, int] | None:
    """(start, end) character offsets of ``tokens`` without edge punctuation."""
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
                  if c.i > last_own and c.rel in ("advcl", "conj", "parataxis", "obl", "ccomp")
                  and not _relative_lead(tree, c)]
        stop = min((f for f in firsts if f > last_own and comma_before(tree, f)),
                   default=sent[-1].i + 1)
        stop = min([stop] + [phrase_start(tree, w) for w in sent if first.i < w.i < stop
                             and set_off_participle(tree, w) and is_cue(w, indirect=False)])
        body = _past_time(cue, [t for t in sent if first.i <= t.i < stop])  # ", adding"
    else:  # the clause comes first: everything before the reporting phrase
        last_own = max(t.i for t in own)
        cue_first = min(t.i for t in tree.subtree(cue.i, skip=[comp.i])
                        if t.i > last_own or t.i == cue.i)
        body = _to_closing_mark([t for t in sent if first.i <= t.i < cue_first])
    return token_span(body)


_TIME_LEADS = frozenset({"last", "next", "this", "on", "late", "early"})


def _past_time(cue: Token, body: list[Token]) -> list[Token]:
    """``said Friday the road was closed``: a day right after the cue dates the
    saying, whatever the parse attached it to; it is no part of the claim (unless
    it is the clause's subject)."""
    if not body or body[0].i != cue.i + 1:
        return body
    k = 0
    while k < min(len(body), 2) and body[k].text.lower() in _TIME_LEADS:
        k += 1  # "last week", "on Monday"
    if k >= len(body):
        return body
    day, rest = body[k], body[k + 1:]
    named = day.text[:1].isupper() or day.text.lower() in ("today", "yesterday", "tonight")
    owner = bool(rest) and rest[0].text in ("'s", "\u2019s")  # "today's vote" is content
    dated = day.lemma.lower() in words("calendar") and (named or k > 0)
    return rest if dated and day.rel != "nsubj" and not owner else body


def _relative_lead(tree: Tree, c: Token) -> bool:
    """``..., where Russian forces are shipped in``: a dependent opened by a relative
    word modifies the noun before it, so it stays inside the reported clause."""
    lead = trimmed(tree.subtree(c.i))[:1]
    return bool(lead) and lead[0].text.lower() in RELATIVES


def _without_that(tree: Tree, c: Claim) -> Claim:
    """The complementizer belongs to the cue: ``said that taxes would rise`` reports
    ``taxes would rise`` (the claims scope; PolNeAR's attributions keep ``that``).  A
    ``that`` before anything but a nominal word is no determiner, whatever its tag
    (``said that, over the years, ...``)."""
    lead = trimmed(tree.within(c.start, c.end))
    if len(lead) < 2 or lead[0].text.lower() != "that" or c.segments:
        return c
    rest = trimmed(lead[1:])
    if rest and (lead[0].upos == "SCONJ" or lead[0].rel in ("mark", "obj")
                 or lead[1].upos not in _NOMINAL):  # "obj": read as a relative pronoun
        return replace(c, start=rest[0].start)
    return c


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def _to_closing_mark(body: list[Token]) -> list[Token]:
    """A quote-first clause ends at its closing ``,"``: the words after it name the
    speaker (``"...," Putin's adviser, Yury Ushakov, told``) whatever the parse."""
    for k in range(len(body) - 2, 0, -1):
        if is_mark_token(body[k].text) and body[k - 1].text == ",":
            return body[:k]
    return body


def _claim(tree: Tree, t: Token, span: tuple[int, int] | None) -> list[Claim]:
    """One claim for ``span`` unless it is a lone word (``she said, clapping``) or
    only a subject and auxiliaries (``she said it will``: the claim is elided)."""
    if not span or len(tree.doc.text[span[0]:span[1]].split()) < 2 or _elided(tree, span):
        return []
    return [Claim(*span, t.i, t.text, t.lemma.lower())]


_ELIDED_VERBS = frozenset({"do", "have", "be", "will", "would", "can", "could", "should",
                           "may", "might", "must", "shall"})


def _elided(tree: Tree, span: tuple[int, int]) -> bool:
    """The words in ``span`` are a pronoun and auxiliaries only (``it will``, ``they
    do``, ``he did not``): an ellipsis, with no claim of its own."""
    toks = [x for x in tree.within(*span) if x.upos != "PUNCT"]
    return 2 <= len(toks) <= 4 and toks[0].upos == "PRON" and all(
        x.upos in ("AUX", "PART") or x.lemma.lower() in _ELIDED_VERBS for x in toks[1:])


def _misattached_complements(tree: Tree, t: Token) -> list[Token]:
    """``told reporters that the talks failed``, ``said of his time there that ...``:
    parsers often hang the that-clause on the addressee or topic as a relative clause;
    with ``that`` as a conjunction (a ``mark``, not a relative pronoun) and a subject of
    its own, it is the cue's complement (``said in an email that the file was closed``)."""
    out = []
    hosts = [h for o in tree.children(t.i, "obj", "iobj", "obl")
             for h in [o, *tree.children(o.i, "nmod")]]  # "said of his time at the bank that"
    verb = speech_verb(t.lemma, t.text)
    bare = verb is not None and "request" in verb.frames and not tree.children(
        t.i, "ccomp") and not _reported_itself(tree, t)
    for obj in hosts:
        for c in tree.children(obj.i, "acl", "ccomp"):
            marks = [m for m in tree.children(c.i) if m.deprel == "mark" or m.upos == "SCONJ"]
            if c.i > obj.i and tree.children(c.i, "nsubj") and (any(
                    m.text.lower() == "that" for m in marks) or _that_filler(tree, obj, c) or (
                    bare and _addressee_clause(tree, c))):
                out.append(c)  # a mark, whatever its tag; a conjunction, whatever its relation
    return out


def _addressee_clause(tree: Tree, c: Token) -> bool:
    """``told council his children had stopped using the playground``, ``told reporters
    outside the courtroom that his client would appeal``, parsed as relative clauses on
    the addressee: for a telling verb with no complement of its own, a relative clause
    on its addressee whose subject is a noun phrase (no relative pronoun: ``reporters
    who had gathered``) is what was told."""
    return c.deprel == "acl:relcl" and all(
        s.upos in ("NOUN", "PROPN", "PRON") and s.text.lower() not in _CLAUSE_OPENERS | {"that"}
        for s in tree.children(c.i, "nsubj")) and not any(
        k.text.lower() in _CLAUSE_OPENERS for k in tree.subtree(c.i) if k.i < c.i)


def _reported_itself(tree: Tree, t: Token) -> bool:
    """Verb ``t`` is inside what another speech verb reports (``said he had told Wolfe
    ... that the goal was coming``): its own content is part of that report."""
    node = t
    for _ in range(6):
        if node.head < 0:
            return False
        head = tree.tokens[node.head]
        if node.rel == "ccomp" and speech_verb(head.lemma, head.text) is not None:
            return True
        node = head
    return False


_CLAUSE_OPENERS = RELATIVES | {"when", "why"}  # a relative word, "that" aside


def _that_filler(tree: Tree, host: Token, c: Token) -> bool:
    """``said in a statement that Denmark "regrets" the decision``, parsed as a relative
    clause with ``that`` its object: a text's clause whose verb has a subject and an
    object of its own besides ``that`` (or a subject besides ``that`` parsed as one)
    leaves no gap for it, so ``that`` is the conjunction of a content clause; nor does a
    passive clause with a subject of its own (``that the file was closed``), which
    takes no object."""
    if host.lemma.lower() not in words("document_nouns"):
        return False
    subjects = tree.children(c.i, "nsubj")
    if any(k.text.lower() == "that" for k in subjects):  # "said in an e-mail that all
        return any(k.text.lower() != "that" for k in subjects)  # employees had been
        # notified", "that" made a second subject: the clause has its own
    that = [k for k in tree.children(c.i, "obj") if k.text.lower() == "that"]
    others = [k for k in tree.children(c.i, "obj", "ccomp", "xcomp")
              if k.text.lower() != "that"]
    passive = any(k.deprel == "nsubj:pass" for k in subjects)
    return bool(that) and (bool(others) or passive)


def _inverted(tree: Tree, t: Token, before: int | None = None) -> bool:
    """A subject right after the cue (``..., said Mike Hawes``), before word ``before``
    if given, and a comma or quote mark before the cue: quotative inversion, whose
    content comes before the cue."""
    if not comma_before(tree, t.i) and not (
            t.i > 0 and is_mark_token(tree.tokens[t.i - 1].text)):
        return False
    stop = before if before is not None else len(tree.tokens)
    return any(t.i < s.i <= t.i + 3 and s.i < stop for s in tree.children(t.i, "nsubj"))


_WH = frozenset({"what", "why", "how", "whether", "who", "whom", "which"})


def _embedded_question(tree: Tree, t: Token, lead: list[Token]) -> bool:
    """``explained what wikiHow is``: a clause opened by a wh-word under a verb that is
    not a question names a topic, not a proposition (claims scope); nor is a question
    the press puts (``Reporters asked whether ...``) anybody's claim."""
    verb = speech_verb(t.lemma, t.text)
    return bool(lead) and lead[0].text.lower() in _WH and not (
        verb and verb.stance == "question" and not _press_asks(tree, t))


def _press_asks(tree: Tree, t: Token) -> bool:
    """The subject of cue ``t`` is the press (``reporters``, ``a journalist``), or its
    agent (``asked by reporters whether``)."""
    agents = [c for c in tree.children(t.i, "obl", "obl:agent") if any(
        w.text.lower() == "by" for w in tree.children(c.i, "case"))]
    return any(s.lemma.lower() in _PRESS for s in tree.children(t.i, "nsubj") + agents)


_PRESS = frozenset({"reporter", "journalist", "interviewer", "correspondent", "press",
                    "media", "newspaper", "columnist"})


def _complement_claims(tree: Tree, t: Token, scope: Scope = "claims") -> list[Claim]:
    out = []
    for comp in tree.children(t.i, "ccomp") + _misattached_complements(tree, t):
        if comp.i < t.i and (asked_of(tree, comp) or contact_text(tree, comp) is not None
                             or modifier_clause(tree, t) == comp):
            continue  # "X, asked whether ..., said": the question put to the speaker; "A
            # memorandum Lyle filed ... said": the text that speaks, misparsed
        if comp.upos in ("ADJ", "ADV", "ADP") and not tree.children(comp.i, "nsubj", "cop"):
            continue  # '"frozen conflict," similar to ...': a modifier, not a clause
        if comp.i < t.i and comp.text.islower() and is_person_noun(comp.text) and not (
                tree.children(comp.i, "aux", "cop")):
            continue  # "The Greens senator for NSW, Jess Pirovano, said", "senator" a verb
        if any(m.text.lower() in ADVERBIAL_MARKS for m in tree.children(comp.i, "mark")):
            continue  # "said as she accepted the prize": when, not what, she said
        lead = trimmed(tree.subtree(comp.i))[:1]
        if scope == "claims" and (_embedded_question(tree, t, lead) or _mandative(
                tree, t, comp)):
            continue
        if _inverted(tree, t, before=comp.i):
            continue  # "said Mike Hawes, the SMMT's chief executive": his appositive
        comma_led = bool(lead) and comma_before(tree, lead[0].i)
        if comma_led and (lead[0].text.lower() in RELATIVES or (
                comp.upos in ("NOUN", "PROPN") and not tree.children(comp.i, "nsubj", "cop"))):
            continue  # "said Luis Rubio, who heads ...", "said Tim Hess, a developer ..."
        found = _claim(tree, t, _with_second_that(tree, t, comp, clause_extent(tree, t, comp)))
        if tree.children(comp.i, "nsubj", "expl") and lead and lead[0].upos != "ADP":
            found = [replace(c, clause=True) for c in found]  # not "at a campaign stop"
        out += found
    return out


def _with_second_that(tree: Tree, t: Token, comp: Token,
                      extent: tuple[int, int] | None) -> tuple[int, int] | None:
    """``told AFP that there was no vaccine, but that candidate vaccines could be shipped
    ...``, the second ``that`` read as a determiner and its clause as the cue's
    conjunct: ``that`` before a plural noun is no demonstrative, so the second clause is
    reported too and the claim runs to its end."""
    if extent is None:
        return None
    for k in tree.children(t.i, "conj"):
        subj = [s for s in tree.children(k.i, "nsubj", "nsubj:pass") if s.i < k.i]
        if k.i > comp.i and subj and "Number=Plur" in subj[0].feats and any(
                d.text.lower() == "that" for d in tree.children(subj[0].i, "det")):
            return extent[0], max(extent[1], tree.subtree(k.i)[-1].end)
    return extent


# Subordinators of time, cause and concession: a clause they lead tells when or why
# something was said, never what (``said as she accepted the prize``).
ADVERBIAL_MARKS = frozenset({"as", "after", "before", "when", "while", "since", "because",
                             "until", "once", "though", "although", "whereas", "unless"})


def _mandative(tree: Tree, t: Token, comp: Token) -> bool:
    """``recommended that the board expand the program``, ``demanded that he resign``:
    a verb of asking whose clause has a singular subject and a bare verb with no
    auxiliary (the mandative subjunctive) asks for an act; it claims nothing.  After a
    verb that only asks (``_ONLY_MANDATIVE``) any subject will do."""
    if t.lemma.lower() not in _MANDATIVE or comp.upos != "VERB" or tree.children(
            comp.i, "aux", "aux:pass", "cop") or comp.text.lower() != comp.lemma.lower() or (
            comp.lemma.lower() in _SAME_IN_PAST):
        return False
    subj = tree.children(comp.i, "nsubj")
    if len(subj) == 1 and t.lemma.lower() in _ONLY_MANDATIVE:
        return True  # "recommends that school boards consider ...": any subject
    return len(subj) == 1 and (subj[0].text.lower() in ("he", "she", "it") or (
        subj[0].upos in ("NOUN", "PROPN") and "Number=Plur" not in subj[0].feats))


# Verbs that may take a mandative clause, and verbs whose past tense is spelt as their
# base form ("the board cut the budget" is a past-tense claim, not a subjunctive).
_MANDATIVE = frozenset({"recommend", "demand", "insist", "urge", "ask", "propose",
                        "suggest", "require", "request", "order", "advise"})
# Of those, the verbs whose clause with a bare verb asks for an act whatever its subject
# (a plural's present tense looks the same: "recommends that boards consider ...").
_ONLY_MANDATIVE = frozenset({"recommend", "urge", "demand", "request", "require", "advise",
                             "order", "propose"})
_SAME_IN_PAST = frozenset({"put", "cut", "set", "hit", "let", "quit", "spread", "cost",
                           "hurt", "shut", "read", "bet", "burst", "cast", "upset",
                           "broadcast", "forecast", "split", "shed", "bid", "thrust"})


def _anonymity(tree: Tree, t: Token) -> bool:
    """A request for anonymity (``asked that her name not be used``): a verb of asking
    whose clause has someone's name or identity for its subject reports no claim."""
    return t.lemma.lower() in ("ask", "request") and any(
        s.lemma.lower() in ("name", "identity") for c in tree.children(t.i, "ccomp")
        for s in tree.children(c.i, "nsubj", "nsubj:pass"))


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
    if not objs or _inverted_speaker(tree, t, objs[0]):
        return []
    first = _without_case(tree, objs[0])
    last = _object_end(tree, t, first[-1].i)
    span = token_span([w for w in tree.tokens[first[0].i:last + 1]])
    if span and objs[0].upos in ("PROPN", "NOUN") and tree.doc.text[span[0]:span[1]].isalpha():
        return [Claim(*span, t.i, t.text, t.lemma.lower(), nominal=True)]  # "attacked Trump"
    return [replace(c, nominal=True) for c in _claim(tree, t, span)]


def _inverted_speaker(tree: Tree, t: Token, obj: Token) -> bool:
    """``..., noted NBC's Dante Chinni.``: after a comma, with no subject before it, a
    cue's "object" name that ends the sentence is the speaker put after the verb."""
    sent = tree.doc.sentences[t.sent].tokens
    if any(c.i < t.i for c in tree.children(t.i, "nsubj")) or sent[0].i >= t.i:
        return False
    words_after = [w for w in sent if w.i > t.i and w.upos != "PUNCT"]
    return comma_before(tree, t.i) and obj.upos == "PROPN" and all(
        w.i in {k.i for k in tree.subtree(obj.i)} for w in words_after)


_OBJECT_STOP = ("conj", "cc", "parataxis", "punct", "discourse", "vocative")


def _next_is_conj(tree: Tree, t: Token, c: Token) -> bool:
    """``c`` (a comma or ``and``) only joins a further object of ``t`` or a bare verb."""
    later = [k for k in tree.children(t.i) if k.i > c.i and k.rel not in ("cc", "punct")]
    return bool(later) and later[0].rel == "conj" and (later[0].upos in (
        "NOUN", "PROPN", "PRON", "NUM") or later[0].xpos == "VB")


def _object_end(tree: Tree, t: Token, end: int) -> int:
    """Where object content ends: the object runs on through the verb's later
    dependents (``called Clinton "a fraud"``, ``attacked her for her vote on stage``),
    up to a conjoined or separate clause (one with a subject of its own after a comma)."""
    for c in sorted(tree.children(t.i), key=lambda w: w.i):
        if c.i <= end or (c.rel in ("cc", "punct") and _next_is_conj(tree, t, c)):
            continue
        own_clause = tree.children(c.i, "nsubj") and comma_before(
            tree, (trimmed(tree.subtree(c.i)) or [c])[0].i)
        nominal_conj = c.rel == "conj" and c.upos in ("NOUN", "PROPN", "PRON", "NUM")
        # "called on X to call out Russia and consider ...": a bare verb goes on the
        # infinitive of the request
        bare_conj = c.rel == "conj" and c.xpos == "VB" and any(
            w.text.lower() == "to" and w.rel == "mark" for w in tree.tokens[t.i + 1:end + 1])
        if (c.rel in _OBJECT_STOP and not (nominal_conj or bare_conj)) or own_clause:
            break  # the verb's own comma or period, "and ...", ", he said", ", while X ..."
        end = max(end, contiguous(tree.subtree(c.i), c.i)[-1].i)
    return end


def _fronted_claim(tree: Tree, t: Token) -> list[Claim]:
    """``The talks failed, he said`` or ``The talks, he said, failed``: the reporting
    phrase hangs as parataxis from the reported clause, which may surround it."""
    if t.head < 0 or not tree.children(t.i, "nsubj") or not (
            t.rel == "parataxis" or (t.rel == "conj" and _inverted(tree, t)
                                     and comma_before(tree, t.i))):
        return []  # ", said Mike Hawes": an inverted cue parsed as a conjunct
    phrase = tree.subtree(t.i)
    sent = tree.doc.sentences[t.sent].tokens
    before = token_span([w for w in sent if w.i < phrase[0].i])
    after = token_span([w for w in sent if w.i > phrase[-1].i])
    if _adjunct_lead(list(sent)):  # "Asked what he would do first, he said, 'Find my
        return _claim(tree, t, after) if after else []  # desk'": only what follows
    if before and after:
        return [Claim(before[0], after[1], t.i, t.text, t.lemma.lower(), (before, after))]
    return _claim(tree, t, before)


_ADJUNCT_PREPS = frozenset({"to", "about", "whether", "if", "by", "for", "on", "with", "at",
                            "of", "why", "what", "how", "when", "where", "who", "which"})


def _adjunct_lead(sent: list[Token]) -> bool:
    """The sentence opens with a participial adjunct (``Asked about the device, ...``,
    ``Asked why it took five months, ...``, ``Speaking to reporters, ...``, ``Told of
    that response, ...``): what precedes the cue is no reported content."""
    words = trimmed(sent)
    if len(words) < 2:
        return False
    first = words[0].text.lower()
    participle = first.endswith(("ed", "ing")) or (  # "Told of that response, ..."
        words[0].upos == "VERB" and words[0].xpos in ("VBD", "VBN", "VBG"))
    return participle and words[1].text.lower() in _ADJUNCT_PREPS


def _adjunct_ends(tree: Tree) -> dict[int, int]:
    """Sentence index -> the comma ending its opening participial adjunct, if any."""
    out = {}
    for s in tree.doc.sentences:
        sent = list(s.tokens)
        if _adjunct_lead(sent):
            out[s.index] = next((w.i for w in sent if w.text == ","), sent[-1].i)
    return out


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
    if _adjunct_lead(list(sent)):
        return []
    before = token_span([w for w in sent if w.i < lo - 1])
    after = token_span([w for w in sent if close < w.i <= last])
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
    if not rest or rest[0] in QUOTE_CHARS:
        return []  # a quote in marks: the direct quote is the content
    words = [w for w in tree.tokens[nxt + 1:] if w.para == t.para]
    if not words:  # "The governor added:" / a block quote as the next paragraph
        words = [w for w in tree.tokens[nxt + 1:] if w.para == t.para + 1]
    return _claim(tree, t, token_span(words)) if len(words) >= 4 else []


def _rest_of_sentence(tree: Tree, t: Token, scope: Scope = "claims") -> list[Claim]:
    """Fallback when the parser found no clause under a speech verb: the words after
    the cue (past its addressee and adverbials) when they hold a finite verb."""
    subjects = tree.children(t.i, "nsubj")
    # "..., saying he would ...", "and contended that"; a conjunct with no "and" after a
    # comma is an inverted cue ("..., said Hawes, adding ...") whose content came first
    borrowed = t.rel == "advcl" or (t.rel == "conj" and bool(tree.children(t.i, "cc")))
    if not subjects and not borrowed:
        return []
    sent = tree.doc.sentences[t.sent].tokens
    verb = speech_verb(t.lemma, t.text)
    # "told reporters ...": an addressee comes off; "said Democrats are ..." has none
    rels = ("obl", "advmod", "punct") + (
        ("obj", "iobj") if verb and "request" in verb.frames else ())
    skip = {w.i for c in tree.children(t.i, *rels)
            if c.upos in ("NOUN", "PROPN", "PRON", "ADV", "PUNCT") and c.i > t.i
            and tree.tokens[c.i - 1].i <= t.i + 3 for w in tree.subtree(c.i)}
    reported = _reported_subject(tree, t, subjects)
    if reported is None and any(t.i < c.i <= t.i + 2 and c.upos in ("PROPN", "NOUN")
                                for c in subjects):
        return []  # "said Tim Hess, a developer who ...": the words after name the speaker
    rest = _before_next_cue(tree, [w for w in sent if w.i > t.i])
    while rest and (rest[0].i in skip or rest[0].upos == "PUNCT"):
        rest = rest[1:]
    if scope == "claims" and (_embedded_question(tree, t, rest[:1]) or _thing_object(
            tree, t, rest) or any(_mandative(tree, t, c) for c in tree.children(t.i, "ccomp"))):
        return []  # "explained what the budget would mean", "announced the start of ...",
        # "recommended that the province hire ...": the clause left out on purpose
    finite = reported is not None or any(w.xpos in _FINITE for w in rest)
    that = bool(rest) and rest[0].text.lower() == "that" and rest[0].upos == "SCONJ"
    if len(rest) < 4 or not finite or (rest[0].upos in (
            "ADP", "SCONJ", "PART", "VERB", "CCONJ", "AUX") and not that):
        return []  # "added its heft by passing ...", "responded by ordering ..."
    return [replace(c, fallback=True) for c in _claim(tree, t, token_span(rest))]


_FINITE = ("VBD", "VBZ", "VBP", "MD")


def _reported_subject(tree: Tree, t: Token, subjects: list[Token]) -> Token | None:
    """``A spokeswoman ... said the company disagreed``, parsed with two subjects of
    ``said``: the one after the cue that a verb follows, when another precedes the cue,
    is the reported clause's."""
    if not any(c.i < t.i for c in subjects):
        return None
    return next((c for c in subjects if c.i > t.i and verb_follows(tree, c)), None)


def _before_next_cue(tree: Tree, rest: list[Token]) -> list[Token]:
    """The words up to a comma before another speech verb that borrows the subject
    (``echoed that approach in remarks ..., predicting that ...``): that verb reports
    its own clause."""
    for k, w in enumerate(rest[1:], start=1):
        if rest[k - 1].text == "," and w.rel in ("advcl", "conj") and (
                speech_verb(w.lemma, w.text) is not None):
            return rest[:k - 1]
    return rest


def _thing_object(tree: Tree, t: Token, rest: list[Token]) -> bool:
    """The words after the cue open with its nominal object, and no finite verb follows
    that phrase (``conceded a penalty which the referee awarded``): a thing, not a
    clause the parser lost (``said Democrats are wrong`` has its verb right after)."""
    if not rest:
        return False
    for obj in tree.children(t.i, "obj"):
        phrase = contiguous(tree.subtree(obj.i), obj.i)
        if phrase[0].i == rest[0].i:
            nxt = phrase[-1].i + 1
            return nxt >= len(tree.tokens) or tree.tokens[nxt].xpos not in _FINITE
    return False


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
        phrase |= _rest_of_name(tree, source)
        sent = tree.doc.sentences[t.sent].tokens
        rest = [w for w in sent if w.i not in phrase]
        relayed = _relayed_report(tree, source)
        if relayed is not None:
            out += relayed
            continue
        span = token_span(rest)
        if span:
            cue_end = toks[t.i + 1].end
            out.append(Claim(*span, t.i, tree.doc.text[t.start:cue_end], "according to"))
    return out


def _rest_of_name(tree: Tree, source: Token) -> set[int]:
    """The words of the source's name the parse hung elsewhere, and the appositive set
    off after it (``According to Castlegate Underwriting Ltd., a London-based marine
    insurer, ...``, ``Ltd.`` hung on the verb): the model's tagged run, surface-read."""
    toks = tree.tokens
    k = source.i
    while source.ner != "O" and k + 1 < len(toks) and toks[k + 1].ner[:2] == "I-" and (
            toks[k + 1].sent == source.sent):
        k += 1
    out = set(range(source.i, k + 1))
    if k + 2 < len(toks) and toks[k + 1].text == "," and toks[k + 2].text.lower() in (
            "a", "an", "the"):
        close = next((w.i for w in toks[k + 2:k + 14] if w.text == "," and (
            w.sent == source.sent)), None)
        out |= set(range(k + 1, close + 1)) if close is not None else set()
    return out


def _relayed_report(tree: Tree, source: Token) -> list[Claim] | None:
    """``According to ABC News, Basya also believes ...``: an outlet before a sentence
    whose main verb is a belief verb with its own subject and a clause reports nothing
    itself; the claim is the believer's (None otherwise: ``According to the survey, a
    third of its members say ...`` is the survey's claim, and the members' their own)."""
    verb = tree.tokens[source.head] if source.head >= 0 else None
    if verb is None or verb.rel != "root" or source.rel != "obl" or verb.i < source.i or (
            frames_of(verb)) or not (
            frames_of(verb, "attributions") & {"clause"}) or not any(
            s.upos in ("NOUN", "PROPN") and s.deprel == "nsubj"  # not "is estimated"
            for s in tree.children(verb.i, "nsubj")):
        return None
    own = _complement_claims(tree, verb, "attributions") if any(
        c.deprel == "ccomp" for c in tree.children(verb.i)) else []
    return own or None  # "According to the audit, Pell wrote 214 checks": the audit's


def find_claims(tree: Tree, scope: Scope = "claims") -> list[Claim]:
    """Every reported clause of the document (indirect or mixed), in text order."""
    claims: list[Claim] = []
    adjuncts = _adjunct_ends(tree)
    for t in tree.tokens:
        if t.i < adjuncts.get(t.sent, -1):
            continue  # "Asked to describe the device, ...": a question put to the speaker
        frames = frames_of(t, scope) | (thing_frames(t) if scope == "claims" else frozenset())
        if not frames and scope == "attributions" and that_clause(tree, t):
            frames = frozenset({"clause"})  # "were frustrated that ...", "came away convinced that"
        if not frames or reduced_passive(tree, t) or not has_source(tree, t) or (
                discourse_marker(tree, t)) or (scope == "claims" and (
                    other_phrasal(tree, t) or asked_of(tree, t) or _anonymity(tree, t))):
            continue
        found: list[Claim] = _after_colon(tree, t)
        if not frames - {"quote"}:
            claims += found  # "He continued: ..." (quote-only verbs report no clause)
            continue
        if "clause" in frames:
            found = found or _parenthetical(tree, t) or (
                _complement_claims(tree, t, scope) + _fronted_claim(tree, t))
        found = found or [replace(c, thing=True) for c in _frame_claims(tree, t, frames)]
        if not found and "clause" in frames:
            found = _rest_of_sentence(tree, t, scope)
        claims += found
    claims += _according_claims(tree)
    seen = {c.start for c in claims}  # "said in a statement that X": the verb's claim
    claims += [c for c in _noun_claims(tree, scope) if c.start not in seen]
    if scope == "claims":  # "attacked Trump" names a target, asserts nothing
        claims = [_without_that(tree, c) for c in claims if not c.nominal
                  or len(tree.doc.text[c.start:c.end].split()) > 1]
    return sorted(_unnested(tree, _one_per_span(tree, claims)), key=lambda c: (c.start, c.end))


def _one_per_span(tree: Tree, claims: list[Claim]) -> list[Claim]:
    """One claim per extent: of two cues claiming the same words (``he said, adding he
    would never ...``), the one nearest before them reports them."""
    def rank(c: Claim) -> tuple[bool, int]:
        gap = c.start - tree.tokens[c.cue].end
        return gap < 0, abs(gap)

    best: dict[tuple[int, int], Claim] = {}
    for c in claims:
        old = best.get((c.start, c.end))
        if old is None or rank(c) < rank(old):
            best[(c.start, c.end)] = c
    return list(best.values())


def _unnested(tree: Tree, claims: list[Claim]) -> list[Claim]:
    """Drop the object of a speech act (or a fallback's words) reported inside another
    claim: in ``Trump signaled that he will press Putin``, pressing Putin is what Trump
    signaled, not a claim."""
    def nested(c: Claim) -> bool:
        at = tree.tokens[c.cue].start
        return any(o.cue != c.cue and o.start <= at < o.end for o in claims)
    return [c for c in claims if not ((c.nominal or c.fallback) and nested(c))]


def _noun_claims(tree: Tree, scope: Scope) -> list[Claim]:
    """``his claim that the vote was rigged``: a reporting noun with a ``that`` clause
    (also one the parse hung on a verb that reports nothing, see ``noun_before_clause``),
    the ``that`` between them (attitude nouns such as ``belief`` only in the
    attributions scope)."""
    nouns = reporting_nouns()
    out: list[Claim] = []
    for t in tree.tokens:
        kind = nouns.get(t.lemma.lower()) if t.upos == "NOUN" else None
        if kind is None or (kind == "attribution" and scope != "attributions"):
            continue
        hung = [c for c in tree.children(t.head, "ccomp") if noun_before_clause(tree, c) is t
                and not frames_of(tree.tokens[t.head], scope)] if t.head >= 0 else []
        for c in [*tree.children(t.i, "acl", "ccomp"), *hung]:
            marks = tree.children(c.i, "mark")
            if c.i > t.i and any(m.text.lower() == "that" and t.i < m.i < c.i for m in marks):
                own = contiguous(tree.subtree(c.i), c.i)
                out += _claim(tree, t, token_span(own))
    return out
