"""What-if: apply results the reader chooses for the next sessions, then redo the title maths.

Pure logic shared by the what-if page and ``POST /api/v1/seasons/{ref}/whatif/{cls}``, so both
answer the same thing for the same scenario. A scenario is a list of sessions *in the order they
run*: each gives the class field's finishing order (car ids, or competitor ids/names for
one-car competitors) and who did not start. Cars a session does not mention finish behind the
listed ones in the order of the current standings, so ``?s1=riley-dickinson`` already means
"Dickinson wins race 1, the rest as they stand"; the page and the API always show the full order
that was applied.

Each chosen session is applied with :func:`podium.title.problem.advance`. If sessions remain, the
remaining problem is analysed (every witness replayed through the real standings together with the
chosen results); if none remain, the final table is the replayed standings, cross-checked with
:func:`podium.title.final_table`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any
from urllib.parse import urlencode

from podium.errors import ConsistencyError, InputError, Problem, SolverError
from podium.present.data import car_label, title_data
from podium.present.numbers import exact
from podium.present.text import Text
from podium.title import Completion, SessionOutcome, TitleProblem, TitleReport, analyse
from podium.title.build import SeasonLink
from podium.title.evaluate import FinalRow, champion_of, final_table
from podium.title.problem import RemainingSession, advance
from podium.title.replay import replay_table

MAX_LISTED = 12
"""How many valid cars an error message names (fields can be large)."""
MAX_SESSIONS = 100
"""A what-if names at most this many sessions (a season has fewer): readers' input is bounded."""
MAX_CARS = 500
"""A session's order lists at most this many cars (the API's schema says the same)."""


@dataclass(frozen=True, slots=True)
class SessionChoice:
    """The reader's result for one session: finishing order and who did not start."""

    order: tuple[str, ...]
    not_started: tuple[str, ...] = ()
    session: str | None = None
    """Session id, when the client names it (checked against the next session to run)."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """Chosen results for the first ``len(sessions)`` remaining sessions, in running order."""

    sessions: tuple[SessionChoice, ...] = ()

    @property
    def key(self) -> tuple[tuple[tuple[str, ...], tuple[str, ...], str | None], ...]:
        """Hashable identity (cache key)."""
        return tuple((s.order, s.not_started, s.session) for s in self.sessions)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The title picture after the chosen results."""

    problem: TitleProblem
    """The title problem before the chosen results (as the season stands)."""
    outcomes: tuple[SessionOutcome, ...]
    """The chosen results, complete (every car of each field placed or not started)."""
    after: TitleProblem
    """The problem once the chosen results have run."""
    report: TitleReport
    """Statuses, conditions and decision table of what is left (all settled when complete)."""
    standings: tuple[FinalRow, ...]
    """Standings after the chosen results, replayed through the season's real scoring."""

    @property
    def complete(self) -> bool:
        """True when the scenario decides every remaining session: the table is final."""
        return not self.after.sessions

    @property
    def champion(self) -> str | None:
        """Contestant id of the sole champion when the table is final (None: shared or not final)."""
        return champion_of(list(self.standings)) if self.complete else None


def query_scenario(params: Mapping[str, str]) -> Scenario:
    """The scenario of a page URL: ``s1=car,car,…&d1=car,…&s2=…`` (``d``: did not start).

    Raises InputError for a session given without the ones before it (``s2`` without ``s1``).
    """
    numbers: set[int] = set()
    problems: list[Problem] = []
    for name in params:
        if len(name) > 1 and name[0] in "sd" and name[1:].isascii() and name[1:].isdigit():
            if len(name) > 4 or not 1 <= int(name[1:]) <= MAX_SESSIONS:
                problems.append(
                    Problem(f"sessions are numbered 1 to {MAX_SESSIONS}", field=name[:8], value=name[1:9])
                )
                continue
            numbers.add(int(name[1:]))
        value = params[name]
        if len(name) > 1 and name[0] in "sd" and len(_split(value)) > MAX_CARS:
            problems.append(Problem(f"at most {MAX_CARS} cars per session", field=name[:8]))
    if problems:
        raise InputError(problems)
    choices: list[SessionChoice] = []
    for i in range(1, max(numbers, default=0) + 1):
        if i not in numbers:
            problems.append(
                Problem(
                    f"session {i + 1} is given without session {i}: results apply in the order the "
                    "sessions run",
                    field=f"s{i + 1}",
                )
            )
            break
        choices.append(SessionChoice(_split(params.get(f"s{i}", "")), _split(params.get(f"d{i}", ""))))
    if problems:
        raise InputError(problems)
    return Scenario(tuple(choices))


def scenario_query(problem: TitleProblem, outcomes: Sequence[SessionOutcome]) -> str:
    """The canonical query string of complete outcomes (what the page and the API hand back)."""
    pairs: list[tuple[str, str]] = []
    for i, o in enumerate(outcomes, start=1):
        pairs.append((f"s{i}", ",".join(o.order)))
        if o.unranked:
            pairs.append((f"d{i}", ",".join(o.unranked)))
    return urlencode(pairs, safe=",")


def _split(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip())


def field_of(problem: TitleProblem, session: RemainingSession) -> list[str]:
    """Cars that may start ``session``, in the order of the current standings (unnamed cars left out)."""
    return [car for car in problem.cars_in(session) if problem.owner(car) is not None]


