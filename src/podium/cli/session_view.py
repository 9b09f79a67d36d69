"""How a session looks after a write: class positions and points, and what a penalty moved."""

from __future__ import annotations

from podium.cli.words import Words
from podium.errors import Message
from podium.model import Season
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


def podium_text(
    season: Season, ruleset: Ruleset, session_id: str, top: int = 3, lang: str = "en"
) -> list[str]:
    """One line per classification: its first ``top`` places in the session with their points."""
    say = Words(lang)
    lines = []
    for c in season.classifications:
        placed = [x for x in class_lines(season, ruleset, session_id)[c.id] if x[1].position is not None]
        if not placed:
            continue
        shown = ", ".join(f"{s.position}. {name} ({say.points(s.total)})" for name, s in placed[:top])
        lines.append(
            "  " + say(Message("{classification}: {places}", classification=say.name(c.name), places=shown))
        )
    return lines


def moves_text(
    before: Season, after: Season, ruleset: Ruleset, session_id: str, lang: str = "en"
) -> list[str]:
    """What changed for whom: class positions and points in the session, and each table's leader."""
    say = Words(lang)
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
                    say(
                        Message(
                            "{name} {before} → {after} ({points_before} → {points_after} pts)",
                            name=name,
                            before=_place(prior),
                            after=_place(s),
                            points_before=say.points(prior.total),
                            points_after=say.points(s.total),
                        )
                    ),
                )
            )
        # The car the change was about first (it moved most), then the others; a long list is cut.
        moved.sort(key=lambda m: (m[0], m[1]))
        if moved:
            texts = [t for _, _, t in moved[:MAX_MOVES]]
            if len(moved) > MAX_MOVES:
                more = Message.plural(
                    "{count} more moved", "{count} more moved", count=len(moved) - MAX_MOVES
                )
                texts.append(say(more))
            moves = say(
                Message(
                    "{classification}: {places}",
                    classification=say.name(c.name),
                    places=say("; ").join(texts),
                )
            )
            out.append("  " + moves)
        leader_before = compute_standings(before, ruleset, c).leader
        leader_after = compute_standings(after, ruleset, c).leader
        if leader_after is not None and (
            leader_before is None or leader_before.competitor != leader_after.competitor
        ):
            previous = leader_before.name if leader_before else Message("nobody")
            said = Message(
                "{classification} standings: the leader is now {leader} (was {previous})",
                classification=say.name(c.name),
                leader=leader_after.name,
                previous=previous,
            )
            out.append("  " + say(said))
    return out


def _place(score: Score) -> str:
    return f"P{score.position}" if score.position is not None else score.status.value
