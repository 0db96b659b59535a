"""The Stanza boundary: raw text -> ``ParsedDoc`` records.  Nothing else outside
``quotetrack/models`` (training, scoring, inference speed-ups) imports stanza.

The default models are the compact English models shipped inside the package
(``quotetrack/models/compact-en``), loaded with ``download_method=None``: parsing
never touches the network.  ``models="official"`` (or ``QUOTETRACK_MODELS=official``)
opts into Stanza's downloadable English package; any other value is a directory
holding the five compact model files (and, optionally, the NER model: without it
every token's ``ner`` tag is ``O``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from quotetrack import packaged
from quotetrack.errors import ModelUnavailable
from quotetrack.models import COMPACT
from quotetrack.models.tokenizer_repairs import REPAIRS, repair_tokenizer
from quotetrack.paragraphs import paragraph_spans, plain_text
from quotetrack.records import ParsedDoc, Sentence, Token

COMPACT_DIR = packaged.path("quotetrack.models", COMPACT)
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
MODEL_FILES = {
    "tokenize": "en_ewt_nocharlm_tokenizer.pt",
    "mwt": "en_ewt_mwt_expander.pt",
    "pos": "en_ewt_nopretrain_tagger.pt",
    "lemma": "en_ewt_nocharlm_lemmatizer.pt",
    "depparse": "en_ewt_nopretrain_parser.pt",
}
NER_FILE = "en_compact_nertagger.pt"
# GloVe 6B word vectors (PDDL 1.0) that the tagger, parser and NER share, where the
# models were trained with them (``quotetrack.models.word_vectors``), stored float16.
VECTORS_FILE = "en_glove100_pretrain.pt"
# NER without word vectors or a charlm: Stanza must be told there are none.
_NO_NER_EXTRAS = {"ner_pretrain_path": "", "ner_forward_charlm_path": "",
                  "ner_backward_charlm_path": ""}


@dataclass(frozen=True, slots=True)
class ParserConfig:
    """Which models, how many torch threads, how many documents per Stanza batch, and
    which inference speed-ups (``quotetrack/models/inference.py``).

    ``fast``: label scoring on the decoded arcs only, the spanning tree taken straight
    from the best heads when they form one, tokenizer batches sized for news, feature
    names spelt once, torch inference mode, and no garbage collection pauses inside a
    batch; the parse is the same.  ``quantize`` (off by default): int8 LSTM and linear
    layers in the tagger, parser and NER models, faster still with the same accuracy
    (model card), but dynamic int8 scales each batch by its own range, so an article's
    parse then depends on the articles batched with it (``QUOTETRACK_PARSE_INT8=1``).
    ``previous_release()`` turns both off: plain Stanza, as the release before.
    """

    models: str = "compact"
    threads: int = 1
    batch_docs: int = 16
    cache: str | None = None  # a folder of parses kept by text and model (development)
    ner: bool = True  # run the NER model when the model folder has one
    fast: bool = True
    quantize: bool = False

    @staticmethod
    def from_env(models: str | None = None, threads: int | None = None) -> ParserConfig:
        """Options override ``QUOTETRACK_MODELS`` / ``QUOTETRACK_THREADS``;
        ``QUOTETRACK_PARSE_INT8=1`` adds int8 layers, ``QUOTETRACK_PARSE_SPEEDUPS=0``
        gives the previous release's settings."""
        env_threads = os.environ.get("QUOTETRACK_THREADS")
        config = ParserConfig(
            models=models or os.environ.get("QUOTETRACK_MODELS") or "compact",
            threads=threads or int(env_threads or 1),
            cache=os.environ.get("QUOTETRACK_PARSE_CACHE") or None,
        )
        off = ("0", "no", "off", "false")
        if os.environ.get("QUOTETRACK_PARSE_INT8", "0").strip().lower() not in off:
            config = replace(config, quantize=True)
        plain = os.environ.get("QUOTETRACK_PARSE_SPEEDUPS", "1").strip().lower()
        return config.previous_release() if plain in off else config

    def previous_release(self) -> ParserConfig:
        """The same models and batches parsed as the previous release did (plain Stanza)."""
        return replace(self, fast=False, quantize=False)

    @property
    def label(self) -> str:
        """A short model name recorded with every stored article."""
        return "stanza-official-en" if self.models == "official" else (
            "compact-en" if self.models == "compact" else f"local:{Path(self.models).name}")


