"""Speaker words the parse hid (misparsed_subjects.py), through the real shipped model:
each case is a parser slip around a cue that the extraction reads past."""

from __future__ import annotations

import pytest

from tests.nlp import run


def test_misparsed_an_infinitive_s_speaker_is_its_governor_s_object() -> None:
    text = ("Elizabeth Warren questioned John Stumpf on Tuesday. The senator also forced "
            "Stumpf to admit that no senior executives have been held accountable.")
    assert run(text).quotes[-1].speaker == "John Stumpf"


@pytest.mark.parametrize("text", [
    'Douglas Brinkley, a historian who attended the session, recalled, "Out of nowhere, the '
    'president changed the subject."',
    'Douglas Brinkley, a historian who attended the session, recalled, "Out of nowhere, he '
    "said, 'If we don't do anything on the climate issue, all bets are off.'\"",
])
def test_misparsed_a_cue_after_a_name_s_appositive_is_that_name_s(text: str) -> None:
    q = run(text).quotes[-1]
    assert q.speaker == "Douglas Brinkley"
    assert q.speaker_mention is not None and "recalled" not in q.speaker_mention.text


def test_misparsed_a_person_after_a_fronted_place_is_the_subject() -> None:
    text = ("Outside Queen Elizabeth Secondary in Surrey, parent Harjit Dhillon, who is not "
            "related to the union president, said he supported the teachers but worried "
            "about his daughter's Grade 12 exams.")
    assert run(text).quotes[-1].speaker == "Harjit Dhillon"


@pytest.mark.parametrize("text", [
    "Delmont Pharmaceuticals Inc. denied the claims. A spokeswoman for Delmont, which is "
    "based in Parsippany, New Jersey, said the company disagreed with the decision and "
    'would "continue to defend itself vigorously."',
    # a relative clause's "based" makes no description definite (not the judge)
    "U.S. District Judge Helen Marchetti ruled that the case could go on. A spokeswoman for "
    "Delmont, which is based in Parsippany, New Jersey, said the company disagreed with "
    "the decision.",
])
def test_misparsed_the_reported_clause_s_subject_is_not_the_cue_s(text: str) -> None:
    assert run(text).quotes[-1].speaker == "spokeswoman for Delmont"


@pytest.mark.parametrize("text, speaker", [
    ("Patient advocates said the case had exposed how little competition exists.",
     "Patient advocates"),
    ("Consumer advocates said the fees were too high.", "Consumer advocates"),
])
def test_misparsed_a_plural_noun_read_as_a_verb_before_the_cue_heads_its_subject(
        text: str, speaker: str) -> None:
    q = run(text).quotes[-1]
    assert (q.speaker, q.speaker_kind) == (speaker, "group")
