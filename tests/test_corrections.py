"""Human corrections: a reviewer fixes one quote, and the fix survives everything.

The hand-made articles of fixtures/variants/ go through the regex stand-in of
test_factcheck.py (so each store test runs on SQLite and PostgreSQL in a second);
the gold export is scored with the real shipped models through ``quotetrack eval``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from test_factcheck import ARTICLES, LAVROV, extract

from quotetrack.cli import main
from quotetrack.errors import InputError, NotFound, StoreError
from quotetrack.ingest import ingest
from quotetrack.store import open_store
from quotetrack.store.settle import family, locate_mention

MINSK = "The talks in Minsk were useful but much work remains."
SANCTIONS = "Sanctions will not change our course in the region at all."


@pytest.fixture
def filled(store):
    ingest([str(ARTICLES)], store, extract)
    return store


def quote_id(store, article_id: str, words: str) -> int:
    return next(r["id"] for r in store.quotes(limit=None)
                if r["article_id"] == article_id and words in r["text"])


def cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def edited(tmp_path: Path, ids: tuple[str, ...], prefix: str) -> str:
    """The fixture articles ``ids`` with ``prefix`` put before their text (same ids)."""
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "edited.jsonl"
    path.write_text("".join(json.dumps(r | {"text": prefix + r["text"]}) + "\n"
                            for r in records if r["id"] in ids), encoding="utf-8")
    return str(path)


def view_rows(store, article_prefix: str) -> list[tuple[str, str | None, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT article_id, speaker, method FROM v_quotes"
                                 " WHERE article_id LIKE :p ORDER BY article_id, quote_start"),
                            {"p": article_prefix + "%"})
        return [tuple(r) for r in rows]


def assert_corrections_hold(store, db: str) -> None:
    """Trump's line is Lavrov's (by a human) and Merkel's line is gone, everywhere."""
    posts = [r for r in store.quotes(limit=None) if r["article_id"].startswith("post-0304")]
    assert posts and all((r["speaker"], r["method"]) == ("Sergei Lavrov", "human")
                         for r in posts)
    assert not [r for r in store.quotes(limit=None) if r["text"] == MINSK]
    assert store.who_said("Minsk useful") == []
    said = store.who_said("Washington offers", limit=50)
    assert {r["speaker"] for r in said if r["article_id"].startswith("post-0304")} \
        == {"Sergei Lavrov"}
    assert all(row[1:] == ("Sergei Lavrov", "human") for row in view_rows(store, "post-0304"))
    assert {r[1] for r in view_rows(store, "misc-0308")} == {"Donald Trump"}
    with store.engine.connect() as conn:
        merkel = conn.execute(text("SELECT quotes FROM v_speaker_stats"
                                   " WHERE speaker = 'Angela Merkel'")).scalar()
    assert not merkel
    exported = [json.loads(line) for line in cli(db, "export").splitlines()]
    assert MINSK not in {r["text"] for r in exported}
    assert {r["speaker"] for r in exported if r["article_id"].startswith("post-0304")} \
        == {"Sergei Lavrov"}
    claims = json.loads(cli(db, "export", "--format", "claimreview"))
    lavrov = [c for c in claims if c["text"] == LAVROV or "Ukraine divided" in c["text"]]
    assert {c["author"]["name"] for c in lavrov} == {"Sergei Lavrov"}
    assert MINSK not in {c["text"] for c in claims}
    assert store.conflicts() == [] and json.loads(cli(db, "conflicts", "--format", "json")) == []


def test_corrections_hold_through_reingest_and_relink(filled, db, tmp_path):
    assert len(filled.conflicts()) == 1
    post = quote_id(filled, "post-0304", "Ukraine")
    merkel = quote_id(filled, "misc-0308", "Minsk")
    fixed = filled.correct(post, ["Sergei Lavrov"], note="TASS transcript", by="desk")
    assert (fixed["was_speaker"], fixed["by"], fixed["note"]) == ("Donald Trump", "desk",
                                                                 "TASS transcript")
    filled.correct(merkel, not_a_quote=True)
    assert_corrections_hold(filled, db)

    again = ingest([str(ARTICLES)], filled, extract)  # the same texts: nothing to do
    assert dict((r["status"], r["count"]) for r in again.as_rows())["stored"] == 0
    changed = edited(tmp_path, ("post-0304", "misc-0308"), "Earlier, Sergei Lavrov met aides. ")
    ingest([changed], filled, extract)  # edited elsewhere: stored next to the old text
    assert len({r["article_id"] for r in filled.quotes(limit=None)
                if r["article_id"].startswith("post-0304")}) == 2
    assert_corrections_hold(filled, db)
    copy = next(r for r in filled.show(next(a for a, *_ in view_rows(filled, "post-0304~")))
                ["quotes"])
    assert copy["speaker"] == "Sergei Lavrov"

    assert "relinked" in cli(db, "variants", "--relink")
    assert_corrections_hold(filled, db)
    appearances = filled.variants(quote_id=post)
    assert {r["speaker"] for r in appearances} == {"Sergei Lavrov", "Hillary Clinton"}
    assert {r["method"] for r in appearances if r["article_id"].startswith("post")} == {"human"}
    listed = json.loads(cli(db, "corrections", "--format", "json"))
    assert [(c["change"], c["was_speaker"]) for c in listed] == [
        ("speaker: Sergei Lavrov", "Donald Trump"), ("not a quote", "Angela Merkel")]


