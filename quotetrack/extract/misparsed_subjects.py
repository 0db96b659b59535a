"""Speaker words the parse hid: parser slips around a cue that put its subject elsewhere.

Each function takes the tree, the cue (or the infinitive it hangs on) and the character
ranges of the quote itself (``avoid``: words there never name the speaker) and returns
the word that names the speaker, or None; ``attribution.find_source`` tries them.
"""

from __future__ import annotations

from quotetrack.extract.cues import verb_follows
from quotetrack.extract.speakers import noun_read_as_verb
from quotetrack.extract.syntax import Tree
from quotetrack.lexicon import speech_verb
from quotetrack.records import Token

Ranges = tuple[tuple[int, int], ...]


def within(t: Token, avoid: Ranges) -> bool:
    """Word ``t`` starts inside one of the ``avoid`` ranges."""
    return any(a <= t.start < b for a, b in avoid)


_SPATIAL = frozenset({"outside", "inside", "near", "beyond", "behind", "across", "at"})
_CONTROLLERS = frozenset({"NOUN", "PROPN"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


def opens_clause(tree: Tree, s: Token, cue: Token) -> bool:
    """A subject after the cue that a finite verb follows (``said the company
    disagreed``): the reported clause's subject, misparsed as the cue's."""
    return s.i > cue.i and verb_follows(tree, s)


def person_after_fronted_place(tree: Tree, subj: list[Token]) -> Token | None:
    """``Outside Queen Elizabeth Secondary in Surrey, parent Harjit Dhillon, ... said``,
    the place read as the subject and the person as its appositive: after a sentence's
    opening spatial word, a place or body's name is the setting and the person named
    after it the subject."""
    if not subj or subj[0].ner.endswith("PER"):
        return None
    first = tree.doc.sentences[subj[0].sent].tokens[0]
    if first.text.lower() not in _SPATIAL or first.i >= min(s.i for s in subj):
        return None
    people = [a for s in subj for a in tree.children(s.i, "appos") if a.ner.endswith("PER")]
    return people[0] if people else None


def plural_read_as_verb(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """``Patient advocates said``, ``advocates`` tagged a present-tense verb with
    ``Patient`` its subject: a verb ending in -s right before a subject-less cue, no
    word between, is the plural noun heading the cue's subject (no verb precedes a
    past-tense cue so)."""
    word = tree.tokens[cue.i - 1] if cue.i > 0 else None
    if word is None or cue.xpos != "VBD" or word.sent != cue.sent or within(word, avoid):
        return None
    return word if noun_read_as_verb(tree, word) else None


def appositive_reporter(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """``Douglas Brinkley, a historian who attended the session, recalled, "..."``
    parsed with the cue a modifier of the appositive: a speech verb set off by a comma
    after a name's appositive is that name's verb."""
    head = tree.tokens[cue.head] if cue.head >= 0 else None
    if head is None or cue.rel != "acl" or head.rel != "appos" or head.head < 0 or (
            cue.i == 0 or tree.tokens[cue.i - 1].text != ",") or (
            speech_verb(cue.lemma, cue.text) is None):
        return None
    name = tree.tokens[head.head]
    return name if name.i < head.i and not within(name, avoid) else None


def subject_given_into_quote(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """``Douglas Brinkley, ..., recalled, "Out of nowhere, he said, ..."``, the name
    parsed as the subject of a verb inside the quote the cue hangs on: a subject before
    the cue is the cue's when its verb lies inside the quote."""
    head = tree.tokens[cue.head] if cue.head >= 0 else None
    if head is None or not within(head, avoid):
        return None
    subj = [s for s in tree.children(head.i, "nsubj") if s.i < cue.i and not within(s, avoid)]
    return subj[0] if subj else None


def object_controller(tree: Tree, xcomp: Token, avoid: Ranges) -> Token | None:
    """``forced Stumpf to admit that ...``: an infinitive complement's understood
    subject is its governor's object when it has one (object control; not ``promise``)."""
    if xcomp.rel != "xcomp" or xcomp.head < 0 or tree.tokens[xcomp.head].lemma.lower() in (
            "promise", "vow", "pledge"):
        return None
    found = [c for c in tree.children(xcomp.head, "obj", "iobj") if c.i < xcomp.i and not (
        within(c, avoid)) and (c.upos in _CONTROLLERS or c.text.lower() in _OBJECT_PRONOUNS)]
    return found[0] if found else None
