"""Frozen records passed between the stages: text -> parse -> quotes -> attribution.

No I/O and no third-party imports.  Every ``start``/``end`` is a character offset
into the article text as stored (``Article.text``), end exclusive, so
``text[start:end]`` is the span's surface.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "mixed", "indirect"]

# Attribution methods that infer the speaker rather than read it off the quote's own
# cue: shared by attribution (which sets them) and the store (which weighs evidence).
INFERRED_METHODS = frozenset({"pronoun", "continuation", "cue-object", "set-off-name",
                              "adjacent-mention",
                              "coreference", "introduction",
                              "none"})
SpeakerKind = Literal["person", "organization", "group", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of the article text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """One input document.  ``meta`` keeps any extra input fields untouched;
    ``source`` and ``line`` say where it was read (for reports), when known."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """One syntactic word (after multi-word-token expansion).

    ``i`` is the word's index in the whole document; ``head`` is the document index
    of its governor, or -1 for a sentence root.  For words of a multi-word token
    (``can`` + ``not`` in ``cannot``) ``start``/``end`` are the whole token's span.
    ``ner`` is the named-entity tag in IOB2 (``B-PER``, ``I-ORG``, ``O``; types ``PER``,
    ``ORG``, ``LOC`` and whatever else the model knows); ``O`` without an NER model.
    """

    i: int
    sent: int
    para: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    ner: str = "O"

    @property
    def rel(self) -> str:
        """The relation without its subtype (``nsubj:pass`` -> ``nsubj``)."""
        return self.deprel.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``tokens[k].i == first + k``."""

    index: int
    para: int
    start: int
    end: int
    first: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """The parse of one text.  ``tokens`` holds every word in document order."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]
    model: str = ""
    # Built once here: every stage reads ``tokens``, and rebuilding the tuple on each
    # read showed in profiles.  Not compared, hashed or shown: it derives from sentences.
    _tokens: tuple[Token, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tokens", tuple(t for s in self.sentences for t in s.tokens))

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every word of the document in order (``tokens[k].i == k``)."""
        return self._tokens


@dataclass(frozen=True, slots=True)
class Cue:
    """The speech or claim cue: a verb (``said``) or a phrase (``according to``)."""

    start: int
    end: int
    text: str
    lemma: str
    negated: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "lemma": self.lemma, "negated": self.negated}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote or claim found in the text, before attribution.

    A direct quote's span excludes its quote marks.  ``cue_token`` is the document
    index of the cue word when the parse gave one; ``subject_token`` the word the
    parse names as the cue's speaker; ``flags`` holds notes such as ``fragment``
    (a short quoted phrase with no cue) or ``unbalanced``.  ``segments`` lists the
    quoted pieces when one statement is interrupted by its cue (``"A," he said.
    "B."``): then ``start``/``end`` is the extent from the first to the last piece.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    sentence: int
    paragraph: int
    cue: Cue | None = None
    cue_token: int | None = None
    flags: tuple[str, ...] = ()
    segments: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed quote: the span plus who said it and how we know."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    sentence: int
    paragraph: int
    speaker: str | None
    speakers: tuple[str, ...]
    speaker_kind: SpeakerKind
    speaker_mention: Span | None
    cue: Cue | None
    role: str | None
    stance: str | None
    method: str
    confidence: float
    flags: tuple[str, ...] = ()
    segments: tuple[Span, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``quotetrack extract`` (see README)."""
        extra = {"segments": [s.as_dict() for s in self.segments]} if self.segments else {}
        return extra | {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "speaker": self.speaker, "speakers": list(self.speakers),
            "speaker_kind": self.speaker_kind,
            "speaker_mention": self.speaker_mention.as_dict() if self.speaker_mention else None,
            "cue": self.cue.as_dict() if self.cue else None,
            "role": self.role, "stance": self.stance, "method": self.method,
            "confidence": round(self.confidence, 3), "paragraph": self.paragraph,
            "sentence": self.sentence, "flags": list(self.flags),
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """A canonical speaker of one article with every mention text seen for it."""

    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extraction produced for one article, ready for the store."""

    article: Article
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    model: str
    extractor_version: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.article.id, "quotes": [q.as_dict() for q in self.quotes]}
