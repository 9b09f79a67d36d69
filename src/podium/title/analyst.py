"""The analyst: the full title picture of one classification (statuses, witnesses, certificates,
positions, clinch conditions) asked of an engine, every positive answer checked on its ending.

Everything here is phrased as questions to an engine (brute force or CP-SAT, same interface,
:mod:`podium.title.engine`); the plain endings it tries first are :mod:`podium.title.endings`, the
next-session table :mod:`podium.title.decision`, the report types :mod:`podium.title.report`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Literal

from podium.errors import SolverError
from podium.title.constraints import (
    NONE,
    BonusFixed,
    Condition,
    ConditionKind,
    Constraint,
    Fixed,
    bonuses_hold,
)
from podium.title.decision import decision_table
from podium.title.endings import greedy_attack, greedy_pileup, greedy_title, pass_capacity
from podium.title.engine import Engine, make_engine
from podium.title.evaluate import FinalRow, champion_of, final_table, position_of
from podium.title.fast import Scorer, dominance
from podium.title.magic import MagicTable, magic_table, signature, target_totals
from podium.title.margins import margins_of
from podium.title.order import standing_order
from podium.title.paths import ContenderPath, PathRow, RivalLimit, best_weekend, contender_paths
from podium.title.problem import (
    Completion,
    Contestant,
    RemainingSession,
    Status,
    TitleProblem,
    total_remaining,
)
from podium.title.report import (
    Certificate,
    ClinchCondition,
    DecisionTable,
    ExcludedCertificate,
    FieldCertificate,
    PairCertificate,
    PointsCertificate,
    RivalCertificate,
    TieCertificate,
    TitleReport,
    Verdict,
)
from podium.title.worst import applies as worst_model_applies
from podium.title.worst import worst_bounds

POSITION_WORK = 1.0
"""Deterministic work (CP-SAT ``max_deterministic_time`` units, the same on every machine) one
worst-position proof may take; a proof it cuts short is reported as a proven range, never as exact."""

CONDITION_WORK = 1.0
"""Deterministic work one solver call may take while clinch conditions are worked out; a kind of
condition it cannot settle is named in ``Verdict.unsettled`` (and the JSON), never guessed."""

POSITION_MODEL_LIMIT = 5_000
"""Above this many (rival × place) variables, a worst position not settled by the plain endings
and the counting bound is reported as the proven range rather than sent to the solver."""


Verifier = Callable[[Completion], list[FinalRow]]


class Analyst:
    """Asks the engine, checks every answer on its completion, assembles the report.

    With ``shortcuts`` (the default for every engine but the brute-force oracle) the questions that
    one extreme ending decides are answered by scoring that ending in integers (see
    :mod:`podium.title.fast`, whose preconditions are checked per problem); the engine is asked
    only what the shortcuts leave open. Every ending shown is replayed by ``verify``.
    """

    def __init__(
        self,
        problem: TitleProblem,
        engine: Engine,
        verify: Verifier | None = None,
        *,
        shortcuts: bool | None = None,
        position_work: float = POSITION_WORK,
    ) -> None:
        self.problem = problem
        self.engine = engine
        self.shortcuts = not engine.exhaustive if shortcuts is None else shortcuts
        self.scorer = Scorer(problem)
        self.position_work = position_work
        self._verify: Verifier = verify or (
            self.scorer.table if self.shortcuts else (lambda completion: final_table(problem, completion))
        )
        self._replayed: dict[Completion, list[FinalRow]] = {}
        self._ceilings: dict[str, Fraction] = {}
        self._unsettled: dict[str, list[ConditionKind]] = {}

    def verify(self, completion: Completion) -> list[FinalRow]:
        """The final table of ``completion`` by the referee (each completion replayed once)."""
        table = self._replayed.get(completion)
        if table is None:
            table = self._verify(completion)
            self._replayed[completion] = table
        return table

    def _ceiling(self, c: Contestant) -> Fraction:
        ceiling = self._ceilings.get(c.id)
        if ceiling is None:
            ceiling = self._ceilings[c.id] = c.points + total_remaining(self.problem, c)
        return ceiling

    # -- checked questions ------------------------------------------------------------------------
    def champion_witness(self, target: str, constraint: Constraint = NONE) -> Completion | None:
        w = self.engine.witness_champion(target, constraint)
        if w is not None and champion_of(self.verify(w)) != target:
            raise SolverError(f"{self.engine.name}: witness for {target!r} does not replay as a title")
        return w

    def beaten_or_tied(self, target: str, constraint: Constraint = NONE) -> Completion | None:
        """An ending (satisfying ``constraint``) where someone finishes level with or ahead of ``target``."""
        return self._challenge(target, constraint)[0]

    def _exact_extremes(self, target: str, constraint: Constraint) -> bool:
        """Whether :func:`greedy_attack` is the extreme ending for ``constraint`` (module fast)."""
        if not (self.shortcuts and self.scorer.extremes) or constraint.margins or constraint.best:
            return False
        for cond in constraint.conditions:
            if cond.who != target:
                return False
            if cond.kind is ConditionKind.UNIFORM:
                continue
            if cond.kind in (ConditionKind.START, ConditionKind.ONE_AND_START):
                # The attack picks which sessions the target starts: exact when they are alike.
                alike = {
                    (s.table, s.field, s.countback, s.starters_score, s.anonymous)
                    for s in self.problem.sessions
                }
                if len(alike) == 1:
                    continue
            return False
        return True

    def _challenge(
        self, target: str, constraint: Constraint, only: Sequence[str] | None = None
    ) -> tuple[Completion | None, Completion | None]:
        """(an ending where someone is level with or ahead of ``target``, an ending meeting
        ``constraint`` if one was seen on the way).

        Rival by rival, the extreme attack (``rival`` wins everything, ``target`` as badly as the
        constraint allows) is scored: when the shortcuts apply, a rival it does not bring level is
        proven harmless, so the engine is asked only about the rivals left open."""
        if not self.shortcuts:
            return self._engine_challenge(target, constraint, None if only is None else list(only)), None
        exact = self._exact_extremes(target, constraint)
        open_rivals: list[str] = []
        feasible: Completion | None = None
        for rival in self.rivals(target):
            if only is not None and rival.id not in only:
                continue
            attack = greedy_attack(self.problem, rival.id, target, constraint)
            if attack is None:
                open_rivals.append(rival.id)
                continue
            feasible = feasible or attack
            order = self.scorer.compare(rival.id, target, attack)
            if order > 0:
                return attack, attack  # replayed with the report if it is shown
            if order == 0:  # level on the modelled chain: the replay's later steps decide
                table = self.verify(attack)
                if position_of(table, rival.id) <= position_of(table, target):
                    return attack, attack
                open_rivals.append(rival.id)
            elif not exact:
                open_rivals.append(rival.id)
        if not open_rivals:
            return None, feasible
        w = self._engine_challenge(target, constraint, open_rivals)
        return w, feasible or w

    def _engine_challenge(
        self, target: str, constraint: Constraint, rivals: list[str] | None
    ) -> Completion | None:
        w = self.engine.witness_challenger(target, constraint, rivals=rivals)
        if w is not None:
            table = self.verify(w)
            mine = position_of(table, target)
            if not any(row.position <= mine and row.contestant != target for row in table):
                raise SolverError(f"{self.engine.name}: counter-example for {target!r} does not replay")
        return w

    def _plain_title(self, target: str) -> Completion | None:
        """The plain way to the title: ``target`` wins everything, the strongest rivals finish last.

        Tried before the solver; kept only if it replays as a title."""
        attempt = greedy_title(self.problem, target)
        return attempt if self._champion(target, attempt) else None

    def _champion(self, target: str, completion: Completion) -> bool:
        """Whether ``target`` is champion after ``completion``: the integer scorer answers when the
        modelled chain separates ``target`` from everyone, the referee when someone is level."""
        if self.shortcuts:
            mine = self.scorer.key(*self.scorer.fact(target, completion))
            others = [self.scorer.key(*self.scorer.fact(c.id, completion)) for c in self.rivals(target)]
            if any(k > mine for k in others):
                return False
            if all(k < mine for k in others):
                return True
        return champion_of(self.verify(completion)) == target

    def _place(self, target: str, completion: Completion) -> int:
        """``target``'s final position after ``completion`` (the referee only settles ties)."""
        if self.shortcuts:
            position, tied = self.scorer.position(target, completion)
            if not tied:
                return position
        return position_of(self.verify(completion), target)

    def rivals(self, target: str) -> list[Contestant]:
        """Contestants who can still reach ``target``'s points, strongest first."""
        t = self.problem.contestant(target)
        rivals = [c for c in self.problem.contestants if c.id != target and not c.excluded]
        floor = t.points
        rivals = [c for c in rivals if self._ceiling(c) >= floor]
        return sorted(rivals, key=lambda c: (-c.points, c.name))

    def sufficient(
        self, target: str, constraint: Constraint, only: Sequence[str] | None = None
    ) -> tuple[bool, Completion | None]:
        """Whether ``constraint`` guarantees ``target`` the title; else a counter-example (or None if
        the constraint cannot even be met). ``only``: against these rivals alone (the others may
        do anything and are not asked about)."""
        counter, feasible = self._challenge(target, constraint, only)
        if counter is not None:
            return False, counter
        if feasible is not None:
            return True, None
        return self.engine.possible(constraint) is not None, None

    # -- the report -----------------------------------------------------------------------------------
    def report(
        self,
        *,
        conditions: bool = True,
        decision: bool | Literal["teams"] = True,
        positions: bool = True,
        paths: bool = True,
        paths_session: str | None = None,
        given: Sequence[Fixed] = (),
    ) -> TitleReport:
        """Everything about the problem; ``paths_session`` and ``given`` choose the session the
        contenders' paths are about (default: the next) and results assumed in other sessions."""
        in_standings_order = standing_order(self.problem)
        verdicts = [self.verdict(c, conditions=conditions, positions=positions) for c in in_standings_order]
        verdicts.sort(key=lambda v: in_standings_order.index(v.contestant))
        table = self.decision_table(teams=decision == "teams") if decision else None
        for v in verdicts:
            self._replay_shown(v)
        alive = [v.contestant.id for v in verdicts if v.status == Status.ALIVE]
        found = contender_paths(self, paths_session, given=given, contenders=alive) if paths and alive else ()
        weekends = [w for c in alive if (w := best_weekend(self, c)) is not None] if paths else []
        for path in (*found, *(w.path for w in weekends if w.path is not None)):
            for row in path.rows:
                for limit in row.limits:
                    if limit.example is not None:
                        self._replay_limit(path, row, limit)
        margins = margins_of(self, alive) if paths else ()
        return TitleReport(
            self.problem, self.engine.name, tuple(verdicts), table, found, tuple(weekends), margins
        )

    def _replay_limit(self, path: ContenderPath, row: PathRow, limit: RivalLimit) -> None:
        """A limit's example must replay: the contender at the row's place with its bonuses, the
        rival level or ahead."""
        assert limit.example is not None
        car = self.problem.contestant(path.contender).cars_in(path.session)[0]
        place = row.place
        pins = tuple(BonusFixed(path.session, b, car) for b in row.bonuses)
        if limit.example.outcome(path.session).place(car) != place or not bonuses_hold(
            self.problem, pins, limit.example
        ):
            raise SolverError(f"{self.engine.name}: path example for {path.contender!r} is not at {place}")
        table = self.verify(limit.example)
        if position_of(table, limit.rival) > position_of(table, path.contender):
            raise SolverError(f"{self.engine.name}: path example for {path.contender!r} does not replay")

    def _replay_shown(self, v: Verdict) -> None:
        """Every ending a verdict shows is replayed by the referee and must say what it claims."""
        who = v.contestant.id
        if v.status == Status.ALIVE and v.witness is not None and champion_of(self.verify(v.witness)) != who:
            raise SolverError(f"{self.engine.name}: witness for {who!r} does not replay as a title")
        for cond in v.conditions:
            if cond.counter_example is None:
                continue
            table = self.verify(cond.counter_example)
            mine = position_of(table, who)
            if not any(row.position <= mine and row.contestant != who for row in table):
                raise SolverError(f"{self.engine.name}: counter-example for {who!r} does not replay")

    def _title_chance(self, c: Contestant) -> tuple[bool, Completion | None]:
        """(settled, witness): whether ``c`` can be champion, decided without the engine when the
        dominance ending settles it (``c`` wins everything, no other named car scores)."""
        plain = self._plain_title(c.id)
        if plain is not None:
            return True, plain
        if not (self.shortcuts and self.scorer.extremes):
            return False, None
        best = dominance(self.problem, c.id)
        keys = self.scorer.keys(best)
        mine = keys[c.id]
        others = [k for cid, k in keys.items() if cid != c.id]
        if any(k > mine for k in others):
            return True, None  # someone is ahead even in c's best ending: eliminated
        if all(k < mine for k in others):
            return True, best
        return False, None

    def verdict(self, c: Contestant, *, conditions: bool = True, positions: bool = True) -> Verdict:
        if c.excluded:
            return Verdict(c, Status.ELIMINATED, 0, 0, certificate=ExcludedCertificate(c.name))
        counter = self.beaten_or_tied(c.id)
        if counter is None:
            any_end = dominance(self.problem, c.id) if self.shortcuts else self.engine.possible(NONE)
            return Verdict(c, Status.CLINCHED, 1, 1, witness=any_end)
        settled, witness = self._title_chance(c)
        if not settled:
            witness = self.champion_witness(c.id)
        status = Status.ALIVE if witness is not None else Status.ELIMINATED
        best = worst = 0
        note = ""
        best_range = worst_range = None
        if positions:
            best, worst, best_range, worst_range = self.positions(c, alive=witness is not None)
            note = _range_note(best_range, worst_range)
        if witness is None:
            return Verdict(
                c,
                status,
                best,
                worst,
                certificate=self.certificate(c),
                note=note,
                best_range=best_range,
                worst_range=worst_range,
            )
        found: tuple[ClinchCondition, ...] = ()
        unsettled: tuple[ConditionKind, ...] = ()
        if conditions:
            found = self.conditions(c)
            unsettled = tuple(self._unsettled.get(c.id, ()))
            if unsettled:
                kinds = ", ".join(k.value for k in unsettled)
                note = "; ".join(x for x in (note, f"clinch conditions not settled: {kinds}") if x)
        return Verdict(
            c,
            status,
            best,
            worst,
            witness=witness,
            conditions=found,
            note=note,
            best_range=best_range,
            worst_range=worst_range,
            unsettled=unsettled,
        )

    def positions(
        self, c: Contestant, *, alive: bool
    ) -> tuple[int, int, tuple[int, int] | None, tuple[int, int] | None]:
        """Best and worst final position, and for each the proven range when it is only bounded.

        Best: 1 when ``c`` can be champion, else its place in the dominance ending (exact under the
        shortcuts' preconditions). Worst: the pile-up ending (``c`` scores nothing, the rivals
        closest to passing pass) against a counting bound; the solver settles the gap within a
        deterministic work limit, and what it leaves is reported as a range.
        """
        engine = self.engine
        if not self.shortcuts or engine.exhaustive:
            (best, _), (worst, _) = engine.position_bounds(c.id)
            return best, worst, None, None
        rivals = [o for o in self.problem.contestants if o.id != c.id and not o.excluded]
        ceiling = self._ceiling(c)
        threats = [o for o in rivals if self._ceiling(o) >= c.points]
        worst_bound = 1 + min(len(threats), pass_capacity(self.problem, c, threats))
        worst = self._place(c.id, greedy_pileup(self.problem, c.id))
        best_bound = 1 + sum(1 for o in rivals if o.points > ceiling)
        if alive:
            best = 1
        elif self.scorer.extremes:
            best = best_bound = self._place(c.id, dominance(self.problem, c.id))
        else:
            best = self._place(c.id, greedy_title(self.problem, c.id))
        need_worst, need_best = worst < worst_bound, best > best_bound
        best_range = worst_range = None
        if need_worst and worst_model_applies(self.problem, self.scorer):
            counted = worst_bounds(self.problem, self.scorer, c, known=worst - 1)
            if counted is not None:
                if counted.completion is not None:
                    worst = max(worst, self._place(c.id, counted.completion))
                worst_bound = min(worst_bound, counted.upper)
                # The count model is the stronger proof: what it leaves open is reported as a
                # range rather than handed to the general model (which rarely closes it, slowly).
                need_worst = False
        size = len(rivals) * sum(s.field for s in self.problem.sessions)
        if (need_worst or need_best) and size <= POSITION_MODEL_LIMIT:
            bounds = engine.positions(c.id, best=need_best, worst=need_worst, work_limit=self.position_work)
            if need_best:
                best = min(best, bounds.best)
                best_bound = max(best_bound, bounds.best_lower)
            if need_worst:
                worst = max(worst, bounds.worst)
                worst_bound = min(worst_bound, bounds.worst_upper)
        if best > best_bound:
            best_range = (best_bound, best)
        if worst < worst_bound:
            worst_range = (worst, worst_bound)
        return best, worst, best_range, worst_range

    def certificate(self, c: Contestant) -> Certificate:
        """The simplest true reason ``c`` cannot win."""
        problem = self.problem
        ceiling = c.points + total_remaining(problem, c)
        others = [o for o in problem.contestants if o.id != c.id and not o.excluded]
        above = [o for o in others if o.points > ceiling]
        if above:
            o = max(above, key=lambda o: o.points)
            return PointsCertificate(
                who=c.name,
                now=c.points,
                gain=ceiling - c.points,
                ceiling=ceiling,
                rival=o.name,
                rival_now=o.points,
                gap=o.points - ceiling,
                drops=problem.drops,
            )
        level = [o for o in others if o.points == ceiling]
        if level:
            o = level[0]
            return TieCertificate(
                who=c.name,
                ceiling=ceiling,
                rival=o.name,
                rival_now=o.points,
                rival_wins=o.countback[0] if o.countback else 0,
                drops=problem.drops,
            )
        for o in sorted(others, key=lambda o: -o.points):
            if not self._can_finish_ahead(c, o):
                return RivalCertificate(
                    who=c.name, ceiling=ceiling, rival=o.name, rival_now=o.points, drops=problem.drops
                )
        contenders = sorted(others, key=lambda o: -o.points)[:6]
        for i, a in enumerate(contenders):
            for b in contenders[i + 1 :]:
                sub = _restricted(problem, {c.id, a.id, b.id})
                if sub is not None and make_engine(sub).witness_champion(c.id) is None:
                    return PairCertificate(
                        who=c.name, a=a.name, b=b.name, a_now=a.points, b_now=b.points, ceiling=ceiling
                    )
        return FieldCertificate(who=c.name, ceiling=ceiling)

    def _can_finish_ahead(self, c: Contestant, o: Contestant) -> bool:
        """Whether ``c`` can finish strictly ahead of ``o`` (the extreme ending decides it when the
        shortcuts apply: ``c`` wins everything, ``o`` scores nothing)."""
        if self.shortcuts and self.scorer.extremes:
            attack = greedy_attack(self.problem, c.id, o.id)
            if attack is not None:
                return self.scorer.ahead(c.id, o.id, attack)
        return self.engine.witness_ahead(c.id, o.id) is not None

    # -- clinch conditions ----------------------------------------------------------------------------
    def conditions(self, c: Contestant) -> tuple[ClinchCondition, ...]:
        """The strongest clinch statements of each kind; a kind the solver cannot settle within its
        deterministic work limit is left out and named (``Verdict.unsettled``), never guessed."""
        finders: list[tuple[ConditionKind, Callable[[], ClinchCondition | None]]] = []
        sessions = [s for s in self.problem.sessions if s.id in c.sessions]
        if len(c.cars) == 1:
            starters = all(s.starters_score for s in sessions)
            if starters and sessions:
                finders.append((ConditionKind.START, lambda: self._start_condition(c, len(sessions))))
            finders.append((ConditionKind.UNIFORM, lambda: self._uniform_condition(c, sessions)))
            if starters and len(sessions) > 1:
                finders.append(
                    (ConditionKind.ONE_AND_START, lambda: self._one_and_start_condition(c, sessions))
                )
        finders.append((ConditionKind.POINTS, lambda: self._points_condition(c)))
        finders.append((ConditionKind.AHEAD_OF, lambda: self._ahead_condition(c)))
        out: list[ClinchCondition] = []
        unsettled = self._unsettled.setdefault(c.id, [])
        with self.engine.capped(CONDITION_WORK):
            for kind, find in finders:
                try:
                    found = find()
                except SolverError:
                    if kind not in unsettled:
                        unsettled.append(kind)
                    continue
                if found:
                    out.append(found)
        return tuple(out)

    def _check(
        self, c: Contestant, kind: ConditionKind, value: int | Fraction | str
    ) -> tuple[bool, Completion | None]:
        return self.sufficient(c.id, Constraint((Condition(c.id, kind, value),)))

    def _start_condition(self, c: Contestant, n: int) -> ClinchCondition | None:
        ok, _ = self._check(c, ConditionKind.START, n)
        if not ok:
            return None
        lo, hi = 1, n  # smallest k sufficient lies in [1, n] (0 would mean clinched already)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._check(c, ConditionKind.START, mid)[0]:
                hi = mid
            else:
                lo = mid + 1
        _, counter = self._check(c, ConditionKind.START, lo - 1) if lo > 1 else (False, None)
        if lo == 1 and counter is None:
            _, counter = self._check(c, ConditionKind.START, 0)
        return ClinchCondition(ConditionKind.START, lo, counter, lo - 1)

    def _largest_place(self, c: Contestant, kind: ConditionKind, field_size: int) -> ClinchCondition | None:
        ok, _ = self._check(c, kind, 1)
        if not ok:
            return None
        lo, hi = 1, field_size  # largest P sufficient in [1, field]
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._check(c, kind, mid)[0]:
                lo = mid
            else:
                hi = mid - 1
        counter = self._check(c, kind, lo + 1)[1] if lo < field_size else None
        return ClinchCondition(kind, lo, counter, lo + 1 if lo < field_size else None)

    def _uniform_condition(
        self, c: Contestant, sessions: Sequence[RemainingSession]
    ) -> ClinchCondition | None:
        if not sessions:
            return None
        field_size = min(s.field for s in self.problem.sessions if s.id in c.sessions)
        found = self._largest_place(c, ConditionKind.UNIFORM, field_size)
        if found and found.value == field_size and all(s.starters_score for s in self.problem.sessions):
            return None  # "last or better in every race" is the start condition in other words
        return found

    def _one_and_start_condition(
        self, c: Contestant, sessions: Sequence[RemainingSession]
    ) -> ClinchCondition | None:
        field_size = min(s.field for s in self.problem.sessions if s.id in c.sessions)
        found = self._largest_place(c, ConditionKind.ONE_AND_START, field_size)
        if found and found.value == field_size:
            return None
        return found

    def _points_condition(self, c: Contestant) -> ClinchCondition | None:
        """The magic number: the least total ``c`` can score in the remaining sessions that makes it
        champion whatever the others do (a team's total sums its cars' places)."""
        if self.shortcuts and self.scorer.extremes and not self.problem.drops:
            return self._magic_number(c)
        totals = target_totals(self.problem, c)
        if not totals or not self._check(c, ConditionKind.POINTS, totals[-1])[0]:
            return None
        return self._points_between(c, totals, 0, len(totals) - 1)

    def _points_between(
        self,
        c: Contestant,
        totals: list[Fraction],
        lo: int,
        hi: int,
        check: Callable[[Fraction], tuple[bool, Completion | None]] | None = None,
    ) -> ClinchCondition | None:
        """Binary search for the smallest sufficient index in ``[lo, hi]`` (``hi`` is sufficient)."""
        if check is None:

            def check(value: Fraction) -> tuple[bool, Completion | None]:
                return self._check(c, ConditionKind.POINTS, value)

        while lo < hi:
            mid = (lo + hi) // 2
            if check(totals[mid])[0]:
                hi = mid
            else:
                lo = mid + 1
        if lo == 0:
            return None  # any total is enough: clinched in effect (handled by status)
        weaker = totals[lo - 1]
        ok, counter = check(weaker)
        if ok:
            raise SolverError(f"{self.engine.name}: {weaker} points both enough and not for {c.id!r}")
        return ClinchCondition(ConditionKind.POINTS, totals[lo], counter, weaker)

    def _magic_number(self, c: Contestant) -> ClinchCondition | None:
        """The magic number by the dynamic programme of :mod:`podium.title.magic`: totals at which a
        rival passes are not enough, totals at which none can draw level are; only totals at which
        a rival can at best draw level (the tie-break decides) go to the solver."""
        scale = self.problem.scale
        mine = self.scorer.base[c.id]
        programmes: dict[tuple[object, ...], MagicTable] = {}
        passed = -1
        level: set[int] = set()
        danger: dict[str, int] = {}
        """Per rival, the largest total of c at which it can still end level or ahead."""
        for r in self.rivals(c.id):
            sig = signature(self.problem, r)
            table = programmes.get(sig)
            if table is None:
                table = programmes[sig] = magic_table(self.problem, c, r)
            theirs = self.scorer.base[r.id]
            for e, most in table.rival_most.items():
                gap = theirs + most - (mine + e)
                if gap >= 0:
                    danger[r.id] = max(danger.get(r.id, -1), e)
                if gap > 0:
                    passed = max(passed, e)
                elif gap == 0:
                    level.add(e)
        reach = sorted(magic_table(self.problem, c, None).rival_most)
        totals = [Fraction(e, scale) for e in reach]
        if not reach or passed == reach[-1]:
            return None  # not even the most c can score is enough
        lo = next(i for i, e in enumerate(reach) if e > passed)
        doubtful = [e for e in level if e >= reach[lo]]
        if not doubtful:
            hi = lo
        elif max(doubtful) == reach[-1]:
            if not self._check(c, ConditionKind.POINTS, totals[-1])[0]:
                return None
            hi = len(reach) - 1
        else:
            hi = next(i for i, e in enumerate(reach) if e > max(doubtful))

        def check(value: Fraction) -> tuple[bool, Completion | None]:
            # Rivals the programme shows cannot reach level at any total >= value are harmless:
            # the solver is asked only about the others.
            scaled = self.scorer.int(value)
            rivals = sorted(r for r, e in danger.items() if e >= scaled)
            if not rivals:
                return True, None
            constraint = Constraint((Condition(c.id, ConditionKind.POINTS, value),))
            counter = self._engine_challenge(c.id, constraint, rivals)
            return counter is None, counter

        return self._points_between(c, totals, lo, hi, check)

    def _ahead_condition(self, c: Contestant) -> ClinchCondition | None:
        rivals = self.rivals(c.id)
        if not rivals:
            return None
        main = rivals[0]
        ok, _ = self._check(c, ConditionKind.AHEAD_OF, main.id)
        return ClinchCondition(ConditionKind.AHEAD_OF, main.id, None) if ok else None

    # -- next session ---------------------------------------------------------------------------------
    def decision_table(self, *, teams: bool = False) -> DecisionTable | None:
        """The next session's decision table (:func:`podium.title.decision.decision_table`);
        ``teams``: also when the leader is a team (each cell a solver question: asked for)."""
        return decision_table(self, teams=teams)


