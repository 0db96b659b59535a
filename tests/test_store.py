"""The store on SQLite and PostgreSQL: saving, idempotence, speakers, queries."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes import result
from sqlalchemy import text

from quotetrack.errors import InputError, NotFound, StoreError
from quotetrack.readers import text_hash
from quotetrack.records import Article, ArticleResult, Quote
from quotetrack.store import open_store


def art(id_: str, body: str, **fields: str) -> ArticleResult:
    """A fake-extracted result for an article whose text is ``body``."""
    return result(Article(id=id_, text=body, **fields))


def sql(store, query: str) -> list[tuple]:
    """Raw SQL against the store's database (for checks the API does not expose)."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query))]


def test_store_save_is_idempotent_by_text_hash(store):
    first = art("a1", 'Sergei Lavrov said "sanctions are unfair."')
    assert store.save(first) is True
    before = store.counts()
    assert store.save(first) is False
    assert store.save(replace(first, article=replace(first.article, id="other"))) is False
    assert store.counts() == before == {"articles": 1, "quotes": 1, "speakers": 1,
                                        "aliases": 1, "quote_speakers": 1}
    assert store.has_text_hash(text_hash(first.article.text))
    assert not store.has_text_hash(text_hash("something else"))


def test_store_show_round_trips_article_and_offsets(store):
    body = 'Intro, Yuri Ushakov told "the meeting is off." End.'
    store.save(art("u1", body, url="https://x.test/u1", title="T", outlet="TASS",
                   published_at="2017-11-10T21:30:00+03:00"))
    shown = store.show("u1")
    article, (quote,) = shown["article"], shown["quotes"]
    assert (article["url"], article["title"], article["outlet"]) == ("https://x.test/u1", "T",
                                                                    "TASS")
    assert article["published_at"] == "2017-11-10T18:30:00"  # stored as UTC
    assert article["text"] == body and article["text_hash"] == text_hash(body)
    assert body[quote["start"]:quote["end"]] == quote["text"] == "the meeting is off."
    assert (quote["speaker"], quote["cue"], quote["kind"]) == ("Yuri Ushakov", "told", "direct")
    with pytest.raises(NotFound, match="no article 'nope'"):
        store.show("nope")


def test_store_same_id_different_text_keeps_both(store):
    store.save(art("dup", 'Donald Trump said "one."'))
    store.save(art("dup", 'Donald Trump said "two."'))
    ids = sorted(r[0] for r in sql(store, "SELECT id FROM articles"))
    assert ids[0] == "dup" and ids[1].startswith("dup~") and len(ids) == 2


@pytest.mark.parametrize("names", [
    ["Sergei Lavrov", "Lavrov", "Sergey Lavrov", "Foreign Minister Sergei Lavrov",
     "S. Lavrov"],
    ["the White House", "White House", "The White House"],
    ["Petro Poroshenko", "President Petro Poroshenko", "Mr. Poroshenko",
     "Ukrainian President Petro Poroshenko"],
    ["François Hollande", "Francois Hollande", "Hollande"],
])
def test_store_speakers_resolve_across_articles(store, names):
    for n, name in enumerate(names):
        store.save(art(f"s{n}", f'{name} said "statement {n}."'))
    (speaker,) = store.speakers()
    assert speaker["quotes"] == len(names)
    assert speaker["name"] == names[0]


def test_store_speakers_keep_different_people_apart(store):
    for n, name in enumerate(["Hillary Clinton", "Bill Clinton", "Clinton", "Melania Trump",
                              "Donald Trump"]):
        store.save(art(f"p{n}", f'{name} said "words {n}."'))
    names = sorted(s["name"] for s in store.speakers())
    # a bare surname shared by two known people is ambiguous: it stays its own speaker
    assert names == ["Bill Clinton", "Clinton", "Donald Trump", "Hillary Clinton",
                     "Melania Trump"]


def test_store_surname_first_then_full_name_upgrades_canonical(store):
    store.save(art("t1", 'Trump said "first."'))
    store.save(art("t2", 'Donald Trump said "second."'))
    (speaker,) = store.speakers()
    assert speaker["name"] == "Donald Trump" and "Trump" in speaker["aliases"]


