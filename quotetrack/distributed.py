"""Parallel and distributed ingest on Dask: workers parse and extract, the client stores.

``ingest_on_dask(paths, store, config, workers=N)`` parses in N processes: this one
and a local cluster of N - 1 worker processes (one task thread and one torch thread
each); ``scheduler="tcp://host:port"`` uses the workers of a running cluster instead,
and needs a PostgreSQL store.  The contract:

* with local ``workers`` and fewer than ``parallel_from`` new articles in the input,
  no cluster is started: they are parsed in this process, and ``on_note`` says so;
* each process loads the Stanza pipeline once for the whole run (``parse.load_pipeline``
  is cached per process).  On Linux (``FORK``) this process loads it first and the
  local workers are forks of it, models included (a tenth of a second to start);
  elsewhere they are spawned and load while this process does.  A remote worker
  loads in ``ClusterRunner.warm``, before the first partition;
* a partition is a short run of articles (id and text only): at most
  ``partition_chars`` characters or ``partition_articles`` articles, one article at
  least; once the input is all read, partitions shrink toward single articles, so
  that the parsers finish together;
* partitions go to whichever worker is free, one at a time, with a few queued on the
  scheduler; a worker sends back ``Extracted`` records (quotes and speakers, never a
  parse), which the client joins to the articles it kept.  With local workers, this
  process parses the next partition itself whenever it has nothing to store, and,
  once the input is all read, takes over a partition still queued for a worker;
* articles already stored (same text) are skipped before they are sent (``ingest``);
* the client saves every result through ``Store.add``, one transaction per article,
  in input order, as soon as the results before it are in: the rows equal those of
  a serial ingest whatever the number of workers or the order in which partitions
  finish;
* a worker that dies loses no article: Dask runs its partitions again on another
  worker, and nothing of a partition is written before its results arrive.

Dask is imported only inside these functions (``pip install 'quotetrack[dask]'``).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from typing import TYPE_CHECKING, Any

from quotetrack.errors import ClusterError, StoreError
from quotetrack.ingest import BATCH, IngestSummary, ProcessMany, ingest
from quotetrack.parse import ParserConfig
from quotetrack.readers import MAX_BYTES, Problem
from quotetrack.records import Article, ArticleResult, Quote, Speaker

if TYPE_CHECKING:
    from distributed import Client, Future

    from quotetrack.store import Store

Partition = Callable[[list[Article], ParserConfig], list[ArticleResult]]
RETRIES = 1  # reruns after an exception in a partition; a dead worker's are rerun anyway
CONNECT_TIMEOUT_S = 20
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "QUOTETRACK_THREADS": "1"}
# A local cluster's settings.  Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_
# set; glibc then maps torch's buffers afresh on every call, and parsing takes about
# 1.7 times the CPU.  One task per worker, the rest queued on the scheduler, so that a
# free worker takes the next partition.  No profiler thread sampling the parse.
TRIM = "MALLOC_TRIM_THRESHOLD_"
LOCAL_SETTINGS: dict[str, Any] = {
    f"distributed.nanny.pre-spawn-environ.{TRIM}": None,
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
}
# Where fork is safe (Linux), a local worker is a fork of this process once it has
# loaded the models: it starts in a tenth of a second with the pipeline in memory
# (shared, copy-on-write) instead of importing torch and loading the models again.
FORK = sys.platform.startswith("linux")
if FORK:
    LOCAL_SETTINGS["distributed.worker.multiprocessing-method"] = "fork"
# About 7 news articles: Stanza pays a cost per batch (one-article batches cost about 10%
# more CPU than 24-article ones); the last partitions shrink (``partition_size``).
PARTITION_CHARS = 40_000
LOOKAHEAD = 64  # articles read ahead of the workers, to size the last partitions
PARALLEL_FROM = 8  # fewer new articles than this: --workers parses in this process
PARALLEL_FROM_ENV = "QUOTETRACK_PARALLEL_FROM"
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Extracted:
    """An ``ArticleResult`` without its article: what a worker sends back."""

    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    model: str
    extractor_version: str

    @staticmethod
    def of(result: ArticleResult) -> Extracted:
        return Extracted(result.quotes, result.speakers, result.model,
                         result.extractor_version)

    def joined(self, article: Article) -> ArticleResult:
        """The whole result, with the ``article`` the client kept."""
        return ArticleResult(article, self.quotes, self.speakers, self.model,
                             self.extractor_version)


def process_partition(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    """Parse and extract one partition, in order (runs on a worker).

    A worker with several task threads still parses one partition at a time: they
    share the process's single Stanza pipeline, which is not made for concurrent use.
    """
    from quotetrack.pipeline import process_many

    with _PARSE_LOCK:
        return list(process_many(articles, config))


def run_partition(process: Partition, articles: list[Article],
                  config: ParserConfig) -> list[Extracted]:
    """The task a worker runs: ``process`` the partition, keep what the client lacks."""
    return [Extracted.of(result) for result in process(articles, config)]


def versions() -> str:
    """The quotetrack and extractor versions of this process (workers must match)."""
    from quotetrack import EXTRACTOR_VERSION, __version__

    return f"quotetrack {__version__}, extractor {EXTRACTOR_VERSION}"


def warm_up(config: ParserConfig) -> str:
    """Load the pipeline in this process, a worker or the ingest process parsing too
    (ModelUnavailable if it cannot); returns the process's ``versions()``."""
    from quotetrack.parse import load_pipeline

    load_pipeline(config)
    return versions()


