"""Quote marks in every kind of text, end to end with the shipped models: typewriter and
LaTeX quotes, stray marks, quotes inside quotes, quotes over wrapped lines."""

from __future__ import annotations

from nlp import run

from quotetrack.records import Quote


def _direct(text: str, include_fragments: bool = False) -> list[Quote]:
    return [q for q in run(text, include_fragments).quotes if q.kind == "direct"]


def _words(q: Quote) -> list[str]:
    """The quoted words (each segment's), marks and spacing aside."""
    pieces = [s.text for s in q.segments] or [q.text]
    return " ".join(pieces).replace("`", " ").replace("'", " ").split()


def test_nesting_typewriter_single_and_latex_double_quotes() -> None:
    text = "`Hello,' he said, ``how are you doing?''"
    [q] = _direct(text)
    assert [s.text for s in q.segments] == ["Hello,", "how are you doing?"]
    assert q.cue is not None and q.cue.lemma == "say"
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_nesting_stray_mark_never_swallows_the_narration() -> None:
    text = "Done,   \" the guard said, 'now open the gate for the trucks.'"
    quotes = _direct(text, include_fragments=True)
    assert [q.text for q in quotes] == ["now open the gate for the trucks."]
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"


def test_nesting_unbalanced_quote_stops_at_the_cue() -> None:
    text = ('"We expected a full recount of every ballot in the county, the mayor said on'
            ' Friday, and none came.')
    [q] = _direct(text, include_fragments=True)
    assert q.text == "We expected a full recount of every ballot in the county,"
    assert "unbalanced" in q.flags
    assert q.speaker_mention is not None and q.speaker_mention.text == "the mayor"


def test_nesting_quoted_exchange_inside_a_quotation() -> None:
    text = "\"'Sit down,' the judge said, 'or leave the courtroom right now.'\""
    quotes = _direct(text, include_fragments=True)  # inner quotes: the full view only
    outer = [q for q in quotes if "nested" not in q.flags]
    inner = [q for q in quotes if "nested" in q.flags]
    assert [q.text for q in outer] == ["'Sit down,' the judge said, 'or leave the courtroom"
                                       " right now.'"]
    assert [_words(q) for q in inner] == [["Sit", "down,", "or", "leave", "the", "courtroom",
                                           "right", "now."]]
    assert inner[0].cue is not None and inner[0].cue.text == "said"
    assert inner[0].speaker_mention is not None and inner[0].speaker_mention.text == "the judge"


def test_nesting_inner_quote_credited_inside_the_outer_one() -> None:
    text = ('Rosa Delgado told the inquiry: "My foreman walked in and said, \'Nobody leaves'
            ' before the count is done,\' and then he locked the door."')
    quotes = run(text, include_fragments=True).quotes
    outer = next(q for q in quotes if "nested" not in q.flags)
    inner = next(q for q in quotes if "nested" in q.flags)
    assert outer.speaker == "Rosa Delgado"
    assert inner.text == "Nobody leaves before the count is done,"
    assert inner.speaker_mention is not None and inner.speaker_mention.text == "My foreman"


def test_nesting_first_person_inside_goes_to_the_outer_speaker() -> None:
    text = ('"I told them plainly, \'The bridge stays closed until the engineers sign off,\'"'
            ' said Tomas Berg, the county engineer.')
    quotes = run(text, include_fragments=True).quotes
    outer = next(q for q in quotes if "nested" not in q.flags)
    inner = next(q for q in quotes if "nested" in q.flags)
    assert outer.speaker == "Tomas Berg"
    assert inner.speaker == "Tomas Berg"


def test_nesting_scare_quotes_inside_a_quote_are_fragments() -> None:
    text = ('"The so-called \'temporary\' closure has lasted a year, and nobody is fixing'
            ' the road," said Ana Ruiz.')
    assert all("nested" not in q.flags for q in run(text).quotes)
    inner = [q for q in run(text, include_fragments=True).quotes if "nested" in q.flags]
    assert [(q.text, "fragment" in q.flags) for q in inner] == [("temporary", True)]


def test_nesting_quote_over_a_wrapped_line() -> None:
    text = ('"Certainly not, Mrs. Clarke, certainly not, when we have never met the\n'
            'family; how could you think such a thing?" the colonel said, laughing.')
    [q] = _direct(text)
    assert q.text == text[1:text.index('?"') + 1]
    assert q.speaker_mention is not None and q.speaker_mention.text == "the colonel"


def test_nesting_inner_quotes_are_no_quotes_of_their_own_by_default() -> None:
    # speech quoted inside a quotation is the outer speaker's words (news annotation,
    # the team's and PolNeAR's alike, counts no separate quote for it)
    text = ('Rosa Delgado told the inquiry: "My foreman walked in and said, \'Nobody leaves'
            ' before the count is done,\' and then he locked the door."')
    result = run(text)
    assert [q.speaker for q in result.quotes] == ["Rosa Delgado"]
    assert "nested" not in result.quotes[0].flags
    assert [s.name for s in result.speakers] == ["Rosa Delgado"]
