"""quotetrack.models.ner_data: GUM entity mentions become the IOB2 names a NER model learns."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrack.models.ner_data import gum_tags, read_gum

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _block(rows: list[tuple[str, str, str, str, int, str, str]]) -> list[str]:
    """CoNLL-U lines from (form, upos, xpos, entity, head, deprel, misc extra) rows."""
    lines = []
    for n, (form, upos, xpos, entity, head, deprel, _) in enumerate(rows, start=1):
        misc = f"Entity={entity}" if entity else "_"
        lines.append("\t".join([str(n), form, form, upos, xpos, "_", str(head), deprel, "_",
                                misc]))
    return lines


def _names(rows: list[tuple[str, str, str, str, int, str, str]]) -> list[tuple[str, str]]:
    sent = gum_tags(_block(rows))
    out: list[tuple[str, str]] = []
    for form, tag in sent:
        if tag.startswith("B-"):
            out.append((form, tag[2:]))
        elif tag.startswith("I-"):
            out[-1] = (f"{out[-1][0]} {form}", out[-1][1])
    return out


def test_an_organisation_named_after_a_person_is_not_a_name() -> None:
    rows = [("the", "DET", "DT", "(1-organization-new", 3, "det", ""),
            ("Bush", "PROPN", "NNP", "", 3, "compound", ""),
            ("administration", "NOUN", "NN", "1)", 4, "nsubj", ""),
            ("said", "VERB", "VBD", "", 0, "root", "")]
    assert _names(rows) == []


def test_the_person_nested_in_an_unnamed_mention_keeps_its_type() -> None:
    rows = [("the", "DET", "DT", "(1-organization-new", 3, "det", ""),
            ("Bush", "PROPN", "NNP", "(2-person-new)", 3, "compound", ""),
            ("administration", "NOUN", "NN", "1)", 4, "nsubj", ""),
            ("said", "VERB", "VBD", "", 0, "root", "")]
    assert _names(rows) == [("Bush", "PER")]


def test_a_name_runs_through_words_tagged_as_proper_nouns() -> None:
    rows = [("the", "DET", "DT", "(1-place-new", 3, "det", ""),
            ("United", "VERB", "NNP", "", 3, "amod", ""),
            ("States", "PROPN", "NNPS", "1)", 0, "root", "")]
    assert _names(rows) == [("United States", "LOC")]


def test_a_person_loses_titles_and_adjectives_but_not_family_names() -> None:
    rows = [("Russian", "ADJ", "JJ", "(1-person-new", 3, "amod", ""),
            ("President", "PROPN", "NNP", "", 3, "nmod:desc", ""),
            ("Vladimir", "PROPN", "NNP", "", 0, "root", ""),
            ("Putin", "PROPN", "NNP", "1)", 3, "flat", "")]
    assert _names(rows) == [("Vladimir Putin", "PER")]


def test_an_organisation_keeps_its_leading_words() -> None:
    rows = [("the", "DET", "DT", "(1-organization-new", 4, "det", ""),
            ("Russian", "ADJ", "JJ", "", 4, "amod", ""),
            ("Foreign", "PROPN", "NNP", "", 4, "compound", ""),
            ("Ministry", "PROPN", "NNP", "1)", 0, "root", "")]
    assert _names(rows) == [("Russian Foreign Ministry", "ORG")]


def test_a_described_person_is_named_by_the_apposition() -> None:
    rows = [("English", "ADJ", "JJ", "(1-person-new", 2, "amod", ""),
            ("captain", "NOUN", "NN", "", 0, "root", ""),
            ("Harry", "PROPN", "NNP", "", 2, "appos", ""),
            ("Kane", "PROPN", "NNP", "1)", 3, "flat", "")]
    assert _names(rows) == [("Harry Kane", "PER")]


def test_a_people_is_not_a_person() -> None:
    rows = [("Americans", "PROPN", "NNPS", "(1-person-new)", 2, "nsubj", ""),
            ("voted", "VERB", "VBD", "", 0, "root", "")]
    assert _names(rows) == []


def test_the_shared_gum_train_split_names_the_united_states() -> None:
    gum = SHARED / "ud" / "UD_English-GUM" / "en_gum-ud-train.conllu.gz"
    if not gum.exists():
        pytest.skip("shared GUM treebank not present")
    names = [" ".join(w for w, t in s[k:k + 2]) for s in read_gum(gum)
             for k, (_, t) in enumerate(s) if t == "B-LOC"]
    assert names.count("United States") > 40


def test_two_people_are_two_names_and_a_title_alone_is_none() -> None:
    rows = [("Mario", "PROPN", "NNP", "(1-person-new", 0, "root", ""),
            ("Lucero", "PROPN", "NNP", "", 1, "flat", ""),
            ("and", "CCONJ", "CC", "", 4, "cc", ""),
            ("Isabel", "PROPN", "NNP", "(2-person-new", 1, "conj", ""),
            ("Ruiz", "PROPN", "NNP", "2)1)", 4, "flat", ""),
            ("met", "VERB", "VBD", "", 0, "root", ""),
            ("the", "DET", "DT", "(3-person-new", 8, "det", ""),
            ("President", "PROPN", "NNP", "3)", 6, "obj", "")]
    assert _names(rows) == [("Mario Lucero", "PER"), ("Isabel Ruiz", "PER")]
