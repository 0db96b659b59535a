"""Quote-mark spans: every style, nesting, paragraphs, apostrophes, never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.marks import find_marked
from quotetrack.parse import paragraph_spans


def spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text, paragraph_spans(text))]


@pytest.mark.parametrize("text, expected", [
    ('He said "We will win" today.', ["We will win"]),
    ("“We will win,” she said.", ["We will win,"]),
    ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
    ("„Wir gewinnen“, sagte er.", ["Wir gewinnen"]),
    ("‹Oui›, dit-il.", ["Oui"]),
    ("``We will win,'' he said.", ["We will win,"]),
    ("‘We will win,’ she said.", ["We will win,"]),
])
def test_marks_every_style(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_marks_nested_quote_stays_inside_outer() -> None:
    text = "“He told me ‘never again’ and left,” she said."
    assert spans(text) == ["He told me ‘never again’ and left,"]


@pytest.mark.parametrize("text", [
    "The JIM's mandate expires.", "Back in the '90s it was cheap.",
    "They don’t know.", "Rock 'n' roll", "the Joneses’ house",
])
def test_marks_apostrophes_are_not_quotes(text: str) -> None:
    assert spans(text) == []


def test_marks_multi_paragraph_quote_continues() -> None:
    text = '"First paragraph of the speech.\n\n"Second paragraph," he said.'
    found = find_marked(text, paragraph_spans(text))
    assert len(found) == 1
    assert "multi_paragraph" in found[0].flags
    assert text[found[0].start:found[0].end].endswith("Second paragraph,")


def test_marks_unbalanced_quote_ends_at_paragraph() -> None:
    text = 'He said "this never closes\n\nA new paragraph.'
    found = find_marked(text, paragraph_spans(text))
    assert [text[m.start:m.end] for m in found] == ["this never closes"]
    assert "unbalanced" in found[0].flags


def test_marks_stray_closing_mark_is_ignored() -> None:
    assert spans("A stray ” mark and “a real one” here.") == ["a real one"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n'\"“”‘’«»„‚‹›`.,")), max_size=80)
       | st.text(max_size=60))
def test_marks_never_raise_and_stay_in_bounds(text: str) -> None:
    for m in find_marked(text, paragraph_spans(text)):
        assert 0 <= m.outer_start <= m.start < m.end <= m.outer_end <= len(text)
