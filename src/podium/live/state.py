"""The championship as it stands: a running order in, the live classification, standings and title out.

:func:`build_context` is the slow part, done once per session: the season without the live
session, each classification's title problem before it (:func:`problem_from_season` after the
previous session) and how the cars on track map to that problem's cars. :func:`as_it_stands` is the
fast part, done at every change of order: the provisional result goes into a copy of the season
(never into the store), the standings code ranks every class, and the title problem before the
session is advanced by the provisional outcome (:func:`podium.title.problem.advance`). When the
live session is a class's last, the advanced problem has no session left and its final table *is*
the champion as it stands; otherwise the statuses need a proof, which :mod:`podium.live.follow`
runs off the feed-reading loop.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from podium.errors import ConsistencyError
from podium.model import Classification, Entry, Event, Result, Season, Session
from podium.present.numbers import exact
from podium.present.numbers import points as points_text
from podium.rules import Ruleset
from podium.standings import ClassificationScores, Standings, in_field, score_session
from podium.title import Completion, SessionOutcome, Status, TitleProblem, champion_of, final_table
from podium.title.build import SeasonLink, problem_from_season, remaining_sessions
from podium.title.problem import ANONYMOUS, advance


@dataclass(frozen=True, slots=True)
class Need:
    """What one contender needs from the live session (facts and the sentence)."""

    competitor: str
    name: str
    text: str
    status_before: str
    short: dict[str, str] = field(default_factory=dict)
    """Per language, the need without the name, for a graphic's line that names the contender
    ("a win, whatever the others do; …" / "une victoire, quoi que fassent les autres ; …")."""


@dataclass(slots=True)
class ClassContext:
    """One classification, before the live session."""

    classification: Classification
    problem: TitleProblem
    link: SeasonLink
    before: Standings
    base_scores: ClassificationScores
    """Every session before the live one, scored once (the live session is scored at each change)."""
    car_of_entry: dict[str, str]
    """Season entry id → the problem's car id in the live session."""
    foreign: frozenset[str]
    """Entries outside the class that take places in it (overall position basis)."""
    scores_here: bool
    """The live session pays points in this class."""
    needs: tuple[Need, ...] | None = None
    """Filled once by the needs proof (None until then)."""

    @property
    def final(self) -> bool:
        """No points-paying session after the live one."""
        return self.scores_here and len(self.problem.sessions) == 1


@dataclass(slots=True)
class LiveContext:
    season: Season
    ruleset: Ruleset
    event: Event
    session: Session
    classes: list[ClassContext]
    entries_by_number: dict[str, Entry]
    official: bool = False
    """The session has official results: the live view gives way to them."""
    ref: str = ""
    """The stored season's reference (where the web looks for official results); empty: not stored."""
    start_order: tuple[str, ...] | None = None
    notes: list[str] = field(default_factory=list)

    def cls(self, class_id: str) -> ClassContext:
        for c in self.classes:
            if c.classification.id == class_id:
                return c
        raise ConsistencyError(f"no class {class_id!r} followed live", where=self.session.id)


def build_context(
    season: Season,
    ruleset: Ruleset,
    session_id: str,
    classes: Sequence[str] | None = None,
    *,
    ref: str = "",
    history: bool = False,
) -> LiveContext:
    """Everything the live maths needs that does not depend on the running order.

    ``history``: replaying a session whose results are known (f1db): they are left out, and the
    live view does not give way to them.
    """
    event = season.event_of(session_id)
    session = event.session(session_id)
    official = season.has_results(session_id) and not history
    order = season.session_order()
    index = season.session_index(session_id)
    previous = order[index - 1] if index > 0 else None
    base = season.until(previous)
    wanted = list(classes) if classes else [c.id for c in season.classifications]
    contexts = []
    for class_id in wanted:
        classification = season.classification(class_id)
        problem, link = problem_from_season(base, ruleset, classification, after_session=previous)
        scores_here = bool(problem.sessions) and problem.sessions[0].id == session_id
        mapping = link.car_entries.get(session_id, {})
        car_of_entry = {sid.removeprefix(f"stand-in:{car}:"): car for car, sid in mapping.items()}
        foreign = frozenset(link.foreign.get(session_id, ()))
        base_scores = ClassificationScores(base, ruleset, classification)
        before = base_scores.after(None)
        contexts.append(
            ClassContext(
                classification, problem, link, before, base_scores, car_of_entry, foreign, scores_here
            )
        )
    numbers: dict[str, Entry] = {}
    for entry in season.entries:
        if entry.car is not None and entry.valid_in(event.round):
            numbers.setdefault(entry.car.number, entry)
    return LiveContext(base, ruleset, event, session, contexts, numbers, official, ref=ref)


