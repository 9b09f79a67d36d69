"""Scenario files: a title question written by hand when only the standings are known.

Press officers rarely have every past result; they have a table and a calendar. The format is a
public contract (other tools write it), documented in ``docs/scenarios.md``::

    title = "Tiny example"
    [rules]
    points = [25, 18, 15, 12, 10]   # by position in the class; beyond the table: 0
    scoring = "starters"            # every starter is ranked and scores; "classified": DNF scores 0
    tiebreak = "countback"          # countback on positions (wins, then 2nds…), then shared
    best = 0                        # 0: all results count; k>0: only the best k results count
    [[competitors]]
    name = "A"
    points = "100"                  # exact string; or give `results = [1, 2, "DNF"]`
    countback = [3, 1]              # how many 1st, 2nd, … places so far (with `points`)
    [[remaining]]
    name = "Race 15"
    starters = 5                    # cars of this class that start; unnamed ones have 0 points so far
    multiplier = 1                  # 2 for double points

Parsing is pure (text in, problem out) and reports every problem of the file at once, naming the
key and the value.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from podium.errors import InputError, Problem
from podium.rules import Counting, CountingWindow, DropUnit, TieBreak, TieBreakStep
from podium.title.problem import Contestant, PastUnit, RemainingSession, TitleProblem

TOP_KEYS = {"title", "rules", "competitors", "remaining", "classification", "notes"}
RULE_KEYS = {"points", "scoring", "tiebreak", "best"}
COMPETITOR_KEYS = {"name", "points", "countback", "results"}
REMAINING_KEYS = {"name", "starters", "multiplier", "absent"}
NOT_RANKED = {"DNF", "DNS", "DSQ", "NC", "EX", "DNQ"}


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return text or "competitor"


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def bad(self, key: str, message: str, value: object = None) -> None:
        self.problems.append(Problem(message, source=self.source, field=key, value=value))

    def known(self, table: Mapping[str, Any], allowed: set[str], key: str) -> None:
        for name in table:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                self.bad(where, f"unknown key {name!r} (allowed: {', '.join(sorted(allowed))})", name)

    def exact(self, value: object, key: str) -> Fraction:
        if isinstance(value, bool | float):
            self.bad(key, f'expected an exact number like "93" or "9/2", got {value!r}', value)
            return Fraction(0)
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, str):
            try:
                return Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                pass
        self.bad(key, f'expected an exact number like "93" or "9/2", got {value!r}', value)
        return Fraction(0)

    def count(self, value: object, key: str, minimum: int = 0) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        self.bad(key, f"expected a whole number ≥ {minimum}, got {value!r}", value)
        return minimum


def parse_scenario(text: str, *, source: str = "<scenario>") -> TitleProblem:
    """Read a scenario file's text into a :class:`TitleProblem`.

    :raises InputError: listing every problem (key, value, what was expected).
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Problem(f"not valid TOML: {exc}", source=source)) from None
    r = _Reader(source)
    r.known(doc, TOP_KEYS, "")
    title = doc.get("title", "")
    if not isinstance(title, str) or not title.strip():
        r.bad("title", f"expected a non-empty title, got {title!r}", title)
        title = "Scenario"
    rules = doc.get("rules")
    if not isinstance(rules, Mapping):
        r.bad("rules", "missing [rules] table (points, scoring, tiebreak, best)", rules)
        rules = {}
    r.known(rules, RULE_KEYS, "rules")
    raw_table = rules.get("points")
    if not isinstance(raw_table, list) or not raw_table:
        r.bad("rules.points", f"expected a list of points by position, got {raw_table!r}", raw_table)
        raw_table = []
    table = tuple(r.exact(v, f"rules.points[{i}]") for i, v in enumerate(raw_table))
    if any(v < 0 for v in table):
        r.bad("rules.points", "points cannot be negative", raw_table)
    scoring = rules.get("scoring", "starters")
    if scoring not in ("starters", "classified"):
        r.bad("rules.scoring", f'expected "starters" or "classified", got {scoring!r}', scoring)
    tiebreak = rules.get("tiebreak", "countback")
    if tiebreak not in ("countback", "shared"):
        r.bad("rules.tiebreak", f'expected "countback" or "shared", got {tiebreak!r}', tiebreak)
    best = r.count(rules.get("best", 0), "rules.best")

    competitors = doc.get("competitors")
    if not isinstance(competitors, list) or not competitors:
        r.bad("competitors", "expected at least one [[competitors]] entry", competitors)
        competitors = []
    remaining = doc.get("remaining")
    if not isinstance(remaining, list) or not remaining:
        r.bad(
            "remaining",
            "expected at least one [[remaining]] session (a scenario is about the future)",
            remaining,
        )
        remaining = []

    names: list[str] = []
    parsed: list[tuple[str, Fraction, tuple[int, ...], tuple[PastUnit, ...]]] = []
    past_rounds = 0
    for i, item in enumerate(competitors):
        key = f"competitors[{i}]"
        if not isinstance(item, Mapping):
            r.bad(key, f"expected a table, got {item!r}", item)
            continue
        r.known(item, COMPETITOR_KEYS, key)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            r.bad(f"{key}.name", f"expected a name, got {name!r}", name)
            continue
        if name in names:
            r.bad(f"{key}.name", f"competitor {name!r} is listed twice", name)
        names.append(name)
        results = item.get("results")
        units: list[PastUnit] = []
        countback: list[int] = []
        if results is not None:
            if not isinstance(results, list):
                r.bad(f"{key}.results", f'expected a list like [1, 2, "DNF"], got {results!r}', results)
                results = []
            total = Fraction(0)
            for j, res in enumerate(results):
                rk = f"{key}.results[{j}]"
                value = Fraction(0)
                if isinstance(res, int) and not isinstance(res, bool) and res >= 1:
                    value = table[res - 1] if res <= len(table) else Fraction(0)
                    while len(countback) < res:
                        countback.append(0)
                    countback[res - 1] += 1
                elif not (isinstance(res, str) and res.upper() in NOT_RANKED):
                    r.bad(
                        rk, f"expected a position (1, 2, …) or one of {sorted(NOT_RANKED)}, got {res!r}", res
                    )
                total += value
                units.append(PastUnit(round=j + 1, key=f"past-{j + 1}", value=value))
            past_rounds = max(past_rounds, len(results))
            points = sum(sorted((u.value for u in units), reverse=True)[: best or None], Fraction(0))
            if "points" in item and r.exact(item["points"], f"{key}.points") != points:
                r.bad(
                    f"{key}.points",
                    f"points {item['points']!r} disagree with results worth {points} (of {total} scored)",
                    item["points"],
                )
            if "countback" in item:
                r.bad(
                    f"{key}.countback",
                    "give countback or results, not both (results imply the countback)",
                    item["countback"],
                )
        else:
            if best > 0:
                r.bad(
                    f"{key}.results", "with best > 0 every competitor needs `results` (drops need them)", None
                )
            if "points" not in item:
                r.bad(f"{key}.points", 'expected points ("100") or results ([1, 2, "DNF"])', None)
            points = r.exact(item.get("points", 0), f"{key}.points")
            raw_cb = item.get("countback", [])
            if not isinstance(raw_cb, list):
                r.bad(
                    f"{key}.countback", f"expected a list of place counts like [3, 1], got {raw_cb!r}", raw_cb
                )
                raw_cb = []
            countback = [r.count(v, f"{key}.countback[{j}]") for j, v in enumerate(raw_cb)]
        parsed.append((name, points, tuple(countback), tuple(units)))

    sessions: list[tuple[str, int, Fraction, frozenset[str]]] = []
    for i, item in enumerate(remaining):
        key = f"remaining[{i}]"
        if not isinstance(item, Mapping):
            r.bad(key, f"expected a table, got {item!r}", item)
            continue
        r.known(item, REMAINING_KEYS, key)
        name = item.get("name", f"Race {past_rounds + i + 1}")
        if not isinstance(name, str):
            r.bad(f"{key}.name", f"expected a name, got {name!r}", name)
            name = f"Race {i + 1}"
        starters = r.count(item.get("starters"), f"{key}.starters", minimum=1)
        multiplier = r.exact(item.get("multiplier", 1), f"{key}.multiplier")
        if multiplier <= 0:
            r.bad(
                f"{key}.multiplier",
                f"expected a positive multiplier, got {item.get('multiplier')!r}",
                item.get("multiplier"),
            )
        absent_raw = item.get("absent", [])
        absent: set[str] = set()
        if not isinstance(absent_raw, list):
            r.bad(f"{key}.absent", f"expected a list of competitor names, got {absent_raw!r}", absent_raw)
            absent_raw = []
        for who in absent_raw:
            if who not in names:
                r.bad(f"{key}.absent", f"unknown competitor {who!r}", who)
            absent.add(str(who))
        sessions.append((name, starters, multiplier, frozenset(absent)))

    if r.problems:
        raise InputError(r.problems)

    remaining_sessions = []
    for i, (name, starters, multiplier, away) in enumerate(sessions):
        listed = len([n for n in names if n not in away])
        session_id = f"s{i + 1}"
        remaining_sessions.append(
            RemainingSession(
                id=session_id,
                name=name,
                round=past_rounds + i + 1,
                table=tuple(v * multiplier for v in table),
                field=starters,
                anonymous=max(0, starters - listed),
                starters_score=scoring == "starters",
                unit=session_id,
            )
        )
    ids = {name: slug(name) for name in names}
    if len(set(ids.values())) != len(ids):
        ids = {name: f"{slug(name)}-{k}" for k, name in enumerate(names, start=1)}
    contestants = []
    for name, points, past_countback, past_units in parsed:
        may_start = frozenset(
            s.id for s, (_, _, _, gone) in zip(remaining_sessions, sessions, strict=True) if name not in gone
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
    chain = (
        (TieBreakStep.COUNTBACK, TieBreakStep.SHARED) if tiebreak == "countback" else (TieBreakStep.SHARED,)
    )
    counting = (
        Counting(windows=(CountingWindow(None, best),), drop_unit=DropUnit.SESSION) if best else Counting()
    )
    notes = [
        f"{s.name}: {s.field} starters" + (f" ({s.anonymous} unnamed)" if s.anonymous else "")
        for s in remaining_sessions
    ]
    extra = doc.get("notes", [])
    if isinstance(extra, list):
        notes.extend(str(n) for n in extra)
    classification = doc.get("classification", title)
    return TitleProblem(
        title=title,
        classification=str(classification),
        contestants=tuple(contestants),
        sessions=tuple(remaining_sessions),
        counting=counting,
        tiebreak=TieBreak(chain=chain),
        after_round=past_rounds,
        notes=tuple(notes),
    )
