"""Inference-time speed-ups for a loaded Stanza pipeline (CPU, one thread).

Each applies to one pipeline object only: other pipelines in the same process keep
Stanza's code paths (``benchmarks/parse_speed.py`` times both in one run).

* ``fast_decode(pipeline)``: the graph parser scores dependency labels only on the
  arcs of the decoded tree, not on every (dependent, head) pair (the bilinear
  weight applied once per distinct head, then one sparse product gives each
  dependent the scores of its own head's block), and decodes the
  tree with the same Chu-Liu-Edmonds contractions as Stanza but takes the best
  heads straight away when they already form a tree with one root word.  Heads and
  labels are unchanged (label scores are summed in another order: float rounding).
* ``tune_batches(pipeline)``: batch sizes for news.  The tokenizer reads a batch of
  paragraphs in windows of 1,000 characters until its longest paragraph ends, so
  one long paragraph makes its whole batch run again; smaller batches waste less.
  The tokens are unchanged.
* ``without_optimizers()``: while a pipeline is built, Stanza's trainers get no
  optimizer (they build one even to parse, and the first import of
  ``torch._dynamo`` that this takes is a third of the load time).
* ``unique_words(pipeline)``: the character models of the tagger, the parser and
  the entity tagger read each distinct spelling of a batch once (a word's
  character representation depends on its characters alone; about half the words
  of a news batch repeat one before them), then copy it to every occurrence; each
  model also remembers the representations of the first ``SPELLINGS_KEPT``
  spellings it reads, so a word seen in an earlier batch is not read again
  (``forget_spellings(pipeline)`` clears them, for a cold-start benchmark).
* ``remember_ids(pipeline)``: each vocabulary of the pipeline's models looks a unit
  (a character, a word, a tag) up once and then remembers its id; Stanza
  normalises and looks it up again for every occurrence.
* ``fast_tensors()``: while it lasts, the data loaders of the tagger, the parser and
  the entity tagger build their padded id tensors in one step (numpy) instead of
  one torch copy per word; the same tensors.
* ``batched_viterbi()``: while it lasts, the entity tagger's Viterbi decoding runs
  its forward pass once over the whole batch of sentences instead of once per
  sentence (the same additions and maxima, so the same tags).
* ``live_rows(pipeline)``: the tokenizer reads a paragraph longer than its window
  in several passes, and every pass ran the whole batch, paragraphs already read
  to their end included (all padding, their output thrown away); now only the
  rows with text left run (each row's LSTM reads its own row only: same tokens).
* ``plain_reassembly()``: while it lasts, the tokenizer's post-processor (the
  repairs of ``tokenizer_repairs``) hands back its words as plain dicts when it
  expands no multi-word token, instead of building a Stanza ``Document`` only to
  turn it back into dicts; the tokenize processor builds the one ``Document``
  from them (the same words, offsets and spaces).
* ``ner_tags_only()``: while it lasts, the entity processor writes the tags only,
  not Stanza's per-model copies of them nor its entity spans (built twice).
* ``quantize(pipeline)``: dynamic int8 quantisation (``torch.ao``) of chosen
  ``nn.LSTM`` and ``nn.Linear`` layers (``QUANTIZED``).  Weights become int8 with
  one scale per layer; activations are quantised on the fly.  This changes scores
  slightly: the model card reports the end-to-end effect.

Nothing here touches the model files on disk.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from types import MethodType
from typing import Any, cast

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

# The layers made int8, by processor (name prefixes inside the model; "" is all of
# it), chosen layer by layer by agreement with float32 on EWT dev, then checked end
# to end on EWT test (UPOS 94.29 -> 94.29, LAS 81.55 -> 81.61).  Kept float32: the
# first LSTM layer of the tagger and of the parser, the tagger's first highway layer
# and its character projection.  Each reads the concatenated word, tag and character
# embeddings, whose range one int8 scale per batch covers badly: as int8 the tagger's
# change about one tag in a hundred, and the parser's first layer costs 0.18 LAS.
QUANTIZED: dict[str, tuple[str, ...]] = {
    "pos": ("charmodel.charlstm", "taggerlstm.lstm.1", "taggerlstm.highway.1",
            "taggerlstm.gate.1", "upos_hid", "upos_clf", "tag_clf"),
    "depparse": ("charmodel", "trans_char", "parserlstm.lstm.1", "parserlstm.highway",
                 "parserlstm.gate", "unlabeled", "deprel", "linearization", "distance",
                 "arc_labels.by_head"),
    "ner": ("",),
}
# Paragraphs per tokenizer batch (the compact model was saved with 32): on 20 PolNeAR
# dev articles 16 took 2.1 s against 3.0 s for 32 and 2.7 s for 1.
TOKENIZER_BATCH = 16


_PATCHING = threading.RLock()  # stanza functions swapped while it is held


@contextmanager
def _swapped(*swaps: tuple[Any, str, Any]) -> Iterator[None]:
    """Within, each ``(module, name, value)`` has ``module.name = value``; the old
    values come back after.  Process-wide while it lasts, under ``_PATCHING``."""
    with _PATCHING:
        saved = [(module, name, getattr(module, name)) for module, name, _ in swaps]
        for module, name, value in swaps:
            setattr(module, name, value)
        try:
            yield
        finally:
            for module, name, value in saved:
                setattr(module, name, value)


def without_optimizers() -> AbstractContextManager[None]:
    """Within, Stanza's optimizer factories build nothing (None, or no split ones):
    for building a pipeline that only parses (an inference trainer never steps)."""
    from stanza.models.common import utils

    return _swapped((utils, "get_optimizer", lambda *args, **kwargs: None),
                    (utils, "get_split_optimizer", lambda *args, **kwargs: {}))


def fast_decode(pipeline: Any) -> None:
    """Give the pipeline's graph parser the arc-only label scorer (see module doc).

    A pipeline without a depparse processor, or whose parser is not a plain graph
    parser (arc embeddings, a transition parser), is left as it is.
    """
    processor = pipeline.processors.get("depparse")
    model = getattr(getattr(processor, "trainer", None), "model", None)
    if model is None or type(model).__name__ != "GraphParser":
        return
    if model.args.get("use_arc_embedding"):
        return
    model.arc_labels = ArcLabels(model.deprel)
    model.predict = MethodType(_make_predict(model.predict), model)


def tune_batches(pipeline: Any, tokenizer_paragraphs: int = TOKENIZER_BATCH) -> None:
    """Set the tokenizer's batch (paragraphs per batch; Stanza reads it from the
    model's own arguments, not from the pipeline options)."""
    processor = pipeline.processors.get("tokenize")
    trainer = getattr(processor, "trainer", None)
    if trainer is not None:
        trainer.args["batch_size"] = tokenizer_paragraphs


