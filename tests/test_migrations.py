"""Alembic migrations on SQLite and PostgreSQL: one head, round trips with data kept."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fakes import process_many, write_jsonl
from sqlalchemy import inspect, text

from quotetrack.errors import MigrationRequired, StoreError
from quotetrack.ingest import ingest
from quotetrack.store import migrate, open_store, status, upgrade
from quotetrack.store.engine import make_engine, to_url
from quotetrack.store.schema import FULLTEXT_OBJECTS, Base

VIEWS = {"v_quotes", "v_speaker_stats"}


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def test_migrations_single_head():
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert heads == [migrate.head()] and len(heads) == 1
    assert revisions()[0] == "0001"


def test_migrations_each_step_round_trips_on_empty_db(empty_db):
    engine = make_engine(to_url(empty_db))
    try:
        for rev in revisions():
            migrate.upgrade(engine, rev)
            migrate.downgrade(engine, "-1")
            migrate.upgrade(engine, rev)
        migrate.downgrade(engine, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            assert VIEWS <= set(inspect(conn).get_view_names())
    finally:
        engine.dispose()


def test_migrations_round_trip_keeps_data(db, tmp_path):
    with open_store(db) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", 12))], store, process_many)
        before = store.counts()
        found = store.who_said("peacekeepers")
    engine = make_engine(to_url(db))
    try:
        migrate.downgrade(engine, "0001")  # drops full text and views, keeps the tables
        with engine.connect() as conn:
            assert not VIEWS & set(inspect(conn).get_view_names())
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    with open_store(db) as store:
        assert store.counts() == before and before["quotes"] == 24
        assert store.who_said("peacekeepers") == found and found
        assert store.report()["attribution"][-1]["quotes"] == 24


def test_migrations_models_match_migrated_database(db):
    engine = make_engine(to_url(db))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "include_object": lambda obj, name, *_: not (name or "").startswith(
                    FULLTEXT_OBJECTS),
                "compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migrations_old_store_needs_upgrade(empty_db):
    engine = make_engine(to_url(empty_db))
    migrate.upgrade(engine, "0002")
    engine.dispose()
    with pytest.raises(MigrationRequired, match="quotetrack db upgrade") as err:
        open_store(empty_db)
    assert err.value.code == "Q004"
    assert not status(empty_db).up_to_date
    before, after = upgrade(empty_db)
    assert (before, after.current, after.up_to_date) == ("0002", migrate.head(), True)
    open_store(empty_db).close()


def test_migrations_foreign_and_newer_stores_refused(empty_db):
    engine = make_engine(to_url(empty_db))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE something (x INTEGER)"))
    with pytest.raises(StoreError, match="not a quotetrack store"):
        open_store(empty_db)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE something"))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this quotetrack"):
        open_store(empty_db)


CORRECTION_TABLES = {"corrections", "quote_originals"}


def _corrected(store):
    """Corrections of two quotes: one speaker changed, one not a quote."""
    rows = store.quotes(limit=None)
    store.correct(rows[0]["id"], ["Yuri Ushakov"], note="checked", by="desk")
    store.correct(rows[1]["id"], not_a_quote=True, by="desk")
    return rows[0]


def test_migrations_corrections_round_trip_with_data(db, tmp_path):
    with open_store(db) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", 6))], store, process_many)
        fixed = _corrected(store)
        before = store.counts()
        assert len(store.corrections()) == 2 and before["quotes"] == 11
    engine = make_engine(to_url(db))
    try:
        migrate.downgrade(engine, "0004")
        with engine.connect() as conn:
            assert not CORRECTION_TABLES & set(inspect(conn).get_table_names())
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert CORRECTION_TABLES <= set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    with open_store(db) as store:
        assert store.counts() == before and store.corrections() == []
        kept = [r for r in store.quotes(limit=None) if r["id"] == fixed["id"]][0]
        assert (kept["speaker"], kept["method"]) == ("Yuri Ushakov", "human")
        again = store.correct(fixed["id"], ["Sergei Lavrov"])
        assert again["id"] == 1 and store.show(fixed["article_id"])["quotes"][0]["speaker"] \
            == "Sergei Lavrov"


def test_migrations_corrections_after_upgrading_an_old_store(empty_db, tmp_path):
    engine = make_engine(to_url(empty_db))
    migrate.upgrade(engine, "0004")
    engine.dispose()
    before, after = upgrade(empty_db)
    assert (before, after.current) == ("0004", migrate.head())
    with open_store(empty_db) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", 4))], store, process_many)
        fixed = _corrected(store)
    assert upgrade(empty_db)[1].up_to_date  # upgrading again keeps them
    with open_store(empty_db) as store:
        assert [c["change"] for c in store.corrections()] == ["speaker: Yuri Ushakov",
                                                              "not a quote"]
        assert store.counts()["quotes"] == 7
        assert store.show(fixed["article_id"])["quotes"][0]["method"] == "human"


# The full-text query of 0005 (before the stored vector): what a downgraded store runs.
SEARCH_0005 = {
    "sqlite": "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY rank, rowid",
    "postgresql": """SELECT id FROM quotes
                     WHERE to_tsvector('english', text) @@ to_tsquery('english', :q)
                     ORDER BY ts_rank(to_tsvector('english', text),
                                      to_tsquery('english', :q)) DESC, id""",
}
INDEXES_0005 = {"ix_articles_published_at", "ix_quotes_article_id",
                "ix_quote_speakers_speaker_id"}
INDEXES_0006 = {"ix_articles_published_at_id", "ix_articles_id_published_at",
                "ix_quotes_article_id_start_id", "ix_quotes_id_article_id_start",
                "ix_quote_speakers_speaker_id_quote_id"}


def _layout(conn) -> tuple[set[str], bool]:
    """The listing indexes present, and whether quotes has the stored search vector."""
    found = {ix["name"] for table in ("articles", "quotes", "quote_speakers")
             for ix in inspect(conn).get_indexes(table)}
    columns = {c["name"] for c in inspect(conn).get_columns("quotes")}
    return found & (INDEXES_0005 | INDEXES_0006), "search_vector" in columns


def test_migrations_search_at_scale_round_trip_with_data(db, tmp_path):
    with open_store(db) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", 14))], store, process_many)
        before, found = store.counts(), store.who_said("peacekeepers")
        listed = [store.quotes(speaker="Sergei Lavrov", since="2017-02-01", limit=n)
                  for n in (2, None)]
    engine = make_engine(to_url(db))
    pg = engine.dialect.name == "postgresql"
    try:
        migrate.downgrade(engine, "0005_corrections")
        with engine.connect() as conn:
            assert _layout(conn) == (INDEXES_0005, False)
            q = "peacekeeper" if pg else '"peacekeepers"'
            ids = [r[0] for r in conn.execute(text(SEARCH_0005[conn.dialect.name]), {"q": q})]
        assert sorted(ids) == sorted(r["id"] for r in found) and ids
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert _layout(conn) == (INDEXES_0006, pg)
    finally:
        engine.dispose()
    with open_store(db) as store:
        assert store.counts() == before and before["quotes"] == 28
        assert store.who_said("peacekeepers") == found
        assert [store.quotes(speaker="Sergei Lavrov", since="2017-02-01", limit=n)
                for n in (2, None)] == listed
        assert listed[0] == listed[1][:2] and len(listed[1]) > 2
