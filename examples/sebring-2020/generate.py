"""How the illustrative race results of rounds 1–7 were made (run once; its output is committed).

    .venv/bin/python examples/sebring-2020/generate.py

The published facts fix totals, not races: the standings before Sebring (points, and for the
leaders their count of wins, second places…, see ../sebring-2020-*.toml) and a handful of race
results from the 2020 press releases (listed in README.md). OR-Tools CP-SAT finds per-race class
orders that reproduce every one of those numbers exactly; this script then writes them as podium
CSV files with plausible laps, times and a few retirements. Nothing here runs at demo time.

Data, model, variables, constraints, solve, in that order (STYLE.md §9).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

HERE = Path(__file__).resolve().parent
TABLE = [
    35,
    32,
    30,
    28,
    26,
    25,
    24,
    23,
    22,
    21,
    20,
    19,
    18,
    17,
    16,
    15,
    14,
    13,
    12,
    11,
    10,
    9,
    8,
    7,
    6,
    5,
    4,
    3,
    2,
    1,
]
RACES = 14
ROUNDS = 7
MAX_FIELD = 22

# -- data ------------------------------------------------------------------------------------------
# (key, name, Platinum points before Sebring, countback or None, Masters points or None, Masters countback)
PLATINUM = [
    ("kingsley", "Jeff Kingsley", 478, [10, 4], None, None),
    ("dickinson", "Riley Dickinson", 447, [3, 8, 1, 2], None, None),
    ("mcalister", "Jake McAlister", 394, [1, 2, 0, 6, 2, 3], None, None),
    ("metni", "Alan Metni", 373, None, 475, [9, 5]),
    ("luck", "Charlie Luck", 341, None, 448, [5, 5, 2, 1, 0, 1]),
    ("plat-a", "Platinum driver A (illustrative)", 322, None, None, None),
    ("plat-b", "Platinum driver B (illustrative)", 297, None, None, None),
    ("masters-c", "Platinum Masters driver C (illustrative)", 276, None, 402, None),
    ("plat-d", "Platinum driver D (illustrative)", 254, None, None, None),
    ("masters-e", "Platinum Masters driver E (illustrative)", 231, None, 371, None),
    ("masters-f", "Platinum Masters driver F (illustrative)", 209, None, 355, None),
    ("plat-g", "Platinum driver G (illustrative)", 188, None, None, None),
    ("masters-h", "Platinum Masters driver H (illustrative)", 160, None, 330, None),
]
MASTERS_PART_TIMERS = {"masters-part-1", "masters-part-2", "masters-part-3"}
"""Part-timers aged 45 or more. The Masters totals cannot be reached with six Masters cars: a field
of n cars pays 176 (n=6), 151 (n=5), 125 (n=4) points in all, and 14 × 176 − 2381 = 83 is no sum
of 25s and 51s. So some races had a seventh Masters car, whose driver scores below the six."""
PART_TIMERS = [f"part-{i}" for i in range(1, 17)] + sorted(MASTERS_PART_TIMERS)
"""Illustrative Platinum drivers who raced some of rounds 1–7 and not at Sebring. They are needed:
Masters driver H scores 330 Masters points (13 starts or so) but only 160 Platinum points, so he
finished around 19th of the Platinum class, and fields that big pay more points than the thirteen
regulars scored; the rest went to drivers who did not come to Sebring, each scoring under 160."""
GOLD = [
    ("swearingin", "Curt Swearingin", 475, [9, 5]),
    ("castro", "Efrin Castro", 457, [5, 6, 3]),
    ("edge", "Sean Edge", 422, [0, 3, 9, 2]),
    ("gold-d", "Gold driver D (illustrative)", 371, None),
    ("gold-e", "Gold driver E (illustrative)", 338, None),
]
GOLD_PART_TIMERS = ["gold-part-1", "gold-part-2"]
ALWAYS_START = {"kingsley", "dickinson", "mcalister", "metni", "luck", "swearingin", "castro", "edge"}
"""Their countback vectors account for 14 results each."""
# Published race facts (race index from 0): (race, driver, Platinum position).
FACTS = [
    (0, "kingsley", 1),
    (0, "metni", 3),
    (1, "dickinson", 1),
    (1, "kingsley", 2),
    (1, "metni", 3),
    (4, "kingsley", 1),
    (5, "dickinson", 1),
    (5, "kingsley", 2),
    *((r, "kingsley", 1) for r in range(9, 14)),
]
DICKINSON_AFTER_RACE_6 = 192


@dataclass(frozen=True)
class Solution:
    platinum: list[list[str]]
    """Per race: Platinum starters in class order."""
    gold: list[list[str]]


def solve_platinum(seconds: float) -> list[list[str]]:
    """Totals as soft targets, minimising the misses until every one is 0 (much easier for the
    solver than equalities from the start: it always has a solution to improve)."""
    model, v = platinum_model(soft=True)
    model.minimize(sum(v.misses))
    solver = _solver(seconds)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value > 0:
        sys.exit(f"Platinum: totals missed by {solver.objective_value} ({solver.status_name(status)})")
    print(f"Platinum: every total hit in {solver.wall_time:.1f}s", flush=True)
    return orders(v, solver.boolean_value)


def polish_platinum(found: list[list[str]], seconds: float) -> list[list[str]]:
    """The same totals as hard constraints, starting from ``found`` (a complete hint), minimising how
    far positions stray from the standings order, so the results read like a real season."""
    model, v = platinum_model(soft=False)
    hint(model, v, found)
    model.minimize(sum(v.deviations))
    solver = _solver(seconds)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print("Platinum: no better order found in time; keeping the first one")
        return found
    print(f"Platinum: {solver.status_name(status)}, deviation {solver.objective_value:.0f}", flush=True)
    return orders(v, solver.boolean_value)


@dataclass
class PlatinumVars:
    x: dict[tuple[str, int, int], cp_model.IntVar]
    start: dict[tuple[str, int], cp_model.IntVar]
    w: dict[tuple[int, int, int], cp_model.IntVar]
    mx: dict[tuple[str, int, int], cp_model.IntVar]
    dev: dict[tuple[str, int], cp_model.IntVar]
    misses: list[cp_model.IntVar]

    @property
    def deviations(self) -> list[cp_model.IntVar]:
        return list(self.dev.values())


def orders(v: PlatinumVars, value: Callable[[cp_model.IntVar], bool]) -> list[list[str]]:
    placed: list[list[tuple[int, str]]] = [[] for _ in range(RACES)]
    for (d, r, p), var in v.x.items():
        if value(var):
            placed[r].append((p, d))
    return [[d for _, d in sorted(race)] for race in placed]


def hint(model: cp_model.CpModel, v: PlatinumVars, found: list[list[str]]) -> None:
    """Hint every variable from per-race orders, so the solver starts from a complete solution."""
    masters = {p[0] for p in PLATINUM if p[4] is not None} | MASTERS_PART_TIMERS
    order_of = expected_places()
    position = {(d, r): i for r, race in enumerate(found) for i, d in enumerate(race, start=1)}
    for (d, r, p), var in v.x.items():
        model.add_hint(var, position.get((d, r)) == p)
    for (d, r), var in v.start.items():
        model.add_hint(var, (d, r) in position)
    for (r, p, q), var in v.w.items():
        ahead = sum(1 for d in found[r][: p - 1] if d in masters)
        model.add_hint(var, ahead == q - 1)
    for (m, r, q), var in v.mx.items():
        race = [d for d in found[r] if d in masters]
        model.add_hint(var, m in race and race.index(m) + 1 == q)
    for (d, r), var in v.dev.items():
        model.add_hint(var, abs(position[d, r] - (order_of[d] + 1)) if (d, r) in position else 0)


def expected_places() -> dict[str, int]:
    """Where each driver usually finishes, from the standings order (guests spread behind)."""
    order_of = {key: i for i, (key, *_rest) in enumerate(PLATINUM)}
    for i, d in enumerate(PART_TIMERS):
        order_of.setdefault(d, 10 + i % 8)
    return order_of


def platinum_model(*, soft: bool) -> tuple[cp_model.CpModel, PlatinumVars]:
    """The model of the Platinum class order of every race, Masters positions included.

    A Masters driver's Masters position is one plus the Masters starters ahead of him. With c[r, p]
    the number of Masters cars in the first p−1 places of race r, a Masters car in place p is
    Masters c[r, p] + 1: channelled through w[r, p, q] = (c[r, p] = q − 1), which propagates far
    better than comparing positions pairwise.
    """
    model = cp_model.CpModel()
    drivers = [p[0] for p in PLATINUM] + PART_TIMERS
    masters = [p[0] for p in PLATINUM if p[4] is not None] + sorted(MASTERS_PART_TIMERS)
    positions = range(1, MAX_FIELD + 1)
    places = range(1, len(masters) + 1)

    # -- variables ---------------------------------------------------------------------------------
    x = {
        (d, r, p): model.new_bool_var(f"{d}@R{r + 1}=P{p}")
        for d in drivers
        for r in range(RACES)
        for p in positions
    }
    start = {(d, r): model.new_bool_var(f"{d}@R{r + 1}") for d in drivers for r in range(RACES)}
    pos = {(d, r): sum(p * x[d, r, p] for p in positions) for d in drivers for r in range(RACES)}
    w = {
        (r, p, q): model.new_bool_var(f"R{r + 1}P{p}:{q - 1}M")
        for r in range(RACES)
        for p in positions
        for q in places
    }
    mx = {
        (m, r, q): model.new_bool_var(f"{m}@R{r + 1}=M{q}")
        for m in masters
        for r in range(RACES)
        for q in places
    }

    misses: list[cp_model.IntVar] = []

    def target(expr: cp_model.LinearExpr, value: int, name: str) -> None:
        """``expr == value``: a hard constraint, or (soft) a miss to minimise."""
        if not soft:
            model.add(expr == value)
            return
        miss = model.new_int_var(0, 2000, f"miss-{name}")
        model.add(expr - value <= miss)
        model.add(value - expr <= miss)
        misses.append(miss)

    # -- constraints -------------------------------------------------------------------------------
    # A starter has exactly one position, a non-starter none; positions 1…n without gaps.
    for d in drivers:
        for r in range(RACES):
            model.add(sum(x[d, r, p] for p in positions) == start[d, r])
    for r in range(RACES):
        used = [sum(x[d, r, p] for d in drivers) for p in positions]
        for p in range(MAX_FIELD):
            model.add(used[p] <= 1)
            if p + 1 < MAX_FIELD:
                model.add(used[p] >= used[p + 1])
        model.add(sum(start[d, r] for d in drivers) >= 13)
    # Masters places: w[r, p, ·] says how many Masters cars are ahead of place p.
    for r in range(RACES):
        for p in positions:
            ahead = sum(x[m, r, pp] for m in masters for pp in range(1, p))
            model.add_exactly_one(w[r, p, q] for q in places)
            model.add(sum((q - 1) * w[r, p, q] for q in places) == ahead)
        for m in masters:
            model.add(sum(mx[m, r, q] for q in places) == start[m, r])
            for p in positions:
                for q in places:
                    model.add_bool_or([x[m, r, p].Not(), w[r, p, q].Not(), mx[m, r, q]])
    # Totals and countbacks from the standings before Sebring (Platinum and Masters).
    for key, _, total, countback, masters_total, masters_countback in PLATINUM:
        target(sum(TABLE[p - 1] * x[key, r, p] for r in range(RACES) for p in positions), total, key)
        if countback is not None:
            for p in positions:
                wanted = countback[p - 1] if p <= len(countback) else 0
                model.add(sum(x[key, r, p] for r in range(RACES)) == wanted)
        if masters_total is not None:
            target(
                sum(TABLE[q - 1] * mx[key, r, q] for r in range(RACES) for q in places),
                masters_total,
                f"M-{key}",
            )
        if masters_countback is not None:
            for q in places:
                wanted = masters_countback[q - 1] if q <= len(masters_countback) else 0
                model.add(sum(mx[key, r, q] for r in range(RACES)) == wanted)
        if key in ALWAYS_START:
            for r in range(RACES):
                model.add(start[key, r] == 1)
        else:
            model.add(sum(start[key, r] for r in range(RACES)) >= 10)
    # Guests race whole weekends and score less than the last regular, in both tables.
    for d in PART_TIMERS:
        for k in range(ROUNDS):
            model.add(start[d, 2 * k] == start[d, 2 * k + 1])
        model.add(sum(TABLE[p - 1] * x[d, r, p] for r in range(RACES) for p in positions) <= 159)
        model.add(sum(start[d, r] for r in range(RACES)) <= 8)
        if d in MASTERS_PART_TIMERS:
            model.add(sum(TABLE[q - 1] * mx[d, r, q] for r in range(RACES) for q in places) <= 329)
    # Published facts.
    for r, d, p in FACTS:
        model.add(x[d, r, p] == 1)
    target(
        sum(TABLE[p - 1] * x["dickinson", r, p] for r in range(6) for p in positions),
        DICKINSON_AFTER_RACE_6,
        "dickinson-6",
    )
    dev = {} if soft else _deviations(model, drivers, pos, start, expected_places())
    return model, PlatinumVars(x, start, w, mx, dev, misses)


def _solver(seconds: float, seed: int = 2020) -> cp_model.CpSolver:
    """A parallel solver (not reproducible run to run: the committed files are the record)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 8
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = "--log" in sys.argv
    return solver


