"""MyLaps Orbits results exports, read as the timing software writes them.

``tests/data/orbits-club-2025/lightning-race-1-results.csv`` is a club race (classes NP01, Super
Touring 4 and 5, Spec Miata) in the layout of a real Orbits export, transcribed cell for cell in form
(BOM, quoting, line ends, columns, time and gap formats), with every row invented: the source
(github.com/David-MyRaceDay/grid-builder, ``samplefiles/``, commit e9864954) has no licence and
names private persons; see the README there.
Its ``Points`` column is filled by hand with the organiser's class points (100, 90, 85, 80, 75, 70,
69, 68) for each invented class place: scoring the sheet with that table must give every driver
those points, which checks podium's class positions against a statement written independently of
podium.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from podium.errors import InputError
from podium.importers.orbits import parse_orbits, read_orbits
from podium.importers.podium_csv import read_entry_list, sniff_results_format
from podium.importers.resolve import resolve_results
from podium.importers.result_formats import parse_result_sheet
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import decode, read_text
from podium.model import Classification, Event, Season, Series, Session, SessionKind, Status
from podium.model.values import slug
from podium.rules import parse_ruleset_text
from podium.standings import compute_standings

LIGHTNING = Path(__file__).resolve().parent / "data" / "orbits-club-2025" / "lightning-race-1-results.csv"
CLASSES = ("NP01", "Super Touring 4", "Super Touring 5", "Spec Miata")
ORBITS_POINTS = "[100, 90, 85, 80, 75, 70, 69, 68]"


def _export(changes: dict[tuple[int, str], str] | None = None) -> bytes:
    """The export with some cells changed ((line, column) -> text), written back as Orbits
    writes it: a BOM, every cell quoted (no cell of the file holds a quote)."""
    lines = LIGHTNING.read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader(lines[:1]))
    out = []
    for number, cells in enumerate(csv.reader(lines), start=1):
        for (line, column), value in (changes or {}).items():
            if line == number:
                cells[header.index(column)] = value
        out.append(",".join(f'"{c}"' for c in cells))
    return ("\ufeff" + "\n".join(out) + "\n").encode()


def _season(sheet: ResultSheet, tmp_path: Path, *, leave_out: str = "") -> Season:
    """A one-race season whose entry list is the sheet's cars (but ``leave_out``), each in its class."""
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "number,driver,classes\n"
        + "".join(
            f'{r.number},"{r.drivers[0]}",{slug(r.class_name or "")}\n'
            for r in sheet.rows
            if r.number != leave_out
        ),
        encoding="utf-8",
    )
    entry_list = read_entry_list(entries)
    return Season(
        series=Series("club", "Club race"),
        year=2025,
        ruleset="club",
        classifications=tuple(Classification(slug(c), c) for c in CLASSES),
        drivers=entry_list.drivers,
        teams=entry_list.teams,
        entries=entry_list.entries,
        events=(
            Event(
                1,
                "club",
                "Club race",
                date(2025, 5, 3),
                sessions=(Session("r01-race", "Race 1", SessionKind.RACE),),
            ),
        ),
    )


def test_the_edit_helper_writes_the_export_back_byte_for_byte() -> None:
    assert _export() == LIGHTNING.read_bytes()


def test_the_export_reads_as_it_is() -> None:
    sheet = read_orbits(LIGHTNING)
    rows = {r.number: r for r in sheet.rows}
    assert sheet.format == "orbits" and len(sheet.rows) == 19 and sheet.problems == ()
    assert [r.position for r in sheet.rows] == list(range(1, 20))
    assert all(r.status is Status.CLASSIFIED for r in sheet.rows)
    assert [r.number for r in sheet.rows][:4] == ["27", "8", "318", "61"]
    assert rows["27"].time == timedelta(minutes=24, seconds=41, microseconds=306_000)
    assert (rows["27"].laps, rows["57"].laps, rows["49"].laps) == (12, 11, 1)  # "1 Lap", "11 Laps" down
    assert rows["00"].position == 17  # the number keeps its leading zero
    assert rows["120"].drivers == ("Driver J (XRT)",)
    # 1:58.874 (#8, second) is the best lap, not the winner's 1:59.112; #49 set none (an empty Best Tm).
    assert [r.number for r in sheet.rows if r.fastest_lap] == ["8"]
    assert {r.class_name for r in sheet.rows} == set(CLASSES)
    assert [(r.number, r.class_position) for r in sheet.rows if r.class_name == "Super Touring 5"] == [
        ("61", 1),
        ("220", 2),
        ("806", 3),
        ("00", 4),
        ("52", 5),
        ("49", 6),
    ]


