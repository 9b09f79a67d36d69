"""Hypothesis strategies for small random championships (scenario files), shared by title tests.

The oracle cross-check (``tests/test_title_engines.py``) splits its championships into
:data:`STRATA` strata that are disjoint *by construction*: a stratum fixes three features of the
championship (scoring, tie-break, bonus points) and :func:`stratum_of` reads them back from the
parsed problem, so no championship can be drawn by two strata. :func:`canonical` is the identity of
a championship (what the engines see: names, titles and how the file spells a table are left out),
used to count distinct ones.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from podium.rules import TieBreakStep
from podium.title import TitleProblem
from podium.title.problem import Completion, SessionOutcome

STRATA = 8
"""Strata of the cross-check: classified scoring × countback tie-break × bonus points."""


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return str(v)


def scenario_text(doc: dict[str, Any]) -> str:
    """Write a scenario dict as TOML (the public scenario format)."""
    lines = [f"title = {_toml_value(doc['title'])}", "[rules]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in doc["rules"].items()]
    for c in doc["competitors"]:
        lines.append("[[competitors]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in c.items()]
    for s in doc["remaining"]:
        lines.append("[[remaining]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in s.items()]
    return "\n".join(lines) + "\n"


def _features(problem: TitleProblem) -> tuple[bool, bool, bool]:
    classified = not problem.sessions[0].starters_score
    countback = problem.tiebreak.chain[0] is TieBreakStep.COUNTBACK
    bonus = any(s.best_bonus > 0 for s in problem.sessions)
    return classified, countback, bonus


def stratum_of(problem: TitleProblem) -> int:
    """The stratum a championship belongs to, read from the problem itself (0 … STRATA - 1)."""
    classified, countback, bonus = _features(problem)
    return int(classified) + 2 * int(countback) + 4 * int(bonus)


def canonical(problem: TitleProblem) -> str:
    """What makes two championships the same question to the engines, as text."""
    contestants = tuple(
        (
            str(c.points),
            str(c.adjusted),
            tuple(str(u.value) for u in c.units),
            c.countback,
            tuple(sorted(c.sessions)),
        )
        for c in problem.contestants
    )
    sessions = tuple(
        (
            s.id,
            tuple(str(v) for v in s.table),
            s.field,
            s.anonymous,
            s.starters_score,
            s.countback,
            str(s.fastest_lap),
            s.fastest_lap_max_position if s.fastest_lap else None,
            str(s.pole),
            str(s.led_a_lap),
            str(s.most_laps_led),
        )
        for s in problem.sessions
    )
    counting = tuple((w.best,) for w in problem.counting.windows)
    return repr((contestants, sessions, counting, tuple(str(x) for x in problem.tiebreak.chain)))


def _table(draw: st.DrawFn, longest: int, top: int) -> list[int]:
    return sorted(draw(st.lists(st.integers(0, top), min_size=1, max_size=longest)), reverse=True)


def _exact(draw: st.DrawFn, top: int) -> str:
    """Points carried in, exact: whole, halves ("12.5") or thirds ("7/3")."""
    whole = draw(st.integers(0, top))
    part = draw(st.sampled_from(["", "", "", ".5", "/3"]))
    if part == "/3":
        return str(Fraction(whole * 3 + draw(st.integers(1, 2)), 3))
    return f"{whole}{part}"


@st.composite
def small_championships(
    draw: st.DrawFn, max_competitors: int = 6, max_sessions: int = 3, salt: int | None = None
) -> str:
    """A random small championship as scenario text: 2–6 competitors, 1–3 remaining sessions.

    Points tables per session kind (a sprint and a race), tables on a session, double points,
    bonus points (fastest lap with or without a top-N condition, pole, led a lap, most laps led),
    carried-in points as exact decimals and fractions with countback, best-N drops, absentees.

    ``salt`` in ``range(STRATA)`` draws only championships of that stratum (see
    :func:`stratum_of`); any other value (or None) draws every feature freely. Sizes are kept
    small enough for the brute-force oracle: sessions with bonuses have few named starters.
    """
    forced = salt is not None and 0 <= salt < STRATA
    if forced:
        assert salt is not None
        classified, countback_tb, bonus = bool(salt & 1), bool(salt & 2), bool(salt & 4)
    else:
        classified = draw(st.booleans())
        countback_tb = draw(st.booleans())
        bonus = draw(st.booleans())
    n = draw(st.integers(2, min(max_competitors, 4) if bonus else max_competitors))
    sessions = draw(st.integers(1, max_sessions if n <= 3 and not bonus else min(max_sessions, 2)))
    scoring = "classified" if classified else "starters"
    tiebreak = "countback" if countback_tb else draw(st.sampled_from(["shared", "wins"]))
    best = draw(st.sampled_from([0, 0, 0, 1, 2]))
    rules: dict[str, Any] = {"scoring": scoring, "tiebreak": tiebreak, "best": best}
    rules["points"] = _table(draw, 4, 12)
    weekend = draw(st.booleans())
    if weekend:
        rules["tables"] = {"sprint": _table(draw, 3, 6), "race": _table(draw, 4, 12)}
        if draw(st.booleans()):
            rules["countback_kinds"] = ["race"]
    names = [f"C{i}" for i in range(n)]
    competitors = []
    for name in names:
        if best:
            results = draw(st.lists(st.sampled_from([1, 2, 3, 4, "DNF"]), min_size=best, max_size=best + 1))
            competitors.append({"name": name, "results": results})
        else:
            entry: dict[str, Any] = {"name": name, "points": _exact(draw, 30)}
            countback = draw(st.lists(st.integers(0, 2), max_size=3))
            if countback:
                entry["countback"] = countback
            competitors.append(entry)
    # Bonuses: at least one session pays one in a bonus stratum, none does outside it.
    kind_bonus: dict[str, int] = {}
    if weekend and bonus and draw(st.booleans()):
        kind_bonus = _draw_bonus(draw)
        rules["bonuses"] = {"race": kind_bonus}
    remaining = []
    paid = False
    for i in range(sessions):
        item: dict[str, Any] = {"name": f"R{i + 1}"}
        if weekend:
            item["kind"] = draw(st.sampled_from(["sprint", "race"]))
        elif draw(st.integers(0, 5)) == 0:
            item["points"] = _table(draw, 4, 12)
        last = i == sessions - 1
        own = _draw_bonus(draw) if bonus and ((last and not paid) or draw(st.booleans())) else {}
        pays = {**(kind_bonus if item.get("kind") == "race" else {}), **own}
        paid = paid or bool(pays)
        # Bonuses multiply the endings (who takes each; any set of cars may lead a lap): keep
        # the fields of those sessions small.
        cap = 4 if not pays else 2 if "led_a_lap" in pays else 3
        item["starters"] = draw(st.integers(1, min(n + 1, cap)))
        multiplier = draw(st.sampled_from([1, 1, 1, 2]))
        if multiplier != 1:
            item["multiplier"] = multiplier
        item.update(own)
        if draw(st.integers(0, 4)) == 0:
            item["absent"] = [draw(st.sampled_from(names))]
        remaining.append(item)
    return scenario_text(
        {"title": "random", "rules": rules, "competitors": competitors, "remaining": remaining}
    )


def _draw_bonus(draw: st.DrawFn) -> dict[str, int]:
    """One or two bonuses of a session, each worth 1-3 points; fastest lap maybe only in the top N."""
    kinds = draw(
        st.lists(
            st.sampled_from(["fastest_lap", "pole", "led_a_lap", "most_laps_led"]),
            min_size=1,
            max_size=2,
            unique=True,
        )
    )
    found = {kind: draw(st.integers(1, 3)) for kind in kinds}
    if "fastest_lap" in kinds and draw(st.booleans()):
        found["fastest_lap_top"] = draw(st.integers(1, 3))
    return found


def random_completion(problem: TitleProblem, rng: random.Random) -> Completion:
    """Any legal ending of a real season's problem: shuffled fields, a few cars unranked."""
    outcomes = []
    for s in problem.sessions:
        cars = problem.cars_in(s)
        rng.shuffle(cars)
        k = rng.randint(max(1, len(cars) - 4), len(cars))
        ranked = [c for c in cars if not c.startswith("·")][:k]
        unranked = tuple(c for c in cars if c not in ranked and not c.startswith("·"))
        fl = rng.choice(ranked) if ranked and s.fastest_lap else None
        outcomes.append(SessionOutcome(s.id, tuple(ranked), unranked, fastest_lap=fl))
    return Completion(tuple(outcomes))
