"""The one place that composes the stages: text -> parse -> quotes -> attribution."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import tee

from quotetrack import EXTRACTOR_VERSION
from quotetrack.extract.nesting import attribute_nested, outermost
from quotetrack.extract.quotes import Scope, find_quotes
from quotetrack.extract.syntax import Tree
from quotetrack.parse import ParserConfig, parse_many
from quotetrack.records import Article, ArticleResult, ParsedDoc


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
        quotes, speakers = outermost(quotes, speakers)
    return ArticleResult(article, tuple(quotes), tuple(speakers), doc.model, EXTRACTOR_VERSION)


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