def test_auto_detection_picks_the_orbits_reader() -> None:
    text = read_text(LIGHTNING)
    assert sniff_results_format(text) == "orbits"
    assert parse_result_sheet(text).format == "orbits"
    assert parse_result_sheet(text, "orbits").rows == parse_orbits(text).rows
    # A podium CSV with a "number" column, and a Speedhive export, are not taken for Orbits.
    assert sniff_results_format(decode(b"position,number\n1,7\n", "p.csv")) == "podium-csv"
    speedhive = (
        b"\xef\xbb\xbfPos,Start Number,Competitor,Class,Total Time,Diff,Laps\r\n1,7,A,B,1:00.000,0.000,1\r\n"
    )
    assert sniff_results_format(decode(speedhive, "s.csv")) == "speedhive"


def test_the_export_scores_the_points_column(tmp_path: Path) -> None:
    """Scored in its classes with the organiser's points table, every driver has the points in the
    export's Points column (written by hand from the class places): podium's class places are the
    ones the file states."""
    sheet = read_orbits(LIGHTNING)
    season = _season(sheet, tmp_path)
    season = replace(season, results=resolve_results(sheet, season, "r01-race"))
    rules = parse_ruleset_text(
        '[scoring]\nposition_basis = "classification"\nscorers = "classified"\n'
        f"[scoring.points]\nrace = {ORBITS_POINTS}\n",
        source="club.toml",
        default_id="club",
    )
    lines = csv.DictReader(LIGHTNING.read_text(encoding="utf-8-sig").splitlines())
    printed = {slug(line["Name"]): Fraction(line["Points"]) for line in lines}
    scored: dict[str, Fraction] = {}
    for c in CLASSES:
        scored |= {row.competitor: row.points for row in compute_standings(season, rules, slug(c)).rows}
    assert scored == printed
    assert compute_standings(season, rules, "spec-miata").rows[0].competitor == "driver-i"  # 9th overall


def test_columns_are_read_by_name_in_the_order_the_view_shows_them() -> None:
    """The layout of another run group's export of the same meeting (samplefiles/, "Thunder … Race
    #3"), its header as written: no PIC, Laps before Class, Total Tm last, a Sponsor column; the rows
    are invented in that layout (a GTS3 pair, a GT car six laps down)."""
    body = (
        '\ufeff"Pos","No.","Name","Laps","Class","Best Tm","In Lap","Diff","Make/Model","Color","Sponsor",'
        '"Points","Total Tm"\n'
        '"1","212","Driver U","11","GTS3","1:54.802","2","","Porsche Cayman","Silver/Red",'
        '"Example Engine Works M96 Dry Sump","100","21:16.410"\n'
        '"2","71","Driver V","11","GTS3","1:54.655","3","0.944","BMW M3","Blue/Black",'
        '"Sample Tire & Brake","90","21:17.354"\n'
        '"3","18","Driver W","5","GT","2:22.960","1","6 Laps","Chevrolet Camaro","Black",'
        '"Invented Motorsports","100","13:31.207"\n'
    )
    sheet = parse_result_sheet(decode(body.encode(), "thunder.csv"))
    assert sheet.format == "orbits"
    assert [(r.number, r.position, r.laps, r.class_name, r.class_position) for r in sheet.rows] == [
        ("212", 1, 11, "GTS3", None),
        ("71", 2, 11, "GTS3", None),
        ("18", 3, 5, "GT", None),
    ]
    assert sheet.rows[1].fastest_lap and sheet.rows[2].time == timedelta(
        minutes=13, seconds=31, microseconds=207_000
    )


