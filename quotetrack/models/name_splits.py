"""Sentence splits inside a name, undone before tagging and parsing.

The compact tokenizer, trained on web text where many sentences end without a stop,
sometimes ends a sentence between two capitalised words of one name (``Economist
Laura`` | ``Whitehorse of the Bytown Policy Institute said ...``, ``Peel Regional`` |
``Police said ...``); the parser then loses the subject of the speech verb.  A
sentence boundary is undone when nothing marks it in the text: the first sentence
ends with a word in title case (not a stop, a mark or a word in capitals), one plain
space follows, and the next sentence opens with a word in title case.

``join_name_splits`` is the pure rule, in the word-list format of Stanza's tokenizer
post-processors (a word is a string, or ``(word, True)`` for a multi-word token);
``join_inside_names(pipeline)`` installs it on a loaded pipeline's tokenizer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

Word = str | tuple[str, Any]


def _text(word: Word) -> str:
    return word if isinstance(word, str) else word[0]


def _title_case(word: str) -> bool:
    """``Laura``, ``Flett-Mayham``, ``O'Neil``: a capital, then not all capitals."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and word[:1].isupper() and not all(c.isupper() for c in letters) \
        and all(c.isalpha() or c in "-'\u2019" for c in word)


def join_name_splits(sentences: list[list[Word]], text: str) -> list[list[Word]]:
    """``sentences`` with every boundary inside a name undone (see module docstring);
    unchanged when a word cannot be found in ``text`` in order."""
    ends: list[tuple[int, int]] = []  # per sentence: start of its first word, end of its last
    pos = 0
    for sentence in sentences:
        first = -1
        for word in sentence:
            found = text.find(_text(word), pos)
            if found < 0:
                return sentences
            first = found if first < 0 else first
            pos = found + len(_text(word))
        ends.append((first, pos))
    out: list[list[Word]] = []
    for k, sentence in enumerate(sentences):
        if out and sentence and out[-1] and _inside_name(
                out[-1][-1], sentence[0], text[ends[k - 1][1]:ends[k][0]]):
            out[-1] = out[-1] + sentence
        else:
            out.append(list(sentence))
    return out


def _inside_name(last: Word, first: Word, gap: str) -> bool:
    return gap == " " and _title_case(_text(last)) and _title_case(_text(first))


def join_inside_names(pipeline: Any) -> None:
    """Make ``pipeline``'s tokenizer undo sentence splits inside names (Stanza's
    post-processor hook, given each call's text)."""
    processor = pipeline.processors.get("tokenize")
    if processor is None or getattr(processor, "_joins_names", False):
        return
    original: Callable[[Any], Any] = processor.process

    def process(document: Any) -> Any:
        text = document if isinstance(document, str) else getattr(document, "text", None)
        if not isinstance(text, str):
            return original(document)
        processor._postprocessor = partial(join_name_splits, text=text)
        try:
            return original(document)
        finally:
            processor._postprocessor = None

    processor.process = process
    processor._joins_names = True
