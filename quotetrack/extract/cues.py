"""Cue words: which words report speech or attitude, and in which scope.

A cue is a verb of the speech-verb lexicon (``lexicon/speech_verbs.tsv``) whose
content frames fit the scope, used actively by someone (its own subject, a borrowed
one, or a relative clause's antecedent).  Pure functions over the parse.

A cue is negated when it carries a negation (``did not say``, ``has not
confirmed``) or is the infinitive of a refusal or of a negated verb (``declined to
say whether``, ``did not want to say``).  Its content is not its speaker's claim
(``unsaid``).
"""

from __future__ import annotations

from typing import Literal

from quotetrack.extract.marks import is_mark_token
from quotetrack.extract.syntax import Tree
from quotetrack.lexicon import reporting_nouns, singulars, speech_verb, words
from quotetrack.records import Cue, Token

Scope = Literal["claims", "attributions"]
# Frames whose content is a proposition or quoted words: the statement standard.
CLAIM_FRAMES = frozenset({"clause", "quote"})
# Frames of speech acts: any of them lets a verb introduce a direct quote.
SPEECH_FRAMES = frozenset({"clause", "quote", "request", "object", "xcomp"})
# Stances that report no statement: held beliefs, and evidence shown by things.
UNSTATED = frozenset({"belief", "evidence"})
# Verbs of rejecting another's claim: "denied that the government had stalled" reports
# the claim rejected, not a statement of the speaker's (the attributions scope keeps it).
REJECTIONS = frozenset({"deny", "dispute", "reject", "dismiss", "refute"})
# Words that open a relative clause ("said Tim Hess, who ...", "X, who attended ...,").
RELATIVES = frozenset({"who", "whom", "whose", "which", "where"})
CUE_UPOS = {"VERB"}
REFUSALS = frozenset({"decline", "refuse"})


def cue_of(tree: Tree, i: int) -> Cue:
    """The Cue record of word ``i`` (a speech verb)."""
    t = tree.tokens[i]
    verb = speech_verb(t.lemma, t.text)
    lemma = verb.lemma if verb else t.lemma.lower()
    return Cue(t.start, t.end, tree.doc.text[t.start:t.end], lemma, negated(tree, i))


def negated(tree: Tree, i: int) -> bool:
    """Word ``i`` is negated, or the infinitive of a refusal or a negated verb."""
    if tree.negated(i):
        return True
    t = tree.tokens[i]
    if t.rel != "xcomp" or t.head < 0:
        return False
    head = tree.tokens[t.head]
    return head.lemma.lower() in REFUSALS or tree.negated(head.i)


def unsaid(tree: Tree, i: int) -> bool:
    """The content of cue ``i`` is not its speaker's claim: the cue is ``negated``, or
    it refuses a statement (``declined`` in ``declined to say whether ...``)."""
    if negated(tree, i):
        return True
    if tree.tokens[i].lemma.lower() not in REFUSALS:
        return False
    return any((verb := speech_verb(c.lemma, c.text)) is not None and "clause" in verb.frames
               for c in tree.children(i, "xcomp"))


def frames_of(t: Token, scope: Scope = "claims") -> frozenset[str]:
    """The content frames word ``t`` can report in ``scope``; empty for no cue.

    ``claims`` (the default) keeps statements: speech and claim verbs with a reported
    clause or quoted words.  ``attributions`` adds speech acts about things (``defended
    the decision``), requests, vows and threats (``urged X to``, ``threatened to``),
    beliefs, intentions and stances (``wants to``, ``endorsed Clinton``) and evidence
    (``results show``), the wider notion of annotation schemes such as PolNeAR.
    """
    verb = speech_verb(t.lemma, t.text) if t.upos in CUE_UPOS else None
    if verb is None:
        return frozenset()
    if scope == "attributions":
        return verb.frames
    if verb.stance in UNSTATED:
        return frozenset()
    if verb.lemma in REJECTIONS:
        return (verb.frames & CLAIM_FRAMES) - {"clause"}
    return verb.frames & CLAIM_FRAMES


