"""Paragraphs as the text itself marks them, and line breaks that are only spaces.

Three conventions, tried in order (``paragraph_spans``): blocks between blank lines;
in hard-wrapped text (no blank lines, the widest line 40-100 columns: wire copy,
e-mail bulletins) runs of lines ended by a short last line or by a next line
indented two columns or more; else one paragraph per line.  A newline inside a
paragraph is a plain space for quote spans and sentences: ``plain_text`` is the
same-length copy the tokenizer reads, so offsets into the stored text hold.
Pure functions over strings.
"""

from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Hard-wrapped text: its widest line is between these (wire copy, e-mail: 60-80 columns).
_WRAP_WIDTH = (40, 100)


def _indent(line: str) -> int:
    lead = line[:len(line) - len(line.lstrip(" \t"))]
    return len(lead.expandtabs(4))


def _fits(line: str, nxt: str, width: int) -> bool:
    """The first word of ``nxt`` would have fitted on ``line`` within ``width`` columns,
    so no wrapper broke the line there."""
    word = nxt.strip(" \t").split(" ")[0]  # a wrapper breaks at spaces only (not NBSP)
    # typewriter copy puts two spaces after a sentence, and a wrapper drops both
    gap = 2 if line.rstrip().rstrip("\"'”’)»").endswith((".", "?", "!", ":")) else 1
    return len(line.rstrip()) + gap + len(word) <= width


def _wrapped_breaks(lines: list[str]) -> list[bool] | None:
    """For hard-wrapped lines, whether a paragraph ends after each line; None when the
    lines are not hard-wrapped (the widest is outside ``_WRAP_WIDTH``, or fewer than a
    third of the lines, or none, run on to the next).

    A line ends its paragraph when the next line's first word would have fitted on it
    (a short last line: a wrapper breaks only where the next word does not fit, so the
    widest line bounds the width), when the next line is indented two columns or more
    further than the text's usual indent, or when the next line is blank."""
    widths = [len(ln.rstrip()) for ln in lines]
    width = max(widths)
    if not _WRAP_WIDTH[0] <= width <= _WRAP_WIDTH[1]:
        return None
    indents = [_indent(ln) for ln in lines if ln.strip()]
    usual = max(set(indents), key=indents.count)
    breaks = [not nxt.strip() or not line.strip() or _indent(nxt) >= usual + 2
              or _fits(line, nxt, width) for line, nxt in zip(lines, lines[1:], strict=False)]
    runs_on = breaks.count(False)
    if not runs_on or 3 * runs_on < len(breaks):
        return None  # lines that rarely run on: one paragraph per line
    return [*breaks, True]


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraphs as (start, end), following the text's own convention: blocks between
    blank lines; else, in hard-wrapped text, runs of lines up to a short last line or
    an indented first line (see ``_wrapped_breaks``); else one paragraph per line.
    A newline inside a paragraph is a plain space (``plain_text``)."""
    if _BLANK_LINE.search(text):
        splitter = _BLANK_LINE
    else:
        lines = text.split("\n")
        breaks = _wrapped_breaks(lines)
        if breaks is None:
            splitter = re.compile(r"\n")
        else:
            return _join_lines(text, lines, breaks)
    spans, pos = [], 0
    for m in splitter.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def _join_lines(text: str, lines: list[str], breaks: list[bool]
                ) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = start = 0
    for line, brk in zip(lines, breaks, strict=True):
        end = pos + len(line)
        if brk:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            spans.append((start + lead, end))  # an indent belongs to the break
            start = end + 1
        pos = end + 1
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def plain_text(text: str, paragraphs: tuple[tuple[int, int], ...]) -> str:
    """``text`` as handed to the tokenizer, same length so that offsets hold: a newline
    inside a paragraph becomes a space, and the whitespace between two paragraphs that
    has no blank line but room for one becomes one (``\\n  `` -> ``\\n\\n ``), so that an
    indented paragraph starts a new sentence as a blank-line paragraph does."""
    chars = list(text)
    for start, end in paragraphs:
        for k in range(start, end):
            if chars[k] == "\n":
                chars[k] = " "
    for (_, end), (nxt, _) in zip(paragraphs, paragraphs[1:], strict=False):
        gap = text[end:nxt]
        if "\n" in gap and not _BLANK_LINE.search(gap) and len(gap) >= 2:
            chars[end:nxt] = "\n\n" + " " * (len(gap) - 2)
    return "".join(chars)


def _soft_breaks(text: str, start: int, end: int) -> tuple[list[int], bool]:
    """The line breaks in ``text[start:end]`` that only wrap a line, and whether every
    break there does (see ``wrapped_gap``)."""
    pos = text.find("\n", start, end)
    if pos < 0:
        return [], True
    width = max(len(ln.rstrip()) for ln in text.split("\n"))
    if not _WRAP_WIDTH[0] <= width <= _WRAP_WIDTH[1]:
        return [], False
    soft, every = [], True
    while pos >= 0:
        line = text[text.rfind("\n", 0, pos) + 1:pos]
        stop = text.find("\n", pos + 1)
        nxt = text[pos + 1:stop if stop >= 0 else len(text)]
        if not line.strip() or not nxt.strip() or _fits(line, nxt, width):
            every = False
        else:
            soft.append(pos)
        pos = text.find("\n", pos + 1, end)
    return soft, every


def wrapped_gap(text: str, start: int, end: int) -> bool:
    """Every line break in ``text[start:end]`` only wraps a line: the text is
    hard-wrapped (its widest line within ``_WRAP_WIDTH``) and the next line's first word
    would not have fitted on the line the break ends.  Any other break (after a short
    line, in a text of long lines: a list of credited quotes, one a line) is real."""
    return _soft_breaks(text, start, end)[1]


def unwrapped(text: str) -> str:
    """``text`` with each line break that only wraps a line (``wrapped_gap``) made a
    space: same length, so offsets hold (``Ariana⏎Huichapa`` reads as one name)."""
    soft = _soft_breaks(text, 0, len(text))[0]
    if not soft:
        return text
    chars = list(text)
    for pos in soft:
        chars[pos] = " "
    return "".join(chars)