def cache_feature_names(pipeline: Any) -> None:
    """Let the tagger's feature vocabulary keep the names it has spelt out.

    Stanza spells each word's predicted features (``Number=Sing|Person=3``) from
    their ids again for every word, padding included; the same few hundred
    combinations recur, so each is spelt once (same strings)."""
    processor = pipeline.processors.get("pos")
    vocab = getattr(getattr(processor, "trainer", None), "vocab", None)
    feats = vocab["feats"] if vocab is not None and "feats" in vocab else None
    if feats is None or not hasattr(feats, "keyed"):
        return
    spell = feats.id2unit
    names: dict[tuple[int, ...], Any] = {}

    def unmap(ids: list[list[int]]) -> list[Any]:
        out = []
        for one in ids:
            key = tuple(one)
            name = names.get(key)
            if name is None:
                name = names[key] = spell(one)
            out.append(name)
        return out

    feats.unmap = unmap


CHARACTER_MODELS = ("pos", "depparse", "ner")


def unique_words(pipeline: Any) -> int:
    """Give the character models of ``CHARACTER_MODELS`` the read-once forward (see
    module doc); returns how many were changed (models without one are left)."""
    from stanza.models.common.char_model import CharacterModel

    changed = 0
    for name in CHARACTER_MODELS:
        model = getattr(getattr(pipeline.processors.get(name), "trainer", None), "model", None)
        charmodel: Any = getattr(model, "charmodel", None)
        if type(charmodel) is CharacterModel:
            charmodel.forward = MethodType(_forward_once_per_spelling, charmodel)
            changed += 1
    return changed


