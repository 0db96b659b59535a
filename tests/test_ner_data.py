"""quotetrack.models.ner_data: GUM entity mentions become the IOB2 names a NER model learns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrack.models.ner_data import (
    NEWS_SPLITS,
    gum_tags,
    name_spans,
    read_gum,
    read_news,
    read_texts,
    tag_sentences,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

Row = tuple[str, str, str, str, int, str]  # form, upos, xpos, Entity= value, head, deprel


def _names(rows: list[Row]) -> list[tuple[str, str]]:
    """The (name, type) pairs ``gum_tags`` gives a sentence of CoNLL-U ``rows``."""
    block = ["\t".join([str(n), form, form, upos, xpos, "_", str(head), deprel, "_",
                        f"Entity={entity}" if entity else "_"])
             for n, (form, upos, xpos, entity, head, deprel) in enumerate(rows, start=1)]
    out: list[tuple[str, str]] = []
    for form, tag in gum_tags(block):
        if tag.startswith("B-"):
            out.append((form, tag[2:]))
        elif tag.startswith("I-"):
            out[-1] = (f"{out[-1][0]} {form}", out[-1][1])
    return out


CASES: dict[str, tuple[list[Row], list[tuple[str, str]]]] = {
    "an organisation named after a person is no name": (
        [("the", "DET", "DT", "(1-organization-new", 3, "det"),
         ("Bush", "PROPN", "NNP", "", 3, "compound"),
         ("administration", "NOUN", "NN", "1)", 4, "nsubj"),
         ("said", "VERB", "VBD", "", 0, "root")], []),
    "the person nested in an unnamed mention keeps its type": (
        [("the", "DET", "DT", "(1-organization-new", 3, "det"),
         ("Bush", "PROPN", "NNP", "(2-person-new)", 3, "compound"),
         ("administration", "NOUN", "NN", "1)", 4, "nsubj"),
         ("said", "VERB", "VBD", "", 0, "root")], [("Bush", "PER")]),
    "a name runs through words tagged as proper nouns": (
        [("the", "DET", "DT", "(1-place-new", 3, "det"),
         ("United", "VERB", "NNP", "", 3, "amod"),
         ("States", "PROPN", "NNPS", "1)", 0, "root")], [("United States", "LOC")]),
    "a person loses titles and adjectives but not family names": (
        [("Russian", "ADJ", "JJ", "(1-person-new", 3, "amod"),
         ("President", "PROPN", "NNP", "", 3, "nmod:desc"),
         ("Vladimir", "PROPN", "NNP", "", 0, "root"),
         ("Putin", "PROPN", "NNP", "1)", 3, "flat")], [("Vladimir Putin", "PER")]),
    "an organisation keeps its leading words": (
        [("the", "DET", "DT", "(1-organization-new", 4, "det"),
         ("Russian", "ADJ", "JJ", "", 4, "amod"),
         ("Foreign", "PROPN", "NNP", "", 4, "compound"),
         ("Ministry", "PROPN", "NNP", "1)", 0, "root")], [("Russian Foreign Ministry", "ORG")]),
    "a described person is named by the apposition": (
        [("English", "ADJ", "JJ", "(1-person-new", 2, "amod"),
         ("captain", "NOUN", "NN", "", 0, "root"),
         ("Harry", "PROPN", "NNP", "", 2, "appos"),
         ("Kane", "PROPN", "NNP", "1)", 3, "flat")], [("Harry Kane", "PER")]),
    "a people is no person": (
        [("Americans", "PROPN", "NNPS", "(1-person-new)", 2, "nsubj"),
         ("voted", "VERB", "VBD", "", 0, "root")], []),
    "two people are two names and a title alone is none": (
        [("Mario", "PROPN", "NNP", "(1-person-new", 0, "root"),
         ("Lucero", "PROPN", "NNP", "", 1, "flat"),
         ("and", "CCONJ", "CC", "", 4, "cc"),
         ("Isabel", "PROPN", "NNP", "(2-person-new", 1, "conj"),
         ("Ruiz", "PROPN", "NNP", "2)1)", 4, "flat"),
         ("met", "VERB", "VBD", "", 0, "root"),
         ("the", "DET", "DT", "(3-person-new", 8, "det"),
         ("President", "PROPN", "NNP", "3)", 6, "obj")],
        [("Mario Lucero", "PER"), ("Isabel Ruiz", "PER")]),
    "a described person is named by the flat name after the noun": (
        [("the", "DET", "DT", "(1-person-new", 3, "det"),
         ("music", "NOUN", "NN", "", 3, "compound"),
         ("critic", "NOUN", "NN", "", 0, "root"),
         ("Louis", "PROPN", "NNP", "", 3, "flat"),
         ("Ehlert", "PROPN", "NNP", "1)", 3, "flat")], [("Louis Ehlert", "PER")]),
    "an office and a party's members are no person's name": (
        [("Governor", "PROPN", "NNP", "(1-person-new", 0, "root"),
         ("of", "ADP", "IN", "", 3, "case"),
         ("Virginia", "PROPN", "NNP", "(2-place-new)1)", 1, "nmod"),
         ("and", "CCONJ", "CC", "", 6, "cc"),
         ("Senate", "PROPN", "NNP", "(3-person-new", 6, "compound"),
         ("Democrats", "PROPN", "NNPS", "3)", 1, "conj")], [("Virginia", "LOC")]),
    "a transcription in lower case is no name": (
        [("d(ə)-vor-zhak", "PROPN", "NNP", "(1-person-new)", 0, "root")], []),
}


@pytest.mark.parametrize("case", list(CASES))
def test_gum_mentions_become_names(case: str) -> None:
    rows, names = CASES[case]
    assert _names(rows) == names


def test_the_shared_gum_train_split_names_the_united_states() -> None:
    gum = SHARED / "ud" / "UD_English-GUM" / "en_gum-ud-train.conllu.gz"
    if not gum.exists():
        pytest.skip("shared GUM treebank not present")
    names = [" ".join(w for w, t in s[k:k + 2]) for s in read_gum(gum)
             for k, (_, t) in enumerate(s) if t == "B-LOC"]
    assert names.count("United States") > 40


def _words(text: str) -> list[list[tuple[int, int]]]:
    """One sentence per line, a token per run of letters or a single other character."""
    import re

    out: list[list[tuple[int, int]]] = []
    offset = 0
    for line in text.split("\n"):
        out.append([(offset + m.start(), offset + m.end())
                    for m in re.finditer(r"\w+|[^\w\s]", line)])
        offset += len(line) + 1
    return out


def test_listed_names_tag_every_whole_word_occurrence_longest_first() -> None:
    text = "Sergei Lavrov met the Bank of Canada.\nLavrov's aide said Canada agreed."
    names = [("Lavrov", "PER"), ("Sergei Lavrov", "PER"), ("Canada", "LOC"),
             ("Bank of Canada", "ORG"), ("Lav", "PER")]
    spans = name_spans(text, names)
    assert [(text[a:b], kind) for a, b, kind in spans] == [
        ("Sergei Lavrov", "PER"), ("Bank of Canada", "ORG"), ("Lavrov", "PER"),
        ("Canada", "LOC")]
    tagged = list(tag_sentences(text, _words(text), spans))
    assert tagged[0][:2] == [("Sergei", "B-PER"), ("Lavrov", "I-PER")]
    assert tagged[0][4:7] == [("Bank", "B-ORG"), ("of", "I-ORG"), ("Canada", "I-ORG")]
    assert tagged[1][:2] == [("Lavrov", "B-PER"), ("'", "O")]
    assert ("Canada", "B-LOC") in tagged[1]


def test_two_names_side_by_side_each_begin(tmp_path: Path) -> None:
    gold = tmp_path / "set.jsonl"
    gold.write_text('{"id": "a1", "text": "Ottawa Paris", "quotes": []}\n', "utf-8")
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "a1.json").write_text(
        '{"entities": [{"text": "Ottawa", "type": "LOC"}, {"text": "Paris", "type": "LOC"},'
        ' {"text": "Ottawa Paris", "type": "OTH"}]}', "utf-8")
    assert list(read_news(gold, tmp_path / "set", _words)) == [
        [("Ottawa", "B-LOC"), ("Paris", "B-LOC")]]


def test_a_set_written_for_ner_reads_its_text_files(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "01-mail.txt").write_text("Hi Dana, Acme Corp moved to Denver.", "utf-8")
    (texts / "02-post.txt").write_text("Denver wins.", "utf-8")
    (texts / "notes.md").write_text("Denver", "utf-8")  # not a text of the set
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "01-mail.json").write_text(
        '{"entities": [{"text": "Dana", "type": "PER"}, {"text": "Acme Corp", "type": "ORG"},'
        ' {"text": "Denver", "type": "LOC"}]}', "utf-8")
    (tmp_path / "set" / "02-post.json").write_text('{"entities": []}', "utf-8")
    assert list(read_texts(texts, tmp_path / "set", _words)) == [
        [("Hi", "O"), ("Dana", "B-PER"), (",", "O"), ("Acme", "B-ORG"), ("Corp", "I-ORG"),
         ("moved", "O"), ("to", "O"), ("Denver", "B-LOC"), (".", "O")],
        [("Denver", "O"), ("wins", "O"), (".", "O")]]


def _set_texts(fixtures: Path, name: str) -> dict[str, str]:
    gold = fixtures / "gold" / f"{name}.jsonl"
    if gold.exists():
        docs = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
        return {d["id"]: d["text"] for d in docs}
    folder = fixtures / "ner" / "texts" / name
    return {p.stem: p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))}


def test_every_ner_set_lists_names_that_occur_in_its_texts() -> None:
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    for name in (n for names in NEWS_SPLITS.values() for n in names):
        texts = _set_texts(fixtures, name)
        assert len(texts) >= 10, name
        for doc_id, text in texts.items():
            listed = json.loads((fixtures / "ner" / name / f"{doc_id}.json").read_text("utf-8"))
            assert listed["entities"], (name, doc_id)
            for entity in listed["entities"]:
                assert entity["type"] in ("PER", "ORG", "LOC"), (name, doc_id, entity)
                assert entity["text"] in text, (name, doc_id, entity)
