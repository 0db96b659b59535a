"""Ingest: skip before parsing, bad input reported, crash-safe, readers never blocked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from fakes import article_record, process_many, write_jsonl
from sqlalchemy import text

from quotetrack.ingest import ingest

FAKES = Path(__file__).with_name("fakes.py")


class Counting:
    """The fake pipeline, counting the articles it is asked to process."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, articles):
        self.seen.extend(a.id for a in articles)
        return process_many(articles)


def test_ingest_rerun_skips_before_parsing(store, tmp_path):
    path = str(write_jsonl(tmp_path / "a.jsonl", 10))
    first = Counting()
    summary = ingest([path], store, first, batch_size=3)
    assert (summary.stored, summary.skipped, summary.failed, summary.quotes) == (10, 0, 0, 20)
    counts = store.counts()
    again = Counting()
    summary = ingest([path, path], store, again)
    assert (summary.stored, summary.skipped, summary.exit_code) == (0, 20, 0)
    assert again.seen == [] and len(first.seen) == 10
    assert store.counts() == counts


def test_ingest_random_bytes_fail_and_change_nothing(store, tmp_path):
    ingest([str(write_jsonl(tmp_path / "a.jsonl", 3))], store, process_many)
    before = store.counts()
    junk = tmp_path / "junk.txt"
    junk.write_bytes(os.urandom(4096))
    problems = []
    summary = ingest([str(junk)], store, process_many, on_problem=problems.append)
    assert (summary.stored, summary.failed, summary.exit_code) == (0, 1, 1)
    assert problems[0].source == str(junk)
    assert "binary" in problems[0].reason or "UTF-8" in problems[0].reason
    assert store.counts() == before


def test_ingest_bad_files_reported_rest_stored(store, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text('Yuri Ushakov said "no date yet."', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    lines = [json.dumps(article_record(1)), "{not json", json.dumps({"id": "x"}),
             json.dumps(article_record(2))]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("x" * 5000, encoding="utf-8")
    events = []
    summary = ingest([str(tmp_path)], store, process_many,
                     on_progress=lambda status, name: events.append(status), max_bytes=4000)
    where = sorted((Path(p.source).name, p.line) for p in summary.problems)
    assert where == [("big.txt", None), ("empty.txt", None), ("mixed.jsonl", 2),
                     ("mixed.jsonl", 3)]
    assert (summary.stored, summary.failed, summary.exit_code) == (3, 4, 1)
    assert sorted(events) == ["failed"] * 4 + ["stored"] * 3
    assert {q["article_id"] for q in store.quotes()} == {"good", "a0001", "a0002"}


def test_ingest_same_text_twice_in_one_run_is_stored_once(store, tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text('Donald Trump said "same words."', encoding="utf-8")
    summary = ingest([str(tmp_path)], store, process_many)
    assert (summary.stored, summary.skipped) == (1, 1)
    assert store.counts()["articles"] == 1


def run_fake_ingest(db: str, path: Path, delay: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_FAKE_DELAY": delay}
    return subprocess.Popen([sys.executable, str(FAKES), db, str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_articles(store, at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = store.counts()["articles"]
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} articles after {timeout}s")


def test_ingest_sigkill_then_rerun_stores_each_article_once(db, store, tmp_path):
    total = 60
    path = write_jsonl(tmp_path / "many.jsonl", total)
    proc = run_fake_ingest(db, path, "0.03")
    wait_for_articles(store, 10)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert 10 <= store.counts()["articles"] < total  # killed midway
    rerun = run_fake_ingest(db, path, "0")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert json.loads(out)["stored"] + json.loads(out)["skipped"] == total
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM articles ORDER BY id"))]
        per_article = set(conn.execute(text(
            "SELECT COUNT(*) FROM quotes GROUP BY article_id")).scalars())
        orphans = conn.execute(text(
            "SELECT COUNT(*) FROM quotes q LEFT JOIN articles a ON a.id = q.article_id"
            " WHERE a.id IS NULL")).scalar()
        unlinked = conn.execute(text(
            "SELECT COUNT(*) FROM quote_speakers l LEFT JOIN quotes q ON q.id = l.quote_id"
            " WHERE q.id IS NULL")).scalar()
    assert ids == [f"a{n:04d}" for n in range(total)]
    assert per_article == {2} and orphans == 0 and unlinked == 0
    assert store.counts()["quotes"] == 2 * total


def test_ingest_readers_never_wait_for_the_writer(db, store, tmp_path):
    path = write_jsonl(tmp_path / "many.jsonl", 150)
    proc = run_fake_ingest(db, path, "0.005")
    seen, slowest = set(), 0.0
    try:
        wait_for_articles(store, 1)
        while proc.poll() is None:
            started = time.monotonic()
            seen.add(store.counts()["articles"])
            store.who_said("sanctions", limit=5)
            store.quotes(speaker="Lavrov", limit=5)
            store.speakers(limit=5)
            slowest = max(slowest, time.monotonic() - started)
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert len(seen) > 3  # the reader really ran while the writer wrote
    assert slowest < 1.0, f"a read took {slowest:.2f}s"
    assert store.counts()["articles"] == 150


def test_ingest_two_writers_at_once_store_each_article_and_speaker_once(db, store, tmp_path):
    total = 40
    path = write_jsonl(tmp_path / "same.jsonl", total)
    procs = [run_fake_ingest(db, path, "0.002") for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e.decode() for _, e in outputs]
    stored = sum(json.loads(out)["stored"] for out, _ in outputs)
    assert stored == total
    counts = store.counts()
    assert (counts["articles"], counts["quotes"]) == (total, 2 * total)
    names = [s["name"] for s in store.speakers()]
    assert len(names) == len(set(names)) == 6  # "Lavrov" resolves to Sergei Lavrov
