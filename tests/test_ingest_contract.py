"""One ingest contract on both stores: hostile input through the real CLI and models.

NUL and other control characters are cleaned before hashing and parsing; an empty
text, a date that is not a date and an id clash are reported with file and line;
exit code 1; the good articles are stored, with the same rows on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import PgDatabases, pg_url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.cli import main
from quotetrack.errors import StoreError
from quotetrack.readers import clean_text, read_paths, text_hash
from quotetrack.records import Article, ArticleResult
from quotetrack.store import Store, open_store
from quotetrack.store.schema import Base

NUL_TEXT = 'Yuri Ushakov said "the\u0000 meeting is off\u0007." Reporters\r\nwaited.'
RECORDS: list[dict[str, Any]] = [
    {"id": "nul-1", "text": NUL_TEXT, "published_at": "2017-03-02", "outlet": "TASS\u0000"},
    {"id": "empty-1", "text": " \u0000\t \u0001 "},
    {"id": "date-1", "text": 'Sergei Lavrov said "no deal is near."',
     "published_at": "next Tuesday"},
    {"id": "good-1", "text": 'Donald Trump said "we will see what happens."'},
    {"id": "good-1", "text": 'Dmitry Peskov said "we have nothing to hide."'},
]
# (line, words its reason must hold); lines are 1-based
PROBLEMS = [(2, "empty text"), (3, "is not a date"), (5, "taken by another text")]
VOLATILE = {"ingested_at", "created_at"}


def write_records(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest_cli(db: str, path: Path) -> Result:
    """``quotetrack ingest FILE --db DB`` (the store option after the command)."""
    return CliRunner().invoke(main, ["ingest", str(path), "--db", db, "--format", "json"])


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (timestamps of the run left out), sorted."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with Session(store.engine) as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in VOLATILE]
            rows = session.execute(select(*columns)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def test_hostile_jsonl_reported_rest_stored(db, tmp_path):
    path = write_records(tmp_path / "news.jsonl", RECORDS)
    result = ingest_cli(db, path)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    for line, reason in PROBLEMS:  # one line each: file, line, reason
        assert any(f"{path}:{line}: " in e and reason in e for e in lines), result.stderr
    counts = {r["status"]: r["count"] for r in json.loads(result.stdout)}
    assert (counts["stored"], counts["failed"], counts["renamed"]) == (3, 2, 1)
    with open_store(db) as store:
        articles = {r["article"]["id"]: r["article"]
                    for r in (store.show(i) for i in _ids(store))}
        quotes = store.quotes(limit=None)
    clash = f"good-1~{text_hash(RECORDS[4]['text'])[:12]}"
    assert set(articles) == {"nul-1", "good-1", clash}
    stored = articles["nul-1"]
    assert stored["text"] == clean_text(NUL_TEXT) == (
        'Yuri Ushakov said "the meeting is off." Reporters\nwaited.')
    assert stored["outlet"] == "TASS" and stored["published_at"].startswith("2017-03-02")
    texts = {a["id"]: a["text"] for a in articles.values()}
    for q in quotes:  # offsets index the stored (cleaned) text
        assert texts[q["article_id"]][q["start"]:q["end"]] == q["text"]
    assert {q["article_id"] for q in quotes} == set(articles)


def _ids(store: Store) -> list[str]:
    from quotetrack.store.schema import ArticleRow

    with Session(store.engine) as session:
        return list(session.scalars(select(ArticleRow.id)))


def test_rerun_of_hostile_jsonl_changes_nothing_and_exits_1_for_the_bad_lines(db, tmp_path):
    path = write_records(tmp_path / "news.jsonl", RECORDS)
    ingest_cli(db, path)
    with open_store(db) as store:
        before = dump(store)
    again = ingest_cli(db, path)
    counts = {r["status"]: r["count"] for r in json.loads(again.stdout)}
    assert (counts["stored"], counts["skipped"], counts["failed"], counts["renamed"]) == (
        0, 3, 2, 0)
    assert again.exit_code == 1
    with open_store(db) as store:
        assert dump(store) == before


def test_sqlite_and_postgresql_hold_the_same_rows(pg: PgDatabases, tmp_path, request):
    sqlite_db = tmp_path / "same.db"
    shutil.copy(request.getfixturevalue("sqlite_template"), sqlite_db)
    pg_db = pg_url_for(pg.create(template=request.getfixturevalue("pg_template")))
    path = write_records(tmp_path / "news.jsonl", RECORDS)
    results = [ingest_cli(db, path) for db in (str(sqlite_db), pg_db)]
    assert [r.exit_code for r in results] == [1, 1]
    assert results[0].stdout.replace(" ", "")[:200] != ""
    with open_store(str(sqlite_db)) as lite, open_store(pg_db) as post:
        rows = dump(lite)
        assert rows == dump(post)
    assert len(rows["articles"]) == 3 and rows["quotes"]


def result_of(article: Article) -> ArticleResult:
    return ArticleResult(article, (), (), "none", "test")


@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_store_refuses_unclean_text_on_both_dialects(store, field):
    fields = {"id": "x", "text": "Fine text.", "title": "T"}
    bad = Article(**(fields | {field: "bad\u0000value"}))
    with pytest.raises(StoreError, match="control characters"):
        store.save(result_of(bad))
    assert store.counts()["articles"] == 0
    assert store.add(result_of(Article(**fields))) == "x"


def test_readers_clean_every_field_and_report_where(tmp_path):
    path = write_records(tmp_path / "r.jsonl", [
        {"id": "a\u0000", "text": "A\u0000B\r\nC\x85\ud800", "title": "\u0007T",
         "published_at": "0001-01-01T00:00:00+05:00"},
        {"id": "b", "text": "fine", "published_at": "2017-03-02T10:00:00Z"},
        {"id": "c", "text": "fine too", "published_at": ["2017"]},
        {"id": "x" * 300, "text": "long id"},
    ])
    items = list(read_paths([str(path)]))
    assert [getattr(i, "line", None) for i in items] == [1, 2, 3, 4]
    assert "is not a date" in items[0].reason  # type: ignore[union-attr]
    good = items[1]
    assert isinstance(good, Article) and (good.source, good.line) == (str(path), 2)
    assert "is not a date" in items[2].reason  # type: ignore[union-attr]
    assert "longer than" in items[3].reason  # type: ignore[union-attr]
    assert clean_text("A\u0000B\r\nC\x85\ud800\u200f\U0001F600\t") == "AB\nC\u200f\U0001F600\t"


def test_dates_at_the_edges_of_the_calendar_never_raise():
    from datetime import datetime

    from quotetrack.dates import parse_date
    from quotetrack.store.convert import until_bound

    assert parse_date("0001-01-01T00:00:00+05:00") is None  # before year 1 in UTC
    assert parse_date("9999-12-31T23:00:00-05:00") is None  # after year 9999 in UTC
    assert until_bound("9999-12-31") == datetime.max
    assert until_bound("2017-03-01") == datetime(2017, 3, 2)


def test_a_store_error_fails_one_article_and_the_ingest_goes_on(store, tmp_path):
    from dataclasses import replace

    from nlp import parsed

    from quotetrack.ingest import ingest
    from quotetrack.pipeline import extract

    path = write_records(tmp_path / "three.jsonl", [
        {"id": f"s{n}", "text": f'Yuri Ushakov said "the meeting number {n} is off."'}
        for n in range(3)])

    def extract_one_broken(batch: list[Article]) -> list[ArticleResult]:
        results = [extract(a, parsed(a.text)) for a in batch]
        return [replace(r, quotes=tuple(replace(q, kind="shouted") for q in r.quotes))
                if r.article.id == "s1" else r for r in results]  # violates a CHECK

    problems = []
    summary = ingest([str(path)], store, extract_one_broken, on_problem=problems.append)
    assert (summary.stored, summary.failed, summary.exit_code) == (2, 1, 1)
    assert [(p.source, p.line) for p in problems] == [(str(path), 2)]
    assert "article 's1' not stored" in problems[0].reason and "Q003" in problems[0].reason
    assert sorted(q["article_id"] for q in store.quotes()) == ["s0", "s2"]
