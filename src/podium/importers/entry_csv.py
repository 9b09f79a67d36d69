"""podium's entry list CSV: one line per driver of a car (docs/import-formats.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from podium.errors import Message, PodiumError, ProblemLog
from podium.importers.csv_reader import agree, require_rows, sheet_rows, split_list
from podium.importers.sheets import EntryList
from podium.importers.textfile import CsvRow, TextFile, cell_date, cell_int, read_text
from podium.model import Car, Driver, Entry, RoundRange, Team
from podium.model.values import slug

ENTRY_REQUIRED = ("number", "driver")
ENTRY_OPTIONAL = (
    "entry",
    "driver_id",
    "birth_date",
    "nationality",
    "team",
    "team_id",
    "car_model",
    "build_year",
    "classes",
    "rounds",
)


def _rounds(row: CsvRow, log: ProblemLog) -> tuple[RoundRange, ...]:
    raw = row.get("rounds")
    out = []
    for part in re.split(r"[;,|]", raw):
        if not part.strip():
            continue
        try:
            out.append(RoundRange.parse(part.strip()))
        except PodiumError:
            said = Message(
                "expected rounds like {one} or {two}, got {raw!r}", one="1-4", two="1-4;6", raw=raw
            )
            log.add(said, line=row.line, field="rounds", value=raw)
            return ()
    return tuple(out)


@dataclass
class _EntryDraft:
    line: int
    number: str
    team: str | None
    car_model: str | None
    build_year: int | None
    classes: tuple[str, ...]
    rounds: tuple[RoundRange, ...]
    drivers: list[str] = field(default_factory=list)


def parse_entry_list(text: TextFile) -> EntryList:
    """Read an entry list: one line per driver of a car; lines sharing a car (and rounds) form one entry.

    :raises InputError: listing every problem of the file.
    """
    log = ProblemLog(text.source)
    drivers: dict[str, tuple[int, Driver]] = {}
    teams: dict[str, tuple[int, Team]] = {}
    drafts: dict[str, _EntryDraft] = {}
    for row in sheet_rows(text, log, required=ENTRY_REQUIRED, optional=ENTRY_OPTIONAL):
        number = row.get("number").lstrip("#")
        name = row.get("driver")
        if not number:
            log.add(Message("every line needs the car number"), line=row.line, field="number")
        if not name:
            log.add(Message("every line needs the driver's name"), line=row.line, field="driver")
        if not number or not name:
            continue
        if len(number) > 16 or not re.fullmatch(r"[0-9A-Za-z]+", number):
            log.add(
                Message("a car number is letters and digits, got {number!r}", number=number),
                line=row.line,
                field="number",
                value=number,
            )
            continue
        driver_id = row.get("driver_id") or slug(name)
        if not driver_id:
            said = Message("cannot make an id from the name {name!r}; add driver_id", name=name)
            log.add(said, line=row.line, field="driver_id")
            continue
        birth = cell_date(row, "birth_date", log)
        nationality = row.get("nationality") or None
        if driver_id in drivers:
            line0, known = drivers[driver_id]
            what = Message("driver {id!r}", id=driver_id)
            agree(log, what, "driver", (line0, known.name), (row.line, name))
            agree(log, what, "birth_date", (line0, known.birth_date), (row.line, birth))
            agree(log, what, "nationality", (line0, known.nationality), (row.line, nationality))
        else:
            drivers[driver_id] = (row.line, Driver(driver_id, name, birth, nationality))
        team_name = row.get("team")
        team_id = row.get("team_id") or (slug(team_name) if team_name else "")
        if team_id:
            if team_id in teams:
                line0, known_team = teams[team_id]
                if team_name:
                    agree(
                        log,
                        Message("team {id!r}", id=team_id),
                        "team",
                        (line0, known_team.name),
                        (row.line, team_name),
                    )
            else:
                teams[team_id] = (row.line, Team(team_id, team_name or team_id))
        build_year = cell_int(row, "build_year", log, minimum=1880, maximum=2200)
        classes = tuple(split_list(row.get("classes")))
        rounds = _rounds(row, log)
        entry_id = row.get("entry") or (number if not rounds else f"{number}@{','.join(map(str, rounds))}")
        draft = drafts.get(entry_id)
        if draft is None:
            draft = drafts[entry_id] = _EntryDraft(
                row.line, number, team_id or None, row.get("car_model") or None, build_year, classes, rounds
            )
        else:
            what = Message("car #{number} (entry {id!r})", number=number, id=entry_id)
            agree(log, what, "number", (draft.line, draft.number), (row.line, number))
            agree(log, what, "team", (draft.line, draft.team), (row.line, team_id or None))
            agree(
                log,
                what,
                "car_model",
                (draft.line, draft.car_model),
                (row.line, row.get("car_model") or None),
            )
            agree(log, what, "build_year", (draft.line, draft.build_year), (row.line, build_year))
            agree(log, what, "classes", (draft.line, draft.classes or None), (row.line, classes or None))
        if driver_id in draft.drivers:
            log.add(
                Message("driver {name!r} is listed twice for car #{number}", name=name, number=number),
                line=row.line,
                field="driver",
                value=name,
            )
        else:
            draft.drivers.append(driver_id)
    require_rows(
        log, bool(drafts), Message("no entries in the file: expected one line per driver of each car")
    )
    log.raise_if_any()
    entries = []
    lines: dict[str, int] = {}
    for entry_id, d in drafts.items():
        car = Car(number=d.number, model=d.car_model, build_year=d.build_year)
        entries.append(
            Entry(entry_id, tuple(d.drivers), team=d.team, car=car, rounds=d.rounds, classes=d.classes)
        )
        lines[f"entry:{entry_id}"] = d.line
    lines.update({f"driver:{k}": v[0] for k, v in drivers.items()})
    lines.update({f"team:{k}": v[0] for k, v in teams.items()})
    return EntryList(
        source=text.source,
        drivers=tuple(d for _, d in drivers.values()),
        teams=tuple(t for _, t in teams.values()),
        entries=tuple(entries),
        lines=MappingProxyType(lines),
    )


def read_entry_list(path: Path | str, *, source: str | None = None) -> EntryList:
    return parse_entry_list(read_text(path, source=source))
