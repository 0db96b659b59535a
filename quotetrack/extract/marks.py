"""Quote marks -> quoted character spans (no parse needed; never raises).

Styles: ``" “ ” „ ‟ « » 〝 〞`` and ``\\`\\` ''`` (double), ``' ‘ ’ ‚ ‹ ›`` and
``\\` '`` (single).  Marks pair by family: a double mark never closes a single quote
nor the reverse, so a stray mark of one family cannot run into a quote of the other.
A quote of one family may hold quotes of the other: the outer span is kept whole and
each inner quote is returned too, flagged ``nested`` (its outer quote is the
unflagged span around it).

A quote left open at the end of a paragraph continues when the next paragraph opens
with a mark of the same family (the newspaper convention for multi-paragraph
quotes).  Otherwise it is flagged ``unbalanced`` and stops at the paragraph's end or
at the first narration cue after its opening mark (``stops``: offsets where a
reporting clause such as ``he said`` begins), whichever is first; a quote opened by a
plain single mark (``'``, ``‘``, ``’``) is dropped instead, being far likelier an
apostrophe.  Stray closing marks are ignored.  Apostrophes (``JIM's``, ``dog‘s``,
``'90s``, ``'Tis``, ``rock 'n' roll``, ``don’t``) are not marks.

Offsets are character offsets into the text; a span excludes its marks.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from quotetrack.lexicon import DOUBLE_PAIRS, SINGLE_PAIRS
from quotetrack.records import Token

Role = Literal["open", "close", "either"]
Family = Literal["double", "single"]
_DOUBLE_CHARS = set("\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u301f")
_SINGLE_CHARS = set("'\u2018\u2019\u201a\u2039\u203a")
_OPENERS_BEFORE = set("([{\u2014\u2013-/`") | _DOUBLE_CHARS | _SINGLE_CHARS
_CLOSERS = {"\u201d", "\u00bb", "\u2019", "\u203a", "\u301e"}
_OPENERS = {"\u201c", "\u201e", "\u00ab", "\u2018", "\u201a", "\u2039", "\u201f", "\u301d"}
# Single marks that are never apostrophes: a quote they open and nobody closes is
# reported unbalanced rather than dropped.
_CLEAR_SINGLE = {"`", "\u201a", "\u2039"}
_APOSTROPHES = set("'\u2018\u2019")
# Words that a leading apostrophe shortens (``'Tis``, ``'em``, ``rock 'n' roll``).
_ELISIONS = frozenset({"tis", "twas", "twere", "twill", "em", "n", "til", "cause", "bout",
                       "round", "nuff", "kay", "sup", "cept", "neath", "fore", "ere"})
# Every character that can make a quote mark (a token made only of them is a mark).
QUOTE_CHARS = frozenset(_DOUBLE_CHARS | _SINGLE_CHARS | {"`"})


def is_mark_token(text: str) -> bool:
    """A token made only of quote-mark characters (``"``, ``,"`` is not one)."""
    return bool(text) and set(text) <= QUOTE_CHARS


def after_mark(tokens: Sequence[Token], i: int) -> bool:
    """Word ``i`` comes right after a quote mark, a comma between allowed (the ``said``
    of ``"A," said X``)."""
    return any(is_mark_token(t.text) for t in tokens[max(0, i - 2):i])


@dataclass(frozen=True, slots=True)
class Mark:
    """One quote mark in the text."""

    pos: int
    size: int
    char: str
    family: Family
    role: Role


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: ``start``/``end`` exclude the marks; ``outer_*`` include them
    (for an unbalanced quote ``outer_end`` is where it was stopped)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    family: Family
    flags: tuple[str, ...] = ()

    @property
    def nested(self) -> bool:
        """Inside another quote (a quoted exchange within a quotation)."""
        return "nested" in self.flags


def _role(text: str, i: int, size: int) -> Role:
    before = text[i - 1] if i > 0 else " "
    after = text[i + size] if i + size < len(text) else " "
    left = (before.isspace() or before in _OPENERS_BEFORE) and not after.isspace()
    right = not before.isspace() and (after.isspace() or not after.isalnum())
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _elision(text: str, i: int) -> int:
    """Length of an apostrophe-led word at ``i`` (``'Tis``, ``'n'``), else 0."""
    if i > 0 and text[i - 1].isalnum():
        return 0
    j = i + 1
    while j < len(text) and text[j].isalpha():
        j += 1
    if text[i + 1:j].lower() not in _ELISIONS or (j < len(text) and text[j].isdigit()):
        return 0
    if text[i + 1:j].lower() == "n" and j < len(text) and text[j] in _APOSTROPHES:
        j += 1  # rock 'n' roll
    return j - i


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, JIM's, dog‘s
    return bool(after.isdigit() and not before.isalnum())  # '90s


def scan_marks(text: str, start: int = 0, end: int | None = None) -> Iterator[Mark]:
    """Every quote mark in ``text[start:end]`` with its family and likely role."""
    end = len(text) if end is None else end
    i = start
    while i < end:
        c = text[i]
        if text.startswith("``", i) or text.startswith("''", i):
            # `` always opens; '' closes in LaTeX/PTB style but both opens and closes
            # in some newswire (''Like this,'' he said), so it goes by its flanks.
            role: Role = "open" if c == "`" else _role(text, i, 2)
            yield Mark(i, 2, text[i:i + 2], "double", role)
            i += 2
            continue
        if c == "`":
            yield Mark(i, 1, c, "single", "open")  # `like this'
        elif c in _APOSTROPHES and (skip := _elision(text, i)):
            i += skip
            continue
        elif c in _DOUBLE_CHARS or (c in _SINGLE_CHARS and not _is_apostrophe(text, i)):
            family: Family = "double" if c in _DOUBLE_CHARS else "single"
            role = _role(text, i, 1)
            if c in _OPENERS and role == "either":
                role = "open"
            elif c in _CLOSERS and role == "either":
                role = "close"
            yield Mark(i, 1, c, family, role)
        i += 1


def _closes(opener: Mark, mark: Mark) -> bool:
    if opener.char == "`":
        return mark.char in "'\u2019"
    pairs = DOUBLE_PAIRS if opener.family == "double" else SINGLE_PAIRS
    return mark.char in pairs.get(opener.char, "") or (
        opener.char in _CLOSERS and mark.char == opener.char)


@dataclass(slots=True)
class _Open:
    mark: Mark
    first_out: int  # how many spans were out when it opened (its inner quotes follow)
    continued: bool = False


class _Matcher:
    """Pairs marks paragraph by paragraph with a stack of open quotes, one family
    nested in the other."""

    def __init__(self, text: str, stops: Sequence[int]) -> None:
        self.text = text
        self.stops = sorted(stops)
        self.stack: list[_Open] = []
        self.out: list[Marked] = []

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _settle(self, entry: _Open, span: tuple[int, int] | None) -> None:
        """Inner quotes of ``entry`` stay ``nested`` only inside its kept ``span``."""
        for k in range(entry.first_out, len(self.out)):
            m = self.out[k]
            if m.nested and (span is None or not span[0] <= m.outer_start < span[1]):
                self.out[k] = replace(m, flags=tuple(f for f in m.flags if f != "nested"))

    def _close(self, close_pos: int, close_size: int, flags: tuple[str, ...]) -> None:
        entry = self.stack.pop()
        o = entry.mark
        if entry.continued:
            flags = (*flags, "multi_paragraph")
        start, end = self._trim(o.pos + o.size, close_pos)
        if end - start <= (2 if o.family == "single" else 0):  # not 'n'
            self._settle(entry, None)
            return
        self._settle(entry, (o.pos, close_pos + close_size))
        if self.stack:
            flags = (*flags, "nested")
        self.out.append(Marked(start, end, o.pos, close_pos + close_size, o.family, flags))

    def _unbalanced(self, limit: int) -> None:
        """Stop the innermost open quote at ``limit`` or at the first cue after it."""
        o = self.stack[-1].mark
        k = bisect.bisect_right(self.stops, o.pos)
        stop = min(limit, self.stops[k]) if k < len(self.stops) else limit
        self._close(self._trim(o.pos + o.size, stop)[1], 0, ("unbalanced",))

    def _drop(self) -> None:
        self._settle(self.stack.pop(), None)

    def _end_open(self, limit: int) -> None:
        """An opening mark nobody closed: a likely apostrophe goes, a quote stops."""
        top = self.stack[-1].mark
        if top.family == "single" and top.char not in _CLEAR_SINGLE:
            self._drop()
        else:
            self._unbalanced(limit)

    def feed(self, m: Mark) -> None:
        if not self.stack:
            if m.role != "close":
                self.stack.append(_Open(m, len(self.out)))
            return
        top = self.stack[-1].mark
        if m.family == top.family:
            if m.role != "open":  # a mark of the family closes, whatever its shape
                self._close(m.pos, m.size, ())
            else:
                self._end_open(m.pos)  # a new quote of the same family begins
                self.feed(m)
            return
        below = next((k for k in range(len(self.stack) - 2, -1, -1)
                      if self.stack[k].mark.family == m.family), None)
        if m.role != "open" and below is not None:
            while len(self.stack) > below + 1:
                self._end_open(m.pos)  # the inner quote was never closed
            self._close(m.pos, m.size, ())
        elif m.role != "close":
            self.stack.append(_Open(m, len(self.out)))  # a quote inside the quote

    def end_paragraph(self, para_end: int, next_text: str) -> None:
        """Close or continue the quotes left open at a paragraph's end."""
        while len(self.stack) > 1:
            self._end_open(para_end)
        if not self.stack:
            return
        outer = self.stack[0]
        head = next_text.lstrip()[:1]
        if head and (head == outer.mark.char or _closes(
                outer.mark, Mark(0, 1, head, outer.mark.family, "close"))):
            outer.continued = True
            return
        self._end_open(para_end)


def find_marked(text: str, paragraphs: tuple[tuple[int, int], ...] | None = None,
                stops: Sequence[int] = ()) -> list[Marked]:
    """All quoted spans of ``text``, outer quotes before the quotes nested in them
    (see module docstring).  ``stops``: where narration cues begin (from a parse);
    only an unbalanced quote is cut at one."""
    paras = paragraphs or ((0, len(text)),)
    matcher = _Matcher(text, stops)
    for n, (start, end) in enumerate(paras):
        marks = list(scan_marks(text, start, end))
        carried = bool(matcher.stack) and matcher.stack[0].continued
        if carried and marks and text[start:marks[0].pos].strip() == "":
            marks = marks[1:]  # the paragraph's opening mark continues the quote
        for m in marks:
            matcher.feed(m)
        nxt = text[paras[n + 1][0]:paras[n + 1][1]] if n + 1 < len(paras) else ""
        matcher.end_paragraph(end, nxt)
    return sorted(matcher.out, key=lambda m: (m.outer_start, -m.outer_end))
