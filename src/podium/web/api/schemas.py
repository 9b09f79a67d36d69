"""Response models of the read API: what OpenAPI documents and what every answer is checked against.

The shapes are written in one place, :mod:`podium.present.data` (the CLI's ``--json`` too), so a
client can switch between the two; these models describe them for OpenAPI and check every answer
(``tests/test_present_shapes.py`` checks that they accept exactly what ``present.data`` writes).
Store records (a season listed, a change of the log) are read into them directly. Points are exact
strings ("90", "9/2"): JSON numbers would turn them into floats.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EXACT = 'An exact number as text: an integer ("90") or a fraction ("9/2"), never a float.'


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# -- errors ---------------------------------------------------------------------------------------------
class ErrorBody(Model):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["unknown season 'gt3-usa-2019' (known: gt3-usa-2020)"])
    details: Any = None


class ErrorEnvelope(Model):
    """Every 4xx and 5xx answer of the API."""

    error: ErrorBody


# -- seasons --------------------------------------------------------------------------------------------
class SeasonSummary(Model):
    ref: str = Field(description="`<series id>-<year>`", examples=["gt3-usa-2020"])
    series: str = Field(examples=["gt3-usa"])
    series_name: str = Field(examples=["Porsche GT3 Cup Challenge USA by Yokohama"])
    year: int = Field(examples=[2020])
    name: str
    ruleset: str = Field(examples=["imsa-2020"])
    ruleset_version: int
    version: int = Field(description="Increases on every write to the season (the ETag follows it).")
    changes: int = Field(description="Changes in the season's log.")
    last_change_at: datetime | None
    rounds: int = Field(description="Events in the calendar.")
    sessions_with_results: int


class ClassificationInfo(Model):
    id: str = Field(examples=["platinum"])
    name: str = Field(examples=["Platinum"])
    competitor: str = Field(description="Who the table ranks: driver, team or entry.", examples=["driver"])
    eligibility: str = Field(
        description="The rule deciding membership at each event date.", examples=["driver.age >= 45"]
    )
    leader: str | None = Field(description="Who leads the table now (none before the first result).")
    leader_points: str | None = Field(description=EXACT)


class SeasonDetail(SeasonSummary):
    title: str
    rounds_completed: int = Field(description="Highest round with results (0 before the first race).")
    classifications: list[ClassificationInfo]


# -- standings ------------------------------------------------------------------------------------------
class StandingsRow(Model):
    position: int | None = Field(examples=[1])
    position_text: str = Field(examples=["1"])
    competitor: str = Field(examples=["Jeff Kingsley"])
    competitor_id: str = Field(examples=["jeff-kingsley"])
    points: str = Field(description="Counted points. " + EXACT, examples=["478"])
    total_points: str = Field(description="Every point scored, dropped ones included. " + EXACT)
    wins: int
    dropped: list[str] = Field(description="Results dropped by best-N counting.")
    dropped_points: str = Field(description=EXACT)
    adjusted: str = Field(description="Points added or deducted by penalties. " + EXACT)
    excluded: str | None = Field(description="Why the competitor is excluded from the table, if so.")
    tie_break: str | None = Field(description="The tie-break step that decided this place, if any.")


class StandingsOut(Model):
    """Exactly ``podium standings SEASON --class CLS --json``."""

    season: str = Field(examples=["gt3-usa-2020"])
    after_round: int = Field(examples=[7])
    classification: str = Field(examples=["platinum"])
    classification_name: str = Field(examples=["Platinum"])
    rows: list[StandingsRow]


# -- title ----------------------------------------------------------------------------------------------
class SessionOutcome(Model):
    session: str = Field(examples=["R8 Sebring — Race 1"])
    order: list[str] = Field(description="Finishing order, first to last.")
    not_classified: list[str]
    fastest_lap: str | None = None


class ClinchConditionOut(Model):
    kind: str = Field(examples=["uniform"])
    value: int | str = Field(description="A place, a competitor id or points (exact text).")
    text: str
    weaker: int | str | None = Field(description="The next weaker statement, which is not enough.")
    counter_example: list[SessionOutcome] | None = Field(
        description="An ending where the weaker statement holds and the title is lost."
    )


class TitleCompetitor(Model):
    name: str
    id: str
    points: str = Field(description=EXACT)
    status: str = Field(description="clinched, alive or eliminated.", examples=["alive"])
    status_text: str
    best_position: int
    worst_position: int
    best_position_exact: bool = Field(description="False when the best position is only bounded.")
    worst_position_exact: bool = Field(description="False when the worst position is only bounded.")
    best_position_range: list[int] | None = Field(
        default=None, description="When not exact: [proven lower bound, best ending found]."
    )
    worst_position_range: list[int] | None = Field(
        default=None, description="When not exact: [worst ending found, proven upper bound]."
    )
    witness: list[SessionOutcome] | None = Field(
        description="For a competitor still alive: remaining results in which they take the title."
    )
    certificate: str | None = Field(description="For an eliminated competitor: why, in numbers.")
    conditions: list[ClinchConditionOut]
    conditions_unsettled: list[str] = Field(
        description="Condition kinds a deterministic work limit left unproven (never guessed)."
    )


class RemainingSession(Model):
    id: str = Field(examples=["r08-race-2"], description="The session's id (what ?after= takes).")
    session: str
    starters: int
    unnamed_starters: int
    points: list[str] = Field(description="Points by position. " + EXACT)


class DecisionCell(Model):
    leader_place: int | None
    rival_place: int | None
    outcome: str = Field(description="leader, rival or open.")


class DecisionTableOut(Model):
    session: str
    leader: str
    rival: str
    cells: list[DecisionCell]
    text: str


class RivalLimitOut(Model):
    competitor: str
    id: str
    from_place: int | None = Field(
        description="The rival must finish this place or lower; null: the rival must not be ranked."
    )
    places: list[int | None] | None = Field(
        default=None, description="When the harmless places are not one run: all of them (null: not ranked)."
    )
    example: list[SessionOutcome] | None = Field(
        description="An ending with the rival one place better, level with or ahead of the contender."
    )


class PathRowOut(Model):
    place: int | None = Field(description="The contender's place in the session (null: not ranked).")
    bonuses: list[str] = Field(
        default_factory=list,
        description="Bonuses the contender takes in this row (fastest_lap, pole, most_laps_led, "
        "led_a_lap); empty: whatever the bonuses, the rivals may take them all.",
    )
    rivals: list[RivalLimitOut] = Field(description="What each rival must not do; others may do anything.")


class PathOut(Model):
    """One contender's places in a session that settle the title, against every rival at once."""

    competitor: str
    id: str
    session: str
    session_id: str
    given: list[dict[str, str | int | None]] = Field(description="Results assumed in other sessions.")
    rows: list[PathRowOut] = Field(description="Only the places that can settle the title.")
    text: str