def _range_note(best: tuple[int, int] | None, worst: tuple[int, int] | None) -> str:
    parts = []
    if best is not None:
        parts.append(f"best position between {best[0]} and {best[1]} (work limit)")
    if worst is not None:
        parts.append(f"worst position between {worst[0]} and {worst[1]} (work limit)")
    return "; ".join(parts)


def _restricted(problem: TitleProblem, keep: set[str]) -> TitleProblem | None:
    """The same problem with only ``keep`` as contestants (others become unnamed field cars)."""
    kept = tuple(c for c in problem.contestants if c.id in keep)
    if len(kept) < 2:
        return None
    sessions = []
    for s in problem.sessions:
        dropped = sum(len(c.cars_in(s.id)) for c in problem.contestants if c.id not in keep)
        sessions.append(
            replace(s, anonymous=min(s.field, s.anonymous + dropped), starters_score=s.starters_score)
        )
    return replace(problem, contestants=kept, sessions=tuple(sessions))


def analyse(
    problem: TitleProblem,
    *,
    engine: str = "auto",
    verify: Verifier | None = None,
    conditions: bool = True,
    decision: bool | Literal["teams"] = True,
    positions: bool = True,
    paths: bool = True,
    paths_session: str | None = None,
    given: Sequence[Fixed] = (),
) -> TitleReport:
    """The whole title picture of ``problem`` (see :class:`TitleReport`).

    Deterministic: no clock decides anything. Where a deterministic work limit cut a proof, the
    verdict says so (``best_range``/``worst_range``, ``unsettled`` condition kinds).
    """
    chosen = make_engine(problem, engine)
    return Analyst(problem, chosen, verify).report(
        conditions=conditions,
        decision=decision,
        positions=positions,
        paths=paths,
        paths_session=paths_session,
        given=given,
    )
