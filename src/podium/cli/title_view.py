"""Rich rendering of a title report (shared by ``podium title`` and ``podium demo``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from podium.present.numbers import points
from podium.present.text import Text
from podium.title import Status, TitleReport

STYLE = {
    Status.CLINCHED.value: "bold green",
    Status.ALIVE.value: "bold yellow",
    Status.ELIMINATED.value: "dim",
}


def render_report(
    report: TitleReport, *, lang: str = "en", title: str | None = None, show_eliminated: int = 3
) -> RenderableType:
    """Standings with statuses, then every contender's conditions, certificates, the next-session table."""
    text = Text(lang)
    problem = report.problem
    table = Table(title=title or problem.title, title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column(text.t("Competitor"))
    table.add_column(text.t("Points"), justify="right")
    table.add_column(text.t("Status"))
    table.add_column(text.t("Best–worst"), justify="center")
    for i, v in enumerate(report.verdicts, start=1):
        status = str(v.status)
        bounds = f"{v.best_position}–{v.worst_position}" if v.best_position else "–"
        bounds += "*" if v.note else ""
        table.add_row(
            str(i),
            v.contestant.name,
            points(v.contestant.points, lang),
            RichText(text.status_word(v.status), style=STYLE.get(status, "")),
            bounds,
        )
    lines: list[RenderableType] = [table]
    notes = []
    for v in report.verdicts:
        if v.status == Status.CLINCHED:
            notes.append(RichText("• " + text.status(v), style="green"))
        elif v.status == Status.ALIVE:
            notes.append(RichText("• " + text.status(v), style="yellow"))
            notes.extend(RichText("    – " + text.condition(problem, v, c)) for c in v.conditions)
    eliminated = [v for v in report.verdicts if v.status == Status.ELIMINATED and v.certificate]
    for v in eliminated[:show_eliminated]:
        assert v.certificate is not None
        notes.append(RichText("• " + text.certificate(v.certificate), style="dim"))
    if len(eliminated) > show_eliminated:
        more = len(eliminated) - show_eliminated
        words = text.tn("(+{n} more out of contention)", "(+{n} more out of contention)", more, n=more)
        notes.append(RichText(f"  {words}", style="dim"))
    if report.paths:
        notes.extend(RichText("• " + text.path(problem, path), style="cyan") for path in report.paths)
        notes.extend(
            RichText("• " + text.weekend(problem, chance), style="cyan") for chance in report.weekends
        )
    elif report.decision is not None:
        notes.append(RichText("• " + text.decision(problem, report.decision), style="cyan"))
    notes.extend(
        RichText("• " + line, style="cyan") for m in report.margins for line in text.margins(problem, m)
    )
    limited = [v for v in report.verdicts if v.note]
    for v in limited[:show_eliminated]:
        notes.append(RichText(f"* {v.contestant.name}: {v.note}", style="dim"))
    if len(limited) > show_eliminated:
        notes.append(RichText(f"* (+{len(limited) - show_eliminated})", style="dim"))
    if notes:
        lines.append(Group(*notes))
    assumptions = text.assumptions(problem)
    if assumptions:
        label = text.t("Assumptions:")
        lines.append(RichText(f"{label} " + text.t("; ").join(assumptions), style="italic dim"))
    return Group(*lines)


def render_press(report: TitleReport, *, lang: str, event: str = "", label: str = "") -> Panel:
    press = Text(lang).press(report, event=event, classification=label)
    heading = Text(lang).t("Press paragraph")
    return Panel(press, title=heading, title_align="left")