class WeekendOut(Model):
    competitor: str
    id: str
    sessions: list[str] = Field(description="The sessions of the next round.")
    can_clinch: bool
    witness: list[SessionOutcome] | None = Field(
        description="Results of those sessions after which the competitor is champion whatever happens later."
    )
    text: str


class RivalMarginOut(Model):
    rival: str
    rival_id: str
    at_least: str = Field(
        description="How many more points than the rival the competitor must score over the round "
        "(negative: how many fewer at most), exact, tie-break included.",
        examples=["8", "-26"],
    )
    tie_lost: bool = Field(
        description="One step less could leave them level on points with the tie-break lost."
    )
    example: list[SessionOutcome] | None = Field(
        description="An ending proving the threshold cannot be lower, replayed by the referee."
    )


class MarginsOut(Model):
    competitor: str
    id: str
    sessions: list[str] = Field(description="The sessions of the next round.")
    clinch: list[RivalMarginOut] = Field(description="Met together, they make the competitor champion.")
    can_clinch: bool = Field(description="Whether one round's results meet every clinch margin.")
    witness: list[SessionOutcome] | None
    alive: list[RivalMarginOut] = Field(description="Each is needed to keep a chance after the round.")
    text: list[str]


class MomentOut(Model):
    """When the title question is asked: right after this session."""

    session: str = Field(examples=["r08-race-1"])
    session_name: str = Field(examples=["Race 1"])
    round: int = Field(examples=[8])
    event: str = Field(examples=["Sebring"])
    round_complete: bool = Field(
        description="False when a points-paying session of the round is still to run."
    )


class AsOf(Model):
    version: int = Field(description="The season version the answer was proven for.")
    moment: MomentOut | None


