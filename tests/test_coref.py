"""Speaker coreference through the real shipped model: pronouns and descriptions link
to the named entity they refer to, under agreement and salience."""

from __future__ import annotations

import pytest

from quotetrack.records import Quote
from tests.nlp import run


def speakers(text: str) -> list[Quote]:
    return list(run(text).quotes)


@pytest.mark.parametrize("text, speaker", [
    # a person pronoun never takes a place
    ("Angela Merkel flew to Washington on Monday. She said the talks would continue.",
     "Angela Merkel"),
    # gender from the first name picks one of two people
    ("Angela Merkel met Emmanuel Macron in Paris. He said the euro was strong.",
     "Emmanuel Macron"),
    # an organisation description links to the organisation named earlier
    ("The Ontario Energy Board met on Tuesday. The board said that prices would rise.",
     "Ontario Energy Board"),
    # "it" never takes a person
    ("John Smith works for Microsoft. It said on Monday that sales had risen.", "Microsoft"),
])
def test_coref_links_speaker(text: str, speaker: str) -> None:
    quotes = speakers(text)
    assert quotes, text
    assert quotes[-1].speaker == speaker


def test_coref_full_name_and_role_for_surname() -> None:
    text = ("Russian Foreign Minister Sergei Lavrov arrived in Geneva. "
            "Lavrov said that any agreement would be undermined by infighting.")
    q = speakers(text)[-1]
    assert q.speaker == "Sergei Lavrov"


def test_coref_group_of_two_named_people() -> None:
    text = ("Donald Trump and Vladimir Putin met in Vietnam. The two leaders said that "
            "they were committed to better relations.")
    q = speakers(text)[-1]
    assert set(q.speakers) == {"Donald Trump", "Vladimir Putin"}


def test_coref_indefinite_description_names_nobody() -> None:
    text = ("The Ontario Energy Board met on Tuesday. A spokesman said that prices "
            "would rise.")
    q = speakers(text)[-1]
    assert q.speaker != "Ontario Energy Board"
