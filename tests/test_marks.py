"""Quote-mark spans: every style, nesting, paragraphs, apostrophes, never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.extract.marks import find_marked
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
    found = find_marked(text, paragraph_spans(text))
    assert [(text[m.start:m.end], m.nested) for m in found] == [
        ("He told me ‘never again’ and left,", False), ("never again", True)]


@pytest.mark.parametrize("text", [
    "The JIM's mandate expires.", "Back in the '90s it was cheap.",
    "They don’t know.", "Rock 'n' roll", "the Joneses’ house",
    "The dog‘s bowl was empty.", "'Tis the night before the vote.",
    "He loved rock 'n' roll and 'Twas the Night, and the 'em of it all.",
    "From the ‘80s to the 'Tis season, ‘em all.",
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


@pytest.mark.parametrize("text, expected", [
    # typewriter and LaTeX styles: ` ... ' and `` ... ''
    ("`Keep the receipts,' the clerk said, ``every one of them.''",
     ["Keep the receipts,", "every one of them."]),
    ("``Nobody called,'' she said.", ["Nobody called,"]),
    ("`Wait here,' he said.", ["Wait here,"]),
])
def test_marks_typewriter_and_latex_styles(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_marks_pair_within_their_family_only() -> None:
    # a stray double mark never closes on (or swallows) a single-quoted quote
    text = "Done,   \" the guard said, 'now open the gate.'"
    found = find_marked(text, paragraph_spans(text), stops=[text.index("the guard")])
    assert [(text[m.start:m.end], m.flags) for m in found] == [("now open the gate.", ())]


def test_marks_apostrophes_inside_a_quote_do_not_end_it() -> None:
    text = "“It was rock 'n' roll, 'tis true, and the '90s were wild,” she said."
    assert spans(text) == ["It was rock 'n' roll, 'tis true, and the '90s were wild,"]


def test_marks_unbalanced_quote_stops_at_the_narration_cue() -> None:
    text = '"We expected a recount, the mayor said on Friday, and none came.'
    cue = text.index("the mayor")
    found = find_marked(text, paragraph_spans(text), stops=[cue])
    assert [(text[m.start:m.end], m.flags) for m in found] == [
        ("We expected a recount,", ("unbalanced",))]
    no_cue = find_marked(text, paragraph_spans(text))
    assert [text[m.start:m.end] for m in no_cue] == [text[1:]]


def test_marks_unbalanced_backtick_quote_is_reported() -> None:
    text = "`The vote is off, the chair declared.\n\nNothing more was said."
    found = find_marked(text, paragraph_spans(text))
    assert [(text[m.start:m.end], m.flags) for m in found] == [
        ("The vote is off, the chair declared.", ("unbalanced",))]


def test_marks_quoted_exchange_inside_a_quotation() -> None:
    text = "\"'Sit down,' the judge said, 'or leave the room.'\" he recalled."
    found = find_marked(text, paragraph_spans(text))
    assert [(text[m.start:m.end], m.nested) for m in found] == [
        ("'Sit down,' the judge said, 'or leave the room.'", False),
        ("Sit down,", True), ("or leave the room.", True)]


def test_marks_inner_quote_after_a_cut_outer_one_is_not_nested() -> None:
    text = "Fine, \" she said, 'we start at nine.'"
    found = find_marked(text, paragraph_spans(text), stops=[text.index("she")])
    assert [(text[m.start:m.end], m.nested) for m in found] == [("we start at nine.", False)]


def test_marks_quote_over_a_wrapped_line_is_one_span() -> None:
    text = ('"Certainly not, Mrs. Clarke, certainly not, when we have never met the\n'
            'family; how could you think it?" asked the colonel, laughing at the idea.')
    assert spans(text) == [text[1:text.index('?"') + 1]]
