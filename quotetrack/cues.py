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

from quotetrack.lexicon import speech_verb
from quotetrack.records import Cue, Token
from quotetrack.syntax import Tree

Scope = Literal["claims", "attributions"]
CLAIM_FRAMES = frozenset({"clause", "quote", "request", "object", "xcomp"})
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


def is_cue(t: Token, indirect: bool) -> bool:
    frames = frames_of(t)
    return bool(frames - {"quote"}) if indirect else bool(frames)


def reduced_passive(tree: Tree, t: Token) -> bool:
    """``indictments said to be expected``: a participle modifier reports nobody."""
    if t.rel == "amod" or t.deprel == "compound":
        return True  # "opposing viewpoints": a participle used as an adjective
    nxt = tree.tokens[t.i + 1] if t.i + 1 < len(tree.tokens) else None
    if nxt is not None and nxt.text.lower() == "to" and nxt.upos == "PART" and (
            t.lemma.lower() == "say" and not tree.children(t.i, "aux")):
        return True  # "indictments said to be expected", whatever its tag
    return t.xpos == "VBN" and t.rel == "acl" and not tree.children(t.i, "nsubj")


def has_source(tree: Tree, t: Token) -> bool:
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
               for c in tree.children(t.i, "ccomp"))
