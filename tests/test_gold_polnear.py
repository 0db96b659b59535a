"""The hand-annotated PolNeAR dev speaker gold (fixtures/gold/polnear-dev-speakers.jsonl).

Schema checks always run; the checks against the PolNeAR dev data run when
``../shared/eval/polnear/dev.jsonl`` (relative to the repository root) is present.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "fixtures" / "gold" / "polnear-dev-speakers.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
KEYS = {"start", "end", "mention", "speaker", "speakers", "speaker_named", "statement",
        "speaker_kind"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("join_polnear",
                                                  ROOT / "fixtures" / "gold" / "join_polnear.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _dev() -> list[dict[str, Any]]:
    if not DEV.is_file():
        pytest.skip(f"PolNeAR dev data not found at {DEV} (read-only shared data)")
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_schema() -> None:
    docs = _gold()
    quotes = [q for d in docs for q in d["quotes"]]
    assert len(quotes) >= 300
    assert all(d["source"] == "polnear" and "text" not in d for d in docs)
    for q in quotes:
        assert KEYS <= set(q) <= KEYS | {"note"}
        assert isinstance(q["statement"], bool) and isinstance(q["speaker_named"], bool)
        if q["speaker"] is None:
            assert q["speakers"] == [] and not q["speaker_named"] and not q["statement"]
        else:
            assert q["speakers"][0] == q["speaker"]
    assert _script().schema_problems({"id": "x", "source": "polnear", "quotes": [
        {"start": 5, "end": 2, "speaker": "A", "speakers": ["B"], "speaker_named": 1,
         "statement": True, "speaker_kind": "robot"}]}) != []
    assert [p for d in docs for p in _script().schema_problems(d)] == []


def test_every_annotation_matches_a_dev_quote() -> None:
    dev, gold = _dev(), _gold()
    assert [d["id"] for d in gold] == [d["id"] for d in dev[:len(gold)]]
    joined = _script().join(gold, dev)
    assert sum(len(d["quotes"]) for d in joined) == sum(len(d["quotes"]) for d in gold)
    for doc in joined:
        for q in doc["quotes"]:
            assert doc["text"][q["start"]:q["end"]] == q["text"]
            assert "statement" in q


def test_statements_only_and_mismatch() -> None:
    dev, gold = _dev(), _gold()
    kept = _script().join(gold, dev, statements_only=True)
    n_true = sum(q["statement"] for d in gold for q in d["quotes"])
    assert sum(len(d["quotes"]) for d in kept) == n_true
    assert all(q["statement"] for d in kept for q in d["quotes"])
    broken = [{**gold[0], "quotes": [{**gold[0]["quotes"][0], "start": -1},
                                     *gold[0]["quotes"][1:]]}]
    with pytest.raises(ValueError, match="no dev quote"):
        _script().join(broken, dev)
