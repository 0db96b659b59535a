"""Query latency on a large store: who-said searches and speaker/date listings.

Builds (once) a store of N synthetic quotes (``synthetic.Corpus``: many speakers,
outlets and dates, reproducible by --seed) through ``Store.bulk_insert``, then times
200 varied who-said searches (common, mid-frequency and rare words, two-word
queries, phrases, OR, exclusions, misses; 20 results each) and 50 listings of one
speaker's quotes in a date window (100 rows each), after 20 untimed warm-up
queries.  Goal at N = 1,000,000 on SQLite and on PostgreSQL, for who-said and for
listings alike: p50 <= 20 ms, p99 <= 100 ms.  The database's settings that bear on
speed (PostgreSQL's SHOW values: shared_buffers, work_mem, effective_cache_size ...;
SQLite's version and pragmas) are printed with the figures.  A store that already
holds exactly N quotes is reused, so queries can be re-timed.

    .venv/bin/python benchmarks/query_latency.py --quotes 1000000 --db build/bench/q1m.db
    .venv/bin/python benchmarks/query_latency.py --quotes 100000 --db postgresql://...
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial
from itertools import islice
from typing import Any

from _common import machine, report
from synthetic import DAYS, START, WORD, Corpus, word_bands

from quotetrack.records import ArticleResult
from quotetrack.store import Store, open_store

GOALS = {"p50_ms": 20.0, "p99_ms": 100.0}
CHUNK = 1000  # articles per bulk transaction
SAMPLE = 20_000  # quotes the query words are drawn from


def chunks(results: Iterator[ArticleResult], size: int) -> Iterator[list[ArticleResult]]:
    while batch := list(islice(results, size)):
        yield batch


def build(store: Store, corpus: Corpus, quotes: int) -> dict[str, Any]:
    """Bulk-insert articles until ``quotes`` quotes are stored (the last one cut), then
    ``Store.optimize`` (timed with the build)."""
    started, stored, articles = time.perf_counter(), 0, 0
    stream = corpus.articles(10 ** 9)
    for batch in chunks(stream, CHUNK):
        room = quotes - stored
        if sum(len(r.quotes) for r in batch) > room:
            batch = _fit(batch, room)
        stored += store.bulk_insert(batch)
        articles += len(batch)
        if articles % 50_000 == 0:
            print(f"   ... {stored:,} quotes", flush=True)
        if stored >= quotes:
            break
    loaded = time.perf_counter()
    store.optimize()  # what autovacuum would do in time (PostgreSQL; see Store.optimize)
    done = time.perf_counter()
    return {"build_s": round(done - started, 1), "optimize_s": round(done - loaded, 1),
            "articles": articles}


def _fit(batch: list[ArticleResult], room: int) -> list[ArticleResult]:
    out = []
    for r in batch:
        if room <= 0:
            break
        if len(r.quotes) > room:
            r = ArticleResult(r.article, r.quotes[:room], r.speakers, r.model,
                              r.extractor_version)
        out.append(r)
        room -= len(r.quotes)
    return out


def searches(sample: list[str], rng: random.Random) -> list[str]:
    """200 who-said queries in the mix the module docstring lists."""
    bands = word_bands(sample)

    def words(q: str) -> list[str]:
        return [w for w in WORD.findall(q) if w.isalpha() and len(w) > 2]

    def phrase() -> str:
        ws = words(rng.choice(sample))
        while len(ws) < 3:
            ws = words(rng.choice(sample))
        i = rng.randrange(len(ws) - 2)
        return '"' + " ".join(ws[i:i + rng.choice((2, 3))]) + '"'

    def pair() -> str:
        ws = [w for w in words(rng.choice(sample)) if w.lower() in set(bands["mid"])]
        return " ".join(rng.sample(ws, 2)) if len(ws) >= 2 else rng.choice(bands["mid"])

    out = [rng.choice(bands[b]) for b in ("common", "mid", "rare") for _ in range(20)]
    out += [pair() for _ in range(50)] + [phrase() for _ in range(40)]
    out += [f"{rng.choice(bands['mid'])} OR {rng.choice(bands['mid'])}" for _ in range(30)]
    out += [f"{rng.choice(bands['common'])} -{rng.choice(bands['mid'])}" for _ in range(10)]
    out += [f"zqx{n}vy" for n in range(10)]
    rng.shuffle(out)
    return out


def listings(speakers: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """50 speaker + date-window listings; ``speakers`` holds one name per stored quote,
    so popular speakers come up more often."""
    out = []
    for _ in range(50):
        since = START + timedelta(days=rng.randrange(DAYS - 400))
        until = min(since + timedelta(days=rng.randint(180, 1100)), date(2025, 12, 31))
        out.append({"speaker": rng.choice(speakers), "since": since.isoformat(),
                    "until": until.isoformat(), "limit": 100})
    return out


def timings(calls: list[Callable[[], list[Any]]]) -> tuple[list[float], int]:
    """Milliseconds of each call, and the rows they returned in all."""
    ms, rows = [], 0
    for call in calls:
        started = time.perf_counter()
        rows += len(call())
        ms.append((time.perf_counter() - started) * 1000)
    return ms, rows


def stats(ms: list[float], rows: int) -> dict[str, float]:
    ordered = sorted(ms)
    p99 = ordered[max(math.ceil(0.99 * len(ordered)) - 1, 0)]
    return {"queries": len(ms), "rows": rows, "p50_ms": round(statistics.median(ms), 2),
            "p99_ms": round(p99, 2), "max_ms": round(ordered[-1], 2),
            "mean_ms": round(statistics.fmean(ms), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    corpus = Corpus(args.seed)
    with open_store(args.db) as store:
        held = store.counts()["quotes"]
        if held not in (0, args.quotes):
            raise SystemExit(f"{args.db} holds {held:,} quotes, not {args.quotes:,};"
                             " pass a new --db")
        built = build(store, corpus, args.quotes) if held == 0 else {"build_s": None}
        counts = store.counts()
        rng = random.Random(args.seed)
        sample = list(corpus.quotes(min(SAMPLE, args.quotes)))
        who = searches([q.text for q in sample], rng)
        lists = listings([q.speaker or "" for q in sample], rng)
        timings([partial(store.who_said, q) for q in who[:20]])  # warm-up, untimed
        who_ms, who_rows = timings([partial(store.who_said, q, limit=20) for q in who])
        list_ms, list_rows = timings([partial(store.quotes, **a) for a in lists])
        dialect, settings = store.dialect, store.settings()
    who_stats, list_stats = stats(who_ms, who_rows), stats(list_ms, list_rows)
    met = all(s["p50_ms"] <= GOALS["p50_ms"] and s["p99_ms"] <= GOALS["p99_ms"]
              for s in (who_stats, list_stats))
    slowest = sorted(zip(who_ms, who, strict=True), reverse=True)[:3]
    slow_lists = sorted(zip(list_ms, (f"{a['speaker']} {a['since']}..{a['until']}"
                                      for a in lists), strict=True), reverse=True)[:3]
    figures = {"benchmark": "query_latency", "dialect": dialect, "quotes": counts["quotes"],
               "articles": counts["articles"], "speakers": counts["speakers"],
               "seed": args.seed, **built, "who_said": who_stats, "listing": list_stats,
               "goals": GOALS, "goal_met": met,
               "slowest_who_said": [[round(m, 1), q] for m, q in slowest],
               "slowest_listing": [[round(m, 1), q] for m, q in slow_lists],
               "settings": settings, **machine()}
    report(f"query latency, {counts['quotes']:,} quotes on {dialect}", [
        f"store: {counts['articles']:,} articles, {counts['speakers']:,} speakers"
        + (f", built in {built['build_s']} s (optimize {built['optimize_s']} s)"
           if built["build_s"] else " (reused)"),
        f"who-said x{len(who)}: p50 {who_stats['p50_ms']} ms, p99 {who_stats['p99_ms']} ms,"
        f" max {who_stats['max_ms']} ms",
        f"speaker+dates listing x{len(lists)}: p50 {list_stats['p50_ms']} ms,"
        f" p99 {list_stats['p99_ms']} ms, max {list_stats['max_ms']} ms",
        f"slowest searches: {[(round(m, 1), q) for m, q in slowest]}",
        f"slowest listings: {[(round(m, 1), q) for m, q in slow_lists]}",
        "settings: " + ", ".join(f"{k}={v}" for k, v in settings.items()),
        f"goal (both kinds: p50 <= 20 ms, p99 <= 100 ms): {'met' if met else 'MISSED'}"],
        figures)


if __name__ == "__main__":
    main()