def _deviations(
    model: cp_model.CpModel,
    drivers: list[str],
    pos: dict[tuple[str, int], cp_model.LinearExpr],
    start: dict[tuple[str, int], cp_model.IntVar],
    order: dict[str, int],
) -> dict[tuple[str, int], cp_model.IntVar]:
    """|position − expected position| for every start, so results look like a real pecking order."""
    out = {}
    for d in drivers:
        for r in range(RACES):
            dev = model.new_int_var(0, MAX_FIELD, f"dev-{d}-{r}")
            model.add(dev >= pos[d, r] - (order[d] + 1)).only_enforce_if(start[d, r])
            model.add(dev >= (order[d] + 1) - pos[d, r]).only_enforce_if(start[d, r])
            model.add(dev == 0).only_enforce_if(start[d, r].Not())
            out[d, r] = dev
    return out


def solve_gold() -> list[list[str]]:
    model = cp_model.CpModel()
    drivers = [g[0] for g in GOLD] + GOLD_PART_TIMERS
    positions = range(1, len(drivers) + 1)
    x = {
        (d, r, p): model.new_bool_var(f"{d}@R{r + 1}=P{p}")
        for d in drivers
        for r in range(RACES)
        for p in positions
    }
    start = {(d, r): model.new_bool_var(f"{d}@R{r + 1}") for d in drivers for r in range(RACES)}
    for d in drivers:
        for r in range(RACES):
            model.add(sum(x[d, r, p] for p in positions) == start[d, r])
    for r in range(RACES):
        used = [sum(x[d, r, p] for d in drivers) for p in positions]
        for p in range(len(used)):
            model.add(used[p] <= 1)
            if p + 1 < len(used):
                model.add(used[p] >= used[p + 1])
    for key, _, total, countback in GOLD:
        model.add(sum(TABLE[p - 1] * x[key, r, p] for r in range(RACES) for p in positions) == total)
        if countback is not None:
            for p in positions:
                wanted = countback[p - 1] if p <= len(countback) else 0
                model.add(sum(x[key, r, p] for r in range(RACES)) == wanted)
        if key in ALWAYS_START:
            for r in range(RACES):
                model.add(start[key, r] == 1)
        else:
            model.add(sum(start[key, r] for r in range(RACES)) >= 10)
    for d in GOLD_PART_TIMERS:
        for k in range(ROUNDS):
            model.add(start[d, 2 * k] == start[d, 2 * k + 1])
        model.add(sum(TABLE[p - 1] * x[d, r, p] for r in range(RACES) for p in positions) <= 337)
    model.minimize(sum(start[d, r] for d in GOLD_PART_TIMERS for r in range(RACES)))
    solver = _solver(60.0)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        sys.exit(f"Gold: no solution found ({solver.status_name(status)})")
    print(f"Gold: {solver.status_name(status)}, objective {solver.objective_value}, {solver.wall_time:.1f}s")
    races = []
    for r in range(RACES):
        placed = sorted((p, d) for d in drivers for p in positions if solver.boolean_value(x[d, r, p]))
        races.append([d for _, d in placed])
    return races


