"""Helpers for tests that run the real shipped Stanza model (loaded once per process)."""

from __future__ import annotations

from functools import lru_cache

from quotetrack.parse import ParserConfig, parse
from quotetrack.pipeline import extract
from quotetrack.records import Article, ArticleResult, ParsedDoc

CONFIG = ParserConfig(models="compact", threads=1)


@lru_cache(maxsize=256)
def parsed(text: str) -> ParsedDoc:
    """The shipped model's parse of ``text`` (cached: texts repeat across tests)."""
    return parse(text, CONFIG)


def run(text: str, include_fragments: bool = False) -> ArticleResult:
    """Parse and extract one text."""
    return extract(Article("t", text), parsed(text), include_fragments)


def with_ner(doc: ParsedDoc, tags: dict[str, str]) -> ParsedDoc:
    """``doc`` with every word spelt as a key of ``tags`` given that NER tag (the tags a
    sharper model gives, for repairs the shipped model's tags do not reach)."""
    from dataclasses import replace

    return replace(doc, sentences=tuple(replace(s, tokens=tuple(
        replace(t, ner=tags.get(t.text, t.ner)) for t in s.tokens)) for s in doc.sentences))
