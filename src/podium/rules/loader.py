"""Read rulesets from TOML, with errors that name the file, the key and the value.

The format is documented in ``docs/rules.md``. Reading is strict (unknown keys are errors, with a
"did you mean" hint) and complete (every problem of a file is reported at once). Numbers must be
integers or strings that :class:`~fractions.Fraction` reads ("12.5", "1/7"); TOML floats are refused
because 0.1 is not a number any points table means.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from podium.errors import Problem, RuleError
from podium.model import RoundRange, SessionKind
from podium.model.reading import Reader, load_toml
from podium.rules.schema import (
    RACES_AND_SPRINTS,
    Bonuses,
    BonusKind,
    CountbackPositions,
    CountbackScope,
    Counting,
    CountingWindow,
    DistanceBand,
    DriverCars,
    DropUnit,
    EventRule,
    Exclusion,
    FastestLapBonus,
    Ineligible,
    IneligiblePlaces,
    PointsAdjustment,
    PointsTable,
    PositionBasis,
    Ruleset,
    Scorers,
    Scoring,
    SessionSelector,
    SharedDrive,
    TieBreak,
    TieBreakStep,
)

SCORING_KEYS = {
    "position_basis": "overall | classification",
    "scorers": "starters | classified | finishers",
    "min_distance": "fraction of the winner's laps needed to score",
    "shared_drive": "split | full | none",
    "driver_cars": "all | best",
    "points": "tables by session kind: race, sprint, qualifying, segment",
    "bonus": "pole, fastest_lap, led_a_lap, most_laps_led",
    "distance": "partial-points bands for shortened races",
    "counting": "best-N and split seasons",
    "tiebreak": "tie-break chain",
    "cars_scoring": "team classifications: all, or the best K cars per session",
    "nominated": "team classifications: team id -> scoring drivers",
    "team_groups": "team classifications: group id (a manufacturer) -> teams whose cars score for it",
    "exclude_events": "event ids that never count",
    "events": "per-round rules: multiplier, points_factor, counts",
    "exclusions": "competitors excluded from the classification",
    "adjustments": "points added to or taken from a competitor",
    "ineligible": "drivers whose cars may not score in some rounds",
    "disqualified_keeps": "bonuses a disqualified car keeps: pole, fastest_lap, led_a_lap, most_laps_led",
}
"""Every key of a scoring block, with a one-line meaning; docs/rules.md is checked against it."""

TOP_KEYS = {"ruleset", "scoring", "classifications"}
RULESET_KEYS = {"id", "name", "sources", "notes"}


def _selectors(r: Reader, value: object, key: str) -> tuple[SessionSelector, ...]:
    out = []
    for item in r.array(value, key):
        try:
            out.append(SessionSelector.parse(str(item)))
        except ValueError:
            kinds = " | ".join(k.value for k in SessionKind)
            r.problem(
                key,
                f'expected a session kind ({kinds}), optionally numbered ("race 1"), got {item!r}',
                item,
            )
    return tuple(out)


def _rounds(r: Reader, value: object, key: str) -> RoundRange | None:
    try:
        return RoundRange.parse(value)  # type: ignore[arg-type]
    except Exception:
        r.problem(key, f'expected rounds like "1-6" or 7, got {value!r}', value)
        return None


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for k, v in over.items():
        if isinstance(v, Mapping) and isinstance(merged.get(k), Mapping):
            merged[k] = _merge(merged[k], v)
        else:
            merged[k] = v
    return merged


def _points_table(r: Reader, value: object, key: str) -> PointsTable:
    values = tuple(r.exact(v, f"{key}[{i}]") for i, v in enumerate(r.array(value, key)))
    for i, v in enumerate(values):
        if v < 0:
            r.problem(f"{key}[{i}]", f"points cannot be negative, got {v}", str(v))
    return PointsTable(values)


def _bonuses(r: Reader, table: Mapping[str, Any], key: str) -> Bonuses:
    r.known(table, {"pole", "fastest_lap", "led_a_lap", "most_laps_led"}, key)
    fl_raw = table.get("fastest_lap", 0)
    if isinstance(fl_raw, Mapping):
        r.known(fl_raw, {"points", "max_position", "split", "sessions"}, f"{key}.fastest_lap")
        max_pos = fl_raw.get("max_position")
        fastest = FastestLapBonus(
            points=r.exact(fl_raw.get("points", 0), f"{key}.fastest_lap.points"),
            max_position=None
            if max_pos in (None, 0)
            else r.whole(max_pos, f"{key}.fastest_lap.max_position", low=1),
            split=r.truth(fl_raw.get("split", True), f"{key}.fastest_lap.split"),
            sessions=_selectors(r, fl_raw.get("sessions", ["race"]), f"{key}.fastest_lap.sessions"),
        )
    else:
        fastest = FastestLapBonus(points=r.exact(fl_raw, f"{key}.fastest_lap"))

    def simple(name: str) -> tuple[Fraction, tuple[SessionSelector, ...]]:
        raw = table.get(name, 0)
        if isinstance(raw, Mapping):
            r.known(raw, {"points", "sessions"}, f"{key}.{name}")
            sessions = (
                _selectors(r, raw["sessions"], f"{key}.{name}.sessions")
                if "sessions" in raw
                else RACES_AND_SPRINTS
            )
            return r.exact(raw.get("points", 0), f"{key}.{name}.points"), sessions
        return r.exact(raw, f"{key}.{name}"), RACES_AND_SPRINTS

    pole, pole_sessions = simple("pole")
    led, led_sessions = simple("led_a_lap")
    most, most_sessions = simple("most_laps_led")
    return Bonuses(
        pole=pole,
        fastest_lap=fastest,
        led_a_lap=led,
        most_laps_led=most,
        pole_sessions=pole_sessions,
        led_a_lap_sessions=led_sessions,
        most_laps_led_sessions=most_sessions,
    )


def _distance_band(r: Reader, t: Mapping[str, Any], key: str) -> DistanceBand:
    r.known(t, {"below", "factor", "table", "bonuses", "sessions"}, key)
    below = r.exact(t.get("below"), f"{key}.below")
    if not 0 < below <= 1:
        r.problem(
            f"{key}.below",
            f"expected a fraction of the distance in (0, 1], got {t.get('below')!r}",
            t.get("below"),
        )
    factor = r.exact(t["factor"], f"{key}.factor") if "factor" in t else None
    table = _points_table(r, t["table"], f"{key}.table") if "table" in t else None
    if (factor is None) == (table is None):
        r.problem(key, "a distance band needs exactly one of 'factor' or 'table'", dict(t))
    return DistanceBand(
        below=below,
        factor=factor,
        table=table,
        bonuses=r.truth(t.get("bonuses", True), f"{key}.bonuses"),
        sessions=_selectors(r, t.get("sessions", ["race"]), f"{key}.sessions"),
    )


def _counting(r: Reader, t: Mapping[str, Any], key: str) -> Counting:
    r.known(t, {"best", "drop_unit"}, key)
    best = t.get("best", "all")
    windows: tuple[CountingWindow, ...] = ()
    if best == "all":
        windows = ()
    elif isinstance(best, int) and not isinstance(best, bool):
        windows = (CountingWindow(None, r.whole(best, f"{key}.best", low=1)),)
    elif isinstance(best, list):

        def window(w: Mapping[str, Any], k: str) -> CountingWindow:
            r.known(w, {"rounds", "best"}, k)
            b = w.get("best", "all")
            return CountingWindow(
                _rounds(r, w.get("rounds"), f"{k}.rounds"),
                None if b == "all" else r.whole(b, f"{k}.best", low=1),
            )

        windows = r.each(best, f"{key}.best", window)
        ranges = sorted((w.rounds.first, w.rounds.last) for w in windows if w.rounds)
        for (_, a_last), (b_first, _) in pairwise(ranges):
            if b_first <= a_last:
                r.problem(f"{key}.best", f"split-season windows overlap at round {b_first}", best)
    else:
        r.problem(f"{key}.best", f'expected "all", an integer or a list of windows, got {best!r}', best)
    return Counting(
        windows=windows, drop_unit=r.choice(t.get("drop_unit", "event"), DropUnit, f"{key}.drop_unit")
    )


def _tiebreak(r: Reader, t: Mapping[str, Any], key: str) -> TieBreak:
    r.known(t, {"chain", "countback_scope", "countback_sessions", "countback_positions"}, key)
    chain = tuple(
        r.choice(s, TieBreakStep, f"{key}.chain")
        for s in r.array(t.get("chain", ["countback", "shared"]), f"{key}.chain")
    )
    if chain and TieBreakStep.SHARED in chain[:-1]:
        r.problem(f"{key}.chain", "'shared' can only be the last step", list(t.get("chain", [])))
    return TieBreak(
        chain=chain,
        countback_scope=r.choice(
            t.get("countback_scope", "all_results"), CountbackScope, f"{key}.countback_scope"
        ),
        countback_positions=r.choice(
            t.get("countback_positions", "all"), CountbackPositions, f"{key}.countback_positions"
        ),
        countback_sessions=tuple(
            r.choice(s, SessionKind, f"{key}.countback_sessions")
            for s in r.array(t.get("countback_sessions", ["race"]), f"{key}.countback_sessions")
        ),
    )


def _points_tables(r: Reader, raw: object, key: str) -> dict[SessionKind, PointsTable]:
    points: dict[SessionKind, PointsTable] = {}
    for kind_name, table in r.table(raw, key).items():
        kind = r.choice(kind_name, SessionKind, key)
        points[kind] = _points_table(r, table, f"{key}.{kind_name}")
    return points


def _event_rule(r: Reader, t: Mapping[str, Any], key: str, bonus: Mapping[str, Any]) -> EventRule:
    r.known(
        t,
        {
            "round",
            "event",
            "multiplier",
            "multiply_bonuses",
            "points_factor",
            "counts",
            "reason",
            "points",
            "bonus",
        },
        key,
    )
    if "round" not in t and "event" not in t:
        r.problem(key, "an event rule needs its round or its event id", dict(t))
    bonuses = None
    if "bonus" in t:
        # The event's bonuses, written as changes to the scoring's (``pole = 0``: no pole point here).
        merged = _merge(bonus, r.table(t["bonus"], f"{key}.bonus"))
        bonuses = _bonuses(r, merged, f"{key}.bonus")
    return EventRule(
        round=r.whole(t["round"], f"{key}.round", low=0) if "round" in t else None,
        event=r.text(t["event"], f"{key}.event") if "event" in t else None,
        multiplier=r.exact(t.get("multiplier", 1), f"{key}.multiplier"),
        multiply_bonuses=r.truth(t.get("multiply_bonuses", False), f"{key}.multiply_bonuses"),
        points_factor=r.exact(t["points_factor"], f"{key}.points_factor") if "points_factor" in t else None,
        counts=r.truth(t.get("counts", True), f"{key}.counts"),
        reason=r.text(t.get("reason", ""), f"{key}.reason"),
        points=MappingProxyType(_points_tables(r, t.get("points", {}), f"{key}.points")),
        bonus=bonuses,
    )


def _exclusion(r: Reader, t: Mapping[str, Any], key: str) -> Exclusion:
    r.known(t, {"competitor", "keep_points", "reason", "source", "status", "rounds", "shown_from"}, key)
    if not str(t.get("reason", "")).strip():
        r.problem(f"{key}.reason", "an exclusion needs a reason", t.get("reason"))
    status = r.text(t.get("status", "EX"), f"{key}.status")
    if status not in ("EX", "DSQ"):
        r.problem(f"{key}.status", f"expected EX or DSQ, got {status!r}", status)
    return Exclusion(
        competitor=r.text(t.get("competitor"), f"{key}.competitor"),
        keep_points=r.truth(t.get("keep_points", False), f"{key}.keep_points"),
        reason=r.text(t.get("reason", ""), f"{key}.reason"),
        source=r.text(t.get("source", ""), f"{key}.source"),
        status=status,
        rounds=_rounds(r, t["rounds"], f"{key}.rounds") if "rounds" in t else None,
        shown_from=r.whole(t.get("shown_from", 0), f"{key}.shown_from"),
    )


def _ineligible(r: Reader, t: Mapping[str, Any], key: str) -> Ineligible:
    r.known(t, {"rounds", "drivers", "places", "reason", "source"}, key)
    if not str(t.get("reason", "")).strip():
        r.problem(f"{key}.reason", "an ineligibility needs a reason", t.get("reason"))
    rounds = _rounds(r, t.get("rounds"), f"{key}.rounds") or RoundRange(0, 0)
    return Ineligible(
        rounds=rounds,
        drivers=tuple(r.text(d, f"{key}.drivers") for d in r.array(t.get("drivers", []), f"{key}.drivers")),
        places=r.choice(t.get("places", "kept"), IneligiblePlaces, f"{key}.places"),
        reason=r.text(t.get("reason", ""), f"{key}.reason"),
        source=r.text(t.get("source", ""), f"{key}.source"),
    )


def _adjustment(r: Reader, t: Mapping[str, Any], key: str) -> PointsAdjustment:
    r.known(t, {"competitor", "points", "round", "reason", "source", "on_result", "places"}, key)
    if not str(t.get("reason", "")).strip():
        r.problem(f"{key}.reason", "a points adjustment needs a reason", t.get("reason"))
    return PointsAdjustment(
        competitor=r.text(t.get("competitor"), f"{key}.competitor"),
        points=r.exact(t.get("points"), f"{key}.points"),
        round=r.whole(t.get("round", 0), f"{key}.round"),
        reason=r.text(t.get("reason", ""), f"{key}.reason"),
        source=r.text(t.get("source", ""), f"{key}.source"),
        on_result=r.truth(t.get("on_result", False), f"{key}.on_result"),
        places=tuple(
            r.whole(n, f"{key}.places[{i}]")
            for i, n in enumerate(r.array(t.get("places", []), f"{key}.places"))
        ),
    )


def _team_groups(r: Reader, t: Mapping[str, Any], key: str) -> dict[str, tuple[str, ...]]:
    """Group id → member team ids; a team belongs to one group at most and groups do not nest."""
    groups = {
        group: tuple(r.text(team, f"{key}.{group}") for team in r.array(teams, f"{key}.{group}"))
        for group, teams in t.items()
    }
    owner: dict[str, str] = {}
    for group, teams in groups.items():
        for team in teams:
            if team in owner and owner[team] != group:
                r.problem(f"{key}.{group}", f"team {team!r} is already in group {owner[team]!r}", team)
            elif team != group and team in groups:
                r.problem(f"{key}.{group}", f"{team!r} is a group itself; groups do not nest", team)
            owner.setdefault(team, group)
    return groups


def _scoring(r: Reader, name: str, t: Mapping[str, Any], key: str) -> Scoring:
    r.known(t, SCORING_KEYS, key)
    points = _points_tables(r, t.get("points", {}), f"{key}.points")
    bonus_raw = r.table(t.get("bonus", {}), f"{key}.bonus")
    cars = t.get("cars_scoring", "all")
    nominated_raw = r.table(t.get("nominated", {}), f"{key}.nominated")
    nominated = {
        team: tuple(r.text(d, f"{key}.nominated.{team}") for d in r.array(drivers, f"{key}.nominated.{team}"))
        for team, drivers in nominated_raw.items()
    }
    groups_key = f"{key}.team_groups"
    team_groups = _team_groups(r, r.table(t.get("team_groups", {}), groups_key), groups_key)
    distance = r.each(
        r.array(t.get("distance", []), f"{key}.distance"),
        f"{key}.distance",
        lambda b, k: _distance_band(r, b, k),
    )
    if list(distance) != sorted(distance, key=lambda b: b.below):
        r.problem(f"{key}.distance", "distance bands must be listed from the shortest race up", None)
    min_distance = r.exact(t.get("min_distance", 0), f"{key}.min_distance")
    if not 0 <= min_distance <= 1:
        r.problem(
            f"{key}.min_distance",
            f"expected a fraction in [0, 1], got {t.get('min_distance')!r}",
            t.get("min_distance"),
        )
    return Scoring(
        name=name,
        position_basis=r.choice(t.get("position_basis", "overall"), PositionBasis, f"{key}.position_basis"),
        scorers=r.choice(t.get("scorers", "classified"), Scorers, f"{key}.scorers"),
        min_distance=min_distance,
        shared_drive=r.choice(t.get("shared_drive", "split"), SharedDrive, f"{key}.shared_drive"),
        driver_cars=r.choice(t.get("driver_cars", "all"), DriverCars, f"{key}.driver_cars"),
        points=MappingProxyType(points),
        bonuses=_bonuses(r, bonus_raw, f"{key}.bonus"),
        distance=distance,
        counting=_counting(r, r.table(t.get("counting", {}), f"{key}.counting"), f"{key}.counting"),
        tiebreak=_tiebreak(r, r.table(t.get("tiebreak", {}), f"{key}.tiebreak"), f"{key}.tiebreak"),
        cars_scoring=None if cars == "all" else r.whole(cars, f"{key}.cars_scoring", low=1),
        nominated=MappingProxyType(nominated),
        team_groups=MappingProxyType(team_groups),
        exclude_events=tuple(
            r.text(e, f"{key}.exclude_events")
            for e in r.array(t.get("exclude_events", []), f"{key}.exclude_events")
        ),
        events=r.each(
            r.array(t.get("events", []), f"{key}.events"),
            f"{key}.events",
            lambda e, k: _event_rule(r, e, k, bonus_raw),
        ),
        exclusions=r.each(
            r.array(t.get("exclusions", []), f"{key}.exclusions"),
            f"{key}.exclusions",
            lambda e, k: _exclusion(r, e, k),
        ),
        adjustments=r.each(
            r.array(t.get("adjustments", []), f"{key}.adjustments"),
            f"{key}.adjustments",
            lambda e, k: _adjustment(r, e, k),
        ),
        ineligible=r.each(
            r.array(t.get("ineligible", []), f"{key}.ineligible"),
            f"{key}.ineligible",
            lambda e, k: _ineligible(r, e, k),
        ),
        disqualified_keeps=frozenset(
            r.choice(b, BonusKind, f"{key}.disqualified_keeps")
            for b in r.array(
                t.get("disqualified_keeps", [k.value for k in BonusKind]), f"{key}.disqualified_keeps"
            )
        ),
    )


def parse_ruleset(
    document: Mapping[str, Any], *, source: str, default_id: str = "", text: str = ""
) -> Ruleset:
    """Build a :class:`Ruleset` from a parsed TOML document (``text``, when given, names the lines).

    :raises RuleError: listing every problem of the document at once.
    """
    r = Reader(source, text=text)
    r.known(document, TOP_KEYS, "")
    meta = r.table(document.get("ruleset", {}), "ruleset")
    r.known(meta, RULESET_KEYS, "ruleset")
    base = r.table(document.get("scoring", {}), "scoring")
    default = _scoring(r, "default", base, "scoring")
    if not any(default.points.values()):
        r.problem(
            "scoring.points",
            "a ruleset needs at least one points table, e.g. points.race = [25, 18, 15]",
            None,
        )
    variants = {}
    for name, over in r.table(document.get("classifications", {}), "classifications").items():
        merged = _merge(base, r.table(over, f"classifications.{name}"))
        variants[name] = _scoring(r, name, merged, f"classifications.{name}")
    ruleset_id = str(meta.get("id", default_id))
    if not ruleset_id:
        r.problem("ruleset.id", "a ruleset needs an id", None)
    sources = tuple(r.text(s, "ruleset.sources") for s in r.array(meta.get("sources", []), "ruleset.sources"))
    r.log.raise_if_any(RuleError)
    return Ruleset(
        id=ruleset_id,
        name=str(meta.get("name", ruleset_id)),
        default=default,
        variants=MappingProxyType(variants),
        sources=sources,
        notes=str(meta.get("notes", "")),
        origin=source,
    )


def parse_ruleset_text(text: str, *, source: str, default_id: str = "") -> Ruleset:
    document = load_toml(text, source, error=RuleError)
    return parse_ruleset(document, source=source, default_id=default_id, text=text)


def load_ruleset_file(path: Path) -> Ruleset:
    """Read a user's ruleset file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(Problem(f"cannot read ruleset: {exc}", source=str(path))) from None
    return parse_ruleset_text(text, source=str(path), default_id=path.stem)
