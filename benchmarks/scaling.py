"""Scaling: `ingest --workers 1` and `--workers 2` against the serial ingest.

Each run is the real command in a fresh process, on the same PolNeAR dev articles,
into a fresh SQLite store, timed from start to exit (imports, model load, cluster
start and shut-down included: what a user waits for):

* serial: ``quotetrack ingest``, the plain path (one torch thread, the default);
* serial-2t: the same with ``--threads 2`` (both cores for torch);
* workers-1 and workers-2: ``ingest --workers N`` (N parser processes: the ingest
  process and N - 1 Dask workers, so workers-1 is the serial path again; with
  QUOTETRACK_PARALLEL_FROM=1, so that a short ``--articles`` run still starts the
  cluster).

Prints each run's seconds (``ingest_s``: until the summary was printed; ``seconds``:
until the process exited), CPU seconds of the run and its children, and the ratios
to the serial run; checks that every store holds the same quotes (a digest of the
sorted (article, start, end, speaker, kind) rows) and exits 1 if not, or if a run
failed.  ``--repeat N`` keeps each run's fastest of N (runs interleaved).  Goal:
workers-2 >= 1.6x serial on a 2-core machine; the load average before and after
each run is reported, as other processes skew the figures.

    .venv/bin/python benchmarks/scaling.py [--articles 40] [--repeat 1]
        [--runs serial,serial-2t,workers-1,workers-2] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, machine, polnear, report
from pipeline_overhead import write_jsonl

from quotetrack.store import open_store

GOAL = 1.6
RUNS: dict[str, list[str]] = {
    "serial": [],
    "serial-2t": ["--threads", "2"],
    "workers-1": ["--workers", "1"],
    "workers-2": ["--workers", "2"],
}
# The environment of every run: no settings of this shell that would change them.
CLEARED = ("QUOTETRACK_THREADS", "QUOTETRACK_PARSE_CACHE", "QUOTETRACK_DB",
           "MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return env | {"QUOTETRACK_PARALLEL_FROM": "1", "PYTHONPATH": str(ROOT)}


def children_cpu() -> float:
    """CPU seconds of every finished child of this process (and of theirs, reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(name: str, source: Path, db: Path, batch: int) -> dict[str, Any]:
    """One ingest as a fresh ``quotetrack`` process; its times, counts and rows digest."""
    command = [sys.executable, "-m", "quotetrack", "--db", str(db),
               "ingest", "--silent", "--format", "json", "--batch-size", str(batch),
               *RUNS[name], str(source)]
    load = round(os.getloadavg()[0], 2)
    cpu = children_cpu()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err,
                                env=child_env(), cwd=ROOT)
        assert proc.stdout is not None
        first = proc.stdout.read(1)  # the summary: everything is stored by now
        ingested = time.perf_counter() - started
        out = first + proc.stdout.read()
        code = proc.wait()
        seconds = time.perf_counter() - started
        err.seek(0)
        notes = err.read().decode(errors="replace")
    if code != 0:
        print(f"{name} failed ({code}): {' '.join(command)}\n{out.decode()}{notes}",
              file=sys.stderr)
    return {"run": name, "exit_code": code, "seconds": round(seconds, 2),
            "ingest_s": round(ingested, 2), "cpu_s": round(children_cpu() - cpu, 2),
            "load_before": load, "load_after": round(os.getloadavg()[0], 2),
            **rows_digest(db)}


def rows_digest(db: Path) -> dict[str, Any]:
    """The stored articles and quotes, and a digest of the sorted quote rows."""
    with open_store(str(db), create=False) as store:
        rows = sorted((r["article_id"], r["start"], r["end"], r["speaker"] or "", r["kind"])
                      for r in store.quotes(limit=None))
        articles = store.counts()["articles"]
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return {"articles": articles, "quotes": len(rows), "digest": digest}


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per run name, the run with the fewest seconds (all runs' digests kept apart)."""
    best: dict[str, dict[str, Any]] = {}
    for r in runs:
        if r["run"] not in best or r["seconds"] < best[r["run"]]["seconds"]:
            best[r["run"]] = r
    return best


def summary_lines(best: dict[str, dict[str, Any]], same: bool) -> list[str]:
    base = best.get("serial")
    lines = []
    for name, r in best.items():
        ratio = f" = x{round(base['seconds'] / r['seconds'], 2)} serial" if base else ""
        lines.append(f"{name:>10}: {r['articles']} articles, {r['quotes']} quotes in"
                     f" {r['seconds']} s (stored after {r['ingest_s']} s), cpu {r['cpu_s']} s"
                     f"{ratio}  [load {r['load_before']} -> {r['load_after']}]")
    lines.append("same rows in every store: " + ("yes" if same else "NO"))
    if base and "workers-2" in best:
        ratio = base["seconds"] / best["workers-2"]["seconds"]
        lines.append(f"--workers 2 vs serial: x{ratio:.2f} (goal >= {GOAL}:"
                     f" {'met' if ratio >= GOAL else 'MISSED'})")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=1, help="keep each run's fastest of N")
    ap.add_argument("--runs", default=",".join(RUNS), help=f"some of {', '.join(RUNS)}")
    ap.add_argument("--batch-size", type=int, default=16, help="ingest --batch-size")
    args = ap.parse_args()
    names = [n for n in args.runs.split(",") if n]
    if unknown := [n for n in names if n not in RUNS]:
        sys.exit(f"unknown run(s) {unknown}; choose from {list(RUNS)}")
    articles = polnear(args.articles)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_jsonl(articles, folder / "articles.jsonl")
        for n in range(args.repeat):
            for name in names:
                runs.append(run_once(name, source, folder / f"{name}-{n}.db", args.batch_size))
                print(f"   ... {runs[-1]}", flush=True)
    best = fastest(runs)
    same = len({r["digest"] for r in runs}) == 1 and all(r["exit_code"] == 0 for r in runs)
    base = best.get("serial")
    figures = {"benchmark": "scaling", "articles": len(articles), "runs": runs,
               "ratios_to_serial": {n: round(base["seconds"] / r["seconds"], 3)
                                    for n, r in best.items()} if base else {},
               "same_rows": same, "goal": GOAL, **machine()}
    report(f"scaling: {len(articles)} PolNeAR dev articles, each run a fresh process",
           summary_lines(best, same), figures)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
