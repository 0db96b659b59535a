"""Attribution: who said each quote, by ordered sieves, each recorded as ``method``.

``attribute(doc, spans)`` is pure.  Sieves, in order:

1. ``cue-subject``: the cue's subject (active ``nsubj``, inverted ``said Lavrov``,
   the passive agent, ``quoted as saying``) or the source of ``according to``;
   ``governing-subject`` when the cue borrows its subject (``..., adding that``, ``said
   in a statement``), ``governing-cue`` when it borrows the speaker of the cue it hangs
   on (``"...," Chaffetz said, adding that``); ``relative-clause`` for ``the official
   who said``;
   ``cue-object`` for a quote-first cue whose speaker the parser hung as its object;
   ``adjacent-mention`` when the parser lost the subject (the phrase next to the cue).
2. ``appositive`` / ``title``: named appositives and titles give the name, the rest
   of the phrase is the ``role``; coordinated subjects give several speakers.
3. ``pronoun`` / ``coreference``: pronouns and definite descriptions go to the entity
   they refer to (``coref``); a name inside a mention goes to its entity (``entities``).
4. ``speaker-turn`` (``NAME: words``, see ``turns``), ``credit-line``
   (``"..." -- Name``) and ``colon-intro`` (``X put it bluntly: "..."``).
5. Quotes with no cue in their sentence: ``words-of`` (``in the words of X, "..."``),
   ``name-line`` (a name alone after the quote), ``framed-after`` (``That was how X
   described ...`` opening the next paragraph),
   ``continuation`` (right after an attributed quote), ``introduction`` (the paragraph
   before is about the speaker); see ``cueless``.

Every name is mapped to one canonical name per article (``canonical``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from quotetrack.extract.canonical import Entities
from quotetrack.extract.coref import Coref, Recent, _mention_head
from quotetrack.extract.cueless import framed_after, introduced, name_line, words_of
from quotetrack.extract.cues import (
    RELATIVES,
    asked_of,
    contact_text,
    modifier_clause,
    parallel_report,
    set_off_participle,
)
from quotetrack.extract.marks import after_mark, is_mark_token
from quotetrack.extract.mentions import Entity
from quotetrack.extract.misparsed_subjects import (
    Ranges,
    appositive_reporter,
    object_controller,
    opens_clause,
    person_after_fronted_place,
    plural_read_as_verb,
    subject_given_into_quote,
)
from quotetrack.extract.misparsed_subjects import within as _within
from quotetrack.extract.name_runs import (
    _HYPHENS,
    HONORIFICS,
    POSSESSIVES,
    _glued,
    _hyphenated,
    is_dateline,
)
from quotetrack.extract.speakers import (
    PRONOUNS,
    Named,
    _name_text,
    _opening_people,
    _past_dateline,
    aged,
    bare_quantifier_group,
    capitalised_description,
    clean_phrase,
    label_speaker,
    mention_span,
    read_mention,
    set_off_opener,
)
from quotetrack.extract.syntax import Tree
from quotetrack.lexicon import (
    is_person_noun,
    noun_gender,
    reporting_nouns,
    singulars,
    speech_verb,
    words,
)
from quotetrack.records import ParsedDoc, Quote, QuoteSpan, Span, Speaker, SpeakerKind, Token

CONFIDENCE = {"speaker-turn": 0.85, "cue-subject": 0.9, "appositive": 0.9, "according-to": 0.85,
              "governing-subject": 0.75, "governing-cue": 0.7, "relative-clause": 0.75,
              "cue-object": 0.6,
              "pronoun": 0.7, "adjacent-mention": 0.7, "credit-line": 0.75, "colon-intro": 0.7,
              "continuation": 0.6, "coreference": 0.7, "name-line": 0.7, "framed-after": 0.7,
              "words-of": 0.8,
              "introduction": 0.5, "none": 0.0}
_RELATIVE = {"who", "that", "which"}


@dataclass(frozen=True, slots=True)
class Source:
    """The word naming a quote's speaker and how it was found."""

    head: Token
    method: str
    mention: Token | None = None  # the word that mentions the speaker, if not ``head``




def _subject(tree: Tree, cue: Token, avoid: Ranges = ()) -> Token | None:
    # "The last time they met, both presidents said": a time noun is a parser slip
    subj = [s for s in tree.children(cue.i, "nsubj") if not _within(s, avoid)
            and s.lemma.lower() not in words("calendar")]
    if len(subj) > 1:  # "A spokeswoman ..., said the company disagreed": the reported
        subj = [s for s in subj if not opens_clause(tree, s, cue)] or subj  # clause's
    if len(subj) > 1:  # "ST. JOHN'S -- ..., the auditor general says": a dateline is none
        subj = [s for s in subj if not _dateline(tree, s)] or subj
    if len(subj) > 1:  # "A spokesman for Gerald Fenwick-Ames said", "Ames" a subject too:
        inside = {t.i for s in subj for t in tree.subtree(s.i)}  # a name's tail is none
        subj = [s for s in subj if _hyphenated(tree.doc, s.i)[0] not in inside - {s.i}] or subj
    if len(subj) > 1:  # "The Menlo Park, Calif.-based company said": a word between
        subj = [s for s in subj if not any(  # another subject's article and head is a
            d.i < s.i < o.i for o in subj for d in tree.children(o.i, "det"))] or subj  # modifier
    if len(subj) > 1:  # "Okemaw-Bastien's lawyer ... said" misparsed: a possessor is none
        subj = [s for s in subj if not _possessor(tree, s)] or subj
    if len(subj) > 1:  # "The Party, whose candidate is X, said" misparsed: a subject
        subj = [s for s in subj if not _relative_whose(tree, s)] or subj  # with its own
    fronted = person_after_fronted_place(tree, subj)
    if fronted is not None:
        return fronted
    prev = tree.tokens[cue.i - 1] if cue.i > 0 else None
    if len(subj) > 1 and prev is not None and prev.text != "," and not is_mark_token(
            prev.text):  # "X said Cairo, ..., would": no inversion without a comma or mark
        subj = [s for s in subj if s.i < cue.i] or subj
    if len(subj) > 1:  # a parser slip: prefer a name or pronoun, a name the NER tagged
        subj.sort(key=lambda s: (s.upos not in ("PROPN", "PRON"), s.ner.endswith("LOC"),
                                 s.upos == "PROPN" and s.ner == "O", abs(s.i - cue.i)))
        # ("said Grade 11 student Eli ...": not "Grade"), not a place ("Kristen Olafsson,
        # a mother of two in Lethbridge, Alta., said"), the nearest the cue
    if subj and subj[0].deprel == "nsubj:pass" and (tree.children(cue.i, "aux:pass") or (
            subj[0].upos != "PROPN")):  # "St. Aidan's said", "'s" no "is": not passive
        agents = [c for c in tree.children(cue.i, "obl") if c.deprel == "obl:agent" or any(
            w.text.lower() == "by" for w in tree.children(c.i, "case"))]
        return agents[0] if agents else None
    return subj[0] if subj else _name_before(tree, cue)








def _name_before(tree: Tree, cue: Token) -> Token | None:
    """A cue the parser left without a subject takes the person's name right before it,
    an age set off by commas between (``Olsen, 47, said``, the name read as a verb)."""
    k = cue.i - 1
    if k >= 3 and _aged(tree.tokens, k - 3):
        k -= 3  # ", 47,"
    name = tree.tokens[k] if k >= 0 else None
    if name is None or name.sent != cue.sent or not name.ner.endswith("PER") or (
            cue.upos != "VERB" or speech_verb(cue.lemma, cue.text) is None):
        return None
    return name


def _relative_whose(tree: Tree, s: Token) -> bool:
    """``s`` heads a clause whose own subject is owned by ``whose`` (``..., whose
    candidate is Vice-President X,``): a relative clause on the subject, parsed as one."""
    return any(w.text.lower() == "whose" for c in tree.children(s.i, "nsubj")
               for w in tree.children(c.i, "nmod:poss"))


def _opposed_owner(tree: Tree, cue: Token, avoid: Ranges = ()) -> Token | None:
    """``The court upheld the conviction, rejecting her argument that ...``: a verb
    opposing a claim reports the claim of the one who owns its reporting noun."""
    if cue.upos != "VERB" or not _opposes(cue):
        return None
    for obj in tree.children(cue.i, "obj"):
        owners = [c for c in tree.children(obj.i, "nmod:poss") if not _within(c, avoid)]
        if owners and obj.lemma.lower() in reporting_nouns():
            return owners[0]
    return None