class TitleOut(Model):
    """Exactly ``podium title SEASON --classification CLS --json``."""

    title: str
    classification: str
    after_round: int
    moment: MomentOut | None = Field(
        description="The session the question is asked after (null: before any)."
    )
    remaining: list[RemainingSession]
    assumptions: list[str]
    engine: str = Field(examples=["cpsat"])
    competitors: list[TitleCompetitor]
    decision_table: DecisionTableOut | None
    paths: list[PathOut] = Field(description="Every alive contender's path in the next session.")
    weekend: list[WeekendOut] = Field(
        description="When the next round has several sessions: whether each contender can clinch "
        "this weekend, with the path in its last session given the best earlier results."
    )
    margins: list[MarginsOut] = Field(
        description="Points margins over the next round: how many more points than each rival each "
        "contender must score there to be champion, or to stay in the fight."
    )
    press: str
    version: int = Field(description="The season's version now (it increases on every write).")
    as_of: AsOf = Field(description="What this answer was proven for.")
    current: bool = Field(description="True when proven for the season as it stands (`as_of` = now).")
    state: Literal["proven", "being_worked_out", "failed"] = Field(
        description="`being_worked_out`: a newer proof is on its way (ask again after `Retry-After`); "
        "`failed`: the newer proof failed and this older one is all there is."
    )


class TitleWorking(Model):
    """202: the question has no proof yet; the workers are on it."""

    state: Literal["being_worked_out"]
    current: Literal[False]
    version: int
    moment: MomentOut | None
    retry_after: int = Field(description="Seconds to wait before asking again (also the Retry-After header).")


# -- events ---------------------------------------------------------------------------------------------
class SessionInfo(Model):
    id: str = Field(examples=["r08-race-1"])
    name: str = Field(examples=["Race 1"])
    kind: str = Field(examples=["race"])
    start_local: datetime | None = Field(
        description="Scheduled start, wall-clock time at the venue (no offset).",
        examples=["2020-11-13T08:00:00"],
    )
    start: datetime | None = Field(
        description="The same instant with the venue's UTC offset.", examples=["2020-11-13T08:00:00-05:00"]
    )
    time_zone: str = Field(examples=["America/New_York"])
    scheduled_duration: timedelta | None = Field(description="ISO 8601 duration.", examples=["PT45M"])
    scheduled_laps: int | None
    broadcast: str | None = Field(examples=["imsa.tv"])
    has_results: bool


class EventSummary(Model):
    round: int = Field(examples=[8])
    id: str = Field(examples=["sebring"])
    name: str = Field(examples=["Sebring"])
    date: date
    venue: str | None
    country: str | None
    time_zone: str = Field(examples=["America/New_York"])
    sessions: list[SessionInfo]


class ResultOut(Model):
    """A car's result as it stands, adjustments applied (overall order)."""

    entry: str = Field(examples=["16"])
    car: str | None = Field(examples=["#16"])
    drivers: list[str]
    position: int | None
    status: str = Field(examples=["CLASSIFIED"])
    laps: int | None
    time: str | None = Field(description="Total time in seconds, exact decimal text.", examples=["2633.99"])
    laps_led: int
    fastest_lap: bool
    pole: bool
    grid: int | None


class ClassResult(Model):
    """One line of a classification's result of a session: position in the class and points earned."""

    position: int | None
    competitor: str
    competitor_id: str
    entry: str
    status: str
    points: str = Field(description=EXACT)
    bonus: str = Field(description=EXACT)
    shared: bool


class AdjustmentOut(Model):
    id: str
    entry: str
    kind: str = Field(description="points, positions, time, dsq or correction.")
    reason: str
    points: str | None = Field(description=EXACT)
    positions: int | None
    seconds: str | None = Field(description=EXACT)
    changes: dict[str, Any]
    classification: str | None
    author: str | None
    at: datetime | None


class SessionDetail(SessionInfo):
    laps_completed: int | None
    results: list[ResultOut]
    classes: dict[str, list[ClassResult]] = Field(
        description="Classification id → lines: ranked cars by class position, then the others by overall "
        "position (a shared car: one line per driver)."
    )
    adjustments: list[AdjustmentOut]


class EventDetail(EventSummary):
    sessions: list[SessionDetail]  # type: ignore[assignment]


# -- log ------------------------------------------------------------------------------------------------
class ChangeOut(Model):
    id: int
    kind: str = Field(examples=["results.import"])
    summary: str
    author: str
    reason: str
    created_at: datetime
    reverts: int | None
    reverted_by: int | None


class LogPage(Model):
    season: str
    total: int = Field(description="Changes in the whole log.")
    limit: int
    offset: int
    changes: list[ChangeOut] = Field(description="Newest first.")
