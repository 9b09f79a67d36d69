"""Standings: score sessions by the rules, count best results, rank with the tie-break chain."""

from podium.standings.counting import apply_counting, counted_total
from podium.standings.ranking import Contender, Placed, countback_vector, rank
from podium.standings.scores import (
    Score,
    distance_factor,
    in_field,
    rank_field,
    result_scorers,
    score_session,
    scorers_of,
)
from podium.standings.table import (
    ClassificationScores,
    StandingRow,
    Standings,
    compute_standings,
    default_classification,
    progression,
    scoring_for,
)

__all__ = [
    "ClassificationScores",
    "Contender",
    "Placed",
    "Score",
    "StandingRow",
    "Standings",
    "apply_counting",
    "compute_standings",
    "countback_vector",
    "counted_total",
    "default_classification",
    "distance_factor",
    "in_field",
    "progression",
    "rank",
    "rank_field",
    "result_scorers",
    "score_session",
    "scorers_of",
    "scoring_for",
]
