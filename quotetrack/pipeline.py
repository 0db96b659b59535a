"""The one place that composes the stages: text -> parse -> quotes -> attribution."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import tee

from quotetrack import EXTRACTOR_VERSION
from quotetrack.extract.nesting import attribute_nested
from quotetrack.extract.quotes import Scope, find_quotes
from quotetrack.extract.syntax import Tree
from quotetrack.parse import ParserConfig, parse_many
from quotetrack.records import Article, ArticleResult, ParsedDoc, Quote, Speaker


def extract(article: Article, doc: ParsedDoc, include_fragments: bool = False,
            scope: Scope = "claims") -> ArticleResult:
    """Quotes and speakers of one parsed article (pure; never raises on odd text).

    ``scope`` is ``claims`` (what people said or asserted) or ``attributions``
    (also beliefs, intentions and stances; see ``quotes.find_quotes``).  Quotes nested
    in a direct quote (and fragments) come back only with ``include_fragments``.
    """
    tree = Tree(doc)  # the dependency index, built once for both stages
    spans = find_quotes(doc, include_fragments=include_fragments, scope=scope, tree=tree)
    quotes, speakers = attribute_nested(doc, spans, tree)  # attribution, inner quotes apart
    if not include_fragments:
        quotes, speakers = _outermost(quotes, speakers)
    return ArticleResult(article, tuple(quotes), tuple(speakers), doc.model, EXTRACTOR_VERSION)


def _outermost(quotes: list[Quote], speakers: list[Speaker]
               ) -> tuple[list[Quote], list[Speaker]]:
    """The quotes that no direct quote of the article contains (speech nested in a
    quotation is the outer speaker's words, not a quote of its own: news annotation
    counts it so), and the speakers the dropped ones alone named dropped too."""
    direct = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    kept = [q for q in quotes if not any(a <= q.start and q.end <= b and (a, b) != (
        q.start, q.end) for a, b in direct)]
    named = {n for q in kept for n in q.speakers}
    gone = {n for q in quotes if q not in kept for n in q.speakers} - named
    return kept, [s for s in speakers if s.name not in gone]


def process_many(articles: Iterable[Article], config: ParserConfig | None = None,
                 include_fragments: bool = False, scope: Scope = "claims"
                 ) -> Iterator[ArticleResult]:
    """Parse in Stanza batches and extract, streaming one result per article in order."""
    mine, texts = tee(articles)
    docs = parse_many((a.text for a in texts), config)
    for article, doc in zip(mine, docs, strict=True):
        yield extract(article, doc, include_fragments, scope)


def process(article: Article, config: ParserConfig | None = None) -> ArticleResult:
    """One article end to end."""
    return next(process_many([article], config))