def test_corrections_move_the_mention_to_the_new_speaker(filled, tmp_path):
    ingest([edited(tmp_path, ("post-0304",), "Earlier, Sergei Lavrov met aides. ")],
           filled, extract)
    copy_id = next(a for a, *_ in view_rows(filled, "post-0304~"))
    quote = filled.show(copy_id)["quotes"][0]
    filled.correct(quote["id"], ["Lavrov"])
    with filled.engine.connect() as conn:
        mention = conn.execute(text("SELECT speaker_mention_text, speaker_mention_start, role"
                                    " FROM quotes WHERE id = :q"), {"q": quote["id"]}).one()
    assert tuple(mention) == ("Sergei Lavrov", 9, None)
    assert filled.show("post-0304")["quotes"][0]["speaker"] == "Sergei Lavrov"


def test_corrections_find_a_reworded_quote_and_skip_a_missing_one(filled, tmp_path):
    filled.correct(quote_id(filled, "post-0304", "Ukraine"), ["Sergei Lavrov"])
    filled.correct(quote_id(filled, "misc-0308", "Minsk"), kind="indirect")
    records = {json.loads(line)["id"]: json.loads(line)
               for line in ARTICLES.read_text(encoding="utf-8").splitlines()}
    post = records["post-0304"] | {"text": records["post-0304"]["text"].replace(
        "will not accept", "will never accept")}
    misc = records["misc-0308"] | {"text": 'Donald Trump said "rigged" twice.'}
    path = tmp_path / "reworded.jsonl"
    path.write_text(json.dumps(post) + "\n" + json.dumps(misc) + "\n", encoding="utf-8")
    ingest([str(path)], filled, extract)
    copies = [r for r in filled.quotes(limit=None) if "~" in r["article_id"]]
    assert {(r["article_id"].split("~")[0], r["speaker"], r["method"]) for r in copies} == {
        ("post-0304", "Sergei Lavrov", "human"), ("misc-0308", "Donald Trump", "cue-subject")}
    assert [c["quote_id"] is not None for c in filled.corrections()] == [True, True]


def test_corrections_resolve_a_conflict_and_undo(filled, db):
    wire = quote_id(filled, "wire-0301", "Ukraine")
    post = quote_id(filled, "post-0304", "Ukraine")
    filled.correct(wire, ["Sergei Lavrov"])
    first = filled.correct(post, ["Donald Trump"], note="said it too, at the rally")
    found = filled.conflicts()
    assert len(found) == 1 and found[0]["resolved"] is True
    assert "resolved" in cli(db, "conflicts")
    out = cli(db, "corrections", "--undo", str(first["id"]), "--by", "editor")
    assert f"undid correction {first['id']}" in out
    assert filled.conflicts()[0]["resolved"] is False
    assert filled.show("post-0304")["quotes"][0]["method"] == "cue-subject"
    history = filled.corrections(include_undone=True)
    assert [(c["status"], c["undone_by"]) for c in history] == [("active", None),
                                                                ("undone", "editor")]
    assert len(filled.corrections()) == 1
    with pytest.raises(StoreError, match="undone already"):
        filled.undo_correction(first["id"])


def test_corrections_undo_brings_a_hidden_quote_back_with_its_links(filled, db):
    before = {r["id"]: r for r in filled.quotes(limit=None)}
    daily = quote_id(filled, "daily-0302", "Ukraine")
    cluster = len(filled.variants(quote_id=daily))
    hidden = filled.correct(daily, not_a_quote=True)
    assert hidden["quote_id"] is None and daily not in {r["id"] for r in filled.quotes()}
    assert len(filled.variants(LAVROV)) == cluster - 1
    filled.undo_correction(hidden["id"])
    assert {r["id"]: r for r in filled.quotes(limit=None)} == before
    assert len(filled.variants(quote_id=daily)) == cluster
    assert filled.corrections(include_undone=True)[0]["quote_id"] == daily


def test_corrections_follow_speaker_merge_and_rename(filled, db, tmp_path):
    tass = quote_id(filled, "tass-0306", "Sanctions")
    filled.correct(tass, ["Maria Zakharova"])
    assert [s for s in filled.speakers() if s["name"] == "Maria Zakharova"][0]["kind"] \
        == "unknown"
    cli(db, "speakers", "merge", "Dmitry Peskov", "Maria Zakharova")
    cli(db, "speakers", "rename", "Dmitry Peskov", "Dmitry S. Peskov")
    ingest([edited(tmp_path, ("tass-0306",), "In Moscow. ")], filled, extract)
    assert "relinked" in cli(db, "variants", "--relink")
    rows = [r for r in filled.quotes(limit=None) if r["article_id"].startswith("tass-0306")]
    assert len(rows) == 2
    assert {(r["speaker"], r["method"]) for r in rows} == {("Dmitry S. Peskov", "human")}


