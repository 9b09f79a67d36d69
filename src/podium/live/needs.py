"""What each contender needs from the live session, in words, from the proven decision table.

The title engine proves, before the session, which pairs of places of the leader and the closest
rival settle the title (:class:`podium.title.DecisionTable`). Read from each side, that table is
what each of them needs: "Riley Dickinson needs to win with Jeff Kingsley 12th or lower". The
sentences are built here and not in :mod:`podium.present.text` (which words the leader's side only).
"""

from __future__ import annotations

from podium.live.state import Need
from podium.title import DecisionTable, Status, TitleProblem, TitleReport


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _span(a: int, b: int) -> str:
    return ordinal(a) if a == b else f"{ordinal(a)}–{ordinal(b)}"


def _options(table: DecisionTable, side: str, starters_score: bool, other: str) -> list[str]:
    """The places of ``side`` (leader or rival) that settle the title for it, with the other's,
    consecutive places saying the same thing grouped ("2nd–8th ahead of Hamilton")."""
    me, them = (0, 1) if side == "leader" else (1, 0)
    wins: dict[int, set[int | None]] = {}
    for cell, outcome in table.cells.items():
        place = cell[me]
        if outcome == side and place is not None:
            wins.setdefault(place, set()).add(cell[them])
    every = set(table.places)
    kinds: list[tuple[int, tuple[str, object]]] = []
    for place in sorted(wins):
        settled = wins[place]
        others = every - {place}
        ranked_others = {p for p in others if p is not None}
        ranked = sorted(p for p in settled if p is not None)
        kind: tuple[str, object]
        if settled >= others:
            kind = ("whatever", None)
        elif not ranked:
            kind = ("absent", None)
        elif ranked[0] == 1 and ranked_others <= settled:
            kind = ("present", None)
        elif all(p in settled for p in ranked_others if p >= ranked[0]):
            kind = ("ahead", None) if ranked[0] == place + 1 else ("below", ranked[0])
        else:
            kind = ("list", tuple(ranked))
        kinds.append((place, kind))
    groups: list[tuple[int, int, tuple[str, object]]] = []
    for place, kind in kinds:
        if groups and groups[-1][2] == kind and groups[-1][1] == place - 1:
            groups[-1] = (groups[-1][0], place, kind)
        else:
            groups.append((place, place, kind))
    out = []
    for a, b, (how, value) in groups:
        if how == "whatever" and a == 1:
            head = "to win" if b == 1 else f"to finish {ordinal(b)} or better"
            out.append(f"{head} whatever {other} does")
            continue
        where = "to win" if a == b == 1 else _span(a, b)
        if how == "whatever":
            out.append(f"{where} whatever {other} does")
        elif how == "absent":
            out.append(f"{where} with {other} {'not starting' if starters_score else 'not classified'}")
        elif how == "present":
            out.append(f"{where} with {other} {'starting' if starters_score else 'classified'}")
        elif how == "ahead":
            out.append(f"{where} ahead of {other}")
        elif how == "below":
            assert isinstance(value, int)
            out.append(f"{where} with {other} {ordinal(value)} or lower")
        else:
            assert isinstance(value, tuple)
            out.append(f"{where} with {other} " + ", ".join(ordinal(p) for p in value))
    return out


def needs_of(report: TitleReport, final: bool) -> tuple[Need, ...]:
    """Each contender's need from the session the decision table is about (ids are replaced by names
    where the sentence is made)."""
    problem: TitleProblem = report.problem
    table = report.decision
    out = []
    session = problem.sessions[0] if problem.sessions else None
    starters_score = session.starters_score if session else True
    for verdict in report.verdicts:
        status = verdict.status.value if isinstance(verdict.status, Status) else str(verdict.status)
        if status == Status.ELIMINATED.value or verdict.contestant.excluded:
            continue
        c = verdict.contestant
        if status == Status.CLINCHED.value:
            text = f"{c.name} is already champion"
        elif table is not None and c.id in (table.leader, table.rival):
            side = "leader" if c.id == table.leader else "rival"
            other = problem.contestant(table.rival if side == "leader" else table.leader)
            options = _options(table, side, starters_score, other.name)
            if not options:
                text = f"{c.name} cannot take the title in this session"
            elif final:
                text = f"{c.name} needs " + "; or ".join(options)
            else:
                text = f"To clinch here, {c.name} needs " + "; or ".join(options)
        else:
            text = f"{c.name} can still take the title"
        out.append(Need(c.id, c.name, text, status))
    return tuple(out)