def outcome_of(ctx: ClassContext, session_id: str, entries: Sequence[str]) -> SessionOutcome:
    """The provisional order as a result of the problem's first session (cars of other classes
    dropped, or anonymous where overall places count; cars not on the order: not ranked)."""
    order: list[str] = []
    anonymous = 0
    for entry in entries:
        car = ctx.car_of_entry.get(entry)
        if car is not None:
            order.append(car)
        elif entry in ctx.foreign:
            anonymous += 1
            order.append(f"{ANONYMOUS}{anonymous}")
    session = ctx.problem.sessions[0]
    placed = set(order)
    unranked = tuple(car for car in ctx.problem.cars_in(session) if car not in placed)
    return SessionOutcome(session_id, tuple(order), unranked)


def provisional_season(live: LiveContext, entries: Sequence[str]) -> Season:
    """The season with the running order as the live session's result (a copy; never stored)."""
    results = tuple(
        Result(session=live.session.id, entry=entry, position=i) for i, entry in enumerate(entries, start=1)
    )
    return replace(live.season, results=live.season.results + results)


@dataclass(frozen=True, slots=True)
class LiveState:
    """One published state: the JSON-ready data and, per class, the title problem after the
    provisional result (what a proof of the statuses reads)."""

    data: dict[str, Any]
    after: dict[str, TitleProblem]


def live_standings(live: LiveContext, ctx: ClassContext, season: Season) -> Standings:
    """The standings with the provisional result: the sessions before are scored once in
    ``ctx.base_scores``; only the live session is scored here (the standings code does both)."""
    base = ctx.base_scores
    scores = copy.copy(base)
    scores.season = season
    scores.lines = defaultdict(list, {k: list(v) for k, v in base.lines.items()})
    if live.session.scores and season.has_results(live.session.id):
        rule = base.scoring.event_rule(live.event.round)
        counts = live.event.id not in base.scoring.exclude_events and (rule is None or rule.counts)
        if counts:
            lines = score_session(season, ctx.classification, base.scoring, live.event, live.session)
            for competitor, new in lines.items():
                scores.lines[competitor].extend(new)
            if not base.rounds or base.rounds[-1] != live.event.round:
                scores.rounds = [*base.rounds, live.event.round]
    return scores.after(live.event.round)


def as_it_stands(live: LiveContext, order: Sequence[str], *, seq: int = 0) -> LiveState:
    """The live state for the running ``order`` (car numbers, leader first)."""
    entries: list[str] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for number in order:
        entry = live.entries_by_number.get(number)
        if entry is None:
            unknown.append(number)
        elif entry.id not in seen:
            seen.add(entry.id)
            entries.append(entry.id)
    season = provisional_season(live, entries)
    classes = []
    after: dict[str, TitleProblem] = {}
    for ctx in live.classes:
        standings = live_standings(live, ctx, season)
        data, problem = _class_state(live, ctx, entries, standings)
        classes.append(data)
        if problem is not None:
            after[ctx.classification.id] = problem
    data = {
        "session": live.session.id,
        "session_name": f"R{live.event.round} {live.event.name} — {live.session.name}",
        "season": live.season.title,
        "season_ref": live.ref,
        "seq": seq,
        "official": False,
        "order": list(order),
        "unknown_cars": unknown,
        "classes": classes,
    }
    return LiveState(data, after)


def _class_state(
    live: LiveContext, ctx: ClassContext, entries: Sequence[str], standings: Standings
) -> tuple[dict[str, Any], TitleProblem | None]:
    season = live.season
    in_class = [e for e in entries if e in ctx.car_of_entry]
    start_class = {
        n: i
        for i, n in enumerate(
            (n for n in (live.start_order or ()) if _entry_id(live, n) in ctx.car_of_entry), start=1
        )
    }
    running = []
    for place, entry_id in enumerate(in_class, start=1):
        entry = season.entry(entry_id)
        number = entry.car.number if entry.car else ""
        started = start_class.get(number)
        running.append(
            {
                "place": place,
                "overall": entries.index(entry_id) + 1,
                "number": number,
                "name": " / ".join(season.driver(d).name for d in entry.drivers) or entry_id,
                "gained": (started - place) if started is not None else 0,
            }
        )
    table = standings_rows(standings, ctx.before)
    title, advanced = _title_state(live, ctx, entries, standings)
    data = {
        "class": ctx.classification.id,
        "name": ctx.classification.name,
        "running": running,
        "standings": table,
        "title": title,
    }
    return data, advanced


def _entry_id(live: LiveContext, number: str) -> str | None:
    entry = live.entries_by_number.get(number)
    return entry.id if entry is not None else None


