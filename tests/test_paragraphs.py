"""Paragraphs by the text's own convention; line breaks inside them read as spaces."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.paragraphs import paragraph_spans, plain_text, wrapped_gap

PARAS = [
    "The harbour board met on Thursday to decide the fate of the old ferry pier, which"
    " has stood empty since the storm of last winter tore away its roof and half of"
    " its landing stage.",
    '"We cannot keep paying to patch a pier that nobody uses," said the board\'s'
    " chairwoman, Ines Okafor, who has argued for its removal since the spring.",
    "Short one.",
    "Fishermen who still tie up at the pier said they would fight any plan to pull it"
    " down, and several of them promised to fill the public gallery at the next meeting.",
]


def _words(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in spans]


def _fill(para: str, indent: str = "") -> str:
    return textwrap.fill(para, 72, initial_indent=indent, break_on_hyphens=False)


def test_paragraphs_blank_lines_win() -> None:
    text = "\n\n".join(_fill(p) for p in PARAS)
    assert "\n" in text.split("\n\n")[0]  # the first paragraph is wrapped
    assert _words(text, paragraph_spans(text)) == PARAS


def test_paragraphs_hard_wrapped_with_indents() -> None:
    text = "\n".join(_fill(p, "    ") for p in PARAS)
    spans = paragraph_spans(text)
    assert _words(text, spans) == PARAS
    assert all(not text[s].isspace() for s, _ in spans)  # the indent is not content


def test_paragraphs_hard_wrapped_short_last_lines() -> None:
    paras = [PARAS[0], PARAS[1]]  # each ends on a line the next word would have fitted
    text = "\n".join(_fill(p) for p in paras)
    assert _words(text, paragraph_spans(text)) == paras


def test_paragraphs_one_per_line_when_lines_are_long_or_short() -> None:
    long_lines = "\n".join(PARAS)  # lines wider than any wrapper leaves them
    assert _words(long_lines, paragraph_spans(long_lines)) == PARAS
    short = "Title\nBy a reporter\nFirst line of text."
    assert _words(short, paragraph_spans(short)) == short.split("\n")


def test_plain_text_keeps_offsets_and_marks_indented_paragraphs() -> None:
    text = "\n".join(_fill(p, "    ") for p in PARAS)
    spans = paragraph_spans(text)
    plain = plain_text(text, spans)
    assert len(plain) == len(text)
    assert all("\n" not in plain[s:e] for s, e in spans)
    assert plain.count("\n\n") == len(PARAS) - 1  # each indent became a blank line
    assert [plain[s:e].split() for s, e in spans] == [text[s:e].split() for s, e in spans]


def test_wrapped_gap_tells_a_wrap_from_a_line_end() -> None:
    wrapped = _fill(PARAS[0])
    first_break = wrapped.index("\n")
    assert wrapped_gap(wrapped, first_break - 3, first_break + 3)
    listing = '"Yes." - Ann\n"No." - Bo'
    assert not wrapped_gap(listing, 0, len(listing))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  \n\t.\"")), max_size=300))
def test_paragraphs_stay_in_bounds_and_in_order(text: str) -> None:
    spans = paragraph_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert len(plain_text(text, spans)) == len(text)
