"""One ``ArticleResult`` -> rows, inside the caller's transaction.

The caller (``Store.save``) owns the transaction, so an article and its quotes are
written together or not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.errors import StoreError
from quotetrack.readers import is_clean
from quotetrack.records import Article, ArticleResult, Quote
from quotetrack.store.convert import article_fields, norm_text
from quotetrack.store.schema import ArticleRow, QuoteRow, QuoteSpeakerRow
from quotetrack.store.speakers import Resolver


def free_id(session: Session, wanted: str, text_hash: str) -> str:
    """``wanted``, or ``wanted~<hash prefix>`` when another text already has that id.

    Two different files called ``article.txt`` must not overwrite each other.
    """
    taken = session.scalar(select(ArticleRow.id).where(ArticleRow.id == wanted))
    return wanted if taken is None else f"{wanted}~{text_hash[:12]}"


def check_storable(article: Article) -> None:
    """StoreError unless the article's text fields are clean (``readers.clean_text``):
    both dialects refuse NUL and other control characters alike, where PostgreSQL
    alone would refuse NUL and SQLite would keep it.  Readers clean every article."""
    fields = (article.id, article.text, article.url, article.title, article.outlet)
    if not all(is_clean(f) for f in fields if f is not None):
        raise StoreError(f"article {article.id[:60]!r} holds control characters (NUL, CR,"
                         " ...); pass its text through quotetrack.readers.clean_text first")


def quote_row(quote: Quote, article_id: str) -> QuoteRow:
    """The ``quotes`` row of one attributed quote (speakers are linked separately)."""
    cue, mention = quote.cue, quote.speaker_mention
    return QuoteRow(
        article_id=article_id, kind=quote.kind, text=quote.text,
        norm_text=norm_text(quote.text), start=quote.start, end=quote.end,
        paragraph=quote.paragraph, sentence=quote.sentence,
        cue_text=cue.text if cue else None, cue_lemma=cue.lemma if cue else None,
        cue_start=cue.start if cue else None, cue_end=cue.end if cue else None,
        negated=bool(cue and cue.negated), stance=quote.stance,
        speaker_mention_text=mention.text if mention else None,
        speaker_mention_start=mention.start if mention else None,
        speaker_mention_end=mention.end if mention else None,
        role=quote.role, method=quote.method, confidence=float(quote.confidence),
        flags=list(quote.flags),
    )


def _speaker_ids(resolver: Resolver, quote: Quote, kinds: dict[str, str]) -> list[int]:
    """Speaker ids of a quote, main speaker first, without repeats."""
    names = ([quote.speaker] if quote.speaker else []) + list(quote.speakers)
    ids: list[int] = []
    for name in names:
        kind = kinds.get(name) or (quote.speaker_kind if name == quote.speaker else "unknown")
        speaker_id = resolver.resolve(name, kind)
        if speaker_id is not None and speaker_id not in ids:
            ids.append(speaker_id)
    return ids


def write(session: Session, result: ArticleResult, text_hash: str) -> str:
    """Add the article, its speakers and quotes to ``session``; returns the stored id."""
    article = result.article
    check_storable(article)
    article_id = free_id(session, article.id, text_hash)
    session.add(ArticleRow(
        id=article_id, text=article.text, text_hash=text_hash,
        ingested_at=datetime.now(UTC).replace(tzinfo=None), model=result.model,
        extractor_version=result.extractor_version, **article_fields(article)))
    session.flush()
    resolver = Resolver(session)
    kinds: dict[str, str] = {s.name: s.kind for s in result.speakers}
    for speaker in result.speakers:
        resolver.resolve(speaker.name, speaker.kind, speaker.aliases)
    for quote in result.quotes:
        row = quote_row(quote, article_id)
        row.links = [QuoteSpeakerRow(position=position, speaker_id=speaker_id)
                     for position, speaker_id in enumerate(_speaker_ids(resolver, quote, kinds))]
        session.add(row)
    session.flush()
    return article_id