def _compact_kwargs(directory: Path, ner: bool = True) -> dict[str, Any]:
    missing = [f for f in MODEL_FILES.values() if not (directory / f).exists()]
    if missing:
        raise ModelUnavailable(f"no compact models in {directory} (missing {missing[0]});"
                               " reinstall quotetrack or train them with"
                               " python -m quotetrack.models.train")
    paths = {f"{p}_model_path": str(directory / f) for p, f in MODEL_FILES.items()}
    vectors = directory / VECTORS_FILE
    if vectors.exists():
        paths |= {"pos_pretrain_path": str(vectors), "depparse_pretrain_path": str(vectors)}
    processors = PROCESSORS
    if ner and (directory / NER_FILE).exists():
        paths |= {"ner_model_path": str(directory / NER_FILE), **_NO_NER_EXTRAS}
        if vectors.exists():
            paths["ner_pretrain_path"] = str(vectors)
        processors += ",ner"
    return {"lang": "en", "dir": str(directory), "allow_unknown_language": True,
            "download_method": None, "processors": processors, **paths}


def _official_kwargs() -> dict[str, Any]:
    from stanza.pipeline.core import DownloadMethod

    return {"lang": "en", "download_method": DownloadMethod.REUSE_RESOURCES,
            "processors": PROCESSORS + ",ner"}


@lru_cache(maxsize=4)
def load_pipeline(config: ParserConfig) -> Any:
    """Build (once per process and config) the Stanza pipeline; ModelUnavailable if not.

    A process that has loaded one exits without a last garbage collection: over the
    models and torch's modules it takes a noticeable part of a second, and frees
    nothing the exit does not.
    """
    import atexit
    import gc
    import logging

    import stanza
    import torch

    torch.set_num_threads(max(config.threads, 1))
    atexit.unregister(gc.freeze)  # once, however many pipelines
    atexit.register(gc.freeze)
    logging.getLogger("stanza").setLevel(logging.WARNING)
    if config.models == "official":
        kwargs = _official_kwargs()
    else:
        kwargs = _compact_kwargs(COMPACT_DIR if config.models == "compact"
                                 else Path(config.models), config.ner)
    from quotetrack.models.inference import without_optimizers

    try:
        with without_optimizers():
            pipeline = stanza.Pipeline(use_gpu=False, logging_level="ERROR", **kwargs)
    except Exception as exc:  # stanza raises many types for missing/offline models
        if config.models != "official":
            raise ModelUnavailable(f"cannot load models from {kwargs['dir']}: {exc}") from exc
        raise ModelUnavailable("Stanza's official English models are not available"
                               f" ({type(exc).__name__}; offline?); use the shipped compact"
                               " models: --models compact") from exc
    repair_tokenizer(pipeline)
    _float_vectors(pipeline)
    return _speed_up(pipeline, config)


def _float_vectors(pipeline: Any) -> None:
    """Word vectors stored float16 computed in float32, as the layers they feed."""
    import torch

    for processor in pipeline.processors.values():
        model = getattr(getattr(processor, "_trainer", None), "model", None)
        emb = getattr(model, "pretrained_emb", None)
        if emb is not None and emb.weight.dtype == torch.float16:
            emb.float()


