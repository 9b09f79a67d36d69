"""How a session looks after a write: class positions and points, and what a penalty moved."""

from __future__ import annotations

from podium.model import Season
from podium.present.numbers import points
from podium.rules import Ruleset
from podium.standings import Score, compute_standings, score_session, scoring_for

MAX_MOVES = 4
"""Moves listed per classification after a penalty; the rest are counted."""


def class_lines(season: Season, ruleset: Ruleset, session_id: str) -> dict[str, list[tuple[str, Score]]]:
    """classification id → (competitor name, score line) in class order, for one session."""
    event = season.event_of(session_id)
    session = season.session(session_id)
    out: dict[str, list[tuple[str, Score]]] = {}
    for c in season.classifications:
        lines = score_session(season, c, scoring_for(ruleset, c), event, session)
        flat = [
            (season.competitor_name(c.competitor, who), s) for who, scores in lines.items() for s in scores
        ]
        flat.sort(key=lambda x: (x[1].position is None, x[1].position or 0, x[0]))
        out[c.id] = flat
    return out


def podium_text(season: Season, ruleset: Ruleset, session_id: str, top: int = 3) -> list[str]:
    """One line per classification: its first ``top`` places in the session with their points."""
    lines = []
    for c in season.classifications:
        placed = [x for x in class_lines(season, ruleset, session_id)[c.id] if x[1].position is not None]
        if not placed:
            continue
        shown = ", ".join(f"{s.position}. {name} ({points(s.total)})" for name, s in placed[:top])
        lines.append(f"  {c.name}: {shown}")
    return lines


def moves_text(before: Season, after: Season, ruleset: Ruleset, session_id: str) -> list[str]:
    """What changed for whom: class positions and points in the session, and each table's leader."""
    out = []
    old, new = class_lines(before, ruleset, session_id), class_lines(after, ruleset, session_id)
    for c in after.classifications:
        was = {(name, s.entry): s for name, s in old.get(c.id, [])}
        moved = []
        for name, s in new.get(c.id, []):
            prior = was.get((name, s.entry))
            if prior is None or (prior.position, prior.total) == (s.position, s.total):
                continue
            moved.append(
                (
                    -abs(s.total - prior.total),
                    s.position or 10_000,
                    f"{name} {_place(prior)} → {_place(s)} ({points(prior.total)} → {points(s.total)} pts)",
                )
            )
        # The car the change was about first (it moved most), then the others; a long list is cut.
        moved.sort(key=lambda m: (m[0], m[1]))
        if moved:
            texts = [t for _, _, t in moved[:MAX_MOVES]]
            more = f"; {len(moved) - MAX_MOVES} more moved" if len(moved) > MAX_MOVES else ""
            out.append(f"  {c.name}: " + "; ".join(texts) + more)
        leader_before = compute_standings(before, ruleset, c).leader
        leader_after = compute_standings(after, ruleset, c).leader
        if leader_after is not None and (
            leader_before is None or leader_before.competitor != leader_after.competitor
        ):
            previous = leader_before.name if leader_before else "nobody"
            out.append(f"  {c.name} standings: the leader is now {leader_after.name} (was {previous})")
    return out


def _place(score: Score) -> str:
    return f"P{score.position}" if score.position is not None else score.status.value
