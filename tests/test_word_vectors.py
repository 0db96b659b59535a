"""The shared word-vector file: GloVe text or wink JSON in, Stanza's pretrain out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrack.models.word_vectors import build, read_glove


def _glove(tmp_path: Path) -> Path:
    src = tmp_path / "glove.txt"
    src.write_text("the 0.1 0.2 0.3\nParis 1.0 0.0 -1.0\nparis 9 9 9\nnew york 1 1 1\n"
                   "rare 0.5 0.5 0.5\n", "utf-8")
    return src


def test_word_vectors_read_glove_text_and_wink_json(tmp_path: Path) -> None:
    assert [w for w, _ in read_glove(_glove(tmp_path), 2)] == ["the", "Paris"]
    wink = tmp_path / "wink.json"
    wink.write_text(json.dumps({"dimensions": 2, "words": ["a", "b"],
                                "vectors": {"a": [1, 2, 3.5, 0], "b": [3, 4, 1.2, 1]}}))
    assert list(read_glove(wink, 5)) == [("a", [1.0, 2.0]), ("b", [3.0, 4.0])]


@pytest.mark.parametrize("half", [False, True])
def test_word_vectors_build_a_stanza_pretrain(tmp_path: Path, half: bool) -> None:
    import torch
    from stanza.models.common.pretrain import Pretrain

    out = tmp_path / "vectors.pt"
    # "paris" again (a case variant) is skipped; the first 3 words are read
    assert build(_glove(tmp_path), out, words=3, half=half) == 2
    pretrain = Pretrain(str(out))
    assert len(pretrain) == 4 + 2  # Stanza's reserved rows first
    row = pretrain.vocab.unit2id("paris")
    assert pretrain.emb[row].tolist() == pytest.approx([1.0, 0.0, -1.0])
    assert pretrain.emb.dtype == (torch.float16 if half else torch.float32)
    assert pretrain.vocab.unit2id("rare") == pretrain.vocab.unit2id("<UNK>")


def test_word_vectors_halve_keeps_words_and_values(tmp_path: Path) -> None:
    import torch
    from stanza.models.common.pretrain import Pretrain

    from quotetrack.models.word_vectors import halve

    full, half = tmp_path / "full.pt", tmp_path / "half.pt"
    build(_glove(tmp_path), full, words=2)
    halve(full, half)
    a, b = Pretrain(str(full)), Pretrain(str(half))
    assert b.emb.dtype == torch.float16 and len(a) == len(b)
    assert torch.allclose(a.emb, b.emb.float(), atol=1e-3)
