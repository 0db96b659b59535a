"""Ingest on a real Dask ``LocalCluster`` (2 worker processes, shipped models).

The distributed ingest must store the same rows as a serial one, on SQLite and on
PostgreSQL, in input order whatever order partitions finish in; a worker that dies
mid-run loses no article; partitions shrink at the end of the input; a short input
starts no cluster; the CLI refuses a SQLite store for a remote scheduler.
``QUOTETRACK_FULL_DEV=1`` adds the 84 PolNeAR dev articles (serial into SQLite vs
distributed into PostgreSQL; a few minutes).
"""

from __future__ import annotations

import json
import os
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import PgDatabases, pg_url_for
from fakes import process_many as fake_process_many
from fakes import result, write_jsonl
from sqlalchemy import Integer, select

pytest.importorskip("distributed")

from quotetrack.cli import main  # noqa: E402
from quotetrack.distributed import (  # noqa: E402
    PARALLEL_FROM,
    PARALLEL_FROM_ENV,
    ClusterRunner,
    Extracted,
    OnDemand,
    _Feed,
    _local_cluster,
    _queued,
    _Sent,
    dask_client,
    environ,
    partition_size,
    run_partition,
)
from quotetrack.errors import ClusterError  # noqa: E402
from quotetrack.ingest import ingest  # noqa: E402
from quotetrack.parse import ParserConfig  # noqa: E402
from quotetrack.records import Article, ArticleResult  # noqa: E402
from quotetrack.store import open_store  # noqa: E402
from quotetrack.store.schema import Base  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [str(ROOT / "fixtures" / "variants" / "articles.jsonl"),
          str(ROOT / "fixtures" / "seed" / "seed-article.txt")]
POLNEAR_DEV = Path(os.environ.get("QUOTETRACK_POLNEAR_DEV",
                                  "/work/shared/eval/polnear/dev.jsonl"))
