"""podium.model.values: the one reader of numbers, times, yes/no and slugs from outside."""

from __future__ import annotations

import time
from datetime import timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podium.model.values import (
    MAX_DURATION,
    check_time_zone,
    exact_number,
    first_bad_text,
    parse_duration,
    slug,
    truth,
    whole_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("93", 93), ("-2", -2), ("+2", 2), ("369.5", Fraction(739, 2)), ("9/2", Fraction(9, 2)), (" 7 ", 7)],
)
def test_exact_numbers(text: str, value: Fraction) -> None:
    assert exact_number(text) == value


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1e3000000", "exponents"),
        ("1E5", "exponents"),
        ("9" * 33, "at most 32 characters"),
        ("9" * 10_000_000, "at most 32 characters"),
        ("１２", "expected a number"),
        ("1_000", "expected a number"),
        ("nan", "expected a number"),
        ("1/0", "denominator of 0"),
        ("1/1001", "denominator of at most 1000"),
        ("1000001", "from -1000000 to 1000000"),
        (10**400, "about 400 digits"),
        (True, "not true or false"),
        (1.5, "expected a number"),
    ],
)
def test_exact_numbers_refused(value: object, fragment: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ValueError, match=fragment):
        exact_number(value)
    assert time.perf_counter() - start < 0.5


def test_floats_only_when_asked() -> None:
    assert exact_number(4.5, floats=True) == Fraction(9, 2)
    assert exact_number(1.33, floats=True) == Fraction(133, 100)
    with pytest.raises(ValueError, match="finite"):
        exact_number(float("inf"), floats=True)
    with pytest.raises(ValueError):
        exact_number(1e300, floats=True)


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=1000))
def test_exact_number_reads_what_str_writes(value: Fraction) -> None:
    assert exact_number(str(value)) == value


@pytest.mark.parametrize("value", ["１２", "+1+1", "1_0", "12.0", "", "9" * 5000, True, 10**30, -1])
def test_whole_numbers_refused(value: object) -> None:
    with pytest.raises(ValueError):
        whole_number(value)


def test_truth() -> None:
    assert truth("Yes") is True and truth("0") is False and truth(False) is False
    for bad in ("+1+1", "2", "", "oui", 1, None):
        with pytest.raises(ValueError, match="yes or no"):
            truth(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("58.056", timedelta(seconds=58, microseconds=56000)),
        ("45:12.345", timedelta(minutes=45, seconds=12, microseconds=345000)),
        ("1:02:03.4", timedelta(hours=1, minutes=2, seconds=3, microseconds=400000)),
        ("5:44'41.101", timedelta(hours=5, minutes=44, seconds=41, microseconds=101000)),
    ],
)
def test_durations(text: str, value: timedelta) -> None:
    assert parse_duration(text) == value


@pytest.mark.parametrize(
    "text", ["４５:12.345", "45:1２.345", "99999999999:00:00", "169:00:00", "1:60:00", "45:1", "-1:00", "1e3"]
)
def test_durations_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_longest_duration_is_accepted() -> None:
    assert parse_duration("168:00:00") == MAX_DURATION


@pytest.mark.parametrize("name", ["A" * 300, "../etc", "Europe/Nowhere", "", "Europe//Paris", 5])
def test_time_zones_refused(name: object) -> None:
    with pytest.raises(ValueError):
        check_time_zone(name)


def test_slug_drops_accents() -> None:
    assert slug("Sergio Pérez") == "sergio-perez"
    assert slug("Jean-Éric Vergne") == "jean-eric-vergne"
    assert slug("  Max   Verstappen ") == "max-verstappen"
    assert slug("東京") == ""


def test_first_bad_text_finds_lone_surrogates_in_keys_and_values() -> None:
    assert first_bad_text({"a": ["ok", {"b": "x\ud800"}]}) == (
        "a[1].b",
        "the text holds an invalid character at position 2 (a lone surrogate)",
    )
    assert first_bad_text({"\udc80": 1}) is not None
    assert first_bad_text({"a": ["ok", 3, None]}) is None
