"""Scenario files: a title question written by hand when only the standings are known.

Press officers rarely have every past result; they have a table and a calendar. The format is a
public contract (other tools write it), documented in ``docs/scenarios.md``::

    title = "Tiny example"
    [rules]
    points = [25, 18, 15, 12, 10]   # by position in the class; beyond the table: 0
    scoring = "starters"            # every starter is ranked and scores; "classified": DNF scores 0
    tiebreak = "countback"          # countback on positions (wins, then 2nds…), then shared
    best = 0                        # 0: all results count; k>0: only the best k results count
    [rules.tables]                  # optional: a points table per session kind (a weekend)
    sprint = [8, 7, 6, 5, 4, 3, 2, 1]
    [rules.bonuses]                 # optional: bonus points per session kind
    race = { fastest_lap = 1, fastest_lap_top = 10 }
    [[competitors]]
    name = "A"
    points = "369.5"                # exact string; or give `results = [1, 2, "DNF"]`
    countback = [3, 1]              # how many 1st, 2nd, … places so far (with `points`)
    [[remaining]]
    name = "Race 15"
    kind = "sprint"                 # or `points = [...]` on the entry; default: rules.points
    starters = 5                    # cars of this class that start; unnamed ones have 0 points so far
    multiplier = 1                  # 2 for double points (the table only, not the bonuses)

Parsing is pure (text in, problem out), every value is bounded, and every problem of the file is
reported at once, naming the file, the line, the key and the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

from podium.errors import InputError, Message, Problem
from podium.model.reading import Reader, load_toml
from podium.model.values import slug
from podium.rules import Counting, CountingWindow, DropUnit, TieBreak, TieBreakStep
from podium.title.problem import Contestant, PastUnit, RemainingSession, TitleProblem

BONUS_KEYS = {"fastest_lap", "fastest_lap_top", "pole", "led_a_lap", "most_laps_led"}
TOP_KEYS = {"title", "rules", "competitors", "remaining", "classification", "notes", "after_round"}
RULE_KEYS = {"points", "scoring", "tiebreak", "best", "tables", "bonuses", "countback_kinds", *BONUS_KEYS}
COMPETITOR_KEYS = {"name", "points", "countback", "results"}
REMAINING_KEYS = {
    "name",
    "starters",
    "multiplier",
    "absent",
    "kind",
    "points",
    "round",
    "countback",
    *BONUS_KEYS,
}
NOT_RANKED = {"DNF", "DNS", "DSQ", "NC", "EX", "DNQ"}
TIEBREAKS = {
    "countback": (TieBreakStep.COUNTBACK, TieBreakStep.SHARED),
    "wins": (TieBreakStep.WINS, TieBreakStep.SHARED),
    "shared": (TieBreakStep.SHARED,),
}

# Bounds on every value read (a scenario is public input: the API and the web take them too).
MAX_TEXT = 1_000_000
"""Characters in a scenario file."""
MAX_NAME = 200
"""Characters in a title, a name or a note."""
MAX_SCALE = 1_000_000
"""Largest common denominator of all the numbers of a scenario (the engines count in its units:
1/997 and 1/991 each pass :data:`~podium.model.values.MAX_DENOMINATOR`, but a table of such
primes would need integers beyond 64 bits)."""
MAX_PLACE_POINTS = 10_000
"""Most points one place or one bonus may pay."""
MAX_CARRIED = 1_000_000
"""Largest points total (either sign) a competitor may carry in."""
MAX_TABLE = 200
"""Places in one points table."""
MAX_COMPETITORS = 500
MAX_SESSIONS = 100
MAX_STARTERS = 500
MAX_MULTIPLIER = 10
MAX_COUNT = 10_000
"""Most results of one kind (wins, seconds, …) or past results in one list."""
MAX_NOTES = 100
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _points(r: Reader, value: object, key: str) -> Fraction:
    """Points of one place or one bonus: exact, from 0 to :data:`MAX_PLACE_POINTS`."""
    return r.exact(value, key, low=0, high=MAX_PLACE_POINTS)


def _table(r: Reader, value: object, key: str) -> tuple[Fraction, ...]:
    """A points table: winner first, exact, 0 ≤ points ≤ MAX, never increasing down the table."""
    raw = r.array(value, key, what="points by position", most=MAX_TABLE)
    if isinstance(value, list) and not value:
        r.problem(key, "expected at least one position's points, got []", value)
    table = tuple(_points(r, v, f"{key}[{i}]") for i, v in enumerate(raw))
    for i in range(1, len(table)):
        if table[i] > table[i - 1]:
            r.problem(
                f"{key}[{i}]",
                f"points never increase down the table: place {i + 1} pays {table[i]}, "
                f"place {i} {table[i - 1]}",
                raw[i],
            )
            break
    return table


def _bonuses(r: Reader, table: Mapping[str, Any], key: str) -> dict[str, Fraction | int]:
    """The bonus keys written in ``table`` (others are checked by the caller)."""
    found: dict[str, Fraction | int] = {}
    for name in sorted(BONUS_KEYS & set(table)):
        if name == "fastest_lap_top":
            found[name] = r.whole(table[name], f"{key}.{name}", low=1, high=MAX_STARTERS)
        else:
            found[name] = _points(r, table[name], f"{key}.{name}")
    return found


def _name(r: Reader, value: object, key: str, default: str) -> str:
    """A title, a name or a note: non-empty text of at most :data:`MAX_NAME` characters."""
    return r.text(value, key, default=default, most=MAX_NAME, empty=False)


@dataclass(frozen=True, slots=True)
class _Session:
    name: str
    round: int
    starters: int
    table: tuple[Fraction, ...]
    bonus: Mapping[str, Fraction | int]
    countback: bool
    absent: frozenset[str]


def parse_scenario(text: str, *, source: str = "<scenario>") -> TitleProblem:
    """Read a scenario file's text into a :class:`TitleProblem`.

    :raises InputError: listing every problem (line, key, value, what was expected).
    """
    if len(text) > MAX_TEXT:
        raise InputError(
            Problem(f"a scenario has at most {MAX_TEXT} characters, got {len(text)}", source=source)
        )
    doc = load_toml(text, source)
    r = Reader(source, text=text)
    r.known(doc, TOP_KEYS, "")
    title = _name(r, doc.get("title"), "title", "Scenario")
    rules = doc.get("rules")
    if not isinstance(rules, Mapping):
        r.problem("rules", "missing [rules] table (points, scoring, tiebreak, best)", rules)
        rules = {}
    r.known(rules, RULE_KEYS, "rules")
    default_table: tuple[Fraction, ...] | None = None
    if "points" in rules:
        default_table = _table(r, rules["points"], "rules.points")
    scoring = rules.get("scoring", "starters")
    if scoring not in ("starters", "classified"):
        r.problem("rules.scoring", f'expected "starters" or "classified", got {scoring!r}', scoring)
    tiebreak = rules.get("tiebreak", "countback")
    if tiebreak not in TIEBREAKS:
        r.problem("rules.tiebreak", f'expected "countback", "wins" or "shared", got {tiebreak!r}', tiebreak)
        tiebreak = "countback"
    best = r.whole(rules.get("best", 0), "rules.best", high=MAX_COUNT)
    default_bonus = _bonuses(r, rules, "rules")

    kind_tables: dict[str, tuple[Fraction, ...]] = {}
    raw_tables = rules.get("tables", {})
    if not isinstance(raw_tables, Mapping):
        r.problem("rules.tables", f"expected a table of kind = [points…], got {raw_tables!r}", raw_tables)
        raw_tables = {}
    for kind, value in raw_tables.items():
        if not KIND_PATTERN.match(kind):
            r.problem(f"rules.tables.{kind}", f"expected a kind name like sprint or race, got {kind!r}", kind)
        kind_tables[kind] = _table(r, value, f"rules.tables.{kind}")
    kind_bonus: dict[str, dict[str, Fraction | int]] = {}
    raw_bonuses = rules.get("bonuses", {})
    if not isinstance(raw_bonuses, Mapping):
        r.problem("rules.bonuses", f"expected a table of kind = {{bonus…}}, got {raw_bonuses!r}", raw_bonuses)
        raw_bonuses = {}
    for kind, value in raw_bonuses.items():
        key = f"rules.bonuses.{kind}"
        if kind not in kind_tables:
            r.problem(key, f"bonuses for kind {kind!r}, which has no table in [rules.tables]", kind)
        if not isinstance(value, Mapping):
            r.problem(key, f"expected a table like {{ pole = 1 }}, got {value!r}", value)
            continue
        r.known(value, BONUS_KEYS, key)
        kind_bonus[kind] = _bonuses(r, value, key)
    countback_kinds: set[str] | None = None
    if "countback_kinds" in rules:
        raw_kinds = r.array(rules["countback_kinds"], "rules.countback_kinds", what="kinds", most=100)
        countback_kinds = set()
        for j, kind in enumerate(raw_kinds):
            if not isinstance(kind, str) or kind not in kind_tables:
                r.problem(
                    f"rules.countback_kinds[{j}]", f"unknown kind {kind!r} (not in [rules.tables])", kind
                )
            countback_kinds.add(str(kind))

    competitors = doc.get("competitors")
    if not isinstance(competitors, list) or not competitors:
        r.problem("competitors", "expected at least one [[competitors]] entry", competitors)
        competitors = []
    elif len(competitors) > MAX_COMPETITORS:
        r.problem("competitors", f"expected at most {MAX_COMPETITORS} competitors, got {len(competitors)}")
        competitors = competitors[:MAX_COMPETITORS]
    remaining = doc.get("remaining")
    if not isinstance(remaining, list) or not remaining:
        r.problem(
            "remaining",
            "expected at least one [[remaining]] session (a scenario is about the future)",
            remaining,
        )
        remaining = []
    elif len(remaining) > MAX_SESSIONS:
        r.problem("remaining", f"expected at most {MAX_SESSIONS} remaining sessions, got {len(remaining)}")
        remaining = remaining[:MAX_SESSIONS]

    names: list[str] = []
    parsed: list[tuple[str, Fraction, tuple[int, ...], tuple[PastUnit, ...]]] = []
    past_rounds = 0
    for _, key, item in r.tables(competitors, "competitors", COMPETITOR_KEYS):
        if "name" not in item:
            r.problem(f"{key}.name", "expected a name", None)
            continue
        name = _name(r, item.get("name"), f"{key}.name", "")
        if not name:
            continue
        if name in names:
            r.problem(f"{key}.name", f"competitor {name!r} is listed twice", name)
        names.append(name)
        results = item.get("results")
        units: list[PastUnit] = []
        countback: list[int] = []
        if results is not None:
            results = r.array(results, f"{key}.results", what='positions like [1, 2, "DNF"]', most=MAX_COUNT)
            if default_table is None:
                r.problem(f"{key}.results", "results are scored with rules.points, which is missing", None)
            past_table = default_table or ()
            total = Fraction(0)
            for j, res in enumerate(results):
                rk = f"{key}.results[{j}]"
                value = Fraction(0)
                if isinstance(res, int) and not isinstance(res, bool) and 1 <= res <= MAX_STARTERS:
                    value = past_table[res - 1] if res <= len(past_table) else Fraction(0)
                    while len(countback) < res:
                        countback.append(0)
                    countback[res - 1] += 1
                elif not (isinstance(res, str) and res.upper() in NOT_RANKED):
                    r.problem(
                        rk,
                        f"expected a position (1 to {MAX_STARTERS}) or one of {sorted(NOT_RANKED)}, "
                        f"got {res!r}",
                        res,
                    )
                total += value
                units.append(PastUnit(round=j + 1, key=f"past-{j + 1}", value=value))
            past_rounds = max(past_rounds, len(results))
            points = sum(sorted((u.value for u in units), reverse=True)[: best or None], Fraction(0))
            if (
                "points" in item
                and r.exact(item["points"], f"{key}.points", low=0, high=MAX_CARRIED) != points
            ):
                r.problem(
                    f"{key}.points",
                    f"points {item['points']!r} disagree with results worth {points} (of {total} scored)",
                    item["points"],
                )
            if "countback" in item:
                r.problem(
                    f"{key}.countback",
                    "give countback or results, not both (results imply the countback)",
                    item["countback"],
                )
        else:
            if best > 0:
                r.problem(
                    f"{key}.results", "with best > 0 every competitor needs `results` (drops need them)", None
                )
            if "points" not in item:
                r.problem(f"{key}.points", 'expected points ("100") or results ([1, 2, "DNF"])', None)
            points = r.exact(item.get("points", 0), f"{key}.points", low=-MAX_CARRIED, high=MAX_CARRIED)
            raw_cb = r.array(
                item.get("countback", []), f"{key}.countback", what="place counts like [3, 1]", most=MAX_TABLE
            )
            countback = [r.whole(v, f"{key}.countback[{j}]", high=MAX_COUNT) for j, v in enumerate(raw_cb)]
            while countback and countback[-1] == 0:
                countback.pop()
        parsed.append((name, points, tuple(countback), tuple(units)))

    classification = title
    if "classification" in doc:
        classification = _name(r, doc["classification"], "classification", title)
    extra: list[str] = []
    for j, note in enumerate(r.array(doc.get("notes", []), "notes", what="notes", most=MAX_NOTES)):
        extra.append(_name(r, note, f"notes[{j}]", ""))

    after_round = past_rounds
    if "after_round" in doc:
        after_round = r.whole(doc["after_round"], "after_round", low=past_rounds, high=MAX_COUNT)

    sessions: list[_Session] = []
    last_round = after_round
    for i, key, item in r.tables(remaining, "remaining", REMAINING_KEYS):
        name = _name(r, item.get("name", f"Race {after_round + i + 1}"), f"{key}.name", f"Race {i + 1}")
        starters = r.whole(item.get("starters"), f"{key}.starters", low=1, high=MAX_STARTERS)
        round_number = last_round + 1
        if "round" in item:
            value = item["round"]
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value < last_round:
                r.problem(
                    f"{key}.round",
                    f"sessions are listed in order: round {value} cannot come after round {last_round}",
                    value,
                )
            elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= after_round:
                r.problem(f"{key}.round", f"round {value} has run already (after round {after_round})", value)
            else:
                round_number = r.whole(value, f"{key}.round", low=1, high=MAX_COUNT)
        last_round = round_number
        multiplier = r.exact(item.get("multiplier", 1), f"{key}.multiplier", low=0, high=MAX_MULTIPLIER)
        if "multiplier" in item and multiplier <= 0:
            r.problem(
                f"{key}.multiplier",
                f"expected a positive multiplier, got {item['multiplier']!r}",
                item["multiplier"],
            )
        kind = item.get("kind")
        table: tuple[Fraction, ...] = ()
        bonus: dict[str, Fraction | int] = dict(default_bonus)
        if kind is not None:
            if not isinstance(kind, str) or kind not in kind_tables:
                known_kinds = ", ".join(sorted(kind_tables)) or "none: add [rules.tables]"
                r.problem(f"{key}.kind", f"unknown session kind {kind!r} (known: {known_kinds})", kind)
            else:
                table = kind_tables[kind]
                bonus = dict(kind_bonus.get(kind, {}))
        if "points" in item:
            table = _table(r, item["points"], f"{key}.points")
        elif kind is None:
            if default_table is None:
                r.problem(f"{key}.points", "no points table: give rules.points, a kind or points here", None)
            table = default_table or ()
        bonus.update(_bonuses(r, item, key))
        if "fastest_lap_top" in bonus and not bonus.get("fastest_lap"):
            r.problem(
                f"{key}.fastest_lap_top",
                "fastest_lap_top without a fastest_lap bonus",
                bonus["fastest_lap_top"],
            )
        counts_back = countback_kinds is None or (isinstance(kind, str) and kind in countback_kinds)
        if "countback" in item:
            counts_back = r.truth(item["countback"], f"{key}.countback")
        absent_raw = r.array(
            item.get("absent", []), f"{key}.absent", what="competitor names", most=MAX_COMPETITORS
        )
        absent: set[str] = set()
        for who in absent_raw:
            if who not in names:
                r.problem(f"{key}.absent", f"unknown competitor {who!r}", who)
            absent.add(str(who))
        scaled = tuple(v * multiplier for v in table)
        sessions.append(_Session(name, round_number, starters, scaled, bonus, counts_back, frozenset(absent)))

    scale = lcm(*r.denominators)
    if scale > MAX_SCALE:
        r.problem(
            "rules.points",
            f"the numbers' denominators ({', '.join(map(str, sorted(r.denominators - {1})[:8]))}…) have "
            f"a common denominator of {scale if scale < 10**12 else f'about 10^{len(str(scale)) - 1}'}; "
            f"at most {MAX_SCALE} (use halves, thirds, quarters…)",
            None,
        )
    r.log.raise_if_any()

    remaining_sessions = []
    for i, s in enumerate(sessions):
        listed = len([n for n in names if n not in s.absent])
        session_id = f"s{i + 1}"
        top = s.bonus.get("fastest_lap_top")
        remaining_sessions.append(
            RemainingSession(
                id=session_id,
                name=s.name,
                round=s.round,
                table=s.table,
                field=s.starters,
                anonymous=max(0, s.starters - listed),
                starters_score=scoring == "starters",
                countback=s.countback,
                fastest_lap=Fraction(s.bonus.get("fastest_lap", 0)),
                fastest_lap_max_position=int(top) if top is not None else None,
                pole=Fraction(s.bonus.get("pole", 0)),
                led_a_lap=Fraction(s.bonus.get("led_a_lap", 0)),
                most_laps_led=Fraction(s.bonus.get("most_laps_led", 0)),
                unit=session_id,
            )
        )
    ids = {name: slug(name) or "competitor" for name in names}
    if len(set(ids.values())) != len(ids):
        ids = {name: f"{slug(name) or 'competitor'}-{k}" for k, name in enumerate(names, start=1)}
    contestants = []
    for name, points, past_countback, past_units in parsed:
        may_start = frozenset(
            rs.id for rs, s in zip(remaining_sessions, sessions, strict=True) if name not in s.absent
        )
        contestants.append(
            Contestant(
                id=ids[name],
                name=name,
                points=points,
                units=past_units,
                countback=past_countback,
                cars=(ids[name],),
                sessions=may_start,
            )
        )
    counting = (
        Counting(windows=(CountingWindow(None, best),), drop_unit=DropUnit.SESSION) if best else Counting()
    )
    notes: list[str] = [
        Message(
            "{session}: {count} starters ({unnamed} unnamed)",
            session=s.name,
            count=s.field,
            unnamed=s.anonymous,
        )
        if s.anonymous
        else Message("{session}: {count} starters", session=s.name, count=s.field)
        for s in remaining_sessions
    ]
    notes.extend(extra)
    return TitleProblem(
        title=title,
        classification=classification,
        contestants=tuple(contestants),
        sessions=tuple(remaining_sessions),
        counting=counting,
        tiebreak=TieBreak(chain=TIEBREAKS[tiebreak]),
        after_round=after_round,
        notes=tuple(notes),
    )
