"""Hand-annotated gold fixtures: schema, offsets, kinds, speakers, reproducibility."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

GOLD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("gum-*.jsonl"))
KINDS = {"direct", "mixed", "indirect"}
SPEAKER_KINDS = {"person", "organization", "group"}
QUOTE_KEYS = {"start", "end", "text", "kind", "speaker", "speakers", "speaker_kind",
              "speaker_mention", "cue"}


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def assert_span(text: str, span: dict[str, Any]) -> None:
    start, end = span["start"], span["end"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    assert text[start:end] == span["text"]
    assert span["text"].strip() == span["text"], f"untrimmed span {span['text']!r}"


def load_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, GOLD_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_gold_files_exist() -> None:
    assert GOLD_FILES, "no fixtures/gold/gum-*.jsonl"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_records_schema_and_offsets(path: Path) -> None:
    ids = set()
    for record in records(path):
        assert record["id"] not in ids
        ids.add(record["id"])
        assert record["source"] == "gum" and record["meta"]["split"] in {"train", "dev"}
        assert record["meta"]["genre"] in {"news", "interview"}
        text = record["text"]
        for quote in record["quotes"]:
            assert QUOTE_KEYS <= quote.keys()
            assert_span(text, quote)
            assert quote["kind"] in KINDS
            assert quote["speaker"].strip() and quote["speakers"][0] == quote["speaker"]
            assert quote["speaker_kind"] in SPEAKER_KINDS
            for span in (quote["speaker_mention"], quote["cue"], *quote.get("segments", [])):
                if span is not None:
                    assert_span(text, span)
            segments = quote.get("segments")
            if segments:
                assert len(segments) > 1
                assert (segments[0]["start"], segments[-1]["end"]) == (quote["start"],
                                                                       quote["end"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_kinds_follow_the_marks(path: Path) -> None:
    """A direct quote's span excludes its marks; a mixed one holds a double mark."""
    for record in records(path):
        for quote in record["quotes"]:
            if quote["kind"] == "mixed":
                assert '"' in quote["text"], quote["text"]
            if quote["kind"] == "direct":
                assert not quote["text"].startswith('"'), quote["text"]


def test_gum_gold_rebuilds_from_sheet_and_treebank() -> None:
    """The JSONL is exactly what the annotation sheet and the treebank produce."""
    builder = load_module("build_gum_texts")
    if not builder.conllu_path(builder.DEFAULT_UD_DIR, "train").exists():
        pytest.skip("UD English-GUM is not available here")
    maker = load_module("make_gum_gold")
    rebuilt = maker.build()
    assert rebuilt == records(GOLD_DIR / "gum-dev.jsonl")
    assert builder.check(GOLD_DIR / "gum-dev.jsonl", builder.DEFAULT_UD_DIR) == []


def test_gum_texts_refuse_the_test_split() -> None:
    builder = load_module("build_gum_texts")
    with pytest.raises(ValueError):
        builder.conllu_path(builder.DEFAULT_UD_DIR, "test")


def test_news_gold_rebuilds_from_sheet_and_texts() -> None:
    """The written-news JSONL is exactly what its sheet and texts produce, every span
    checked, and its records keep the eval schema."""
    maker = load_module("make_news_gold")
    rebuilt = maker.build()
    assert rebuilt == records(GOLD_DIR / "news-dev.jsonl")
    assert maker.check(rebuilt) == []
    for record in rebuilt:
        assert record["source"] == "written" and record["meta"]["genre"] in {"news", "opinion"}
        for quote in record["quotes"]:
            assert QUOTE_KEYS <= quote.keys() and quote["kind"] in KINDS
            assert_span(record["text"], quote)
            assert quote["speaker_kind"] in SPEAKER_KINDS


# Each further written-news set in the order they were written (``make_news_gold.SETS``
# names); a set must not repeat the documents of ``news-dev.jsonl`` or of any set before it.
LATER_NEWS_ORDER = ["heldout", "heldout2", *(f"dev{n}" for n in range(2, 23))]
LATER_NEWS_SETS = [(name, ("news-dev.jsonl", *(f"news-{before}.jsonl"
                                               for before in LATER_NEWS_ORDER[:k])))
                   for k, name in enumerate(LATER_NEWS_ORDER)]


@pytest.mark.parametrize("name, earlier_files", LATER_NEWS_SETS)
def test_later_news_gold_rebuilds_from_sheet_and_texts(name: str,
                                                       earlier_files: tuple[str, ...]) -> None:
    """Each later written-news JSONL (held out, or development) is exactly what its own
    sheet and texts produce, every span checked, its documents are new and its records
    keep the eval schema."""
    maker = load_module("make_news_gold")
    sheet, texts, out = maker.SETS[name]
    rebuilt = maker.build(sheet, texts)
    assert rebuilt == records(out)
    assert maker.check(rebuilt) == []
    assert {record["id"] for record in rebuilt} == {p.stem for p in texts.glob("*.txt")}
    earlier = {record["id"] for file in earlier_files for record in records(GOLD_DIR / file)}
    assert not earlier & {record["id"] for record in rebuilt}
    for record in rebuilt:
        assert record["source"] == "written" and record["meta"]["genre"] in {"news", "opinion"}
        assert record["meta"]["license"] == maker.LICENSE
        for quote in record["quotes"]:
            assert QUOTE_KEYS <= quote.keys() and quote["kind"] in KINDS
            assert_span(record["text"], quote)
            assert quote["speaker"].strip() and quote["speakers"][0] == quote["speaker"]
            assert quote["speaker_kind"] in SPEAKER_KINDS
            for span in (quote["speaker_mention"], quote["cue"], *quote.get("segments", [])):
                if span is not None:
                    assert_span(record["text"], span)
