"""Repairs to the tokenizer's output, made before tagging and parsing.

Four rules, all for edited text such as news:

* **Sentence splits inside a name are undone.**  The compact tokenizer, trained on
  web text where many sentences end without a stop, sometimes ends a sentence between
  two capitalised words of one name (``Economist Laura`` | ``Whitehorse of the Bytown
  Policy Institute said ...``, ``Peel Regional`` | ``Police said ...``); the parser
  then loses the subject of the speech verb.  A sentence boundary is undone when
  nothing marks it in the text: the first sentence ends with a word in title case (not
  a stop, a mark or a word in capitals; a plural possessive's apostrophe after it is
  part of the name: ``the Alberta Cattle Producers' Alliance``), one plain space
  follows, and the next sentence opens with a word in title case; or no space at all
  separates it from a hyphenated title-case word (``Mohammadi`` | ``-Fox``).  Edited
  text never ends a sentence on a word in lower-case letters with no stop, so such a
  boundary is undone too before a title-case word that is no function word
  (``Haapala, a 31-year-old`` | ``Finn in his first season, said``; not ``We have
  limited time`` | ``What are ...``), and after an abbreviation in capitals in prose
  (``Liberal MP`` | ``Kwame Asante-Boyle``).
* **A name's hyphenated part stays one word** (``Po-`` + ``han`` -> ``Po-han``).
* **A name's next word stays one word** (``Thomas Whynot``, not ``Why`` + ``not``):
  a multi-word token in title case right after a word in title case, unless it is a
  contraction spelled without its apostrophe (``Cannot``).
* **A word that is an English word without its apostrophe stays one word** (``its``,
  ``were``, ``well``): the tokenizer learned from web text, where ``its`` is often a
  typo for ``it's``, to split ``its`` into ``it`` + ``s``; edited text spells the
  contraction with its apostrophe, and the split turns a possessive (``Its project
  manager, Oksana Petrenko, said``) into a clause with no speaker.  A typo that is no
  word (``dont``) may still be split.

``join_name_splits`` and ``keep_spelled_words`` are the pure rules, in the word-list
format of Stanza's tokenizer post-processors (a word is a string, or ``(word, True)``
for a multi-word token); ``repair_tokenizer(pipeline)`` installs both on a loaded
pipeline's tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from quotetrack.lexicon import words

Word = str | tuple[str, Any]
# What the repairs below do, named in the parse cache's key: change it with them.
REPAIRS = ("names-joined spelled-words name-words plural-owners glued-hyphens title-stops unmarked "
           "acronyms hyphen-syllables")


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
        before = _text(out[-1][-2]) if out and len(out[-1]) > 1 else ""
        gap = text[ends[k - 1][1]:ends[k][0]] if k else ""
        if out and sentence and out[-1] and _false_boundary(
                out[-1], sentence[0], gap, before):
            out[-1] = out[-1] + sentence
        else:
            out.append(list(sentence))
    return out


def _name_end(sentence: list[Word]) -> Word:
    """The sentence's last word, or the word before a closing plural possessive
    (``Producers'`` in ``the Alberta Cattle Producers' Alliance``)."""
    if len(sentence) > 1 and _text(sentence[-1]) in ("'", "\u2019") and _text(
            sentence[-2]).endswith("s"):
        return sentence[-2]
    return sentence[-1]


def _false_boundary(sentence: list[Word], first: Word, gap: str, before: str) -> bool:
    """Nothing in the text marks the boundary between ``sentence`` and the word
    ``first`` after it (``gap`` the text between; ``before`` the word before the
    sentence's last): see the module docstring."""
    last, nxt = _text(_name_end(sentence)), _text(first)
    if gap == "" and _title_case(last) and nxt[:1] in "-\u2013" and _title_case(nxt[1:]):
        return True  # "Mohammadi" | "-Fox": no space at all, a hyphen glued on
    if gap != " " or not _title_case(nxt):
        return False
    if _unmarked(last) and nxt.lower() not in _OPENERS:
        return True  # "Haapala, a 31-year-old" | "Finn in his first season": no stop
    if _acronym(_text(sentence[-1]), before):
        return True  # "Liberal MP" | "Kwame Asante-Boyle"
    title = (last.endswith(".") and last.lower().rstrip(".") in TITLE_ABBREVIATIONS) or (
        last == "." and before.lower() in TITLE_ABBREVIATIONS)  # "Capt." | "Coun" "."
    return _title_case(last) or title


def _acronym(word: str, before: str) -> bool:
    """An abbreviation in capitals inside prose (``Liberal MP`` | ``Kwame ...``): a word
    of two to five capitals after a word of letters not in capitals (not a heading's
    last word, nor a time's ``PM``)."""
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper() and before.isalpha() and (
        not before.isupper())  # not "08:02 PM" | "All :", a header's time


def _unmarked(word: str) -> bool:
    """A word in lower-case letters that ends a sentence with no stop after it."""
    return bool(word) and all(c.isalpha() or c == "-" for c in word) and word == word.lower()


# Function words that open a sentence ("We have limited time" | "What are ..."): after
# a boundary with no stop, a sentence opening with one of them is a sentence still.
_OPENERS = frozenset(
    "i we you he she it they this that these those there here the a an what when where "
    "why how who which whose if but and so or nor yet then therefore however also my our "
    "your his her their its thanks thank please hi hello hey yes no ok okay not now".split())


# Titles abbreviated with a stop before a name ("Capt. Lorna ...", "Coun. Priya ..."):
# the stop ends no sentence.  They are the titles lexicon's words with a stop, less
# initials (``U.S.``, a place, may end one); suffixes ("Jr.") are no titles.
TITLE_ABBREVIATIONS = frozenset(w.rstrip(".") for w in words("titles") if w.endswith(".")
                                and not re.fullmatch(r"(?:[a-z]\.)+", w))


# Words that, written without the apostrophe, are other English words (it's/its).
# (Rare words that are mostly typos in web text, ``wont``, ``cant``, ``lets``, are not.)
SPELLED = frozenset({"its", "your", "were", "well", "hell", "shell", "ill"})
# Contractions written as one word with no apostrophe, which a name never continues with.
CONTRACTIONS = frozenset({"cannot", "gonna", "wanna", "gotta", "dunno", "gimme", "lemme",
                          "dont", "cant", "wont", "im", "ive", "didnt", "doesnt", "isnt"})


def _spelled(word: Word) -> Word:
    """A multi-word token that is one of the ``SPELLED`` words, as a plain word."""
    if isinstance(word, str) or word[1] is not True or word[0].lower() not in SPELLED:
        return word
    return word[0]


def keep_spelled_words(sentences: list[list[Word]]) -> list[list[Word]]:
    """``sentences`` with every multi-word token that is a ``SPELLED`` word (``its``
    read as ``it`` + ``s``), or a name's next word (below), made one plain word."""
    return [[_name_word(w, sentence[k - 1]) if k else _spelled(w)
             for k, w in enumerate(sentence)] for sentence in sentences]


def _name_word(word: Word, before: Word) -> Word:
    """A multi-word token in title case with no apostrophe right after a word in title
    case, as one plain word: a name goes on (``Thomas`` ``Whynot``, not ``Why`` +
    ``not``), unless it is a contraction spelled without its apostrophe (``Cannot``)."""
    text = _text(word)
    if not isinstance(word, str) and word[1] is True and _title_case(text) and (
            text.isalpha()) and _title_case(_text(before)) and (
            text.lower() not in CONTRACTIONS):
        return text
    return _spelled(word)


def join_hyphen_splits(sentences: list[list[Word]], text: str) -> list[list[Word]]:
    """``sentences`` with a title-case word that ends in a hyphen joined to the
    lower-case word glued after it (``Po-`` + ``han`` -> ``Po-han``, a given name);
    unchanged when a word cannot be found in ``text`` in order."""
    out: list[list[Word]] = []
    pos = 0
    for sentence in sentences:
        joined: list[Word] = []
        last_end = -1
        for word in sentence:
            found = text.find(_text(word), pos)
            if found < 0:
                return sentences
            prev = _text(joined[-1]) if joined and isinstance(joined[-1], str) else ""
            if found == last_end and isinstance(word, str) and word.isalpha() and (
                    word.islower()) and len(prev) > 1 and prev[-1] in "-\u2010" and (
                    _title_case(prev[:-1])):
                joined[-1] = prev + word
            else:
                joined.append(word)
            pos = last_end = found + len(_text(word))
        out.append(joined)
    return out


def _repairs(sentences: list[list[Word]], text: str) -> list[list[Word]]:
    return join_hyphen_splits(keep_spelled_words(join_name_splits(sentences, text)), text)


def repair_tokenizer(pipeline: Any) -> None:
    """Make ``pipeline``'s tokenizer apply both repairs (Stanza's post-processor hook,
    given each call's text)."""
    processor = pipeline.processors.get("tokenize")
    if processor is None or getattr(processor, "_repaired", False):
        return
    original: Callable[[Any], Any] = processor.process

    def process(document: Any) -> Any:
        text = document if isinstance(document, str) else getattr(document, "text", None)
        if not isinstance(text, str):
            return original(document)
        processor._postprocessor = partial(_repairs, text=text)
        try:
            return original(document)
        finally:
            processor._postprocessor = None

    processor.process = process
    processor._repaired = True
