"""The ``show`` view and the store carry a statement in pieces by its own words: the
store's text and full-text search hold the clean text, ``show`` highlights each piece."""

from __future__ import annotations

from quotetrack.cli.show_view import highlighted, pieces
from quotetrack.records import Article
from tests.nlp import parsed

TEXT = ('"We will win the vote next week," the senator said in a reference to the budget '
        'fight. "The voters are with us on this one."')


def _result():  # type: ignore[no-untyped-def]
    from quotetrack.pipeline import extract

    return extract(Article("pieces", TEXT), parsed(TEXT))


def test_show_view_pieces_of_a_statement() -> None:
    (q,) = _result().quotes
    row = q.as_dict()
    assert [TEXT[a:b] for a, b in pieces(TEXT, row)] == [
        "We will win the vote next week,", "The voters are with us on this one."]
    assert pieces(TEXT, {"start": 1, "end": 10, "text": "corrected"}) == [(1, 10)]


def test_show_view_highlights_only_the_pieces() -> None:
    (q,) = _result().quotes
    styled = highlighted(TEXT, [{**q.as_dict(), "speaker": "senator"}])
    narration = TEXT.index("the senator said")
    covered = {i for span in styled.spans for i in range(span.start, span.end)}
    assert TEXT.index("We will") in covered and narration not in covered


def test_store_and_search_use_the_clean_text(store) -> None:  # type: ignore[no-untyped-def]
    store.save(_result())
    (row,) = store.show("pieces")["quotes"]
    assert row["text"] == ("We will win the vote next week, \u2026 The voters are with us "
                           "on this one.")
    assert [r["article_id"] for r in store.who_said("voters")] == ["pieces"]
    assert store.who_said("budget reference") == []  # the narration is no one's words