CONFIG = ParserConfig(models="compact", threads=1)
BATCH = 2  # several partitions in flight, finishing in any order


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows with surrogate ids replaced by what they point at.

    Integer ``id`` columns are dropped; a foreign key to such a table becomes that
    row's own (translated) values; ``ingested_at`` is dropped and floats rounded.
    So two stores compare equal when they hold the same facts, whatever their ids.
    """
    natural: dict[str, dict[int, tuple[Any, ...]]] = {}
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            surrogate = "id" in table.c and isinstance(table.c.id.type, Integer)
            natural[table.name] = {}
            rows = []
            columns = [c for c in table.columns
                       if c.name != "ingested_at" and not (surrogate and c.name == "id")]
            for row in conn.execute(select(table)).mappings():
                values = tuple(_value(col, row[col], natural) for col in columns)
                if surrogate:
                    natural[table.name][row["id"]] = values
                rows.append(values)
            out[table.name] = sorted(rows, key=repr)
    return out


def _value(col: Any, value: Any, natural: dict[str, dict[int, tuple[Any, ...]]]) -> Any:
    for fk in col.foreign_keys:
        target = natural.get(fk.column.table.name)
        if target and value is not None:
            return target.get(value, ("missing", value))
    return round(value, 6) if isinstance(value, float) else value


def serial_snapshot(tmp: Path, inputs: list[str], process: Any) -> dict[str, Any]:
    """The rows of a serial ingest of ``inputs`` into a new SQLite store."""
    with open_store(str(tmp / "serial.db")) as store:
        summary = ingest(inputs, store, process, batch_size=BATCH)
        assert summary.failed == 0
        return snapshot(store)


def real(batch: list[Article]) -> list[ArticleResult]:
    from quotetrack.pipeline import process_many

    return list(process_many(batch, CONFIG))


@pytest.fixture(scope="module")
def cluster():
    """A client on a 2-worker LocalCluster, models loaded on both workers."""
    with dask_client(workers=2) as client:
        ClusterRunner(client, CONFIG).warm()
        yield client


@pytest.fixture(scope="module")
def serial_rows(tmp_path_factory):
    return serial_snapshot(tmp_path_factory.mktemp("serial"), INPUTS, real)


def test_distributed_ingest_same_rows_as_serial(cluster, serial_rows, db):
    with open_store(db) as store:
        summary = ingest(INPUTS, store, ClusterRunner(cluster, CONFIG), batch_size=BATCH)
        assert (summary.stored, summary.failed) == (11, 0)
        rows = snapshot(store)
    assert rows == serial_rows
    assert len(rows["quotes"]) == summary.quotes > 10


def test_distributed_refuses_workers_of_another_version(cluster, monkeypatch):
    monkeypatch.setattr("quotetrack.distributed.versions", lambda: "quotetrack 0.0.0")
    with pytest.raises(ClusterError, match="2 worker.* run quotetrack .* install the same"):
        ClusterRunner(cluster, CONFIG).warm()


class Recording:
    """A BatchRunner that notes the articles sent to the cluster."""

    def __init__(self, runner: ClusterRunner) -> None:
        self.runner = runner
        self.sent: list[str] = []

    def map_batches(self, batches):
        def tap():
            for batch in batches:
                self.sent.extend(a.id for a in batch)
                yield batch

        return self.runner.map_batches(tap())


def test_distributed_rerun_skips_before_sending(cluster, db):
    runner = ClusterRunner(cluster, CONFIG, process=partial(_fake_partition, marker=None))
    with open_store(db) as store:
        first, again = Recording(runner), Recording(runner)
        ingest(INPUTS[:1], store, first, batch_size=BATCH)
        summary = ingest(INPUTS[:1], store, again, batch_size=BATCH)
    assert len(first.sent) == 10 and again.sent == []
    assert (summary.stored, summary.skipped) == (0, 10)


def _fake_partition(articles: list[Article], config: ParserConfig,
                    marker: str | None) -> list[ArticleResult]:
    """The fake pipeline on a worker; with ``marker``, the worker that first gets
    article a0007 dies (the marker file makes the retry succeed)."""
    if marker and any(a.id == "a0007" for a in articles) and not Path(marker).exists():
        Path(marker).touch()
        os._exit(1)
    return [result(a) for a in articles]


def cli(db: str, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", db, "ingest", "--format", "json", *args])


def test_cli_ingest_scheduler_refuses_sqlite(tmp_path):
    db = tmp_path / "news.db"
    out = cli(str(db), "--scheduler", "tcp://127.0.0.1:9", INPUTS[1])
    assert out.exit_code == 1 and "Q003" in out.output and "PostgreSQL" in out.output
    assert not db.exists()
    both = cli(str(db), "--scheduler", "tcp://127.0.0.1:9", "--workers", "2", INPUTS[1])
    assert both.exit_code == 2 and "not both" in both.output


def test_cli_ingest_unreachable_scheduler(pg: PgDatabases, pg_template, monkeypatch):
    monkeypatch.setattr("quotetrack.distributed.CONNECT_TIMEOUT_S", 1)
    out = cli(pg_url_for(pg.create(template=pg_template)), "--scheduler",
              "tcp://127.0.0.1:9", INPUTS[1])
    assert out.exit_code == 1 and "Q007" in out.output and "dask scheduler" in out.output


def test_cli_ingest_on_scheduler_into_postgresql(cluster, pg: PgDatabases, pg_template):
    url = pg_url_for(pg.create(template=pg_template))
    out = cli(url, "--scheduler", cluster.scheduler.address, INPUTS[1])
    assert out.exit_code == 0, out.output
    assert {"status": "stored", "count": 1} in json.loads(out.stdout)


def test_cli_ingest_workers_local_cluster(tmp_path, monkeypatch):
    monkeypatch.setenv(PARALLEL_FROM_ENV, "1")  # a cluster even for one article
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # never reaches the workers
    db = str(tmp_path / "news.db")
    out = cli(db, "--workers", "2", INPUTS[1])  # this process and one worker
    assert out.exit_code == 0, out.output
    assert "note:" not in out.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 1 and store.counts()["quotes"] > 5


def test_cli_ingest_workers_short_input_parses_here(tmp_path, monkeypatch):
    monkeypatch.delenv(PARALLEL_FROM_ENV, raising=False)
    db = str(tmp_path / "news.db")
    out = cli(db, "--workers", "2", INPUTS[1])
    assert out.exit_code == 0, out.output
    assert f"1 new article(s), fewer than {PARALLEL_FROM}: parsed in this process" in out.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 1 and store.counts()["quotes"] > 5


def test_cli_ingest_workers_auto_and_bad_counts(tmp_path, monkeypatch):
    from quotetrack.cli.store_commands import usable_cores

    monkeypatch.delenv(PARALLEL_FROM_ENV, raising=False)
    db = str(tmp_path / "news.db")
    out = cli(db, "--workers", "auto", INPUTS[1])  # one article: parsed here all the same
    assert out.exit_code == 0, out.output
    assert "parsed in this process" in out.stderr
    assert usable_cores() >= 1
    for bad in ("0", "many"):
        refused = cli(db, "--workers", bad, INPUTS[1])
        assert refused.exit_code == 2 and "--workers" in refused.stderr, refused.output


def _in_order(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    return [result(a) for a in articles]


def test_on_demand_starts_the_cluster_from_the_threshold():
    events: list[str] = []

    class Cluster:  # what the started ClusterRunner would return, without Dask
        def map_batches(self, batches):
            return (r for batch in batches for r in _in_order(batch, CONFIG))

    def start():
        events.append("open")
        yield Cluster()
        events.append("closed")

    articles = [Article(f"a{n}", f'Lavrov said "we meet at {n}"') for n in range(5)]
    batches = [articles[:2], articles[2:4], articles[4:]]
    out = list(OnDemand(start, CONFIG, threshold=4, on_note=events.append)
               .map_batches(batches))
    assert events == ["open", "closed"]
    assert [r.article for r in out] == articles and all(r.quotes for r in out)
    assert list(OnDemand(start, CONFIG, threshold=4).map_batches([])) == []
    assert events == ["open", "closed"]  # nothing to parse, nothing started


def test_partition_size_shrinks_once_the_input_is_read():
    assert partition_size(100_000, 2, final=False, limit=8_000) == 8_000
    assert partition_size(100_000, 2, final=True, limit=8_000) == 8_000
    assert partition_size(8_000, 2, final=True, limit=8_000) == 2_000
    assert partition_size(3, 2, final=True, limit=8_000) == 1
    assert partition_size(0, 4, final=True, limit=8_000) == 1


def test_feed_takes_one_article_at_least_then_what_fits():
    sizes = [5_000, 2_000, 1_000, 9_000, 10, 10, 10]
    articles = [Article(f"a{n}", "x" * size) for n, size in enumerate(sizes)]
    feed = _Feed(iter(articles), lookahead=3)
    feed.top_up()
    assert (len(feed.waiting), feed.chars, feed.final) == (3, 8_000, False)
    assert [a.id for a in feed.take(8_000, 16)] == ["a0", "a1", "a2"]
    assert (len(feed.waiting), feed.final) == (3, False)  # read ahead again
    assert [a.id for a in feed.take(100, 16)] == ["a3"]  # too big, sent alone
    assert (feed.chars, feed.final) == (30, False)
    assert [a.id for a in feed.take(100, 2)] == ["a4", "a5"]
    assert (feed.chars, feed.final) == (10, True)  # read to the end
    assert [a.id for a in feed.take(100, 2)] == ["a6"] and not feed.waiting


def test_workers_send_back_no_article():
    article = Article("a1", 'Lavrov said "we are ready"', meta={"desk": "world"})
    sent = run_partition(_in_order, [article], CONFIG)
    assert sent == [Extracted.of(result(article))]
    assert sent[0].joined(article) == result(article)


def test_local_workers_run_with_one_thread_and_no_malloc_trim(cluster):
    runner = ClusterRunner(cluster, CONFIG)
    assert runner.trimming() == 0
    assert set(cluster.run(environ, "OMP_NUM_THREADS").values()) == {"1"}
    cluster.run(_trim_env, "65536")
    try:
        assert runner.trimming() == 2  # what ingest_on_dask notes for a remote cluster
    finally:
        cluster.run(_trim_env, None)


def _trim_env(value: str | None) -> None:
    """Set or unset MALLOC_TRIM_THRESHOLD_ in this (worker) process's environment."""
    if value is None:
        os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    else:
        os.environ["MALLOC_TRIM_THRESHOLD_"] = value


