"""Tokenizer repairs (sentence splits inside names, words kept whole): the pure rules,
and the shipped pipeline with them."""

from __future__ import annotations

import pytest

from quotetrack.models.tokenizer_repairs import join_name_splits, keep_spelled_words
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
    # a lower-case word after the boundary is no name
    ("Mayor Laura whitehorse said.", ["Mayor Laura", "whitehorse said ."], 2),
    # a lower-case word with no stop after it ends no sentence before a title-case word
    ("Haapala, a 31-year-old Finn in his first season, said so.",
     ["Haapala , a 31 - year - old", "Finn in his first season , said so ."], 1),
    # unless the next sentence opens with a function word, or a number ends the first
    ("We have limited time What are the best sights?",
     ["We have limited time", "What are the best sights ?"], 2),
    ("It rose 0.0585 Analysts said so.", ["It rose 0.0585", "Analysts said so ."], 2),
    # an abbreviation in capitals in prose ends no sentence before a name; a time's does
    ("Liberal MP Kwame Asante-Boyle said so.", ["Liberal MP", "Kwame Asante-Boyle said so ."],
     1),
    ("Sent 08:02 PM Steve called.", ["Sent 08:02 PM", "Steve called ."], 2),
    # a title's abbreviation ends no sentence before the name it titles, split or not
    ("PAA chair Capt. Lorna Whitehorse said so.", ["PAA chair Capt.", "Lorna Whitehorse "
                                                     "said so ."], 1),
    ("It fell in 2019. Coun. Priya Obi said so.", ["It fell in 2019 .", "Coun .",
                                                   "Priya Obi said so ."], 2),
    # but a suffix does ("Smith Jr." | "He ...")
    ("He met John Smith Jr. He left.", ["He met John Smith Jr.", "He left ."], 2),
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


def test_keep_spelled_words_undoes_splits_of_real_words_only() -> None:
    sentences: list[list[str | tuple[str, bool]]] = [
        [("Its", True), "chief", "said", "no", "."],
        ["They", ("dont", True), ("can't", True), ("cannot", True), ("were", True)]]
    assert keep_spelled_words(sentences) == [
        ["Its", "chief", "said", "no", "."],
        ["They", ("dont", True), ("can't", True), ("cannot", True), "were"]]


def test_shipped_pipeline_reads_its_as_a_possessive() -> None:
    doc = parsed("Its project manager, Oksana Petrenko, said the crew had worked through "
                 "two winters. The firm and its chief said no. It's raining.")
    its = [t for t in doc.tokens if t.text.lower() == "its"]
    assert len(its) == 2 and all(t.deprel == "nmod:poss" for t in its)
    assert [t.text for t in doc.tokens if t.text.lower().startswith("it")] == [
        "Its", "its", "It"]


def test_join_name_splits_over_a_plural_possessive() -> None:
    text = "The Alberta Cattle Producers' Alliance said no."
    sentences: list[list[str | tuple[str, bool]]] = [
        ["The", "Alberta", "Cattle", "Producers", "'"], ["Alliance", "said", "no", "."]]
    assert len(join_name_splits(sentences, text)) == 1


def test_join_name_splits_before_a_hyphen_glued_on() -> None:
    text = "Arash Mohammadi-Fox said so."
    sentences: list[list[str | tuple[str, bool]]] = [["Arash", "Mohammadi"],
                                                     ["-Fox", "said", "so", "."]]
    assert len(join_name_splits(sentences, text)) == 1


def test_join_hyphen_splits_keeps_a_hyphenated_given_name_one_word() -> None:
    from quotetrack.models.tokenizer_repairs import join_hyphen_splits
    text = "said Lin Po-han, a researcher, and a well- known critic."
    sentences: list[list[str | tuple[str, bool]]] = [
        ["said", "Lin", "Po-", "han", ",", "a", "researcher", ",", "and", "a", "well-",
         "known", "critic", "."]]
    out = join_hyphen_splits(sentences, text)
    assert out[0][:4] == ["said", "Lin", "Po-han", ","]
    assert "well-" in out[0]  # lower-case before the hyphen, a space after: unchanged


def test_shipped_pipeline_reads_a_hyphenated_given_name_as_one_name() -> None:
    doc = parsed("The drills were larger, said Lin Po-han, a military researcher.")
    assert "Po-han" in [t.text for t in doc.tokens]


def test_keep_spelled_words_keeps_a_name_going_after_a_title_case_word() -> None:
    sentences: list[list[str | tuple[str, bool]]] = [
        ["said", "Thomas", ("Whynot", True), "."],
        ["Why", "I", ("Cannot", True), "Go"], [("Whynot", True), "?"]]
    assert keep_spelled_words(sentences) == [
        ["said", "Thomas", "Whynot", "."],
        ["Why", "I", ("Cannot", True), "Go"], [("Whynot", True), "?"]]


def test_shipped_pipeline_keeps_a_surname_whole_after_a_split_it_undid() -> None:
    """The tokenizer ended a sentence after ``Thomas`` and read ``Whynot`` as ``Why`` +
    ``not``: the name is joined first, then kept one word."""
    doc = parsed("In a post on LinkedIn, Tidewater's chief engineer, Thomas Whynot, "
                 "thanked the team and wrote that the engineers \"will learn more from "
                 "this than from ten successful launches.\"")
    assert len(doc.sentences) == 1
    assert "Whynot" in [t.text for t in doc.tokens]
