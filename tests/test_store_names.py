"""Pure helpers of the store: name keys, first-name compatibility, lenient dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrack.store.convert import norm_text, parse_date, until_bound
from quotetrack.store.names import compatible_first, fold, name_key, person_parts, usable_alias


@pytest.mark.parametrize(("name", "kind", "key"), [
    ("Sergei Lavrov", "person", "sergei lavrov"),
    ("Foreign Minister Sergei Lavrov", "person", "sergei lavrov"),
    ("U.S. President Donald J. Trump", "person", "donald j trump"),
    ("Sen. Elizabeth Warren", "person", "elizabeth warren"),
    ("Massachusetts Sen. Elizabeth Warren", "person", "elizabeth warren"),
    ("Russian President Putin", "person", "putin"),
    ("Mr. Poroshenko", "person", "poroshenko"),
    ("Martin Luther King Jr.", "person", "martin luther king jr"),
    ("François  Hollande", "person", "francois hollande"),
    ("the White House", "organization", "white house"),
    ("The Kremlin", "organization", "kremlin"),
    ("President", "person", "president"),
    ("…", "person", ""),
])
def test_names_name_key(name, kind, key):
    assert name_key(name, kind) == key


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("donald", "donald", True), ("d", "donald", True), ("don", "donald", True),
    ("sergei", "sergey", True), (None, "hillary", True), ("hillary", "bill", False),
    ("melania", "donald", False), ("jo", "john", False), ("anna", "anne", True),
])
def test_names_compatible_first(a, b, ok):
    assert compatible_first(a, b) is ok
    assert compatible_first(b, a) is ok


def test_names_person_parts_and_aliases():
    assert person_parts("robert f kennedy jr") == ("robert", "kennedy")
    assert person_parts("lavrov") == (None, "lavrov")
    assert usable_alias("Lavrov", "person") and usable_alias("the White House", "organization")
    assert not usable_alias("he", "person") and not usable_alias("the minister", "person")


@given(st.text(max_size=40))
def test_names_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2017-11-10", datetime(2017, 11, 10)),
    ("2017-11-10T21:30:00+03:00", datetime(2017, 11, 10, 18, 30)),
    ("2017-11-10T18:30:00Z", datetime(2017, 11, 10, 18, 30)),
    ("November 10, 2017", datetime(2017, 11, 10)),
    ("10 Nov 2017", datetime(2017, 11, 10)),
    ("2017/11/10", datetime(2017, 11, 10)),
    ("Fri, 10 Nov 2017 18:30:00 +0000", datetime(2017, 11, 10, 18, 30)),
    (date(2017, 11, 10), datetime(2017, 11, 10)),
    ("yesterday-ish", None), ("", None), (None, None),
])
def test_convert_parse_date(raw, expected):
    assert parse_date(raw) == expected


def test_convert_until_includes_the_whole_day():
    assert until_bound("2017-03-31") == datetime(2017, 4, 1)
    assert until_bound("2017-03-31T12:00:00") == datetime(2017, 3, 31, 12)


def test_convert_norm_text():
    assert norm_text("  \u201cWe  will\u201d ") == "we will"
