"""Speaker turns (turns.py) through the real shipped model: ``NAME: words`` paragraphs."""

from __future__ import annotations

from tests.nlp import run


def test_turns_labelled_lines_listed_under_a_heading_in_capitals_are_no_speech() -> None:
    text = ('"We kept believing," Brennan said after the game.\n\n'
            "BIG PICTURE\n\n"
            "Wexford: The Wolves have lost four of five and have dropped three games this "
            "season.\n\n"
            "Harlan State: The comeback was the Falcons' largest of the season.\n\n"
            "UP NEXT\n\n"
            "Wexford: Hosts Carroll Tech on Wednesday night.\n\n"
            "Harlan State: At Drayton on Tuesday, with first place on the line.")
    assert [q.speaker for q in run(text).quotes] == ["Brennan"]


def test_turns_a_transcript_s_bracketed_note_in_capitals_is_no_heading() -> None:
    text = ("WALLACE: Will she be at the debate tomorrow night, Governor?\n\n"
            "(CROSSTALK.)\n\n"
            "PENCE: Well, the question really should be why they invited her at all.\n\n"
            "WALLACE: But the campaign said that she would be there.")
    assert [q.speaker for q in run(text).quotes] == ["WALLACE", "PENCE", "WALLACE"]
