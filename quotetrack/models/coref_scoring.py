"""How often speaker coreference links a pronoun or description to the right entity.

``python -m quotetrack.models.coref_scoring [--split test]`` reads GUM's
openly licensed genres (gold coreference chains in MISC ``Entity=``), rebuilds each
document's text, runs the shipped pipeline on it and scores two sets of targets:

- ``speech``: pronoun and definite-description subjects of speech verbs (the
  speakers attribution must name), resolved as extraction resolves them;
- ``pronouns``: every person or organisation pronoun (``he``, ``she``, ``it``,
  ``they`` and their forms), resolved by ``Coref.resolve`` alone.

A target counts only when its gold chain has a named mention before it; it is right
when the entity chosen has a mention overlapping a mention of the gold chain, or when
the name chosen is a named mention of the chain (case, punctuation and a leading
``the`` aside: a speaker named by a text's own name, ``the report`` -> ``the
Australian National Iodine Nutrition Study``, is no entity of the NER model).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotetrack.models.ner_data import OPEN_GENRES, entity_events

PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"}


@dataclass
class Word:
    """A gold word with its character span in the rebuilt text."""

    form: str
    upos: str
    lemma: str
    head: int  # document index of the governor, -1 for a root
    deprel: str
    start: int
    end: int


@dataclass
class GoldDoc:
    """One GUM document: text, words, and chains of (first, last) word spans."""

    id: str
    text: str = ""
    words: list[Word] = field(default_factory=list)
    chains: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)


def _documents(path: Path, genres: frozenset[str]) -> Iterator[GoldDoc]:
    doc: GoldDoc | None = None
    genre = ""
    for block in gzip.open(path, "rt", encoding="utf-8").read().split("\n\n"):
        lines = block.strip("\n").split("\n")
        for ln in lines:
            if ln.startswith("# newdoc id = "):
                if doc is not None and genre in genres:
                    yield doc
                doc = GoldDoc(ln.split("= ", 1)[1].strip())
            elif ln.startswith("# meta::genre = "):
                genre = ln.split("= ", 1)[1].strip()
        if doc is not None and any(ln[:1].isdigit() for ln in lines):
            _add_sentence(doc, lines)
    if doc is not None and genre in genres:
        yield doc


def _add_sentence(doc: GoldDoc, lines: list[str]) -> None:
    if doc.text:
        doc.text += "\n\n" if any(ln.startswith("# newpar") for ln in lines) else " "
    rows = [ln.split("\t") for ln in lines if ln[:1].isdigit()]
    base = len(doc.words)
    skip_until, first_word, mwt_span = 0, 0, (0, 0)
    open_: dict[str, list[tuple[int, str]]] = {}
    for r in rows:
        if "-" in r[0]:  # multi-word token: its words share the token's span
            a, b = (int(x) for x in r[0].split("-"))
            start = len(doc.text)
            doc.text += r[1]
            span = (start, len(doc.text))
            skip_until = b
            if "SpaceAfter=No" not in r[9]:
                doc.text += " "
            mwt_span, first_word = span, a
            continue
        if not r[0].isdigit():
            continue
        k = int(r[0])
        if k <= skip_until:
            start, end = mwt_span if k >= first_word else (0, 0)
        else:
            start = len(doc.text)
            doc.text += r[1]
            end = len(doc.text)
            if "SpaceAfter=No" not in r[9]:
                doc.text += " "
        head = base + int(r[6]) - 1 if r[6] not in ("0", "_") else -1
        doc.words.append(Word(r[1], r[3], r[2], head, r[7], start, end))
        misc = next((f[7:] for f in r[9].split("|") if f.startswith("Entity=")), "")
        i = len(doc.words) - 1
        for gid, etype, single, closing in entity_events(misc):
            if gid and single:
                doc.chains.setdefault(gid, []).append((i, i))
                doc.types[gid] = etype
            elif gid:
                open_.setdefault(gid, []).append((i, etype))
            elif open_.get(closing):
                first, kind = open_[closing].pop()
                doc.chains.setdefault(closing, []).append((first, i))
                doc.types[closing] = kind
    doc.text = doc.text.rstrip(" ")


def _head(doc: GoldDoc, first: int, last: int) -> int:
    for k in range(first, last + 1):
        if not first <= doc.words[k].head <= last:
            return k
    return last


def targets(doc: GoldDoc) -> Iterator[tuple[str, int, str]]:
    """(set name, head word, chain id) of every scored target of a document."""
    from quotetrack.lexicon import speech_verb

    for gid, spans in doc.chains.items():
        named = [s for s in spans if doc.words[_head(doc, *s)].upos == "PROPN"]
        for first, last in spans:
            h = _head(doc, first, last)
            w = doc.words[h]
            if not any(n[1] < first for n in named):
                continue  # no named antecedent: nothing to link to
            pron = w.form.lower() in PRONOUNS
            definite = w.upos == "NOUN" and first < h and doc.words[first].form.lower() in (
                "the", "this", "that")
            gov = doc.words[w.head] if w.head >= 0 else None
            speech = (w.deprel == "nsubj" and gov is not None and gov.upos == "VERB"
                      and speech_verb(gov.lemma) is not None)
            if speech and (pron or definite):
                yield "speech", h, gid
            if pron and doc.types.get(gid) in ("person", "organization"):
                yield "pronouns", h, gid


def score(split: str = "test", ud_dir: Path = Path("../shared/ud"),
          show: bool = False) -> dict[str, Any]:
    """Accuracy per target set over the open-genre documents of ``split``; with
    ``show``, each miss is printed (target, context, the entities chosen, the gold
    chain's names) for error analysis on train or dev."""
    from quotetrack.evaluate import names_agree
    from quotetrack.extract.coref import Coref
    from quotetrack.extract.syntax import Tree
    from quotetrack.parse import ParserConfig, parse
    from quotetrack.pipeline import extract
    from quotetrack.records import Article

    path = ud_dir / "UD_English-GUM" / f"en_gum-ud-{split}.conllu.gz"
    tally: dict[str, list[int]] = {"speech": [0, 0], "pronouns": [0, 0]}
    for doc in _documents(path, OPEN_GENRES):
        parsed = parse(doc.text, ParserConfig.from_env())
        tree = Tree(parsed)
        result = extract(Article(doc.id, doc.text), parsed)
        quoted = [(p.start, p.end) for q in result.quotes if q.kind == "direct"
                  for p in (q.segments or (q,))]
        coref = Coref.build(tree, quoted)  # as attribution builds it
        for kind, h, gid in targets(doc):
            w = doc.words[h]
            ours = next((t for t in tree.tokens if t.start == w.start), None)
            names: set[str] = set()
            if kind == "speech":
                names = {s for q in result.quotes if q.speaker_mention is not None
                         and q.speaker_mention.start <= w.start < q.speaker_mention.end
                         for s in q.speakers}
            if not names and ours is not None:
                names = {e.name for e in coref.resolve(ours)}
            gold = [(doc.words[a].start, doc.words[b].end) for a, b in doc.chains[gid]]
            named = sorted({doc.text[doc.words[a].start:doc.words[b].end]
                            for a, b in doc.chains[gid]
                            if doc.words[_head(doc, a, b)].upos == "PROPN"})
            hit = any(m.start < e and s < m.end for ent in coref.entities if ent.name in names
                      for m in ent.mentions for s, e in gold) or any(
                names_agree(n, g) for n in names for g in named)  # the chain's own name
            tally[kind][0] += hit
            tally[kind][1] += 1
            if show and not hit:
                context = doc.text[max(0, w.start - 90):w.end + 40].replace("\n", " ")
                print(f"MISS {kind} {doc.id} {w.form!r} chose {sorted(names)} gold {named}"
                      f"\n    {context}")
    return {k: {"accuracy": round(v[0] / v[1], 4) if v[1] else None, "right": v[0],
                "targets": v[1]} for k, v in tally.items()}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.coref_scoring")
    ap.add_argument("--split", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--ud-dir", default=Path("../shared/ud"), type=Path)
    ap.add_argument("--show", action="store_true", help="print each miss (not on test)")
    args = ap.parse_args()
    print(json.dumps(score(args.split, args.ud_dir, args.show), indent=1))
