"""``Store``: the library API over one database (used by the CLI and batch ingest)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from quotetrack.errors import StoreError
from quotetrack.readers import text_hash
from quotetrack.records import ArticleResult
from quotetrack.store import admin, bulk, migrate, queries, speakers, writer
from quotetrack.store.engine import describe, make_engine, to_url
from quotetrack.store.engine import writer as write_engine
from quotetrack.store.factcheck import on_saved
from quotetrack.store.queries import DateLike
from quotetrack.store.review import ReviewMixin
from quotetrack.store.schema import AliasRow, ArticleRow, QuoteRow, QuoteSpeakerRow, SpeakerRow
from quotetrack.wording import VariantConfig

T = TypeVar("T")
RETRIES = 3


def open_store(location: str, *, create: bool = True) -> Store:
    """Open the store at a file path (SQLite) or a ``postgresql://`` URL.

    A new, empty store is migrated to the head schema (``create=False``: a missing
    SQLite file is a StoreError instead); an older one raises MigrationRequired
    (``quotetrack db upgrade``); an unreachable or foreign one StoreError.
    """
    url = to_url(location)
    where = describe(url)
    if not create and url.get_backend_name() == "sqlite" and not Path(where).exists():
        raise StoreError(f"no store at {where}; ingest articles first, or pass --db"
                         " (or set QUOTETRACK_DB) to name the store")
    engine = make_engine(url)
    try:
        migrate.ensure_current(engine, where)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store {where}: {_reason(exc)}") from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, where)


def _save_new(session: Session, result: ArticleResult, digest: str,
              config: VariantConfig) -> str | None:
    """Write ``result`` unless its text is stored already (inside a write transaction),
    then link its quotes to their variants (``factcheck.on_saved``); the stored id."""
    if session.scalar(select(ArticleRow.id).where(ArticleRow.text_hash == digest)) is not None:
        return None
    article_id = writer.write(session, result, digest)
    on_saved(session, article_id, config)
    return article_id


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


class Store(ReviewMixin):
    """An open store.  Every method is its own transaction; queries return plain dicts.

    Close it when done (or use it as a context manager).
    """

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where
        self.dialect = engine.dialect.name

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[Session]:
        engine = write_engine(self.engine) if write else self.engine
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise StoreError(f"the store {self.where} failed: {_reason(exc)}") from None

    def _read(self, fn: Callable[[Session], T]) -> T:
        with self._session() as session:
            return fn(session)

    def _write(self, fn: Callable[[Session], T]) -> T:
        with self._session(write=True) as session:
            return fn(session)

    def has_text_hash(self, digest: str) -> bool:
        """Whether an article with this text hash (``readers.text_hash``) is stored."""
        stmt = select(ArticleRow.id).where(ArticleRow.text_hash == digest)
        return self._read(lambda s: s.scalar(stmt) is not None)

    def save(self, result: ArticleResult) -> bool:
        """``add``: True when stored, False (writing nothing) when the text was stored."""
        return self.add(result) is not None

    def add(self, result: ArticleResult) -> str | None:
        """Store one article with its quotes and speakers in one transaction.

        Returns the stored id: the article's own, or ``id~<text hash prefix>`` when
        another text holds that id already (``writer.free_id``); None, writing
        nothing, when an article with the same text is stored.  A concurrent writer
        adding the same article or speaker makes the transaction fail as a whole; it
        is retried, so nothing is half-written.  Any database error is a StoreError
        naming the article, and leaves the store as it was; so does text that is not
        clean (``readers.clean_text``), on both dialects.
        """
        article_id = result.article.id
        writer.check_storable(result.article)
        digest = text_hash(result.article.text)
        failure: IntegrityError | None = None
        for _ in range(RETRIES):
            try:
                return self._write(lambda s: _save_new(s, result, digest,
                                                       self.variant_config))
            except IntegrityError as exc:
                failure = exc
            except DBAPIError as exc:
                raise StoreError(f"cannot store article {article_id!r}: {_reason(exc)}"
                                 ) from None
        reason = _reason(failure) if failure else "unknown"
        raise StoreError(f"cannot store article {article_id!r}: {reason}")

    def bulk_insert(self, results: Sequence[ArticleResult]) -> int:
        """Store many new articles in one transaction, fast; returns the quotes added.

        For prepared data only: exact-alias speaker matching and no variant links
        (see ``store.bulk``).  StoreError, writing nothing, if any article is stored.
        """
        try:
            return self._write(lambda s: bulk.insert(s, results))
        except IntegrityError as exc:
            raise StoreError(f"bulk insert of {len(results)} articles failed, nothing"
                             f" written: {_reason(exc)}; are some stored already?") from None

    def who_said(self, query: str, limit: int = 20, raw: bool = False) -> list[dict[str, Any]]:
        """Full-text search over quote text (web-search syntax; see ``store.search``)."""
        return self._read(lambda s: queries.who_said(s, query, limit, raw))

    def quotes(self, speaker: str | None = None, kind: str | None = None,
               since: DateLike | None = None, until: DateLike | None = None,
               outlet: str | None = None, stance: str | None = None,
               limit: int | None = 100, negated: bool | None = None,
               max_confidence: float | None = None,
               order: str = "date") -> list[dict[str, Any]]:
        """Quotes filtered by speaker, kind, publication dates (``until`` inclusive),
        outlet, stance, negated cue (None: both) and confidence (at most
        ``max_confidence``); oldest first, undated last (``order="confidence"``: least
        confident first); ``limit=None`` for all."""
        return self._read(lambda s: queries.quotes(s, speaker, kind, since, until, outlet,
                                                   stance, limit, negated, max_confidence,
                                                   order))

    def optimize(self) -> None:
        """Refresh the planner's statistics after a bulk load (``admin.optimize``)."""
        admin.optimize(self.engine)

    def settings(self) -> dict[str, str]:
        """The database settings query speed depends on (``admin.settings``)."""
        return self._read(lambda s: admin.settings(s.connection()))

    def speakers(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Every speaker with kind, aliases and quote count, most quoted first."""
        return self._read(lambda s: queries.speakers(s, limit))

    def show(self, article_id: str) -> dict[str, Any]:
        """One article and its quotes (``{"article": ..., "quotes": [...]}``)."""
        return self._read(lambda s: queries.show(s, article_id))

    def report(self, top_cues: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Reporting sections: ``by_month``, ``top_cues``, ``attribution``."""
        return self._read(lambda s: queries.report(s, top_cues))

    def merge_speakers(self, keep: str, other: str) -> dict[str, Any]:
        """Fold speaker ``other`` into ``keep`` (quotes and aliases move to ``keep``)."""
        row = self._write(lambda s: speakers.merge(s, keep, other))
        return {"id": row.id, "name": row.name, "kind": row.kind}

    def rename_speaker(self, old: str, new: str) -> dict[str, Any]:
        """Rename a speaker; the old name stays an alias."""
        row = self._write(lambda s: speakers.rename(s, old, new))
        return {"id": row.id, "name": row.name, "kind": row.kind}

    def counts(self) -> dict[str, int]:
        """Row counts: articles, quotes, speakers, aliases, quote_speakers."""
        tables = {"articles": ArticleRow, "quotes": QuoteRow, "speakers": SpeakerRow,
                  "aliases": AliasRow, "quote_speakers": QuoteSpeakerRow}

        def count(s: Session) -> dict[str, int]:
            return {name: int(s.scalar(select(func.count()).select_from(t)) or 0)
                    for name, t in tables.items()}

        return self._read(count)