def _speed_up(pipeline: Any, config: ParserConfig) -> Any:
    """``pipeline`` with the speed-ups ``config`` asks for (on this pipeline only)."""
    from quotetrack.models import inference

    if config.fast:
        inference.fast_decode(pipeline)
        inference.tune_batches(pipeline)
        inference.cache_feature_names(pipeline)
        inference.unique_words(pipeline)
        inference.remember_ids(pipeline)
        inference.live_rows(pipeline)
    if config.quantize:
        inference.quantize(pipeline)
    return pipeline


def _para_of(spans: tuple[tuple[int, int], ...], offset: int) -> int:
    for n, (_, end) in enumerate(spans):
        if offset < end:
            return n
    return max(len(spans) - 1, 0)


def iob2(tag: str | None) -> str:
    """Stanza's BIOES entity tag as IOB2 (``S-PER`` -> ``B-PER``, ``E-ORG`` -> ``I-ORG``)."""
    if not tag or tag == "O" or len(tag) < 3 or tag[1] != "-":
        return "O"
    return ("B-" if tag[0] in "BS" else "I-") + tag[2:]


def _sentence(text: str, raw: Any, index: int, first: int, para: int) -> Sentence:
    tokens: list[Token] = []
    for tok in raw.tokens:
        single = len(tok.words) == 1
        ner = iob2(getattr(tok, "ner", None))
        for k, w in enumerate(tok.words):
            surface = text[tok.start_char:tok.end_char] if single else w.text
            head = first + w.head - 1 if w.head else -1
            tokens.append(Token(
                i=first + len(tokens), sent=index, para=para, text=surface,
                lemma=w.lemma or surface, upos=w.upos or "X", xpos=w.xpos or "_",
                feats=w.feats or "_", head=head, deprel=w.deprel or "dep",
                start=tok.start_char, end=tok.end_char,
                ner=ner if k == 0 or ner == "O" else "I-" + ner[2:]))
    start, end = (tokens[0].start, tokens[-1].end) if tokens else (0, 0)
    return Sentence(index, para, start, end, first, tuple(tokens))


def to_parsed_doc(text: str, document: Any, model: str) -> ParsedDoc:
    """Convert a Stanza Document of ``text`` into the project's records."""
    paras = paragraph_spans(text)
    sentences: list[Sentence] = []
    first = 0
    for raw in document.sentences:
        if not raw.tokens:
            continue
        para = _para_of(paras, raw.tokens[0].start_char)
        sent = _sentence(text, raw, len(sentences), first, para)
        sentences.append(sent)
        first += len(sent.tokens)
    return ParsedDoc(text=text, sentences=tuple(sentences), paragraphs=paras, model=model)


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for t in texts:
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parse_many(texts: Iterable[str], config: ParserConfig | None = None) -> Iterator[ParsedDoc]:
    """Parse texts in order, ``config.batch_docs`` documents per Stanza bulk call.

    Streams: holds at most one batch of documents.  Empty or blank texts give an
    empty ``ParsedDoc`` without calling Stanza.  With ``config.cache`` a text parsed
    before by the same model files is read back instead (see ``ParseCache``).
    """
    config = config or ParserConfig.from_env()
    cache = ParseCache(Path(config.cache), config) if config.cache else None
    for chunk in _chunks(texts, max(config.batch_docs, 1)):
        known = {t: cache.get(t) for t in chunk} if cache else {}
        todo = [t for t in chunk if t.strip() and known.get(t) is None]
        fresh = dict(zip(todo, _parse_batch(todo, config), strict=True)) if todo else {}
        for t in chunk:
            doc = known.get(t) or fresh.get(t) or ParsedDoc(
                text=t, sentences=(), paragraphs=paragraph_spans(t), model=config.label)
            if cache and t in fresh:
                cache.put(t, doc)
            yield doc


def _parse_batch(texts: list[str], config: ParserConfig) -> list[ParsedDoc]:
    import stanza

    nlp = load_pipeline(config)
    # The tokenizer reads a same-length copy whose paragraphs follow paragraph_spans.
    inputs = [stanza.Document([], text=plain_text(t, paragraph_spans(t))) for t in texts]
    with _inference(config.fast):
        docs = nlp(inputs)
    return [to_parsed_doc(t, d, config.label) for t, d in zip(texts, docs, strict=True)]


