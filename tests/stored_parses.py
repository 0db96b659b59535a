"""Parses recorded under ``fixtures/parses/`` (``record.py``), read back as ``ParsedDoc``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from quotetrack.records import ParsedDoc, Sentence, Token

PARSES = Path(__file__).resolve().parent.parent / "fixtures" / "parses"


def _sentence(s: dict[str, Any], para: int) -> Sentence:
    tokens = tuple(Token(sent=s["index"], para=para, **w) for w in s["words"])
    return Sentence(s["index"], para, s["start"], s["end"], tokens[0].i, tokens)


@cache
def stored(name: str) -> tuple[ParsedDoc, ...]:
    """Every parse in ``fixtures/parses/NAME.jsonl``, in order (read once per run)."""
    docs = []
    for line in (PARSES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        sentences = tuple(_sentence(s, s["paragraph"]) for s in d["sentences"])
        docs.append(ParsedDoc(d["text"], sentences,
                              tuple(tuple(p) for p in d["paragraphs"]), d["model"]))
    return tuple(docs)
