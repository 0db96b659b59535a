"""Full-text search: web-search syntax on both dialects, clear errors, index kept current."""

from __future__ import annotations

import sqlite3

import pytest
from fakes import result
from sqlalchemy import text

from quotetrack.errors import SearchSyntaxError
from quotetrack.records import Article
from quotetrack.store.search import (
    POSTGRES,
    RANKED_PER_RESULT,
    parse_websearch,
    to_fts5,
    to_websearch,
)

TEXTS = [
    'Sergei Lavrov said "sanctions against Russia are unfair."',
    'Petro Poroshenko said "peacekeepers must patrol the border."',
    'Donald Trump said "the sanction talks went well."',
    'Yuri Ushakov said "no date is set for the summit."',
]


@pytest.fixture
def filled(store):
    for n, body in enumerate(TEXTS):
        store.save(result(Article(id=f"s{n}", text=body)))
    return store


def speakers(rows):
    return sorted(r["speaker"] for r in rows)


@pytest.mark.parametrize(("query", "who"), [
    ("peacekeepers", ["Petro Poroshenko"]),
    ("peacekeeper", ["Petro Poroshenko"]),  # stemmed
    ("sanctions", ["Donald Trump", "Sergei Lavrov"]),
    ('"sanction talks"', ["Donald Trump"]),
    ("sanctions -russia", ["Donald Trump"]),
    ("summit OR border", ["Petro Poroshenko", "Yuri Ushakov"]),
    ("Unfair!", ["Sergei Lavrov"]),
    ("U.S.-Russia sanctions: NEAR( AND", []),  # operators and punctuation are just words
    ('"no date', ["Yuri Ushakov"]),  # an unclosed quote still reads as a phrase
])
def test_search_websearch_syntax(filled, query, who):
    assert speakers(filled.who_said(query)) == who


def test_search_rows_carry_the_fields(filled):
    (row,) = filled.who_said("peacekeepers")
    assert set(row) >= {"speaker", "text", "kind", "cue", "article_id", "url", "title",
                        "published_at", "start", "end"}
    assert TEXTS[1][row["start"]:row["end"]] == row["text"]
    assert len(filled.who_said("sanctions OR summit OR border")) == 4
    assert len(filled.who_said("sanctions OR summit OR border", limit=2)) == 2


@pytest.mark.parametrize(("query", "message"), [
    ("", "nothing to search for"),
    ("!!! ???", "nothing to search for"),
    ("-sanctions", "only excludes"),
])
def test_search_rejects_empty_queries(filled, query, message):
    with pytest.raises(SearchSyntaxError, match=message):
        filled.who_said(query)


@pytest.mark.parametrize("query", ['sanctions AND (', 'sanctions & | !', 'NEAR("a" "b",'])
def test_search_raw_syntax_errors_are_clear(filled, query):
    with pytest.raises(SearchSyntaxError) as err:
        filled.who_said(query, raw=True)
    assert err.value.code == "Q005"
    assert "cannot read the search" in err.value.message
    assert "without --raw" in err.value.message
    assert "SELECT" not in err.value.message


@pytest.mark.parametrize(("sqlite", "postgresql"), [
    ("NOT sanctions", "!sanctions"),
    ("summit OR NOT sanctions", "summit | !sanctions"),
])
def test_search_raw_exclusion_only_is_refused_on_both(filled, sqlite, postgresql):
    query = postgresql if filled.dialect == "postgresql" else sqlite
    with pytest.raises(SearchSyntaxError) as err:
        filled.who_said(query, raw=True)
    assert err.value.code == "Q005" and repr(query) in err.value.message


def test_search_stop_words_alone_match_nothing_on_postgresql(filled):
    """PostgreSQL drops English stop words (FTS5 keeps them): an alternative left with
    only an exclusion matches nothing there instead of every other quote."""
    pg = filled.dialect == "postgresql"
    assert speakers(filled.who_said("the -sanctions")) == (
        [] if pg else ["Petro Poroshenko", "Yuri Ushakov"])
    assert speakers(filled.who_said("the -sanctions OR summit")) == (
        ["Yuri Ushakov"] if pg else ["Petro Poroshenko", "Yuri Ushakov"])


