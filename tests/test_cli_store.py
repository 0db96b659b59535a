"""The store commands end to end, with the real extraction pipeline (shipped models).

The seed article and the 84 PolNeAR dev articles are extracted once per module; each
dialect gets a store filled with those results, which the query commands read.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import DIALECTS, PgDatabases, pg_url_for
from fakes import process_many, write_jsonl

from quotetrack.cli import main
from quotetrack.ingest import ingest
from quotetrack.readers import read_paths
from quotetrack.store import open_store
from quotetrack.store.engine import make_engine, to_url
from quotetrack.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed-article.txt"
POLNEAR_DEV = Path(os.environ.get("QUOTETRACK_POLNEAR_DEV",
                                  "/work/shared/eval/polnear/dev.jsonl"))
WHO_SAID_KEYS = {"speaker", "text", "kind", "cue", "article_id", "url", "title",
                 "published_at", "start", "end"}
STORE_COMMANDS = ["ingest", "who-said", "quotes", "speakers", "show", "report", "db"]


def cli(db: str, *args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", db, *args], input=stdin)


def as_json(result: Result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# The first 20 PolNeAR dev articles by default; all 84 with QUOTETRACK_FULL_DEV=1.
SAMPLE = None if os.environ.get("QUOTETRACK_FULL_DEV") else 20


@functools.cache
def _dev_input() -> str | None:
    if not POLNEAR_DEV.is_file():
        return None
    if SAMPLE is None:
        return str(POLNEAR_DEV)
    lines = POLNEAR_DEV.read_text("utf-8").splitlines()[:SAMPLE]
    path = Path(tempfile.mkdtemp(prefix="qt-dev-sample-")) / "dev.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return str(path)


def inputs() -> list[str]:
    dev = _dev_input()
    return [str(SEED)] + ([dev] if dev else [])


@pytest.fixture(scope="module")
def real_results():
    """ArticleResults of the real pipeline for the seed and PolNeAR dev articles."""
    from quotetrack.pipeline import process_many as real_process_many

    articles = [a for a in read_paths(inputs()) if not hasattr(a, "reason")]
    return list(real_process_many(articles))


@pytest.fixture(scope="module", params=DIALECTS)
def filled(request, real_results, tmp_path_factory):
    """A store per dialect holding the real results (read-only for the tests using it)."""
    if request.param == "sqlite":
        location = str(tmp_path_factory.mktemp("filled") / "filled.db")
    else:
        dbs: PgDatabases = request.getfixturevalue("pg")
        location = pg_url_for(dbs.create())
    with open_store(location) as store:
        for result in real_results:
            store.save(result)
    return location


def test_cli_commands_have_help_and_examples():
    for command in STORE_COMMANDS:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and result.output.strip()
        assert "Example" in result.output or command == "db"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in STORE_COMMANDS:
        assert f"quotetrack {command}" in readme or f"--db news.db {command}" in readme


def test_cli_ingest_real_pipeline_and_rerun(db):
    first = as_json(cli(db, "ingest", str(SEED), "--format", "json"))
    counts = {r["status"]: r["count"] for r in first}
    assert counts["stored"] == 1 and counts["failed"] == 0 and counts["quotes"] > 0
    with open_store(db) as store:
        before = store.counts()
    again = {r["status"]: r["count"] for r in as_json(cli(db, "ingest", str(SEED), "--format",
                                                          "json"))}
    assert again["stored"] == 0 and again["skipped"] == 1
    with open_store(db) as store:
        assert store.counts() == before
    rows = as_json(cli(db, "who-said", "Lavrov OR sanctions OR peacekeeping", "--format",
                       "json"))
    assert rows and all(WHO_SAID_KEYS <= set(r) for r in rows)
    assert all(r["article_id"] == "seed-article" for r in rows)


@pytest.mark.parametrize("via_stdin", [False, True])
def test_cli_ingest_random_bytes_exit_1_store_unchanged(db, tmp_path, via_stdin):
    with open_store(db) as store:
        ingest([str(write_jsonl(tmp_path / "ok.jsonl", 3))], store, process_many)
        before = store.counts()
    junk = tmp_path / "random.bin"
    junk.write_bytes(os.urandom(2048) + b"\x00")
    result = (cli(db, "ingest", "-", stdin=junk.read_bytes()) if via_stdin
              else cli(db, "ingest", str(junk)))
    assert result.exit_code == 1
    assert ("<stdin>" if via_stdin else str(junk)) in result.stderr
    assert "looks binary" in result.stderr or "not UTF-8" in result.stderr
    assert "Error: 1 input(s) could not be read" in result.stderr
    assert "Traceback" not in result.output
    with open_store(db) as store:
        assert store.counts() == before


def test_cli_rerun_of_everything_stored_parses_nothing(filled, tmp_path):
    copy = filled
    if "://" not in filled:
        copy = str(tmp_path / "copy.db")
        shutil.copy(filled, copy)
    with open_store(copy) as store:
        before = store.counts()
    summary = {r["status"]: r["count"]
               for r in as_json(cli(copy, "ingest", *inputs(), "--format", "json"))}
    assert summary["stored"] == 0 and summary["skipped"] == before["articles"]
    with open_store(copy) as store:
        assert store.counts() == before


def test_cli_who_said_formats(filled):
    rows = as_json(cli(filled, "who-said", "sanctions", "--format", "json"))
    assert rows and all(WHO_SAID_KEYS <= set(r) for r in rows)
    lines = cli(filled, "who-said", "sanctions", "--format", "nl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(cli(filled, "who-said", "sanctions",
                                                "--format", "csv").stdout)))
    assert [r["text"] for r in table] == [r["text"] for r in rows]
    assert list(table[0]) == ["id", "speaker", "text", "kind", "cue", "negated", "method",
                              "confidence", "article_id", "url", "title", "published_at",
                              "start", "end"]
    screen = cli(filled, "who-said", "sanctions")
    assert screen.exit_code == 0 and "speaker" in screen.stdout


def test_cli_who_said_bad_raw_expression_is_a_clear_error(filled):
    result = cli(filled, "who-said", 'sanctions AND ("', "--raw")
    assert result.exit_code == 1
    assert "Q005" in result.stderr and "cannot read the search" in result.stderr
    assert "Traceback" not in result.output and "SELECT" not in result.output


def test_cli_quotes_filters(filled):
    trump = as_json(cli(filled, "quotes", "--speaker", "Donald Trump", "--limit", "0",
                        "--format", "json"))
    assert trump and all("Donald Trump" in r["speakers"] for r in trump)
    dated = as_json(cli(filled, "quotes", "--since", "2016-09-01", "--until", "2016-09-30",
                        "--kind", "direct", "--format", "json"))
    assert dated and all(r["kind"] == "direct" for r in dated)
    assert all("2016-09-01" <= r["published_at"][:10] <= "2016-09-30" for r in dated)
    missing = cli(filled, "quotes", "--speaker", "Nobody Atall")
    assert missing.exit_code == 1 and "Q006" in missing.stderr


def test_cli_speakers_json(filled):
    rows = as_json(cli(filled, "speakers", "--format", "json"))
    assert all(set(r) >= {"name", "kind", "aliases", "quotes"} for r in rows)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Donald Trump"]["quotes"] > 10 and "Trump" in by_name["Donald Trump"]["aliases"]
    assert [r["quotes"] for r in rows] == sorted((r["quotes"] for r in rows), reverse=True)


def test_cli_show_and_report(filled):
    screen = cli(filled, "show", "seed-article")
    assert screen.exit_code == 0 and "[1 " in screen.stdout
    shown = as_json(cli(filled, "show", "seed-article", "--format", "json"))
    assert shown["article"]["id"] == "seed-article" and shown["quotes"]
    report = as_json(cli(filled, "report", "--format", "json"))
    assert set(report) == {"by_month", "top_cues", "attribution"}
    assert report["top_cues"][0]["cue"] == "say"
    rows = list(csv.DictReader(io.StringIO(cli(filled, "report", "--format", "csv").stdout)))
    assert {r["section"] for r in rows} == {"by_month", "top_cues", "attribution"}
    assert cli(filled, "show", "nope").exit_code == 1


def test_cli_must_show_seed_speakers(filled):
    said = as_json(cli(filled, "who-said", "peacekeepers", "--format", "json"))
    assert any("Poroshenko" in (r["speaker"] or "") for r in said)
    names = " | ".join(r["name"] for r in as_json(cli(filled, "speakers", "--format", "json")))
    for who in ("Lavrov", "Ushakov", "Trump", "White House", "Poroshenko"):
        assert who in names


def test_cli_speakers_merge_and_rename(db, tmp_path):
    with open_store(db) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", 8))], store, process_many)
    merged = cli(db, "speakers", "merge", "Sergei Lavrov", "Yuri Ushakov")
    assert merged.exit_code == 0 and "merged 'Yuri Ushakov' into 'Sergei Lavrov'" in merged.stdout
    renamed = cli(db, "speakers", "rename", "Lavrov", "Sergey Lavrov")
    assert renamed.exit_code == 0
    rows = {r["name"]: r for r in as_json(cli(db, "speakers", "--format", "json"))}
    assert "Yuri Ushakov" not in rows
    assert {"Yuri Ushakov", "Sergei Lavrov"} <= set(rows["Sergey Lavrov"]["aliases"])
    again = cli(db, "speakers", "merge", "Sergey Lavrov", "Yuri Ushakov")
    assert again.exit_code == 1 and "already the same speaker" in again.stderr


def test_cli_old_store_asks_for_db_upgrade(empty_db):
    engine = make_engine(to_url(empty_db))
    upgrade(engine, "0001")
    engine.dispose()
    result = cli(empty_db, "speakers")
    assert result.exit_code == 1 and "Q004" in result.stderr
    assert "quotetrack db upgrade" in result.stderr
    status = as_json(cli(empty_db, "db", "current", "--format", "json"))
    assert status[0]["current"] == "0001" and status[0]["up_to_date"] is False
    upgraded = cli(empty_db, "db", "upgrade")
    assert upgraded.exit_code == 0 and "upgraded from schema 0001" in upgraded.stdout
    assert as_json(cli(empty_db, "speakers", "--format", "json")) == []
    assert "already at schema" in cli(empty_db, "db", "upgrade").stdout


def readme_sql() -> list[str]:
    """The statements of the README's ``sql`` blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```sql\n")[1:]]
    return [s.strip() for block in blocks for s in block.split(";") if s.strip()]


def test_cli_readme_sql_runs(filled):
    from sqlalchemy import text

    statements = readme_sql()
    assert len(statements) >= 7
    engine = make_engine(to_url(filled))
    dialect = engine.dialect.name
    ran = 0
    try:
        with engine.connect() as conn:
            for sql in statements:
                other = "PostgreSQL" if dialect == "sqlite" else "SQLite"
                if sql.startswith(f"-- {other}"):
                    continue
                rows = conn.execute(text(sql)).all()
                ran += 1
                if "v_speaker_stats" in sql or "MATCH" in sql or "@@" in sql:
                    assert rows, sql
    finally:
        engine.dispose()
    assert ran == len(statements) - 1


def test_cli_queries_do_not_create_a_missing_store(tmp_path):
    missing = str(tmp_path / "typo.db")
    result = cli(missing, "who-said", "sanctions")
    assert result.exit_code == 1 and "no store at" in result.stderr
    assert not Path(missing).exists()