def thing_frames(t: Token) -> frozenset[str]:
    """The frames of a speech act about a thing (``object``, ``xcomp``): their content
    is a quote in the ``claims`` scope only when it holds quoted words (``called Clinton
    "a fraud"`` is a mixed quote; ``wants to act`` is none).  A request's content is
    none even then (``asked her deputy to meet the union "as early as this weekend"``:
    what someone was asked to do, not a statement)."""
    verb = speech_verb(t.lemma, t.text) if t.upos in CUE_UPOS else None
    if verb is None or verb.stance in UNSTATED:
        return frozenset()
    return verb.frames & (SPEECH_FRAMES - CLAIM_FRAMES - {"request"})


def is_cue(t: Token, indirect: bool) -> bool:
    """Word ``t`` can introduce a quote: a direct quote with any speech frame (``"...,"
    he urged``), indirect content only with a statement frame."""
    verb = speech_verb(t.lemma, t.text) if t.upos in CUE_UPOS else None
    if indirect:
        return bool(frames_of(t) - {"quote"})
    return verb is not None and verb.stance not in UNSTATED and bool(
        verb.frames & SPEECH_FRAMES)


# Phrasal verbs whose particle makes a speech verb another verb: "found out he had
# been traded" (learned), "called off the strike" (cancelled), "wrote off the debt".
OTHER_PHRASAL = frozenset({("find", "out"), ("call", "off"), ("write", "off"),
                           ("write", "down"), ("back", "down"), ("back", "off")})


def other_phrasal(tree: Tree, t: Token) -> bool:
    """Word ``t`` with its particle is a phrasal verb that reports no statement
    (``OTHER_PHRASAL``; what one found out is still an attribution)."""
    lemma = t.lemma.lower()
    return any((lemma, p.text.lower()) in OTHER_PHRASAL
               for p in tree.children(t.i, "compound:prt"))


def asked_of(tree: Tree, t: Token) -> bool:
    """``Asked what she would do first, Costa-Hollis said``, ``Okafor, asked whether
    ..., said`` (however parsed): ``asked`` as an adjunct of another verb puts a
    question to the speaker; its content is nobody's statement."""
    if t.lemma.lower() != "ask":
        return False
    toks = tree.tokens
    set_off = t.i == tree.doc.sentences[t.sent].first or (t.i > 0 and toks[t.i - 1].text == ",")
    return (t.rel in ("advcl", "acl") and t.head >= 0 and toks[t.head].upos == "VERB") or (
        set_off and t.xpos in ("VBN", "VBD") and not tree.children(  # "X, asked whether
            t.i, "nsubj", "nsubj:pass", "aux")) or (  # ..., said", misparsed as its clause
        set_off and t.xpos in ("VBN", "VBD") and _main_verb_after(tree, t))


def _main_verb_after(tree: Tree, t: Token) -> bool:
    """``Karpinsky, asked whether ..., said``, parsed with ``asked`` as the root and
    ``Karpinsky`` its subject: the subject ends right before the comma, and after the
    question's closing comma comes the sentence's own verb."""
    toks = tree.tokens
    subj = tree.children(t.i, "nsubj")
    words_ = [w.i for s in subj for w in tree.subtree(s.i) if w.upos != "PUNCT"]
    if len(subj) != 1 or max(words_) != t.i - 2 or any(
            w.text == "," for w in toks[min(words_):t.i - 1]):
        return False  # "Karpinsky, a diplomat, asked whether": an appositive's comma
    if not tree.children(t.i, "ccomp"):
        return False
    rest = [w for w in toks[t.i + 1:] if w.sent == t.sent]
    return any(a.text == "," and b.upos == "VERB" and b.xpos in ("VBD", "VBZ", "VBP", "VBN")
               for a, b in zip(rest, rest[1:], strict=False))


def reduced_passive(tree: Tree, t: Token) -> bool:
    """``indictments said to be expected``: a participle modifier reports nobody."""
    if t.rel == "amod" or t.deprel == "compound":
        return True  # "opposing viewpoints": a participle used as an adjective
    nxt = tree.tokens[t.i + 1] if t.i + 1 < len(tree.tokens) else None
    if nxt is not None and nxt.text.lower() == "to" and nxt.upos == "PART" and (
            t.lemma.lower() == "say" and not tree.children(t.i, "aux")):
        return True  # "indictments said to be expected", whatever its tag
    return t.xpos == "VBN" and t.rel == "acl" and not tree.children(t.i, "nsubj")


# Verbs that report only a text's words: "the post read", "the letter reads" (not a
# person reading, nor "signs reading ...": a sign's words are no one's statement).
TEXT_VERBS = frozenset({"read"})


