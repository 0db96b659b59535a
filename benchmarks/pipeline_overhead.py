"""Pipeline overhead: what extraction and storing add to the bare parse.

On the same N PolNeAR dev articles, in one process with the model loaded once, time
(1) the bare parse, (2) parse + quote extraction + attribution, (3) the full ingest
(read JSONL, skip check, parse, extract, save each article) into a fresh SQLite
store; print each as a ratio to the bare parse.  Goals: extraction <= 1.10, ingest
<= 1.25.  ``--repeat`` runs the three stages in turn that many times and keeps each
stage's fastest run (less noise from other processes).

    .venv/bin/python benchmarks/pipeline_overhead.py [--articles 40] [--repeat 1]
        [--profile build/bench/ingest-profile.txt]   (one more ingest under pyinstrument:
        pip install pyinstrument)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import Timing, machine, polnear, report, timed

from quotetrack.ingest import ingest
from quotetrack.parse import ParserConfig, load_pipeline, parse, parse_many
from quotetrack.pipeline import process_many
from quotetrack.records import Article
from quotetrack.store import open_store

GOALS = {"extraction": 1.10, "ingest": 1.25}


def bare(articles: list[Article], config: ParserConfig) -> int:
    return sum(len(d.tokens) for d in parse_many((a.text for a in articles), config))


def extraction(articles: list[Article], config: ParserConfig) -> int:
    return sum(len(r.quotes) for r in process_many(articles, config))


def full_ingest(source: Path, folder: Path, config: ParserConfig) -> int:
    db = folder / f"store-{len(list(folder.glob('store-*.db')))}.db"
    with open_store(str(db)) as store:
        summary = ingest([str(source)], store, lambda batch: process_many(batch, config),
                         batch_size=config.batch_docs)
    return summary.quotes


def write_jsonl(articles: list[Article], path: Path) -> Path:
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n"
                            for a in articles), encoding="utf-8")
    return path


def profile(run: Callable[[], object], out: Path) -> None:
    """Run once under pyinstrument and write its text report to ``out``."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    with profiler:
        run()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")


def best(runs: list[Timing]) -> Timing:
    return min(runs, key=lambda t: t.wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile of an ingest")
    args = ap.parse_args()
    config = ParserConfig(threads=1)
    articles = polnear(args.articles)
    load_pipeline(config)
    parse("Warm up, he said.", config)
    runs: dict[str, list[Timing]] = {"parse": [], "extraction": [], "ingest": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_jsonl(articles, folder / "articles.jsonl")
        open_store(str(folder / "warm.db")).close()  # migrations imported and run once
        for _ in range(args.repeat):
            with timed() as t:
                words = bare(articles, config)
            runs["parse"].append(t)
            with timed() as t:
                quotes = extraction(articles, config)
            runs["extraction"].append(t)
            with timed() as t:
                stored = full_ingest(source, folder, config)
            runs["ingest"].append(t)
        if args.profile:
            profile(lambda: full_ingest(source, folder, config), args.profile)
    stages = {name: best(r) for name, r in runs.items()}
    base = stages["parse"]
    ratios = {name: round(t.wall / base.wall, 3) for name, t in stages.items()}
    cpu_ratios = {name: round(t.cpu / base.cpu, 3) for name, t in stages.items()}
    met = {g: ratios[g] <= limit for g, limit in GOALS.items()}
    figures = {"benchmark": "pipeline_overhead", "articles": len(articles), "words": words,
               "quotes": quotes, "quotes_stored": stored, "repeat": args.repeat,
               "stages": {n: t.as_dict() for n, t in stages.items()},
               "ratio_to_parse": ratios, "cpu_ratio_to_parse": cpu_ratios,
               "goals": GOALS, "goals_met": met, **machine()}
    report(f"pipeline overhead on {len(articles)} PolNeAR dev articles", [
        f"{name:<10} {t.wall:7.2f} s wall {t.cpu:7.2f} s CPU   x{ratios[name]:.3f}"
        f" (CPU x{cpu_ratios[name]:.3f})" for name, t in stages.items()] + [
        f"goals: extraction <= {GOALS['extraction']} ({'met' if met['extraction'] else 'MISSED'}),"
        f" ingest <= {GOALS['ingest']} ({'met' if met['ingest'] else 'MISSED'})"], figures)


if __name__ == "__main__":
    main()