def same_versions(found: dict[str, str]) -> None:
    """ClusterError unless every worker's ``versions()`` (by address) is this process's."""
    odd = {address: v for address, v in found.items() if v != versions()}
    if odd:
        address, version = next(iter(odd.items()))
        raise ClusterError(f"{len(odd)} worker(s) run {version} (e.g. {address}), this"
                           f" process {versions()}; install the same quotetrack on every"
                           " worker")


def environ(name: str) -> str | None:
    """The environment variable ``name`` of this (worker) process."""
    return os.environ.get(name)


def _threads(client: Client) -> int:
    return sum(client.nthreads().values())


def partition_size(waiting: int, workers: int, final: bool,
                    limit: int = PARTITION_CHARS) -> int:
    """How many characters of text the next partition may hold.

    ``limit`` while more input may come.  Once the input is all read (``final``), a
    share of the ``waiting`` characters (half of a worker's even part), at most
    ``limit``: the partitions shrink toward single articles, and no worker is still
    busy with a big one while the others have nothing left.
    """
    if not final:
        return limit
    return max(1, min(limit, waiting // (2 * max(workers, 1))))


class _Feed:
    """The input, read up to ``lookahead`` articles ahead of the workers."""

    def __init__(self, articles: Iterator[Article], lookahead: int = LOOKAHEAD) -> None:
        self.articles = articles
        self.lookahead = lookahead
        self.waiting: deque[Article] = deque()
        self.chars = 0  # characters of the waiting texts
        self.final = False  # the input is all read

    def top_up(self) -> None:
        while not self.final and len(self.waiting) < self.lookahead:
            article = next(self.articles, None)
            if article is None:
                self.final = True
            else:
                self.waiting.append(article)
                self.chars += len(article.text)

    def take(self, chars: int, most: int) -> list[Article]:
        """Articles from the front: one, then more while within ``chars`` and ``most``."""
        taken = [self.waiting.popleft()]
        size = len(taken[0].text)
        while (self.waiting and len(taken) < most
               and size + len(self.waiting[0].text) <= chars):
            taken.append(self.waiting.popleft())
            size += len(taken[-1].text)
        self.chars -= size
        self.top_up()
        return taken


@dataclass
class _Here:
    """A partition parsed in this process: its results are in."""

    done_results: list[ArticleResult]

    def done(self) -> bool:
        return True

    def results(self) -> list[ArticleResult]:
        return self.done_results


@dataclass
class _Sent:
    """A partition on the cluster: its future, and the articles the client keeps."""

    future: Future
    articles: list[Article]

    def done(self) -> bool:
        return bool(self.future.done())

    def results(self) -> list[ArticleResult]:
        """The partition's results; ClusterError if it killed one worker after another."""
        from distributed.scheduler import KilledWorker

        try:
            extracted: list[Extracted] = self.future.result()
        except KilledWorker:
            ids = [a.id for a in self.articles]
            raise ClusterError(f"the partition of articles {ids[0]!r} .. {ids[-1]!r} killed"
                               " one worker after another (out of memory?); everything"
                               " stored before it stays; leave those articles out or give"
                               " the workers more memory, and run again") from None
        finally:
            self.future.release()
        return [e.joined(a) for a, e in zip(self.articles, extracted, strict=True)]


class ClusterRunner:
    """A ``BatchRunner`` on a Dask client, with this process as a parser too if ``here``.

    Keeps ``window`` partitions unfinished on the cluster (twice its task threads by
    default) and at most four windows' worth unsaved; results come back in input
    order.  With ``here`` (a function that parses a partition in this process), this
    process parses the next partition itself whenever it has nothing to store and the
    cluster has its window: on a machine of N cores, N - 1 workers and this process
    keep N cores busy, where N workers and a writer would contend for them.  A
    partition that keeps killing workers (Dask's ``allowed-failures``) raises
    ClusterError naming its articles.
    """

    def __init__(self, client: Client, config: ParserConfig, window: int | None = None,
                 process: Partition = process_partition,
                 partition_chars: int = PARTITION_CHARS,
                 partition_articles: int = BATCH, here: ProcessMany | None = None) -> None:
        self.client = client
        self.config = config
        self.workers = max(_threads(client), 1)
        self.window = window or 2 * self.workers
        self.process = process
        self.partition_chars = partition_chars
        self.partition_articles = partition_articles
        self.here = here

    def warm(self) -> None:
        """Load the models on every connected worker now (later ones load on first use).

        ClusterError when a worker runs another quotetrack or extractor version than
        this process: its rows would not match what this version extracts.
        """
        same_versions(self.client.run(warm_up, self.config))

    def trimming(self) -> int:
        """How many workers run with MALLOC_TRIM_THRESHOLD_ set (the default of Dask's
        nannies), which makes their parsing take about 1.7 times as long."""
        found: dict[str, str | None] = self.client.run(environ, TRIM)
        return sum(value is not None for value in found.values())

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[ArticleResult]:
        """Results of every article of ``batches``, in order (see ``ingest.BatchRunner``)."""
        feed = _Feed(chain.from_iterable(batches))
        pending: deque[_Sent | _Here] = deque()
        try:
            feed.top_up()
            while feed.waiting or pending:
                self._send(feed, pending)
                if pending and pending[0].done():
                    yield from pending.popleft().results()
                elif self.here and feed.waiting and len(pending) < 4 * self.window:
                    articles = self._take(feed)
                    pending.append(_Here(list(self.here(articles))))
                elif self.here and (queued := _queued(pending, self.workers)) is not None:
                    pending[queued] = self._steal(pending[queued], self.here)
                else:
                    _wait(pending)
        finally:
            sent = [p.future for p in pending if isinstance(p, _Sent)]
            if sent:
                self.client.cancel(sent)

    def _steal(self, sent: _Sent | _Here, here: ProcessMany) -> _Here:
        """``sent`` parsed by ``here`` instead, and cancelled on the cluster (should a
        worker have started it after all, its result is dropped)."""
        assert isinstance(sent, _Sent)
        self.client.cancel([sent.future])
        return _Here(list(here(sent.articles)))

    def _take(self, feed: _Feed) -> list[Article]:
        """The next partition's articles (see ``partition_size``)."""
        parsers = self.workers + (1 if self.here else 0)
        size = partition_size(feed.chars, parsers, feed.final, self.partition_chars)
        return feed.take(size, self.partition_articles)

    def _send(self, feed: _Feed, pending: deque[_Sent | _Here]) -> None:
        """Submit partitions while fewer than ``window`` are unfinished."""
        while (feed.waiting and len(pending) < 4 * self.window
               and sum(not p.done() for p in pending) < self.window):
            articles = self._take(feed)
            bare = [Article(a.id, a.text) for a in articles]
            future = self.client.submit(run_partition, self.process, bare, self.config,
                                        pure=False, retries=RETRIES)
            pending.append(_Sent(future, articles))


def _queued(pending: deque[_Sent | _Here], running: int) -> int | None:
    """Where in ``pending`` the newest unfinished partition on the cluster is, when
    more than ``running`` (its task threads) are unfinished: that one is still
    waiting for a worker, and an idle parser here can take it over."""
    unfinished = [n for n, p in enumerate(pending) if isinstance(p, _Sent) and not p.done()]
    return unfinished[-1] if len(unfinished) > running else None


def _wait(pending: deque[_Sent | _Here]) -> None:
    """Until a partition on the cluster finishes (the oldest or any other)."""
    from distributed import wait

    wait([p.future for p in pending if isinstance(p, _Sent) and not p.done()],
         return_when="FIRST_COMPLETED")


def parse_here(config: ParserConfig) -> Callable[[list[Article]], list[ArticleResult]]:
    """Partitions parsed in this process, as a worker parses them (``ClusterRunner``'s
    ``here``); the models load on the first one."""

    def run(articles: list[Article]) -> list[ArticleResult]:
        warm_up(config)
        return process_partition(articles, config)

    return run


def require_shared_store(location: str) -> None:
    """StoreError unless ``location`` is a server database (PostgreSQL) a cluster can use."""
    from quotetrack.store.engine import to_url

    if to_url(location).get_backend_name() == "sqlite":
        raise StoreError(f"--scheduler needs a PostgreSQL store, not the SQLite file"
                         f" {location}: many machines cannot share one SQLite file; pass"
                         " --db postgresql://user@host/dbname, or use --workers N on"
                         " this machine")


def _connect(scheduler: str) -> Client:
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc});"
                           " start one with: dask scheduler") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        client.close()
        raise ClusterError(f"the Dask scheduler at {scheduler} has no workers; start"
                           f" some with: dask worker {scheduler} --nthreads 1") from None
    return client


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on a new local cluster of ``workers`` processes, or on ``scheduler``.

    The local cluster (one task thread and one torch/BLAS thread per worker, the
    ``LOCAL_SETTINGS``) is shut down on exit; a remote cluster is only disconnected
    from.
    """
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("parallel ingest needs Dask: pip install 'quotetrack[dask]'"
                           ) from None
    if scheduler:
        client = _connect(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    # The scheduler serves HTTP (health checks) even without a dashboard: any free port,
    # so that two local clusters never contend for 8787.
    with _unset(TRIM), dask.config.set(LOCAL_SETTINGS), LocalCluster(
            n_workers=workers or 1, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR, env=WORKER_ENV
    ) as cluster:
        # Not entered as a context (that is bound to the thread entering it): another
        # thread may leave this one (``_cluster_while_loading``).
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()


@contextmanager
def _unset(name: str) -> Iterator[None]:
    """Without the environment variable ``name`` (which worker processes inherit; an
    earlier Dask cluster in this process may have set it), restored afterwards."""
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


@contextmanager
def _local_cluster(others: int, config: ParserConfig) -> Iterator[Client]:
    """A client on a local cluster of ``others`` workers that have loaded the models.

    With ``FORK``, this process loads them first and the workers are forked from
    it, models included (nothing to check: they run this very code); else they
    are spawned and load while this process does (``_cluster_while_loading``).
    """
    if not FORK:
        with _cluster_while_loading(others, config) as client:
            yield client
        return
    import gc

    warm_up(config)
    gc.freeze()  # the workers' collections leave the shared pages alone
    with dask_client(others) as client:
        yield client


@contextmanager
def _cluster_while_loading(others: int, config: ParserConfig) -> Iterator[Client]:
    """A client on a local cluster of ``others`` workers, started while this thread
    loads the models; each worker loads them as soon as it is up.  Yields once all
    have (ClusterError for a worker of another version, as ``ClusterRunner.warm``)."""
    from concurrent.futures import ThreadPoolExecutor

    def open_cluster(stack: ExitStack) -> tuple[Client, dict[str, Future]]:
        client = stack.enter_context(dask_client(others))
        loading = {address: client.submit(warm_up, config, pure=False, workers=[address],
                                          allow_other_workers=False)
                   for address in client.scheduler_info()["workers"]}
        return client, loading

    with ExitStack() as stack, ThreadPoolExecutor(1) as pool:  # the pool ends first
        opened = pool.submit(open_cluster, stack)
        warm_up(config)
        client, loading = opened.result()
        same_versions(dict(zip(loading, client.gather(list(loading.values())),
                               strict=True)))
        yield client


def parallel_threshold(given: int | None = None) -> int:
    """``given``, else ``QUOTETRACK_PARALLEL_FROM``, else ``PARALLEL_FROM``."""
    if given is not None:
        return given
    return int(os.environ.get(PARALLEL_FROM_ENV) or PARALLEL_FROM)


class OnDemand:
    """A ``BatchRunner`` that starts the cluster only for ``threshold`` new articles.

    It reads batches until they hold ``threshold`` articles; if the input ends first,
    they are parsed here (with ``config``) and ``on_note`` is told; otherwise
    ``start()`` opens a ``ClusterRunner`` for the whole stream, closed at its end.
    """

    def __init__(self, start: Callable[[], Iterator[ClusterRunner]], config: ParserConfig,
                 threshold: int, on_note: Callable[[str], None] | None = None) -> None:
        self.start = contextmanager(start)
        self.config = config
        self.threshold = threshold
        self.on_note = on_note or (lambda note: None)

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[ArticleResult]:
        """Results of every article of ``batches``, in order."""
        from quotetrack.pipeline import process_many

        stream = iter(batches)
        head: list[list[Article]] = []
        for batch in stream:
            head.append(batch)
            if sum(map(len, head)) >= self.threshold:
                break
        else:
            if head:
                self.on_note(f"{sum(map(len, head))} new article(s), fewer than"
                             f" {self.threshold}: parsed in this process, where a cluster"
                             f" would not pay (set {PARALLEL_FROM_ENV} to change)")
            for batch in head:
                yield from process_many(batch, self.config)
            return
        with self.start() as runner:
            yield from runner.map_batches(chain(head, stream))


def ingest_on_dask(paths: Iterable[str], store: Store, config: ParserConfig, *,
                   workers: int | None = None, scheduler: str | None = None,
                   batch_size: int = BATCH,
                   on_problem: Callable[[Problem], None] | None = None,
                   on_progress: Callable[[str, str], None] | None = None,
                   on_note: Callable[[str], None] | None = None,
                   max_bytes: int = MAX_BYTES, parallel_from: int | None = None,
                   **runner: Any) -> IngestSummary:
    """``ingest.ingest`` with parsing on Dask: ``workers`` local processes or ``scheduler``.

    Exactly one of ``workers`` / ``scheduler``.  ``workers=N`` parses in N processes,
    one torch thread each: this one and a local cluster of N - 1 workers (none for
    N = 1), and only when the input holds ``parallel_threshold(parallel_from)`` new
    articles (fewer are parsed here, with ``config``; ``on_note`` is told).  With
    ``scheduler`` the cluster's workers parse and this process stores.
    ``batch_size`` is also the most articles in a partition.  ``on_note`` is also told
    of workers that run with MALLOC_TRIM_THRESHOLD_ set.  StoreError for a SQLite
    store with ``scheduler``; ClusterError when the cluster cannot be reached or keeps
    losing a partition; ModelUnavailable when a worker cannot load the models.  Extra
    keywords go to ``ClusterRunner``.
    """
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers or scheduler")
    if scheduler and store.dialect == "sqlite":
        require_shared_store(store.where)
    note = on_note or (lambda text: None)
    if workers == 1:
        from quotetrack.pipeline import process_many

        return ingest(paths, store, lambda batch: process_many(batch, config), on_problem,
                      on_progress, max_bytes, batch_size)
    on_workers = replace(config, threads=1) if workers else config

    def start() -> Iterator[ClusterRunner]:
        opening = (_local_cluster(workers - 1, on_workers) if workers
                   else dask_client(scheduler=scheduler))
        with opening as client:
            here = parse_here(on_workers) if workers else None
            cluster = ClusterRunner(client, on_workers, here=here,
                                    **({"partition_articles": batch_size} | runner))
            if not workers:
                cluster.warm()  # local workers have loaded with this process
            if slow := cluster.trimming():
                note(f"{slow} Dask worker(s) run with {TRIM} set, so parsing takes them"
                     " about 1.7 times as long: unset it in the workers' Dask"
                     " configuration (see \"Scaling out\" in the README)")
            yield cluster

    threshold = parallel_threshold(parallel_from) if workers else 0
    return ingest(paths, store, OnDemand(start, config, threshold, note), on_problem,
                  on_progress, max_bytes, batch_size)
