"""The parse adapter on the real shipped model: offsets, records, CoNLL-U."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import pytest

from quotetrack.conllu import to_conllu
from quotetrack.errors import ModelUnavailable
from quotetrack.parse import (
    ParseCache,
    ParserConfig,
    load_pipeline,
    paragraph_spans,
    parse_many,
)
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


NEWS = ("The minister said on Tuesday that taxes would rise next year. Critics, including"
        " two former advisers, pushed for a delay, and suggested changing the rules.\n\n"
        '"We cannot wait," she told reporters in the capital.')


def _arcs(config: ParserConfig) -> list[tuple[str, str, int, str]]:
    doc = next(parse_many([NEWS], config))
    return [(t.text, t.upos, t.head, t.deprel) for t in doc.tokens]


def test_parse_config_defaults_to_the_speedups_and_can_turn_them_off() -> None:
    new = ParserConfig()
    assert new.fast and not new.quantize  # int8 is opt-in: its parse depends on the batch
    old = new.previous_release()
    assert not old.fast and not old.quantize
    assert (old.models, old.threads, old.batch_docs, old.ner) == (
        new.models, new.threads, new.batch_docs, new.ner)


def test_parse_config_from_env_gives_the_previous_release(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTETRACK_PARSE_SPEEDUPS", "0")
    config = ParserConfig.from_env(threads=2)
    assert (config.fast, config.quantize, config.threads) == (False, False, 2)
    monkeypatch.delenv("QUOTETRACK_PARSE_SPEEDUPS")
    assert ParserConfig.from_env().fast and not ParserConfig.from_env().quantize
    monkeypatch.setenv("QUOTETRACK_PARSE_INT8", "1")
    assert ParserConfig.from_env().quantize


def test_parse_fast_decoding_keeps_the_parse() -> None:
    old = ParserConfig(threads=1).previous_release()
    assert _arcs(replace(old, fast=True)) == _arcs(old)


def test_parse_int8_layers_keep_the_tokens_and_nearly_every_arc() -> None:
    old = _arcs(ParserConfig(threads=1).previous_release())
    new = _arcs(CONFIG)
    assert [w[0] for w in new] == [w[0] for w in old]
    assert sum(a == b for a, b in zip(old, new, strict=True)) >= len(old) - 2


def test_parse_fast_restores_the_garbage_collector() -> None:
    assert gc.isenabled()
    parse_many_list = list(parse_many(["One more sentence here."], CONFIG))
    assert len(parse_many_list[0].sentences) == 1
    assert gc.isenabled()
    gc.disable()
    try:
        list(parse_many(["And another one."], CONFIG))
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()


def test_parse_cache_keeps_int8_parses_apart(tmp_path: Path) -> None:
    plain = ParseCache(tmp_path, ParserConfig(quantize=False))
    int8 = ParseCache(tmp_path, ParserConfig(quantize=True))
    assert plain._path("Some text.") != int8._path("Some text.")


def test_parse_cache_keys_on_model_contents_not_file_times(tmp_path: Path) -> None:
    import os

    models = tmp_path / "models"
    models.mkdir()
    (models / "tagger.pt").write_bytes(b"weights")
    key = ParseCache(tmp_path / "cache", ParserConfig(models=str(models)))._path("Text.")
    os.utime(models / "tagger.pt", (1, 1))  # a fresh checkout of the same file
    same = ParseCache(tmp_path / "cache", ParserConfig(models=str(models)))._path("Text.")
    (models / "tagger.pt").write_bytes(b"retrained")
    other = ParseCache(tmp_path / "cache", ParserConfig(models=str(models)))._path("Text.")
    assert key == same != other


def test_parse_word_vectors_beside_the_models_reach_tagger_parser_and_ner(
        tmp_path: Path) -> None:
    from quotetrack import parse as p

    for name in [*p.MODEL_FILES.values(), p.NER_FILE]:
        (tmp_path / name).write_bytes(b"")
    plain = p._compact_kwargs(tmp_path)
    assert not any(k.endswith("_pretrain_path") and v for k, v in plain.items())
    (tmp_path / p.VECTORS_FILE).write_bytes(b"")
    kwargs = p._compact_kwargs(tmp_path)
    want = str(tmp_path / p.VECTORS_FILE)
    assert [kwargs[f"{s}_pretrain_path"] for s in ("pos", "depparse", "ner")] == [want] * 3