# Character representations each model keeps across batches (the first spellings it
# reads, which in news are mostly the frequent words): at most 16 MB for the tagger's,
# 8 MB for the parser's and 13 MB for the entity tagger's (40 news articles: 7,000).
SPELLINGS_KEPT = 20_000
_MEMORY = "quotetrack_spellings"


def forget_spellings(pipeline: Any) -> None:
    """Clear the character representations the pipeline's models remember."""
    for name in CHARACTER_MODELS:
        model = getattr(getattr(pipeline.processors.get(name), "trainer", None), "model", None)
        charmodel = getattr(model, "charmodel", None)
        if charmodel is not None:
            charmodel.__dict__.pop(_MEMORY, None)


def _forward_once_per_spelling(model: Any, chars: torch.Tensor, chars_mask: torch.Tensor,
                               word_orig_idx: list[int], sentlens: list[int],
                               wordlens: list[int]) -> Any:
    """Stanza's ``CharacterModel.forward`` with each distinct row of ``chars`` (one
    word's character ids, padded) run through the LSTM once, and not at all when an
    earlier batch read the same spelling (``_remembered_reps``)."""
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

    rows, inverse = torch.unique(chars, dim=0, return_inverse=True)
    lengths = torch.zeros(rows.size(0), dtype=torch.long)
    lengths[inverse] = torch.as_tensor(wordlens, dtype=torch.long)
    reps = _remembered_reps(model, rows, lengths)
    res = tensor_unsort(reps[inverse], word_orig_idx)
    packed = pack_sequence(res.split(sentlens))
    return pad_packed_sequence(packed, batch_first=True)[0] if model.pad else packed


