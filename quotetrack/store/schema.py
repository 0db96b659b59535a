"""The SQL schema as a typed SQLAlchemy 2 ORM (portable types only).

Changes reach a database only through Alembic (``migrations/``); a test checks that
these models and the migrated database agree.  Dialect-only objects (the full-text
objects named in ``FULLTEXT_OBJECTS``, the reporting views) live in the migrations, not
here.

Invariants: a quote always has its article (FK, ``ON DELETE CASCADE``); an alias key
belongs to exactly one speaker; ``articles.text_hash`` is unique, which makes
ingest idempotent.  Datetimes are naive UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
QUOTE_KINDS = ("direct", "mixed", "indirect")
# Made by hand per dialect in the migrations, so no model describes them (prefixes):
# SQLite's FTS5 table and its shadow tables; PostgreSQL's GIN index and the stored
# ``quotes.search_vector`` it indexes.
FULLTEXT_OBJECTS = ("quotes_fts", "ix_quotes_fts", "search_vector")
SPEAKER_KINDS = ("person", "organization", "group", "unknown")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """Declarative base with a naming convention (batch migrations need names)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {datetime: DateTime(), str: String()}


class ArticleRow(Base):
    """One ingested article; ``id`` is the input's own id."""

    __tablename__ = "articles"
    # the speaker + dates listing finds its quotes from indexes alone (migration 0006)
    __table_args__ = (Index("ix_articles_published_at_id", "published_at", "id"),
                      Index("ix_articles_id_published_at", "id", "published_at"))

    id: Mapped[str] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(index=True)
    published_at: Mapped[datetime | None]
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime]
    model: Mapped[str] = mapped_column()
    extractor_version: Mapped[str] = mapped_column()

    quotes: Mapped[list[QuoteRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise")


class SpeakerRow(Base):
    """A speaker identity shared by every article that quotes them."""

    __tablename__ = "speakers"
    __table_args__ = (CheckConstraint(_one_of("kind", SPEAKER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise")


class AliasRow(Base):
    """A normalised name key (see ``names.name_key``) -> its speaker.

    ``text`` is the spelling first seen; ``surname`` (people only) lets a later
    ``Lavrov`` or ``Sergey Lavrov`` find ``Sergei Lavrov``.
    """

    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(unique=True)
    text: Mapped[str]
    surname: Mapped[str | None] = mapped_column(index=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True)

    speaker: Mapped[SpeakerRow] = relationship(back_populates="aliases", lazy="raise")


class QuoteRow(Base):
    """One quote or reported claim; offsets index ``articles.text`` (end exclusive)."""

    __tablename__ = "quotes"
    __table_args__ = (CheckConstraint(_one_of("kind", QUOTE_KINDS), name="kind"),
                      Index("ix_quotes_article_id_start_id", "article_id", "start", "id"),
                      Index("ix_quotes_id_article_id_start", "id", "article_id", "start"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    norm_text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    paragraph: Mapped[int]
    sentence: Mapped[int]
    cue_text: Mapped[str | None]
    cue_lemma: Mapped[str | None] = mapped_column(index=True)
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    negated: Mapped[bool] = mapped_column(Boolean)
    stance: Mapped[str | None]
    speaker_mention_text: Mapped[str | None]
    speaker_mention_start: Mapped[int | None]
    speaker_mention_end: Mapped[int | None]
    role: Mapped[str | None]
    method: Mapped[str]
    confidence: Mapped[float] = mapped_column(Float)
    flags: Mapped[list[str]] = mapped_column(JSON)

    article: Mapped[ArticleRow] = relationship(back_populates="quotes", lazy="raise")
    links: Mapped[list[QuoteSpeakerRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise",
        order_by="QuoteSpeakerRow.position")


class QuoteSpeakerRow(Base):
    """Who said a quote: ``position`` 0 is the main speaker, then co-speakers."""

    __tablename__ = "quote_speakers"
    __table_args__ = (UniqueConstraint("quote_id", "speaker_id"),
                      Index("ix_quote_speakers_speaker_id_quote_id", "speaker_id", "quote_id"))

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))


VARIANT_RELATIONS = ("exact", "truncated", "extended", "similar")
AFFILIATION_SOURCES = ("role", "co-speaker", "manual")


class VariantClusterRow(Base):
    """Quotes that are one statement in several articles (see ``store/variants.py``).

    ``first_quote_id`` is the earliest appearance: earliest ``published_at``
    (undated last), then ingest order (quote id); kept current on every link.
    """

    __tablename__ = "variant_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"), index=True)


class QuoteVariantRow(Base):
    """A quote's membership in a cluster: ``relation`` and ``similarity`` say how it
    matched ``matched_quote_id`` when it was linked (``wording.compare``)."""

    __tablename__ = "quote_variants"
    __table_args__ = (CheckConstraint(_one_of("relation", VARIANT_RELATIONS),
                                      name="relation"),)

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("variant_clusters.id", ondelete="CASCADE"), index=True)
    matched_quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"))
    relation: Mapped[str] = mapped_column(String(16))
    similarity: Mapped[float] = mapped_column(Float)


class QuoteKeyRow(Base):
    """Blocking keys (``wording.blocking_keys``): the index that finds variant
    candidates without scanning quotes."""

    __tablename__ = "quote_keys"

    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True)


class AffiliationRow(Base):
    """Speaker ``speaker_key`` speaks for (or with) ``affiliate_key``: a chain, not a
    conflict.  Both are alias keys (``names.name_key``), so the relation follows a
    speaker through merges and renames.  ``source``: ``role`` (the quote's role
    names the affiliate: "a spokesman for the Kremlin"), ``co-speaker`` (one quote
    names both) or ``manual``; ``quote_id`` is the evidence."""

    __tablename__ = "speaker_affiliations"
    __table_args__ = (UniqueConstraint("speaker_key", "affiliate_key"),
                      CheckConstraint(_one_of("source", AFFILIATION_SOURCES), name="source"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_key: Mapped[str] = mapped_column(index=True)
    affiliate_key: Mapped[str] = mapped_column(index=True)
    affiliate_text: Mapped[str]
    source: Mapped[str] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(Text)
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"))


class CorrectionRow(Base):
    """A reviewer's fix of one quote (``store/corrections.py``): a new speaker list,
    a new kind, or ``not_a_quote``; who made it, when and why.

    Anchored by the article id (``article_id``, not a foreign key: the anchor outlives
    the article's rows) and the quote's offsets and text, so it is re-applied to the
    same quote when the article is ingested again, edited or not; ``family`` is the
    article's input id (``settle.family``: an edited text stored as ``a~<hash>``
    belongs to ``a``), the key that finds them.  ``quote_id`` is
    the quote it was made on (NULL while that quote is hidden as not a quote).
    An undone correction keeps its row (``undone_at``/``undone_by``) as history.
    """

    __tablename__ = "corrections"
    __table_args__ = (CheckConstraint(_one_of("kind", QUOTE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str]
    family: Mapped[str] = mapped_column(index=True)
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"), index=True)
    quote_start: Mapped[int]
    quote_end: Mapped[int]
    quote_text: Mapped[str] = mapped_column(Text)
    speakers: Mapped[list[str] | None] = mapped_column(JSON)
    kind: Mapped[str | None] = mapped_column(String(16))
    not_a_quote: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str]
    created_at: Mapped[datetime]
    undone_by: Mapped[str | None]
    undone_at: Mapped[datetime | None]


class QuoteOriginalRow(Base):
    """The extractor's own values of a quote that corrections changed (every
    ``quotes`` column but the ids, and its speakers), keyed by article and offsets.

    What a correction leaves is recomputed from these values plus the active
    corrections, so an undo restores the extractor's answer exactly.  ``quote_id``
    is NULL while the quote is hidden (its row deleted) as not a quote.
    """

    __tablename__ = "quote_originals"
    __table_args__ = (UniqueConstraint("article_id", "start", "end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    original: Mapped[dict[str, Any]] = mapped_column(JSON)
