"""Title facts in words, in English and French: statuses, certificates, clinch conditions and a
press paragraph like the one a series press officer writes before a finale.

Every sentence is built from the report's facts (nothing is hand-written per championship); the
French comes from the Babel catalogue in ``podium/locale/fr``. Ordinals follow each language
("8th", "8e", "1er"), plurals follow the language's rule (French: "1,5 point", English
"1.5 points"), and points are exact: "4.5" in English, "4,5" in French (a decimal only where the
decimal is exact; "6⅐" otherwise), never a float.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from babel.lists import format_list
from babel.numbers import format_percent

from podium.present.decision import (
    Clause,
    Need,
    PathClause,
    RivalNeed,
    clauses,
    lowest_own_place,
    lowest_place,
    path_clauses,
)
from podium.present.i18n import data_name, translations
from podium.present.numbers import points as fmt_points
from podium.title import ClinchCondition, ConditionKind, RemainingSession, Status, TitleReport, Verdict
from podium.title.constraints import Bonus
from podium.title.margins import RivalMargin, WeekendMargins
from podium.title.order import standing_order, tie_break
from podium.title.paths import ContenderPath, WeekendChance
from podium.title.problem import Contestant, TitleProblem
from podium.title.report import (
    Certificate,
    DecisionTable,
    ExcludedCertificate,
    PairCertificate,
    PointsCertificate,
    RivalCertificate,
    TieCertificate,
)

FIELD_NOTE = re.compile(r".+: \d+ starters( \(\d+ unnamed\))?$")
"""A scenario's field-size note ("Race 15 (Sebring): 13 starters"): said above from the sessions
themselves, and once the session has run (a replayed "after race 1") it assumes nothing more."""


def _(message: str) -> str:
    """Mark a message for extraction; :class:`Text` translates it."""
    return message


@dataclass(frozen=True, slots=True)
class Text:
    """Words for one language: ``Text("fr").condition(...)``."""

    lang: str = "en"

    # -- primitives -----------------------------------------------------------------------------------
    def t(self, message: str, **values: object) -> str:
        return translations(self.lang).gettext(message).format(**values)

    def tn(self, singular: str, plural: str, count: int, **values: object) -> str:
        return translations(self.lang).ngettext(singular, plural, count).format(**values)

    def ordinal(self, n: int, *, feminine: bool = False, plural: bool = False) -> str:
        """8 → "8th" / "8e"; 1 → "1st" / "1er" (French "1re" before a feminine noun: "1re place";
        plural before a plural noun: "2es places")."""
        if self.lang == "fr":
            s = "s" if plural else ""
            if n == 1:
                return ("1re" if feminine else "1er") + s
            return f"{n}e{s}"
        suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    def _plural_count(self, value: Fraction) -> int:
        if self.lang == "fr":
            return int(value)  # French: singular below 2 ("1,5 point")
        return 1 if value == 1 else 2

    def number(self, value: Fraction | int) -> str:
        """Points without the word: "4.5" in English, "4,5" in French (a decimal where the decimal
        is exact, "6⅐" otherwise)."""
        return fmt_points(value, self.lang)

    def points(self, value: Fraction | int) -> str:
        """9/2 → "4.5 points" / "4,5 points"; 1 → "1 point"."""
        value = Fraction(value)
        return self.tn("{n} point", "{n} points", self._plural_count(value), n=self.number(value))

    def name(self, text: str) -> str:
        """A class, session or championship name from the data, in this language ("Platine",
        "Course 15 (Sebring, ven. 13 nov. 2020, 08:00)"); other names as they are."""
        return data_name(text, self.lang)

    def list_of(self, items: list[str]) -> str:
        """ "A, B and C" / "A, B et C": a list in the language's own way (Babel)."""
        return format_list(items, locale=self.lang)

    def percent(self, share: Fraction) -> str:
        """1/2 → "50%" / "50 %" (Babel, the language's own way; exact shares only: 1/3 → "33.3%")."""
        return format_percent(
            Decimal(share.numerator) / Decimal(share.denominator), format="#,##0.#%", locale=self.lang
        )

    def races(self, n: int) -> str:
        return self.tn("{n} race", "{n} races", n, n=n)

    # -- statuses -------------------------------------------------------------------------------------
    def status(self, verdict: Verdict) -> str:
        name = verdict.contestant.name
        if verdict.status == Status.CLINCHED:
            return self.t(_("{name} has clinched the title."), name=name)
        if verdict.status == Status.ALIVE:
            return self.t(_("{name} can still win the title."), name=name)
        if verdict.status == Status.ELIMINATED:
            return self.t(_("{name} can no longer win the title."), name=name)
        return self.t(_("{name}: no answer within the time limit."), name=name)

    def status_word(self, status: Status) -> str:
        words: dict[str, str] = {
            Status.CLINCHED.value: _("clinched"),
            Status.ALIVE.value: _("alive"),
            Status.ELIMINATED.value: _("out"),
        }
        return self.t(words.get(str(status), _("undecided")))

    # -- certificates ---------------------------------------------------------------------------------
    def certificate(self, cert: Certificate) -> str:
        if isinstance(cert, ExcludedCertificate):
            return self.t(_("{who} is excluded from this classification."), who=cert.who)
        if isinstance(cert, PointsCertificate):
            return self.t(
                _(
                    "Even with every point still available ({gain}), {who} would reach {max}{drops}, "
                    "{gap} short of the {rival_now} {rival} already has."
                ),
                who=cert.who,
                gain=self.points(cert.gain),
                max=self.number(cert.ceiling),
                drops=self._drops(cert.drops),
                gap=self.points(cert.gap),
                rival=cert.rival,
                rival_now=self.number(cert.rival_now),
            )
        if isinstance(cert, TieCertificate):
            return self.t(
                _("At best {who} would draw level with {rival} on {max} and lose the tie-break."),
                who=cert.who,
                rival=cert.rival,
                max=self.points(cert.ceiling),
            )
        if isinstance(cert, RivalCertificate):
            return self.t(
                _(
                    "{who} cannot finish ahead of {rival} whatever happens: {max} at most{drops} "
                    "against {rival_now} already."
                ),
                who=cert.who,
                rival=cert.rival,
                max=self.points(cert.ceiling),
                drops=self._drops(cert.drops),
                rival_now=self.points(cert.rival_now),
            )
        if isinstance(cert, PairCertificate):
            return self.t(
                _("{who} could pass {a} or {b}, but never both with the same results."),
                who=cert.who,
                a=cert.a,
                b=cert.b,
            )
        return self.t(_("No ending of the season makes {who} champion."), who=cert.who)

    def _drops(self, drops: bool) -> str:
        return self.t(_(" (counting only the results that count)")) if drops else ""

    # -- clinch conditions ----------------------------------------------------------------------------
    def condition(
        self, problem: TitleProblem, verdict: Verdict, condition: ClinchCondition, *, name: str | None = None
    ) -> str:
        """One clinch condition as a sentence, with why it cannot be weakened. ``name``: what to
        call the contestant (a press paragraph's second mention says "Kingsley", not the full name)."""
        name = name or verdict.contestant.name
        sessions = [s for s in problem.sessions if s.id in verdict.contestant.sessions]
        n = len(sessions)
        v = condition.value
        if condition.kind is ConditionKind.START:
            k = int(v)
            if k == n == 1:
                text = self.t(_("{name} only needs to start the last race to be champion."), name=name)
            elif k == n == 2:
                text = self.t(_("{name} only needs to start both races to be champion."), name=name)
            elif k == n:
                text = self.t(
                    _("{name} only needs to start all {n} remaining races to be champion."), name=name, n=n
                )
            else:
                text = self.tn(
                    "{name} only needs to start {k} of the {n} remaining races to be champion.",
                    "{name} only needs to start {k} of the {n} remaining races to be champion.",
                    k,
                    name=name,
                    k=k,
                    n=n,
                )
        elif condition.kind is ConditionKind.UNIFORM and int(v) == 1:
            if n == 1:
                message = _("{name} is champion by winning the last race.")
            elif n == 2:
                message = _("{name} is champion by winning both races.")
            else:
                message = _("{name} is champion by winning every remaining race.")
            text = self.t(message, name=name)
        elif condition.kind is ConditionKind.ONE_AND_START and int(v) == 1:
            if n == 2:
                message = _("{name} is also champion by winning one race while starting the other.")
            else:
                message = _("{name} is also champion by winning one race while starting all the others.")
            text = self.t(message, name=name)
        elif condition.kind is ConditionKind.UNIFORM:
            place = self.ordinal(int(v))
            if n == 1:
                text = self.t(
                    _("{name} is champion by finishing {place} or better in the last race."),
                    name=name,
                    place=place,
                )
            elif n == 2:
                text = self.t(
                    _("{name} is champion by finishing {place} or better in both races."),
                    name=name,
                    place=place,
                )
            else:
                text = self.t(
                    _("{name} is champion by finishing {place} or better in every remaining race."),
                    name=name,
                    place=place,
                )
        elif condition.kind is ConditionKind.ONE_AND_START:
            place = self.ordinal(int(v), feminine=True)
            if n == 2:
                text = self.t(
                    _(
                        "{name} is also champion with a {place} place or better in one race "
                        "while starting the other."
                    ),
                    name=name,
                    place=place,
                )
            else:
                text = self.t(
                    _(
                        "{name} is also champion with a {place} place or better in one race "
                        "while starting all the others."
                    ),
                    name=name,
                    place=place,
                )
        elif condition.kind is ConditionKind.POINTS:
            # Say what the magic number counts: the contestant's own points from now on, whatever
            # the others score.
            if n == 1:
                message = _(
                    "{name} is champion by scoring at least {points} in the last race, "
                    "whatever the others score (the magic number)."
                )
            elif n == 2:
                message = _(
                    "{name} is champion by scoring at least {points} over the last two races, "
                    "whatever the others score (the magic number)."
                )
            else:
                message = _(
                    "{name} is champion by scoring at least {points} over the {n} remaining races, "
                    "whatever the others score (the magic number)."
                )
            text = self.t(message, name=name, points=self.points(_frac(v)), n=n)
        elif len(verdict.contestant.cars) > 1:  # a team: one of its cars ahead of all the rival's
            other = problem.contestant(str(v))
            if n == 1:
                message = _("{name} is champion with one car ahead of {rival_cars} in the last race.")
            elif n == 2:
                message = _("{name} is champion with one car ahead of {rival_cars} in both races.")
            else:
                message = _("{name} is champion with one car ahead of {rival_cars} in every remaining race.")
            cars = (
                self.t(_("both {rival} cars"), rival=other.name)
                if len(other.cars) == 2
                else self.t(_("every {rival} car"), rival=other.name)
                if len(other.cars) > 2
                else other.name
            )
            text = self.t(message, name=name, rival_cars=cars)
        else:
            rival = problem.contestant(str(v)).name
            if n == 1:
                message = _("{name} is champion by finishing ahead of {rival} in the last race.")
            elif n == 2:
                message = _("{name} is champion by finishing ahead of {rival} in both races.")
            else:
                message = _("{name} is champion by finishing ahead of {rival} in every remaining race.")
            text = self.t(message, name=name, rival=rival)
        return text + self._why_not_weaker(problem, verdict, condition)

    def _why_not_weaker(self, problem: TitleProblem, verdict: Verdict, condition: ClinchCondition) -> str:
        if condition.weaker is None or condition.kind is ConditionKind.AHEAD_OF:
            return ""
        w = condition.weaker
        if condition.kind is ConditionKind.START:
            k = int(w)
            if k == 0:
                return " " + self.t(_("(Not starting at all would not be enough.)"))
            return " " + self.tn(
                "(Starting {k} race would not be enough.)",
                "(Starting {k} races would not be enough.)",
                k,
                k=k,
            )
        if condition.kind is ConditionKind.POINTS:
            # ``weaker`` is the next total that can be scored below the magic number: said as the
            # most "less" can mean, so "35" is never read as the only shortfall when 43 is the gap.
            value = _frac(w)
            if value == 0:
                return " " + self.t(_("(Less can only mean scoring nothing, which would not be enough.)"))
            if _frac(condition.value) - value == 1:
                return " " + self.tn(
                    "({points} would not be enough.)",
                    "({points} would not be enough.)",
                    self._plural_count(value),
                    points=self.points(value),
                )
            return " " + self.t(
                _("(Less can only mean {points} or fewer, which would not be enough.)"),
                points=self.points(value),
            )
        feminine = condition.kind is ConditionKind.ONE_AND_START
        return " " + self.t(
            _("({place} would not be enough.)"), place=self.ordinal(int(w), feminine=feminine)
        )

    # -- decision table -------------------------------------------------------------------------------
    def decision(self, problem: TitleProblem, table: DecisionTable) -> str:
        """The next session's results that settle the title at once, in one sentence.

        Every clause of :func:`podium.present.decision.clauses` is said, in order, with nothing cut:
        "Max Verstappen is champion after Race 22 with: 5th or better whatever Lewis Hamilton does;
        6th–7th with Hamilton 2nd or lower; not classified with Hamilton 10th or lower."
        """
        leader = problem.contestant(table.leader)
        rival = problem.contestant(table.rival)
        session = next(s for s in problem.sessions if s.id == table.session)
        found = clauses(problem, table)
        if not found:
            return self.t(
                _("No result of {session} settles the title on its own."), session=self.name(session.name)
            )
        first = found[0]
        top = lowest_place(problem, table)
        if table.best_car:  # teams: each place is the team's best car's, its other cars behind
            best = self.t(_("{rival}'s best car"), rival=rival.name)
            parts = [self._clause(clause, session, best, top) for clause in found]
            return self.t(
                _("{leader} is champion after {session} with its best car: {options}."),
                leader=leader.name,
                session=self.name(session.name),
                options=self.t(_("; ")).join(parts),
            )
        if (
            len(found) == 1
            and first.need is Need.ANYTHING
            and first.leader[0] == 1
            and None not in first.leader
        ):
            last = _last(first.leader)
            if last == 1 or last >= top:
                if last == 1:
                    message = _("{leader} is champion after {session} by winning it, whatever {rival} does.")
                elif session.starters_score:
                    message = _("{leader} is champion after {session} by starting it, whatever {rival} does.")
                else:
                    message = _(
                        "{leader} is champion after {session} by being classified, whatever {rival} does."
                    )
                return self.t(message, leader=leader.name, session=self.name(session.name), rival=rival.name)
            return self.t(
                _(
                    "{leader} is champion after {session} by finishing {place} or better, "
                    "whatever {rival} does."
                ),
                leader=leader.name,
                session=self.name(session.name),
                place=self.ordinal(_last(first.leader)),
                rival=rival.name,
            )
        short = short_names(problem, (leader, rival))
        parts = [
            self._clause(clause, session, rival.name if i == 0 else short[rival.id], top)
            for i, clause in enumerate(found)
        ]
        return self.t(
            _("{leader} is champion after {session} with: {options}."),
            leader=leader.name,
            session=self.name(session.name),
            options=self.t(_("; ")).join(parts),
        )

    def _clause(self, clause: Clause, session: RemainingSession, rival: str, top: int) -> str:
        """One clause: the leader's places, then the rival's ("6th–7th with Massa 2nd or lower")."""
        starters = session.starters_score
        if clause.need is Need.ANYTHING:
            rest = self.t(_("whatever {rival} does"), rival=rival)
        elif clause.need is Need.BEHIND:
            rest = self.t(_("ahead of {rival}"), rival=rival)
        elif clause.need is Need.OR_LOWER:
            rest = self.t(
                _("with {rival} {rplace} or lower"), rival=rival, rplace=self.ordinal(clause.rival_from or 1)
            )
        elif clause.need is Need.OUT and clause.leader[0] is None:
            either = (
                _("if {rival} does not start either")
                if starters
                else _("if {rival} is not classified either")
            )
            rest = self.t(either, rival=rival)
        elif clause.need is Need.OUT:
            rest = self.t(
                _("with {rival} not starting") if starters else _("with {rival} not classified"), rival=rival
            )
        else:
            rest = self.t(
                _("with {rival} {rplaces}"), rival=rival, rplaces=self._rival_places(clause.listed, session)
            )
        places = self._leader_places(clause.leader, session, top)
        if clause.leader[0] is None:
            return self.t(_("{places}, {rest}"), places=places, rest=rest)
        return self.t(_("{places} {rest}"), places=places, rest=rest)

    def _leader_places(self, rows: tuple[int | None, ...], session: RemainingSession, top: int) -> str:
        """Consecutive leader places: "a win", "5th or better", "6th–7th", "8th", "12th or lower",
        "any place" (``top`` is the lowest place the leader can take), "without starting"."""
        first = rows[0]
        ranked = [p for p in rows if p is not None]
        if first is None or not ranked:
            if session.starters_score:
                return self.t(_("without starting"))
            return self.t(_("without being classified"))
        last = ranked[-1]
        if None in rows:
            if first == 1:
                return self.t(_("any result"))
            return self.t(_("{place} or lower"), place=self.ordinal(first))
        if first == 1 and last >= top > 1:
            return self.t(_("any place"))
        if first == last == 1:
            return self.t(_("a win"))
        if first == 1:
            return self.t(_("{place} or better"), place=self.ordinal(last))
        if first == last:
            return self.ordinal(first)
        return self.t(_("{first}–{last}"), first=self.ordinal(first), last=self.ordinal(last))

    def _rival_places(self, places: tuple[int | None, ...], session: RemainingSession) -> str:
        """A set of the rival's places as runs: "2nd, 4th–6th or not starting"."""
        runs: list[list[int]] = []
        for p in sorted(p for p in places if p is not None):
            if runs and p == runs[-1][-1] + 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        words = [
            self.ordinal(r[0])
            if len(r) == 1
            else self.t(_("{first}–{last}"), first=self.ordinal(r[0]), last=self.ordinal(r[-1]))
            for r in runs
        ]
        if None in places:
            words.append(self.t(_("not starting")) if session.starters_score else self.t(_("not classified")))
        if len(words) == 1:
            return words[0]
        return self.t(_("{items} or {last}"), items=", ".join(words[:-1]), last=words[-1])

    # -- every contender's path -------------------------------------------------------------------------
    def path(self, problem: TitleProblem, path: ContenderPath) -> str:
        """One contender's places in a session that settle the title, against every rival at once.

        "Kimi Räikkönen is champion after Race 17 with: a win with Hamilton 6th or lower and Alonso
        3rd or lower; 2nd with Hamilton 8th or lower and Alonso 4th or lower." Every clause of
        :func:`podium.present.decision.path_clauses` is said, nothing is cut."""
        me = problem.contestant(path.contender)
        session = next(s for s in problem.sessions if s.id == path.session)
        rivals = {x.rival for row in path.rows for x in row.limits}
        short = short_names(problem, tuple(problem.contestant(r) for r in sorted(rivals)))
        if_given = self._given(problem, path)
        if not path.rows:
            text = self.t(
                _("No result of {session} makes {name} champion on its own."),
                session=self.name(session.name),
                name=me.name,
            )
        elif path.certain:
            text = self.t(
                _("{name} is champion whatever happens in {session}."),
                name=me.name,
                session=self.name(session.name),
            )
        else:
            found = path_clauses(problem, path)
            top = lowest_own_place(problem, path)
            first = found[0]
            if (
                len(found) == 1
                and not first.needs
                and not first.bonuses
                and first.own[0] == 1
                and None not in first.own
            ):
                text = self.t(
                    _(
                        "{name} is champion after {session} by finishing {place} or better, "
                        "whatever the others do."
                    )
                    if _last(first.own) > 1
                    else _("{name} is champion after {session} by winning it, whatever the others do."),
                    name=me.name,
                    session=self.name(session.name),
                    place=self.ordinal(_last(first.own)),
                )
            else:
                parts = [self._path_clause(clause, session, short, top) for clause in found]
                text = self.t(
                    _("{leader} is champion after {session} with: {options}."),
                    leader=me.name,
                    session=self.name(session.name),
                    options=self.t(_("; ")).join(parts),
                )
        return if_given + text

    def weekend(self, problem: TitleProblem, chance: WeekendChance) -> str:
        """Whether a contender can be champion this weekend (:func:`podium.title.paths.best_weekend`):
        "Max Verstappen can be champion this weekend, for example by winning Sprint 17 and Race 17
        with no points for Sergio Pérez."; then, where it says more, the path in the last session
        after the best earlier sessions."""
        me = problem.contestant(chance.contender)
        weekend = [s for s in problem.sessions if s.id in chance.sessions]
        sessions = self.join_and([s.name for s in weekend])
        bonus = any(s.best_bonus for s in weekend)
        if chance.witness is None:
            return self.t(
                _(
                    "{name} cannot be champion this weekend, even by winning {sessions} "
                    "with no points for any rival."
                ),
                name=me.name,
                sessions=sessions,
            )
        owners = {car: c for c in problem.contestants for car in c.cars}
        out = [owners[car].name for o in chance.witness for car in o.unranked if car in owners]
        rivals = [
            n for n in dict.fromkeys(out) if n in {r.name for r in problem.contestants if r.id != me.id}
        ]
        said = self.t(
            _("{name} can be champion this weekend, for example by winning {sessions} with every bonus point")
            if bonus
            else _("{name} can be champion this weekend, for example by winning {sessions}"),
            name=me.name,
            sessions=sessions,
        )
        if rivals:
            said += self.t(
                _(" and no points for {rivals}"),
                rivals=self.join_and(rivals[:3]) if len(rivals) <= 3 else self.t(_("any rival")),
            )
        said += "."
        path = chance.path
        if path is not None and path.rows and path.given:
            bare = ContenderPath(path.contender, path.session, (), path.rows)
            said += " " + self.t(_("After such a start: {then}"), then=self.path(problem, bare))
        return said

    def margins(self, problem: TitleProblem, margins: WeekendMargins) -> list[str]:
        """Points margins over the weekend (:mod:`podium.title.margins`), as the press writes them:
        "Max Verstappen is champion this weekend by outscoring Leclerc by at least 8 points and
        Pérez by at least 6 points, without conceding more than 26 points to Russell."; "To stay in
        the fight after this weekend, Charles Leclerc must concede no more than 7 points to
        Verstappen." Each threshold already counts the tie-break (a level finish it would lose)."""
        me = problem.contestant(margins.contender)
        short = short_names(
            problem, tuple(problem.contestant(m.rival) for m in (*margins.clinch, *margins.alive))
        )
        said = []
        if margins.clinch and margins.achievable is not False:
            ahead, level, conceded = self._margin_groups(margins.clinch, short)
            ways = []
            if ahead:
                ways.append(self.t(_("outscoring {rivals}"), rivals=self.join_and(ahead)))
            if level:
                ways.append(
                    self.t(_("scoring at least as many points as {rivals}"), rivals=self.join_and(level))
                )
            sentence = (
                self.t(_("{name} is champion this weekend by {ways}"), name=me.name, ways=self.join_and(ways))
                if ways
                else self.t(_("{name} is champion this weekend"), name=me.name)
            )
            if conceded:
                joiner = (
                    _("{sentence}, without conceding more than {conceded}")
                    if ways
                    else _("{sentence} without conceding more than {conceded}")
                )
                sentence = self.t(joiner, sentence=sentence, conceded=self.join_or(conceded))
            said.append(sentence + ".")
        if margins.alive:
            gains, level, losses = self._margin_groups(margins.alive, short)
            musts = []
            if gains:
                musts.append(self.t(_("outscore {rivals}"), rivals=self.join_and(gains)))
            if level:
                musts.append(
                    self.t(_("score at least as many points as {rivals}"), rivals=self.join_and(level))
                )
            if losses:
                musts.append(self.t(_("concede no more than {conceded}"), conceded=self.join_and(losses)))
            said.append(
                self.t(
                    _("To stay in the fight after this weekend, {name} must {musts}."),
                    name=me.name,
                    musts=self.join_and(musts),
                )
            )
        return said

    def _margin_groups(
        self, found: tuple[RivalMargin, ...], short: dict[str, str]
    ) -> tuple[list[str], list[str], list[str]]:
        """The rivals to outscore ("Leclerc by at least 8 points"), to match on points, and to
        concede at most some points to ("26 points to Russell")."""
        ahead = [
            self.t(_("{rival} by at least {points}"), rival=short[m.rival], points=self.points(m.at_least))
            for m in found
            if m.at_least > 0
        ]
        level = [short[m.rival] for m in found if m.at_least == 0]
        conceded = [
            self.t(_("{points} to {rival}"), points=self.points(-m.at_least), rival=short[m.rival])
            for m in found
            if m.at_least < 0
        ]
        return ahead, level, conceded

    def path_needs(self, problem: TitleProblem, path: ContenderPath) -> str:
        """The path in the few words a graphic has room for: "Max Verstappen needs: a win, whatever
        the others do; 2nd–11th with Hamilton behind; …" (the places that settle the title here)."""
        me = problem.contestant(path.contender)
        options = self.path_options(problem, path)
        if options is None:
            session = next(s for s in problem.sessions if s.id == path.session)
            return self.t(
                _("No result of {session} makes {name} champion on its own."),
                session=session.name,
                name=me.name,
            )
        return self.t(_("{name} needs: {options}."), name=me.name, options=options)

    def path_options(self, problem: TitleProblem, path: ContenderPath) -> str | None:
        """Only the clauses of a path, for a line that already names the contender ("a win,
        whatever the others do; 2nd–11th with Hamilton behind"); None when no place settles it."""
        if not path.rows:
            return None
        session = next(s for s in problem.sessions if s.id == path.session)
        rivals = {x.rival for row in path.rows for x in row.limits}
        short = short_names(problem, tuple(problem.contestant(r) for r in sorted(rivals)))
        top = lowest_own_place(problem, path)
        parts = [self._path_clause(clause, session, short, top) for clause in path_clauses(problem, path)]
        return self.t(_("; ")).join(parts)

    def path_grid(self, problem: TitleProblem, path: ContenderPath) -> list[tuple[str, dict[str, str]]]:
        """The path as a grid a broadcaster reads at a glance: per clause, the contender's places
        and, per rival with a need, what that rival must do ("6th or lower", "behind")."""
        session = next(s for s in problem.sessions if s.id == path.session)
        top = lowest_own_place(problem, path)
        rows = []
        for clause in path_clauses(problem, path):
            own = self._own_places(clause, session, top)
            rows.append((own, {n.rival: self._rival_need(n, session, "").strip() for n in clause.needs}))
        return rows

    def _path_clause(
        self, clause: PathClause, session: RemainingSession, short: dict[str, str], top: int
    ) -> str:
        own = self._own_places(clause, session, top)
        if not clause.needs:
            return self.t(_("{places}, whatever the others do"), places=own)
        needs = self.join_and([self._rival_need(need, session, short[need.rival]) for need in clause.needs])
        if clause.or_bonuses:  # "with the pole position or the most laps led, and Palou 4th or lower"
            return self.t(_("{places}, and {needs}"), places=own, needs=needs)
        if clause.bonuses:
            return self.t(_("{places} and {needs}"), places=own, needs=needs)
        return self.t(_("{places} with {needs}"), places=own, needs=needs)

    def _own_places(self, clause: PathClause, session: RemainingSession, top: int) -> str:
        """The contender's part of a clause: its places, and the bonuses it takes ("a win with the
        fastest lap")."""
        own = self._leader_places(clause.own, session, top)
        if not clause.bonuses:
            return own
        if clause.or_bonuses:
            said = self.join_or([self.bonus(b) for b in (*clause.bonuses, *clause.or_bonuses)])
        else:
            said = self.join_and([self.bonus(b) for b in clause.bonuses])
        return self.t(_("{places} with {bonuses}"), places=own, bonuses=said)

    def bonus(self, bonus: Bonus) -> str:
        """A bonus as the object of "with": "the fastest lap", "the pole position"."""
        words = {
            "fastest_lap": _("the fastest lap"),
            "pole": _("the pole position"),
            "most_laps_led": _("the most laps led"),
            "led_a_lap": _("a lap led"),
        }
        return self.t(words[bonus])

    def _rival_need(self, need: RivalNeed, session: RemainingSession, rival: str) -> str:
        if need.need is Need.BEHIND:
            return self.t(_("{rival} behind"), rival=rival)
        if need.need is Need.OR_LOWER:
            return self.t(
                _("{rival} {rplace} or lower"), rival=rival, rplace=self.ordinal(need.rival_from or 1)
            )
        if need.need is Need.OUT:
            return self.t(
                _("{rival} not starting") if session.starters_score else _("{rival} not classified"),
                rival=rival,
            )
        return self.t(_("{rival} {rplaces}"), rival=rival, rplaces=self._rival_places(need.listed, session))

    def _given(self, problem: TitleProblem, path: ContenderPath) -> str:
        """The assumed results, as an opening clause: "If Sergio Pérez wins Sprint 17, "."""
        if not path.given:
            return ""
        owners = {car: c for c in problem.contestants for car in c.cars}
        said = []
        for f in path.given:
            session = next(s for s in problem.sessions if s.id == f.session)
            who = owners[f.car].name if f.car in owners else f.car
            if f.place == 1:
                said.append(self.t(_("{who} wins {session}"), who=who, session=self.name(session.name)))
            elif f.place is None:
                said.append(
                    self.t(
                        _("{who} does not start {session}")
                        if session.starters_score
                        else _("{who} is not classified in {session}"),
                        who=who,
                        session=self.name(session.name),
                    )
                )
            else:
                said.append(
                    self.t(
                        _("{who} is {place} in {session}"),
                        who=who,
                        place=self.ordinal(f.place),
                        session=self.name(session.name),
                    )
                )
        return self.t(_("If {facts}, "), facts=self.join_and(said))

    def join_and(self, items: list[str]) -> str:
        """ "A", "A and B", "A, B and C" in the language's own way (Babel)."""
        return format_list(items, style="standard", locale=self.lang)

    def join_or(self, items: list[str]) -> str:
        """ "A", "A or B", "A, B or C" in the language's own way (Babel)."""
        return format_list(items, style="or", locale=self.lang)

    def assumptions(self, problem: TitleProblem) -> list[str]:
        """What the answer assumes, in words: field sizes, then the problem's own notes."""
        out = []
        for s in problem.sessions:
            if s.anonymous:
                out.append(
                    self.t(
                        _("{session}: {n} starters, {k} of them not in the standings"),
                        session=self.name(s.name),
                        n=s.field,
                        k=s.anonymous,
                    )
                )
            else:
                out.append(self.t(_("{session}: at most {n} starters"), session=self.name(s.name), n=s.field))
            if s.shortened is not None:
                out.append(
                    self.t(
                        _("{session} stops at {share} of its distance: reduced points, as the rules say"),
                        session=self.name(s.name),
                        share=self.percent(s.shortened),
                    )
                )
        out.extend(
            self.t(note)
            for note in problem.notes
            if not note.startswith(tuple(x.name for x in problem.sessions)) and not FIELD_NOTE.match(note)
        )
        return out

    # -- press paragraph ------------------------------------------------------------------------------
    def press(self, report: TitleReport, *, event: str = "", classification: str = "") -> str:
        """A short paragraph for the press release before the next event, from the report's facts.

        The leader is the first of the standings order (:func:`podium.title.order.standing_order`,
        tie-breaks included); level leaders are said to be level, with what puts one ahead.
        """
        problem = report.problem
        place = {c.id: i for i, c in enumerate(standing_order(problem))}
        active = sorted(
            (v for v in report.verdicts if not v.contestant.excluded), key=lambda v: place[v.contestant.id]
        )
        leader = active[0]
        alive = [v for v in active if v.status == Status.ALIVE]
        label = self.name(classification or problem.classification)
        n = len(problem.sessions)
        where = self.t(_(" at {event}"), event=event) if event else ""
        if leader.status == Status.CLINCHED:
            return self.t(
                _("{name} is already champion in {label}."), name=leader.contestant.name, label=label
            )
        rivals = [v for v in alive if v.contestant.id != leader.contestant.id]
        level = [v for v in active if v.contestant.points == leader.contestant.points]
        sentences = []
        if len(level) > 1:
            sentences.append(self._level(problem, [v.contestant for v in level], label, n, where))
        elif rivals:
            gap = leader.contestant.points - rivals[0].contestant.points
            sentences.append(
                self.t(
                    _("{leader} leads {label} by {gap} over {rival} with {races} left{where}."),
                    leader=leader.contestant.name,
                    label=label,
                    gap=self.points(gap),
                    rival=rivals[0].contestant.name,
                    races=self.races(n),
                    where=where,
                )
            )
        else:
            sentences.append(
                self.t(
                    _("{leader} leads {label} with {races} left{where}."),
                    leader=leader.contestant.name,
                    label=label,
                    races=self.races(n),
                    where=where,
                )
            )
        # After the first mention a driver is called by the family name ("Kingsley"), as a press
        # officer writes; a rival already named in the first sentence is shortened too.
        short = short_names(problem, tuple(v.contestant for v in active))
        named = {leader.contestant.id} | ({rivals[0].contestant.id} if rivals and len(level) <= 1 else set())
        named |= {v.contestant.id for v in level} if len(level) > 1 else set()

        def call(v: Verdict) -> str:
            return short[v.contestant.id] if v.contestant.id in named else v.contestant.name

        leader_short = short[leader.contestant.id]
        sentences.extend(self.condition(problem, leader, c, name=leader_short) for c in leader.conditions[:3])
        if len(rivals) == 1:
            sentences.append(
                self.t(_("Only {rival} can still beat {leader}."), rival=call(rivals[0]), leader=leader_short)
            )
        elif rivals:
            sentences.append(
                self.t(
                    _("{names} can still beat {leader}."),
                    names=self.list_of([call(v) for v in rivals]),
                    leader=leader_short,
                )
            )
        return " ".join(sentences)

    def _level(self, problem: TitleProblem, level: list[Contestant], label: str, n: int, where: str) -> str:
        """ "Max Verstappen and Lewis Hamilton are level on 369.5 points in Drivers with 1 race left;
        Verstappen leads on wins (9 to 8)." """
        first, second = level[0], level[1]
        text = self.t(
            _("{names} and {last} are level on {points} in {label} with {races} left{where}"),
            names=", ".join(c.name for c in level[:-1]),
            last=level[-1].name,
            points=self.points(first.points),
            label=label,
            races=self.races(n),
            where=where,
        )
        fact = tie_break(problem, first, second)
        if fact is None:
            return text + "."
        short = short_names(problem, (first,))[first.id]
        if fact.place == 1:
            ahead = self.t(_("{name} leads on wins ({a} to {b})"), name=short, a=fact.ahead, b=fact.behind)
        else:
            ahead = self.t(
                _("{name} leads on {place} places ({a} to {b})"),
                name=short,
                place=self.ordinal(fact.place, feminine=True, plural=True),
                a=fact.ahead,
                b=fact.behind,
            )
        return text + self.t(_("; ")) + ahead + "."


