"""Speakers of quotes with no cue in their sentence, through the real shipped model."""

from __future__ import annotations

from tests.nlp import run


def test_cueless_introduction_paragraph() -> None:
    text = ("Mayor Linda Park spoke to reporters on Monday after the council vote.\n\n"
            '"We are not going to raise taxes this year. Not now, not ever."')
    q = run(text).quotes[-1]
    assert q.speaker == "Linda Park"
    assert q.method == "introduction"


def test_cueless_name_line_after_quote() -> None:
    text = ("The council met on Monday.\n\n"
            '"We are not going to raise taxes this year."\n\n'
            "Linda Park, mayor of Springfield")
    q = run(text).quotes[-1]
    assert q.speaker == "Linda Park"
    assert q.method == "name-line"


def test_cueless_words_frame_names_the_speaker() -> None:
    text = ("Her skin broke every day, and in the words of the Crown prosecutor, Mark "
            'Tedeschi, "Gloria spent the last five months of her life crying."')
    q = [q for q in run(text).quotes if q.kind == "direct"][0]
    assert q.speaker == "Mark Tedeschi" and q.method == "words-of"


def test_cueless_that_was_how_after_a_quote_names_its_speaker() -> None:
    text = ("The province released its surgery wait-time report on Thursday.\n\n"
            '"I have been waiting for a new knee since before my grandson was born."\n\n'
            "That was how Walter Penner, 74, described his situation on Thursday, the day "
            "the report came out.")
    q = [q for q in run(text).quotes if q.kind == "direct"][0]
    assert q.speaker == "Walter Penner" and q.method == "framed-after"