def reads_no_text(tree: Tree, t: Token) -> bool:
    """``t`` is a text verb (``TEXT_VERBS``) whose subject names no text."""
    return t.lemma.lower() in TEXT_VERBS and not any(
        is_text_noun(s) for s in tree.children(t.i, "nsubj"))


def has_source(tree: Tree, t: Token) -> bool:
    """A reporting verb needs someone reporting: its own subject, one it borrows
    (``..., adding that``), or a relative clause's antecedent; a finite verb has a
    subject the parser lost.  A text verb needs a text for its subject."""
    if reads_no_text(tree, t):
        return False
    active = [c for c in tree.children(t.i, "nsubj") if c.deprel != "nsubj:pass"]
    if tree.children(t.i, "aux:pass") or (t.xpos == "VBN" and t.rel != "conj" and not active
                                            and not tree.children(t.i, "aux")):
        return False  # "indictments said to be expected": passive, nobody reports
    agent = [c for c in tree.children(t.i, "obl") if c.deprel == "obl:agent"]
    finite = t.xpos in ("VBD", "VBZ", "VBP") and t.rel in ("root", "ccomp", "parataxis")
    return bool(active or agent) or t.rel in ("conj", "xcomp", "advcl") or (
        t.deprel == "acl:relcl") or finite or _free_participle(tree, t)


def _free_participle(tree: Tree, t: Token) -> bool:
    """``said in a statement ..., adding that``: an -ing participle set off by a comma
    borrows the clause's subject, though the parser hung it on the text's noun."""
    host = tree.tokens[t.head] if t.head >= 0 else None
    return t.rel == "acl" and set_off_participle(tree, t) and host is not None and (
        host.lemma.lower() in words("document_nouns"))


def comma_before(tree: Tree, i: int) -> bool:
    """A comma, semicolon or dash right before word ``i`` (closing quote marks aside:
    ``... company," adding that``)."""
    k = i - 1
    while k >= 0 and is_mark_token(tree.tokens[k].text):
        k -= 1
    return k >= 0 and tree.tokens[k].text in (",", ";", "--", "\u2014")


def phrase_start(tree: Tree, w: Token) -> int:
    """Index of the first of the adverbs right before ``w`` that modify it (``later
    adding``: later), else of ``w``."""
    own = {t.i for t in tree.children(w.i, "advmod") if t.upos == "ADV"}
    k = w.i
    while k - 1 in own:
        k -= 1
    return k


def set_off_participle(tree: Tree, w: Token) -> bool:
    """``..., adding that``, ``..., later adding that``: an -ing participle (its adverbs
    before it) set off by a comma."""
    return w.xpos == "VBG" and comma_before(tree, phrase_start(tree, w))


_DEMONSTRATIVES = frozenset({"that", "this", "having", "all", "everything"})


def discourse_marker(tree: Tree, t: Token) -> bool:
    """``That said, ...``, ``Having said that, ...``: a sentence-opening reporting
    phrase of at most three words set off by a comma links sentences and reports nothing."""
    sent = tree.doc.sentences[t.sent].tokens
    comma = next((w.i for w in sent if w.text == ","), None)
    return comma is not None and t.i < comma <= sent[0].i + 3 and (
        sent[0].text.lower() in _DEMONSTRATIVES)


_PERSONAL = {"i", "we", "you", "he", "she", "they"}


def that_clause(tree: Tree, t: Token) -> bool:
    """A verb or adjective outside the lexicon whose someone holds a ``that`` clause
    (``Protesters were frustrated that ...``): an attitude in the wider scope."""
    if t.upos not in ("VERB", "ADJ"):
        return False
    subj = tree.children(t.i, "nsubj")
    if not subj or not (subj[0].upos == "PROPN" or subj[0].text.lower() in _PERSONAL or (
            subj[0].upos == "NOUN" and "Number=Plur" in subj[0].feats)):
        return False
    return any(c.i > t.i and any(m.text.lower() == "that" for m in tree.children(c.i, "mark"))
               and noun_before_clause(tree, c) is None for c in tree.children(t.i, "ccomp"))


def verb_follows(tree: Tree, s: Token) -> bool:
    """A finite verb or participle follows word ``s`` in its sentence (``the company
    disagreed``): ``s`` opens a clause of its own."""
    nxt = tree.tokens[s.i + 1] if s.i + 1 < len(tree.tokens) else None
    return nxt is not None and nxt.sent == s.sent and nxt.upos in ("VERB", "AUX") and (
        nxt.xpos in ("VBD", "VBZ", "VBP", "VBN", "MD"))


