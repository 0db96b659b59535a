"""Scaling: ingest throughput with 1 and 2 Dask workers, and the speed-up.

Each run starts a local cluster (one thread per worker), loads the models on every
worker, then times a full ingest of the same PolNeAR dev articles into a fresh
SQLite store (workers parse and extract, this process stores in input order).
Cluster start and model load are reported apart, not in the throughput; so are the
CPU seconds of the workers and of this process, which tell a busy machine from a
design that does not scale.  Goal: 2 workers >= 1.6x one worker on a 2-core machine.

    .venv/bin/python benchmarks/scaling.py [--articles 84] [--batch-size 4] [--serial]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import machine, polnear, report, timed
from pipeline_overhead import write_jsonl

from quotetrack.distributed import ClusterRunner, dask_client
from quotetrack.ingest import ingest
from quotetrack.parse import ParserConfig, load_pipeline
from quotetrack.pipeline import process_many
from quotetrack.store import open_store

GOAL = 1.6


def on_cluster(workers: int, source: Path, db: Path, config: ParserConfig,
               batch: int) -> dict[str, float]:
    """Start ``workers`` local workers, warm them, and time one ingest."""
    started = time.perf_counter()
    with dask_client(workers=workers) as client:
        runner = ClusterRunner(client, config)
        runner.warm()
        ready = time.perf_counter() - started
        before = children_cpu()
        with open_store(str(db)) as store, timed() as run:
            summary = ingest([str(source)], store, runner, batch_size=batch)
        workers_cpu = children_cpu() - before
    return {"workers": workers, "stored": summary.stored, "quotes": summary.quotes,
            "seconds": round(run.wall, 2), "start_and_load_s": round(ready, 2),
            "articles_per_s": round(summary.stored / run.wall, 3),
            "cpu_s_workers": round(workers_cpu, 2), "cpu_s_client": round(run.cpu, 2)}


def children_cpu() -> float:
    """CPU seconds used so far by this process's live children (the local workers)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def serial(source: Path, db: Path, config: ParserConfig, batch: int) -> dict[str, float]:
    load_pipeline(config)
    with open_store(str(db)) as store, timed() as run:
        summary = ingest([str(source)], store, lambda b: process_many(b, config),
                         batch_size=batch)
    return {"workers": 0, "stored": summary.stored, "quotes": summary.quotes,
            "seconds": round(run.wall, 2), "articles_per_s": round(summary.stored / run.wall, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=84)
    ap.add_argument("--batch-size", type=int, default=4, help="articles per partition")
    ap.add_argument("--serial", action="store_true", help="also time a plain serial ingest")
    args = ap.parse_args()
    config = ParserConfig(threads=1)
    articles = polnear(args.articles)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_jsonl(articles, folder / "articles.jsonl")
        if args.serial:
            runs.append(serial(source, folder / "serial.db", config, args.batch_size))
        for workers in (1, 2):
            runs.append(on_cluster(workers, source, folder / f"w{workers}.db", config,
                                   args.batch_size))
    one, two = (next(r for r in runs if r["workers"] == n) for n in (1, 2))
    speedup = round(one["seconds"] / two["seconds"], 3)
    figures = {"benchmark": "scaling", "articles": len(articles),
               "batch_size": args.batch_size, "runs": runs, "speedup_2_vs_1": speedup,
               "goal": GOAL, "goal_met": speedup >= GOAL, **machine()}
    report(f"scaling: {len(articles)} PolNeAR dev articles, partitions of {args.batch_size}",
           [f"{r['workers'] or 'serial (no Dask)'} worker(s): {r['stored']} articles in"
            f" {r['seconds']} s = {r['articles_per_s']} articles/s" for r in runs]
           + [f"speed-up 2 vs 1 worker: x{speedup} (goal >= {GOAL}:"
              f" {'met' if speedup >= GOAL else 'MISSED'})"], figures)


if __name__ == "__main__":
    main()
