"""Parallel and distributed ingest on Dask: workers parse and extract, the client stores.

``ingest_on_dask(paths, store, config, workers=N)`` starts a local cluster of N worker
processes (one task thread and one torch thread each); ``scheduler="tcp://host:port"``
uses a running cluster instead, and needs a PostgreSQL store.  The contract:

* each worker process loads the Stanza pipeline once (``parse.load_pipeline`` is
  cached per process) and parses whole partitions through Stanza's bulk processing;
* a partition is a list of ``Article`` records (``batch_size`` of them) and comes back
  as ``ArticleResult`` records: plain picklable dataclasses, never Stanza objects;
* articles already stored (same text) are skipped before they are sent (``ingest``);
* the client saves every result through ``Store.save``, one transaction per article,
  in input order, so the rows equal those of a serial ingest whatever the number of
  workers or the order in which partitions finish;
* a worker that dies loses no article: Dask runs its partitions again on another
  worker, and nothing of a partition is written before its results arrive.

Dask is imported only inside these functions (``pip install 'quotetrack[dask]'``).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from quotetrack.errors import ClusterError, StoreError
from quotetrack.ingest import BATCH, IngestSummary, ingest
from quotetrack.parse import ParserConfig
from quotetrack.readers import MAX_BYTES, Problem
from quotetrack.records import Article, ArticleResult

if TYPE_CHECKING:
    from distributed import Client, Future

    from quotetrack.store import Store

Partition = Callable[[list[Article], ParserConfig], list[ArticleResult]]
RETRIES = 1  # reruns after an exception in a partition; a dead worker's are rerun anyway
CONNECT_TIMEOUT_S = 20
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "QUOTETRACK_THREADS": "1"}
_PARSE_LOCK = threading.Lock()


def process_partition(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    """Parse and extract one partition, in order (runs on a worker).

    A worker with several task threads still parses one partition at a time: they
    share the process's single Stanza pipeline, which is not made for concurrent use.
    """
    from quotetrack.pipeline import process_many

    with _PARSE_LOCK:
        return list(process_many(articles, config))


def versions() -> str:
    """The quotetrack and extractor versions of this process (workers must match)."""
    from quotetrack import EXTRACTOR_VERSION, __version__

    return f"quotetrack {__version__}, extractor {EXTRACTOR_VERSION}"


def warm_up(config: ParserConfig) -> str:
    """Load the pipeline in this worker process (ModelUnavailable if it cannot);
    returns the process's ``versions()``."""
    from quotetrack.parse import load_pipeline

    load_pipeline(config)
    return versions()


def _threads(client: Client) -> int:
    return sum(client.nthreads().values())


class ClusterRunner:
    """A ``BatchRunner`` on a Dask client: up to ``window`` partitions in flight.

    Results come back in submission order; a partition that keeps killing workers
    (Dask's ``allowed-failures``) raises ClusterError naming its articles.
    """

    def __init__(self, client: Client, config: ParserConfig, window: int | None = None,
                 process: Partition = process_partition) -> None:
        self.client = client
        self.config = config
        self.window = window or max(2 * _threads(client), 2)
        self.process = process

    def warm(self) -> None:
        """Load the models on every connected worker now (later ones load on first use).

        ClusterError when a worker runs another quotetrack or extractor version than
        this process: its rows would not match what this version extracts.
        """
        found: dict[str, str] = self.client.run(warm_up, self.config)
        odd = {address: v for address, v in found.items() if v != versions()}
        if odd:
            address, version = next(iter(odd.items()))
            raise ClusterError(f"{len(odd)} worker(s) run {version} (e.g. {address}), this"
                               f" process {versions()}; install the same quotetrack on"
                               " every worker")

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[ArticleResult]:
        """Results of every article of ``batches``, in order (see ``ingest.BatchRunner``)."""
        pending: deque[tuple[Future, list[str]]] = deque()
        try:
            for batch in batches:
                future = self.client.submit(self.process, batch, self.config, pure=False,
                                            retries=RETRIES)
                pending.append((future, [a.id for a in batch]))
                if len(pending) >= self.window:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
        finally:
            if pending:
                self.client.cancel([future for future, _ in pending])


def _collect(future: Future, ids: list[str]) -> list[ArticleResult]:
    """A partition's results; ClusterError if it killed one worker after another."""
    from distributed.scheduler import KilledWorker

    try:
        results: list[ArticleResult] = future.result()
    except KilledWorker:
        raise ClusterError(f"the partition of articles {ids[0]!r} .. {ids[-1]!r} killed"
                           " one worker after another (out of memory?); everything"
                           " stored before it stays; leave those articles out or give"
                           " the workers more memory, and run again") from None
    finally:
        future.release()
    return results


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

    The local cluster (one task thread and one torch/BLAS thread per worker) is shut
    down on exit; a remote cluster is only disconnected from.
    """
    try:
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
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR,
                      env=WORKER_ENV) as cluster, Client(cluster) as client:
        yield client


def ingest_on_dask(paths: Iterable[str], store: Store, config: ParserConfig, *,
                   workers: int | None = None, scheduler: str | None = None,
                   batch_size: int = BATCH,
                   on_problem: Callable[[Problem], None] | None = None,
                   on_progress: Callable[[str, str], None] | None = None,
                   max_bytes: int = MAX_BYTES, **runner: Any) -> IngestSummary:
    """``ingest.ingest`` with parsing on Dask: ``workers`` local processes or ``scheduler``.

    Exactly one of ``workers`` / ``scheduler``.  Local workers parse with one torch
    thread each.  StoreError for a SQLite store with ``scheduler``; ClusterError when
    the cluster cannot be reached or keeps losing a partition; ModelUnavailable when
    a worker cannot load the models.  Extra keywords go to ``ClusterRunner``.
    """
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers or scheduler")
    if scheduler and store.dialect == "sqlite":
        require_shared_store(store.where)
    if workers:
        config = replace(config, threads=1)
    with dask_client(workers, scheduler) as client:
        cluster = ClusterRunner(client, config, **runner)
        cluster.warm()
        return ingest(paths, store, cluster, on_problem, on_progress, max_bytes, batch_size)
