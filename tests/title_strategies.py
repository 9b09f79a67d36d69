"""Hypothesis strategies for small random championships (scenario files), shared by title tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def _toml_value(v: Any) -> str:
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return str(v)


def scenario_text(doc: dict[str, Any]) -> str:
    """Write a scenario dict as TOML (the public scenario format)."""
    lines = [f"title = {_toml_value(doc['title'])}", "[rules]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in doc["rules"].items()]
    for c in doc["competitors"]:
        lines.append("[[competitors]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in c.items()]
    for s in doc["remaining"]:
        lines.append("[[remaining]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in s.items()]
    return "\n".join(lines) + "\n"


@st.composite
def small_championships(
    draw: st.DrawFn, max_competitors: int = 6, max_sessions: int = 3, salt: int = 0
) -> str:
    """A random small championship as scenario text: 2–6 competitors, 1–3 remaining sessions.

    ``salt`` only changes the stream of examples (to split one big run into independent strata).
    """
    draw(st.just(salt))
    n = draw(st.integers(2, max_competitors))
    sessions = draw(st.integers(1, max_sessions))
    table = sorted(draw(st.lists(st.integers(0, 12), min_size=1, max_size=4)), reverse=True)
    scoring = draw(st.sampled_from(["starters", "classified"]))
    tiebreak = draw(st.sampled_from(["countback", "shared"]))
    best = draw(st.sampled_from([0, 0, 0, 1, 2]))
    names = [f"C{i}" for i in range(n)]
    competitors = []
    for name in names:
        if best:
            results = draw(st.lists(st.sampled_from([1, 2, 3, 4, "DNF"]), min_size=best, max_size=best + 1))
            competitors.append({"name": name, "results": results})
        else:
            points = draw(st.integers(0, 30))
            countback = draw(st.lists(st.integers(0, 2), max_size=3))
            competitors.append({"name": name, "points": str(points), "countback": countback})
    remaining = []
    for i in range(sessions):
        starters = draw(st.integers(1, n + 1))
        multiplier = draw(st.sampled_from([1, 1, 2]))
        entry: dict[str, Any] = {"name": f"R{i + 1}", "starters": starters, "multiplier": multiplier}
        if draw(st.integers(0, 4)) == 0:
            entry["absent"] = [draw(st.sampled_from(names))]
        remaining.append(entry)
    rules = {"points": table, "scoring": scoring, "tiebreak": tiebreak, "best": best}
    return scenario_text(
        {"title": "random", "rules": rules, "competitors": competitors, "remaining": remaining}
    )
