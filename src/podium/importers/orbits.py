"""MyLaps Orbits results exports: the CSV the timing software at the track writes for a session.

Orbits exports the results view as the organiser set it up: the columns shown, in the order shown,
every cell quoted, UTF-8 with a BOM. A club race in the layout of a real export, rows invented
(tests/data/orbits-club-2025/)::

    "Pos","PIC","No.","Name","Class","Laps","Total Tm","Diff","Gap","Avg. Speed","Best Tm",…,"Points"
    "1","1","27","Driver A","NP01","12","24:41.306","","","70.284","1:59.112",…,"100"
    "7","3","57","Driver G","Super Touring 4","11","23:35.140","1 Lap","1 Lap","67.439",…,"85"
    "19","6","49","Driver S","Super Touring 5","1","2:44.908","11 Laps","2 Laps","52.611","",…,"70"

Read by column *name*: ``Pos`` (or ``Position``), ``No.``, ``Name``, ``Class``, ``PIC``, ``Laps``,
``Total Tm``, ``Diff``, ``Best Tm``; the others (``Gap``, ``In Lap``, speeds, ``Make/Model``,
``Points``…) are ignored: podium computes points from the season's ruleset. The reading itself is
shared with the Speedhive export (:mod:`podium.importers.mylaps`).
"""

from __future__ import annotations

from pathlib import Path

from podium.errors import Message
from podium.importers.mylaps import Column, Layout, parse_mylaps
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import TextFile, read_text

ORBITS = Layout(
    format="orbits",
    export=Message("an Orbits results export"),
    number=Column("no.", "No."),
    position=(Column("pos", "Pos"), Column("position", "Position")),
    name=(Column("name", "Name"),),
    total_time=Column("total_tm", "Total Tm"),
    best_lap=Column("best_tm", "Best Tm"),
    class_position=(Column("pic", "PIC"),),
)


def parse_orbits(text: TextFile, *, defer: bool = False) -> ResultSheet:
    """Read an Orbits results CSV into a sheet of rows (cars named by their number, ``No.``).

    :raises InputError: listing every problem of the file, each with its line and column (with
        ``defer``, the matching step lists them with its own: one pass).
    """
    return parse_mylaps(text, ORBITS, defer=defer)


def read_orbits(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_orbits(read_text(path, source=source))
