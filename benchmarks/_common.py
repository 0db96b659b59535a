"""Shared helpers for the benchmark scripts (not a test module; run the scripts).

Every script prints a human summary and, as its last stdout line, one JSON object
with its figures.  PolNeAR articles are read at run time from the shared evaluation
folder (research use only: never copied into this repository).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotetrack.records import Article  # noqa: E402

POLNEAR_DEV = Path(os.environ.get("QUOTETRACK_POLNEAR_DEV",
                                  "/work/shared/eval/polnear/dev.jsonl"))
SEED = ROOT / "fixtures" / "seed" / "seed-article.txt"


def polnear(limit: int | None = None, path: Path = POLNEAR_DEV) -> list[Article]:
    """The first ``limit`` PolNeAR articles (id and text only), in file order."""
    if not path.is_file():
        sys.exit(f"no PolNeAR file at {path}; set QUOTETRACK_POLNEAR_DEV")
    out: list[Article] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(out) >= limit:
                break
            row = json.loads(line)
            out.append(Article(id=row["id"], text=row["text"]))
    return out


@dataclass
class Timing:
    """Wall and CPU seconds of one measured block (CPU: this process only)."""

    wall: float = 0.0
    cpu: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {"wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3)}


@contextmanager
def timed() -> Iterator[Timing]:
    """Measure the block: ``with timed() as t: ...`` then ``t.wall``, ``t.cpu``."""
    timing = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield timing
    finally:
        timing.wall = time.perf_counter() - wall
        timing.cpu = time.process_time() - cpu


def machine() -> dict[str, Any]:
    """What the figures ran on: cores and the 1-minute load average at the end."""
    return {"cpus": os.cpu_count(), "load_1m": round(os.getloadavg()[0], 2)}


def report(title: str, lines: list[str], figures: dict[str, Any]) -> None:
    """Print the human summary, then the figures as the last line (one JSON object)."""
    print(f"== {title}")
    for line in lines:
        print(f"   {line}")
    print(json.dumps(figures, sort_keys=False), flush=True)
