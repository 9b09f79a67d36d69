"""The Sebring 2020 demo season in the store: it reproduces the standings before Sebring exactly, the
real race 15 applies, and a penalty after a title was clinched changes the champion when it should."""

from __future__ import annotations

import tomllib
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from podium.importers.alkamel import read_alkamel
from podium.importers.podium_csv import parse_results
from podium.importers.textfile import TextFile
from podium.model import Season
from podium.rules import Ruleset
from podium.standings import Standings, compute_standings, countback_vector
from podium.store import Store
from podium.store.demo import demo_folder, load_sebring_demo
from storekit import (  # noqa: F401
    db_url_fixture,
    demo_fixture,
    demo_template_fixture,
    demo_url_fixture,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NEW_YORK = ZoneInfo("America/New_York")
SCENARIOS = {"platinum": "platinum", "platinum-masters": "masters", "gold": "gold"}


def table(store: Store, classification: str, **kwargs: object) -> tuple[Standings, Season, Ruleset]:
    season, ruleset = store.season("gt3-usa-2020", **kwargs)  # type: ignore[arg-type]
    return compute_standings(season, ruleset, classification), season, ruleset


def points(standings: Standings) -> dict[str, Fraction]:
    return {row.name: row.points for row in standings.rows}


@pytest.mark.parametrize("classification", list(SCENARIOS))
def test_standings_before_sebring_are_the_scenario(demo: Store, classification: str) -> None:
    scenario = tomllib.loads((EXAMPLES / f"sebring-2020-{SCENARIOS[classification]}.toml").read_text("utf-8"))
    standings, _, ruleset = table(demo, classification)
    assert standings.after_round == 7
    listed = scenario["competitors"]
    assert [row.name for row in standings.rows[: len(listed)]] == [c["name"] for c in listed]
    width = 30
    for competitor in listed:
        row = next(r for r in standings.rows if r.name == competitor["name"])
        assert row.points == Fraction(competitor["points"]), competitor["name"]
        if "countback" in competitor:
            vector = countback_vector(row.scores, ruleset.scoring(classification).tiebreak, width)
            expected = tuple(competitor["countback"]) + (0,) * (width - len(competitor["countback"]))
            assert vector == expected, competitor["name"]
    # Everyone below the listed competitors (guests who missed Sebring) scored less than the last.
    last = Fraction(listed[-1]["points"])
    assert all(row.points < last for row in standings.rows[len(listed) :])


def test_sebring_field_and_event(demo: Store) -> None:
    season, _ = demo.season("gt3-usa-2020")
    sebring = season.event(8)
    assert (sebring.venue, sebring.time_zone) == ("Sebring International Raceway", "America/New_York")
    race1, race2 = sebring.session("r08-race-1"), sebring.session("r08-race-2")
    assert race1.scheduled_start == datetime(2020, 11, 13, 8, 0)
    assert race2.scheduled_start == datetime(2020, 11, 13, 14, 35)
    assert race1.broadcast == "imsa.tv" and race1.scheduled_duration is not None
    assert sebring.session("r08-qualifying").scheduled_start == datetime(2020, 11, 12, 10, 40)
    field = [e for e in season.entries if e.valid_in(8)]
    classes = {c.id: c for c in season.classifications}

    def members(class_id: str) -> int:
        return sum(1 for e in field if season.eligibility(classes[class_id], e, sebring.date))

    assert (len(field), members("platinum"), members("platinum-masters"), members("gold")) == (18, 13, 6, 5)
    assert len(season.events) == 8 and sum(len(e.sessions) for e in season.events) == 17


def test_the_log_tells_the_season_as_it_happened(demo: Store) -> None:
    before_sebring = datetime(2020, 11, 12, 12, tzinfo=NEW_YORK)
    after_st_pete_race_1 = datetime(2020, 10, 24, 23, tzinfo=NEW_YORK)
    now, _, _ = table(demo, "platinum")
    assert table(demo, "platinum", as_of=before_sebring)[0] == now
    earlier, _, _ = table(demo, "platinum", as_of=after_st_pete_race_1)
    assert earlier.rows[0].name == "Jeff Kingsley" and earlier.rows[0].points == 478 - 35


def test_race_15_is_the_real_one_and_the_titles_follow(demo: Store, demo_url: str) -> None:
    sheet = read_alkamel(demo_folder() / "results" / "r08-race-1-alkamel.csv")
    demo.import_results("gt3-usa-2020", "r08-race-1", sheet, reason="official results")
    platinum = points(table(demo, "platinum")[0])
    kingsley, dickinson = platinum["Jeff Kingsley"], platinum["Riley Dickinson"]
    assert (kingsley, dickinson) == (Fraction(478 + 32), Fraction(447 + 35))  # 28 points apart
    masters = points(table(demo, "platinum-masters")[0])
    assert masters["Alan Metni"] == 475 + 35
    # Metni's title is sure: even winning the last race, Luck stays behind.
    assert all(masters["Alan Metni"] > p + 35 for name, p in masters.items() if name != "Alan Metni")


def test_load_sebring_demo_after_race_1(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert load_sebring_demo(url, after_race_1=True) == "gt3-usa-2020"
    assert load_sebring_demo(url, after_race_1=True) == "gt3-usa-2020"  # overwrites, does not duplicate
    from podium.store import open_store

    store = open_store(url)
    try:
        assert [s.ref for s in store.seasons()] == ["gt3-usa-2020"]
        standings, season, _ = table(store, "platinum")
        winner = next(r for r in season.results_for("r08-race-1") if r.position == 1)
        assert season.entry(winner.entry).drivers == ("riley-dickinson",)
        assert standings.rows[0].points == 510
        morning = datetime(2020, 11, 13, 9, 0, tzinfo=NEW_YORK)
        assert table(store, "platinum", as_of=morning)[0].rows[0].points == 478  # results came out at 09:30
    finally:
        store.close()


RACE_16 = """\
position,number,laps,time
1,16,20,45:40.000
2,53,20,45:44.977
3,24,20,45:50.100
4,99,20,45:51.000
5,11,20,45:52.000
6,7,20,45:53.000
7,21,20,45:54.000
8,45,20,45:55.000
9,32,20,45:56.000
10,88,20,45:57.000
11,58,20,45:58.000
12,66,20,45:59.000
13,71,20,46:00.000
14,30,20,46:10.000
15,12,20,46:11.000
16,65,20,46:12.000
17,44,20,46:13.000
18,77,20,46:14.000
"""


def test_a_penalty_after_the_title_was_clinched_changes_the_champion(demo: Store) -> None:
    ref = "gt3-usa-2020"
    sheet = read_alkamel(demo_folder() / "results" / "r08-race-1-alkamel.csv")
    demo.import_results(ref, "r08-race-1", sheet, reason="official results")
    masters = points(table(demo, "platinum-masters")[0])
    assert all(
        masters["Alan Metni"] > p + 35 for name, p in masters.items() if name != "Alan Metni"
    )  # clinched
    demo.import_results(
        ref, "r08-race-2", parse_results(TextFile("r08-race-2.csv", RACE_16)), reason="official"
    )
    final, before, _ = table(demo, "platinum-masters")
    top = [(r.name, r.points) for r in final.rows[:2]]
    assert top == [("Alan Metni", Fraction(542)), ("Charlie Luck", Fraction(508))]
    # Post-race scrutineering disqualifies Metni's car from race 15: the title he had clinched goes.
    penalty = demo.add_penalty(ref, "r08-race-1", "99", disqualify=True, reason="ride height, race 15")
    after, season, ruleset = table(demo, "platinum-masters")
    top = [(r.name, r.points) for r in after.rows[:2]]
    assert top == [("Charlie Luck", Fraction(509)), ("Alan Metni", Fraction(507))]
    # Everyone behind moved up: McAlister, 4th of Platinum in race 15, is now 3rd.
    race15 = compute_standings(season, ruleset, "platinum").row("jake-mcalister").scores[-2]
    assert (race15.session, race15.position, race15.points) == ("r08-race-1", 3, Fraction(30))
    # Appeal upheld: the undo restores the season exactly, and Metni's title.
    demo.undo(penalty.id, reason="appeal upheld")
    assert demo.season(ref)[0] == before
    assert table(demo, "platinum-masters")[0] == final