# -- writing the files -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    key: str
    name: str
    born: str
    nationality: str
    team: str
    number: str
    model: str
    built: int
    classes: str


PLAT = "911 GT3 Cup (991.2)"
GOLD_CAR = "911 GT3 Cup (991.1)"
PEOPLE = [
    # Real names, teams and numbers where the 2020 press releases give them; birth dates are illustrative.
    Person(
        "kingsley",
        "Jeff Kingsley",
        "1998-08-14",
        "CAN",
        "Kelly-Moss Road and Race",
        "16",
        PLAT,
        2019,
        "platinum",
    ),
    Person("dickinson", "Riley Dickinson", "2002-05-09", "USA", "Moorespeed", "53", PLAT, 2019, "platinum"),
    Person("mcalister", "Jake McAlister", "1996-03-02", "USA", "JDX Racing", "11", PLAT, 2018, "platinum"),
    Person(
        "metni",
        "Alan Metni",
        "1966-10-21",
        "USA",
        "Kelly-Moss/AM Motorsports",
        "99",
        PLAT,
        2019,
        "platinum;platinum-masters",
    ),
    Person(
        "luck",
        "Charlie Luck",
        "1970-04-27",
        "USA",
        "Wright Motorsports",
        "24",
        PLAT,
        2018,
        "platinum;platinum-masters",
    ),
    Person(
        "plat-a",
        "Platinum driver A (illustrative)",
        "1995-01-17",
        "USA",
        "Illustrative Motorsport A",
        "7",
        PLAT,
        2018,
        "platinum",
    ),
    Person(
        "plat-b",
        "Platinum driver B (illustrative)",
        "1992-06-30",
        "USA",
        "Illustrative Motorsport B",
        "21",
        PLAT,
        2017,
        "platinum",
    ),
    Person(
        "masters-c",
        "Platinum Masters driver C (illustrative)",
        "1961-02-08",
        "USA",
        "Illustrative Motorsport C",
        "45",
        PLAT,
        2017,
        "platinum;platinum-masters",
    ),
    Person(
        "plat-d",
        "Platinum driver D (illustrative)",
        "2000-11-03",
        "USA",
        "Illustrative Motorsport D",
        "32",
        PLAT,
        2018,
        "platinum",
    ),
    Person(
        "masters-e",
        "Platinum Masters driver E (illustrative)",
        "1964-09-15",
        "USA",
        "Illustrative Motorsport E",
        "58",
        PLAT,
        2017,
        "platinum;platinum-masters",
    ),
    Person(
        "masters-f",
        "Platinum Masters driver F (illustrative)",
        "1968-12-01",
        "USA",
        "Illustrative Motorsport F",
        "66",
        PLAT,
        2018,
        "platinum;platinum-masters",
    ),
    Person(
        "plat-g",
        "Platinum driver G (illustrative)",
        "1999-07-22",
        "USA",
        "Illustrative Motorsport G",
        "88",
        PLAT,
        2017,
        "platinum",
    ),
    # 45 on 2020-07-20, twelve days before the first race: eligible for Masters at every round.
    Person(
        "masters-h",
        "Platinum Masters driver H (illustrative)",
        "1975-07-20",
        "USA",
        "Illustrative Motorsport H",
        "71",
        PLAT,
        2017,
        "platinum;platinum-masters",
    ),
    Person(
        "swearingin",
        "Curt Swearingin",
        "1979-03-11",
        "USA",
        "Illustrative Gold Team 1",
        "12",
        GOLD_CAR,
        2016,
        "gold",
    ),
    Person(
        "castro",
        "Efrin Castro",
        "1983-10-05",
        "DOM",
        "Illustrative Gold Team 2",
        "65",
        GOLD_CAR,
        2015,
        "gold",
    ),
    Person(
        "edge", "Sean Edge", "1974-01-25", "USA", "Illustrative Gold Team 3", "30", GOLD_CAR, 2016, "gold"
    ),
    Person(
        "gold-d",
        "Gold driver D (illustrative)",
        "1970-08-19",
        "USA",
        "Illustrative Gold Team 4",
        "44",
        GOLD_CAR,
        2014,
        "gold",
    ),
    Person(
        "gold-e",
        "Gold driver E (illustrative)",
        "1990-12-12",
        "USA",
        "Illustrative Gold Team 5",
        "77",
        GOLD_CAR,
        2015,
        "gold",
    ),
]
GUEST_NUMBERS = [
    "2",
    "3",
    "5",
    "8",
    "9",
    "10",
    "14",
    "17",
    "19",
    "22",
    "26",
    "28",
    "33",
    "38",
    "41",
    "47",
    "50",
    "61",
    "64",
]
GOLD_GUEST_NUMBERS = ["55", "80"]
VENUES = [
    # round, event id, event name, venue, zone, race 1 start, race 2 start, laps, lap time (s)
    (
        1,
        "road-america",
        "Road America",
        "Road America (Elkhart Lake)",
        "America/Chicago",
        "2020-08-01 10:35",
        "2020-08-02 09:40",
        18,
        146.0,
    ),
    (
        2,
        "vir",
        "Virginia International Raceway",
        "VIRginia International Raceway",
        "America/New_York",
        "2020-08-22 11:05",
        "2020-08-23 10:20",
        22,
        118.5,
    ),
    (
        3,
        "road-atlanta-september",
        "Road Atlanta (September)",
        "Michelin Raceway Road Atlanta",
        "America/New_York",
        "2020-09-05 11:45",
        "2020-09-06 10:10",
        29,
        88.9,
    ),
    (
        4,
        "mid-ohio",
        "Mid-Ohio",
        "Mid-Ohio Sports Car Course",
        "America/New_York",
        "2020-09-26 12:15",
        "2020-09-27 10:30",
        28,
        91.6,
    ),
    (
        5,
        "watkins-glen",
        "Watkins Glen",
        "Watkins Glen International",
        "America/New_York",
        "2020-10-03 11:25",
        "2020-10-04 09:55",
        24,
        109.8,
    ),
    (
        6,
        "road-atlanta-october",
        "Road Atlanta (Petit Le Mans)",
        "Michelin Raceway Road Atlanta",
        "America/New_York",
        "2020-10-15 13:05",
        "2020-10-16 11:40",
        29,
        89.2,
    ),
    (
        7,
        "st-petersburg",
        "Grand Prix of St. Petersburg",
        "Streets of St. Petersburg",
        "America/New_York",
        "2020-10-24 13:50",
        "2020-10-25 12:40",
        31,
        83.4,
    ),
]


