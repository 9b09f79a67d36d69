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

from podium.errors import InputError, Message, PodiumError, Problem, message_of
from podium.importers.textfile import read_text
from podium.model import Classification, CompetitorKind, Eligibility
from podium.model.reading import Reader, load_toml
from podium.model.values import slug

KEYS = ("id", "name", "competitor", "eligibility", "scoring")


def parse_classifications(text: str, source: str) -> tuple[Classification, ...]:
    """Classifications from TOML text.

    :raises InputError: listing every problem (unknown keys, bad rules, duplicate ids), each with its line.
    """
    document = load_toml(text, source)
    r = Reader(source, text=text)
    for key in sorted(set(document) - {"classification"}):
        r.problem(key, Message("unknown key {key!r}; write [[classification]] tables", key=key), key)
    items = document.get("classification")
    if not isinstance(items, list) or not items:
        r.problem("classification", Message("expected [[classification]] tables, one per class"))
        r.log.raise_if_any()
        return ()
    out: list[Classification] = []
    for _, where, item in r.tables(items, "classification", KEYS):
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            r.problem(f"{where}.name", Message("every classification needs a name"), name)
            continue
        ident = item.get("id") or slug(name)
        try:
            competitor = CompetitorKind(item.get("competitor", "driver"))
        except ValueError:
            r.problem(
                f"{where}.competitor",
                Message("competitor is driver, team or entry, got {raw!r}", raw=item.get("competitor")),
                item.get("competitor"),
            )
            continue
        rule = item.get("eligibility", "True")
        try:
            eligibility = Eligibility(str(rule))
        except PodiumError as exc:
            message = exc.problems[0].message if isinstance(exc, InputError) else message_of(exc)
            r.problem(f"{where}.eligibility", Message("{name}: {reason}", name=name, reason=message), rule)
            continue
        out.append(
            Classification(str(ident), name.strip(), competitor, eligibility, str(item.get("scoring", "")))
        )
    ids = [c.id for c in out]
    for c in out:
        if ids.count(c.id) > 1:
            r.problem("classification", Message("classification id {id!r} is used twice", id=c.id), c.id)
            break
    r.log.raise_if_any()
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
