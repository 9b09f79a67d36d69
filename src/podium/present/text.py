"""Title facts in words, in English and French: statuses, certificates, clinch conditions and a
press paragraph like the one a series press officer writes before a finale.

Every sentence is built from the report's facts (nothing is hand-written per championship); the
French comes from the Babel catalogue in ``podium/locale/fr``. Ordinals follow each language
("8th", "8e", "1er"), plurals follow the language's rule (French: "1½ point", English
"1½ points"), and points are exact ("4½", never 4.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from podium.present.i18n import translations
from podium.present.numbers import points as fmt_points
from podium.title import ClinchCondition, ConditionKind, Status, TitleReport, Verdict
from podium.title.analysis import Certificate, DecisionTable
from podium.title.problem import TitleProblem


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

    def ordinal(self, n: int, *, feminine: bool = False) -> str:
        """8 → "8th" / "8e"; 1 → "1st" / "1er" (French "1re" before a feminine noun: "1re place")."""
        if self.lang == "fr":
            if n == 1:
                return "1re" if feminine else "1er"
            return f"{n}e"
        suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    def _plural_count(self, value: Fraction) -> int:
        if self.lang == "fr":
            return int(value)  # French: singular below 2 ("1½ point")
        return 1 if value == 1 else 2

    def points(self, value: Fraction | int) -> str:
        """4½ → "4½ points"; 1 → "1 point"."""
        value = Fraction(value)
        return self.tn("{n} point", "{n} points", self._plural_count(value), n=fmt_points(value))

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

    def status_word(self, status: Status | str) -> str:
        words: dict[str, str] = {
            Status.CLINCHED.value: _("clinched"),
            Status.ALIVE.value: _("alive"),
            Status.ELIMINATED.value: _("out"),
        }
        return self.t(words.get(str(status), _("undecided")))

    # -- certificates ---------------------------------------------------------------------------------
    def certificate(self, cert: Certificate) -> str:
        f = cert.facts
        drops = self.t(_(" (counting only the results that count)")) if f.get("drops") else ""
        if cert.kind == "excluded":
            return self.t(_("{who} is excluded from this classification."), who=f["who"])
        if cert.kind == "points":
            return self.t(
                _(
                    "Even with every point still available ({gain}), {who} would reach {max}{drops}, "
                    "{gap} short of the {rival_now} {rival} already has."
                ),
                who=f["who"],
                gain=self.points(_frac(f["gain"])),
                max=fmt_points(_frac(f["max"])),
                drops=drops,
                gap=self.points(_frac(f["gap"])),
                rival=f["rival"],
                rival_now=fmt_points(_frac(f["rival_now"])),
            )
        if cert.kind == "tie":
            return self.t(
                _("At best {who} would draw level with {rival} on {max} and lose the tie-break."),
                who=f["who"],
                rival=f["rival"],
                max=self.points(_frac(f["max"])),
            )
        if cert.kind == "rival":
            return self.t(
                _(
                    "{who} cannot finish ahead of {rival} whatever happens: {max} at most{drops} "
                    "against {rival_now} already."
                ),
                who=f["who"],
                rival=f["rival"],
                max=self.points(_frac(f["max"])),
                drops=drops,
                rival_now=self.points(_frac(f["rival_now"])),
            )
        if cert.kind == "pair":
            return self.t(
                _("{who} could pass {a} or {b}, but never both with the same results."),
                who=f["who"],
                a=f["a"],
                b=f["b"],
            )
        return self.t(_("No ending of the season makes {who} champion."), who=f["who"])

    # -- clinch conditions ----------------------------------------------------------------------------
    def condition(self, problem: TitleProblem, verdict: Verdict, condition: ClinchCondition) -> str:
        """One clinch condition as a sentence, with why it cannot be weakened."""
        name = verdict.contestant.name
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
            text = self.t(
                _("{name} is champion by scoring at least {points} (the magic number)."),
                name=name,
                points=self.points(_frac(v)),
            )
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
            value = _frac(w)
            if value == 0:
                return " " + self.t(_("(Scoring nothing would not be enough.)"))
            return " " + self.tn(
                "({points} would not be enough.)",
                "({points} would not be enough.)",
                self._plural_count(value),
                points=self.points(value),
            )
        feminine = condition.kind is ConditionKind.ONE_AND_START
        return " " + self.t(
            _("({place} would not be enough.)"), place=self.ordinal(int(w), feminine=feminine)
        )

    # -- decision table -------------------------------------------------------------------------------
    def decision(self, problem: TitleProblem, table: DecisionTable) -> str:
        """The next session's results that settle the title at once, in one sentence."""
        leader = problem.contestant(table.leader).name
        rival = problem.contestant(table.rival).name
        session = next(s for s in problem.sessions if s.id == table.session)
        rival_places = set(table.places)
        wins: dict[int | None, set[int | None]] = {}
        for (lp, rp), outcome in table.cells.items():
            if outcome == "leader":
                wins.setdefault(lp, set()).add(rp)
        places = sorted(p for p in wins if p is not None)
        if not places:
            return self.t(_("No result of {session} settles the title on its own."), session=session.name)
        anything = [p for p in places if wins[p] >= rival_places - {p}]
        if anything and anything == list(range(1, len(anything) + 1)) and len(anything) == len(places):
            return self.t(
                _(
                    "{leader} is champion after {session} by finishing {place} or better, "
                    "whatever {rival} does."
                ),
                leader=leader,
                session=session.name,
                place=self.ordinal(anything[-1]),
                rival=rival,
            )
        parts = []
        for lp in places:
            settled = wins[lp]
            ranked = sorted(p for p in settled if p is not None)
            if settled >= rival_places - {lp}:
                parts.append(self.t(_("{place} whatever {rival} does"), place=self.ordinal(lp), rival=rival))
            elif not ranked and session.starters_score:
                parts.append(
                    self.t(_("{place} with {rival} not starting"), place=self.ordinal(lp), rival=rival)
                )
            elif not ranked:
                parts.append(
                    self.t(_("{place} with {rival} not classified"), place=self.ordinal(lp), rival=rival)
                )
            elif ranked[0] == lp + 1:
                parts.append(
                    self.t(_("{place} with {rival} anywhere behind"), place=self.ordinal(lp), rival=rival)
                )
            else:
                parts.append(
                    self.t(
                        _("{place} with {rival} {rplace} or lower"),
                        place=self.ordinal(lp),
                        rival=rival,
                        rplace=self.ordinal(ranked[0]),
                    )
                )
        return self.t(
            _("{leader} is champion after {session} with: {options}."),
            leader=leader,
            session=session.name,
            options=self.t(_("; ")).join(parts[:4]),
        )

    def assumptions(self, problem: TitleProblem) -> list[str]:
        """What the answer assumes, in words: field sizes, then the problem's own notes."""
        out = []
        for s in problem.sessions:
            if s.anonymous:
                out.append(
                    self.t(
                        _("{session}: {n} starters, {k} of them not in the standings"),
                        session=s.name,
                        n=s.field,
                        k=s.anonymous,
                    )
                )
            else:
                out.append(self.t(_("{session}: at most {n} starters"), session=s.name, n=s.field))
        out.extend(
            self.t(note)
            for note in problem.notes
            if not note.startswith(tuple(x.name for x in problem.sessions))
        )
        return out

    # -- press paragraph ------------------------------------------------------------------------------
    def press(self, report: TitleReport, *, event: str = "", classification: str = "") -> str:
        """A short paragraph for the press release before the next event, from the report's facts."""
        problem = report.problem
        active = [v for v in report.verdicts if not v.contestant.excluded]
        leader = active[0]
        alive = [v for v in active if v.status == Status.ALIVE]
        label = classification or problem.classification
        n = len(problem.sessions)
        where = self.t(_(" at {event}"), event=event) if event else ""
        if leader.status == Status.CLINCHED:
            return self.t(
                _("{name} is already champion in {label}."), name=leader.contestant.name, label=label
            )
        rivals = [v for v in alive if v.contestant.id != leader.contestant.id]
        sentences = []
        if rivals:
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
        sentences.extend(self.condition(problem, leader, c) for c in leader.conditions[:3])
        if len(rivals) == 1:
            sentences.append(
                self.t(
                    _("Only {rival} can still beat {leader}."),
                    rival=rivals[0].contestant.name,
                    leader=leader.contestant.name,
                )
            )
        elif rivals:
            names = ", ".join(v.contestant.name for v in rivals[:-1])
            sentences.append(
                self.t(
                    _("{names} and {last} can still beat {leader}."),
                    names=names,
                    last=rivals[-1].contestant.name,
                    leader=leader.contestant.name,
                )
            )
        return " ".join(sentences)


def _frac(value: object) -> Fraction:
    if isinstance(value, Fraction | int):
        return Fraction(value)
    return Fraction(str(value))


MESSAGE_FUNCTIONS: tuple[Callable[..., object], ...] = (Text.t, Text.tn)
"""What Babel's extractor should treat as message calls (see tests/test_present_text.py)."""
