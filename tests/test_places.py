"""Place names and the public bodies named after them (pure, no model)."""

from __future__ import annotations

import pytest

from quotetrack.extract.places import is_place, place_body


@pytest.mark.parametrize("name, body", [
    ("Health Canada", True),
    ("Indigenous Services Canada", True),
    ("Manitoba Health", True),
    ("Fisheries and Oceans Canada", True),
    ("Northern Ontario", False),  # a direction keeps a place a place
    ("Quebec City", False),
    ("Canada", False),  # a place alone
    ("Jordan Alberta", False),  # a given name first: a person
    ("Northbridge College", False),  # no place in it
])
def test_place_body(name: str, body: bool) -> None:
    assert place_body(name) is body


def test_is_place_reads_case_and_stops() -> None:
    assert is_place("Alberta") and is_place("QUEBEC") and is_place("Canada's")
    assert not is_place("Toronto") and not is_place("Health")


def test_places_a_body_named_after_a_place_of_two_words() -> None:
    from quotetrack.extract.places import place_body

    assert place_body("Elections New Brunswick") and place_body("Nova Scotia Power")
    assert not place_body("New Brunswick") and not place_body("Prince Edward Island")


def test_places_a_first_nation_is_no_public_body_of_its_province() -> None:
    assert place_body("Manitoba Health") and not place_body("Manitoba First Nation")