def test_a_status_in_place_of_a_position() -> None:
    body = (
        '"Pos","No.","Name","Class","Laps","Total Tm","Diff"\n'
        '"1","7","Ann Able","A","10","20:00.000",""\n'
        '"DNF","8","Bob Best","A","4","8:05.000","6 Laps"\n'
        '"DNS","9","Cy Cole","A","","",""\n'
    )
    sheet = parse_orbits(decode(body.encode(), "x.csv"))
    assert [(r.number, r.position, r.official_position, r.status) for r in sheet.rows] == [
        ("7", 1, None, Status.CLASSIFIED),
        ("8", None, None, Status.DNF),  # no place printed, so none kept
        ("9", None, None, Status.DNS),
    ]


def test_a_bad_file_names_file_line_and_field_in_one_error() -> None:
    """Four broken lines of the export: each problem names the file, the line and the column as
    Orbits prints it, all in one error. The line without a number (#33, Spec Miata's winner) still
    counts in its class, so the Spec Miata lines after it are not blamed for their PIC."""
    data = _export(
        {
            (5, "Laps"): "twelve",  # #61
            (8, "PIC"): "2",  # #57 is Super Touring 4's third
            (10, "No."): "",  # #33
            (14, "Total Tm"): "25:0x.951",  # #19
        }
    )
    with pytest.raises(InputError) as exc:
        parse_orbits(decode(data, "lightning.csv"))
    found = [(p.source, p.line, p.field) for p in exc.value.problems]
    assert sorted(found, key=lambda f: f[1] or 0) == [
        ("lightning.csv", 5, "Laps"),
        ("lightning.csv", 8, "PIC"),
        ("lightning.csv", 10, "No."),
        ("lightning.csv", 14, "Total Tm"),
    ]
    message = str(exc.value)
    assert "lightning.csv, line 5, field 'Laps': expected a number of laps from 0 to 100000" in message
    assert "car #57 is number 3 of class Super Touring 4 in this sheet's order, but PIC says 2" in message
    assert "lightning.csv, line 10, field 'No.': every line needs the car's No." in message
    assert "lightning.csv, line 14, field 'Total Tm': expected a time like 22:49.128" in message


def test_every_problem_of_the_file_and_of_the_season_in_one_pass(tmp_path: Path) -> None:
    """Issue 16: a broken cell, a broken order and a car the entry list does not have are named in
    one error, not the car only once the others are fixed."""
    sheet = read_orbits(LIGHTNING)
    season = _season(sheet, tmp_path, leave_out="162")  # #162 Driver P, line 17
    data = _export({(11, "Laps"): "eleven", (13, "Pos"): "11"})  # #120's laps; #47 printed 11th again
    deferred = parse_result_sheet(decode(data, "lightning.csv"), defer=True)
    assert {(p.line, p.field) for p in deferred.problems} == {(11, "Laps"), (13, "Pos")}
    with pytest.raises(InputError) as exc:
        resolve_results(deferred, season, "r01-race")
    assert [(p.line, p.field) for p in exc.value.problems] == [(11, "Laps"), (13, "Pos"), (17, "number")]
    assert "no car #162 in the entry list for round 1" in str(exc.value)
    # Checked alone (no season), the file's own problems are raised at once.
    with pytest.raises(InputError) as alone:
        parse_orbits(decode(data, "lightning.csv"))
    assert [(p.line, p.field) for p in alone.value.problems] == [(11, "Laps"), (13, "Pos")]


def test_not_an_orbits_file() -> None:
    with pytest.raises(InputError, match=r"missing column 'no\.'"):
        parse_orbits(decode(b'"Pos","Number","Name"\n"1","16","Ann"\n', "x.csv"))
    with pytest.raises(
        InputError, match=r"missing column 'Pos' \(or 'Position'\): is this an Orbits results export"
    ):
        parse_orbits(decode(b'"No.","Name"\n"16","Ann"\n', "x.csv"))
    with pytest.raises(InputError, match="no cars in the file"):
        parse_orbits(decode(b'"Pos","No.","Name"\n', "x.csv"))
