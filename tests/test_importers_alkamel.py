"""Al Kamel / IMSA timing exports: semicolons, a BOM, status words, apostrophe minutes, class positions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from podium.errors import InputError
from podium.importers.alkamel import parse_alkamel, read_alkamel
from podium.importers.textfile import decode
from podium.model import Status

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sebring-2020" / "results"

# The WEC race layout (drivers as DRIVER_1…), a trailing ';' on every line, a BOM, CRLF line ends.
WEC_LAYOUT = (
    "\ufeffPOSITION;NUMBER;TEAM;DRIVER_1;DRIVER_2;DRIVER_3;DRIVER_4;VEHICLE;TYRES;CLASS;GROUP;DIVISION;STATUS;LAPS;"
    "TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;PIC;\r\n"
    "1;7;Toyota Gazoo Racing;Mike Conway;Kamui Kobayashi;Jose Maria Lopez;;Toyota GR010;M;HYPERCAR;H;;"
    "Classified;371;6:00'41.101;;;15;2'02.318;169.4;1;\r\n"
    "2;8;Toyota Gazoo Racing;Sébastien Buemi;Kazuki Nakajima;Brendon Hartley;;Toyota GR010;M;HYPERCAR;H;;"
    "Classified;371;6:01'17.993;36.892;36.892;212;2'02.105;169.7;2;\r\n"
    "3;31;WRT;Robin Frijns;Ferdinand Habsburg;Charles Milesi;;Oreca 07;G;LMP2;;;"
    "Classified;366;6:01'01.262;5 Laps;5 Laps;300;2'04.811;166.0;1;\r\n"
    "4;036;Alpine Elf Matmut;Andre Negrao;Nicolas Lapierre;Matthieu Vaxiviere;;Alpine A480;M;HYPERCAR;H;;"
    "Retired;102;;;;98;2'03.009;168.5;3;\r\n"
    "5;41;Team WRT;Robert Kubica;Louis Deletraz;Ye Yifei;;Oreca 07;G;LMP2;;;"
    "Not started;0;;;;;;;2;\r\n"
)


def test_wec_layout() -> None:
    sheet = parse_alkamel(decode(WEC_LAYOUT.encode("utf-8"), "wec.csv"))
    rows = {r.number: r for r in sheet.rows}
    assert sheet.format == "alkamel"
    assert rows["7"].position == 1 and rows["31"].position == 3
    assert rows["7"].time == timedelta(hours=6, seconds=41, microseconds=101_000)
    assert rows["8"].drivers == ("Sébastien Buemi", "Kazuki Nakajima", "Brendon Hartley")
    assert rows["8"].fastest_lap and not rows["7"].fastest_lap  # 2'02.105 is the best FL_TIME
    assert rows["036"].status is Status.DNF and rows["036"].position is None and rows["036"].laps == 102
    assert rows["036"].official_position == 4  # the retired car keeps the place the file printed
    assert rows["41"].status is Status.DNS and rows["41"].started is False
    assert rows["41"].official_position is None
    assert (rows["31"].class_name, rows["31"].class_position) == ("LMP2", 1)


def test_imsa_layout_sample_of_the_demo() -> None:
    sheet = read_alkamel(EXAMPLES / "r08-race-1-alkamel.csv")
    first, second = sheet.rows[0], sheet.rows[1]
    assert (first.number, first.position, first.drivers) == ("53", 1, ("Riley Dickinson",))
    assert (second.number, second.position) == ("16", 2)
    assert second.time is not None and first.time is not None
    assert second.time - first.time == timedelta(seconds=14, microseconds=469_000)
    assert {r.class_name for r in sheet.rows} == {"Platinum", "Platinum Masters", "Gold"}
    assert len(sheet.rows) == 18


def test_class_position_that_contradicts_the_order() -> None:
    body = (
        "POSITION;NUMBER;STATUS;LAPS;CLASS;PIC\n"
        "1;16;Classified;20;Platinum;1\n"
        "2;53;Classified;20;Platinum;1\n"
        "3;30;Classified;20;Gold;1\n"
    )
    with pytest.raises(InputError) as exc:
        parse_alkamel(decode(body.encode(), "bad.csv"))
    (problem,) = exc.value.problems
    assert (problem.line, problem.field) == (3, "PIC")
    assert problem.message == "car #53 is 2nd of class Platinum in this sheet's order, but PIC says 1"


def test_problems_of_a_broken_sheet_are_all_listed() -> None:
    body = (
        "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME\n"
        "1;16;Classified;20;45:21.337\n"
        "1;53;Classified;20;45:35.806\n"
        "3;99;Finished sort of;20;45:37.002\n"
        "x;11;Retired;12;\n"
    )
    with pytest.raises(InputError) as exc:
        parse_alkamel(decode(body.encode(), "broken.csv"))
    found = {(p.line, p.field) for p in exc.value.problems}
    # One pass: the unreadable status and position, and the two winners the order check finds.
    assert found == {(3, "POSITION"), (4, "STATUS"), (5, "POSITION")}


def test_an_unknown_status_and_a_broken_class_order_come_in_one_report() -> None:
    body = (
        "POSITION;NUMBER;STATUS;LAPS;CLASS;PIC\n"
        "1;16;Classified;20;Platinum;1\n"
        "2;53;Finished sort of;20;Platinum;2\n"
        "3;30;Classified;20;Platinum;2\n"
    )
    with pytest.raises(InputError) as exc:
        parse_alkamel(decode(body.encode(), "bad.csv"))
    found = {(p.line, p.field) for p in exc.value.problems}
    assert found == {(3, "STATUS"), (4, "PIC")}


def test_duplicate_overall_position() -> None:
    body = "POSITION;NUMBER;STATUS;LAPS\n1;16;Classified;20\n1;53;Classified;20\n"
    with pytest.raises(InputError, match=r"two winners \(lines 2 and 3\)"):
        parse_alkamel(decode(body.encode(), "x.csv"))


def test_classified_after_retired_means_a_broken_order() -> None:
    body = "POSITION;NUMBER;STATUS;LAPS\n1;16;Classified;20\n2;53;Retired;11\n3;99;Classified;20\n"
    with pytest.raises(InputError, match="listed after a retired or unclassified one"):
        parse_alkamel(decode(body.encode(), "x.csv"))


def test_a_podium_csv_is_not_mistaken_for_al_kamel() -> None:
    with pytest.raises(InputError) as exc:
        parse_alkamel(decode(b"position,number\n1,16\n", "x.csv"))
    assert "separated by commas" in exc.value.problems[0].message


def test_disqualified_car_in_the_middle_leaves_no_gap() -> None:
    body = (
        "POSITION;NUMBER;STATUS;LAPS\n1;16;Classified;20\n2;53;Disqualified;20\n3;99;Classified;20\n"
        "4;11;Retired;3\n"
    )
    sheet = parse_alkamel(decode(body.encode(), "x.csv"))
    assert [(r.number, r.position, r.status) for r in sheet.rows] == [
        ("16", 1, Status.CLASSIFIED),
        ("53", None, Status.DSQ),
        ("99", 2, Status.CLASSIFIED),
        ("11", None, Status.DNF),
    ]
