"""No English word left on a French page: every public page of the demo rendered with ``?lang=fr``,
the data's own proper names (drivers, teams, cars, events, venues, the series) taken out, and what
is left checked against English words a page could leak ("Race", "Qualifying", "Platinum",
"Championship", "after", "leads"…), English dates ("Fri 13 Nov") and bare UTC offsets ("-0500").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from podium.present.i18n import data_name
from podium.store import Store
from test_web_admin import add_accounts, login, upload_bad_results
from webkit import DEMO_REF, demo_db_fixture, demo_db_template_fixture, make_app, proven_reader  # noqa: F401

ENGLISH = (
    "Race",
    "Qualifying",
    "Practice",
    "Platinum",
    "Gold",
    "Championship",
    "Drivers",
    "Standings",
    "Results",
    "Title",
    "Season",
    "Round",
    "after",
    "before",
    "with",
    "the",
    "and",
    "of",
    "or",
    "is",
    "leads",
    "wins",
    "out",
    "alive",
    "clinched",
    "starters",
    "more",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
    "Nov",
    "EST",
)
"""Whole words, case-sensitive: each once leaked into a French page, or would if a string skipped
the catalogue."""

OFFSET = re.compile(r"\d{2}:\d{2} [+-]\d{4}\b")


@pytest.fixture(scope="module", name="reader")
def reader_fixture(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from proven_reader(demo_db_template, tmp_path_factory.mktemp("french"))


def proper_names(reader: TestClient) -> list[str]:
    """Names the data gives that no catalogue translates (longest first, to remove them whole)."""
    store: Store = reader.app.state.site.store  # type: ignore[attr-defined]
    return season_names(store)


def season_names(store: Store) -> list[str]:
    season, _ = store.season(DEMO_REF)
    names: set[str | None] = {season.title, season.series.name}
    names |= {d.name for d in season.drivers}
    names |= {t.name for t in season.teams}
    for event in season.events:
        names |= {event.name, event.venue}
    return sorted((n for n in names if n is not None and n), key=len, reverse=True)


def public_pages(reader: TestClient) -> list[str]:
    store: Store = reader.app.state.site.store  # type: ignore[attr-defined]
    season, _ = store.season(DEMO_REF)
    base = f"/seasons/{DEMO_REF}"
    pages = ["/", base, f"{base}/events", f"{base}/title"]
    for c in season.classifications:
        pages += [f"{base}/standings/{c.id}", f"{base}/title/{c.id}", f"{base}/whatif/{c.id}"]
    pages += [f"{base}/events/{e.id}" for e in season.events]
    return pages


def words_of(page: str, names: list[str]) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = re.sub(r'<[^>]*\blang="en"[^>]*>.*?</[a-z]+>', " ", text, flags=re.S)  # the EN switch
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for name in names:
        text = text.replace(name, " ")
    return re.sub(r"\s+", " ", text)


def test_data_names_have_french_names() -> None:
    assert data_name("Platinum", "fr") == "Platine"
    assert data_name("Race 1", "fr") == "Course 1"
    assert data_name("Qualifying", "fr") == "Qualifications"
    assert data_name("Drivers' Championship", "fr") == "Championnat pilotes"
    assert data_name("R8 Sebring — Race 2", "fr") == "R8 Sebring — Course 2"
    assert (
        data_name("Race 15 (Sebring, Fri 13 Nov 2020, 08:00)", "fr")
        == "Course 15 (Sebring, ven. 13 nov. 2020, 08:00)"
    )
    assert data_name("Jeff Kingsley", "fr") == "Jeff Kingsley"
    assert data_name("Platinum", "en") == "Platinum"


def english_left(page: str, names: list[str]) -> set[str]:
    """The English words and bare UTC offsets left on a page once the data's names are out."""
    text = words_of(page, names)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH)) + r")\b")
    return {m.group(0) for m in pattern.finditer(text)} | set(OFFSET.findall(text))


def test_no_english_word_on_a_french_page(reader: TestClient) -> None:
    names = proper_names(reader)
    leaks: dict[str, set[str]] = {}
    pages = public_pages(reader)
    assert len(pages) >= 12
    for url in pages:
        response = reader.get(url, params={"lang": "fr"})
        assert response.status_code == 200, url
        assert '<html lang="fr">' in response.text, url
        found = english_left(response.text, names)
        if found:
            leaks[url] = found
    assert leaks == {}


def test_no_english_word_on_a_refused_upload_in_french(demo_db: str) -> None:
    """The admin's season desk after a refused results file (its problems, the forms, the table,
    the log) is French from end to end; the same page in English does have the words, so the check
    can see them."""
    add_accounts(demo_db)
    app = make_app(demo_db)
    try:
        with TestClient(app) as client:
            token = login(client, "steward")
            names = season_names(app.state.site.store)
            french = upload_bad_results(client, token, "fr")
            assert '<html lang="fr">' in french and "ligne 5, colonne" in french
            assert english_left(french, names) == set()
            assert {"of", "Race"} <= english_left(upload_bad_results(client, token, "en"), names)
    finally:
        app.state.site.store.close()


def test_every_template_word_has_a_french_translation() -> None:
    """Every ``_("…")``, ``ngettext("…")`` of every template is in a French catalogue, translated."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[1] / "src" / "podium"
    words: set[str] = set()
    for path in (root / "web" / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        words |= {a or b for a, b in re.findall(r"""(?:\b_|ngettext)\((?:"([^"]+)"|'([^']+)')""", text)}
    translated: set[str] = set()
    for po in (root / "locale" / "fr" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as fh:
            translated |= {
                m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh, locale="fr") if m.string
            }
    assert len(words) > 100
    assert sorted(words - translated) == []


def test_french_punctuation_has_its_no_break_space() -> None:
    """French typography: a no-break space before ':', ';', '?' and '!' in every translation."""
    from babel.messages.pofile import read_po

    wrong = []
    for po in (Path(__file__).resolve().parents[1] / "src" / "podium" / "locale" / "fr").glob("*/*.po"):
        with po.open("rb") as fh:
            catalogue = read_po(fh, locale="fr")
        for message in catalogue:
            if not message.id:
                continue
            raw = message.string
            strings: tuple[str, ...] = tuple(raw) if isinstance(raw, tuple | list) else (raw or "",)
            for text in strings:
                bare = re.sub(r"https?://\S+|\[/?bold\]|\{[^}]*\}|%\([^)]*\)[sd]|\d:\d", "", text)
                if re.search(r"[^\u00a0\u202f][:;?!]", bare):
                    wrong.append(f"{po.name}: {text}")
    assert wrong == []
