"""FIA WEC 2024, the 24 Hours of Le Mans (round 4, double points) proven on published tables: the
shipped `wec-2024` preset, started from the tables published after Imola (round 2, carried in as
round-0 adjustments of each classification), scores the 6 Hours of Spa (round 3) and Le Mans from
the published class classifications and must give the lines published after Le Mans (sources:
tests/data/wec-2024/README.md).

The sheets stop where the sources stop (Spa at 10th, Le Mans at 8th, the last place before the guest
cars, which are invisible for points); the lines that need a later place, and the Spa pole point of
the #5 Porsche (whose finishing place was not found), are named with the points they lack.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from importlib import resources

from podium.model import Event, Season
from podium.model.values import slug
from podium.rules import Ruleset, parse_ruleset_text
from published import carried_in_classes_text, crews, points_of, rows
from wec import DATA, HYPERCAR, race, wec_season

SPA = race(3, "spa", "6 Hours of Spa-Francorchamps", date(2024, 5, 11), "Europe/Brussels")
LE_MANS = race(4, "le-mans", "24 Hours of Le Mans", date(2024, 6, 16), "Europe/Paris")
SAO_PAULO = race(5, "sao-paulo", "6 Hours of São Paulo", date(2024, 7, 14), "America/Sao_Paulo")
SHEETS = {
    "spa": "r3-spa-hypercar.csv",
    "le-mans": "r4-le-mans-hypercar.csv",
    "sao-paulo": "r5-sao-paulo-hypercar.csv",
}
LE_MANS_RULE = """[[scoring.events]]
round = 4
multiplier = 2
"""


def _season(events: tuple[Event, ...]) -> Season:
    """The drivers' and manufacturers' tables of the Hypercar class over ``events``."""
    return wec_season("hypercar-entries-r3-r5.csv", HYPERCAR[:2], events, SHEETS)


def _after_imola() -> dict[str, dict[str, Fraction]]:
    """The tables published after Imola (autosport web, 22 April): every driver of the ten crew
    lines and the nine manufacturers, keyed by the scoring each classification reads (the
    manufacturers' table is scored by the preset's `manufacturers` variant)."""
    drivers = {d: p for crew, p in crews(DATA / "standings-after-r2-hypercar-drivers.csv") if p for d in crew}
    makers = {
        slug(r["manufacturer"]): Fraction(r["points"])
        for r in rows(DATA / "standings-after-r2-hypercar-manufacturers.csv")
    }
    return {"hypercar-drivers": drivers, "manufacturers": makers}


def _rules(text_edit: tuple[str, str] | None = None) -> Ruleset:
    text = carried_in_classes_text("wec-2024", _after_imola(), "published after Imola (round 2)")
    if text_edit is not None:
        assert text_edit[0] in text
        text = text.replace(*text_edit)
    return parse_ruleset_text(text, source="wec-2024 + the tables after Imola", default_id="wec-2024")


def _published_drivers() -> dict[str, Fraction]:
    return {d: p for crew, p in crews(DATA / "standings-after-r4-hypercar-drivers.csv") if p for d in crew}


def test_spa_and_le_mans_give_the_drivers_lines_published_after_le_mans() -> None:
    """#6 99, #50 90, Kobayashi and de Vries 82, Ilott and Stevens 60, #51 48: Le Mans pays the 6-hour
    table times two (50 for the #50, 36 for the #7, 30 for the #51, 24 for the #6, 8 for the #12 in
    8th) and its pole point unscaled (#6: 56 + 18 at Spa + 24 + 1)."""
    drivers = points_of(_season((SPA, LE_MANS)), _rules(), "hypercar-drivers")
    published = _published_drivers()
    assert {d: drivers[d] for d in published} == published
    assert len(published) == 13
    assert drivers["kevin-estre"] == 56 + 18 + 24 + 1
    # The drivers who missed a race are printed apart: Nato (Formula E in Berlin at Spa) has the #12's
    # Le Mans points only, Conway (injured at Le Mans) the #7's Spa points only; López his Le Mans 36.
    assert [drivers["norman-nato"], drivers["mike-conway"], drivers["jose-maria-lopez"]] == [
        27 + 8,
        40 + 6,
        36,
    ]


def test_le_mans_pays_doublepoints_of() -> None:
    """Without the preset's rule for round 4 every printed line with Le Mans points would be wrong."""
    single = _rules((LE_MANS_RULE, "[[scoring.events]]\nround = 4\n"))
    drivers = points_of(_season((SPA, LE_MANS)), single, "hypercar-drivers")
    published = _published_drivers()
    assert all(drivers[d] != published[d] for d in published)
    assert drivers["antonio-fuoco"] == 25 + 15 + 25


def test_spa_and_le_mans_give_the_manufacturers_published_after_le_mans() -> None:
    """Only the best works car of each manufacturer scores, ranked among works cars: Cadillac's #2,
    7th works car at Le Mans, scores 12 (6 doubled); Lamborghini's #63 8th (8) and Peugeot's #94 9th
    (4); Alpine's 8 is the #35's 6th works place at Spa. Porsche's lead (9 on Ferrari, 12 on Toyota)
    needs the #5's Spa pole point, not in the sheet."""
    makers = points_of(_season((SPA, LE_MANS)), _rules(), "hypercar-manufacturers")
    published = {
        slug(r["manufacturer"]): r for r in rows(DATA / "standings-after-r4-hypercar-manufacturers.csv")
    }
    exact = {m: Fraction(r["points"]) for m, r in published.items() if r["points"]}
    assert exact == {"alpine": 23, "cadillac": 14, "peugeot": 14, "lamborghini": 11, "isotta-fraschini": 0}
    assert {m: makers[m] for m in exact} == exact
    assert makers["ferrari"] == 31 + 18 + 50
    assert makers["toyota"] == 48 + 12 + 36
    pole_point_at_spa = 1
    assert {m: makers["porsche"] + pole_point_at_spa - makers[m] for m in ("ferrari", "toyota")} == {
        m: Fraction(published[m]["behind_porsche"]) for m in ("ferrari", "toyota")
    }


def test_le_mans_pays_nothing_beyond_tenth() -> None:
    """fiawec.com's points page adds 1 point at Le Mans for each car classified beyond 10th. Isotta
    Fraschini's #11, 11th works car at Le Mans (13th WEC Hypercar), would then have 1 point; the
    manufacturers' table after Austin (round 6; Isotta did not race after Le Mans) prints it at zero
    (pledgetimes.com from Motorsport.com, 2 September 2024), as the preset's table gives."""
    makers = points_of(_season((SPA, LE_MANS)), _rules(), "hypercar-manufacturers")
    assert makers["isotta-fraschini"] == 0
    doubled = "[50, 36, 30, 24, 20, 16, 12, 8, 4, 2"
    beyond = _rules(
        (LE_MANS_RULE, f"[[scoring.events]]\nround = 4\npoints = {{ race = {doubled}{', 1' * 20}] }}\n")
    )
    with_the_point = points_of(_season((SPA, LE_MANS)), beyond, "hypercar-manufacturers")
    assert with_the_point["isotta-fraschini"] == 1
    # Every other published line is the same under both readings (their points are inside the ten).
    assert {m: with_the_point[m] for m in ("alpine", "cadillac", "peugeot", "lamborghini")} == {
        m: makers[m] for m in ("alpine", "cadillac", "peugeot", "lamborghini")
    }


def test_spa_gives_toyotas_gap_published_before_le_mans() -> None:
    """Toyota's release after Spa: Toyota second, 23 behind Porsche (60 and 83 with the #5's pole)."""
    makers = points_of(_season((SPA,)), _rules(), "hypercar-manufacturers")
    assert makers["toyota"] == 60
    assert makers["porsche"] + 1 - makers["toyota"] == 23


def test_the_le_mans_rule_is_the_presets() -> None:
    text = (resources.files("podium.rules") / "presets" / "wec-2024.toml").read_text(encoding="utf-8")
    assert LE_MANS_RULE in text


def test_sao_paulo_gives_the_lines_published_after_it() -> None:
    """São Paulo (6-hour table): the #8 wins (69), the #6 2nd (117), the #7 4th from pole (95);
    Porsche 126 and Toyota 122 (25 + the pole point). Two figures rest on places below the Spa sheet,
    named with exactly the points they lack: the #5's Spa pole point (its crew and Porsche 1 short)
    and BMW's 4, the 8th works car at Spa (BMW had 17 after Imola, nothing at Le Mans, where neither
    car was classified, and 4 at São Paulo with the #15, 8th works car)."""
    season = _season((SPA, LE_MANS, SAO_PAULO))
    drivers = points_of(season, _rules(), "hypercar-drivers")
    makers = points_of(season, _rules(), "hypercar-manufacturers")
    published_drivers = {
        d: p for crew, p in crews(DATA / "standings-after-r5-hypercar-drivers.csv") if p for d in crew
    }
    published_makers = {
        slug(r["manufacturer"]): Fraction(r["points"])
        for r in rows(DATA / "standings-after-r5-hypercar-manufacturers.csv")
    }
    assert len(published_drivers) == 19
    assert len(published_makers) == 9
    short = {d: p - drivers[d] for d, p in published_drivers.items() if drivers[d] != p}
    assert short == {"matt-campbell": 1, "michael-christensen": 1, "frederic-makowiecki": 1}
    assert {m: p - makers[m] for m, p in published_makers.items() if makers[m] != p} == {
        "porsche": 1,
        "bmw": 4,
    }