def test_corrections_of_kind_and_several_speakers(filled, db):
    times = quote_id(filled, "times-0303", "Ukraine")
    size = len(filled.variants(quote_id=times))
    filled.correct(times, kind="indirect")
    assert len(filled.variants(LAVROV)) == size - 1
    assert len(filled.variants(quote_id=times)) == 1
    agency = quote_id(filled, "agency-0305", "Sanctions")
    out = cli(db, "correct", str(agency), "--speaker", "Dmitry Peskov", "--speaker",
              "the Kremlin", "--format", "json")
    assert json.loads(out)[0]["speakers"] == ["Dmitry Peskov", "the Kremlin"]
    row = filled.show("agency-0305")["quotes"][0]
    assert row["speakers"] == ["Dmitry Peskov", "the Kremlin"] and row["method"] == "human"
    report = filled.report()
    assert {"speaker": "Dmitry Peskov", "month": "2017-03", "quotes": 2} in report["by_month"]
    assert "Dmitry Peskov" in cli(db, "quotes", "--speaker", "Peskov", "--format", "csv")


def test_corrections_refuse_what_they_cannot_do(filled, db):
    post = quote_id(filled, "post-0304", "Ukraine")
    with pytest.raises(InputError, match="nothing to correct"):
        filled.correct(post)
    with pytest.raises(InputError, match="empty"):
        filled.correct(post, [" "])
    with pytest.raises(NotFound, match="no quote 99999"):
        filled.correct(99999, not_a_quote=True)
    with pytest.raises(NotFound, match="no correction 7"):
        filled.undo_correction(7)
    result = CliRunner().invoke(main, ["--db", db, "correct", str(post)])
    assert result.exit_code == 2 and "say what to correct" in result.output
    result = CliRunner().invoke(main, ["--db", db, "correct", "99999", "--kind", "direct"])
    assert result.exit_code == 1 and "Q006" in result.output
    assert "Traceback" not in result.output


def test_quotes_lowest_confidence_first(filled, db):
    post = quote_id(filled, "post-0304", "Ukraine")
    filled.correct(post, ["Donald Trump"])
    rows = json.loads(cli(db, "quotes", "--sort", "confidence", "--format", "json",
                          "--limit", "0"))
    assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    assert rows[-1]["id"] == post and rows[-1]["method"] == "human"
    low = json.loads(cli(db, "quotes", "--max-confidence", "0.95", "--format", "json",
                         "--limit", "0"))
    assert post not in {r["id"] for r in low} and len(low) == len(rows) - 1


def test_settle_pure_helpers():
    assert family("post-0304~d0a51bcdf36b") == "post-0304"
    assert family("a~b") == "a~b"
    text = 'Sergei Lavrov met aides. Trump said "Lavrov is right" later, Lavrov added.'
    start = text.index("Lavrov is")
    end = start + len("Lavrov is right")
    assert locate_mention(text, ["Sergei Lavrov"], start, end) == (0, 13, "Sergei Lavrov")
    assert locate_mention(text, ["Sergey Lavrov"], start, end)[2] == "Lavrov"
    assert locate_mention(text, ["Yuri Ushakov"], start, end) == (None, None, None)


@pytest.fixture
def sqlite_filled(sqlite_template, tmp_path):
    """A filled SQLite store (the gold file does not depend on the dialect, and the
    eval below parses with the real models: once is enough)."""
    db = tmp_path / "gold.db"
    shutil.copy(sqlite_template, db)
    with open_store(str(db)) as store:
        ingest([str(ARTICLES)], store, extract)
        yield store, str(db)


def test_corrections_gold_is_scored_by_eval(sqlite_filled, tmp_path):
    filled, db = sqlite_filled
    filled.correct(quote_id(filled, "post-0304", "Ukraine"), ["Sergei Lavrov"])
    filled.correct(quote_id(filled, "misc-0308", "Minsk"), not_a_quote=True)
    gold_path = tmp_path / "g.jsonl"
    gold_path.write_text(cli(db, "corrections", "--format", "gold"), encoding="utf-8")
    docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["post-0304", "misc-0308"]
    assert all(q["text"] == d["text"][q["start"]:q["end"]] for d in docs for q in d["quotes"])
    assert docs[0]["quotes"][0]["speaker"] == "Sergei Lavrov"
    assert docs[0]["quotes"][0]["reviewed"] is True
    assert MINSK not in {q["text"] for q in docs[1]["quotes"]}
    assert docs[1]["meta"]["not_a_quote"] == 1
    report = json.loads(cli(db, "eval", str(gold_path), "--format", "json"))
    assert report["quotes"]["gold"] == sum(len(d["quotes"]) for d in docs)
    assert report["quotes"]["predicted"] > report["quotes"]["gold"]  # Merkel's line: a FP
    assert report["speaker_accuracy"] is not None and report["speaker_accuracy"] < 1.0
