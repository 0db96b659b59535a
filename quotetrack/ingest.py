"""Ingest: input files -> extraction -> the store, one transaction per article.

No click here; the CLI (and a batch runner) pass callbacks.  Contract:

* articles whose text hash is stored already (or seen earlier in this run) are
  skipped *before* extraction, so a re-run costs reading time only;
* the rest go to ``process_many`` in batches, and each result is saved on its own,
  in input order, so an interruption loses at most the articles in flight, never
  stored ones;
* a ``BatchRunner`` instead of ``process_many`` may keep several batches in flight
  (``quotetrack.distributed`` runs them on Dask workers); results are still saved
  here, one by one, in input order;
* memory stays flat: input streams through, and only the texts of articles in
  flight are remembered for in-run duplicates (stored ones are found in the store);
* every text is cleaned by the readers (``readers.clean_text``: NUL and other
  control characters removed) before it is hashed, parsed or stored, so both store
  dialects hold the same characters and every offset indexes the stored text;
* unreadable input (binary, not UTF-8, too large, a bad JSON line), an empty text
  and a ``published_at`` that is not a date are reported through ``on_problem``
  with file, line and reason, counted as ``failed``, and the run carries on;
* a store error for one article is reported the same way, naming the article's id,
  and the run carries on with the next article;
* an id that another stored text holds already (an id clash) does not overwrite
  it: the article is stored as ``id~<first 12 hex digits of its text hash>`` and
  the clash is reported (counted as ``renamed``).

Any report makes the exit code 1.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from quotetrack.errors import QuotetrackError
from quotetrack.readers import MAX_BYTES, Problem, read_paths, text_hash
from quotetrack.records import Article, ArticleResult

ProcessMany = Callable[[list[Article]], Iterable[ArticleResult]]
BATCH = 16


@runtime_checkable
class BatchRunner(Protocol):
    """Extraction over a stream of batches, several possibly in flight at once."""

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[ArticleResult]:
        """One result per article, in the order of the batches and of their articles."""
        ...


class ArticleStore(Protocol):
    """What ingest needs of a store (``quotetrack.store.Store`` provides it)."""

    def has_text_hash(self, digest: str) -> bool: ...

    def add(self, result: ArticleResult) -> str | None: ...


@dataclass
class IngestSummary:
    """Counts of one ingest run; ``failed`` counts inputs not stored (files, lines or
    articles), ``renamed`` articles stored under a new id; ``problems`` lists both."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    renamed: int = 0
    quotes: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when everything was stored or skipped as it came, 1 if anything was reported."""
        return 1 if self.failed or self.renamed else 0

    def as_rows(self) -> list[dict[str, object]]:
        """The summary as rows for ``render.emit``: articles ``stored``, ``skipped``
        (already stored), ``failed`` inputs, ``renamed`` (id clashes), ``quotes``
        stored, ``seconds``."""
        return [{"status": k, "count": v} for k, v in (
            ("stored", self.stored), ("skipped", self.skipped), ("failed", self.failed),
            ("renamed", self.renamed), ("quotes", self.quotes),
            ("seconds", round(self.seconds, 1)))]


def _batches(items: Iterable[Article | Problem], size: int,
             fresh: Callable[[Article], bool],
             problem: Callable[[Problem], None]) -> Iterator[list[Article]]:
    """Batches of articles that still need extraction; problems and repeats peeled off."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Problem):
            problem(item)
        elif fresh(item):
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def _results(process: ProcessMany | BatchRunner,
             batches: Iterator[list[Article]]) -> Iterator[ArticleResult]:
    if isinstance(process, BatchRunner):
        yield from process.map_batches(batches)
        return
    for batch in batches:
        yield from process(batch)


@dataclass
class _Run:
    """The state of one ingest run: counts, in-flight texts and the callbacks."""

    store: ArticleStore
    on_problem: Callable[[Problem], None] | None
    progress: Callable[[str, str], None]
    summary: IngestSummary = field(default_factory=IngestSummary)
    seen: set[str] = field(default_factory=set)  # hashes of texts in flight

    def fresh(self, article: Article) -> bool:
        """Whether ``article`` still needs extraction (its text is new to this run and
        to the store); a repeat is counted as skipped."""
        digest = text_hash(article.text)
        if digest in self.seen or self.store.has_text_hash(digest):
            self.summary.skipped += 1
            self.progress("skipped", article.id)
            return False
        self.seen.add(digest)
        return True

    def report(self, item: Problem) -> None:
        self.summary.problems.append(item)
        if self.on_problem:
            self.on_problem(item)

    def problem(self, item: Problem) -> None:
        """An input or article that was not stored."""
        self.summary.failed += 1
        self.report(item)
        self.progress("failed", item.source)

    def save(self, result: ArticleResult) -> None:
        """Store one result; a store error or an id clash is reported, never raised."""
        article = result.article
        self.seen.discard(text_hash(article.text))  # the store knows it from now on
        try:
            stored_as = self.store.add(result)
        except QuotetrackError as exc:
            self.problem(about(article, f"article {article.id!r} not stored: {exc.message}"))
            return
        if stored_as is None:
            self.summary.skipped += 1
            self.progress("skipped", article.id)
            return
        self.summary.stored += 1
        self.summary.quotes += len(result.quotes)
        self.progress("stored", stored_as)
        if stored_as != article.id:
            self.summary.renamed += 1
            self.report(about(article, f"id {article.id!r} is taken by another text;"
                                       f" stored as {stored_as!r}"))


def ingest(paths: Iterable[str], store: ArticleStore,
           process_many: ProcessMany | BatchRunner,
           on_problem: Callable[[Problem], None] | None = None,
           on_progress: Callable[[str, str], None] | None = None,
           max_bytes: int = MAX_BYTES, batch_size: int = BATCH) -> IngestSummary:
    """Read ``paths`` (files, folders, ``-``), extract and store new articles.

    ``process_many`` extracts one batch of ``batch_size`` articles at a time, or is a
    ``BatchRunner`` that is handed the whole stream of batches.
    ``on_progress(status, name)`` is called once per article or problem with status
    ``stored``, ``skipped`` or ``failed``; ``on_problem`` once per reported problem
    (see the module docstring).  A QuotetrackError from the store fails that article
    only; other exceptions from extraction or the store stop the run, and everything
    saved before stays.
    """
    started = time.monotonic()
    run = _Run(store, on_problem, on_progress or (lambda status, name: None))
    batches = _batches(read_paths(paths, max_bytes), batch_size, run.fresh, run.problem)
    for result in _results(process_many, batches):
        run.save(result)
    run.summary.seconds = time.monotonic() - started
    return run.summary


def about(article: Article, reason: str) -> Problem:
    """A Problem at the place ``article`` was read from (its id when unknown)."""
    return Problem(article.source or article.id, article.line, reason)
