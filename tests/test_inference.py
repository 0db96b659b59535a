"""The inference speed-ups: the same trees as Stanza's decoder, int8 only where chosen,
and only on the pipeline they were applied to."""

from __future__ import annotations

import numpy as np
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