def cast() -> dict[str, Person]:
    """Everyone who raced in 2020: the regulars above and the illustrative guests."""
    people = {p.key: p for p in PEOPLE}
    for i, key in enumerate(PART_TIMERS):
        masters = key in MASTERS_PART_TIMERS
        n = sorted(MASTERS_PART_TIMERS).index(key) + 1 if masters else i + 1
        people[key] = Person(
            key,
            f"Platinum Masters guest {n} (illustrative)" if masters else f"Platinum guest {n} (illustrative)",
            f"{1956 + n}-0{n % 9 + 1}-1{n % 9}" if masters else f"{1979 + n}-0{n % 9 + 1}-2{n % 9}",
            "USA",
            f"Illustrative Guest Team {i + 1}",
            GUEST_NUMBERS[i],
            PLAT,
            2017 + i % 3,
            "platinum;platinum-masters" if masters else "platinum",
        )
    for i, key in enumerate(GOLD_PART_TIMERS):
        people[key] = Person(
            key,
            f"Gold guest {i + 1} (illustrative)",
            f"{1985 + i}-04-0{i + 1}",
            "USA",
            f"Illustrative Gold Guest Team {i + 1}",
            GOLD_GUEST_NUMBERS[i],
            GOLD_CAR,
            2014 + i,
            "gold",
        )
    return people


