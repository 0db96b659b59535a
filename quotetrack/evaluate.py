"""Score extracted quotes against gold annotations (schema of shared/eval/README.md).

A predicted quote matches a gold quote when it covers at least ``overlap`` of the
gold content (the gold ``segments`` when present, else its span); matching is
one-to-one, best coverage first, except that a quote in pieces (``segments``) may match
one gold quote per piece: annotators split such a statement (the Gender Gap Tracker's
quotes, one per quoted sentence) or keep it whole (PolNeAR's attributions), and either
reading scores it alike.  Precision counts predicted quotes, recall gold quotes.
On matched quotes, the speaker mention is right when the spans overlap and the
canonical speaker is right when the names agree (case, punctuation and leading titles
aside; ``speaker_accuracy_surname`` also counts a surname alone as agreeing with the
full name, the lenient reading).
End to end, a match counts when its speaker is right too: by canonical name where
gold has one, else by mention overlap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotetrack.lexicon import words

KINDS = ("direct", "mixed", "indirect")


def _segments(q: Mapping[str, Any]) -> list[tuple[int, int]]:
    segs = q.get("segments") or [q]
    return [(int(s["start"]), int(s["end"])) for s in segs]


def coverage(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> float:
    """Share of the gold content characters that the prediction covers."""
    ps, pe = int(pred["start"]), int(pred["end"])
    segs = _segments(gold)
    total = sum(e - s for s, e in segs)
    hit = sum(max(0, min(pe, e) - max(ps, s)) for s, e in segs)
    return hit / total if total else 0.0


def _piece(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> int:
    """Index of the prediction's segment that covers most of ``gold`` (0 in one piece)."""
    segs = _segments(pred)
    return max(range(len(segs)), key=lambda k: coverage(
        {"start": segs[k][0], "end": segs[k][1]}, gold))


def match(preds: Sequence[Mapping[str, Any]], golds: Sequence[Mapping[str, Any]],
          overlap: float) -> list[tuple[int, int]]:
    """(pred index, gold index) pairs, highest coverage first: each gold quote once,
    each prediction once per piece (a gold quote takes the piece covering most of it)."""
    pairs = sorted(((coverage(p, g), i, j) for i, p in enumerate(preds)
                    for j, g in enumerate(golds)), reverse=True)
    used_p: set[tuple[int, int]] = set()
    used_g: set[int] = set()
    out = []
    for cov, i, j in pairs:
        if cov < overlap or cov == 0:
            break
        piece = (i, _piece(preds[i], golds[j]))
        if piece not in used_p and j not in used_g:
            used_p.add(piece)
            used_g.add(j)
            out.append((i, j))
    return out


def _norm_name(name: str) -> list[str]:
    toks = re.sub(r"[^\w\s]", " ", name.lower()).split()
    titles = words("titles")
    while len(toks) > 1 and (toks[0] in titles or toks[0] == "the"):
        toks = toks[1:]
    return toks


def names_agree(pred: str | None, gold: str | None, surname: bool = False) -> bool:
    """True when two speaker names are the same name, case, punctuation and leading
    titles aside; with ``surname``, a surname alone also agrees with the full name
    (the lenient reading: ``Lavrov`` for ``Sergei Lavrov``)."""
    if not pred or not gold:
        return False
    p, g = _norm_name(pred), _norm_name(gold)
    if p == g:
        return True
    return surname and bool(p and g and p[-1] == g[-1] and (
        len(p) == 1 or len(g) == 1 or p[0] == g[0]))


def _spans_overlap(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    if not a or not b:
        return False
    a_segs, b_segs = _segments(a), _segments(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a_segs for s2, e2 in b_segs)


@dataclass
class Tally:
    """Counts behind every score; ``add`` accumulates one document."""

    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    tp_gold: Counter[str] = field(default_factory=Counter)
    tp_pred: Counter[str] = field(default_factory=Counter)
    mention_n: int = 0
    mention_ok: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0
    surname_ok: int = 0
    e2e_ok: int = 0  # gold quotes matched with the right speaker
    e2e_pred: int = 0  # predicted quotes with at least one such match

    def add(self, preds: Sequence[Mapping[str, Any]], golds: Sequence[Mapping[str, Any]],
            overlap: float) -> None:
        for p in preds:
            self.pred[p["kind"]] += 1
        for g in golds:
            self.gold[g["kind"]] += 1
        right: set[int] = set()
        matched: set[int] = set()
        for i, j in match(preds, golds, overlap):
            p, g = preds[i], golds[j]
            self.tp_gold[g["kind"]] += 1
            if i not in matched:
                self.tp_pred[p["kind"]] += 1
                matched.add(i)
            if self._speaker(p, g):
                right.add(i)
        self.e2e_pred += len(right)

    def _speaker(self, p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
        """Tally the speaker of one match; True when it is right end to end."""
        mention_ok = _spans_overlap(p.get("speaker_mention"), g.get("speaker_mention"))
        if g.get("speaker_mention"):
            self.mention_n += 1
            self.mention_ok += mention_ok
        name_ok = names_agree(p.get("speaker"), g.get("speaker"))
        if g.get("speaker"):
            self.speaker_n += 1
            self.speaker_ok += name_ok
            self.surname_ok += names_agree(p.get("speaker"), g.get("speaker"), surname=True)
        ok = name_ok if g.get("speaker") else mention_ok
        self.e2e_ok += ok
        return ok


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "gold": n_g, "predicted": n_p}


def scores(t: Tally) -> dict[str, Any]:
    """All figures as a JSON-ready dict."""
    tp, n_p, n_g = sum(t.tp_gold.values()), sum(t.pred.values()), sum(t.gold.values())
    out: dict[str, Any] = {"quotes": _prf(sum(t.tp_pred.values()), n_p, tp, n_g)}
    out["by_kind"] = {k: _prf(t.tp_pred[k], t.pred[k], t.tp_gold[k], t.gold[k]) for k in KINDS}
    out["mention_accuracy"] = round(t.mention_ok / t.mention_n, 4) if t.mention_n else None
    out["speaker_accuracy"] = round(t.speaker_ok / t.speaker_n, 4) if t.speaker_n else None
    out["speaker_accuracy_surname"] = (round(t.surname_ok / t.speaker_n, 4) if t.speaker_n
                                       else None)
    out["end_to_end"] = _prf(t.e2e_pred, n_p, t.e2e_ok, n_g)
    out["matched"] = tp
    return out


def evaluate(pairs: Iterable[tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]],
             overlap: float = 0.3) -> dict[str, Any]:
    """Scores over (predicted quotes, gold quotes) pairs, one pair per document."""
    tally = Tally()
    for preds, golds in pairs:
        tally.add(preds, golds, overlap)
    return scores(tally)
