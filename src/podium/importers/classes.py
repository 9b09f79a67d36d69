"""Classifications of a season, from TOML (``podium season create --classes FILE``) or the command line.

    [[classification]]
    id = "platinum-masters"
    name = "Platinum Masters"
    competitor = "driver"            # driver | team | entry
    eligibility = 'car.model == "911 GT3 Cup (991.2)" and car.build_year >= 2017 and driver.age >= 45'
    scoring = ""                     # a [classifications.<name>] block of the ruleset; "" = default

Every rule is parsed when the file is read, so a typo is reported with its line's classification
before anything is stored.
"""

from __future__ import annotations

from pathlib import Path

from podium.errors import InputError, Message, PodiumError, Problem, ProblemLog, message_of
from podium.importers.textfile import read_text
from podium.model import Classification, CompetitorKind, Eligibility
from podium.model.values import load_toml, slug

KEYS = ("id", "name", "competitor", "eligibility", "scoring")


def parse_classifications(text: str, source: str) -> tuple[Classification, ...]:
    """Classifications from TOML text.

    :raises InputError: listing every problem (unknown keys, bad rules, duplicate ids).
    """
    document = load_toml(text, source)
    log = ProblemLog(source)
    items = document.get("classification")
    extra = set(document) - {"classification"}
    for key in sorted(extra):
        log.add(Message("unknown key {key!r}; write [[classification]] tables", key=key), field=key)
    if not isinstance(items, list) or not items:
        log.add(Message("expected [[classification]] tables, one per class"), field="classification")
        log.raise_if_any()
        return ()
    out: list[Classification] = []
    for i, item in enumerate(items):
        where = f"classification[{i}]"
        if not isinstance(item, dict):
            log.add(Message("expected a table"), field=where)
            continue
        for key in sorted(set(item) - set(KEYS)):
            said = Message("unknown key {key!r} (known: {known})", key=key, known=", ".join(KEYS))
            log.add(said, field=f"{where}.{key}", value=key)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            log.add(Message("every classification needs a name"), field=f"{where}.name", value=name)
            continue
        ident = item.get("id") or slug(name)
        try:
            competitor = CompetitorKind(item.get("competitor", "driver"))
        except ValueError:
            log.add(
                Message("competitor is driver, team or entry, got {raw!r}", raw=item.get("competitor")),
                field=f"{where}.competitor",
                value=item.get("competitor"),
            )
            continue
        rule = item.get("eligibility", "True")
        try:
            eligibility = Eligibility(str(rule))
        except PodiumError as exc:
            message = exc.problems[0].message if isinstance(exc, InputError) else message_of(exc)
            log.add(
                Message("{name}: {reason}", name=name, reason=message),
                field=f"{where}.eligibility",
                value=rule,
            )
            continue
        out.append(
            Classification(str(ident), name.strip(), competitor, eligibility, str(item.get("scoring", "")))
        )
    ids = [c.id for c in out]
    for c in out:
        if ids.count(c.id) > 1:
            said = Message("classification id {id!r} is used twice", id=c.id)
            log.add(said, field="classification", value=c.id)
            break
    log.raise_if_any()
    return tuple(out)


def read_classifications(path: Path | str) -> tuple[Classification, ...]:
    text = read_text(path)
    return parse_classifications(text.text, text.source)


def parse_class_option(text: str) -> Classification:
    """``"Platinum Masters: driver.age >= 45"`` or just ``"Gold"`` (an open class) from ``--class``.

    :raises InputError: for an empty name or a rule that does not parse.
    """
    name, sep, rule = text.partition(":")
    name = name.strip()
    if not name:
        said = Message("write --class 'Name' or --class 'Name: rule'")
        raise InputError(Problem(said, field="--class", value=text))
    try:
        eligibility = Eligibility(rule.strip() if sep and rule.strip() else "True")
    except InputError as exc:
        said = Message("{name}: {reason}", name=name, reason=exc.problems[0].message)
        raise InputError(Problem(said, field="--class", value=text)) from None
    return Classification(slug(name), name, CompetitorKind.DRIVER, eligibility)