def _title_state(
    live: LiveContext, ctx: ClassContext, entries: Sequence[str], standings: Standings
) -> tuple[dict[str, Any], TitleProblem | None]:
    leader = standings.leader
    state: dict[str, Any] = {
        "final_session": ctx.final,
        "leader": {"id": leader.competitor, "name": leader.name} if leader else None,
        "champion": None,
        "decided": False,
        "proof": "pending",
        "statuses": None,
        "contenders": [],
    }
    if not ctx.scores_here:
        state["proof"] = "no points in this session"
        return state, None
    outcome = outcome_of(ctx, live.session.id, entries)
    advanced = advance(ctx.problem, outcome)
    if not advanced.sessions:
        table = final_table(advanced, Completion(()))
        champion = champion_of(table)
        if champion is not None:
            state["champion"] = {"id": champion, "name": advanced.contestant(champion).name}
        state["decided"] = True
        state["proof"] = "final table"
    places = {car: i for i, car in enumerate(outcome.order, start=1)}
    champion_id = state["champion"]["id"] if state["champion"] else None
    for need in ctx.needs or ():
        contestant = ctx.problem.contestant(need.competitor)
        place = min((places[c] for c in contestant.cars if c in places), default=None)
        row = standings.get(need.competitor)
        state["contenders"].append(
            {
                "id": need.competitor,
                "name": need.name,
                "status_before": need.status_before,
                "place": place,
                "position": row.position if row else None,
                "points": exact(row.points) if row else "0",
                "needs": need.text,
                "needs_short": need.short,
                "champion_now": champion_id == need.competitor if state["decided"] else None,
            }
        )
    return state, advanced


def statuses(report_verdicts: Sequence[Any]) -> list[dict[str, Any]]:
    """Statuses of a proof of the advanced problem, JSON-ready (alive and clinched only)."""
    out = []
    for v in report_verdicts:
        status = v.status.value if isinstance(v.status, Status) else str(v.status)
        if status == Status.ELIMINATED.value:
            continue
        out.append({"id": v.contestant.id, "name": v.contestant.name, "status": status})
    return out


def standings_rows(standings: Standings, before: Standings | None) -> list[dict[str, Any]]:
    """The standings as the overlays read them, with places gained or lost since ``before``."""
    was_at = {r.competitor: r.position for r in before.rows} if before is not None else {}
    table = []
    for row in standings.rows:
        was = was_at.get(row.competitor)
        table.append(
            {
                "position": row.position,
                "competitor_id": row.competitor,
                "competitor": row.name,
                "points": exact(row.points),
                "points_text": points_text(row.points),
                "before": was,
                "gained": (was - row.position) if was is not None and row.position is not None else 0,
                "wins": row.wins,
            }
        )
    return table


def official_states(
    season: Season, ruleset: Ruleset, session_id: str, classes: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The official results of the session, in the live state's shape: what the live view gives way to."""
    event = season.event_of(session_id)
    session = event.session(session_id)
    index = season.session_index(session_id)
    previous = season.session_order()[index - 1] if index > 0 else None
    now = season.until(session_id)
    out: dict[str, dict[str, Any]] = {}
    for class_id in classes:
        classification = season.classification(class_id)
        before = ClassificationScores(season.until(previous), ruleset, classification).after(None)
        standings = ClassificationScores(now, ruleset, classification).after(None)
        final = not remaining_sessions(season, ruleset, classification, session_id)
        results = sorted(
            (r for r in season.results_for(session_id) if r.classified), key=lambda r: r.position or 0
        )
        running: list[dict[str, Any]] = []
        for r in results:
            if not in_field(season, classification, event, r):
                continue
            entry = season.entry(r.entry)
            running.append(
                {
                    "place": len(running) + 1,
                    "overall": r.position,
                    "number": entry.car.number if entry.car else "",
                    "name": " / ".join(season.driver(d).name for d in season.drivers_of(r)) or entry.id,
                    "gained": 0,
                }
            )
        leader = standings.leader
        who = {"id": leader.competitor, "name": leader.name} if leader else None
        out[class_id] = {
            "session": session_id,
            "session_name": f"R{event.round} {event.name} — {session.name}",
            "season": season.title,
            "seq": None,
            "official": True,
            "order": [],
            "class": {
                "class": class_id,
                "name": classification.name,
                "running": running,
                "standings": standings_rows(standings, before),
                "title": {
                    "final_session": final,
                    "leader": who,
                    "champion": who if final else None,
                    "decided": final,
                    "proof": "official results",
                    "statuses": None,
                    "contenders": [],
                },
            },
        }
    return out
