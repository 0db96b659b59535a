"""Span F1 of an NER model, per type and overall, on gold-tokenised sentences.

``python -m quotetrack.models.ner_scoring MODEL.pt build/ner-data/test.json`` runs the
model through Stanza's pipeline on the gold tokens (``tokenize_pretokenized``) and
compares entity spans exactly (type and boundaries), as CoNLL scoring does.  A model
trained with word vectors reads them from ``--vectors PRETRAIN.pt``, else from the
shipped file name beside the model.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Span = tuple[int, int, int, str]  # sentence, first token, last token, type


def spans(tags: Sequence[Sequence[str]]) -> set[Span]:
    """Entity spans of IOB2 or BIOES tag sequences (one sequence per sentence)."""
    out: set[Span] = set()
    for s, seq in enumerate(tags):
        start, kind = -1, ""
        for k, tag in enumerate([*seq, "O"]):
            inside = tag[:2] in ("I-", "E-") and tag[2:] == kind and start >= 0
            if inside:
                continue
            if start >= 0:
                out.add((s, start, k - 1, kind))
            start, kind = (k, tag[2:]) if tag[:2] in ("B-", "S-") or tag[:2] in (
                "I-", "E-") else (-1, "")
        # BIOES "E-"/"S-" close their span at the next token, which the loop handles
    return out


def f1(gold: set[Span], pred: set[Span], kind: str | None = None) -> dict[str, float]:
    """Precision, recall and F1 of ``pred`` against ``gold`` (one type or all)."""
    g = {s for s in gold if kind is None or s[3] == kind}
    p = {s for s in pred if kind is None or s[3] == kind}
    hit = len(g & p)
    prec = hit / len(p) if p else 0.0
    rec = hit / len(g) if g else 0.0
    return {"p": round(prec, 4), "r": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if hit else 0.0, "gold": len(g)}


def vectors_for(model: Path, vectors: Path | None = None) -> str:
    """The word-vector file for ``model``: ``vectors``, else the shipped file name in
    the model's folder, else none ("")."""
    from quotetrack.parse import VECTORS_FILE

    found = vectors or model.parent / VECTORS_FILE
    return str(found) if found.exists() else ""


def predict(model: Path, sentences: list[list[str]], vectors: Path | None = None
            ) -> list[list[str]]:
    """NER tags of pre-tokenised sentences with the model at ``model``."""
    import tempfile

    import stanza

    home = tempfile.mkdtemp(prefix="qt-ner-")
    Path(home, "resources.json").write_text("{}\n", "utf-8")  # Stanza needs the file
    nlp = stanza.Pipeline(lang="en", dir=home, processors="tokenize,ner",
                          tokenize_pretokenized=True, ner_model_path=str(model),
                          ner_pretrain_path=vectors_for(model, vectors),
                          ner_forward_charlm_path="",
                          ner_backward_charlm_path="", download_method=None,
                          allow_unknown_language=True, use_gpu=False, logging_level="ERROR")
    doc = nlp(sentences)
    return [[t.ner for t in s.tokens] for s in doc.sentences]


def score(model: Path, data: Path, types: Sequence[str] = ("PER", "ORG", "LOC"),
          vectors: Path | None = None) -> dict[str, Any]:
    """Per-type and overall span scores of ``model`` on a ``ner_data`` JSON file."""
    sents = json.loads(data.read_text("utf-8"))
    words = [[t["text"] for t in s] for s in sents]
    gold = spans([[t["ner"] for t in s] for s in sents])
    pred = {s for s in spans(predict(model, words, vectors)) if s[3] in types}
    out: dict[str, Any] = {k: f1(gold, pred, k) for k in types}
    out["overall"] = f1(gold, pred)
    out["confusions"] = dict(Counter(
        f"{g[3]}->{p[3]}" for g in gold for p in pred if g[:3] == p[:3] and g[3] != p[3]))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: MODEL DATA... [--vectors PRETRAIN.pt]."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.ner_scoring")
    ap.add_argument("model", type=Path)
    ap.add_argument("data", type=Path, nargs="+")
    ap.add_argument("--vectors", type=Path)
    a = ap.parse_args(argv)
    result = {d.stem: score(a.model, d, vectors=a.vectors) for d in a.data}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