def _last(rows: tuple[int | None, ...]) -> int:
    last = rows[-1]
    assert last is not None
    return last


SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def short_names(problem: TitleProblem, contestants: tuple[Contestant, ...]) -> dict[str, str]:
    """What to call each contestant after the first mention: a driver's family name
    ("Verstappen"); the full name for a team, or when another contestant has the same family name."""

    def family(c: Contestant) -> str:
        words = c.name.split()
        if len(c.cars) > 1 or len(words) < 2 or words[-1].casefold() in SUFFIXES:
            return c.name
        if not words[-1].replace("-", "").replace("'", "").isalpha():
            return c.name
        return words[-1]

    seen: dict[str, int] = {}
    for c in problem.contestants:
        seen[family(c).casefold()] = seen.get(family(c).casefold(), 0) + 1
    return {c.id: family(c) if seen.get(family(c).casefold(), 0) <= 1 else c.name for c in contestants}


def _frac(value: object) -> Fraction:
    """A points condition's value (a Fraction or an int; text is never parsed here: numbers from
    outside are read by :func:`podium.model.values.exact_number`)."""
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return Fraction(value)
    raise TypeError(f"expected points, got {value!r}")


MESSAGE_FUNCTIONS: tuple[Callable[..., object], ...] = (Text.t, Text.tn)
"""What Babel's extractor should treat as message calls (see tests/test_present_text.py)."""
