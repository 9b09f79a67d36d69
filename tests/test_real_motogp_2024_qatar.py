"""MotoGP 2024, round 1 (Qatar, Lusail): the riders', teams' and constructors' tables of the season
opener, scored from nothing by the shipped `motogp-2024` preset from the Tissot Sprint and the Grand
Prix as printed, on one entry list. Nothing is carried in: every published figure after round 1
must come out of the two classifications (sources: tests/data/motogp-2024/README.md).

The teams' table adds both riders of a team (Ducati Lenovo's 46 is Bagnaia's 31 and Bastianini's
15); the constructors' table counts only the best bike of each manufacturer in each session (KTM's
29 is Binder's 9 and 20, not Acosta's 2 and 7 besides)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from motogp import by_round, motogp_round
from podium.model import Event, Season, Session, SessionKind
from podium.model.values import slug
from podium.rules import load_preset
from podium.standings import compute_standings
from published import points_of, rows, table

DATA = Path(__file__).parent / "data" / "motogp-2024"
SHEETS = {"r01-sprint": "r01-qatar-sprint.csv", "r01-race": "r01-qatar-race.csv"}


def _season() -> Season:
    qatar = Event(
        round=1,
        id="qatar",
        name="Qatar Airways Grand Prix of Qatar",
        date=date(2024, 3, 10),
        time_zone="Asia/Qatar",
        sessions=(
            Session("r01-sprint", "Tissot Sprint", SessionKind.SPRINT, scheduled_laps=11, laps_completed=11),
            Session("r01-race", "Grand Prix", SessionKind.RACE, scheduled_laps=21, laps_completed=21),
        ),
    )
    return motogp_round(2024, DATA, "r01-qatar-riders.csv", qatar, SHEETS)


def test_riders_after_round_one() -> None:
    published = table(DATA / "standings-after-r1.csv")
    computed = points_of(_season(), load_preset("motogp-2024"), "riders")
    assert {d: computed[d] for d in published} == published
    # "Seven riders scored nothing", Rins, Marini and Miller among them.
    nothing = sorted(d for d, p in computed.items() if p == 0)
    assert len(nothing) == 7 and {"alex-rins", "luca-marini", "jack-miller"} <= set(nothing)


def test_teams_add_both_riders() -> None:
    published = table(DATA / "teams-after-r1.csv", "team")
    standings = compute_standings(_season(), load_preset("motogp-2024"), "teams")
    computed = {row.competitor: row.points for row in standings.rows}
    assert {t: computed[t] for t in published} == published
    # The order of the first six as fr.motorsport.com gave it, Aprilia (22) fifth.
    order = [slug(name) for name in ("Ducati Lenovo Team", "Gresini Racing MotoGP")]
    order += [slug(name) for name in ("Red Bull KTM Factory Racing", "Prima Pramac Racing", "Aprilia Racing")]
    order.append(slug("Pertamina Enduro VR46 Racing Team"))
    assert [row.competitor for row in standings.rows[:6]] == order
    assert computed["aprilia-racing"] == 22


def test_constructors_count_the_best_bike_of_each_manufacturer() -> None:
    published = table(DATA / "constructors-after-r1.csv", "constructor")
    computed = points_of(_season(), load_preset("motogp-2024"), "constructors")
    assert computed == published
    # The same figures are the first column of the table published after round 14.
    first_column = by_round(DATA / "constructors-after-r14.csv", "constructor")
    assert {m: points[0] for m, points in first_column.items()} == published


def test_the_riders_the_teams_and_the_manufacturers_share_one_entry_list() -> None:
    """Each bike scores once for its rider, once for its team and, if it is its manufacturer's best,
    once for the manufacturer: the three tables are three readings of the same 44 results."""
    season = _season()
    rules = load_preset("motogp-2024")
    riders = points_of(season, rules, "riders")
    teams = points_of(season, rules, "teams")
    roster = {r["entry"]: slug(r["team"]) for r in rows(DATA / "r01-qatar-riders.csv")}
    # Every point paid (12 + 9 + … + 1 in the Sprint, 25 + 20 + … + 1 in the Grand Prix) went to a
    # rider of one of the eleven teams: no wild card raced.
    assert sum(riders.values()) == sum(teams.values()) == 49 + 140
    for team, points in teams.items():
        assert points == sum(p for rider, p in riders.items() if roster[rider] == team)
