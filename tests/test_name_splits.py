"""Sentence splits inside a name: the pure rule, and the shipped pipeline with it."""

from __future__ import annotations

import pytest

from quotetrack.models.name_splits import join_name_splits
from tests.nlp import parsed


def _split(text: str, *pieces: str) -> list[list[str | tuple[str, bool]]]:
    return [list(p.split()) for p in pieces]


@pytest.mark.parametrize("text, pieces, joined", [
    # a boundary between two title-case words one space apart is inside a name
    ("Economist Laura Whitehorse of the institute said so.",
     ["Economist Laura", "Whitehorse of the institute said so ."], 1),
    # a stop, a line break or two spaces mark a real boundary
    ("He left. Laura Whitehorse stayed.", ["He left .", "Laura Whitehorse stayed ."], 2),
    ("Peel Regional\nPolice said so.", ["Peel Regional", "Police said so ."], 2),
    ("Peel Regional  Police said so.", ["Peel Regional", "Police said so ."], 2),
    # a heading in capitals before its paragraph's prose stays its own sentence
    ("SAVE A QUARTER Let us say you think.", ["SAVE A QUARTER", "Let us say you think ."], 2),
    # a lower-case word on either side is no name
    ("He spoke Laura Whitehorse said.", ["He spoke", "Laura Whitehorse said ."], 2),
])
def test_join_name_splits(text: str, pieces: list[str], joined: int) -> None:
    sentences = _split(text, *pieces)
    out = join_name_splits(sentences, text)
    assert len(out) == joined
    assert [w for s in out for w in s] == [w for s in sentences for w in s]


def test_join_name_splits_keeps_multiword_tokens_and_gives_up_on_unknown_words() -> None:
    text = "Mayor Anne Dubé's office said no."
    sentences: list[list[str | tuple[str, bool]]] = [["Mayor", "Anne"],
                                                     ["Dubé", ("'s", True), "office", "said",
                                                      "no", "."]]
    assert join_name_splits(sentences, text) == [[w for s in sentences for w in s]]
    assert join_name_splits([["Mayor", "Anne"], ["Smith"]], text) == [["Mayor", "Anne"],
                                                                        ["Smith"]]


def test_shipped_pipeline_keeps_a_name_in_one_sentence() -> None:
    doc = parsed("Economist Laura Whitehorse of the Bytown Policy Institute said the overrun "
                 "was not unusual. Peel Regional Police said so.")
    assert len(doc.sentences) == 2
    subjects = {t.text for t in doc.tokens if t.deprel.startswith("nsubj")}
    assert "Police" in subjects or "Regional" in subjects or "Peel" in subjects