def _slow_first(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    if articles[0].id == "a0000":
        time.sleep(2)  # the partitions after it finish first
    return _in_order(articles, config)


class Here:
    """A ``here`` parser for ClusterRunner that notes the partitions it parsed."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def __call__(self, articles: list[Article]) -> list[ArticleResult]:
        self.parsed.extend(a.id for a in articles)
        time.sleep(0.2)  # as slow as the workers, so that both take partitions
        return _in_order(articles, CONFIG)


def _slow(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    time.sleep(0.2)
    return _in_order(articles, config)


def _ingest_noting_order(runner: ClusterRunner, path: str, db: Path) -> tuple[Any, list[str],
                                                                           dict[str, Any]]:
    """Ingest ``path`` into a new store at ``db`` through ``runner``: the summary, the
    article ids in the order they were stored, and the store's rows."""
    stored: list[str] = []
    with open_store(str(db)) as store:
        summary = ingest([path], store, runner,
                         on_progress=lambda status, name: stored.append(name))
        return summary, stored, snapshot(store)


def test_distributed_this_process_parses_too_in_order(cluster, tmp_path):
    path = str(write_jsonl(tmp_path / "many.jsonl", 30))
    here = Here()
    runner = ClusterRunner(cluster, CONFIG, process=_slow, partition_articles=2, here=here)
    summary, stored, rows = _ingest_noting_order(runner, path, tmp_path / "here.db")
    assert summary.stored == 30 and stored == [f"a{n:04d}" for n in range(30)]
    assert 0 < len(here.parsed) < 30  # the rest went to the workers
    assert rows == serial_snapshot(tmp_path, [path], fake_process_many)


def _slower(articles: list[Article], config: ParserConfig) -> list[ArticleResult]:
    time.sleep(3)
    return _in_order(articles, config)


def test_distributed_idle_here_takes_over_partitions_still_queued(cluster, tmp_path):
    path = str(write_jsonl(tmp_path / "few.jsonl", 4))
    here = Here()
    # window 4 on 2 worker threads: all four partitions are sent at once, two wait
    runner = ClusterRunner(cluster, CONFIG, process=_slower, partition_articles=1,
                           window=4, here=here)
    summary, stored, rows = _ingest_noting_order(runner, path, tmp_path / "steal.db")
    assert here.parsed == ["a0003", "a0002"]  # the newest queued one first
    assert summary.stored == 4 and stored == [f"a{n:04d}" for n in range(4)]
    assert rows == serial_snapshot(tmp_path, [path], fake_process_many)


class _Future:
    def __init__(self, finished: bool) -> None:
        self.finished = finished

    def done(self) -> bool:
        return self.finished


def test_queued_is_the_newest_unfinished_beyond_the_running_ones():
    def sent(finished: bool) -> _Sent:
        return _Sent(_Future(finished), [])  # type: ignore[arg-type]

    pending = [sent(True), sent(False), sent(False), sent(True), sent(False)]
    assert _queued(pending, running=2) == 4
    assert _queued(pending, running=3) is None
    assert _queued(pending[:3], running=1) == 2
    assert _queued([], running=1) is None


def _pipelines_loaded() -> tuple[int, int]:
    from quotetrack.parse import load_pipeline

    return os.getppid(), load_pipeline.cache_info().currsize


def test_local_workers_are_forks_that_have_the_models():
    from quotetrack.distributed import FORK

    if not FORK:
        pytest.skip("workers are spawned where fork is unsafe")
    with _local_cluster(1, CONFIG) as client:
        found = list(client.run(_pipelines_loaded).values())
    assert found == [(os.getpid(), found[0][1])] and found[0][1] >= 1


def test_distributed_stores_in_input_order_whatever_finishes_first(cluster, tmp_path):
    path = str(write_jsonl(tmp_path / "many.jsonl", 12))
    runner = ClusterRunner(cluster, CONFIG, process=_slow_first, partition_articles=2)
    stored: list[str] = []
    with open_store(str(tmp_path / "order.db")) as store:
        summary = ingest([path], store, runner,
                         on_progress=lambda status, name: stored.append(name))
    assert summary.stored == 12 and stored == [f"a{n:04d}" for n in range(12)]


def test_distributed_dead_worker_loses_no_article(cluster, db, tmp_path):
    path = str(write_jsonl(tmp_path / "many.jsonl", 24))
    marker = tmp_path / "died"
    runner = ClusterRunner(cluster, CONFIG, process=partial(_fake_partition,
                                                            marker=str(marker)))
    with open_store(db) as store:
        summary = ingest([path], store, runner, batch_size=3)
        rows = snapshot(store)
    assert marker.exists(), "no worker died"
    assert (summary.stored, summary.skipped, summary.failed) == (24, 0, 0)
    assert rows == serial_snapshot(tmp_path, [path], fake_process_many)
    cluster.wait_for_workers(2, timeout=60)


@pytest.mark.skipif(os.environ.get("QUOTETRACK_FULL_DEV") != "1" or not POLNEAR_DEV.is_file(),
                    reason="set QUOTETRACK_FULL_DEV=1 for the 84 PolNeAR dev articles")
def test_distributed_polnear_dev_same_rows(cluster, pg: PgDatabases, pg_template, tmp_path):
    expected = serial_snapshot(tmp_path, [str(POLNEAR_DEV)], real)
    with open_store(pg_url_for(pg.create(template=pg_template))) as store:
        summary = ingest([str(POLNEAR_DEV)], store, ClusterRunner(cluster, CONFIG),
                         batch_size=BATCH)
        rows = snapshot(store)
    print({name: len(r) for name, r in rows.items()}, summary.stored, summary.quotes)
    assert summary.stored == 84 and rows == expected
