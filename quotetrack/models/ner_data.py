"""Named-entity training data for the compact NER model, in Stanza's JSON format.

Sources (read-only, ``shared/``): Universal NER for English-EWT (IOB2, dev and test
splits; ``PER``/``ORG``/``LOC``, ``OTH`` dropped) and GUM's entity annotation of the
openly licensed genres (``Entity=`` in MISC; named mentions of ``person``,
``organization`` and ``place`` only), and, when asked for, the team's NER gold
(``fixtures/ner/``: the names listed for each article of the team's news sets and of
its texts in other genres, cut into tokens by the shipped parse adapter).  Splits are by document:

- train: UNER-EWT dev, GUM train (open genres), news-dev and news-dev2..14, and the
  texts written for NER alone in six other genres (genre-ner1..6);
- dev (model selection): GUM dev (open genres), news-dev15;
- test (held out, never trained or tuned on): UNER-EWT test, GUM test (open genres),
  news-dev16..18.

Each output file is a list of sentences, each a list of ``{"text", "ner"}`` tokens
with IOB2 tags over surface tokens (multi-word tokens stay whole), the input of
``stanza.models.ner_tagger``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from quotetrack.lexicon import words as words_of

# Genres whose licence allows training a shipped model (shared/ner/README.md).
OPEN_GENRES = frozenset({"news", "interview", "bio", "voyage", "textbook", "vlog", "speech",
                         "conversation"})
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
UNER_TYPES = {"PER", "ORG", "LOC"}
TYPES = ("PER", "ORG", "LOC")
# An Entity= value is a run of "(ID-type-...)" (one word), "(ID-type-..." (opens) and
# "ID)" (closes), in order.
_EVENT = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")
_JOINERS = {"of", "for", "and", "&", "de", "the", "on"}

Sentence = list[tuple[str, str]]  # (surface token, IOB2 tag)
Tokenizer = Callable[[str], list[list[tuple[int, int]]]]  # text -> sentences' token spans

# The team's NER gold (``fixtures/ner/<set>/``) by set: over the texts of its news
# sets (``fixtures/gold/<set>.jsonl``) and of texts written for NER alone in other
# genres (``fixtures/ner/texts/<set>/``); the blind speaker sets (news-heldout,
# news-heldout2, news-dev19) are in none.
NEWS_SPLITS = {
    "train": ("news-dev", *(f"news-dev{n}" for n in range(2, 15)),
              *(f"genre-ner{n}" for n in range(1, 7))),
    "dev": ("news-dev15",),
    "test": ("news-dev16", "news-dev17", "news-dev18"),
}


def read_uner(path: Path) -> Iterator[Sentence]:
    """Sentences of a UNER IOB2 file; ``OTH`` and unknown types become ``O``."""
    sent: Sentence = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            tag = cols[2]
            if tag != "O" and tag[2:] not in UNER_TYPES:
                tag = "O"
            sent.append((cols[1], tag))
    if sent:
        yield sent


def _rows(block: list[str]) -> list[list[str]]:
    return [ln.split("\t") for ln in block if ln and not ln.startswith("#")]


def _head(words: list[list[str]], lo: int, hi: int) -> int:
    """The syntactic head of mention words ``lo..hi``: its first word whose head lies
    outside the mention or, when that is no proper noun, the proper noun in apposition
    or flat after it (``English captain Harry Kane``, GUM's ``critic`` + flat ``Louis
    Ehlert``)."""
    head = next((k for k in range(lo, hi + 1) if not lo <= int(words[k][6]) - 1 <= hi), lo)
    if words[head][3] == "PROPN":
        return head
    return next((k for k in range(head + 1, hi + 1) if int(words[k][6]) - 1 == head
                 and words[k][7] in ("appos", "flat") and words[k][3] == "PROPN"), head)


def _named_span(words: list[list[str]], lo: int, hi: int, label: str) -> tuple[int, int] | None:
    """The name of mention words ``lo..hi`` (inclusive): the run of capitalised words
    around the mention's head, joined by ``of``/``&`` (for a person without the titles
    and adjectives before the name, ``General``, ``Russian``, and never across ``and``);
    None when the head is not a capitalised proper noun (``the Bush administration``
    names an organisation by a person), or for a person when it is plural or a title
    (``Senate Democrats``, ``Governor of Virginia``) or all title (``the President``)."""
    head = _head(words, lo, hi)
    if words[head][3] != "PROPN" or not words[head][1][:1].isupper():
        return None  # a name is a capitalised proper noun (not a transcription)
    if label == "PER" and (words[head][4] == "NNPS"
                           or words[head][1].lower().rstrip(".") in words_of("titles")):
        return None  # a people or party (``Americans``, ``Senate Democrats``) or an
        # office (``Governor of Virginia``), not a person's name

    def capital(k: int) -> bool:
        w = words[k]
        return w[1][:1].isupper() and (w[3] in ("PROPN", "ADJ", "NOUN", "NUM", "X")
                                       or w[4].startswith("NNP"))

    def title(k: int) -> bool:
        return label == "PER" and (words[k][3] == "ADJ" or words[k][7] == "nmod:desc")

    start = end = head
    while start > lo and capital(start - 1) and not title(start - 1):
        start -= 1
    while end < hi:
        nxt = end + 1
        if capital(nxt) or words[nxt][3] == "PROPN":
            end = nxt
        elif (words[nxt][1].lower() in _JOINERS and nxt < hi and words[nxt + 1][3] == "PROPN"
              and words[nxt][1].lower() != "the"
              and not (label == "PER" and words[nxt][1].lower() in ("and", "&"))):
            end = nxt + 1
        else:
            break
    if label == "PER" and all(words[k][1].lower().rstrip(".") in words_of("titles")
                              for k in range(start, end + 1)):
        return None  # "the President": a title, no name
    return start, end


def entity_events(misc: str) -> list[tuple[str, str, bool, str]]:
    """(opened id, type, closes on the same word, closed id) for each event of an
    ``Entity=`` value, in order: ``(4-abstract-...(5-object-...-coref)`` opens 4 and
    opens-and-closes 5; ``4)3)`` closes 4 then 3."""
    return [(m.group(1) or "", m.group(2) or "", bool(m.group(3)), m.group(4) or "")
            for m in _EVENT.finditer(misc)]


def _mentions(words: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first, last, GUM type) of every entity mention in a sentence's words."""
    stack: dict[str, list[tuple[int, str]]] = {}
    out: list[tuple[int, int, str]] = []
    for k, w in enumerate(words):
        misc = next((f[len("Entity="):] for f in w[9].split("|") if f.startswith("Entity=")),
                    "")
        for gid, etype, single, closing in entity_events(misc):
            if gid and single:  # "(3-person-...)": opens and closes on this word
                out.append((k, k, etype))
            elif gid:
                stack.setdefault(gid, []).append((k, etype))
            elif stack.get(closing):
                first, kind = stack[closing].pop()
                out.append((first, k, kind))
    return out


