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


def _options(table: DecisionTable, side: str, starters_score: bool) -> list[str]:
    """The places of ``side`` (leader or rival) that settle the title for it, with the other's."""
    me, them = (0, 1) if side == "leader" else (1, 0)
    other_id = table.rival if side == "leader" else table.leader
    wins: dict[int, set[int | None]] = {}
    for cell, outcome in table.cells.items():
        place = cell[me]
        if outcome == side and place is not None:
            wins.setdefault(place, set()).add(cell[them])
    every = set(table.places)
    whatever = []
    parts: list[tuple[int, str]] = []
    for place in sorted(wins):
        settled = wins[place]
        others = every - {place}
        if settled >= others:
            whatever.append(place)
            continue
        ranked = sorted(p for p in settled if p is not None)
        if not ranked:
            parts.append(
                (place, f"{{place}} with {{other}} {'not starting' if starters_score else 'not classified'}")
            )
            continue
        worst = ranked[0]
        if worst == 1 and all(p in settled for p in others if p is not None):
            parts.append(
                (place, f"{{place}} with {{other}} {'starting' if starters_score else 'classified'}")
            )
        elif all(p in settled for p in others if p is not None and p >= worst):
            parts.append((place, f"{{place}} with {{other}} {ordinal(worst)} or lower"))
        else:
            listed = ", ".join(ordinal(p) for p in ranked)
            parts.append((place, f"{{place}} with {{other}} {listed}"))
    out = []
    if whatever:
        top = max(whatever) if whatever == list(range(1, max(whatever) + 1)) else None
        if top is not None:
            first = "to win" if top == 1 else f"to finish {ordinal(top)} or better"
            out.append((1, first + " whatever {other} does"))
        else:
            out.extend((p, "{place} whatever {other} does") for p in whatever)
    out.extend(parts)
    out.sort(key=lambda item: item[0])
    return [
        text.replace("{place}", "to win" if p == 1 else ordinal(p)).replace("{other}", other_id)
        for p, text in out
    ]


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
            options = _options(table, side, starters_score)
            other = problem.contestant(table.rival if side == "leader" else table.leader)
            options = [o.replace(other.id, other.name) for o in options]
            if not options:
                text = f"{c.name} cannot take the title in this session"
            elif final:
                text = f"{c.name} needs " + "; or ".join(options)
            else:
                text = f"To clinch here, {c.name} needs " + "; or ".join(options)
        else:
            text = f"{c.name} can still take the title (with help from others' results)"
        out.append(Need(c.id, c.name, text, status))
    return tuple(out)
