"""MyLaps Speedhive results exports: the CSV a club organiser downloads from speedhive.mylaps.com.

The layout, read by column *name* (case-insensitive) as Speedhive exports a race session::

    Pos,Start Number,Competitor,Class,Total Time,Diff,Laps,Best Lap,Best Lap No.,Best Speed
    1,71,Isaiah Dummer,PRO3,22:49.128,0.000,14,1:35.690,8,84.648 mi/h
    24,25,Madison McCulloch,PRO3,23:18.357,1 lap,13,1:43.550,5,78.223 mi/h
    DNF,63,Ron Tanemura,SPM,23.299,0.000,-,0.000,-,-
    DNS,225,Tamer Ozkaraoglu,SPM,0.000,0.000,-,0.000,-,-

(a real export, kept in ``../shared/data/timing-exports/``), and the summary layout other readers of
Speedhive document (``Position,Start Number,Name,Class,Position In Class,Status``). A place printed
for a car whose ``Status`` says it did not finish is kept as its official place.

The reading itself (statuses in place of positions, ``-`` and ``0.000`` for nothing, ``Diff`` in
laps, positions in class) is shared with the Orbits export: :mod:`podium.importers.mylaps`.
"""

from __future__ import annotations

from pathlib import Path

from podium.errors import Message
from podium.importers.mylaps import Column, Layout, parse_mylaps
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import TextFile, read_text

SPEEDHIVE = Layout(
    format="speedhive",
    export=Message("a Speedhive results export"),
    number=Column("start_number", "Start Number"),
    position=(Column("pos", "Pos"), Column("position", "Position")),
    name=(Column("competitor", "Competitor"), Column("name", "Name")),
    total_time=Column("total_time", "Total Time"),
    best_lap=Column("best_lap", "Best Lap"),
    class_position=(Column("position_in_class", "Position In Class"), Column("pic", "PIC")),
)


def parse_speedhive(text: TextFile, *, defer: bool = False) -> ResultSheet:
    """Read a Speedhive results CSV into a sheet of rows (cars named by their start number).

    :raises InputError: listing every problem of the file, each with its line and column (with
        ``defer``, the matching step lists them with its own: one pass).
    """
    return parse_mylaps(text, SPEEDHIVE, defer=defer)


def read_speedhive(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_speedhive(read_text(path, source=source))
