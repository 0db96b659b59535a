"""The inference speed-ups: the same trees as Stanza's decoder, int8 only where chosen,
and only on the pipeline they were applied to."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root
from torch import nn

from quotetrack.models import inference
from quotetrack.parse import ParserConfig, load_pipeline


def _log_softmax_rows(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(1, keepdims=True)), np.float32)


def test_best_tree_is_stanzas_tree() -> None:
    rng = np.random.default_rng(7)
    shortcuts = 0
    for _ in range(300):
        size = int(rng.integers(2, 40))
        scale = float(rng.choice([0.3, 2.0, 8.0]))  # flat scores make cycles, sharp ones trees
        scores = _log_softmax_rows(rng.normal(size=(size, size)) * scale)
        expected = chuliu_edmonds_one_root(scores.copy())
        assert inference.best_tree(scores.copy()).tolist() == expected.tolist()
        shortcuts += inference.one_root_tree(scores) is not None
    assert 0 < shortcuts < 300  # both paths were taken


def test_one_root_tree_only_for_a_tree_with_one_root_word() -> None:
    good = np.log(np.array([[1, 0, 0], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]]) + 1e-9)
    assert inference.one_root_tree(good).tolist() == [0, 2, 0]
    two_roots = np.log(np.array([[1, 0, 0], [0.8, 0.1, 0.1], [0.9, 0.05, 0.05]]) + 1e-9)
    assert inference.one_root_tree(two_roots) is None


def test_find_cycle() -> None:
    assert inference.find_cycle([0, 2, 0, 2]) is None
    assert sorted(inference.find_cycle([0, 2, 3, 1, 0]) or []) == [1, 2, 3]


def test_quantize_converts_only_the_chosen_layers() -> None:
    nlp = load_pipeline(ParserConfig(threads=1, quantize=True))
    tagger = nlp.processors["pos"].trainer.model
    assert type(tagger.taggerlstm.lstm[0].lstm) is nn.LSTM  # kept float32
    assert type(tagger.taggerlstm.lstm[1].lstm) is not nn.LSTM  # int8
    parser = nlp.processors["depparse"].trainer.model
    assert type(parser.parserlstm.lstm[0].lstm) is nn.LSTM
    assert type(parser.arc_labels.by_head) is not nn.Linear


def test_speedups_stay_on_their_own_pipeline() -> None:
    new = load_pipeline(ParserConfig(threads=1))
    old = load_pipeline(ParserConfig(threads=1).previous_release())
    assert hasattr(new.processors["depparse"].trainer.model, "arc_labels")
    parser = old.processors["depparse"].trainer.model
    assert not hasattr(parser, "arc_labels") and "predict" not in vars(parser)
    assert type(old.processors["pos"].trainer.model.taggerlstm.lstm[1].lstm) is nn.LSTM
    assert old.processors["tokenize"].trainer.args["batch_size"] != inference.TOKENIZER_BATCH
    assert new.processors["tokenize"].trainer.args["batch_size"] == inference.TOKENIZER_BATCH
    for name in inference.CHARACTER_MODELS:
        assert "forward" in vars(new.processors[name].trainer.model.charmodel)
        assert "forward" not in vars(old.processors[name].trainer.model.charmodel)
    assert "unit2id" in vars(new.processors["tokenize"].trainer.vocab)
    assert "unit2id" not in vars(old.processors["tokenize"].trainer.vocab)
    assert "predict" in vars(new.processors["tokenize"].trainer)
    assert "predict" not in vars(old.processors["tokenize"].trainer)


def test_without_optimizers_builds_none_and_restores_the_factories() -> None:
    from stanza.models.common import utils

    from quotetrack.models.inference import without_optimizers

    model = nn.Linear(2, 2)
    with without_optimizers():
        assert utils.get_optimizer("adam", model, lr=0.1) is None
        assert utils.get_split_optimizer("adam", model, 0.1) == {}
    assert utils.get_optimizer("adam", model, lr=0.1) is not None


def test_shipped_pipeline_is_built_without_optimizers() -> None:
    pipeline = load_pipeline(ParserConfig(models="compact"))
    assert pipeline.processors["tokenize"].trainer.optimizer is None
    assert pipeline.processors["pos"].trainer.optimizers == {}


def _chars(words: list[list[int]]) -> tuple[torch.Tensor, list[int], list[int]]:
    """A character batch as Stanza builds one: rows by decreasing length, padded."""
    order = sorted(range(len(words)), key=lambda i: -len(words[i]))
    lengths = [len(words[i]) for i in order]
    chars = torch.zeros(len(words), lengths[0], dtype=torch.long)
    for row, i in enumerate(order):
        chars[row, :len(words[i])] = torch.tensor(words[i])
    return chars, order, lengths


def test_character_models_read_each_spelling_once_with_the_same_result() -> None:
    from stanza.models.common.char_model import CharacterModel

    pipeline = load_pipeline(ParserConfig(models="compact"))
    rng = random.Random(3)
    words = [[rng.randint(2, 40) for _ in range(rng.randint(1, 9))] for _ in range(60)]
    words += words[:40]  # repeated spellings, as in running text
    chars, order, lengths = _chars(words)
    for name in inference.CHARACTER_MODELS:
        model = pipeline.processors[name].trainer.model.charmodel.eval()
        with torch.inference_mode():
            stock = CharacterModel.forward(model, chars, None, order, [50, 50], lengths)
            once = model.forward(chars, None, order, [50, 50], lengths)
        assert torch.allclose(stock.data, once.data, atol=1e-6), name


def test_spellings_from_earlier_batches_are_remembered_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from stanza.models.common.char_model import CharacterModel

    monkeypatch.setattr(inference, "SPELLINGS_KEPT", 70)
    pipeline = load_pipeline(ParserConfig(models="compact"))
    inference.forget_spellings(pipeline)
    rng = random.Random(5)
    first = [[rng.randint(2, 40) for _ in range(rng.randint(1, 9))] for _ in range(60)]
    fresh = [[rng.randint(2, 40) for _ in range(rng.randint(1, 9))] for _ in range(30)]
    later = first[10:40] + fresh + first[:40]  # seen, unseen and seen again
    for name in inference.CHARACTER_MODELS:
        model = pipeline.processors[name].trainer.model.charmodel.eval()
        with torch.inference_mode():
            for words in (first, later, first[:20]):
                chars, order, lengths = _chars(words)
                halves = [len(words) // 2, len(words) - len(words) // 2]
                stock = CharacterModel.forward(model, chars, None, order, halves, lengths)
                mine = model.forward(chars, None, order, halves, lengths)
                assert torch.allclose(stock.data, mine.data, atol=1e-6), name
        assert len(model.__dict__[inference._MEMORY]) == 70, name  # full, not beyond
    inference.forget_spellings(pipeline)
    assert all(inference._MEMORY not in pipeline.processors[name].trainer.model.charmodel
               .__dict__ for name in inference.CHARACTER_MODELS)


def test_padded_ids_are_stanzas_tensors() -> None:
    from stanza.models.common.data import get_long_tensor

    rng = random.Random(5)
    for _ in range(100):
        ids = [[rng.randint(0, 99) for _ in range(rng.randint(0, 12))] for _ in range(20)]
        ids[0].append(7)  # Stanza needs one non-empty list
        for pad in (0, 3):
            made = inference.padded_ids(ids, 22, pad, stock=get_long_tensor)
            assert made.dtype == torch.long
            assert torch.equal(made, get_long_tensor(ids, 22, pad))
    nested = [[[1, 2], [3, 4]], [[5, 6]]]  # deeper lists go to Stanza's own
    assert torch.equal(inference.padded_ids(nested, 2, stock=get_long_tensor),
                       get_long_tensor(nested, 2))


def test_remembered_ids_are_the_vocabularys_ids() -> None:
    pipeline = load_pipeline(ParserConfig(models="compact"))
    vocab = pipeline.processors["pos"].trainer.vocab["word"]
    stock = type(vocab).unit2id
    for unit in ("the", "The", "Lavrov", "zzqx", "the"):
        assert vocab.unit2id(unit) == stock(vocab, unit)


def test_batched_viterbi_gives_stanzas_tags_and_scores() -> None:
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(7)
    for trial in range(30):
        size, longest, tags = (int(n) for n in rng.integers((1, 1, 2), (12, 25, 15)))
        logits = rng.normal(size=(size, longest, tags)).astype(np.float32)
        transitions = rng.normal(size=(tags, tags)).astype(np.float32)
        if trial % 3 == 0:  # ties between paths
            logits, transitions = np.round(logits, 1), np.round(transitions, 1)
        decode = inference.BatchViterbi(viterbi_decode)
        for row, length in enumerate(rng.integers(1, longest + 1, size=size)):
            path, score = viterbi_decode(logits[row, :length], transitions)
            got_path, got_score = decode(logits[row, :length], transitions)
            assert [int(t) for t in got_path] == [int(t) for t in path]
            assert got_score == score
    lone = rng.normal(size=(4, 3)).astype(np.float32)  # not a row of a batch: Stanza's own
    assert inference.BatchViterbi(viterbi_decode)(lone, np.eye(3, dtype=np.float32))[1] == (
        viterbi_decode(lone, np.eye(3, dtype=np.float32))[1])


def test_live_rows_give_the_rows_of_the_whole_batch() -> None:
    trainer = load_pipeline(ParserConfig(threads=1).previous_release()).processors[
        "tokenize"].trainer
    stock = trainer.predict
    rng = np.random.default_rng(3)
    size, width = 6, 40
    units = torch.from_numpy(rng.integers(1, 60, size=(size, width)))
    features = torch.from_numpy(rng.integers(0, 2, size=(size, width, 9)).astype(np.float32))
    text = [["a"] * width for _ in range(size)]
    for dead in (1, 4):  # rows already read to their end: padding only
        text[dead] = ["<PAD>"] * width
        units[dead] = 0
    whole = stock((units, None, features, text))
    live = inference._make_live_rows(stock)(trainer, (units, None, features, text))
    kept = [0, 2, 3, 5]
    assert np.allclose(live[kept], whole[kept], atol=1e-6)
    assert (live[kept].argmax(2) == whole[kept].argmax(2)).all()
    assert not live[[1, 4]].any()  # never read by Stanza's windowing loop


def test_plain_reassembly_builds_the_same_document() -> None:
    from stanza.models.common.doc import Document
    from stanza.models.tokenization.utils import reassemble_doc_from_tokens

    text = "Lavrov's aide can't say.\n\nIt  ended at 9 p.m. on Friday."
    tokens = [["Lavrov's", "aide", "ca", "n't", "say", "."],
              ["It", "ended", "at", "9", "p.m.", "on", "Friday", "."]]
    mwts = [[True, False, False, False, False, False], [False] * 8]
    plain = [[None] * len(sentence) for sentence in tokens]
    ours = inference._reassembled(tokens, mwts, plain, text)
    theirs = reassemble_doc_from_tokens(tokens, mwts, plain, text)
    assert Document(ours, text).to_dict() == Document(theirs, text).to_dict()
    expanded = [[None, None, None, None, None, None], [None] * 7 + ["."]]
    assert inference._reassembled(tokens, mwts, expanded, text,
                                  stock=reassemble_doc_from_tokens) == (
        reassemble_doc_from_tokens(tokens, mwts, expanded, text))


def test_arc_labels_are_the_argmax_of_stanzas_label_scores() -> None:
    parser = load_pipeline(ParserConfig(threads=1).previous_release()).processors[
        "depparse"].trainer.model.eval()  # no dropout
    labels = inference.ArcLabels(parser.deprel)
    rng = np.random.default_rng(11)
    states = torch.from_numpy(rng.normal(size=(3, 9, parser.deprel.W1.in_features))
                              .astype(np.float32))
    trees = [np.array([0, 2, 0, 2, 3, 3, 5, 2, 7]), np.array([0, 0, 1]),
             np.array([0, 3, 3, 0, 3, 4])]
    with torch.inference_mode():
        full = parser.deprel(states, states)  # batch x dependent x head x label
        got = labels(parser.deprel, states, trees)
    want = [int(full[k, d, tree[d]].argmax()) for k, tree in enumerate(trees)
            for d in range(1, len(tree))]
    assert got.tolist() == want


def test_entity_tags_are_stanzas_without_the_crf_loss_characters_read_once_or_spans(
) -> None:
    from quotetrack.parse import parse

    text = ("Russian Foreign Minister Sergei Lavrov met Antony Blinken in Geneva on Friday, "
            "the State Department said. Lavrov told RIA Novosti the talks were useful.\n\n"
            "Yury Ushakov, a Kremlin adviser, said Moscow would reply in writing.")
    fast = parse(text, ParserConfig(threads=1))
    plain = parse(text, ParserConfig(threads=1).previous_release())
    assert [t.ner for t in fast.tokens] == [t.ner for t in plain.tokens]
    assert any(t.ner != "O" for t in fast.tokens)
    from stanza.models.common.crf import CRFLoss
    from stanza.models.ner.data import DataLoader
    from stanza.pipeline.ner_processor import NERProcessor

    stock = (CRFLoss.forward, DataLoader.preprocess, NERProcessor.process)
    with inference.crf_without_loss(), inference.ner_chars_once(), inference.ner_tags_only():
        assert all(now != then for now, then in zip(
            (CRFLoss.forward, DataLoader.preprocess, NERProcessor.process), stock, strict=True))
    assert (CRFLoss.forward, DataLoader.preprocess, NERProcessor.process) == stock


def test_tags_only_entity_processor_writes_stanzas_tags_and_no_spans() -> None:
    import stanza

    pipeline = load_pipeline(ParserConfig(models="compact"))
    text = ("Sergei Lavrov told RIA Novosti in Moscow that the White House had not "
            "replied.\n\nYury Ushakov said the talks would go on.")
    with torch.inference_mode():
        stock = pipeline(stanza.Document([], text=text))
        with inference.ner_tags_only():
            mine = pipeline(stanza.Document([], text=text))
    assert [t.ner for t in mine.iter_tokens()] == [t.ner for t in stock.iter_tokens()]
    assert len(stock.ents) >= 3 and mine.ents == []
