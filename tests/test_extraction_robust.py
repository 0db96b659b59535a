"""Extraction never raises: random text, stray marks, empty input, real news."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrack.parse import ParserConfig, parse_many
from quotetrack.pipeline import extract
from quotetrack.records import Article, Quote
from tests.nlp import run

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "train.jsonl"
MARKS = list("\"'“”‘’«»„‚‹›`")


def own_words(text: str, q: Quote) -> str:
    """What ``q.text`` must hold: its extent, or its pieces joined with `` … ``."""
    if q.segments:
        return " \u2026 ".join(text[s.start:s.end] for s in q.segments)
    return text[q.start:q.end]


def check_invariants(text: str) -> None:
    for q in run(text, include_fragments=True).quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert own_words(text, q) == q.text
        for s in q.segments:
            assert q.start <= s.start < s.end <= q.end
        if q.speaker_mention:
            assert text[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["He said", "“We", "won,”", "she", "told", "reporters.",
                                 "\n\n", "that", "the", "plan", "failed", ":", "'", "\"",
                                 "«", "»", "according to", "Smith", "‘", "’", ""]),
                max_size=30).map(" ".join))
def test_extraction_never_raises_on_quote_soup(text: str) -> None:
    check_invariants(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(MARKS), max_size=120))
def test_extraction_never_raises_on_random_unicode(text: str) -> None:
    check_invariants(text)


def _polnear_articles() -> list[Article]:
    docs = [json.loads(line) for line in POLNEAR.read_text("utf-8").splitlines() if line]
    if os.environ.get("QUOTETRACK_FULL") != "1":
        docs = docs[::28]  # a spread of 30 articles; QUOTETRACK_FULL=1 runs all 840
    return [Article(str(d["id"]), d["text"]) for d in docs]


@pytest.mark.skipif(not POLNEAR.exists(), reason=f"PolNeAR not found at {POLNEAR}")
def test_extraction_never_raises_on_polnear_train() -> None:
    articles = _polnear_articles()
    docs = parse_many((a.text for a in articles), ParserConfig(batch_docs=8))
    total = 0
    for article, doc in zip(articles, docs, strict=True):
        result = extract(article, doc)
        total += len(result.quotes)
        for quote in result.quotes:
            assert own_words(article.text, quote) == quote.text
    assert total > len(articles)  # news articles quote people