def test_search_postgresql_ranks_the_stored_vector(filled):
    if filled.dialect != "postgresql":
        pytest.skip("the stored tsvector is PostgreSQL's; SQLite ranks in FTS5")
    with filled.engine.connect() as conn:
        plan = "\n".join(r[0] for r in conn.execute(text("EXPLAIN VERBOSE " + POSTGRES),
                                                     {"q": "'sanction'", "n": 20, "k": 100}))
    assert "search_vector" in plan and "to_tsvector" not in plan


def test_search_postgresql_ranks_the_newest_matches(store):
    """SQLite ranks every match; PostgreSQL the newest limit * RANKED_PER_RESULT."""
    store.save(result(Article(id="old", text='Ann Lee said "sanctions, sanctions, sanctions."')))
    for n in range(RANKED_PER_RESULT + 1):
        store.save(result(Article(id=f"new{n}", text=f'Bo Ray said "sanctions hurt {n}."')))
    best_of_all = [r["article_id"] for r in store.who_said("sanctions", limit=2)]
    assert best_of_all[0] == "old"
    best = [r["article_id"] for r in store.who_said("sanctions", limit=1)]
    assert best == (["new1"] if store.dialect == "postgresql" else ["old"])


def test_search_raw_expression_works(filled):
    query = "sanction & russia" if filled.dialect == "postgresql" else "sanction* AND russia"
    assert speakers(filled.who_said(query, raw=True)) == ["Sergei Lavrov"]


def test_search_index_follows_updates_and_deletes(filled):
    with filled.engine.begin() as conn:
        conn.execute(text("UPDATE quotes SET text = 'ceasefire monitors' WHERE article_id = 's1'"))
        conn.execute(text("DELETE FROM articles WHERE id = 's0'"))
    assert filled.who_said("peacekeepers") == []
    assert speakers(filled.who_said("ceasefire")) == ["Petro Poroshenko"]
    assert speakers(filled.who_said("unfair")) == []


def test_search_parse_and_fts5_rendering():
    groups = parse_websearch('a "b c" -d OR e')
    assert [[(t.text, t.negated) for t in g] for g in groups] == [
        [("a", False), ("b c", False), ("d", True)], [("e", False)]]
    assert to_fts5('a "b c" -d OR e') == '(("a" AND "b c") NOT ("d")) OR (("e"))'
    assert to_fts5('say "hi') == '(("say" AND "hi"))'
    assert to_websearch('a "b c" -d OR e OR x"y') == ['"a" "b c" -"d"', '"e"', '"x y"']


def test_search_sqlite_fts_is_datasette_detectable(tmp_path):
    from quotetrack.store import open_store

    path = tmp_path / "d.db"
    open_store(str(path)).close()
    # the query datasette.utils.detect_fts_sql runs
    detect = """select name from sqlite_master where rootpage = 0 and (
                  sql like '%VIRTUAL TABLE%USING FTS%content="quotes"%'
                  or sql like '%VIRTUAL TABLE%USING FTS%content=[quotes]%'
                  or (tbl_name = "quotes" and sql like '%VIRTUAL TABLE%USING FTS%'))"""
    with sqlite3.connect(path) as conn:
        assert conn.execute(detect).fetchall() == [("quotes_fts",)]
        triggers = {r[0] for r in conn.execute("select name from sqlite_master"
                                               " where type = 'trigger'")}
    assert triggers == {"quotes_ai", "quotes_ad", "quotes_au"}


def test_search_lists_one_article_in_text_order(store):
    body = ('Sergei Lavrov said "the sanctions hurt." Donald Trump said "sanctions, sanctions '
            'and more sanctions work."')
    store.save(result(Article(id="order", text=body)))
    rows = store.who_said("sanctions")
    assert [r["speaker"] for r in rows] == ["Sergei Lavrov", "Donald Trump"]
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
