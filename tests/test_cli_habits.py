"""CLI habits: store options after the command, tables that never break a word when
piped, empty results said on stderr, an example in every command's help."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from nlp import parsed

from quotetrack.cli import main
from quotetrack.pipeline import extract
from quotetrack.records import Article
from quotetrack.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed-article.txt"
STATEMENT = "we will not accept any internationally-brokered deal that leaves Ukraine divided"
URL = "https://www.example-news-outlet.test/2017/03/02/world/europe/{}-ukraine-deal.html"
CONFLICTING = [("c1", "Sergei Lavrov", "TASS"), ("c2", "Dmitry Peskov", "Kommersant")]
BOX = re.compile("[│┃]")
VIEW_WORDS = {"->", "?", "NOT", "chain:"}  # words the views add to stored values


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


def test_every_command_help_shows_an_example():
    paths = list(walk(main))
    assert len(paths) > 15
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        assert "Example" in result.output, f"quotetrack {' '.join(path)} --help has no example"


def test_store_options_before_or_after_the_command(tmp_path):
    before, after, env_db = (str(tmp_path / n) for n in ("before.db", "after.db", "env.db"))
    for db in (before, after, env_db):
        open_store(db).close()
    row = json.loads(cli("--db", before, "db", "current", "--format", "json").stdout)[0]
    assert row["store"] == before
    moved = cli("db", "current", "--format", "json", "--db", after,
                env={"QUOTETRACK_DB": env_db})
    assert json.loads(moved.stdout)[0]["store"] == after  # typed after the command wins
    plain = cli("db", "current", "--format", "json", env={"QUOTETRACK_DB": env_db})
    assert json.loads(plain.stdout)[0]["store"] == env_db
    bad = cli("db", "current", "--threads", "many")
    assert bad.exit_code == 2 and "many" in bad.output


def test_ingest_file_then_db_models_threads(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text('Yuri Ushakov said "the meeting is off for now."', encoding="utf-8")
    db = str(tmp_path / "news.db")
    result = cli("ingest", str(article), "--db", db, "--models", "compact", "--threads", "1",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["status"]: r["count"] for r in json.loads(result.stdout)}["stored"] == 1
    with open_store(db) as store:
        assert [q["speaker"] for q in store.quotes()] == ["Yuri Ushakov"]


@pytest.fixture
def filled(db: str) -> str:
    """The seed article and one statement pinned on two speakers by two outlets."""
    texts = [("seed", SEED.read_text(encoding="utf-8"), "Reuters")] + [
        (i, f'{who} said "{STATEMENT}."', outlet) for i, who, outlet in CONFLICTING]
    with open_store(db) as store:
        for article_id, text, outlet in texts:
            article = Article(article_id, text, outlet=outlet, url=URL.format(article_id),
                              published_at="2017-03-02")
            store.save(extract(article, parsed(text)))
    return db


def _words(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _words(v)
    elif isinstance(value, list):
        for v in value:
            yield from _words(v)
    elif value is not None:
        yield from str(value).split()


def _bare(word: str) -> str:
    return word.strip("\u201c\u201d\"'():,.;")


def assert_no_split_word(table: str, stored: list[dict[str, Any]], columns: set[str]) -> None:
    """Every word in a table cell is a whole word of a stored value or a header."""
    known = {_bare(w) for w in [*_words(stored), *columns, *VIEW_WORDS]}
    known |= {w[:10] for w in known if re.match(r"\d{4}-\d\d-\d\dT", w)}  # views show dates
    seen = 0
    for line in table.splitlines():
        for cell in BOX.split(line)[1:-1]:
            for word in cell.split():
                if all("\u2500" <= c <= "\u257f" for c in word):
                    continue  # a rule under a header
                seen += 1
                assert _bare(word) in known, f"{word!r} is cut in:\n{line}"
    assert seen > 20  # the table really had cells


@pytest.mark.parametrize("command", [["quotes"], ["who-said", "Ukraine OR Trump OR Putin"],
                                     ["conflicts"]])
def test_piped_tables_never_break_a_word_inside_a_column(filled, command):
    piped = cli(*command, "--db", filled)
    assert piped.exit_code == 0, piped.output
    stored = json.loads(cli(*command, "--db", filled, "--format", "json").stdout)
    assert stored
    columns = set().union(*(_flat_keys(r) for r in stored)) | {"published", "article",
                                                              "mention", "quote"}
    assert_no_split_word(piped.stdout, stored, columns)
    if command[0] != "conflicts":
        assert all(len(line) > 80 for line in piped.stdout.splitlines()[:3])  # not squeezed


def _flat_keys(row: dict[str, Any]) -> set[str]:
    keys = set(row)
    for value in row.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                keys |= _flat_keys(item)
    return keys


def test_conflict_evidence_keeps_its_urls_whole(filled):
    piped = cli("conflicts", "--db", filled).stdout
    for article_id, _, _ in CONFLICTING:
        assert URL.format(article_id) in piped


@pytest.mark.parametrize("command,message", [
    (["who-said", "zzyzx"], "No quotes match."),
    (["quotes", "--since", "2100-01-01"], "No quotes match."),
    (["quotes", "--since", "2100-01-01", "--format", "csv"], "No quotes match."),
    (["speakers"], "No speakers stored."),
])
def test_empty_results_say_so_on_stderr(db, command, message):
    result = cli(*command, "--db", db)
    assert result.exit_code == 0, result.output
    assert message in result.stderr
    assert "zzyzx" not in result.stdout and "│" not in result.stdout
