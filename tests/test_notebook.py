"""The Python API for notebooks: typed objects and exact DataFrames (docs/python.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import podium
from podium.errors import InputError
from podium.notebook import number
from storekit import (  # noqa: F401
    db_url_fixture,
    demo_template_fixture,
    demo_url_fixture,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@given(st.fractions(max_denominator=10**6))
def test_points_stay_exact_in_dataframes(value: Fraction) -> None:
    shown = number(value)
    if isinstance(shown, Decimal):
        assert Fraction(shown) == value
        assert "/" not in str(shown)
    else:
        assert shown == value
        rest = value.denominator
        for prime in (2, 5):
            while rest % prime == 0:
                rest //= prime
        assert rest > 1, "a decimal was exact, so it should have been shown as one"


def test_half_points_read_as_decimals() -> None:
    assert str(number(Fraction(739, 2))) == "369.5"
    assert number(Fraction(1, 7)) == Fraction(1, 7)
    assert str(number(Fraction(25))) == "25"


def test_a_scenario_title_state_as_a_dataframe() -> None:
    scenario = podium.load_scenario(EXAMPLES / "sebring-2020-gold.toml")
    state = scenario.title(conditions=False)
    frame = state.to_pandas()
    assert list(frame.columns) == [
        "competitor",
        "name",
        "points",
        "status",
        "best_position",
        "worst_position",
        "conditions",
    ]
    assert len(frame) == len(state.report.verdicts)
    assert set(frame["status"]) <= {"clinched", "alive", "eliminated"}
    assert state.alive and all(name in set(frame["name"]) for name in state.alive)


def test_a_stored_season_from_python(demo_url: str) -> None:
    season = podium.load_store("gt3-usa-2020", demo_url)
    assert "platinum" in season.classifications
    table = season.standings("platinum").to_pandas()
    assert table.iloc[0]["name"] == "Jeff Kingsley"
    assert table.iloc[0]["points"] == 478
    earlier = season.standings("platinum", after="r07-race-1").to_pandas()
    assert earlier.iloc[0]["points"] < 478


def test_a_missing_scenario_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read scenario"):
        podium.load_scenario(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="no f1db tree"):
        podium.load_f1db(tmp_path / "nope", 2021)
    with pytest.raises(AttributeError):
        _ = podium.no_such_thing


def test_the_loaders_are_those_of_the_command_line(demo_url: str, tmp_path: Path) -> None:
    """podium.sources reads for both: the only stored season needs no name, and a problem names
    what the Python caller passed (``path``), not a command-line option."""
    only = podium.load_store(database=demo_url)
    assert only.season == podium.load_store("gt3-usa-2020", demo_url).season
    assert not only.history
    with pytest.raises(InputError) as caught:
        podium.load_f1db(tmp_path / "nope", 2021)
    assert caught.value.field == "path"