def gum_tags(block: list[str]) -> Sentence:
    """IOB2 tags over a GUM sentence's surface tokens (named PER/ORG/LOC mentions)."""
    rows = _rows(block)
    words = [r for r in rows if r[0].isdigit()]
    tags = ["O"] * len(words)
    spans = sorted(_mentions(words), key=lambda m: (m[0], -(m[1] - m[0])))
    for first, last, etype in spans:
        label = GUM_TYPES.get(etype)
        named = _named_span(words, first, last, label) if label else None
        if label is None or named is None or any(t != "O" for t in tags[named[0]:named[1] + 1]):
            continue  # outermost named mention wins; nested names stay inside it
        a, b = named
        tags[a:b + 1] = [f"B-{label}"] + [f"I-{label}"] * (b - a)
    return _surface(rows, words, tags)


def _surface(rows: list[list[str]], words: list[list[str]], tags: list[str]) -> Sentence:
    """Collapse multi-word tokens (``1-2 don't``) into one token with the first tag."""
    index = {r[0]: n for n, r in enumerate(words)}
    out: Sentence = []
    skip: set[str] = set()
    for r in rows:
        if "-" in r[0]:
            a, b = r[0].split("-")
            out.append((r[1], tags[index[a]]))
            skip.update(str(i) for i in range(int(a), int(b) + 1))
        elif r[0].isdigit() and r[0] not in skip:
            out.append((r[1], tags[index[r[0]]]))
    return out


def read_gum(path: Path, genres: frozenset[str] = OPEN_GENRES) -> Iterator[Sentence]:
    """Sentences of the GUM documents of ``genres`` in one split file."""
    genre = ""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        blocks = fh.read().split("\n\n")
    for raw in blocks:
        block = raw.strip("\n").split("\n")
        for line in block:
            if line.startswith("# meta::genre = "):
                genre = line.split("= ", 1)[1].strip()
        if genre in genres and any(ln and ln[0].isdigit() for ln in block):
            yield gum_tags(block)


