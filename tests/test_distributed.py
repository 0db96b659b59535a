"""Ingest on a real Dask ``LocalCluster`` (2 worker processes, shipped models).

The distributed ingest must store the same rows as a serial one, on SQLite and on
PostgreSQL; a worker that dies mid-run loses no article; the CLI refuses a SQLite
store for a remote scheduler.  ``QUOTETRACK_FULL_DEV=1`` adds the 84 PolNeAR dev
articles (serial into SQLite vs distributed into PostgreSQL; a few minutes).
"""

from __future__ import annotations

import json
import os
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
from quotetrack.distributed import ClusterRunner, dask_client  # noqa: E402
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


def test_cli_ingest_workers_local_cluster(tmp_path):
    db = str(tmp_path / "news.db")
    out = cli(db, "--workers", "1", INPUTS[1])
    assert out.exit_code == 0, out.output
    with open_store(db) as store:
        assert store.counts()["articles"] == 1 and store.counts()["quotes"] > 5


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