@contextmanager
def _inference(fast: bool) -> Iterator[None]:
    """With ``fast``: torch inference mode, denormal floats flushed to zero (values
    below 1e-38, which the CPU computes slowly; the parse of every word of EWT test
    and of 40 PolNeAR articles is unchanged), Stanza's padded tensors built in one
    step (``inference.fast_tensors``), the entity tagger's Viterbi decoding batched
    (``inference.batched_viterbi``), its training loss skipped
    (``inference.crf_without_loss``), its characters looked up once per spelling
    (``inference.ner_chars_once``) and its tags written without Stanza's entity
    spans (``inference.ner_tags_only``), and the garbage collector paused for the
    batch (Stanza builds many small objects, and each collection walks the models'
    vocabularies again); its previous state comes back after the batch."""
    if not fast:
        yield
        return
    import gc

    import torch

    from quotetrack.models.inference import (
        batched_viterbi,
        crf_without_loss,
        fast_tensors,
        ner_chars_once,
        ner_tags_only,
        plain_reassembly,
    )

    was_enabled = gc.isenabled()
    gc.disable()
    flushing = torch.set_flush_denormal(True)  # False where the CPU cannot
    try:
        with torch.inference_mode(), fast_tensors(), batched_viterbi(), crf_without_loss(), (
                ner_chars_once()), ner_tags_only(), plain_reassembly():
            yield
    finally:
        if flushing:
            torch.set_flush_denormal(False)
        if was_enabled:
            gc.enable()




@cache
def _models_digest(directory: Path, files: tuple[tuple[str, int, int], ...]) -> str:
    """The contents of a model folder's files, hashed once per process for each state of
    the files (``files``: name, size and time of each, so a rewritten file is read again)."""
    import hashlib

    return "".join(f"{name}:{hashlib.sha256((directory / name).read_bytes()).hexdigest()};"
                   for name, _, _ in files)


class ParseCache:
    """Parses pickled under a folder, keyed by the text and the model files' contents,
    so that re-scoring extraction rules skips parsing (a development aid:
    ``QUOTETRACK_PARSE_CACHE=DIR``; pickles are only read from a folder you made).  A
    checkout that rewrites the same model files keeps its parses."""

    def __init__(self, folder: Path, config: ParserConfig) -> None:
        import hashlib

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        directory = COMPACT_DIR if config.models == "compact" else Path(config.models)
        stamp = config.label + (_models_digest(directory, tuple(
            (p.name, p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(directory.glob("*.pt")))) if directory.is_dir() else "")
        self.model = hashlib.sha256(stamp.encode()).hexdigest()[:16]
        self.ner = config.ner
        self.quantize = config.quantize

    def _path(self, text: str) -> Path:
        import hashlib

        # quantized models parse a little differently: their parses are kept apart
        variant = f"{self.ner}\n" + ("int8\n" if self.quantize else "") + REPAIRS + "\n"
        key = hashlib.sha256(f"{self.model}\n{variant}{text}".encode()).hexdigest()
        return self.folder / f"{key}.pickle"

    def get(self, text: str) -> ParsedDoc | None:
        import pickle

        path = self._path(text)
        if not path.exists():
            return None
        doc = pickle.loads(path.read_bytes())
        # a parse kept under an older paragraph convention is parsed again
        fresh = isinstance(doc, ParsedDoc) and doc.paragraphs == paragraph_spans(text)
        return doc if fresh else None

    def put(self, text: str, doc: ParsedDoc) -> None:
        import pickle

        self._path(text).write_bytes(pickle.dumps(doc))


def parse(text: str, config: ParserConfig | None = None) -> ParsedDoc:
    """Parse one text (see ``parse_many``)."""
    return next(parse_many([text], config))
