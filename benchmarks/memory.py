"""Memory: peak RSS while ingesting many articles; it must stay flat, under 2 GiB.

Writes a JSONL file of --articles articles replicated from the PolNeAR dev texts
(cycled, each with a new id and a one-line reference so every text is new and
gets parsed; --max-chars cuts each text at a paragraph end to keep the run short,
0 keeps whole texts), then ingests it into a fresh SQLite store, serially in this
process or on --workers local Dask workers.  RSS (this process plus its children)
is sampled twice a second.  "Flat": the peak after the first 10% of articles grows
by less than 64 MiB (or 5%) to the end.

    .venv/bin/python benchmarks/memory.py --articles 10000 [--max-chars 1200] [--workers 0]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import machine, polnear, report

from quotetrack.ingest import IngestSummary, ingest
from quotetrack.parse import ParserConfig
from quotetrack.pipeline import process_many
from quotetrack.store import open_store

LIMIT_MB = 2048
MiB = 1024 * 1024


def cut(text: str, max_chars: int) -> str:
    """``text`` up to the last paragraph end within ``max_chars`` (0: all of it)."""
    if not max_chars or len(text) <= max_chars:
        return text
    head = text[:max_chars]
    end = head.rfind("\n\n")
    if end < 200:
        end = head.rfind(". ") + 1
    return head[:end] if end > 0 else head


def write_corpus(path: Path, count: int, max_chars: int) -> int:
    """Stream ``count`` articles to ``path``; returns the characters written."""
    texts = [cut(a.text, max_chars) for a in polnear()]
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = f"{texts[n % len(texts)]}\n\n(Ref. {n}.)"
            chars += len(text)
            out.write(json.dumps({"id": f"mem-{n:05d}", "text": text}) + "\n")
    return chars


class Sampler(threading.Thread):
    """RSS of this process and its children, every ``every`` seconds, in MiB."""

    def __init__(self, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process()
        self.every = every
        self.peak = 0.0
        self.stop = threading.Event()

    def rss(self) -> float:
        procs = [self.process, *self.process.children(recursive=True)]
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except Exception:  # a child that just ended
                continue
        return total / MiB

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.every)


def checkpoints(sampler: Sampler, total: int, every: int) -> tuple[list[dict[str, Any]], Any]:
    """Rows (articles done, RSS now, peak so far) and the on_progress callback adding them."""
    rows: list[dict[str, Any]] = []
    done = [0]

    def on_progress(status: str, name: str) -> None:
        done[0] += 1
        if done[0] % every == 0 or done[0] == total:
            rows.append({"articles": done[0], "rss_mb": round(sampler.rss(), 1),
                         "peak_mb": round(max(sampler.peak, sampler.rss()), 1)})
            print(f"   {rows[-1]}", flush=True)

    return rows, on_progress


def run(source: Path, folder: Path, args: argparse.Namespace,
        on_progress: Any) -> IngestSummary:
    """Ingest ``source`` into a new SQLite store in ``folder``, serially or on Dask."""
    config = ParserConfig(threads=1)
    with open_store(str(folder / "memory.db")) as store:
        if args.workers:
            from quotetrack.distributed import ingest_on_dask

            return ingest_on_dask([str(source)], store, config, workers=args.workers,
                                  on_progress=on_progress)
        return ingest([str(source)], store, lambda b: process_many(b, config),
                      on_progress=on_progress)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--max-chars", type=int, default=1200, help="0: whole texts")
    ap.add_argument("--workers", type=int, default=0, help="0: parse in this process")
    args = ap.parse_args()
    sampler = Sampler()
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chars = write_corpus(folder / "articles.jsonl", args.articles, args.max_chars)
        rows, on_progress = checkpoints(sampler, args.articles, max(args.articles // 20, 1))
        summary = run(folder / "articles.jsonl", folder, args, on_progress)
    sampler.stop.set()
    early = next(r for r in rows if r["articles"] >= args.articles // 10)
    growth = rows[-1]["peak_mb"] - early["peak_mb"]
    flat = growth < max(64.0, 0.05 * early["peak_mb"])
    figures = {"benchmark": "memory", "articles": args.articles, "stored": summary.stored,
               "quotes": summary.quotes, "chars": chars, "max_chars": args.max_chars,
               "workers": args.workers, "seconds": round(summary.seconds, 1),
               "peak_rss_mb": rows[-1]["peak_mb"], "peak_at_10pct_mb": early["peak_mb"],
               "growth_after_10pct_mb": round(growth, 1), "flat": flat,
               "under_2gib": rows[-1]["peak_mb"] < LIMIT_MB, "checkpoints": rows,
               **machine()}
    mode = f"{args.workers} Dask workers" if args.workers else "serial"
    report(f"memory while ingesting {args.articles:,} articles", [
        f"stored {summary.stored:,} articles ({summary.quotes:,} quotes) in"
        f" {summary.seconds:.0f} s, {mode}",
        f"peak RSS {rows[-1]['peak_mb']:.0f} MiB (after 10%: {early['peak_mb']:.0f} MiB,"
        f" growth {growth:.1f} MiB): {'flat' if flat else 'GROWING'},"
        f" {'under' if rows[-1]['peak_mb'] < LIMIT_MB else 'OVER'} 2 GiB"], figures)


if __name__ == "__main__":
    main()