def _remembered_reps(model: Any, rows: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """One representation per row of ``rows`` (distinct spellings, padded, their
    lengths in ``lengths``): the model's memory where it holds the spelling, else
    ``_character_reps``, whose new rows it then remembers while it has room."""
    memory: dict[bytes, torch.Tensor] = model.__dict__.setdefault(_MEMORY, {})
    ids = rows.numpy()
    keys = [ids[i, :n].tobytes() for i, n in enumerate(lengths.tolist())]
    new = [i for i, key in enumerate(keys) if key not in memory]
    known = [i for i, key in enumerate(keys) if key in memory]
    if not known:
        fresh = out = _reps_in_length_order(model, rows, lengths)
    else:
        stacked = torch.stack([memory[keys[i]] for i in known])
        out = stacked.new_empty(len(keys), stacked.size(1))
        out[known] = stacked
        if not new:
            return out
        index = torch.as_tensor(new)
        fresh = _reps_in_length_order(model, rows[index], lengths[index])
        out[index] = fresh
    room = SPELLINGS_KEPT - len(memory)
    if room > 0:
        for i, rep in zip(new[:room], fresh[:room].clone().unbind(0), strict=True):
            memory[keys[i]] = rep
    return out


def _reps_in_length_order(model: Any, rows: torch.Tensor, lengths: torch.Tensor
                          ) -> torch.Tensor:
    """``_character_reps`` of ``rows`` in their own order (run by decreasing length)."""
    order = torch.argsort(lengths, descending=True, stable=True)
    reps = _character_reps(model, rows[order], lengths[order].tolist())
    place = torch.empty_like(order)
    place[order] = torch.arange(order.numel())
    return reps[place]


def _character_reps(model: Any, chars: torch.Tensor, wordlens: list[int]) -> torch.Tensor:
    """One representation per row of ``chars`` (rows by decreasing ``wordlens``): the
    per-word part of Stanza's ``CharacterModel.forward``, unchanged."""
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

    embs = model.dropout(model.char_emb(chars))
    count, layers = embs.size(0), model.num_dir * model.args["char_num_layers"]
    hidden = model.args["char_hidden_dim"]
    output = model.charlstm(
        pack_padded_sequence(embs, wordlens, batch_first=True), wordlens,
        hx=(model.charlstm_h_init.expand(layers, count, hidden).contiguous(),
            model.charlstm_c_init.expand(layers, count, hidden).contiguous()))
    if not model.attn:
        h = output[1][0]
        finals: torch.Tensor = h[-2:].transpose(0, 1).contiguous().view(count, -1)
        return finals
    reps = output[0]
    weights = torch.sigmoid(model.char_attn(model.dropout(reps.data)))
    padded, _ = pad_packed_sequence(PackedSequence(reps.data * weights, reps.batch_sizes),
                                    batch_first=True)
    summed: torch.Tensor = padded.sum(1)
    return summed


TENSOR_USERS = ("stanza.models.pos.data", "stanza.models.depparse.data",
                "stanza.models.ner.data", "stanza.models.ner.model")


_PAD = "<PAD>"


def live_rows(pipeline: Any) -> bool:
    """Give the tokenizer's trainer the live-rows ``predict`` (see module doc);
    False where the pipeline has no tokenizer trainer."""
    trainer = getattr(pipeline.processors.get("tokenize"), "trainer", None)
    if trainer is None or not hasattr(trainer, "predict"):
        return False
    trainer.predict = MethodType(_make_live_rows(trainer.predict), trainer)
    return True


def _make_live_rows(stock: Callable[[Any], np.ndarray]) -> Callable[[Any, Any], np.ndarray]:
    def predict(self: Any, inputs: Any) -> np.ndarray:
        units, labels, features, text = inputs
        live = [j for j, row in enumerate(text) if row and row[0] != _PAD]
        if not live or len(live) == len(text):
            return stock(inputs)
        rows = torch.tensor(live)
        part = stock((units[rows], labels, features[rows], [text[j] for j in live]))
        out = np.zeros((len(text), *part.shape[1:]), dtype=part.dtype)
        out[live] = part  # rows read to their end: never looked at by the caller
        return out

    return predict


def plain_reassembly() -> AbstractContextManager[None]:
    """Within, the tokenizer's ``reassemble_doc_from_tokens`` returns the word dicts
    it builds when no multi-word expansion is given (see module doc)."""
    from stanza.models.tokenization import utils

    return _swapped((utils, "reassemble_doc_from_tokens", partial(
        _reassembled, stock=utils.reassemble_doc_from_tokens)))


def _reassembled(tokens: list[list[str]], mwts: list[list[bool]],
                 expansions: list[list[Any]], raw_text: str,
                 stock: Callable[..., Any] | None = None) -> list[list[dict[str, Any]]]:
    """Stanza's reassembly of post-processed words into word dicts with offsets,
    without its ``Document`` round trip; with expansions, Stanza's own."""
    if any(e for sentence in expansions for e in sentence):
        assert stock is not None
        return cast(list[list[dict[str, Any]]], stock(tokens, mwts, expansions, raw_text))
    doc = []
    offset = 0
    for sentence, flags in zip(tokens, mwts, strict=True):
        words = []
        for n, (word, mwt) in enumerate(zip(sentence, flags, strict=True), 1):
            start = raw_text.index(word, offset)
            offset = start + len(word)
            wd: dict[str, Any] = {"id": (n,), "text": word, "start_char": start,
                                  "end_char": offset}
            if mwt:
                wd["misc"] = "MWT=Yes"
            words.append(wd)
        doc.append(words)
    return doc


def fast_tensors() -> AbstractContextManager[None]:
    """Within, ``padded_ids`` stands in for Stanza's ``get_long_tensor`` in the
    modules of ``TENSOR_USERS`` (see ``_swapped``)."""
    import importlib

    from stanza.models.common.data import get_long_tensor

    fast = partial(padded_ids, stock=get_long_tensor)
    return _swapped(*((importlib.import_module(name), "get_long_tensor", fast)
                      for name in TENSOR_USERS))


def padded_ids(tokens_list: list[Any], batch_size: int, pad_id: int = 0,
               stock: Callable[..., torch.Tensor] | None = None) -> torch.Tensor:
    """Stanza's ``get_long_tensor`` for a list of id lists (a ``batch_size`` x longest
    tensor, ``pad_id`` after each list); deeper nesting goes to ``stock``."""
    if not tokens_list or any(not isinstance(ids, list) or (ids and isinstance(ids[0], list))
                              for ids in tokens_list):
        assert stock is not None
        return stock(tokens_list, batch_size, pad_id)
    lengths = np.fromiter(map(len, tokens_list), dtype=np.int64, count=len(tokens_list))
    out = np.full((batch_size, int(lengths.max())), pad_id, dtype=np.int64)
    out[: len(tokens_list)][np.arange(out.shape[1]) < lengths[:, None]] = np.fromiter(
        (i for ids in tokens_list for i in ids), dtype=np.int64, count=int(lengths.sum()))
    return torch.from_numpy(out)


def batched_viterbi() -> AbstractContextManager[None]:
    """Within, ``BatchViterbi`` stands in for Stanza's ``viterbi_decode`` in the entity
    tagger's trainer (see ``_swapped``)."""
    from stanza.models.ner import trainer

    return _swapped((trainer, "viterbi_decode", BatchViterbi(trainer.viterbi_decode)))


def ner_chars_once() -> AbstractContextManager[None]:
    """Within, the entity tagger's data loader looks up the character ids of each
    distinct spelling, and the id of each distinct placeholder tag, once per batch of
    documents (Stanza maps every word's characters and tag anew); the ids are the same."""
    from stanza.models.ner.data import DataLoader

    def preprocess(self: Any, data: list[Any], vocab: Any, args: dict[str, Any]
                   ) -> list[Any]:
        lower = bool(args.get("char_lowercase", False))
        chars: dict[str, list[int]] = {}
        tags: dict[Any, Any] = {}
        out = []
        for sent in data:
            ids = []
            for w in sent:
                if w[0] not in chars:
                    chars[w[0]] = vocab["char"].map(list(w[0].lower() if lower else w[0]))
                if w[1] not in tags:
                    tags[w[1]] = vocab["tag"].map([w[1]])[0]
                ids.append(list(chars[w[0]]))
            out.append([[w[0] for w in sent], ids, [tags[w[1]] for w in sent]])
        return out

    return _swapped((DataLoader, "preprocess", preprocess))


def ner_tags_only() -> AbstractContextManager[None]:
    """Within, an entity processor with one model writes each token's tag and nothing
    else: Stanza also copies the tags to every token's per-model list and builds the
    entity spans twice over, which the project does not read (``Token.ner`` is built
    from the tags alone).  The tags are Stanza's; documents parsed within have no
    ``ents``."""
    from stanza.models.common import doc as stanza_doc
    from stanza.models.ner.data import DataLoader
    from stanza.pipeline.ner_processor import NERProcessor

    stock = NERProcessor.process

    def process(self: Any, document: Any) -> Any:
        if len(self.trainers) != 1:
            return stock(self, document)
        trainer, config = self.trainers[0], self.configs[0]
        batches = DataLoader(document, config["batch_size"], config, vocab=trainer.vocab,
                             evaluation=True, preprocess_tags=False,
                             bert_tokenizer=trainer.model.bert_tokenizer)
        tags = [tag for batch in batches for sent in trainer.predict(batch) for tag in sent]
        batches.doc.set([stanza_doc.NER], tags, to_token=True)
        return batches.doc

    return _swapped((NERProcessor, "process", process),
                    (stanza_doc.Document, "build_ents", lambda self: []))


def crf_without_loss() -> AbstractContextManager[None]:
    """Within, the entity tagger's CRF gives its transition matrix and a zero loss:
    ``predict`` reads only the transitions, and the loss (a pass over every tag
    sequence for the partition function) is for training; the tags are unchanged."""
    from stanza.models.common.crf import CRFLoss

    def forward(self: Any, inputs: torch.Tensor, masks: Any, tag_indices: Any
                ) -> tuple[torch.Tensor, Any]:
        return inputs.new_zeros(()), self._transitions

    return _swapped((CRFLoss, "forward", forward))


class BatchViterbi:
    """Stanza's ``viterbi_decode(scores, transitions)`` for ``scores`` that are one row
    of a batch of emission scores (``logits[i, :length]``, a view of ``logits``): the
    trellis and back-pointers of every row are computed in one pass over the batch on
    the first call, and each call only traces its row back from its own length.  A
    prefix of the trellis does not depend on the positions after it, so the tags and
    the score are those of the per-sentence decoder; any other ``scores`` go to it."""

    def __init__(self, stock: Callable[..., Any]) -> None:
        self.stock = stock
        self.batch: np.ndarray | None = None
        self.transitions: np.ndarray | None = None
        self.trellis = np.zeros(0)
        self.pointers = np.zeros(0, dtype=np.int32)

    def __call__(self, scores: np.ndarray, transitions: np.ndarray) -> tuple[list[Any], Any]:
        batch = scores.base
        row = self._row(scores, batch)
        if row is None or len(scores) == 0:
            return cast(tuple[list[Any], Any], self.stock(scores, transitions))
        if batch is not self.batch or transitions is not self.transitions:
            self._forward(cast(np.ndarray, batch), transitions)
        trellis, pointers = self.trellis[row], self.pointers[row]
        last = len(scores) - 1
        path = [np.argmax(trellis[last])]
        for back in reversed(pointers[1:last + 1]):
            path.append(back[path[-1]])
        path.reverse()
        return path, np.max(trellis[last])

    @staticmethod
    def _row(scores: np.ndarray, batch: Any) -> int | None:
        """Which row of ``batch`` the view ``scores`` starts, or None."""
        if not isinstance(batch, np.ndarray) or batch.ndim != 3 or scores.ndim != 2 or (
                batch.dtype != scores.dtype or scores.shape[1] != batch.shape[2]):
            return None
        offset = scores.__array_interface__["data"][0] - batch.__array_interface__["data"][0]
        row, rest = divmod(offset, batch.strides[0])
        if rest or not 0 <= row < batch.shape[0] or scores.strides != batch.strides[1:]:
            return None
        return int(row)

    def _forward(self, batch: np.ndarray, transitions: np.ndarray) -> None:
        trellis = np.zeros_like(batch)
        pointers = np.zeros_like(batch, dtype=np.int32)
        trellis[:, 0] = batch[:, 0]
        for t in range(1, batch.shape[1]):
            v = trellis[:, t - 1, :, None] + transitions
            best = np.argmax(v, 1)  # the maximum read at its argmax: one pass, not two
            trellis[:, t] = batch[:, t] + np.take_along_axis(v, best[:, None, :], 1)[:, 0]
            pointers[:, t] = best
        self.batch, self.transitions = batch, transitions
        self.trellis, self.pointers = trellis, pointers


REMEMBERED = 200_000  # units remembered per vocabulary; later ones are looked up as before


def remember_ids(pipeline: Any) -> int:
    """Give every plain vocabulary of the pipeline's models a memory of the ids it
    has looked up (see module doc); returns how many vocabularies were changed.
    Composite vocabularies (features), whose ids are lists, are left as they are."""
    from stanza.models.common.vocab import BaseVocab, CompositeVocab

    changed = 0
    for processor in pipeline.processors.values():
        vocab = getattr(getattr(processor, "trainer", None), "vocab", None)
        parts = getattr(vocab, "_vocabs", None) or {"": vocab}
        for one in parts.values():
            if isinstance(one, BaseVocab) and not isinstance(one, CompositeVocab):
                one.unit2id = _remembering(one.unit2id)
                changed += 1
    return changed


def _remembering(lookup: Callable[[Any], int]) -> Callable[[Any], int]:
    known: dict[Any, int] = {}

    def unit2id(unit: Any) -> int:
        found = known.get(unit)
        if found is None:
            found = lookup(unit)
            if len(known) < REMEMBERED and isinstance(unit, str):
                known[unit] = found
        return found

    return unit2id


def quantize(pipeline: Any, layers: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Swap the ``nn.LSTM`` and ``nn.Linear`` layers named by ``layers`` (default
    ``QUANTIZED``) for dynamic int8 versions, in place; ``False`` (the layers left
    float32, or some of them) where this torch cannot: ``torch.ao`` quantisation is
    deprecated upstream, and its deprecation warnings are not shown to users."""
    import warnings

    try:
        from torch.ao import quantization

        quantize_dynamic = cast(Callable[..., Any], quantization.quantize_dynamic)
        qconfig = quantization.default_dynamic_qconfig
        for name, prefixes in (QUANTIZED if layers is None else layers).items():
            processor = pipeline.processors.get(name)
            model = getattr(getattr(processor, "trainer", None), "model", None)
            if model is None:
                continue
            chosen = {n: qconfig for n, m in model.named_modules()
                      if isinstance(m, nn.LSTM | nn.Linear) and n.startswith(prefixes)}
            model.eval()
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", module=r"torch\.ao\.")
                warnings.filterwarnings("ignore", message=r"torch\.ao\.quantization")
                quantize_dynamic(model, chosen, dtype=torch.qint8, inplace=True)
    except (ImportError, AttributeError, RuntimeError, NotImplementedError):
        return False
    return True


def one_root_tree(scores: np.ndarray) -> np.ndarray | None:
    """The best head of every word, when those heads already make a tree with exactly
    one word on the root; ``None`` otherwise.

    ``scores[d, h]`` scores head ``h`` for dependent ``d``; row and column 0 are the
    root.  Stanza's ``chuliu_edmonds_one_root`` finds the best tree with one root
    word (it lowers every root arc by the same large amount); a tree that is best
    among all trees and has one root word is that tree.
    """
    work = np.array(scores, dtype=np.float64)
    np.fill_diagonal(work, -np.inf)
    tree = np.argmax(work, axis=1)
    tree[0] = 0
    if int(np.count_nonzero(tree[1:] == 0)) != 1:
        return None
    return tree if find_cycle(tree.tolist()) is None else None


def best_tree(scores: np.ndarray) -> np.ndarray:
    """The best dependency tree with one root word: what Stanza's
    ``chuliu_edmonds_one_root`` returns (the same contraction steps), with a
    cycle finder that walks heads instead of Tarjan's recursion over every node."""
    tree = one_root_tree(scores)
    if tree is not None:
        return tree
    from stanza.models.common.chuliu_edmonds import expand_contracted_tree, process_cycle

    work = np.array(scores, dtype=np.float64)
    work[:, 0] += work[np.isfinite(work)].min() * work.shape[0]
    stack = []
    while True:
        np.fill_diagonal(work, -np.inf)
        work[0] = -np.inf
        work[0, 0] = 0
        tree = np.argmax(work, axis=1)
        cycle = find_cycle(tree.tolist())
        if cycle is None:
            break
        mask = np.zeros(len(tree), dtype=bool)
        mask[cycle] = True
        sub, *parts = process_cycle(tree, mask, work)
        stack.append((tree, parts))
        work = sub
    while stack:
        outer, parts = stack.pop()
        tree = np.asarray(expand_contracted_tree(outer, tree, *parts))
    return tree


def find_cycle(heads: list[int]) -> list[int] | None:
    """The nodes of one cycle in ``heads`` (``heads[0] == 0`` is the root), or ``None``."""
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 done
    state[0] = 2
    for start in range(1, len(heads)):
        path = []
        node = start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        if state[node] == 1:
            return path[path.index(node):]
        for n in path:
            state[n] = 2
    return None


def _make_predict(stock: Any) -> Any:
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    def predict(self: Any, *inputs: Any, resolve_head_constraints: bool = False) -> Any:
        if resolve_head_constraints or self.training:
            return stock(*inputs, resolve_head_constraints=resolve_head_constraints)
        word, sentlens = inputs[0], inputs[12]
        states = self.embed(*inputs)
        arcs = F.log_softmax(_arc_scores(self, word, states), 2).cpu().numpy()
        trees = [best_tree(arcs[i][:length, :length]) for i, length in enumerate(sentlens)]
        labels = self.arc_labels(self.deprel, states, trees) + VOCAB_PREFIX_SIZE
        out, start = [], 0
        for tree in trees:
            heads = tree[1:]
            names = self.vocab["deprel"].unmap(labels[start:start + len(heads)].tolist())
            out.append([[h, r] for h, r in zip(heads, names, strict=True)])
            start += len(heads)
        return out

    return predict


def _arc_scores(model: Any, word: torch.Tensor, states: torch.Tensor) -> torch.Tensor:
    """Stanza's unlabeled arc scores, as ``GraphParser.forward_scores`` computes them."""
    scores: torch.Tensor = model.unlabeled(states, states).squeeze(3)
    size = word.size(1)
    offset = (torch.arange(size).view(1, 1, -1).expand(word.size(0), -1, -1)
              - torch.arange(size).view(1, -1, 1).expand(word.size(0), -1, -1))
    if model.args["linearization"]:
        lin = model.linearization(states, states).squeeze(3)
        scores += F.logsigmoid(lin * torch.sign(offset).float())
    if model.args["distance"]:
        dist = 1 + F.softplus(model.distance(states, states).squeeze(3))
        scores += -torch.log((torch.abs(offset).float() - dist) ** 2 / 2 + 1)
    diag = torch.eye(size, dtype=torch.bool).unsqueeze(0)
    return scores.masked_fill_(diag, -float("inf"))


class ArcLabels(nn.Module):
    """The parser's label scorer (``deprel``) for given arcs only.

    ``by_head`` is Stanza's bilinear weight (dependent dim I, head dim J, labels O)
    as one linear layer from a head's J features to I x O: it is applied once per
    distinct head (a head has many dependents), then each dependent's I features
    pick their label scores from their head's I x O block.
    """

    def __init__(self, scorer: Any) -> None:
        super().__init__()
        weight = scorer.scorer.W_bilin.weight.detach()
        self.size_i, size_j, self.size_o = weight.shape
        self.by_head = nn.Linear(size_j, self.size_i * self.size_o, bias=False)
        flat = weight.permute(1, 0, 2).reshape(size_j, self.size_i * self.size_o)
        self.by_head.weight = nn.Parameter(flat.t().contiguous(), requires_grad=False)

    def forward(self, scorer: Any, states: torch.Tensor, trees: list[np.ndarray]) -> np.ndarray:
        """The best label (raw id) of each tree arc, dependents in order, sentence by
        sentence, by ``scorer`` (the parser's ``deprel``, whose weight this holds);
        ``trees[k][d]`` is the head of word ``d`` of sentence ``k``."""
        rows = np.concatenate([np.full(len(t) - 1, i) for i, t in enumerate(trees)])
        deps = np.concatenate([np.arange(1, len(t)) for t in trees])
        heads = np.concatenate([t[1:] for t in trees])
        width = states.size(1)
        distinct, which = np.unique(rows * width + heads, return_inverse=True)
        flat = states.reshape(-1, states.size(2))
        dep = scorer.hidden_func(scorer.W1(flat[rows * width + deps]))
        head = scorer.hidden_func(scorer.W2(flat[distinct]))
        dep = torch.cat([dep, dep.new_ones(dep.size(0), 1)], 1)
        head = torch.cat([head, head.new_ones(head.size(0), 1)], 1)
        blocks = self.by_head(head).view(-1, self.size_o)  # (heads x I) x O
        scores = _by_block(dep, torch.from_numpy(which), self.size_i, len(distinct)) @ blocks
        return np.asarray((scores + scorer.scorer.W_bilin.bias).argmax(1).numpy())


def _by_block(dep: torch.Tensor, which: torch.Tensor, size: int, heads: int) -> torch.Tensor:
    """A sparse (dependents x heads*I) matrix whose row ``d`` holds ``dep[d]`` in the
    columns of block ``which[d]``: times the stacked head blocks it gives each
    dependent's row of its own head's block, without copying a block per dependent."""
    rows = dep.size(0)
    crow = torch.arange(0, rows * size + 1, size)
    cols = (which[:, None] * size + torch.arange(size)).reshape(-1)
    with warnings.catch_warnings():  # "Sparse CSR tensor support is in beta state"
        warnings.simplefilter("ignore", UserWarning)
        return torch.sparse_csr_tensor(crow, cols, dep.reshape(-1), check_invariants=False,
                                       size=(rows, heads * size))


def processor_clock(pipeline: Any) -> dict[str, float]:
    """CPU seconds spent in each processor of ``pipeline`` from now on (a live dict,
    one entry per processor; the same dict on later calls).  For benchmarks."""
    import time

    clock: dict[str, float] | None = getattr(pipeline, "quotetrack_clock", None)
    if clock is not None:
        return clock
    clock = {name: 0.0 for name in pipeline.processors}
    for name, processor in pipeline.processors.items():
        def timed(docs: Any, _run: Any = processor.bulk_process, _name: str = name) -> Any:
            started = time.process_time()
            try:
                return _run(docs)
            finally:
                clock[_name] += time.process_time() - started

        processor.bulk_process = timed
    pipeline.quotetrack_clock = clock
    return clock