def test_store_merge_and_rename_keep_aliases(store):
    store.save(art("m1", 'Sergei Lavrov said "one."'))
    store.save(art("m2", 'Lavrov Sergei said "two."'))  # a mistake: two speakers
    assert len(store.speakers()) == 2
    merged = store.merge_speakers("Sergei Lavrov", "Lavrov Sergei")
    (speaker,) = store.speakers()
    assert speaker["id"] == merged["id"] and speaker["quotes"] == 2
    assert "Lavrov Sergei" in speaker["aliases"]
    store.rename_speaker("Sergei Lavrov", "Sergey V. Lavrov")
    store.save(art("m3", 'Lavrov Sergei said "three."'))  # old alias still resolves
    (speaker,) = store.speakers()
    assert speaker["name"] == "Sergey V. Lavrov" and speaker["quotes"] == 3
    assert {"Sergei Lavrov", "Lavrov Sergei"} <= set(speaker["aliases"])
    assert len(store.quotes(speaker="Sergei Lavrov")) == 3


def test_store_merge_quote_with_both_speakers(store):
    body = 'Donald Trump said "joint statement."'
    base = art("j1", body)
    quote = replace(base.quotes[0], speakers=("Donald Trump", "Vladimir Putin"))
    store.save(replace(base, quotes=(quote,)))
    store.merge_speakers("Vladimir Putin", "Donald Trump")
    assert [q["speakers"] for q in store.quotes()] == [["Vladimir Putin"]]
    assert sql(store, "SELECT position FROM quote_speakers") == [(0,)]


def test_store_merge_rename_errors(store):
    store.save(art("e1", 'Yuri Ushakov said "a." Donald Trump said "b."'))
    with pytest.raises(StoreError, match="already the same speaker"):
        store.merge_speakers("Ushakov", "Yuri Ushakov")
    with pytest.raises(StoreError, match="speakers merge"):
        store.rename_speaker("Ushakov", "Donald Trump")
    with pytest.raises(NotFound, match="quotetrack speakers"):
        store.merge_speakers("Ushakov", "Nobody Atall")


def test_store_quote_filters(store):
    store.save(art("f1", 'Sergei Lavrov said "on sanctions."', outlet="RT",
                   published_at="2017-03-01"))
    store.save(art("f2", 'Sergei Lavrov said "on talks."', outlet="NYT",
                   published_at="2017-03-31T23:00:00"))
    store.save(art("f3", 'Donald Trump said "on walls."', outlet="NYT"))
    assert [q["article_id"] for q in store.quotes()] == ["f1", "f2", "f3"]  # undated last
    assert [q["article_id"] for q in store.quotes(speaker="lavrov")] == ["f1", "f2"]
    assert [q["article_id"] for q in store.quotes(since="2017-03-02")] == ["f2"]
    assert [q["article_id"] for q in store.quotes(until="2017-03-31")] == ["f1", "f2"]
    assert [q["article_id"] for q in store.quotes(outlet="nyt")] == ["f2", "f3"]
    assert store.quotes(kind="indirect") == []
    assert store.quotes(stance="against") == []
    assert len(store.quotes(limit=1)) == 1
    with pytest.raises(NotFound):
        store.quotes(speaker="Nobody Atall")
    with pytest.raises(InputError, match="--since"):
        store.quotes(since="not a date")


def test_store_save_is_all_or_nothing(store):
    good = art("g1", 'Donald Trump said "fine."')
    bad_quote = replace(good.quotes[0], kind="shouted")  # violates the kind CHECK
    bad = replace(good, quotes=(good.quotes[0], bad_quote))
    with pytest.raises(StoreError):
        store.save(bad)
    assert store.counts()["articles"] == 0 and store.counts()["quotes"] == 0
    assert store.save(good)


def test_store_delete_article_cascades(store):
    store.save(art("d1", 'Donald Trump said "peacekeepers now."'))
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = 'd1'"))
    assert store.counts()["quotes"] == 0 and store.counts()["quote_speakers"] == 0
    assert store.who_said("peacekeepers") == []


