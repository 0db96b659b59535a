"""Speakers of quotes with no cue in their sentence, through the real shipped model."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("text, speaker", [
    # the subject phrase misparsed: a person in apposition inside it, past an owner
    ("The engineer said he had never been told the trench would be that deep.\n\n"
     "Outside court, Tyler's mother, Keiko Arai, held up a photograph of her son in his "
     "graduation gown.\n\n"
     "\"He was saving for an apprenticeship. He wanted to wire houses. He was 19.\"",
     "Keiko Arai"),
    # the subject a place the parser chose over the person after it
    ("The governor said entire villages had been wiped flat.\n\n"
     "In the provincial capital, Borongan, fisherman Danilo Ortega, 47, sheltered with his "
     "wife and three children in a school gymnasium as the storm passed.\n\n"
     "\"The wind sounded like a train that would not stop. We prayed the whole night.\"",
     "Danilo Ortega"),
    # the paragraph opens on the person; its last sentence names nobody
    ("Organizer Marc Caron said many tenants don't know they can refuse an increase.\n\n"
     "Marisol Dorval has lived in the same apartment in Verdun for 11 years. Her landlord "
     "is asking for 14 per cent more, bringing her rent to $1,480 a month.\n\n"
     "\"I work at a daycare. I'm not getting a 14 per cent raise from my boss.\"",
     "Marisol Dorval"),
])
def test_cueless_quote_after_the_paragraph_that_introduces_its_speaker(
        text: str, speaker: str) -> None:
    assert run(text).quotes[-1].speaker == speaker
