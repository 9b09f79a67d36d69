"""Eligibility rules: which entries belong to a classification, decided by data, not by hand.

A rule is a small boolean expression over the entry as it stands on the event date::

    driver.age >= 45
    car.model == "911 GT3 Cup (991)" and 2014 <= car.build_year <= 2016
    driver.id in ("alan-metni", "charlie-luck")

It is parsed with :mod:`ast` and interpreted over a whitelist (comparisons, ``and``/``or``/``not``,
``in``, literals, and the attributes listed in :data:`ATTRIBUTES`), so a rules file can never run code.
Evaluation explains itself: a refusal names the clause that failed and the value it saw.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from podium.errors import ConsistencyError, InputError, Problem
from podium.model.competitors import Car, Driver, Team


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """What a rule can look at: one driver of one entry on one date."""

    on: date
    driver: Driver | None
    car: Car | None
    team: Team | None
    entry_id: str


def _driver_age(f: EntryFacts) -> object:
    if f.driver is None:
        return None
    if f.driver.birth_date is None:
        return None
    return f.driver.age_on(f.on)


ATTRIBUTES: dict[str, Callable[[EntryFacts], object]] = {
    "driver.age": _driver_age,
    "driver.id": lambda f: f.driver.id if f.driver else None,
    "driver.name": lambda f: f.driver.name if f.driver else None,
    "driver.nationality": lambda f: f.driver.nationality if f.driver else None,
    "car.model": lambda f: f.car.model if f.car else None,
    "car.build_year": lambda f: f.car.build_year if f.car else None,
    "car.number": lambda f: f.car.number if f.car else None,
    "team.id": lambda f: f.team.id if f.team else None,
    "team.name": lambda f: f.team.name if f.team else None,
    "entry.id": lambda f: f.entry_id,
}
"""Every attribute a rule may name, with how it is read. Documented in docs/rules.md."""

_COMPARATORS: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_SYMBOLS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Outcome of a rule on one entry: ``ok``, or the failing clause with the value seen."""

    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _attr_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _check_node(node: ast.expr, text: str) -> None:
    """Reject anything outside the whitelist before a rule is ever evaluated."""
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check_node(v, text)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_node(node.operand, text)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARATORS:
                raise ValueError(f"operator {type(op).__name__} is not allowed")
        for operand in [node.left, *node.comparators]:
            _check_operand(operand, text)
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return
    else:
        raise ValueError(f"unexpected {ast.unparse(node)!r}; write comparisons joined by and/or/not")


def _check_operand(node: ast.expr, text: str) -> None:
    name = _attr_name(node)
    if name is not None:
        if name not in ATTRIBUTES:
            raise ValueError(f"unknown attribute {name!r} (known: {', '.join(sorted(ATTRIBUTES))})")
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        return
    if isinstance(node, ast.Tuple | ast.List):
        for elt in node.elts:
            if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str | int)):
                raise ValueError(f"lists may hold only text and numbers, got {ast.unparse(elt)!r}")
        return
    raise ValueError(f"unexpected {ast.unparse(node)!r} in a comparison")


def _value(node: ast.expr, facts: EntryFacts) -> object:
    name = _attr_name(node)
    if name is not None:
        return ATTRIBUTES[name](facts)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(_value(e, facts) for e in node.elts)
    raise AssertionError("checked at parse time")


def _describe(node: ast.expr, facts: EntryFacts) -> str:
    name = _attr_name(node)
    if name is None:
        return ""
    value = ATTRIBUTES[name](facts)
    who = ""
    if name.startswith("driver.") and facts.driver is not None:
        who = f" of {facts.driver.name}"
    elif name.startswith("car.") and facts.car is not None:
        who = f" of car #{facts.car.number}"
    return f"{name}{who} is {value!r}"


def _evaluate(node: ast.expr, facts: EntryFacts) -> Verdict:
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            for v in node.values:
                verdict = _evaluate(v, facts)
                if not verdict:
                    return verdict
            return Verdict(True)
        reasons = []
        for v in node.values:
            verdict = _evaluate(v, facts)
            if verdict:
                return verdict
            reasons.append(verdict.reason)
        return Verdict(False, " and ".join(reasons))
    if isinstance(node, ast.UnaryOp):
        inner = _evaluate(node.operand, facts)
        if inner:
            return Verdict(False, f"not ({ast.unparse(node.operand)}) is false")
        return Verdict(True)
    if isinstance(node, ast.Constant):
        return Verdict(bool(node.value), "" if node.value else "rule is False")
    assert isinstance(node, ast.Compare)
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        a, b = _value(left, facts), _value(right, facts)
        clause = f"{ast.unparse(left)} {_SYMBOLS[type(op)]} {ast.unparse(right)}"
        if a is None or b is None:
            missing = ast.unparse(left) if a is None else ast.unparse(right)
            return Verdict(False, f"{clause} cannot be checked: {missing} is unknown")
        try:
            ok = _COMPARATORS[type(op)](a, b)
        except TypeError:
            ok = False
        if not ok:
            seen = "; ".join(d for d in (_describe(left, facts), _describe(right, facts)) if d)
            return Verdict(False, f"{clause} is false ({seen})" if seen else f"{clause} is false")
        left = right
    return Verdict(True)


@dataclass(frozen=True, slots=True)
class Eligibility:
    """A parsed eligibility rule; ``repr`` shows its text, which is also how it is stored."""

    text: str
    _tree: ast.expr = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        text = self.text.strip() or "True"
        try:
            tree = ast.parse(text, mode="eval").body
            _check_node(tree, text)
        except (SyntaxError, ValueError) as exc:
            msg = exc.msg if isinstance(exc, SyntaxError) else str(exc)
            raise InputError(
                Problem(
                    f"invalid eligibility rule {self.text!r}: {msg}", field="eligibility", value=self.text
                )
            ) from None
        object.__setattr__(self, "_tree", tree)

    def __repr__(self) -> str:
        return f"Eligibility({self.text!r})"

    def __str__(self) -> str:
        return self.text

    @property
    def uses_driver(self) -> bool:
        """Whether the rule reads driver attributes (then it is checked driver by driver)."""
        return any(
            (name := _attr_name(n)) is not None and name.startswith("driver.")
            for n in ast.walk(self._tree)
            if isinstance(n, ast.expr)
        )

    def check(self, facts: EntryFacts) -> Verdict:
        """Whether ``facts`` satisfy the rule; when not, the reason names the failing clause."""
        try:
            return _evaluate(self._tree, facts)
        except ConsistencyError as exc:
            return Verdict(False, str(exc))


ANYONE = Eligibility("True")
"""The rule of an open classification."""