def test_store_report_sections(store):
    store.save(art("r1", 'Donald Trump said "a." Kremlin said "b."', published_at="2017-04-02"))
    unattributed = Quote(0, 6, "Report", "indirect", 0, 0, None, (), "unknown", None, None,
                         None, None, "none", 0.1)
    base = art("r2", "Report without speakers.")
    store.save(replace(base, quotes=(unattributed,)))
    sections = store.report()
    assert {"speaker": "Donald Trump", "month": "2017-04", "quotes": 1} in sections["by_month"]
    assert sections["top_cues"] == [{"cue": "say", "quotes": 2}]
    total = sections["attribution"][-1]
    assert total == {"kind": "all", "quotes": 3, "unattributed": 1, "share": 0.333}


def test_store_views_flatten_quotes_and_speakers(store):
    body = 'Donald Trump said "joint."'
    base = art("v1", body, published_at="2017-07-07")
    quote = replace(base.quotes[0], speakers=("Donald Trump", "Vladimir Putin"))
    store.save(replace(base, quotes=(quote,)))
    rows = sql(store, "SELECT speaker, speaker_position, month, quote_start, quote_end"
                      " FROM v_quotes ORDER BY speaker_position")
    start = body.index("joint")
    assert rows == [("Donald Trump", 0, "2017-07", start, start + 6),
                    ("Vladimir Putin", 1, "2017-07", start, start + 6)]
    stats = sql(store, "SELECT speaker, quotes, articles, direct FROM v_speaker_stats"
                       " ORDER BY speaker")
    assert stats == [("Donald Trump", 1, 1, 1), ("Vladimir Putin", 1, 1, 1)]


def test_store_open_errors(tmp_path):
    with pytest.raises(StoreError, match="no folder"):
        open_store(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError, match="unsupported store"):
        open_store("mysql://localhost/x")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(str(junk))
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_store_article_fields_fall_back_to_meta(store):
    nested = {"publisher": "breitbart", "publication_date": "2016-09-12", "title": "T"}
    store.save(result(Article(id="m", text='Donald Trump said "x."', meta={"meta": nested})))
    article = store.show("m")["article"]
    assert (article["outlet"], article["published_at"], article["title"]) == (
        "breitbart", "2016-09-12T00:00:00", "T")
    assert article["language"] == "en"


def test_store_speaker_listing_same_rows_on_either_path(store):
    """A dated listing of a speaker in most quotes walks articles by date; of a rarer
    one reads the speaker's quotes: same rows, same order (co-speakers included)."""
    from sqlalchemy.orm import Session

    from quotetrack.store import queries
    from quotetrack.store.speakers import find

    for n in range(8):
        store.save(art(f"l{n}", f'Sergei Lavrov said "one {n}." Donald Trump said "two {n}."'
                                f' Sergei Lavrov told "three {n}."',
                       published_at=f"2017-03-{20 - n:02d}"))
    with Session(store.engine) as session:
        lavrov, trump = (find(session, name).id for name in ("Sergei Lavrov", "Donald Trump"))
        assert queries.walks_dates(session, lavrov, limit=3)
        assert not queries.walks_dates(session, trump, limit=100)
    everything = store.quotes(speaker="Sergei Lavrov", since="2017-03-14", limit=None)
    assert [(q["published_at"][:10], q["text"]) for q in everything[:3]] == [
        ("2017-03-14", "one 6."), ("2017-03-14", "three 6."), ("2017-03-15", "one 5.")]
    assert len(everything) == 14
    assert store.quotes(speaker="Sergei Lavrov", since="2017-03-14", limit=3) == everything[:3]
    assert store.quotes(speaker="Sergei Lavrov", until="2017-03-14", limit=3) == \
        store.quotes(speaker="Sergei Lavrov", until="2017-03-14", limit=None)[:3]


def test_store_optimize_refreshes_statistics_and_settings_are_reported(store):
    store.save(art("o1", 'Sergei Lavrov said "on sanctions."', published_at="2017-03-01"))
    store.optimize()
    settings = store.settings()
    if store.dialect == "postgresql":
        assert {"shared_buffers", "work_mem", "effective_cache_size", "autovacuum"} <= \
            set(settings)
        assert sql(store, "SELECT count(*) FROM pg_stats WHERE tablename = 'quotes'")[0][0] > 0
    else:
        version = tuple(int(p) for p in settings["sqlite_version"].split("."))
        assert settings["journal_mode"] == "wal" and version >= (3, 35)  # MATERIALIZED
    assert [q["article_id"] for q in store.quotes(speaker="Lavrov", since="2017")] == ["o1"]
