"""The parse adapter on the real shipped model: offsets, records, CoNLL-U."""

from __future__ import annotations

import pytest

from quotetrack.conllu import to_conllu
from quotetrack.errors import ModelUnavailable
from quotetrack.parse import ParserConfig, load_pipeline, paragraph_spans, parse_many
from tests.nlp import CONFIG, parsed

SEED = ('"You cannot support, you cannot supply, you cannot accept," '
        "Trump told South Korean lawmakers.")


def test_parse_seed_sentence_trump_is_subject_of_told() -> None:
    doc = parsed(SEED)
    told = next(t for t in doc.tokens if t.text == "told")
    assert told.lemma == "tell"
    subjects = [t.text for t in doc.tokens if t.head == told.i and t.rel == "nsubj"]
    assert subjects == ["Trump"]


def test_parse_offsets_point_into_the_text() -> None:
    doc = parsed(SEED)
    for t in doc.tokens:
        if t.text not in ("can", "not"):  # words of the multi-word token "cannot"
            assert SEED[t.start:t.end] == t.text
    cannot = [t for t in doc.tokens if SEED[t.start:t.end] == "cannot"]
    assert [t.text for t in cannot[:2]] == ["can", "not"]


def test_parse_heads_and_paragraphs() -> None:
    text = "First paragraph here.\n\nSecond one. It has two sentences."
    doc = parsed(text)
    assert [s.para for s in doc.sentences] == [0, 1, 1]
    for s in doc.sentences:
        roots = [t for t in s.tokens if t.head == -1]
        assert len(roots) == 1
        assert all(t.head == -1 or s.first <= t.head < s.first + len(s.tokens)
                   for t in s.tokens)


def test_parse_many_keeps_order_and_empty_texts() -> None:
    texts = ["One sentence.", "", "   ", "Another sentence here."]
    docs = list(parse_many(texts, ParserConfig(batch_docs=2)))
    assert [d.text for d in docs] == texts
    assert [len(d.sentences) for d in docs] == [1, 0, 0, 1]


def test_parse_conllu_has_multiword_token_line() -> None:
    out = to_conllu(parsed(SEED), "s")
    assert "\tcannot\t" in out and "# text = " in out


def test_parse_missing_model_dir_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(ModelUnavailable, match="no compact models"):
        load_pipeline(ParserConfig(models=str(tmp_path)))


def test_parse_paragraph_spans_fall_back_to_lines() -> None:
    assert paragraph_spans("a\nb") == ((0, 1), (2, 3))
    assert paragraph_spans("a\nb\n\nc") == ((0, 3), (5, 6))


def test_parse_config_label() -> None:
    assert CONFIG.label == "compact-en"
