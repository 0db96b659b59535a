"""A cut of a quote down to its opening words joins its cluster; a negated or refused
cue never makes a claim of its speaker.  Real models, on SQLite and PostgreSQL."""

from __future__ import annotations

from nlp import parsed

from quotetrack.pipeline import extract
from quotetrack.records import Article, ArticleResult
from quotetrack.wording import VariantConfig, blocking_keys, compare, tokens

FULL = ('"There are things to discuss, and we will discuss them in Danang when the time'
        ' comes," Yuri Ushakov told reporters on Thursday.')
FIVE = '"There are things to discuss," Ushakov said.'
CLAUSE_FULL = ('"We are ready to talk, but the other side must stop the shelling first,"'
               ' Dmitry Peskov said on Monday.')
CLAUSE = 'Peskov said: "We are ready to talk."'
NEGATED = {
    "has not confirmed": "The White House has not confirmed a meeting between the two leaders.",
    "did not say": "Donald Trump did not say that the talks had failed.",
    "declined to say whether": ("The Kremlin declined to say whether Vladimir Putin would"
                                " attend the summit."),
}
AFFIRMED = "The White House confirmed that the two leaders would meet in Vietnam next week."


def result(article_id: str, text: str, outlet: str, scope: str = "claims") -> ArticleResult:
    article = Article(article_id, text, outlet=outlet, published_at="2017-11-0" + article_id[-1])
    return extract(article, parsed(text), scope=scope)  # type: ignore[arg-type]


def test_opening_cut_of_five_words_is_a_truncation():
    config = VariantConfig()
    full, cut = tokens(FULL.split('," ')[0]), tokens("There are things to discuss,")
    assert compare(cut, full, config) is not None
    assert compare(cut, full, config).relation == "truncated"  # type: ignore[union-attr]
    assert compare(full, cut, config).relation == "extended"  # type: ignore[union-attr]
    assert blocking_keys(cut, config) & blocking_keys(full, config)
    # five words from the middle are no cut of the opening; four words are too few
    assert compare(tokens("we will discuss them in"), full, config) is None
    assert compare(tokens("There are things to"), full, config) is None


def test_truncated_quotes_join_their_cluster(store):
    for article_id, text, outlet in [("v1", FULL, "TASS"), ("v2", FIVE, "RT"),
                                     ("v3", CLAUSE_FULL, "TASS"), ("v4", CLAUSE, "Reuters")]:
        assert store.save(result(article_id, text, outlet))
    quotes = {q["article_id"]: q for q in store.quotes(limit=None)}
    assert quotes["v2"]["text"].startswith("There are things to discuss")
    for cut, full in (("v2", "v1"), ("v4", "v3")):
        rows = store.variants(quote_id=quotes[cut]["id"])
        members = {r["article_id"]: r for r in rows}
        assert set(members) == {cut, full}, rows
        assert members[cut]["relation"] == "truncated"
        assert members[full]["first"]  # the full version appeared first


def test_negated_cues_make_no_claim_of_their_speaker(store):
    for n, text in enumerate(NEGATED.values()):
        store.save(result(f"n{n}", text, "AP"))
    assert store.quotes(limit=None) == []
    store.save(result("p1", AFFIRMED, "AP"))
    speakers = [q["speaker"] for q in store.quotes(limit=None)]
    assert speakers == ["White House"]


def test_negated_claims_stay_in_attributions_scope_flagged():
    for cue, text in NEGATED.items():
        quotes = result("a1", text, "AP", scope="attributions").quotes
        negated = [q for q in quotes if q.cue and q.cue.negated]
        assert negated, cue
        assert all("negated" in q.flags for q in negated)
        assert not [q for q in result("c1", text, "AP").quotes if q.kind != "direct"], cue
