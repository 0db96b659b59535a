"""Scoring rules of ``quotetrack eval`` on hand-made predictions (no model)."""

from __future__ import annotations

from quotetrack.evaluate import coverage, evaluate, match, names_agree


def q(start: int, end: int, kind: str = "direct", **kw: object) -> dict[str, object]:
    return {"start": start, "end": end, "kind": kind, **kw}


def test_evaluate_coverage_uses_segments() -> None:
    gold = q(0, 100, segments=[{"start": 0, "end": 10}, {"start": 90, "end": 100}])
    assert coverage(q(0, 10), gold) == 0.5


def test_evaluate_match_is_one_to_one() -> None:
    golds = [q(0, 10)]
    preds = [q(0, 10), q(0, 9)]
    assert match(preds, golds, 0.3) == [(0, 0)]


def test_evaluate_quote_in_pieces_matches_each_piece_once() -> None:
    pieces = [{"start": 0, "end": 10}, {"start": 30, "end": 40}]
    split_gold = [q(0, 10, speaker="Ann Lee"), q(30, 40, speaker="Ann Lee")]
    pred = [q(0, 40, segments=pieces, speaker="Ann Lee")]
    assert sorted(match(pred, split_gold, 0.3)) == [(0, 0), (0, 1)]
    r = evaluate([(pred, split_gold)], 0.3)
    assert r["quotes"]["precision"] == 1.0 and r["quotes"]["recall"] == 1.0
    assert r["end_to_end"]["precision"] == 1.0 and r["end_to_end"]["recall"] == 1.0
    whole_gold = [q(0, 40, segments=pieces)]
    assert match(pred, whole_gold, 0.3) == [(0, 0)]
    # one piece never matches two gold quotes, nor a quote in one piece two
    assert len(match([q(0, 40)], split_gold, 0.3)) == 1


def test_evaluate_names_agree() -> None:
    assert names_agree("Donald Trump", "President Donald Trump")
    assert not names_agree("Trump", "Donald Trump")  # a canonical name is the full name
    assert names_agree("Trump", "Donald Trump", surname=True)
    assert not names_agree("Ivanka Trump", "Donald Trump")
    assert not names_agree(None, "Donald Trump")


def test_evaluate_scores() -> None:
    gold = [q(0, 10, speaker="Ann Lee", speaker_mention={"start": 12, "end": 15}),
            q(20, 30, "indirect", speaker="Bo Chen")]
    pred = [q(0, 10, speaker="Ann Lee", speaker_mention={"start": 12, "end": 15}),
            q(40, 50)]
    r = evaluate([(pred, gold)], 0.3)
    assert r["quotes"]["precision"] == 0.5 and r["quotes"]["recall"] == 0.5
    assert r["mention_accuracy"] == 1.0 and r["speaker_accuracy"] == 1.0
    assert r["end_to_end"]["f1"] == 0.5
    assert r["by_kind"]["indirect"]["recall"] == 0.0