def _slipped_subject(tree: Tree, cue: Token, avoid: Ranges = ()) -> Token | None:
    """``The 67-year-old said he ...`` parsed with ``old`` a clause of ``said``: a cue
    with no subject takes the age description, the person noun with a determiner
    (``But a senior government official, speaking on condition ..., told``) or the
    person's name (``Eitan Shaked said``, ``Shaked`` read as a verb; ``Ostrovtsev
    added``, a clausal subject) the parser hung on it before it."""
    before = [c for c in tree.children(cue.i) if c.i < cue.i and (aged(tree, c) or (
        c.upos in ("NOUN", "ADJ") and is_person_noun(c.lemma) and any(
            d.upos == "DET" for d in tree.subtree(c.i) if d.i < c.i)) or (
        c.ner[2:] == "PER" and c.text[:1].isupper()) or _lone_capital_clause(tree, c))
              and not _within(c, avoid) and c.rel in ("ccomp", "dep", "obj", "xcomp", "csubj")]
    return before[-1] if before else _subject_by_shape(tree, cue, avoid)


def _subject_by_shape(tree: Tree, cue: Token, avoid: Ranges = ()) -> Token | None:
    """A subject-less cue's subject read off the shape of what the parser hung on it
    before it, whatever the relations: a sentence-opening name set off by a comma
    (``Varghese, for her part, said``), a bare quantifier's group (``Several said``), a
    text with its contact clause (``A memorandum Lyle filed last week said``), the
    subject a clause right before it modified (``a report ... presented to council in
    October found``)."""
    opener = [c for c in tree.children(cue.i) if (set_off_opener(tree, c) or (
        c.i < cue.i and bare_quantifier_group(tree, c) is not None)) and not _within(c, avoid)]
    if opener:
        return opener[0]
    texts = [t for c in tree.children(cue.i) if c.i < cue.i and not _within(c, avoid)
             for t in [contact_text(tree, c)] if t is not None]
    if texts:
        return texts[0]
    clause = modifier_clause(tree, cue)
    subj = [s for s in tree.children(clause.i, "nsubj") if s.upos in ("NOUN", "PROPN")
            and not _within(s, avoid)] if clause is not None else []
    return subj[0] if subj else None


def _lone_capital_clause(tree: Tree, c: Token) -> bool:
    """``Ostrovtsev added that ...``, the name read as a verb and made a clausal subject:
    a clause of one capitalised word is a name."""
    return c.rel == "csubj" and c.text[:1].isupper() and c.text.isalpha() and not (
        tree.children(c.i))


def _name_before_cue(tree: Tree, subj: Token, cue: Token) -> Token | None:
    """``Arts funding consultant Percival Oduya-Lam said``, ``Bank of Canada governor
    Tiff Macklem said``, the parse making ``Arts`` or ``Bank`` the subject: a proper
    name ending right before the cue after a role noun, reached from the subject
    through modifier words only (no comma, no finite verb), is who speaks."""
    toks = tree.tokens
    k = cue.i - 1
    if k <= subj.i or toks[k].upos != "PROPN":
        return None
    first = k
    while first - 1 > subj.i and (toks[first - 1].upos == "PROPN" or (
            toks[first - 1].text in _HYPHENS and toks[first - 2].upos == "PROPN")):
        first -= 1
    between = toks[subj.i + 1:first]
    return toks[first] if between and all(
        t.upos in ("NOUN", "ADJ", "PROPN", "DET") or t.xpos in ("VBG", "VBN") or (
            t.text == "of") for t in between) and (
        toks[first - 1].lemma.lower() in words("person_nouns") | words("titles")) else None


def _possessor(tree: Tree, s: Token) -> bool:
    """``s`` owns the next noun: its phrase, or the hyphenated name it starts
    (``Asare``-``Whitby``'s office), ends in a possessive marker."""
    last = max(tree.subtree(s.i)[-1].i, _hyphenated(tree.doc, s.i)[1])
    toks = tree.tokens
    return toks[last].text in POSSESSIVES or (
        last + 1 < len(toks) and toks[last + 1].text in POSSESSIVES)


def _dateline(tree: Tree, s: Token) -> bool:
    words = tree.subtree(s.i)
    last = s.i  # the capitals around the word, whatever punctuation the parse hung on it
    while last + 1 <= words[-1].i and tree.tokens[last + 1].text[:1].isupper() or (
            last + 1 < len(tree.tokens) and tree.tokens[last + 1].text in ("'S", "\u2019S")):
        last += 1
    return is_dateline(tree.tokens, words[0].i, words[-1].i) or is_dateline(
        tree.tokens, words[0].i, last)


def _quoted_subject(tree: Tree, verb: Token, avoid: Ranges) -> Token | None:
    """``Smith was quoted as saying``: the passive subject of a verb of quoting is
    the one who spoke (not, as for other passives, the one spoken about)."""
    if verb.lemma.lower() not in ("quote", "cite", "report", "hear"):
        return None
    subj = [s for s in tree.children(verb.i, "nsubj:pass") if not _within(s, avoid)]
    return subj[0] if subj else None


def find_source(tree: Tree, cue_i: int, avoid: Ranges = ()) -> Source | None:
    """The speaker word of the cue at ``cue_i`` (sieve 1), or None.  Words inside
    ``avoid`` (the quote itself) are never the speaker."""
    cue = tree.tokens[cue_i]
    if cue.upos == "NOUN":
        return _noun_source(tree, cue, avoid)
    if cue.text.lower() == "according":
        head = tree.tokens[cue.head] if cue.head >= 0 else None
        if head is not None and head.upos not in _NOMINAL_HEADS:
            head = _after_to(tree, cue)  # "according to show insiders", "show" a verb
        if head is not None and head.rel.startswith("nsubj") and head.head != cue.i:
            head = _name_after_to(tree, cue, head) or head  # the clause's subject: no source
        if head is not None and head.upos == "NOUN":  # "according to Agriculture Canada's
            owner = [c for c in tree.children(head.i, "nmod:poss") if c.upos == "PROPN"]
            head = owner[0] if owner else head  # drought monitor": its owner
        return Source(head, "according-to") if head else None
    holder = _opposed_owner(tree, cue, avoid)
    if holder is not None:
        return Source(holder, "cue-subject")
    subj = plural_read_as_verb(tree, cue, avoid) or _subject(tree, cue, avoid) or (
        _slipped_subject(tree, cue, avoid))
    if subj is not None:
        if subj.lemma.lower() in _RELATIVE and not subj.text.isupper():  # not "WHO said"
            if cue.deprel == "acl:relcl" and cue.head >= 0:
                return Source(tree.tokens[cue.head], "relative-clause", subj)
            return None
        return Source(subj, "cue-subject")
    subj = _free_adjunct_subject(tree, cue, avoid) or _parenthetical_subject(tree, cue, avoid)
    if subj is not None:
        return Source(subj, "governing-subject")
    subj = appositive_reporter(tree, cue, avoid) or subject_given_into_quote(tree, cue, avoid)
    if subj is not None:
        return Source(subj, "cue-subject")
    node, reported = cue, None
    for _ in range(3):
        if node.head < 0 or node.rel not in ("conj", "xcomp", "advcl") and not (
                node.rel == "parataxis" and asked_of(tree, tree.tokens[node.head])) and not (
                node is not cue and _within(node, avoid)):
            break  # "Karpinsky, asked whether ..., said", "said" hung on "asked"; a cue
            # hung on its own quote ('while chanting, "Hands up, don't shoot"') goes past it
        controller = object_controller(tree, node, avoid) if node is cue else None
        if controller is not None:
            return Source(controller, "governing-subject")
        node = tree.tokens[node.head]
        reporting = _reporting_clause(tree, cue, node)
        reported = reported or (node if reporting is not node else None)
        node = reporting
        subj = _governing_subject(tree, node, avoid)
        if subj is not None and subj.lemma.lower() in _RELATIVE and not subj.text.isupper() and (
                node.deprel == "acl:relcl" and node.head >= 0):  # "X, who attended ...,
            return Source(tree.tokens[node.head], "relative-clause", subj)  # ... but said"
        if subj is not None:
            return Source(subj, "governing-subject")
    subj = _governing_subject(tree, reported, avoid) if reported else None
    if subj is not None:  # the reporting verb has none: the reported clause's, as parsed
        return Source(subj, "governing-subject")
    verb = speech_verb(cue.lemma, cue.text)
    addressed = verb is not None and "request" in verb.frames  # "told reporters"
    nominal = [c for c in tree.children(cue.i, "nsubj", *(() if addressed else ("obj", "iobj")))
               if c.start > cue.start and c.upos in ("PROPN", "NOUN")
               and not _within(c, avoid) and c.lemma.lower() not in words("calendar")]
    nominal += [c for c in tree.children(cue.i, "xcomp", "dep")  # '", added KCNA.' misparsed
                if c.i == cue.i + 1 and c.upos == "PROPN" and not _within(c, avoid)]
    if nominal:
        return Source(nominal[0], "cue-object")
    after = _inverted_name(tree, cue, avoid)
    if after is not None:
        return Source(after, "cue-object")
    name = _set_off_before(tree, cue, avoid)
    return Source(name, "set-off-name") if name is not None else None


