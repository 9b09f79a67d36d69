"""Matching what a file says to the season it goes into: car numbers to entries, names to drivers.

Each function takes a parsed file and the season as it stands (inside the store's transaction) and
returns model values, or raises one :class:`~podium.errors.InputError` naming the file, line and
column of every problem: an unknown car, an unknown driver, a class the car cannot race in on the
event date (with the rule that failed), a round already in the calendar.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence

from podium.errors import (
    ConsistencyError,
    InputError,
    Message,
    NotFoundError,
    PodiumError,
    Problem,
    ProblemLog,
    message_of,
)
from podium.importers.sheets import Calendar, EntryList, ResultRow, ResultSheet
from podium.model import Classification, Entry, Event, Result, RoundRange, Season
from podium.model.values import slug


def _numbers(entries: Iterable[Entry]) -> str:
    numbers = sorted({e.car.number for e in entries if e.car}, key=lambda n: (len(n), n))
    shown = ", ".join(numbers[:30]) + (", …" if len(numbers) > 30 else "")
    return shown or Message("none")


def entries_with_number(season: Season, number: str, round_number: int) -> list[Entry]:
    """Entries valid in ``round_number`` with car ``number`` ("07" matches "7" if nothing else does)."""
    number = number.lstrip("#")
    exact = [e for e in season.entries if e.car and e.car.number == number and e.valid_in(round_number)]
    if exact:
        return exact
    loose = number.lstrip("0") or "0"
    return [
        e
        for e in season.entries
        if e.car and (e.car.number.lstrip("0") or "0") == loose and e.valid_in(round_number)
    ]


def find_entry(season: Season, session_id: str, car: str, *, field: str = "--entry") -> Entry:
    """The entry a user means by ``car`` (an entry id, or a car number valid in the session's round).

    :raises InputError: when nothing or several things match.
    """
    event = season.event_of(session_id)
    if car in {e.id for e in season.entries}:
        return season.entry(car)
    found = entries_with_number(season, car, event.round)
    if len(found) == 1:
        return found[0]
    valid = [e for e in season.entries if e.valid_in(event.round)]
    if not found:
        raise InputError(
            Problem(
                Message(
                    "no car #{number} in round {round} (cars entered: {numbers})",
                    number=car.lstrip("#"),
                    round=event.round,
                    numbers=_numbers(valid),
                ),
                field=field,
                value=car,
            )
        )
    raise InputError(
        Problem(
            Message(
                "car #{number} is ambiguous in round {round}: entries {entries}; give the entry id",
                number=car,
                round=event.round,
                entries=", ".join(e.id for e in found),
            ),
            field=field,
            value=car,
        )
    )


def find_classification(season: Season, name: str) -> Classification | None:
    """A classification by id, name or the slug of its name, in any case."""
    wanted = name.strip().lower()
    for c in season.classifications:
        if wanted in (c.id.lower(), c.name.lower(), slug(c.name)) or slug(name) == c.id:
            return c
    return None


def _driver_index(season: Season) -> dict[str, str]:
    index: dict[str, str] = {}
    for d in season.drivers:
        index.setdefault(d.name.lower(), d.id)
        index.setdefault(slug(d.name), d.id)
    for d in season.drivers:
        index[d.id.lower()] = d.id
    return index


# -- results ---------------------------------------------------------------------------------------
def resolve_results(sheet: ResultSheet, season: Season, session_id: str) -> tuple[Result, ...]:
    """Results of ``session_id`` from a sheet: every car matched to its entry in the session's round.

    :raises InputError: listing every car, driver or class that does not match.
    """
    event = season.event_of(session_id)
    log = ProblemLog(sheet.source, list(sheet.problems))
    drivers = _driver_index(season)
    valid = [e for e in season.entries if e.valid_in(event.round)]
    results: list[Result] = []
    seen: dict[str, ResultRow] = {}
    for row in sheet.rows:
        entry = _row_entry(row, season, event, valid, log)
        if entry is None:
            continue
        if entry.id in seen:
            log.add(
                Message(
                    "{car} and {other} (line {line}) are the same entry {entry!r}",
                    car=row.car,
                    other=seen[entry.id].car,
                    line=seen[entry.id].line,
                    entry=entry.id,
                ),
                line=row.line,
                field="number",
                value=row.number,
            )
            continue
        seen[entry.id] = row
        who = _row_drivers(row, entry, drivers, log)
        if who is None:
            continue
        if row.class_name is not None:
            _check_class(row, entry, season, event, log)
        try:
            results.append(
                Result(
                    session=session_id,
                    entry=entry.id,
                    position=row.position,
                    status=row.status,
                    drivers=who,
                    laps=row.laps,
                    time=row.time,
                    laps_led=row.laps_led,
                    fastest_lap=row.fastest_lap,
                    pole=row.pole,
                    grid=row.grid,
                    started_flag=row.started,
                    official_position=row.official_position,
                )
            )
        except ConsistencyError as exc:
            log.add(message_of(exc), line=row.line)
    log.problems.sort(key=lambda p: p.line or 0)  # the file's problems and the season's, line by line
    log.raise_if_any()
    return tuple(results)


def _row_entry(
    row: ResultRow, season: Season, event: Event, valid: list[Entry], log: ProblemLog
) -> Entry | None:
    if row.entry is not None:
        try:
            entry = season.entry(row.entry)
        except NotFoundError:
            log.add(
                Message("unknown entry {entry!r}", entry=row.entry),
                line=row.line,
                field="entry",
                value=row.entry,
            )
            return None
        if not entry.valid_in(event.round):
            log.add(
                Message(
                    "entry {entry!r} is not entered in round {round}", entry=row.entry, round=event.round
                ),
                line=row.line,
                field="entry",
                value=row.entry,
            )
            return None
        return entry
    assert row.number is not None
    found = entries_with_number(season, row.number, event.round)
    if not found:
        log.add(
            Message(
                "no car #{number} in the entry list for round {round} (cars entered: {numbers})",
                number=row.number,
                round=event.round,
                numbers=_numbers(valid),
            ),
            line=row.line,
            field="number",
            value=row.number,
        )
        return None
    if len(found) > 1:
        log.add(
            Message(
                "car #{number} matches several entries in round {round} ({entries}); give the entry id",
                number=row.number,
                round=event.round,
                entries=", ".join(e.id for e in found),
            ),
            line=row.line,
            field="number",
            value=row.number,
        )
        return None
    return found[0]


def _row_drivers(
    row: ResultRow, entry: Entry, index: dict[str, str], log: ProblemLog
) -> tuple[str, ...] | None:
    if not row.drivers:
        return ()
    ids = []
    for name in row.drivers:
        ident = index.get(name.lower()) or index.get(slug(name))
        if ident is None:
            log.add(
                Message(
                    "unknown driver {name!r}: not in the entry list (import the entry list first, or fix "
                    "the name)",
                    name=name,
                ),
                line=row.line,
                field="drivers",
                value=name,
            )
            return None
        ids.append(ident)
    if set(ids) == set(entry.drivers):
        return ()
    return tuple(ids)


def _check_class(row: ResultRow, entry: Entry, season: Season, event: Event, log: ProblemLog) -> None:
    assert row.class_name is not None
    classification = find_classification(season, row.class_name)
    known = ", ".join(c.name for c in season.classifications)
    if classification is None:
        log.add(
            Message(
                "class {name!r} is not a classification of this season (known: {known})",
                name=row.class_name,
                known=known,
            ),
            line=row.line,
            field="class",
            value=row.class_name,
        )
        return
    verdict = season.eligibility(classification, entry, event.date)
    if not verdict:
        log.add(
            Message(
                "the sheet puts {car} in {classification}, but it is not: {reason}",
                car=row.car,
                classification=classification.name,
                reason=verdict.reason,
            ),
            line=row.line,
            field="class",
            value=row.class_name,
        )


# -- entry lists -----------------------------------------------------------------------------------
def _merge(old: Sequence[object], new: Sequence[object]) -> tuple[object, ...]:
    by_id: dict[str, object] = {getattr(x, "id"): x for x in old}  # noqa: B009
    for x in new:
        by_id[getattr(x, "id")] = x  # noqa: B009
    return tuple(by_id.values())


def _overlap(a: tuple[RoundRange, ...], b: tuple[RoundRange, ...]) -> bool:
    if not a or not b:
        return True
    return any(x.first <= y.last and y.first <= x.last for x in a for y in b)


def resolve_entries(entry_list: EntryList, season: Season) -> tuple[EntryList, Season]:
    """The entry list with class names turned into ids, and the season with it merged in.

    Entries, drivers and teams with an id already in the season replace it (a corrected entry list);
    others are added. Requested classes must exist and their eligibility rule must hold on the date
    of every event of the entry's rounds.

    :raises InputError: naming the line of each entry that fails, with the rule that failed.
    """
    log = ProblemLog(entry_list.source)
    entries: list[Entry] = []
    for entry in entry_list.entries:
        line = entry_list.line_of("entry", entry.id)
        ids = []
        for name in entry.classes:
            c = find_classification(season, name)
            if c is None:
                log.add(
                    Message(
                        "unknown class {name!r} (classes of this season: {known})",
                        name=name,
                        known=", ".join(f"{c.id} ({c.name})" for c in season.classifications),
                    ),
                    line=line,
                    field="classes",
                    value=name,
                )
                continue
            ids.append(c.id)
        entries.append(dataclasses.replace(entry, classes=tuple(ids)))
    log.raise_if_any()
    try:
        merged = dataclasses.replace(
            season,
            drivers=_merge(season.drivers, entry_list.drivers),  # type: ignore[arg-type]
            teams=_merge(season.teams, entry_list.teams),  # type: ignore[arg-type]
            entries=_merge(season.entries, entries),  # type: ignore[arg-type]
        )
    except PodiumError as exc:
        raise InputError(Problem(message_of(exc), source=entry_list.source)) from None
    _check_numbers(entries, merged, entry_list, log)
    _check_eligibility(entries, merged, entry_list, log)
    log.raise_if_any()
    resolved = dataclasses.replace(entry_list, entries=tuple(entries))
    return resolved, merged


def _check_numbers(entries: list[Entry], season: Season, entry_list: EntryList, log: ProblemLog) -> None:
    by_number: dict[str, list[Entry]] = defaultdict(list)
    for e in season.entries:
        if e.car:
            by_number[e.car.number].append(e)
    for entry in entries:
        if entry.car is None:
            continue
        for other in by_number[entry.car.number]:
            if other.id != entry.id and _overlap(entry.rounds, other.rounds):
                rounds = ", ".join(map(str, entry.rounds)) or Message("all rounds")
                log.add(
                    Message(
                        "car #{number} would be two entries ({other!r} and {entry!r}) in the same rounds "
                        "({rounds}); give each entry its rounds",
                        number=entry.car.number,
                        other=other.id,
                        entry=entry.id,
                        rounds=rounds,
                    ),
                    line=entry_list.line_of("entry", entry.id),
                    field="rounds",
                    value=rounds,
                )
                break


def _check_eligibility(entries: list[Entry], season: Season, entry_list: EntryList, log: ProblemLog) -> None:
    needs_rules = [
        e
        for e in entries
        if any(season.classification(c).eligibility.text not in ("", "True") for c in e.classes)
    ]
    if needs_rules and not season.events:
        log.add(
            Message(
                "eligibility is checked on each event date, and the calendar is empty: add the events first "
                "(podium event add, or podium events import)"
            ),
            line=entry_list.line_of("entry", needs_rules[0].id),
            field="classes",
        )
        return
    for entry in needs_rules:
        problem = eligibility_problem(season, entry, season.events)
        if problem is not None:
            log.add(
                problem,
                line=entry_list.line_of("entry", entry.id),
                field="classes",
                value=";".join(entry.classes),
            )


def eligibility_problem(season: Season, entry: Entry, events: Iterable[Event]) -> str | None:
    """Why ``entry`` may not race in one of its classes at one of ``events``, or ``None``.

    Reports the first event that fails per class, and how many others fail too.
    """
    drivers = " / ".join(season.driver(d).name for d in entry.drivers)
    car = (
        Message("car #{number}", number=entry.car.number)
        if entry.car
        else Message("entry {id!r}", id=entry.id)
    )
    messages: list[str] = []
    for class_id in entry.classes:
        classification = season.classification(class_id)
        failures = []
        for event in events:
            if not entry.valid_in(event.round):
                continue
            verdict = season.eligibility(classification, entry, event.date)
            if not verdict:
                failures.append((event, verdict.reason))
        if failures:
            event, reason = failures[0]
            said = Message(
                "{car} ({drivers}) cannot race in {classification} at round {round} {event} on {date}: "
                "{reason}",
                car=car,
                drivers=drivers,
                classification=classification.name,
                round=event.round,
                event=event.name,
                date=event.date.isoformat(),
                reason=reason,
            )
            if len(failures) > 1:
                said = Message.plural(
                    "{car} ({drivers}) cannot race in {classification} at round {round} {event} on {date} "
                    "(and {count} more round): {reason}",
                    "{car} ({drivers}) cannot race in {classification} at round {round} {event} on {date} "
                    "(and {count} more rounds): {reason}",
                    count=len(failures) - 1,
                    **said.values,
                )
            messages.append(said)
    if not messages:
        return None
    joined = messages[0]
    for message in messages[1:]:
        joined = Message("{first}; {then}", first=joined, then=message)
    return joined


# -- calendars -------------------------------------------------------------------------------------
def resolve_events(
    events: Sequence[Event],
    season: Season,
    *,
    source: str,
    lines: Calendar | None = None,
    replace: bool = False,
) -> Season:
    """The season with ``events`` added to its calendar.

    A round already in the calendar is refused unless ``replace``; entries that request a class must
    still be eligible on the new event dates.

    :raises InputError: naming each round (and line, for a calendar file) that cannot be added.
    """
    log = ProblemLog(source)

    def line(round_number: int) -> int | None:
        return lines.lines.get(f"round:{round_number}") if lines is not None else None

    existing = {e.round: e for e in season.events}
    for event in events:
        if event.round in existing and not replace:
            log.add(
                Message(
                    "round {round} is already in the calendar ({event}); use --replace to supersede it",
                    round=event.round,
                    event=existing[event.round].name,
                ),
                line=line(event.round),
                field="round",
                value=event.round,
            )
    log.raise_if_any()
    rounds = {e.round for e in events}
    calendar = sorted(
        [e for e in season.events if e.round not in rounds] + list(events), key=lambda e: e.round
    )
    try:
        merged = dataclasses.replace(season, events=tuple(calendar))
    except PodiumError as exc:
        raise InputError(Problem(message_of(exc), source=source)) from None
    for entry in merged.entries:
        if not entry.classes:
            continue
        problem = eligibility_problem(merged, entry, events)
        if problem is not None:
            first = next((e.round for e in events if entry.valid_in(e.round)), None)
            log.add(
                Message(
                    "{problem} (fix the entry list first: give the entry its rounds or its classes)",
                    problem=problem,
                ),
                line=line(first) if first is not None else None,
                field="date",
            )
    log.raise_if_any()
    return merged
