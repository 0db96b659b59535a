"""Store.bulk_insert: many articles per transaction, searchable, all-or-nothing."""

from __future__ import annotations

import json

import pytest
from fakes import SPEAKERS, article_record, result

from quotetrack.errors import StoreError
from quotetrack.readers import read_bytes


def fake_results(start: int, count: int):
    lines = "\n".join(json.dumps(article_record(n)) for n in range(start, start + count))
    return [result(a) for a in read_bytes(lines.encode(), "x.jsonl", ".jsonl")]


def test_store_bulk_insert_rows_search_and_speakers(store):
    results = fake_results(0, 30)
    assert store.bulk_insert(results[:20]) == 40
    assert store.bulk_insert(results[20:]) == 20
    counts = store.counts()
    assert (counts["articles"], counts["quotes"], counts["quote_speakers"]) == (30, 60, 60)
    names = {s["name"] for s in store.speakers()}
    # exact alias keys only: a bare "Lavrov" stays apart from "Sergei Lavrov"
    assert names == set(SPEAKERS) and counts["speakers"] == len(SPEAKERS)
    hits = store.who_said("peacekeepers issue 11")
    assert [(h["speaker"], h["article_id"]) for h in hits] == [("the White House", "a0011")]
    listed = store.quotes(speaker="Donald Trump", since="2017-04-01", until="2017-06-30")
    assert listed and all("2017-04" <= q["published_at"][:7] <= "2017-06" for q in listed)


def test_store_bulk_insert_all_or_nothing(store):
    store.bulk_insert(fake_results(0, 5))
    before = store.counts()
    with pytest.raises(StoreError, match="nothing written"):
        store.bulk_insert(fake_results(5, 5) + fake_results(4, 1))
    assert store.counts() == before
    assert store.bulk_insert([]) == 0