def noun_before_clause(tree: Tree, clause: Token) -> Token | None:
    """The reporting noun, object of the clause's governor, right before the ``that``
    opening a clause the parse hung on the verb (``seized on Trump's claim that ...``):
    the clause completes the noun."""
    marks = [m for m in tree.children(clause.i, "mark") if m.text.lower() == "that"]
    if not marks or marks[0].i == 0 or clause.head < 0:
        return None
    noun = tree.tokens[marks[0].i - 1]
    if noun.upos != "NOUN" or noun.head != clause.head or noun.rel not in ("obj", "obl") or (
            noun.lemma.lower() not in reporting_nouns()):
        return None
    return noun


def parallel_report(tree: Tree, verb: Token, clause: Token) -> bool:
    """``She noted that the plant has been a good neighbour and said residents should
    wait``, ``said`` hung on the reported clause: a speech verb conjoined to a reported
    clause opened by ``that``, with no subject of its own and reporting a clause of its
    own, is the reporting verb's."""
    return verb.rel == "conj" and verb.head == clause.i and clause.rel == "ccomp" and (
        speech_verb(verb.lemma, verb.text) is not None) and not tree.children(
        verb.i, "nsubj", "mark") and bool(
        tree.children(verb.i, "ccomp")) and any(
        m.text.lower() == "that" for m in tree.children(clause.i, "mark"))


# Verbs that put out a text ("the ministry released a statement") and that make one.
ISSUING = {"release", "publish", "issue", "post", "tweet", "air", "run", "conduct",
           "file", "send", "write", "launch", "commission", "unveil", "share", "submit",
           "present", "table", "provide"}
AUTHORING = {"sign", "author", "prepare", "compile", "produce", "draft", "pen", "carry"}


def contact_clause(tree: Tree, head: Token) -> Token | None:
    """``according to a memo the guild sent to members``, however the parser hung the
    clause: a text followed by a noun phrase (determiners, adjectives, nouns) and an
    issuing verb is that noun phrase's."""
    toks = tree.tokens
    k = head.i + 1
    while k < len(toks) and k - head.i <= 6 and toks[k].upos in ("DET", "ADJ", "NOUN", "PROPN"):
        k += 1
    if k == head.i + 1 or k >= len(toks) or toks[k - 1].upos not in ("NOUN", "PROPN") or (
            toks[k].upos != "VERB") or toks[k].lemma.lower() not in ISSUING | AUTHORING or (
            toks[k].sent != head.sent):
        return None
    return toks[k - 1]


def contact_text(tree: Tree, verb: Token) -> Token | None:
    """``A sentencing memorandum Lyle filed last week said ...``, parsed with the text
    a subject of ``filed``: the text noun whose contact clause ``verb`` heads."""
    if verb.lemma.lower() not in ISSUING | AUTHORING:
        return None
    return next((s for s in tree.children(verb.i, "nsubj") if s.i < verb.i and s.upos == "NOUN"
                 and is_text_noun(s) and contact_clause(tree, s) is not None), None)


def is_text_noun(head: Token) -> bool:
    """``head`` names a text that speaks for its issuer (``statement``, ``memo``)."""
    return any(w in words("document_nouns") for w in singulars(head.lemma.lower()))


def modifier_clause(tree: Tree, cue: Token) -> Token | None:
    """``But a report from Winnipeg Transit presented to council in October found``,
    parsed with ``presented`` a clause of ``found``: a cue with no subject right after a
    clause hung on it, no comma from the clause's verb on (a reported clause before its
    cue is set off, and the cue has a subject), has the clause's subject, which the
    clause modified."""
    if tree.children(cue.i, "nsubj", "expl") or cue.i == 0 or (
            tree.tokens[cue.i - 1].upos == "PUNCT"):
        return None
    for c in tree.children(cue.i, "ccomp", "csubj", "advcl"):
        if c.i < cue.i and tree.subtree(c.i)[-1].i == cue.i - 1 and not any(
                t.text in (",", ";", ":") for t in tree.tokens[c.i + 1:cue.i]) and any(
                s.i < c.i and s.upos in ("NOUN", "PROPN") for s in tree.children(c.i, "nsubj")):
            return c
    return None