def _inverted_name(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """``"A," said Denise Abernathy, the authority's chief executive, "B."``, with the
    name hung elsewhere: the proper noun right after a cue that follows a closing quote
    mark (the head word of its name)."""
    toks = tree.tokens
    k = cue.i + 1
    if not after_mark(toks, cue.i) or k >= len(toks) or toks[k].upos != "PROPN" or (
            toks[k].sent != cue.sent or _within(toks[k], avoid)):
        return None
    while k + 1 < len(toks) and toks[k + 1].upos == "PROPN" and toks[k + 1].sent == cue.sent:
        k += 1
    run = range(cue.i + 1, k + 1)
    return next((toks[j] for j in run if toks[j].head not in run), toks[cue.i + 1])


def _set_off_before(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """A speech verb left without a subject right after a comma is said by the nearest
    person named before it with no verb between (``The company's chief executive,
    Maria Lopez, said``; ``Professor John Burrows, the chairman of the panel, said``,
    misparsed): the head word of that name."""
    toks = tree.tokens
    k = cue.i - 1
    while k > 0 and toks[k].upos in ("AUX", "PART") and toks[k].sent == cue.sent:
        k -= 1  # "Victor Ansah-Pelletier, was quoted"
    if k > 0 and toks[k].text == ")":
        return _acronym_before(tree, k, cue)
    if k <= 0 or toks[k].text != ",":
        return None
    k -= 1
    while k >= 0 and toks[k].sent == cue.sent and not _within(toks[k], avoid):
        if toks[k].upos in ("VERB", "AUX"):
            k = _relative_start(tree, k, cue)  # "X, who has introduced ..., said"
            if k < 0:
                break
            continue
        if toks[k].upos == "PROPN" and (toks[k].ner.endswith("PER") or _aged(toks, k)):
            first = k
            while first > 0 and toks[first - 1].upos == "PROPN" and toks[first - 1].ner != "O":
                first -= 1
            if first > 0 and toks[first - 1].text.lower() in ("at", "of", "with", "from"):
                k = first - 1  # "Joanna Price, an analyst at Keefe Hollis,": an employer
                continue
            run = range(first, k + 1)
            name = next((toks[j] for j in run if toks[j].head not in run), toks[k])
            head = toks[name.head] if name.head >= 0 else None
            if name.rel == "conj" and head is not None and head.i < name.i and (
                    head.ner.endswith("PER")) and not _within(head, avoid):
                return head  # "..., Dr Aisha Mensah and Dr Tom Fairley, said": both, the
            return name  # first named first
        k -= 1
    return None


def _relative_start(tree: Tree, k: int, cue: Token) -> int:
    """The word before the comma that sets off the relative clause holding word ``k``
    (``X, who has introduced similar legislation, said``), or -1 if it is in none."""
    toks = tree.tokens
    for j in range(k - 1, max(k - 15, 0), -1):
        if toks[j].sent != cue.sent or toks[j].text == ",":
            return j - 1 if toks[j].text == "," and j + 1 < k and (
                toks[j + 1].text.lower() in RELATIVES) else -1
    return -1


def _aged(toks: tuple[Token, ...], k: int) -> bool:
    """``Montserrat Vila, 78,``: a name followed by an age set off by commas is a person's,
    whatever the model tagged it."""
    return k + 3 < len(toks) and toks[k + 1].text == "," and toks[k + 2].upos == "NUM" and (
        toks[k + 3].text == ",")


def _acronym_before(tree: Tree, close: int, cue: Token) -> Token | None:
    """``Environment and Climate Change Canada (ECCC) said``: a cue right after a
    parenthesised acronym is said by the name the acronym follows (its head word)."""
    toks = tree.tokens
    opening = next((j for j in range(close - 1, max(close - 4, 0), -1)
                    if toks[j].text == "("), None)
    if opening is None or opening < 1 or toks[opening - 1].upos != "PROPN" or (
            toks[opening - 1].sent != cue.sent) or not all(
            toks[j].text.isupper() for j in range(opening + 1, close)):
        return None
    last = opening - 1
    first = last
    while first > 0 and toks[first - 1].sent == cue.sent and (
            toks[first - 1].upos == "PROPN" or (toks[first - 1].upos == "CCONJ" and first > 1
                                                and toks[first - 2].upos == "PROPN")):
        first -= 1
    run = range(first, last + 1)
    return next((toks[j] for j in run if toks[j].head not in run), toks[last])


_NOMINAL_HEADS = ("PROPN", "NOUN", "PRON", "NUM", "X")


def _free_adjunct_subject(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """A free participial adjunct (``Trump is defending his tweets attempting to shame
    her, saying ...``) is said by the subject of the nearest main or parenthetical verb
    above it that has one (``..., Minister Sunita Varghese announced Wednesday, saying``).
    """
    if cue.xpos != "VBG" or cue.rel != "advcl" or cue.i == 0 or (
            tree.tokens[cue.i - 1].text != ","):
        return None
    node = cue
    while node.head >= 0 and tree.tokens[node.head].sent == cue.sent:
        node = tree.tokens[node.head]
        subj = _subject(tree, node, avoid) if node.upos == "VERB" and node.rel in (
            "root", "parataxis", "conj") else None  # a clause of the sentence's own, not
        # what someone reported ("said he didn't believe") nor a relative clause
        if subj is not None:
            return subj
    return None


def _parenthetical_subject(tree: Tree, cue: Token, avoid: Ranges) -> Token | None:
    """``Okafor, asked whether ..., said``: the parser gave the subject to the
    parenthetical participle before the verb; it is the verb's subject."""
    for c in tree.children(cue.i, "advcl"):
        if c.i < cue.i and c.xpos.startswith("VB") and c.i > 0 and (
                tree.tokens[c.i - 1].text == ","):
            subj = [s for s in tree.children(c.i, "nsubj") if s.i < c.i and not _within(s, avoid)]
            if subj:
                return subj[0]
    return None


def _name_after_to(tree: Tree, cue: Token, subj: Token) -> Token | None:
    """``According to the Saudi Interior Ministry over 345 pilgrims have been killed``,
    the name merged into the clause's subject: the capitalised run right after ``to``."""
    k = cue.i + 2 if cue.i + 1 < len(tree.tokens) and tree.tokens[cue.i + 1].text == "to" \
        else cue.i + 1
    while k < subj.i and tree.tokens[k].upos == "DET":
        k += 1
    last = None
    while k < subj.i and tree.tokens[k].text[:1].isupper() and tree.tokens[k].upos in (
            "PROPN", "ADJ", "NOUN"):
        last = tree.tokens[k]
        k += 1
    return last if last is not None and k < subj.i else None


def _after_to(tree: Tree, cue: Token) -> Token | None:
    """The last noun of the phrase after ``according to`` (when the parser hung it on a
    word that names nobody)."""
    words: list[Token] = []
    for t in tree.tokens[cue.i + 1:cue.i + 12]:
        if t.sent != cue.sent or (words and t.upos == "PUNCT"):
            break
        if t.upos != "PUNCT" and t.text.lower() != "to":
            words.append(t)
    nouns = [t for t in words if t.upos in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else None


def _noun_source(tree: Tree, noun: Token, avoid: Ranges) -> Source | None:
    """Who holds a reported noun: ``Trump's claim``, ``the claim by Trump``, the body or
    person compounded before it (``a New York Times report``), or the subject of the verb
    that has it (``Trump repeated his claim that ...``)."""
    for c in tree.children(noun.i, "nmod"):
        poss = c.deprel == "nmod:poss" and c.text.lower() not in ("its", "their", "his",
                                                                   "her", "my", "our")
        by = any(w.text.lower() == "by" for w in tree.children(c.i, "case"))
        if (poss or by) and not _within(c, avoid):
            return Source(c, "cue-subject")
    issuer = [c for c in tree.children(noun.i, "compound") if c.ner[2:] in ("ORG", "PER")
              and not _within(c, avoid)]  # "a New York Times report that ...": the Times'
    if issuer:
        return Source(issuer[-1], "cue-subject")
    pron = [c for c in tree.children(noun.i, "nmod:poss") if not _within(c, avoid)]
    if pron and noun.head >= 0 and _opposes(tree.tokens[noun.head]):
        # "the court rejected her argument that ...": hers
        return Source(pron[0], "cue-subject")
    if noun.head >= 0 and noun.rel in ("obj", "nsubj:pass", "obl"):  # "said in a statement"
        subj = _subject(tree, tree.tokens[noun.head], avoid)
        if subj is not None:
            return Source(subj, "governing-subject")
    return Source(pron[0], "cue-subject") if pron else None


# Verbs that oppose someone else's claim: its owner is not their subject.
_OPPOSING = frozenset({"reject", "dismiss", "dispute", "deny", "challenge", "refute",
                       "contest", "counter", "ridicule", "mock", "criticize", "criticise",
                       "attack", "overturn", "question", "debunk"})


def _opposes(t: Token) -> bool:
    """Word ``t`` is a verb opposing a claim (by lemma, or its form when unlemmatised)."""
    verb = speech_verb(t.lemma, t.text)
    return (verb.lemma if verb else t.lemma.lower()) in _OPPOSING


@dataclass(frozen=True, slots=True)
class _Found:
    span: QuoteSpan
    mention: Span | None
    named: tuple[Named, ...]
    method: str


def _find(tree: Tree, span: QuoteSpan) -> _Found:
    if "turn" in span.flags and span.cue_token is not None:
        return _turn(tree, span)
    src = None
    if span.cue_token is not None:
        pieces = span.segments or (Span(span.start, span.end, span.text),)
        src = find_source(tree, span.cue_token, tuple((p.start, p.end) for p in pieces))
    if src is None:
        cue_first = span.cue is not None and span.cue.start < span.start
        if span.kind != "direct" or cue_first:  # '..., Najib Razak said, "We ..."'
            near = _left_neighbour(tree, span) if span.cue_token is not None else None
        else:
            near = _adjacent(tree, span) if span.cue is not None else (
                _credit_line(tree, span) or _colon_intro(tree, span))
        return near or _Found(span, None, (), "none")
    described = _described_name(tree, src, span)
    if described is not None:
        return described
    named = tuple(read_mention(tree, src.head))
    method = src.method
    if method == "cue-subject" and any(n.role for n in named):
        method = "appositive" if tree.children(src.head.i, "appos") else "title"
    elif method == "according-to":
        named = _according_label(tree, src.head, named)
    mention = src.mention or src.head
    span_of = Span(mention.start, mention.end, mention.text) if src.mention else (
        mention_span(tree, mention))
    return _Found(span, span_of, named, method)


def _according_label(tree: Tree, head: Token, named: tuple[Named, ...]) -> tuple[Named, ...]:
    """``according to show insiders``, the parser reading ``show`` as a verb taking the
    noun as its object: an unnamed source's label keeps that word."""
    before = tree.tokens[head.i - 1] if head.i > 0 else None
    if len(named) != 1 or named[0].kind not in ("group", "unknown") or before is None or (
            before.upos != "VERB" or head.head != before.i or head.rel != "obj"
            or tree.tokens[before.i - 1].text.lower() != "to"):
        return named
    n = named[0]
    return (Named(f"{before.text} {n.name}", n.kind, n.role, n.gender, n.head),)


def _described_name(tree: Tree, src: Source, span: QuoteSpan) -> _Found | None:
    """The cue's subject read as the first word of ``<description> <name> said``: the
    name speaks, the description before it is its role (``_name_before_cue``)."""
    if src.method != "cue-subject" or src.mention is not None or span.cue_token is None or (
            src.head.upos not in ("NOUN", "PROPN")):
        return None
    name = _name_before_cue(tree, src.head, tree.tokens[span.cue_token])
    named = read_mention(tree, name) if name is not None else []
    if name is None or not named:
        return None
    first = tree.subtree(src.head.i)[0]
    lead = src.head if first.upos == "DET" else first
    role = tree.doc.text[lead.start:tree.tokens[name.i - 1].end]
    end = tree.tokens[span.cue_token - 1].end
    mention = Span(first.start, end, tree.doc.text[first.start:end])
    return _Found(span, mention, tuple(Named(n.name, n.kind, n.role or role, n.gender, n.head)
                                       for n in named), "title")


_NOMINAL = {"DET", "PROPN", "NOUN", "ADJ", "PART", "NUM", "PRON", "PUNCT", "ADP", "CCONJ"}


def _adjacent(tree: Tree, span: QuoteSpan) -> _Found | None:
    """``"...," Putin's adviser, Yury Ushakov, told``: when the parser lost the cue's
    subject, a bare noun phrase between the quote and its cue is the speaker (its role
    word, when its last name is the role's complement: ``the MP for Okanagan Ridge``)."""
    assert span.cue is not None
    ends = [p.end for p in span.segments or (span,) if p.end <= span.cue.start]
    if not ends:
        return None
    between = _unbracketed([t for t in tree.tokens if max(ends) <= t.start
                            and t.end <= span.cue.start
                            and t.sent == tree.tokens[span.cue_token or 0].sent])
    words = [t for t in between if t.upos != "PUNCT"]
    names = [t for t in words if t.upos == "PROPN"]
    odd = [t for t in words if t.upos not in _NOMINAL]
    # one mistagged word ("adviser/VERB") is tolerated when a name ends the phrase
    if not words or len(words) > 14 or len(odd) > (1 if names and names[-1] == words[-1]
                                                    else 0):
        return _set_off_first(tree, span, between)
    head = names[-1] if names else words[-1]
    role_head = _role_of_complement(tree, head)  # "the MP for Okanagan Ridge": the MP
    named = read_mention(tree, role_head)
    if not named:
        return None
    before = [t for t in words if t.start < tree.tokens[named[0].head].start
              and t.text[:1] != named[0].name[:1]]
    role = tree.doc.text[before[0].start:before[-1].end] if (
        before and names and role_head is head) else None
    if role:
        named = [Named(n.name, n.kind, role, n.gender, n.head) for n in named]
    mention = Span(words[0].start, words[-1].end, tree.doc.text[words[0].start:words[-1].end])
    return _Found(span, mention, tuple(named), "adjacent-mention")


def _unbracketed(toks: list[Token]) -> list[Token]:
    """The words outside brackets (``Rep. Gwen Moore (D-Wis.)``: the party is an aside)."""
    out, depth = [], 0
    for t in toks:
        depth += t.text == "("
        if depth == 0:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def _set_off_first(tree: Tree, span: QuoteSpan, between: list[Token]) -> _Found | None:
    """``"...," Michael McFaul, a senior fellow at ... and a former ambassador, said``:
    a name right after the quote, set off by a comma before a long appositive, is the
    speaker (the appositive its role)."""
    start = next((k for k, t in enumerate(between) if t.upos != "PUNCT"), len(between))
    run: list[Token] = []
    for t in between[start:]:
        if t.upos != "PROPN" or not t.text[:1].isupper():
            break
        run.append(t)
    rest = between[start + len(run):]
    if not run or len(rest) < 2 or rest[0].text != ",":
        return None
    named = read_mention(tree, run[-1])
    if not named:
        return None
    role_words = [t for t in rest[1:] if t.text != ","] or rest[1:]
    role = tree.doc.text[role_words[0].start:role_words[-1].end]
    named = [Named(n.name, n.kind, n.role or role, n.gender, n.head) for n in named]
    mention = Span(run[0].start, run[-1].end, tree.doc.text[run[0].start:run[-1].end])
    return _Found(span, mention, tuple(named), "appositive")


def _left_neighbour(tree: Tree, span: QuoteSpan) -> _Found | None:
    """``... the Post Trump said that ...``: when the parser lost a finite cue's
    subject, a name or pronoun right before the cue is taken as the speaker."""
    assert span.cue_token is not None
    k = span.cue_token - 1
    while k >= 0 and tree.tokens[k].upos == "ADV" and tree.tokens[k].sent == tree.tokens[
            span.cue_token].sent:
        k -= 1  # "Trump also said"
    if k < 0 or tree.tokens[k].sent != tree.tokens[span.cue_token].sent:
        return None
    head = tree.tokens[k]
    if head.upos not in ("PROPN", "PRON", "NOUN") or head.text.lower() in _RELATIVE:
        return None
    head = _phrase_head(tree, head)
    named = read_mention(tree, head)
    if not named:
        return None
    first = tree.tokens[min(n.head for n in named)] if named[0].head >= 0 else head
    lo = min(first.start, head.start)
    return _Found(span, Span(lo, head.end, tree.doc.text[lo:head.end]), tuple(named),
                  "adjacent-mention")


def _phrase_head(tree: Tree, t: Token) -> Token:
    """The noun whose ``of`` or ``for`` complement the common noun ``t`` is, climbed to
    the top of its phrase (``PC World's analysis of its traffic statistics concluded``:
    ``analysis``): a noun inside such a phrase is not the subject of the verb after it."""
    while t.upos == "NOUN" and t.deprel == "nmod" and 0 <= t.head < t.i and (
            tree.tokens[t.head].sent == t.sent) and tree.tokens[t.head].upos == "NOUN" and any(
            c.text.lower() in ("of", "for") for c in tree.children(t.i, "case")):
        t = tree.tokens[t.head]
    return t


def _role_of_complement(tree: Tree, t: Token) -> Token:
    """The role word whose complement ``t`` ends (``the MP for Okanagan Ridge``: ``MP``,
    not the riding), else ``t``: a place or body named after a role's ``for``, ``of`` or
    ``from`` is where the speaker serves, not the speaker."""
    if t.head < 0 or t.deprel != "nmod" or t.head >= t.i:
        return t
    gov = tree.tokens[t.head]
    low = gov.lemma.lower()
    if gov.sent != t.sent or not (low in words("titles") or low in words("person_nouns")):
        return t
    between = tree.tokens[gov.i + 1:t.i]  # "for" and the name's words up to ``t``
    name = all(w.upos == "PROPN" for w in between[1:])
    return gov if between and between[0].text.lower() in ("for", "of", "from") and name else t


_DASHES = ("\u2015", "\u2014", "\u2013", "-", "--")


def _dashed(t: Token) -> bool:
    """A dash token, or a closing mark fused with its dash (``”―``)."""
    return t.text in _DASHES or (t.text[-1:] in "\u2015\u2014\u2013" and not any(
        ch.isalnum() for ch in t.text))


def _credit_line(tree: Tree, span: QuoteSpan) -> _Found | None:
    """``"Quote." -- Steve Quinlan``: a dash and a name right after a quote (the
    convention of pull quotes and quoted posts) credit the quote to that name."""
    paras = tree.doc.paragraphs
    para_end = paras[span.paragraph][1] if paras else span.end
    after = tree.within(span.end, para_end)  # bisect, not a scan of the document
    while after and after[0].upos == "PUNCT" and not _dashed(after[0]):
        if after[0].start - span.end > 3:
            return None
        after = after[1:]
    if not after and span.paragraph + 1 < len(paras):  # the name on a line of its own
        after = tree.within(*paras[span.paragraph + 1])
    if not after or not _dashed(after[0]):  # '"... people." -- Name', '"...”― Name'
        return None
    name: list[Token] = []
    for t in after[1:]:
        glued = bool(name) and t.text in _HYPHENS and _glued(name[-1], t)
        if (t.upos == "PUNCT" and not glued) or not (t.text[:1].isupper() or glued) or (
                len(name) == 6) or (name and "\n" in tree.doc.text[name[-1].end:t.start]):
            break  # "- Fiona MacIsaac-Benn": a glued hyphen inside the name
        name.append(t)
    rest = after[1 + len(name):]
    line_ends = bool(name) and (not rest or "\n" in tree.doc.text[name[-1].end:rest[0].start])
    if not name or not (line_ends or rest[0].text in (".", ",", "(", ")")
                        or is_mark_token(rest[0].text)):  # or the next quotation opens
        return None  # the dash opens an aside, not a credit line
    named = [Named(_name_text(name), "person", None, None, name[-1].i)]
    mention = Span(name[0].start, name[-1].end, tree.doc.text[name[0].start:name[-1].end])
    return _Found(span, mention, tuple(named), "credit-line")


def _colon_intro(tree: Tree, span: QuoteSpan) -> _Found | None:
    """``Mayor Dana Whitfield put it bluntly: "We cannot ..."``: a direct quote opening
    right after a colon that ends a clause (a verb's, or a copula's: ``X was blunter:``)
    is said by that clause's subject, when the subject is a person or a body (``The
    menu read: "..."`` names nobody)."""
    before = tree.within(max(0, span.start - 12), span.start)
    colon = next((t for t in reversed(before) if not is_mark_token(t.text)), None)
    if colon is None or colon.text != ":" or span.start - colon.end > 3:
        return None
    verb = tree.tokens[colon.head] if colon.head >= 0 else None
    while verb is not None and verb.i > colon.i and verb.head >= 0:
        verb = tree.tokens[verb.head]  # the colon hung on a word of the quote
    noun_verb = verb is not None and _verb_read_as_noun(tree, verb)
    copular = verb is not None and bool(tree.children(verb.i, "cop"))
    if verb is None or verb.i > colon.i or (
            verb.upos != "VERB" and noun_verb is None and not copular):
        return None
    subj = noun_verb or _subject(tree, verb)
    named = read_mention(tree, subj) if subj is not None else []
    if subj is None or not named or not (subj.upos == "PRON" or _describes_speaker(subj) or any(
            n.kind in ("person", "organization") for n in named)):
        return None
    return _Found(span, mention_span(tree, subj), tuple(named), "colon-intro")


def _describes_speaker(word: Token) -> bool:
    """A common noun that can only name someone who speaks: a person noun or title
    (``strategist``, ``mayor``) or a body (``company``), not a thing (``message``)."""
    low = word.lemma.lower()
    return word.upos == "NOUN" and (low in words("person_nouns") or low in words("titles")
                                    or low in words("organizations"))


def _verb_read_as_noun(tree: Tree, word: Token) -> Token | None:
    """``McCrummen reports:`` parsed as one noun phrase: a plural noun that is a
    speech verb's third person (``reports``, ``writes``), after a name with no article,
    is that verb, and the name its subject."""
    names = [c for c in tree.children(word.i, "compound") if c.upos == "PROPN"]
    if word.upos != "NOUN" or not word.text.endswith("s") or tree.children(word.i, "det") or (
            not names) or speech_verb(word.text[:-1].lower(), word.text) is None:
        return None
    return names[-1]


def _turn(tree: Tree, span: QuoteSpan) -> _Found:
    """``NAME: words``: the label before the colon names the speaker."""
    assert span.cue is not None
    label = [t for t in tree.tokens if t.end <= span.cue.start and t.para == span.paragraph]
    named = label_speaker(label)
    mention = Span(label[0].start, label[-1].end, tree.doc.text[label[0].start:label[-1].end])
    return _Found(span, mention, (named,) if named else (), "speaker-turn")


def _stance(span: QuoteSpan) -> str | None:
    if span.cue is None:
        return None
    if span.cue.lemma == "according to":
        return "neutral"
    verb = speech_verb(span.cue.lemma)
    return verb.stance if verb else None


Resolved = tuple[list[str], SpeakerKind, str, Span | None]
_KIND_OF_ENTITY: dict[str, SpeakerKind] = {"person": "person", "organization": "organization",
                                           "place": "organization"}  # "Moscow said"


def _linked(n: Named, f: _Found, coref: Coref, recent: list[Recent]) -> tuple[Entity, ...]:
    """The named entities a speaker mention stands for: its own name's entity, or
    the entities a pronoun or definite description refers to (see ``coref``)."""
    if n.head < 0:
        return ()
    own = coref.entity_of(n.head) or next(  # "Ní Bhriain": a particle the NER left out
        (e for c in coref.tree.children(n.head, "flat")
         if (e := coref.entity_of(c.i)) is not None and e.kind == "person"), None)
    if capitalised_description(coref.tree, coref.tree.tokens[n.head]):
        own = None  # "the CFO" tagged an organisation: a description all the same
    opening = _opening_person(coref, f.mention) or _closing_person(coref, f.mention)
    if opening is not None and (own is None or own.kind != "person"):
        return (opening,)
    body = _lead_body(coref, f.mention)
    if body is not None:
        return (body,)
    if own is not None and own.kind in _KIND_OF_ENTITY:
        return (own,)
    head = coref.tree.tokens[n.head]
    if head.text.lower() == "both" and head.rel == "nsubj":
        return coref.pair(head)  # "Both said": the two people named just before
    inner = _person_within(coref, head, f.mention) or coref.named_part(head)
    if inner is not None:
        return (inner,)
    role = head.upos == "ADJ" and head.lemma.lower() in words("person_nouns")  # "executive"
    if head.upos == "PRON" and f.span.kind == "direct":
        for piece in f.span.segments or (f.span,):
            coref = coref.barring(piece.start, piece.end)
    one = head.upos in ("NUM", "PRON") and head.text.lower() == "one"  # "One, who ... said"
    if head.upos in ("PRON", "NOUN") and (n.gender or head.upos == "NOUN") or aged(
            coref.tree, head) or role or one or capitalised_description(coref.tree, head):
        found = coref.resolve(head, recent)
        later = None if found else _lead_body(coref, f.mention, definite=True)
        return (later,) if later is not None else found
    return ()


def _lead_body(coref: Coref, mention: Span | None, definite: bool = False) -> Entity | None:
    """A body described, not named, as the speaker in the first sentence of a
    paragraph (a news lead: ``A Halifax company ... says``, ``One of Winnipeg's oldest
    theatre companies has cancelled ..., saying``; with ``definite``, ``the federal food
    safety regulator said`` before any body is named) is the organisation of its sort
    named first in the next paragraph's first sentence as the subject of its root or of
    a speech verb (``_opening_body``), or in the paragraph after when the next names no
    body."""
    tree = coref.tree
    words_ = tree.within(mention.start, mention.end) if mention is not None else []
    tops = [w for w in words_ if not words_[0].i <= w.head <= words_[-1].i]
    if len(tops) != 1:
        return None
    head = noun = _past_dateline(tree, tops[0])  # "HALIFAX -- A Halifax company"
    dets = {d.text.lower() for d in [*tree.children(head.i, "det"), *tree.subtree(head.i)]
            + words_ if d.i < head.i and d.upos == "DET"}  # "The" the parser hung elsewhere,
    # "A national pharmacists' group", "the province's crop insurer"
    if head.text.lower() == "one":  # "One of ... companies"
        noun = next((c for c in tree.children(head.i, "nmod") if "Number=Plur" in c.feats),
                    head)
    elif not dets & {"a", "an"} and not (
            definite and "the" in dets and not coref.bodies_before(head)):
        return None
    lemma = noun.lemma.lower()
    if (noun is head and head.text.lower() == "one") or not (
            singulars(lemma) & words("organizations")):
        return None  # "One" with no plural "of" phrase; no body noun
    if any(t.upos in ("VERB", "AUX") for s in tree.doc.sentences[:head.sent]
           if s.para == head.para for t in s.tokens):
        return None  # not the first sentence of its paragraph (a dateline aside)
    for para in (head.para + 1, head.para + 2):
        body = _opening_body(coref, para)
        if body is not None:
            return body if coref.may_be(body, lemma) else None
        if any(e.kind == "organization" and tree.tokens[m.first].para == para
               for e in coref.entities for m in e.mentions):
            return None  # another body named first
    return None


def _opening_body(coref: Coref, para: int) -> Entity | None:
    """The organisation named first in paragraph ``para``'s first sentence, when it is
    the subject of the sentence's root or of a speech verb (``Tidewater Orbital said``;
    ``The collapse happened ..., Minera Cordillera Austral S.A. said``)."""
    tree = coref.tree
    opener = next((s for s in tree.doc.sentences if s.para == para), None)
    if opener is None:
        return None
    first, last = opener.tokens[0].i, opener.tokens[-1].i
    named = sorted(((m.first, m, e) for e in coref.entities if e.kind == "organization"
                    for m in e.mentions if first <= m.first <= last), key=lambda f: f[0])
    if not named:
        return None
    _, m, body = named[0]
    head = tree.tokens[_mention_head(tree, m)]
    verb = tree.tokens[head.head] if head.head >= 0 else None
    speaks = verb is not None and (verb.rel == "root" or speech_verb(verb.lemma, verb.text))
    return body if head.rel == "nsubj" and speaks else None


def _opening_person(coref: Coref, mention: Span | None) -> Entity | None:
    """``Khaled Al-Maeena, editor at large at the Saudi Gazette``: a mention that opens
    with a person's name set off by a comma, bracket or dash is that person (a name
    that modifies, ``Trump's adviser``, ``the Clinton campaign``, is not)."""
    if mention is None:
        return None
    words = coref.tree.within(mention.start, mention.end)
    if not words:
        return None
    e = coref.entity_of(words[0].i)
    if e is None or e.kind != "person":
        return None
    m = next(m for m in e.mentions if m.first <= words[0].i <= m.last)
    nxt = coref.tree.tokens[m.last + 1] if m.last + 1 < len(coref.tree.tokens) else None
    if nxt is None or nxt.text not in (",", "(", "\u2014", "\u2013", "-"):
        return None  # "Trump's adviser", "the Clinton campaign": the name modifies
    return e if m.last < words[-1].i else None


def _final_person(coref: Coref, mention: Span | None) -> tuple[Entity, Token, Token] | None:
    """The person whose name ends ``mention`` (punctuation aside), the mention's first
    word and the word right before that name; None when the name is the whole mention."""
    if mention is None:
        return None
    inside = coref.tree.within(mention.start, mention.end)
    while inside and inside[-1].upos == "PUNCT":
        inside = inside[:-1]
    e = coref.entity_of(inside[-1].i) if inside else None
    if e is None or e.kind != "person":
        return None
    first = next(m.first for m in e.mentions if m.first <= inside[-1].i <= m.last)
    if first <= inside[0].i:
        return None
    return e, inside[0], coref.tree.tokens[first - 1]


def _closing_person(coref: Coref, mention: Span | None) -> Entity | None:
    """``The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino``,
    ``... Student Association president Sehar Memon``: a mention that ends with a
    person's name after a title word, a comma or a bracket is that person (not ``an
    aide to Hillary Clinton``, nor ``a spokesman for House Speaker ...``)."""
    found = _final_person(coref, mention)
    if found is None:
        return None
    e, first, before = found
    low = before.text.lower()
    if _spoken_for(coref.tree, first.i, before.i):
        return None  # "A spokesman for House Speaker Gerald Fenwick-Ames": not him
    return e if before.text in (",", ")", "(") or low in words("titles") or (
        low in words("person_nouns")) else None


def _spoken_for(tree: Tree, first: int, last: int) -> bool:
    """Between words ``first`` and ``last``, a lower-case person noun goes on with
    ``for`` or ``to`` (``spokesman for``, ``aide to``; not ``Minister for``), or a
    person noun, lower-case or opening its sentence, with an ``of`` right before the
    name (``Allies of Mr Pellow``, ``friends of``: the name's allies, not the name)."""
    toks = tree.tokens

    def related(k: int) -> bool:
        noun = toks[k - 1]
        opens = noun.i == tree.doc.sentences[noun.sent].first
        return (noun.text.islower() or opens) and is_person_noun(noun.text.lower()) and (
            k == last or (k == last - 1 and toks[last].text.rstrip(".").lower() in HONORIFICS))
    return any(toks[k].text in ("for", "to") and toks[k - 1].text.islower() and (
        is_person_noun(toks[k - 1].lemma)) or toks[k].text == "of" and related(k)
        for k in range(first + 1, last + 1))


def _person_within(coref: Coref, head: Token, mention: Span | None) -> Entity | None:
    """``Italy's Minister of Education, Stefania Giannini``: when a common-noun or
    title head was read as the speaker, a person named in its appositive or name
    words, or right after it, is meant (not one in a modifier: ``an aide to Hillary
    Clinton``)."""
    role = head.lemma.lower() in words("titles") or head.lemma.lower() in words("person_nouns")
    if head.upos == "PRON" or mention is None or not role:
        return None  # "the Clinton campaign" is the campaign, not Clinton
    plural = "Number=Plur" in head.feats  # "Clinton supporters": a group, not Clinton
    for c in reversed(coref.tree.children(head.i, "appos", "flat", *(
            () if plural else ("compound",)))):
        e = coref.entity_of(c.i)
        if e is not None and e.kind == "person":
            return e
    nxt = coref.entity_of(head.i + 1) if head.i + 1 < len(coref.tree.tokens) else None
    if nxt is not None and nxt.kind == "person" and coref.tree.tokens[head.i + 1].sent == (
            head.sent):
        return nxt  # "Geography professor Aled Pryce-Montgomery", the name misparsed
    found = _final_person(coref, mention)
    if found is None:
        return None
    last, _, word = found
    if any(t.text.lower() in ("for", "to") for t in coref.tree.tokens[head.i + 1:word.i]) or (
            _spoken_for(coref.tree, head.i, word.i - 1)):
        return None  # "A spokesman for House Speaker Gerald Fenwick-Ames": spoken for
    before = word.text
    # "Minister of Education Stefania Giannini" (a capitalised title before the name),
    # "The secretary general of CEI, Nunzio Galantino" (a role set off before it),
    # "director of the Council on American-Islamic Relations Alia Salem" (the role's
    # organisation named right before the name)
    return last if head.text[:1].isupper() or before == "," or before[:1].isupper() else None


def _resolve(found: list[_Found], ents: Entities, coref: Coref) -> list[Resolved]:
    """Canonical speakers per quote, pronouns and descriptions resolved in text order."""
    out: list[Resolved] = []
    recent: list[Recent] = []
    for f in found:
        names: list[str] = []
        kinds: list[SpeakerKind] = []
        method = f.method
        group = _group_before(f, found, out)
        for n in f.named:
            joint = _joint_before(f, found, out) if n.gender == "p" and (
                n.name.lower() in PRONOUNS) else []
            if joint:
                names += joint  # "Dr Aisha Mensah and Dr Tom Fairley said ... '...,' they
                kinds += ["person"] * len(joint)  # said": the two who just spoke
                method = "pronoun"
                continue
            if n.gender == "p" and n.name.lower() in PRONOUNS and group is None:
                group = _group_subject_before(coref.tree, n, f.span)
            if n.gender == "p" and n.name.lower() in PRONOUNS and group is not None:
                names.append(group)  # "Critics say ... They argue": the group just quoted
                kinds.append("group")
                method = "pronoun"
                continue
            described = _described_before(n, f, found, out, coref)
            if described is not None:
                names.append(described)  # "A neighbour said ... 'Quote,' she said"
                kinds.append("person")
                method = "pronoun"
                continue
            linked = _linked(n, f, coref, recent)
            if linked:
                for e in linked:
                    names.append(ents.adopt(e, n.name, _KIND_OF_ENTITY.get(e.kind, "unknown")))
                    kinds.append(ents.kind(e.name))
                    recent.append(Recent(e.id, f.span.start))
                if coref.entity_of(n.head) is None:
                    method = "pronoun" if n.gender and n.name.lower() in PRONOUNS else "coreference"
                continue
            if n.gender and n.name.lower() in PRONOUNS:
                hit = ents.resolve_pronoun(n.gender, f.span.start) if not coref.entities else None
                if hit:
                    names.append(hit)
                    kinds.append(ents.kind(hit))
                    method = "pronoun"
                continue
            canon = ents.canonical(_owner_named(n, coref, recent), n.kind)
            names.append(canon)
            kinds.append(ents.kind(canon))
            ents.mark_speaker(canon, f.span.start)
        kind: SpeakerKind = kinds[0] if kinds else "unknown"
        out.append((names, kind, method if names else "none", f.mention))
    return out


def _owner_named(n: Named, coref: Coref, recent: list[Recent]) -> str:
    """An unnamed speaker's label with its owner named: the body a ``for the agency``
    refers to, when its name holds that noun, or the person a ``her`` refers to
    (``spokesperson for the Tennessee Emergency Management Agency``, ``Elena Marchuk's
    family``), when coreference finds one."""
    if n.head < 0 or coref.tree.tokens[n.head].upos != "NOUN" and not (
            _opening_people(coref.tree, coref.tree.tokens[n.head])):  # "Allies of ..."
        return n.name
    tree, head = coref.tree, coref.tree.tokens[n.head]
    for c in tree.children(head.i, "nmod:poss"):
        low = c.text.lower()
        if c.upos == "PRON" and low in ("her", "his", "their") and (
                n.name.lower().startswith(low + " ")):
            found = coref.resolve(c, recent)
            if len(found) == 1 and found[0].kind == "person":
                return f"{found[0].name}'s {n.name[len(low) + 1:]}"
    words_ = n.name.split()
    for c in tree.children(head.i, "nmod"):
        spoken_for = coref.entity_of(c.i) or next((  # "of Mr Pellow": the name past "Mr"
            e for w in tree.children(c.i, "flat") if (e := coref.entity_of(w.i)) is not None
            and e.kind == "person"), None)
        case = [w.text.lower() for w in tree.children(c.i, "case")]
        if spoken_for is not None and spoken_for.kind == "person" and case in (
                ["for"], ["to"], ["of"]) and f" {case[0]} " in n.name:  # "spokesman for House
            return f"{n.name.split(f' {case[0]} ')[0]} {case[0]} {spoken_for.name}"  # Speaker
            # Gerald Fenwick-Ames" -> "spokesman for Gerald Fenwick-Ames"
        person = _person_named(tree, c, n.name, coref, recent)
        if person is not None:  # "Friends of the former minister" -> of Oliver Pennington
            return person
        if _the_after(tree, c, ("for", "of", "at")) and c.upos == "NOUN" and (
                c.text.islower()) and c.text in words_:
            found = coref.resolve(c, recent)
            if len(found) == 1 and found[0].kind == "organization" and (
                    c.text in found[0].name.lower().split()):  # the agency: ... Agency
                left = [w for w in tree.subtree(c.i) if w.i <= c.i and w.rel not in (
                    "case", "det")]  # with its modifiers: "the wildfire service"
                phrase = tree.doc.text[left[0].start:c.end]
                if len(left) > 1 and phrase in n.name:
                    return n.name.replace(phrase, found[0].name)
                k = len(words_) - 1 - words_[::-1].index(c.text)
                return " ".join([*words_[:k], found[0].name, *words_[k + 1:]])
    return n.name


def _person_named(tree: Tree, c: Token, name: str, coref: Coref,
                  recent: list[Recent]) -> str | None:
    """``name`` with the definite person description after its ``of`` or ``to``
    (``friends of the former minister``) replaced by the one person coreference finds
    for it, else None; one speaking *for* a described person keeps the description
    (``spokeswoman for the prime minister``), as unnamed spokespeople's labels do."""
    if c.upos != "NOUN" or not is_person_noun(c.lemma) or not _the_after(
            tree, c, ("of", "to")):
        return None
    words_ = [w for w in tree.subtree(c.i) if w.rel != "case"]
    phrase = tree.doc.text[words_[0].start:words_[-1].end]
    if phrase not in name or any(w.sent != c.sent for w in words_):
        return None
    found = coref.resolve(c, recent)
    if len(found) != 1 or found[0].kind != "person":
        return None
    return name.replace(phrase, found[0].name)


def _the_after(tree: Tree, c: Token, cases: tuple[str, ...]) -> bool:
    """``c`` heads a definite phrase after one of ``cases`` (``for the agency``)."""
    return any(w.text.lower() in cases for w in tree.children(c.i, "case")) and any(
        d.text.lower() == "the" for d in tree.children(c.i, "det"))






def _governing_subject(tree: Tree, node: Token, avoid: Ranges) -> Token | None:
    """The subject a cue borrows from ``node``, the verb it hangs on."""
    return _quoted_subject(tree, node, avoid) or _subject(tree, node, avoid) or (
        _set_off_before(tree, node, avoid) if node.lemma.lower() == "quote" else None) or (
        _predicate_of_root_noun(tree, node))








def _predicate_of_root_noun(tree: Tree, verb: Token) -> Token | None:
    """``Authorities announced ... and said``, parsed with the noun the root and
    ``announced`` its modifier: a verb right after a sentence's root noun (no copula)
    is that sentence's predicate, and the noun its subject."""
    head = tree.tokens[verb.head] if verb.head >= 0 else None
    if head is None or verb.rel != "acl" or head.rel != "root" or verb.i != head.i + 1 or (
            head.upos not in ("NOUN", "PROPN") or tree.children(head.i, "cop")):
        return None
    return head


def _reporting_clause(tree: Tree, cue: Token, node: Token) -> Token:
    """``node``, or the speech verb it reports when ``node`` is a verb's reported
    clause and ``cue`` a participle set off by a comma (``said the budget was
    balanced, later adding that ...``): such an adjunct belongs to the reporting clause."""
    head = tree.tokens[node.head] if node.head >= 0 else None
    if head is not None and node.rel == "acl" and head.rel == "obl" and head.head >= 0:
        head = tree.tokens[head.head]  # "said in a statement that ...", hung on the noun
    elif node.rel != "ccomp":
        return node
    if head is not None and (set_off_participle(tree, cue) or parallel_report(
            tree, cue, node)) and speech_verb(head.lemma, head.text) is not None:
        return head
    return node


def _governing_cue(tree: Tree, spans: list[QuoteSpan], resolved: list[Resolved]) -> None:
    """A cue left without a speaker that hangs, within its sentence, on the cue of an
    attributed quote takes that quote's speaker (``"...," Sanders said, going on to say
    that ...``, ``Chaffetz said in a statement, adding that ...``)."""
    by_cue = {s.cue_token: k for k, s in enumerate(spans)
              if s.cue_token is not None and resolved[k][0]}
    for k, span in enumerate(spans):
        if resolved[k][0] or span.cue_token is None or "turn" in span.flags:
            continue
        cue = tree.tokens[span.cue_token]
        for up in islice(tree.ancestors(cue.i), 3):
            if up.sent != cue.sent:
                break
            if up.i in by_cue:
                names, kind, _, mention = resolved[by_cue[up.i]]
                resolved[k] = (names, kind, "governing-cue", mention)
                break


def _joint_before(f: _Found, found: list[_Found], out: list[Resolved]) -> list[str]:
    """The people who spoke together in the quote right before, in the same or the
    previous paragraph: whom a following ``they`` refers to."""
    if not out or f.span.paragraph - found[len(out) - 1].span.paragraph > 1:
        return []
    names, kind, _, _ = out[-1]
    return list(names) if len(names) > 1 and kind == "person" else []


def _group_before(f: _Found, found: list[_Found], out: list[Resolved]) -> str | None:
    """The latest group (``show insiders``, ``critics``) that spoke in the same or the
    previous paragraph: what a following ``they`` refers to."""
    for k in range(len(out) - 1, -1, -1):
        if f.span.paragraph - found[k].span.paragraph > 1:
            return None
        if out[k][0] and out[k][1] == "group":
            return out[k][0][0]
    return None


def _group_subject_before(tree: Tree, n: Named, span: QuoteSpan) -> str | None:
    """``Scientology officials went to the station, where they claimed ...``: a plural
    ``they`` is the plural people-noun subject before it in its sentence (the
    nearest, never one inside the quote itself), named as that phrase."""
    if n.head < 0:
        return None
    pron = tree.tokens[n.head]
    pieces = span.segments or (span,)
    subjects = [t for t in tree.doc.sentences[pron.sent].tokens if t.i < pron.i
                and not any(p.start <= t.start < p.end for p in pieces)
                and t.rel == "nsubj" and t.upos == "NOUN" and "Number=Plur" in t.feats
                and (is_person_noun(t.lemma) or t.lemma.lower() in words("group_nouns"))]
    if not subjects:
        return None
    named = read_mention(tree, subjects[-1])
    if len(named) == 1 and named[0].kind == "group":
        return named[0].name
    return clean_phrase(tree, [subjects[-1]])  # "Proponents, including the Conference"


def _described_before(n: Named, f: _Found, found: list[_Found], out: list[Resolved],
                      coref: Coref) -> str | None:
    """An unnamed person (``A neighbour who did not want to be identified said``) who
    spoke in the quote just before, in the same or the previous paragraph, is whom a
    following ``she``/``he`` of a gender the noun allows refers to, unless a person
    who may be so called is named between that quote and this one."""
    if not out or len(out[-1][0]) != 1 or out[-1][2] not in ("cue-subject", "appositive") or (
            n.gender not in ("m", "f") or n.name.lower() not in PRONOUNS):
        return None
    before = found[len(out) - 1]
    if f.span.paragraph - before.span.paragraph > 1 or len(before.named) != 1:
        return None
    head = before.named[0].head
    word = coref.tree.tokens[head] if head >= 0 else None
    if word is None or word.upos != "NOUN" or coref.entity_of(head) is not None or (
            word.lemma.lower() not in words("person_nouns")) or "Number=Plur" in word.feats:
        return None  # "colleagues were asking ...": no "he"
    if any(e.kind == "person" and e.gender in (None, n.gender) and any(
            before.span.end <= m.start < f.span.start for m in e.mentions)
           for e in coref.entities):
        return None  # '..., a phrase Okoro-Blanchard has already seen. "..." she says'
    return out[-1][0][0] if noun_gender(word.lemma.lower()) in (None, n.gender) else None


Proposer = Callable[[Coref, QuoteSpan], "tuple[Entity, Span] | None"]


def _cueless(spans: list[QuoteSpan], resolved: list[Resolved], ents: Entities,
             coref: Coref, propose: Proposer, method: str) -> None:
    """Give a speaker to each cue-less direct quote still without one (``cueless``)."""
    for k, span in enumerate(spans):
        if resolved[k][0] or span.cue is not None or span.kind != "direct":
            continue
        found = propose(coref, span)
        if found is not None:
            ent, mention = found
            name = ents.adopt(ent, mention.text, _KIND_OF_ENTITY.get(ent.kind, "unknown"))
            resolved[k] = ([name], ents.kind(name), method, mention)


def _continue(spans: list[QuoteSpan], resolved: list[Resolved]) -> None:
    """A cue-less quote right after an attributed one (or after one that inherited)
    inherits speaker and mention."""
    last: int | None = None
    for k, span in enumerate(spans):
        names = resolved[k][0]
        if names:
            last = k
            continue
        if span.cue is None and span.kind == "direct" and last is not None:
            if span.paragraph - spans[last].paragraph <= 1:
                prev = resolved[last]
                resolved[k] = (prev[0], prev[1], "continuation", prev[3])
                last = k  # a run of quote paragraphs continues paragraph by paragraph


def attribute(doc: ParsedDoc, spans: list[QuoteSpan], tree: Tree | None = None
              ) -> tuple[list[Quote], list[Speaker]]:
    """Attribute every span; returns the quotes (same order) and the article's speakers."""
    tree = tree or Tree(doc)
    coref = Coref.build(tree, [(p.start, p.end) for s in spans
                               for p in (s.segments or (s,)) if s.kind == "direct"])
    ents = Entities.from_tree(tree, coref.entities)
    found = [_find(tree, s) for s in spans]
    for f in found:
        for n in f.named:
            ents.add_role(n)
    resolved = _resolve(found, ents, coref)
    _governing_cue(tree, spans, resolved)
    _cueless(spans, resolved, ents, coref, words_of, "words-of")
    _cueless(spans, resolved, ents, coref, name_line, "name-line")
    _cueless(spans, resolved, ents, coref, framed_after, "framed-after")
    _continue(spans, resolved)
    _cueless(spans, resolved, ents, coref, introduced, "introduction")
    quotes = []
    for f, (names, kind, method, mention) in zip(found, resolved, strict=True):
        s = f.span
        role = next((n.role for n in f.named if n.role), None)
        quotes.append(Quote(
            s.start, s.end, s.text, s.kind, s.sentence, s.paragraph,
            names[0] if names else None, tuple(names), kind if names else "unknown",
            mention, s.cue, role, _stance(s), method, CONFIDENCE.get(method, 0.5),
            s.flags + (("negated",) if s.cue and s.cue.negated else ()), s.segments))
    return quotes, ents.speakers([q for q in quotes if q.speaker])
