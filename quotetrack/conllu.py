"""``ParsedDoc`` -> CoNLL-U and JSON (for ``quotetrack parse`` and model scoring)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quotetrack.records import ParsedDoc, Sentence, Token


def _groups(sent: Sentence) -> Iterator[list[Token]]:
    """Words grouped by surface token: a multi-word token's words share one span."""
    group: list[Token] = []
    for t in sent.tokens:
        if group and (t.start, t.end) != (group[0].start, group[0].end):
            yield group
            group = []
        group.append(t)
    if group:
        yield group


def _misc(doc: ParsedDoc, token: Token) -> str:
    parts = [f"start_char={token.start}", f"end_char={token.end}"]
    if token.ner != "O":
        parts.append(f"NER={token.ner}")
    nxt = doc.text[token.end:token.end + 1]
    if token.end < len(doc.text) and not nxt.isspace():
        parts.insert(0, "SpaceAfter=No")
    return "|".join(parts)


def _word_line(sent: Sentence, t: Token, misc: str) -> str:
    head = 0 if t.head < 0 else t.head - sent.first + 1
    cols = [str(t.i - sent.first + 1), t.text.replace("\n", " ") or "_", t.lemma or "_",
            t.upos, t.xpos, t.feats, str(head), t.deprel, "_", misc]
    return "\t".join(cols)


def sentence_conllu(doc: ParsedDoc, sent: Sentence, sent_id: str) -> str:
    """One sentence block, ending with a blank line."""
    lines = []
    if sent.index == 0 or doc.sentences[sent.index - 1].para != sent.para:
        lines.append("# newpar")
    lines += [f"# sent_id = {sent_id}",
              "# text = " + doc.text[sent.start:sent.end].replace("\n", " ")]
    for group in _groups(sent):
        misc = _misc(doc, group[0])
        if len(group) > 1:
            a, b = group[0].i - sent.first + 1, group[-1].i - sent.first + 1
            surface = doc.text[group[0].start:group[0].end]
            lines.append(f"{a}-{b}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
            lines += [_word_line(sent, t, "_") for t in group]
        else:
            lines.append(_word_line(sent, group[0], misc))
    return "\n".join(lines) + "\n\n"


def to_conllu(doc: ParsedDoc, doc_id: str = "doc") -> str:
    """The whole document as CoNLL-U; empty string for an empty document."""
    return "".join(sentence_conllu(doc, s, f"{doc_id}-{s.index + 1}") for s in doc.sentences)


def to_json(doc: ParsedDoc, doc_id: str = "doc") -> dict[str, Any]:
    """A JSON-ready dict: sentences of words with offsets, heads as document indices."""
    return {"id": doc_id, "model": doc.model, "sentences": [
        {"index": s.index, "paragraph": s.para, "start": s.start, "end": s.end,
         "words": [{"i": t.i, "text": t.text, "lemma": t.lemma, "upos": t.upos,
                    "xpos": t.xpos, "feats": t.feats, "head": t.head, "deprel": t.deprel,
                    "start": t.start, "end": t.end, "ner": t.ner} for t in s.tokens]}
        for s in doc.sentences]}
