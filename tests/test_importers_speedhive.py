"""MyLaps Speedhive results exports, read as the timing system writes them.

The real export (a club race, classes PRO3, SPM, SPU and NCW) lives in
``../shared/data/timing-exports/speedhive-club-race-results.csv`` (source: github.com/wghilliard/deluxxe,
``test/Deluxxe.Tests/TestData/race-results.csv`` at commit ad5705c1; see SOURCE.md there). It is read
in place, not copied: the tests that need it skip when it is absent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from builders import SeasonBuilder
from podium.errors import InputError
from podium.importers.podium_csv import read_entry_list, sniff_results_format
from podium.importers.resolve import resolve_results
from podium.importers.result_formats import parse_result_sheet
from podium.importers.sheets import ResultSheet
from podium.importers.speedhive import parse_speedhive, read_speedhive
from podium.importers.textfile import decode
from podium.model import Car, Classification, Event, Season, Series, Session, SessionKind, Status
from podium.model.values import slug
from podium.rules import parse_ruleset_text
from podium.standings import compute_standings

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timing-exports"
CLUB_RACE = REAL / "speedhive-club-race-results.csv"
HEADER = "Pos,Start Number,Competitor,Class,Total Time,Diff,Laps,Best Lap,Best Lap No.,Best Speed\r\n"


@pytest.fixture(scope="module")
def club_race() -> Path:
    if not CLUB_RACE.is_file():
        pytest.skip("the real Speedhive export is not at ../shared/data/timing-exports")
    return CLUB_RACE


def _sheet(body: str, name: str = "results.csv") -> ResultSheet:
    return parse_speedhive(decode(("\ufeff" + HEADER + body).encode("utf-8"), name))


def test_the_real_export_reads_as_it_is(club_race: Path) -> None:
    sheet = read_speedhive(club_race)
    rows = {r.number: r for r in sheet.rows}
    assert sheet.format == "speedhive" and len(sheet.rows) == 34
    assert [r.number for r in sheet.rows if r.position is not None][:3] == ["71", "151", "121"]
    assert max(r.position or 0 for r in sheet.rows) == 29
    assert rows["71"].time == timedelta(minutes=22, seconds=49, microseconds=128_000)
    assert rows["59"].laps == 7 and rows["59"].position == 29  # 7 laps down, still classified
    assert rows["08"].position == 21  # the number keeps its leading zero
    assert rows["180"].drivers == ('Jonathan "Wes" Griffith',)
    assert (rows["89"].status, rows["89"].laps, rows["89"].position) == (Status.DNF, 1, None)
    assert (rows["63"].status, rows["63"].laps) == (Status.DNF, None)  # '-' laps
    assert rows["225"].status is Status.DNS and rows["225"].started is False and rows["225"].time is None
    # 1:35.658 (#95) beats the winner's 1:35.690; 0.000 (no lap) is not a best lap.
    assert [r.number for r in sheet.rows if r.fastest_lap] == ["95"]
    assert {r.class_name for r in sheet.rows} == {"PRO3", "SPM", "SPU", "NCW"}


def test_auto_detection_picks_the_speedhive_reader(club_race: Path) -> None:
    text = decode(club_race.read_bytes(), club_race.name)
    assert sniff_results_format(text) == "speedhive"
    assert parse_result_sheet(text).format == "speedhive"


def test_the_real_export_scores_each_class(club_race: Path, tmp_path: Path) -> None:
    """Imported into a season whose entry list names each car's class, the class tables follow the
    sheet's order: PRO3 is won by #71, SPM by #180 (7th overall), SPU by #681, NCW by #168."""
    sheet = read_speedhive(club_race)
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "number,driver,classes\n"
        + "".join(
            f'{r.number},"{r.drivers[0].replace(chr(34), chr(34) * 2)}",{slug(r.class_name or "")}\n'
            for r in sheet.rows
        ),
        encoding="utf-8",
    )
    entry_list = read_entry_list(entries)
    season = Season(
        series=Series("club", "Club race"),
        year=2024,
        ruleset="club",
        classifications=tuple(Classification(slug(c), c) for c in ("PRO3", "SPM", "SPU", "NCW")),
        drivers=entry_list.drivers,
        teams=entry_list.teams,
        entries=entry_list.entries,
        events=(
            Event(
                1,
                "club",
                "Club race",
                date(2024, 5, 4),
                sessions=(Session("r01-race", "Race", SessionKind.RACE),),
            ),
        ),
    )
    season = replace(season, results=resolve_results(sheet, season, "r01-race"))
    rules = parse_ruleset_text(
        '[scoring]\nposition_basis = "classification"\nscorers = "classified"\n'
        "[scoring.points]\nrace = [10, 6, 4, 3, 2, 1]\n",
        source="club.toml",
        default_id="club",
    )
    leaders: dict[str, list[tuple[str, Fraction]]] = {}
    for cls in ("pro3", "spm", "spu", "ncw"):
        table = compute_standings(season, rules, cls)
        leaders[cls] = [(row.competitor, row.points) for row in table.rows[:2]]
    assert leaders["pro3"] == [("isaiah-dummer", Fraction(10)), ("matt-lowell", Fraction(6))]
    assert leaders["spm"][0] == ("jonathan-wes-griffith", Fraction(10))
    assert leaders["spm"][1] == ("ivan-prokopets", Fraction(6))  # 29th overall, 7 laps down, classified
    assert leaders["spu"][0] == ("blane-weller", Fraction(10))
    assert leaders["ncw"][0] == ("grayson-hilliard", Fraction(10))


