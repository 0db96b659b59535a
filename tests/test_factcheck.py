"""Fact-checking features: variants, first appearance, conflicts, stance, exports, browse.

The hand-made articles in fixtures/variants/ (see its README) go through a small
regex extractor (``extract`` below: ``Name[, role,] said|did not say "text"``) so the
store tests run in a second on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from quotetrack.cli import main
from quotetrack.export import claims, with_diffs
from quotetrack.ingest import ingest
from quotetrack.records import Article, ArticleResult, Cue, Quote, Span, Speaker
from quotetrack.store import migrate, open_store
from quotetrack.store.affiliations import name_chains, role_affiliates
from quotetrack.store.engine import make_engine, to_url
from quotetrack.wording import VariantConfig, blocking_keys, compare, tokens, word_diff

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "variants" / "articles.jsonl"
LAVROV = ("We will not accept any deal that leaves Ukraine divided and weak, whatever"
          " Washington offers.")
SANCTIONS = "Sanctions will not change our course in the region at all."
PATTERN = re.compile(r"(?P<who>(?:[Tt]he )?[A-Z][\w.]*(?: [A-Z][\w.]*)*)(?:, (?P<role>[^,]+),)?"
                     r" (?P<cue>did not say|said) [\"\u201c](?P<text>[^\"\u201d]+)[\"\u201d]")
TITLES = ("Foreign Minister ",)
ORGS = {"The Kremlin": "the Kremlin", "the Kremlin": "the Kremlin"}


def _quote(m: re.Match[str]) -> Quote:
    who, role = m.group("who"), m.group("role")
    for title in TITLES:
        if who.startswith(title):
            who, role = who[len(title):], title.strip()
    kind = "organization" if who in ORGS else "person"
    who = ORGS.get(who, who)
    cue_start = m.start("cue") + (8 if m.group("cue") == "did not say" else 0)
    cue = Cue(cue_start, m.end("cue"), "say" if cue_start > m.start("cue") else "said", "say",
              negated=m.group("cue") == "did not say")
    return Quote(m.start("text"), m.end("text"), m.group("text"), "direct", 0, 0, who, (who,),
                 kind, Span(m.start("who"), m.end("who"), m.group("who")), cue, role,
                 "neutral", "cue-subject", 0.9, ("negated",) if cue.negated else ())


def extract(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    """The stand-in pipeline for these fixtures."""
    for article in articles:
        quotes = tuple(_quote(m) for m in PATTERN.finditer(article.text))
        speakers = tuple(Speaker(q.speaker, q.speaker_kind, (q.speaker,))
                         for q in quotes if q.speaker)
        yield ArticleResult(article, quotes, speakers, "fake", "test")


@pytest.fixture
def filled(store):
    ingest([str(ARTICLES)], store, extract)
    return store


def ids_by_article(rows):
    return {r["article_id"]: r for r in rows}


# --- wording (pure) -----------------------------------------------------------------

CONFIG = VariantConfig()


@pytest.mark.parametrize("a, b, relation", [
    ("\u201cWe will NOT accept it, ever,\u201d", "we will not accept it ever", "exact"),
    ("we will not accept any deal that leaves", LAVROV, "truncated"),
    (LAVROV, "we will not accept any deal that leaves", "extended"),
    (LAVROV.replace("not", "never"), LAVROV, "similar"),
    ("we will not accept any deal ... whatever Washington offers", LAVROV, "truncated"),
    ("we are going to win so much", "we are going to replace it with something so much"
     " better", None),
    ("Meet the Press", "Meet the Press.", None),
    ("the talks in Minsk were useful", LAVROV, None),
    ("rigged", "rigged", None),
    ("a deal that leaves", LAVROV, None),
])
def test_wording_compare_relations(a, b, relation):
    found = compare(tokens(a), tokens(b), CONFIG)
    assert (found.relation if found else None) == relation


def test_wording_threshold_is_configurable():
    a, b = tokens(LAVROV.replace("not", "never")), tokens(LAVROV)
    assert compare(a, b, VariantConfig(threshold=0.99)) is None
    assert compare(a, b, VariantConfig(threshold=0.9)).relation == "similar"


def test_wording_variants_share_blocking_keys():
    full = blocking_keys(tokens(LAVROV), CONFIG)
    cut = blocking_keys(tokens("we will not accept any deal that leaves Ukraine divided"), CONFIG)
    changed = blocking_keys(tokens(LAVROV.replace("not", "never")), CONFIG)
    assert full & cut and full & changed
    assert not blocking_keys(tokens("rigged"), CONFIG)
    # shingles of function words only are never keys
    assert blocking_keys(tokens("it is one of the"), CONFIG) == blocking_keys(
        tokens("it is one of the"), VariantConfig(min_words=99))


def test_wording_diff_ignores_case_and_marks():
    ops = word_diff("\u201cWe will not accept it.\u201d", '"we will never accept it"')
    assert ops == [("=", '"we will'), ("-", "not"), ("+", "never"), ("=", 'accept it"')]


@pytest.mark.parametrize("role, names", [
    ("the Kremlin spokesman", ["Kremlin"]),
    ("a spokesman for the Kremlin", ["the Kremlin", "Kremlin"]),
    ("Clinton\u2019s top foreign policy aide", ["Clinton"]),
    ("FBI general counsel", ["FBI"]),
    ("Former Secretary", []),
    (None, []),
])
def test_affiliations_role_names(role, names):
    assert role_affiliates(role) == names


@pytest.mark.parametrize("aliases, pairs", [
    ({1: {"khan"}, 2: {"sadiq khan"}}, [(1, 2)]),
    ({1: {"paul ryan"}, 2: {"house speaker paul ryan"}}, [(1, 2)]),
    ({1: {"clinton"}, 2: {"hillary clinton"}, 3: {"bill clinton"}}, []),
    ({1: {"donald trump"}, 2: {"sergei lavrov"}}, []),
])
def test_affiliations_shorter_and_fuller_names_are_one(aliases, pairs):
    assert [(c.speaker, c.affiliate) for c in name_chains(aliases)] == pairs


# --- store: both dialects -----------------------------------------------------------

def test_variants_cluster_truncated_and_changed(filled):
    rows = filled.variants(LAVROV)
    by = ids_by_article(rows)
    assert set(by) == {"wire-0301", "daily-0302", "times-0303", "blog-undated", "post-0304",
                       "check-0307"}
    assert len({r["cluster_id"] for r in rows}) == 1
    assert by["daily-0302"]["relation"] == "truncated"
    assert by["times-0303"]["relation"] == "similar"
    assert [r["article_id"] for r in rows][:4] == ["wire-0301", "daily-0302", "times-0303",
                                                   "post-0304"]
    assert rows[-1]["article_id"] == "blog-undated"  # undated last


def test_variants_first_appearance_is_earliest_published(filled):
    rows = filled.variants(quote_id=filled.variants("whatever Washington offers")[0]["quote_id"])
    assert [r["article_id"] for r in rows if r["first"]] == ["wire-0301"]
    firsts = filled.first_appearances([r["quote_id"] for r in rows])
    assert {f["first"]["url"] for f in firsts.values()} == {"https://wire.test/lavrov-ukraine"}
    assert {f["appearances"] for f in firsts.values()} == {6}


def test_variants_fragments_and_unrelated_quotes_stay_alone(filled):
    for quote in ("rigged", "The talks in Minsk were useful"):
        rows = filled.variants(quote)
        assert len(rows) == 1 and rows[0]["cluster_id"] is None and rows[0]["first"]


def test_variants_unknown_text_is_not_found(filled):
    from quotetrack.errors import NotFound

    with pytest.raises(NotFound):
        filled.variants("nothing like this was ever said by anyone")


def test_conflicts_list_both_speakers_but_not_chains_or_negations(filled):
    found = filled.conflicts()
    assert len(found) == 1
    conflict = found[0]
    groups = [g["speakers"] for g in conflict["speakers"]]
    assert groups == [["Sergei Lavrov"], ["Donald Trump"]]
    assert conflict["disagreeing_outlets"] == 1 and conflict["outlets"] == 5
    assert conflict["explicit"] and filled.conflicts(explicit=True) == found
    evidence = ids_by_article(conflict["evidence"])
    assert evidence["post-0304"]["speaker_mention"] == "Donald Trump"
    assert evidence["post-0304"]["cue"] == "said" and evidence["post-0304"]["method"]
    assert evidence["check-0307"]["negated"] is True
    assert conflict["first"]["url"] == "https://wire.test/lavrov-ukraine"
    sanctions = filled.variants(SANCTIONS)
    assert {r["speaker"] for r in sanctions} == {"the Kremlin", "Dmitry Peskov"}


def test_conflicts_chain_is_modelled_as_affiliation(filled):
    with filled.engine.connect() as conn:
        rows = conn.execute(text("SELECT speaker_key, affiliate_key, source FROM"
                                 " speaker_affiliations ORDER BY id")).all()
    assert ("dmitry peskov", "kremlin", "role") in [tuple(r) for r in rows]


def test_conflicts_manual_affiliation_turns_a_conflict_into_a_chain(filled):
    assert filled.affiliate("Donald Trump", "Sergei Lavrov")["added"]
    assert filled.conflicts() == []


def test_stance_and_negation_are_stored_and_filterable(filled):
    negated = filled.quotes(negated=True)
    assert [r["speaker"] for r in negated] == ["Hillary Clinton"] and negated[0]["negated"]
    assert all(not r["negated"] for r in filled.quotes(negated=False, limit=None))
    assert len(filled.quotes(stance="neutral", limit=None)) == len(filled.quotes(limit=None))


def test_relink_rebuilds_the_same_clusters(filled):
    before = [(r["quote_id"], r["relation"], r["first"]) for r in filled.variants(LAVROV)]
    done = filled.relink_variants()
    assert done["clusters"] == 2
    after = [(r["quote_id"], r["relation"], r["first"]) for r in filled.variants(LAVROV)]
    assert sorted(after) == sorted(before)


def test_migration_round_trip_keeps_quotes_and_relinks(filled, db):
    counts = filled.counts()
    before = [(r["quote_id"], r["first"]) for r in filled.variants(LAVROV)]
    filled.close()
    engine = make_engine(to_url(db))
    try:
        migrate.downgrade(engine, "0003")
        with engine.connect() as conn:
            assert migrate.current(conn) == "0003"
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    with open_store(db) as store:
        assert store.counts() == counts
        assert store.conflicts() == []  # no clusters until relinked
        store.relink_variants()
        assert [(r["quote_id"], r["first"]) for r in store.variants(LAVROV)] == before


def test_candidates_come_from_the_key_index(filled):
    if filled.dialect != "sqlite":
        pytest.skip("query plans are checked on SQLite")
    from quotetrack.store.variants import NO_KEY, _postings_union

    values = {"k0": "s0123", "k1": "s0124", "k2": NO_KEY, "k3": NO_KEY, "cap": 100}
    for exclude in (None, "wire-0301"):
        stmt = _postings_union(4, exclude is not None).params(values | {"article": exclude})
        sql = stmt.compile(filled.engine, compile_kwargs={"literal_binds": True})
        with filled.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        assert "SEARCH quote_keys USING" in plan, plan
        # the only scans are of each key's capped subquery, never of a table
        assert set(re.findall(r"SCAN (\w+)", plan)) <= {f"anon_{n}" for n in range(1, 5)}, plan


def test_export_claims_have_every_appearance(filled):
    rows = filled.export_rows(speaker="Sergei Lavrov")
    clusters = filled.clusters(sorted({r["cluster_id"] for r in rows if r["cluster_id"]}))
    docs = claims(rows, clusters)
    assert len(docs) == 1
    claim = docs[0]
    assert claim["author"] == {"@type": "Person", "name": "Sergei Lavrov",
                               "jobTitle": "Foreign Minister"}
    assert claim["datePublished"] == "2017-03-01"
    assert claim["firstAppearance"]["url"] == "https://wire.test/lavrov-ukraine"
    assert len(claim["appearance"]) == 6


def test_export_organisation_author_has_no_job_title(filled):
    rows = filled.export_rows(speaker="Kremlin")
    docs = claims(rows, filled.clusters([rows[0]["cluster_id"]]))
    assert docs[0]["author"] == {"@type": "Organization", "name": "the Kremlin"}


def test_export_diffs_against_first(filled):
    rows = with_diffs(filled.variants(LAVROV))
    daily = ids_by_article(rows)["daily-0302"]
    assert daily["diff"].endswith("[-and weak, whatever Washington offers.-]")
    assert "[-not-] {+never+}" in ids_by_article(rows)["times-0303"]["diff"]


# --- CLI ----------------------------------------------------------------------------

def cli(db: str, *args: str):
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_variants_formats(filled, db):
    rows = json.loads(cli(db, "variants", "leaves Ukraine divided", "--format", "json"))
    assert rows[0]["first"] and rows[0]["url"] == "https://wire.test/lavrov-ukraine"
    assert "ops" not in rows[0] and "diff" in rows[0]
    table = list(csv.DictReader(io.StringIO(cli(db, "variants", "--quote",
                                                str(rows[1]["quote_id"]), "--format", "csv"))))
    assert len(table) == 6 and table[0]["outlet"] == "Wire"
    screen = cli(db, "variants", LAVROV)
    assert "first" in screen and "Wire" in screen


def test_cli_conflicts_and_first(filled, db):
    found = json.loads(cli(db, "conflicts", "--format", "json"))
    assert len(found) == 1 and found[0]["disagreeing_outlets"] == 1
    assert "Donald Trump" in cli(db, "conflicts")
    rows = json.loads(cli(db, "quotes", "--speaker", "Trump", "--first", "--format", "json"))
    lavrov_line = [r for r in rows if r["text"] == LAVROV][0]
    assert lavrov_line["first_outlet"] == "Wire" and lavrov_line["appearances"] == 6
    said = json.loads(cli(db, "who-said", "Washington offers", "--first", "--format", "json"))
    assert {r["first_outlet"] for r in said} == {"Wire"}
    negated = json.loads(cli(db, "quotes", "--negated", "--format", "json"))
    assert [r["speaker"] for r in negated] == ["Hillary Clinton"]
    assert "NOT say" in cli(db, "quotes", "--negated")


def test_cli_export_jsonl_and_csv(filled, db):
    lines = [json.loads(line) for line in cli(db, "export").splitlines()]
    assert len(lines) == len(filled.quotes(limit=None))
    by = ids_by_article(lines)
    assert by["daily-0302"]["first_url"] == "https://wire.test/lavrov-ukraine"
    assert by["check-0307"]["negated"] is True
    table = list(csv.DictReader(io.StringIO(cli(db, "export", "--format", "csv",
                                                "--outlet", "Tass"))))
    assert [r["speaker"] for r in table] == ["Dmitry Peskov"]


SCHEMA_TERMS = ["Claim", "Person", "Organization", "NewsArticle", "text", "author", "name",
                "jobTitle", "datePublished", "appearance", "firstAppearance", "headline",
                "publisher", "identifier"]
CONTEXT = {"@context": {"schema": "https://schema.org/",
                        "url": {"@id": "schema:url", "@type": "@id"},
                        **{t: f"schema:{t}" for t in SCHEMA_TERMS}}}


def _count_terms(node) -> int:
    if isinstance(node, list):
        return sum(_count_terms(n) for n in node)
    if not isinstance(node, dict):
        return 0
    keys = [k for k in node if k not in ("@context", "@id", "@type", "@value")]
    return len(keys) + sum(_count_terms(node[k]) for k in keys)


def test_cli_export_claimreview_is_valid_json_ld(filled, db, tmp_path):
    jsonld = pytest.importorskip("pyld.jsonld")
    out = tmp_path / "claims.json"
    cli(db, "export", "--format", "claimreview", "-o", str(out))
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert {d["@type"] for d in docs} == {"Claim"}

    def loader(url, options=None):
        assert url.rstrip("/") == "https://schema.org"
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}

    for doc in docs:
        assert doc["@context"] == "https://schema.org"
        expanded = jsonld.expand(doc, {"documentLoader": loader})
        # every property is a schema.org term of the context: nothing was dropped
        assert _count_terms(expanded) == _count_terms(doc)
        assert expanded[0]["@type"] == ["https://schema.org/Claim"]
        urls = [a["url"] for a in doc["appearance"]]
        assert doc["firstAppearance"]["url"] in urls and len(set(urls)) == len(urls)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.get("datePublished", "2000-01-01"))
        if "author" in doc:
            assert doc["author"]["@type"] in ("Person", "Organization")
            assert doc["author"]["@type"] == "Person" or "jobTitle" not in doc["author"]
    lavrov = [d for d in docs if d["text"] == LAVROV][0]
    assert lavrov["author"]["name"] == "Sergei Lavrov" and len(lavrov["appearance"]) == 6


# --- browse -------------------------------------------------------------------------

def test_browse_refuses_postgresql():
    result = CliRunner().invoke(main, ["--db", "postgresql://u@localhost/x", "browse"])
    assert result.exit_code == 1 and "SQLite stores only" in result.output


def test_browse_serves_read_only_search(tmp_path, sqlite_template, capfd):
    pytest.importorskip("datasette")
    path = tmp_path / "news.db"
    shutil.copy(sqlite_template, path)
    with open_store(str(path)) as store:
        ingest([str(ARTICLES)], store, extract)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["--db", str(path), "browse", "--get",
                                       "/news/v_variants.json?_search=Washington&_shape=array"])
    assert result.exit_code == 0
    rows = json.loads(capfd.readouterr().out)  # Datasette's child process writes to fd 1
    assert {r["outlet"] for r in rows} >= {"Wire", "Times", "Post"}
    assert path.read_bytes() == before
