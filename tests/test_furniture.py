"""Page furniture, titles and clean quote text (furniture.py, quotes.py) through the real
shipped model: labels, headings, captions and titles are never quotes; a statement in
pieces holds only its own words; quotes come in text order."""

from __future__ import annotations

from quotetrack.extract.furniture import heading, sentence_end
from tests.nlp import run

SAID = "The mayor said the bridge would reopen in May after the repairs."


def _texts(text: str, include_fragments: bool = False) -> list[str]:
    return [q.text for q in run(text, include_fragments).quotes]


def test_furniture_related_link_lines_are_no_quotes() -> None:
    text = (f"{SAID}\n\nREAD MORE: Mayor says bridge will reopen in May\n\n"
            "Related: Bridge closed after crash on the river\n\nWATCH: Crews repair the bridge")
    assert _texts(text) == ["the bridge would reopen in May after the repairs"]


def test_furniture_link_titles_that_ask_or_run_on_are_no_quotes() -> None:
    text = (f"{SAID}\n\nREAD MORE: What's in wildfire smoke, and how worried should you be?"
            "\n\nREAD MORE: Killer whales are moving north. Here's what that means for "
            "narwhals")
    assert _texts(text) == ["the bridge would reopen in May after the repairs"]


def test_furniture_headline_with_a_cue_is_no_quote() -> None:
    text = ("Local woman claims the council ignored her complaints for years\n\n"
            "Jane Doe has claimed that the council ignored her complaints for ten years.")
    assert _texts(text) == ["the council ignored her complaints for ten years"]


def test_furniture_headline_name_colon_is_no_speaker_turn() -> None:
    text = ("Frank Messina: An Interview with the 'Mets Poet'\n\n"
            "The poet said he had never called himself that name.")
    assert _texts(text) == ["he had never called himself that name"]


def test_furniture_speaker_turns_in_a_transcript_stay_quotes() -> None:
    text = ("SMITH: We will not accept this deal under any circumstances.\n\n"
            "JONES: Then we have nothing more to discuss today.")
    assert len(_texts(text)) == 2


def test_furniture_caption_is_no_quote() -> None:
    text = f"This image released by the city shows the damaged bridge on Monday.\n\n{SAID}"
    assert _texts(text) == ["the bridge would reopen in May after the repairs"]


def test_furniture_line_shapes() -> None:
    assert heading("Texas student inspires social movement")
    assert heading("An Interview with the 'Mets Poet'")
    assert not heading('"We are ready," Putin said.')
    assert not heading('"I have no doubt there will be more cases"')  # a quotation
    assert not heading('"So far, it\'s the Internet: 1. But it\'s a long game." - M. Ingram')
    assert sentence_end('He said "no."') and not sentence_end("Breaking News")
    assert heading("Biologist tells reporters about ants Tuesday, September 1, 2015")
    assert heading("Dr. J. Smith wins U.S. award")  # abbreviations end no sentence
    assert not heading("The detective was given the material. Rathbun stated")


def test_titles_of_works_are_never_quotes() -> None:
    text = 'The film "The Last Picture Show" opened in 1971 to wide acclaim across the country.'
    assert _texts(text, include_fragments=True) == []
    assert _texts('He wrote "The Art of the Deal" with a ghostwriter in 1987.') == []


def test_scare_quote_in_narration_is_a_fragment() -> None:
    text = 'The new stadium, a "landmark" of sorts, opened in the city centre on Sunday.'
    assert _texts(text) == []
    flags = [q.flags for q in run(text, include_fragments=True).quotes]
    assert flags == [("fragment",)]


def test_interrupted_statement_has_clean_text_and_pieces() -> None:
    text = ('"We will win the vote next week," the senator said in a reference to the '
            'budget fight. "The voters are with us on this one."')
    (q,) = run(text).quotes
    assert q.text == "We will win the vote next week, \u2026 The voters are with us on this one."
    assert [text[s.start:s.end] for s in q.segments] == [
        "We will win the vote next week,", "The voters are with us on this one."]
    assert "said" not in q.text and (q.start, q.end) == (q.segments[0].start,
                                                          q.segments[-1].end)


def test_quotes_come_in_text_order() -> None:
    text = ('"The plan is dead," the senator said. Officials said the talks would resume in '
            'June. "We are not giving up," the mayor added.')
    starts = [q.start for q in run(text).quotes]
    assert len(starts) == 3 and starts == sorted(starts)


def test_colon_introduction_in_the_paragraph_before_names_the_cue() -> None:
    text = ('The company denied the allegations:\n\n"She was never forced to stay there. '
            'She chose to remain on the ship."')
    (q,) = run(text).quotes
    assert q.cue is not None and q.cue.lemma == "deny" and q.speaker == "company"


def test_quoted_words_modifying_a_noun_are_a_label() -> None:
    text = ('The "History" section of the site explains, in a satirical fashion, that the '
            'attack was planned.')
    assert _texts(text) == ["the attack was planned"]


def test_furniture_opening_headline_in_title_case_or_verbless_is_no_quote() -> None:
    titled = ("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to "
              "Avoid Bad Optics.\n\n" + SAID)
    verbless = "The Latest: Trump's leaked taxes not from Connecticut.\n\n" + SAID
    lede = "The governor said that the state would cut taxes next year.\n\n" + SAID
    for text in (titled, verbless):
        assert _texts(text) == ["the bridge would reopen in May after the repairs"]
    assert len(_texts(lede)) == 2  # a sentence with a finite verb opens the article


def test_furniture_title_with_american_final_comma_is_no_quote() -> None:
    text = ('McKinley, who wrote "Make Your Kid a Millionaire," said the plans '
            "were a good start for most families.")
    assert "Make Your Kid a Millionaire," not in _texts(text, include_fragments=True)
