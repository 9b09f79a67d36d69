"""podium's CSV formats: entry lists, results, calendars, read leniently (every problem, with its line)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from podium.errors import InputError
from podium.importers.podium_csv import (
    parse_calendar,
    parse_entry_list,
    parse_minutes,
    parse_results,
    parse_session_spec,
    read_entry_list,
    read_results,
    sniff_results_format,
)
from podium.importers.textfile import TextFile, decode, read_text
from podium.model import RoundRange, SessionKind, Status
from podium.model.values import parse_duration, slug

ENTRIES = """\
# a comment line
number,driver,birth_date,nationality,team,car_model,build_year,classes,rounds
16,Jeff Kingsley,1998-08-14,CAN,Kelly-Moss Road and Race,911 GT3 Cup (991.2),2019,platinum,
99,Alan Metni,1966-10-21,USA,Kelly-Moss/AM Motorsports,911 GT3 Cup (991.2),2019,platinum;platinum-masters,
7,Driver One,1990-01-01,USA,Shared Team,911 GT3 Cup (991.2),2018,platinum,1-4
7,Driver Two,1991-02-02,USA,Shared Team,911 GT3 Cup (991.2),2018,platinum,1-4
7,Driver Three,1992-03-03,USA,Shared Team,911 GT3 Cup (991.2),2018,platinum,5-8
"""


def text(body: str, source: str = "file.csv") -> TextFile:
    return TextFile(source, body)


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.field, p.message) for p in exc.value.problems]


# -- entry lists -----------------------------------------------------------------------------------
def test_entry_list_groups_lines_of_one_car_into_one_entry() -> None:
    entry_list = parse_entry_list(text(ENTRIES))
    by_id = {e.id: e for e in entry_list.entries}
    assert set(by_id) == {"16", "99", "7@1-4", "7@5-8"}
    assert by_id["7@1-4"].drivers == ("driver-one", "driver-two")
    assert by_id["7@1-4"].rounds == (RoundRange(1, 4),)
    assert by_id["99"].classes == ("platinum", "platinum-masters")
    assert by_id["16"].car is not None and by_id["16"].car.build_year == 2019
    kingsley = next(d for d in entry_list.drivers if d.id == "jeff-kingsley")
    assert kingsley.birth_date == date(1998, 8, 14)
    assert entry_list.line_of("entry", "99") == 4
    assert {t.id for t in entry_list.teams} == {
        "kelly-moss-road-and-race",
        "kelly-moss-am-motorsports",
        "shared-team",
    }


def test_entry_list_reports_every_problem_with_its_line_and_column() -> None:
    body = (
        "number,driver,birth_date,build_year\n"
        "16,Jeff Kingsley,1998-14-08,2019\n"  # line 2: month 14
        ",Nobody,,\n"  # line 3: no number
        "12,Somebody,1980-01-01,17\n"  # line 4: build year 17
        "16,Jeff Kingsley,1998-08-14,2019\n"  # line 5: fine on its own
    )
    with pytest.raises(InputError) as exc:
        parse_entry_list(text(body, "entries.csv"))
    found = problems(exc)
    assert (2, "birth_date", "expected a date like 1975-03-14, got '1998-14-08'") in found
    assert any(line == 3 and field == "number" for line, field, _ in found)
    assert any(line == 4 and field == "build_year" and "17" in msg for line, field, msg in found)
    assert all(p.source == "entries.csv" for p in exc.value.problems)


def test_entry_list_refuses_a_driver_with_two_birth_dates() -> None:
    body = "number,driver,birth_date\n1,Ann Example,1980-01-01\n2,Ann Example,1981-01-01\n"
    with pytest.raises(InputError) as exc:
        parse_entry_list(text(body))
    assert problems(exc) == [
        (
            3,
            "birth_date",
            "driver 'ann-example': birth_date is datetime.date(1980, 1, 1) on line 2 but "
            "datetime.date(1981, 1, 1) here",
        )
    ]


def test_unknown_column_gets_a_did_you_mean() -> None:
    with pytest.raises(InputError) as exc:
        parse_entry_list(text("number,driver,birthdate\n1,Ann,1980-01-01\n"))
    assert problems(exc) == [(1, "birthdate", "unknown column 'birthdate'; did you mean 'birth_date'?")]


# -- results ---------------------------------------------------------------------------------------
RESULTS = """\
position,number,status,laps,time,gap,driver,fastest_lap
1,53,,20,45:21.337,,Riley Dickinson,yes
2,16,,20,45:35.806,+14.469,Jeff Kingsley,
3,99,,20,45:37.002,+15.665,Alan Metni,
,11,DNF,12,,,Jake McAlister,
,24,DNS,,,,Charlie Luck,
"""


def test_results_sheet_reads_positions_statuses_and_exact_times() -> None:
    sheet = parse_results(text(RESULTS, "r08-race-1.csv"))
    rows = {r.number: r for r in sheet.rows}
    assert rows["53"].position == 1 and rows["53"].fastest_lap
    assert rows["16"].time == timedelta(minutes=45, seconds=35, microseconds=806_000)
    assert rows["11"].status is Status.DNF and rows["11"].position is None and rows["11"].laps == 12
    assert rows["24"].status is Status.DNS


@pytest.mark.parametrize(
    ("parse", "body", "expected"),
    [
        (parse_results, "position,car\n1,16\n", (1, "car", "unknown column 'car': podium calls it 'number'")),
        (
            parse_entry_list,
            "No.,driver\n16,Ann\n",
            (1, "number", "missing column 'number': rename 'no.' to 'number'"),
        ),
        (
            parse_entry_list,
            "number,name\n16,Ann\n",
            (1, "driver", "missing column 'driver': rename 'name' to 'driver'"),
        ),
    ],
)
def test_another_sheets_word_for_a_column_is_named_with_podiums(
    parse: Callable[[TextFile], object], body: str, expected: tuple[int, str, str]
) -> None:
    """A timing export's "No." or a club's "Car" is told its podium name, once, instead of a list."""
    with pytest.raises(InputError) as exc:
        parse(text(body))
    assert problems(exc)[0] == expected
    assert sum(1 for p in problems(exc) if p[0] == 1) == 1


def test_a_non_starter_keeps_the_place_the_organiser_printed() -> None:
    """INDYCAR classifies an entered car that missed the start last (Toronto 2025: Ferrucci, DNS,
    27th): the printed place is kept as the official place, the car still did not start."""
    sheet = parse_results(text("position,number,status,laps\n1,16,,90\n2,53,DNS,0\n"))
    row = {r.number: r for r in sheet.rows}["53"]
    assert (row.status, row.position, row.official_position) == (Status.DNS, None, 2)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "position,number\n1,16\n1,53\n",
            (3, "position", "two winners: #16 (line 2) and #53 (line 3)"),
        ),
        (
            "position,number\n1,16\n2,53\n2,99\n",
            (4, "position", "two cars in position 2: #53 (line 3) and #99 (line 4)"),
        ),
        (
            "position,number\n1,16\n2,53\n4,99\n",
            (
                4,
                "position",
                "positions must run 1, 2, 3… without gaps: position 3 is missing (a lost line?)",
            ),
        ),
        (
            "position,number\n1,16\n2,16\n",
            (3, "number", "car #16 appears twice (lines 2 and 3)"),
        ),
        (
            "position,number,status\n1,16,\n2,53,DNQ\n",
            (
                3,
                "position",
                "a DNQ car took no part in the session, so it has no place; leave position empty",
            ),
        ),
        (
            "position,number,status\n1,16,\n2,53,DNF\n2,99,DSQ\n",
            (4, "position", "two cars in position 2: #53 (line 3) and #99 (line 4)"),
        ),
        (
            "position,number,status,started\n1,16,,\n,53,DSQ,no\n",
            (3, "status", "car #53 did not start, so it cannot be disqualified from the session; write DNS"),
        ),
        (
            "position,number,status\n1,16,DNX\n",
            (2, "status", "unknown status 'DNX'; expected CLASSIFIED, DNF, DNS, DSQ, NC, EX or DNQ"),
        ),
        (
            "position,number,points\n1,16,35\n",
            (
                1,
                "points",
                "unknown column 'points': podium computes points from positions and the season's ruleset; "
                "remove the column",
            ),
        ),
    ],
    ids=[
        "two-winners",
        "duplicate-position",
        "gap",
        "same-car-twice",
        "position-of-a-dns",
        "official-place-taken-twice",
        "dsq-of-a-non-starter",
        "unknown-status",
        "points-column",
    ],
)
def test_results_sheet_problems(body: str, expected: tuple[int, str, str]) -> None:
    with pytest.raises(InputError) as exc:
        parse_results(text(body))
    assert expected in problems(exc)


OFFICIAL = """\
position,number,status,laps
1,16,,100
2,53,,99
3,99,,100
4,11,DNF,97
5,24,DNF,97
6,7,DSQ,100
"""


def test_official_sheet_keeps_its_printed_places() -> None:
    """A penalised car behind a car with fewer laps, retirements and a disqualified car with their
    places: the sheet is read as printed."""
    rows = {r.number: r for r in parse_results(text(OFFICIAL, "official.csv")).rows}
    assert (rows["99"].position, rows["99"].laps) == (3, 100)
    assert (rows["11"].status, rows["11"].position, rows["11"].official_position) == (Status.DNF, None, 4)
    assert (rows["24"].official_position, rows["7"].status, rows["7"].official_position) == (5, Status.DSQ, 6)
    assert [r.placed for r in parse_results(text(OFFICIAL, "official.csv")).rows] == [1, 2, 3, 4, 5, 6]


def test_truncated_file_names_the_short_line() -> None:
    body = RESULTS.splitlines()
    cut = "\n".join([*body[:3], body[3][:9]]) + "\n"  # the last line cut mid-field
    with pytest.raises(InputError) as exc:
        parse_results(text(cut, "r08-race-1.csv"))
    (problem,) = exc.value.problems
    assert (problem.source, problem.line) == ("r08-race-1.csv", 4)
    assert "5 fields where the header has 8: fewer than expected (a truncated line?)" in problem.message


def test_wrong_delimiter_is_named() -> None:
    with pytest.raises(InputError) as exc:
        parse_results(text("position;number;laps\n1;16;20\n"))
    (problem,) = exc.value.problems
    assert problem.line == 1
    assert problem.message == "the columns are separated by semicolons (';'); this format uses commas (',')"


def test_empty_file() -> None:
    with pytest.raises(InputError, match="the file is empty"):
        parse_results(text(""))


def test_invalid_utf8_names_the_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("position,number,driver\n1,16,Jeff Kingsley\n2,7,Andrés Gómez\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        read_results(path)
    (problem,) = exc.value.problems
    assert problem.source == str(path) and problem.line == 3
    assert problem.message.startswith("not UTF-8 text at byte 9 of the line (b'\\xe9s G'")


def test_ten_megabytes_of_garbage_fails_fast_with_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * (10 * 1024 * 1024 // 256))
    with pytest.raises(InputError) as exc:
        read_results(path)
    assert len(exc.value.problems) == 41
    assert exc.value.problems[0].source == str(path)
    assert exc.value.problems[0].line == 2  # line 1 (bytes 0-9) is valid ASCII
    assert exc.value.problems[-1].message.startswith("… stopped reading at line 42 after 40 problems")


def test_ten_megabytes_of_text_garbage_lists_some_problems_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_text("position,number\n" + "x,y,z\n" * 1_800_000, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_results(path)
    assert len(exc.value.problems) == 41
    assert exc.value.problems[-1].message.startswith("… stopped reading at line 42 after 40 problems")


def test_bom_is_accepted() -> None:
    data = b"\xef\xbb\xbfposition,number\n1,16\n"
    assert parse_results(decode(data, "bom.csv")).rows[0].number == "16"


def test_binary_file_is_named() -> None:
    with pytest.raises(InputError, match="NUL bytes"):
        decode(b"position,number\n1,\x0016\n", "x.csv")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        read_entry_list(tmp_path / "nope.csv")


def test_sniffs_al_kamel() -> None:
    assert sniff_results_format(text("\ufeffPOSITION;NUMBER;STATUS\n")) == "alkamel"
    assert sniff_results_format(text("position,number\n")) == "podium-csv"


# -- calendars and sessions ------------------------------------------------------------------------
CALENDAR = """\
round,event,event_name,venue,time_zone,session_name,kind,start,duration,broadcast
8,sebring,Sebring,Sebring,America/New_York,Qualifying,qualifying,2020-11-12 10:40,30min,imsa.tv
8,sebring,Sebring,Sebring,America/New_York,Race 1,race,2020-11-13 08:00,45min,imsa.tv
8,sebring,Sebring,Sebring,America/New_York,Race 2,race,2020-11-13 14:35,45 min,imsa.tv
"""


def test_calendar_builds_events_with_local_start_times() -> None:
    (event,) = parse_calendar(text(CALENDAR)).events
    assert (event.round, event.id, event.time_zone, event.date) == (
        8,
        "sebring",
        "America/New_York",
        date(2020, 11, 13),
    )
    assert [s.id for s in event.sessions] == ["r08-qualifying", "r08-race-1", "r08-race-2"]
    race1 = event.session("r08-race-1")
    assert race1.scheduled_start == datetime(2020, 11, 13, 8, 0)
    assert race1.scheduled_duration == timedelta(minutes=45)
    assert race1.broadcast == "imsa.tv"
    start = event.start_instant(race1)
    assert start is not None and start.utcoffset() == timedelta(hours=-5)


def test_calendar_problems() -> None:
    body = (
        "round,event_name,session_name,kind,time_zone,start\n"
        "1,Road America,Race 1,race,America/Elkhart_Lake,2020-08-01 10:35\n"
        "2,VIR,Race 1,sprintt,America/New_York,2020-08-22 11:05\n"
        "2,VIR,Race 2,race,America/New_York,22/08/2020\n"
    )
    with pytest.raises(InputError) as exc:
        parse_calendar(text(body))
    fields = {(p.line, p.field) for p in exc.value.problems}
    assert fields == {(2, "time_zone"), (3, "kind"), (4, "start")}


def test_session_spec() -> None:
    session = parse_session_spec("Race 2; start=2020-11-13 14:35; duration=45min; broadcast=imsa.tv", 8)
    assert (session.id, session.kind, session.scheduled_start) == (
        "r08-race-2",
        SessionKind.RACE,
        datetime(2020, 11, 13, 14, 35),
    )
    with pytest.raises(InputError, match="expected key=value"):
        parse_session_spec("Race 1; startt=08:00", 8)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45:12.345", timedelta(minutes=45, seconds=12, microseconds=345_000)),
        ("1:02:03.4", timedelta(hours=1, minutes=2, seconds=3, microseconds=400_000)),
        ("5:44'41.101", timedelta(hours=5, minutes=44, seconds=41, microseconds=101_000)),
        ("1'58.056", timedelta(minutes=1, seconds=58, microseconds=56_000)),
        ("58.056", timedelta(seconds=58, microseconds=56_000)),
    ],
)
def test_durations_are_exact(raw: str, expected: timedelta) -> None:
    assert parse_duration(raw) == expected


@pytest.mark.parametrize("raw", ["", "1:60.0", "a:b", "1.2.3", "45:12.3456789"])
def test_bad_durations(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(raw)


def test_minutes() -> None:
    assert parse_minutes("45min") == parse_minutes("45") == parse_minutes("0:45") == timedelta(minutes=45)
    assert parse_minutes("1h30") == timedelta(minutes=90)
    with pytest.raises(ValueError):
        parse_minutes("soon")


def test_slug() -> None:
    assert slug("Jeff Kingsley") == "jeff-kingsley"
    assert slug("Kelly-Moss/AM Motorsports") == "kelly-moss-am-motorsports"
    assert slug("Efrín Castro") == "efrin-castro"


def test_read_text_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)