def _car_of(problem: TitleProblem, session: RemainingSession, token: str) -> str | None:
    cars = field_of(problem, session)
    if token in cars:
        return token
    wanted = token.casefold()
    for car in cars:
        owner = problem.owner(car)
        assert owner is not None
        contestant = problem.contestant(owner)
        if len(contestant.cars_in(session.id)) == 1 and wanted in (
            contestant.id.casefold(),
            contestant.name.casefold(),
        ):
            return car
    return None


def resolve(problem: TitleProblem, scenario: Scenario) -> tuple[SessionOutcome, ...]:
    """Complete, checked outcomes of the scenario; every problem is reported at once (InputError)."""
    problems: list[Problem] = []
    if len(scenario.sessions) > len(problem.sessions):
        problems.append(
            Problem(
                f"{len(scenario.sessions)} sessions given but only {len(problem.sessions)} remain",
                field="sessions",
                value=len(scenario.sessions),
            )
        )
        raise InputError(problems)
    outcomes: list[SessionOutcome] = []
    current = problem
    for i, choice in enumerate(scenario.sessions, start=1):
        session = current.sessions[0]
        where = f"s{i}"
        if choice.session is not None and choice.session != session.id:
            problems.append(
                Problem(
                    f"session {i} is {session.id!r} ({session.name}), not {choice.session!r}: "
                    "results apply in the order the sessions run",
                    field=f"sessions[{i - 1}].session",
                    value=choice.session,
                )
            )
            break
        cars = field_of(current, session)
        seen: set[str] = set()
        order: list[str] = []
        absent: list[str] = []
        for target, tokens, label in ((order, choice.order, where), (absent, choice.not_started, f"d{i}")):
            for token in tokens:
                car = _car_of(current, session, token)
                if car is None:
                    shown = ", ".join(cars[:MAX_LISTED]) + (", …" if len(cars) > MAX_LISTED else "")
                    problems.append(
                        Problem(
                            f"{token!r} does not start {session.name} in this class (cars: {shown})",
                            field=label,
                            value=token,
                        )
                    )
                elif car in seen:
                    problems.append(
                        Problem(f"{token!r} is listed twice in {session.name}", field=label, value=token)
                    )
                else:
                    seen.add(car)
                    target.append(car)
        order.extend(car for car in cars if car not in seen)
        if len(order) > session.field:
            problems.append(
                Problem(
                    f"{session.name} ranks at most {session.field} cars, {len(order)} given",
                    field=where,
                    value=len(order),
                )
            )
        if problems:
            break
        outcome = SessionOutcome(session.id, tuple(order), tuple(absent))
        outcomes.append(outcome)
        current = advance(current, outcome)
    if problems:
        raise InputError(problems)
    return tuple(outcomes)


def compute(
    problem: TitleProblem,
    link: SeasonLink,
    scenario: Scenario,
    *,
    current: TitleReport | None = None,
) -> WhatIf:
    """Apply ``scenario`` and redo the title maths (``current``: the report of ``problem`` if known)."""
    outcomes = resolve(problem, scenario)
    after = problem
    for outcome in outcomes:
        after = advance(after, outcome)

    def verify(completion: Completion) -> list[FinalRow]:
        return replay_table(link, Completion((*outcomes, *completion.outcomes)))

    report = current if not outcomes and current is not None else analyse(after, verify=verify)
    standings = tuple(replay_table(link, Completion(outcomes)))
    if not after.sessions:
        expected = champion_of(final_table(problem, Completion(outcomes)))
        if champion_of(list(standings)) != expected:
            raise SolverError("the replayed final table and the title maths disagree on the champion")
    return WhatIf(problem, outcomes, after, report, standings)


def whatif_data(
    result: WhatIf, *, lang: str = "en", label: str = "", names: Callable[[str], str] | None = None
) -> dict[str, Any]:
    """The API's answer: applied results, standings, title picture, and the final table when complete."""
    problem = result.problem
    text = Text(lang)
    sessions = {s.id: s for s in problem.sessions}
    current = {c.id: c.points for c in problem.contestants}
    title = title_data(result.report, lang=lang)
    if result.report.verdicts:
        title["press"] = text.press(result.report, classification=label)

    def name_of(competitor: str) -> str:
        if names is not None:
            return names(competitor)
        try:
            return problem.contestant(competitor).name
        except ConsistencyError:
            return competitor

    standings = [
        {
            "position": row.position,
            "id": row.contestant,
            "name": name_of(row.contestant),
            "points": exact(row.points),
            "gained": exact(row.points - current.get(row.contestant, Fraction(0))),
        }
        for row in result.standings
    ]
    champion = result.champion
    return {
        "classification": problem.classification,
        "sessions": [
            {
                "session": o.session,
                "name": sessions[o.session].name,
                "order": [{"car": car, "name": car_label(problem, car)} for car in o.order],
                "not_started": [{"car": car, "name": car_label(problem, car)} for car in o.unranked],
            }
            for o in result.outcomes
        ],
        "remaining": [s.name for s in result.after.sessions],
        "complete": result.complete,
        "query": scenario_query(problem, result.outcomes),
        "standings": standings,
        "title": title,
        "final": (
            {
                "table": standings,
                "champion": None if champion is None else {"id": champion, "name": name_of(champion)},
            }
            if result.complete
            else None
        ),
    }