def name_spans(text: str, names: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Character spans (start, end, type) of every whole-word occurrence in ``text`` of
    each listed ``(name, type)``, longer names first, none overlapping another."""
    taken = [False] * len(text)
    out: list[tuple[int, int, str]] = []
    for name, kind in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(re.escape(name), text):
            a, b = m.span()
            whole = (a == 0 or not text[a - 1].isalnum()) and (
                b == len(text) or not text[b].isalnum() or name[-1:] == ".")
            if whole and not any(taken[a:b]):
                taken[a:b] = [True] * (b - a)
                out.append((a, b, kind))
    return sorted(out)


def tag_sentences(text: str, sentences: list[list[tuple[int, int]]],
                  names: list[tuple[int, int, str]]) -> Iterator[Sentence]:
    """IOB2 tags over tokens given as character spans: a token starting inside a
    name's span carries its type (``B-`` on the name's first token)."""
    for sent in sentences:
        tagged: Sentence = []
        last: tuple[int, int, str] | None = None
        for start, end in sent:
            hit = next((n for n in names if n[0] <= start < n[1]), None)
            tagged.append((text[start:end], "O" if hit is None else
                           ("I-" if hit == last else "B-") + hit[2]))
            last = hit
        yield tagged


def read_news(gold: Path, annotations: Path, tokenize: Tokenizer) -> Iterator[Sentence]:
    """Sentences of a team news set: the texts of ``gold`` (eval JSONL, ``id`` and
    ``text``) cut by ``tokenize``, tagged with the names listed for each article in
    ``annotations/<id>.json`` (``{"entities": [{"text", "type"}]}``, every occurrence
    of a listed string counts)."""
    for line in gold.read_text("utf-8").splitlines():
        doc = json.loads(line)
        yield from _tagged(doc["text"], annotations / f"{doc['id']}.json", tokenize)


def read_texts(texts: Path, annotations: Path, tokenize: Tokenizer) -> Iterator[Sentence]:
    """Sentences of a set written for NER alone: each ``texts/<name>.txt`` tagged with
    the names listed in ``annotations/<name>.json`` (as ``read_news``)."""
    for path in sorted(texts.glob("*.txt")):
        yield from _tagged(path.read_text("utf-8"), annotations / f"{path.stem}.json",
                           tokenize)


def _tagged(text: str, listing: Path, tokenize: Tokenizer) -> Iterator[Sentence]:
    listed = json.loads(listing.read_text("utf-8"))
    names = [(e["text"], e["type"]) for e in listed["entities"] if e["type"] in TYPES]
    return tag_sentences(text, tokenize(text), name_spans(text, names))


def parsed_tokens(text: str) -> list[list[tuple[int, int]]]:
    """The character spans of each sentence's surface tokens as the shipped parse
    adapter cuts ``text`` (so training sees the tokens the model will tag)."""
    from quotetrack.parse import ParserConfig, parse

    doc = parse(text, ParserConfig.from_env())
    out: list[list[tuple[int, int]]] = []
    for sent in doc.sentences:
        spans: list[tuple[int, int]] = []
        for tok in sent.tokens:
            if not spans or spans[-1] != (tok.start, tok.end):
                spans.append((tok.start, tok.end))
        out.append(spans)
    return out


def _news(fixtures: Path | None, split: str, tokenize: Tokenizer) -> list[Sentence]:
    if fixtures is None:
        return []
    return [s for name in NEWS_SPLITS[split] for s in _read_set(fixtures, name, tokenize)]


def _read_set(fixtures: Path, name: str, tokenize: Tokenizer) -> Iterator[Sentence]:
    gold = fixtures / "gold" / f"{name}.jsonl"
    if gold.exists():
        return read_news(gold, fixtures / "ner" / name, tokenize)
    return read_texts(fixtures / "ner" / "texts" / name, fixtures / "ner" / name, tokenize)


def build(shared: Path, out: Path, limit: int | None = None, fixtures: Path | None = None,
          tokenize: Tokenizer = parsed_tokens) -> dict[str, int]:
    """Write ``train.json``, ``dev.json``, ``test.json`` (and per-source test files)
    under ``out``, each cut to ``limit`` sentences if given; returns the sentence
    count of each file.  With ``fixtures`` (the repository's folder) the team's news
    NER gold joins each split by set (``NEWS_SPLITS``)."""
    uner = shared / "ner" / "UNER_English-EWT"
    gum = shared / "ud" / "UD_English-GUM"
    parts = {
        "train": [*read_uner(uner / "en_ewt-ud-dev.iob2.gz"),
                  *read_gum(gum / "en_gum-ud-train.conllu.gz"),
                  *_news(fixtures, "train", tokenize)],
        "dev": [*read_gum(gum / "en_gum-ud-dev.conllu.gz"), *_news(fixtures, "dev", tokenize)],
        "test-uner": list(read_uner(uner / "en_ewt-ud-test.iob2.gz")),
        "test-gum": list(read_gum(gum / "en_gum-ud-test.conllu.gz")),
        "test-news": _news(fixtures, "test", tokenize),
    }
    parts["test"] = parts["test-uner"] + parts["test-gum"] + parts["test-news"]
    if limit is not None:
        parts = {name: sents[:limit] for name, sents in parts.items()}
    out.mkdir(parents=True, exist_ok=True)
    for name, sents in parts.items():
        data = [[{"text": w, "ner": t} for w, t in s] for s in sents if s]
        (out / f"{name}.json").write_text(json.dumps(data), "utf-8")
    return {name: len(s) for name, s in parts.items()}


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1]), Path(sys.argv[2]),
                fixtures=Path(sys.argv[3]) if len(sys.argv) > 3 else None))
