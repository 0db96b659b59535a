"""Quote marks -> quoted character spans (no parse needed; never raises).

Handles ``" “ ” ‘ ’ « » „ ‚ ‹ ›`` and ``\\`\\` ''``; a quote of one family (double)
may nest quotes of the other (single), which stay inside the outer span.  A quote
left open at the end of a paragraph continues when the next paragraph opens with a
mark of the same family (the newspaper convention for multi-paragraph quotes);
otherwise it ends at the paragraph's end and is flagged ``unbalanced``.  Stray
closing marks are ignored.  Apostrophes (``JIM's``, ``'90s``, ``don’t``) are not
marks.  Offsets are character offsets into the text; a span excludes its marks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from quotetrack.lexicon import DOUBLE_PAIRS, SINGLE_PAIRS

Role = Literal["open", "close", "either"]
_DOUBLE_CHARS = set("\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u301f")
_SINGLE_CHARS = set("'\u2018\u2019\u201a\u2039\u203a")
_OPENERS_BEFORE = set("([{\u2014\u2013-/") | _DOUBLE_CHARS | _SINGLE_CHARS
_CLOSERS = {"\u201d", "\u00bb", "\u2019", "\u203a", "\u301e"}
_OPENERS = {"\u201c", "\u201e", "\u00ab", "\u2018", "\u201a", "\u2039", "\u201f", "\u301d"}
# Every character that can make a quote mark (a token made only of them is a mark).
QUOTE_CHARS = frozenset(_DOUBLE_CHARS | _SINGLE_CHARS | {"`"})


def is_mark_token(text: str) -> bool:
    """A token made only of quote-mark characters (``"``, ``,"`` is not one)."""
    return bool(text) and set(text) <= QUOTE_CHARS


@dataclass(frozen=True, slots=True)
class Mark:
    """One quote mark in the text."""

    pos: int
    size: int
    char: str
    family: Literal["double", "single"]
    role: Role


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: ``start``/``end`` exclude the marks; ``outer_*`` include them."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    family: Literal["double", "single"]
    flags: tuple[str, ...] = ()


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


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, JIM's, rock'n'roll
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
        if c in _DOUBLE_CHARS or (c in _SINGLE_CHARS and not _is_apostrophe(text, i)):
            family: Literal["double", "single"] = "double" if c in _DOUBLE_CHARS else "single"
            role = _role(text, i, 1)
            if c in _OPENERS and role == "either":
                role = "open"
            elif c in _CLOSERS and role == "either":
                role = "close"
            yield Mark(i, 1, c, family, role)
        i += 1


def _closes(opener: Mark, mark: Mark) -> bool:
    pairs = DOUBLE_PAIRS if opener.family == "double" else SINGLE_PAIRS
    return mark.char in pairs.get(opener.char, "") or (
        opener.char in _CLOSERS and mark.char == opener.char)


class _Matcher:
    """Pairs marks paragraph by paragraph; one open quote per family at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.open: Mark | None = None
        self.nested: Mark | None = None
        self.continued = False
        self.out: list[Marked] = []

    def emit(self, close_pos: int, close_size: int, flags: tuple[str, ...]) -> None:
        assert self.open is not None
        o = self.open
        if self.continued:
            flags = (*flags, "multi_paragraph")
        start, end = o.pos + o.size, close_pos
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end - start > (2 if o.family == "single" else 0):  # not 'n'
            self.out.append(Marked(start, end, o.pos, close_pos + close_size, o.family, flags))
        self.open, self.nested, self.continued = None, None, False

    def feed(self, m: Mark) -> None:
        if self.open is None:
            if m.role != "close":
                self.open = m
            return
        if m.family != self.open.family:
            self._nested(m)
        elif m.role == "close" or (m.role == "either" and _closes(self.open, m)):
            # A clear closing mark closes whatever style opened (mixed “..." text).
            self.emit(m.pos, m.size, ())
        elif m.role == "open":
            self.emit(m.pos, 0, ("unbalanced",))
            self.open = m

    def _nested(self, m: Mark) -> None:
        # Inner quotes of the other family only need to pair up; they stay inside.
        if self.nested is None and m.role != "close":
            self.nested = m
        elif self.nested is not None and m.role != "open":
            self.nested = None

    def end_paragraph(self, para_end: int, next_text: str) -> None:
        """Close or continue a quote left open at a paragraph's end."""
        if self.open is None:
            return
        head = next_text.lstrip()[:2]
        if head and any(_closes(self.open, Mark(0, 1, ch, self.open.family, "close"))
                        or ch == self.open.char for ch in head[:1]):
            self.continued = True
            self.nested = None
            return
        if self.open.family == "single":
            self.open = None  # an unpaired single mark is far likelier an apostrophe
            return
        end = para_end
        while end > self.open.pos and self.text[end - 1].isspace():
            end -= 1
        self.emit(end, 0, ("unbalanced",))


def find_marked(text: str, paragraphs: tuple[tuple[int, int], ...] | None = None
                ) -> list[Marked]:
    """All quoted spans of ``text`` in order (see module docstring)."""
    paras = paragraphs or ((0, len(text)),)
    matcher = _Matcher(text)
    for n, (start, end) in enumerate(paras):
        marks = list(scan_marks(text, start, end))
        if matcher.continued and marks and text[start:marks[0].pos].strip() == "":
            marks = marks[1:]  # the paragraph's opening mark continues the quote
        for m in marks:
            matcher.feed(m)
        nxt = text[paras[n + 1][0]:paras[n + 1][1]] if n + 1 < len(paras) else ""
        matcher.end_paragraph(end, nxt)
    return matcher.out