def write_files(platinum: list[list[str]], gold: list[list[str]]) -> None:
    rng = random.Random(2020)
    people = cast()
    regulars = {p.key for p in PEOPLE}
    rounds_of: dict[str, set[int]] = {}
    for r in range(RACES):
        for key in platinum[r] + gold[r]:
            rounds_of.setdefault(key, set()).add(r // 2 + 1)
    # -- entry list --------------------------------------------------------------------------------
    lines = [
        "# Porsche GT3 Cup Challenge USA by Yokohama 2020: entry list (README.md says what is real)",
        "number,driver,birth_date,nationality,team,car_model,build_year,classes,rounds",
    ]
    for key, p in people.items():
        rounds = "" if key in regulars else _ranges(sorted(rounds_of.get(key, set())))
        if key not in regulars and not rounds:
            continue
        lines.append(
            f"{p.number},{p.name},{p.born},{p.nationality},{p.team},{p.model},{p.built},{p.classes},{rounds}"
        )
    (HERE / "entries.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # -- calendar ----------------------------------------------------------------------------------
    head = "round,event,event_name,venue,country,time_zone,session_name,kind,start,duration,broadcast"
    cal = [
        "# 2020 calendar: real venues and order; start times illustrative except St. Petersburg and Sebring",
        head,
    ]
    for rnd, ident, name, venue, zone, start1, start2, _, _ in VENUES:
        cal.append(f"{rnd},{ident},{name},{venue},USA,{zone},Race 1,race,{start1},45min,imsa.tv")
        cal.append(f"{rnd},{ident},{name},{venue},USA,{zone},Race 2,race,{start2},45min,imsa.tv")
    sebring = "8,sebring,Sebring,Sebring International Raceway,USA,America/New_York"
    cal.append(f"{sebring},Qualifying,qualifying,2020-11-12 10:40,30min,imsa.tv")
    cal.append(f"{sebring},Race 1,race,2020-11-13 08:00,45min,imsa.tv")
    cal.append(f"{sebring},Race 2,race,2020-11-13 14:35,45min,imsa.tv")
    (HERE / "calendar.csv").write_text("\n".join(cal) + "\n", encoding="utf-8")
    # -- results of races 1–14 -----------------------------------------------------------------------
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    for r in range(RACES):
        rnd = r // 2 + 1
        laps, lap_time = VENUES[rnd - 1][7], VENUES[rnd - 1][8]
        rows = race_rows(rng, platinum[r], gold[r], laps, lap_time, people)
        other = r + 1 if r % 2 == 0 else r - 1
        # Drivers who raced the other race of the weekend but not this one did not start it.
        for key in sorted(set(platinum[other] + gold[other]) - set(platinum[r] + gold[r])):
            rows.append(["", people[key].number, "DNS", "", "", "", people[key].name, ""])
        out = [
            f"# Race {r + 1} of 16 (round {rnd}, {VENUES[rnd - 1][2]}, race {r % 2 + 1}). "
            "ILLUSTRATIVE order, laps and times, made to reproduce the published standings before Sebring",
            "position,number,status,laps,time,gap,driver,fastest_lap",
            *(",".join(row) for row in rows),
        ]
        (folder / f"r{rnd:02d}-race-{r % 2 + 1}.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    write_race_15(people)


def race_rows(
    rng: random.Random,
    platinum: list[str],
    gold: list[str],
    laps: int,
    lap_time: float,
    people: dict[str, Person],
) -> list[list[str]]:
    """Timing-sheet lines: classified cars by laps and time, then retirements by laps covered.

    The last car of a class may retire (it keeps its class place: every starter is ranked, the
    retired ones after the classified ones, by laps).
    """
    retired = set()
    if len(platinum) >= 10 and rng.random() < 0.3:
        retired.add(platinum[-1])
    if len(gold) >= 4 and rng.random() < 0.15:
        retired.add(gold[-1])
    winner = laps * lap_time + rng.uniform(-4.0, 9.0)
    clock = winner
    finishers = []
    for i, key in enumerate(k for k in platinum + gold if k not in retired):
        if i:
            clock += rng.uniform(0.25, 3.2) + (rng.uniform(1.0, 5.0) if key == gold[0] else 0.0)
        gap = clock - winner
        done = laps if gap < lap_time * 0.97 else laps - 1
        total = clock if done == laps else clock - lap_time
        finishers.append((key, done, total, gap))
    fastest = rng.choice(platinum[:3])
    rows = []
    for position, (key, done, total, gap) in enumerate(finishers, start=1):
        gap_text = "" if position == 1 else (f"+{gap:.3f}" if done == laps else f"{laps - done} lap")
        rows.append(
            [
                str(position),
                people[key].number,
                "",
                str(done),
                _clock(total),
                gap_text,
                people[key].name,
                "yes" if key == fastest else "",
            ]
        )
    for key in sorted(retired, key=lambda k: platinum.index(k) if k in platinum else 100):
        covered = rng.randint(3, laps - 3)
        rows.append(["", people[key].number, "DNF", str(covered), "", "", people[key].name, ""])
    rows_retired = rows[len(finishers) :]
    rows_retired.sort(key=lambda row: -int(row[3]))
    return rows[: len(finishers)] + rows_retired


RACE_15_PLATINUM = [
    "dickinson",
    "kingsley",
    "metni",
    "mcalister",
    "plat-a",
    "plat-b",
    "masters-c",
    "plat-d",
    "plat-g",
    "masters-e",
    "masters-f",
    "masters-h",
]
"""Race 15 (Sebring, race 1): Dickinson won by 14.469 s from Kingsley (pole), Metni third and first
Masters after passing McAlister, which clinched the Masters title; Edge won Gold (press releases,
13 Nov 2020). The rest is illustrative, Luck's retirement included: it is what makes Metni's title
mathematically sure after this race, as it was."""
RACE_15_RETIRED = [("luck", 9)]
RACE_15_GOLD = ["edge", "swearingin", "castro", "gold-d", "gold-e"]
ALKAMEL_HEADER = (
    "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;TEAM;CLASS;GROUP;"
    "DIVISION;VEHICLE;TIRES;DRIVER1_FIRSTNAME;DRIVER1_SECONDNAME;DRIVER1_COUNTRY;PIC;"
)


def write_race_15(people: dict[str, Person]) -> None:
    """Race 15 as IMSA publishes it: an Al Kamel results CSV (semicolons, UTF-8 with a BOM)."""
    rng = random.Random(15)
    lap_km = 6.019  # Sebring, 3.74 miles
    laps, winner = 20, 45 * 60 + 21.337
    clock, previous = winner, winner
    rows = []
    seen: dict[str, int] = {}

    def car_class(key: str) -> str:
        p = people[key]
        return (
            "Gold" if key in RACE_15_GOLD else ("Platinum Masters" if "masters" in p.classes else "Platinum")
        )

    def identity(key: str) -> list[str]:
        p = people[key]
        first, _, last = p.name.partition(" ")
        seen[car_class(key)] = seen.get(car_class(key), 0) + 1
        return [
            p.team,
            car_class(key),
            "",
            "",
            f"Porsche {p.model}",
            "Y",
            first,
            last,
            p.nationality,
            str(seen[car_class(key)]),
        ]

    for position, key in enumerate(RACE_15_PLATINUM + RACE_15_GOLD, start=1):
        if position == 2:
            clock += 14.469
        elif position > 1:
            clock += rng.uniform(0.4, 3.4) + (4.0 if key == RACE_15_GOLD[0] else 0.0)
        best = 127.845 + rng.uniform(0.0, 1.9) + (1.6 if key in RACE_15_GOLD else 0.0)
        rows.append(
            [
                str(position),
                people[key].number,
                "Classified",
                str(laps),
                _clock(clock),
                "" if position == 1 else f"{clock - winner:.3f}",
                "" if position == 1 else f"{clock - previous:.3f}",
                str(rng.randint(3, 19)),
                _clock(best).replace(":", "'", 1),
                f"{lap_km * 3600 / best:.1f}",
                *identity(key),
            ]
        )
        previous = clock
    for key, covered in RACE_15_RETIRED:
        best = 128.9 + rng.uniform(0.0, 1.0)
        rows.append(
            [
                str(len(rows) + 1),
                people[key].number,
                "Retired",
                str(covered),
                "",
                f"{laps - covered} Laps",
                "",
                str(rng.randint(2, covered)),
                _clock(best).replace(":", "'", 1),
                f"{lap_km * 3600 / best:.1f}",
                *identity(key),
            ]
        )
    text = "\n".join([ALKAMEL_HEADER, *(";".join(r) + ";" for r in rows)]) + "\n"
    (HERE / "results" / "r08-race-1-alkamel.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def _ranges(rounds: list[int]) -> str:
    out = []
    start = prev = rounds[0]
    for n in [*rounds[1:], 0]:
        if n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    return ";".join(out)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:06.3f}"


def read_orders(log: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The class orders printed by an earlier run ("race  N: plat… | gold…"), to rewrite files only."""
    platinum, gold = [], []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("race "):
            left, right = line.split(":", 1)[1].split("|")
            platinum.append(left.split())
            gold.append(right.split())
    return platinum, gold


if __name__ == "__main__":
    if "--from" in sys.argv:  # rewrite the files from a run's printed orders
        write_files(*read_orders(Path(sys.argv[sys.argv.index("--from") + 1])))
        sys.exit(0)
    if "--polish" in sys.argv:  # make a run's printed orders plausible, then write the files
        found, gold = read_orders(Path(sys.argv[sys.argv.index("--polish") + 1]))
        platinum = polish_platinum(found, 600.0)
        for r in range(RACES):
            print(f"race {r + 1:2}: {' '.join(platinum[r])} | {' '.join(gold[r])}")
        write_files(platinum, gold)
        sys.exit(0)
    platinum = polish_platinum(solve_platinum(900.0), 450.0)
    gold = solve_gold()
    for r in range(RACES):
        print(f"race {r + 1:2}: {' '.join(platinum[r])} | {' '.join(gold[r])}")
    write_files(platinum, gold)