def test_status_in_place_of_a_position_and_a_retirement_with_a_place() -> None:
    body = (
        "1,7,Ann Able,A,20:00.000,0.000,10,1:50.000,3,90 mi/h\r\n"
        "2,8,Bob Best,A,20:05.000,5.000,10,1:49.000,4,91 mi/h\r\n"
        "DQ,9,Cy Cole,A,20:01.000,0.000,10,1:51.000,2,89 mi/h\r\n"
        "DNS,10,Di Dent,A,0.000,0.000,-,0.000,-,-\r\n"
    )
    sheet = _sheet(body)
    assert [(r.number, r.position, r.status) for r in sheet.rows] == [
        ("7", 1, Status.CLASSIFIED),
        ("8", 2, Status.CLASSIFIED),
        ("9", None, Status.DSQ),
        ("10", None, Status.DNS),
    ]


def test_summary_layout_with_a_status_column() -> None:
    """The summary layout (Position, Start Number, Name, Class, Position In Class, Status): a retired
    car printed with a place keeps it as its official place."""
    body = (
        "Position,Start Number,Name,Class,Position In Class,Status\n"
        "1,12,Team One,GP1,1,Finished\n"
        "2,40,Team Two,GP2,1,Finished\n"
        "3,33,Team Three,GP1,2,DNF\n"
    )
    sheet = parse_speedhive(decode(body.encode(), "summary.csv"))
    rows = {r.number: r for r in sheet.rows}
    assert (rows["33"].status, rows["33"].position, rows["33"].official_position) == (Status.DNF, None, 3)
    assert (rows["40"].class_name, rows["40"].class_position) == ("GP2", 1)


def test_every_problem_names_its_line_and_column() -> None:
    body = (
        "1,7,Ann Able,A,20:00.000,0.000,10,1:50.000,3,90 mi/h\r\n"
        "2,8,Bob Best,A,20:05.000,2 laps,9,1:49.000,4,91 mi/h\r\n"
        "3,9,Cy Cole,A,20:0x.000,0.000,10,1:51.000,2,89 mi/h\r\n"
        "4,10,Di Dent,A,21:00.000,0.000,ten,1:52.000,2,89 mi/h\r\n"
        "Finished?,11,Ed Eve,A,21:00.000,0.000,10,1:52.000,2,89 mi/h\r\n"
        "5,,Fay Fox,A,21:00.000,0.000,10,1:52.000,2,89 mi/h\r\n"
    )
    with pytest.raises(InputError) as exc:
        _sheet(body, "club.csv")
    # One pass (issue 16): the lines that cannot be read and the cells that are wrong, together.
    found = {(p.source, p.line, p.field) for p in exc.value.problems}
    assert found == {
        ("club.csv", 3, "Diff"),
        ("club.csv", 4, "Total Time"),
        ("club.csv", 5, "Laps"),
        ("club.csv", 6, "Pos"),
        ("club.csv", 7, "Start Number"),
    }
    diff = next(p for p in exc.value.problems if p.field == "Diff")
    assert diff.message == "Diff says '2 laps' behind, but the car has 9 laps and the winner 10 (1 down)"


def test_every_problem_of_the_file_and_of_the_season_in_one_pass() -> None:
    """Issue 16: bad laps, a broken order and an unknown car #999 are named in one error, not #999
    only once the first two are fixed."""
    body = (
        "1,7,Ann Able,A,20:00.000,0.000,10,1:50.000,3,90 mi/h\r\n"
        "2,8,Bob Best,A,20:05.000,5.000,ten,1:49.000,4,91 mi/h\r\n"
        "2,9,Cy Cole,A,20:09.000,9.000,10,1:51.000,2,89 mi/h\r\n"
        "4,999,Di Dent,A,20:10.000,10.000,10,1:52.000,2,89 mi/h\r\n"
    )
    b = SeasonBuilder()
    b.classification("a")
    for number, name in (("7", "Ann Able"), ("8", "Bob Best"), ("9", "Cy Cole")):
        b.entry(f"e{number}", b.driver(slug(name), name=name), car=Car(number), classes=("a",))
    session = b.event("race").sessions[0].id
    text = decode(("\ufeff" + HEADER + body).encode("utf-8"), "club.csv")
    with pytest.raises(InputError) as exc:
        resolve_results(parse_result_sheet(text, defer=True), b.build(), session)
    assert [(p.source, p.line, p.field) for p in exc.value.problems] == [
        ("club.csv", 3, "Laps"),
        ("club.csv", 4, "Pos"),
        ("club.csv", 5, "number"),
    ]
    assert "no car #999 in the entry list for round 1 (cars entered: 7, 8, 9)" in str(exc.value)


def test_positions_out_of_order_and_out_of_bounds() -> None:
    body = (
        "2,7,Ann Able,A,20:00.000,0.000,10,1:50.000,3,90 mi/h\r\n"
        "1,8,Bob Best,A,20:05.000,5.000,100001,1:49.000,4,91 mi/h\r\n"
    )
    with pytest.raises(InputError) as exc:
        _sheet(body)
    found = {(p.line, p.field) for p in exc.value.problems}
    assert found == {(3, "Pos"), (3, "Laps")}


def test_not_a_speedhive_file() -> None:
    with pytest.raises(InputError, match="missing column 'start_number'"):
        parse_speedhive(decode(b"position,number\n1,16\n", "x.csv"))
    with pytest.raises(InputError, match="missing column 'Pos'"):
        parse_speedhive(decode(b"Start Number,Competitor\n16,Ann\n", "x.csv"))


def test_an_unknown_format_name_is_refused() -> None:
    with pytest.raises(InputError, match="--format is one of auto, podium, alkamel, speedhive, orbits"):
        parse_result_sheet(decode(HEADER.encode(), "x.csv"), "race-monitor")
