"""``podium forecast`` (title odds by simulation) and ``podium backtest f1db`` (how good they are)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from podium.cli import sources
from podium.cli.app import app, console, new_app, print_json
from podium.cli.store_common import DatabaseOption
from podium.cli.title import check_choice
from podium.cli.verify import parse_years
from podium.errors import InputError, Problem
from podium.forecast import (
    MODELS,
    Backtest,
    Forecast,
    Prior,
    backtest_season,
    forecast,
    history_from_season,
    summarise,
)
from podium.forecast.backtest import BACKTEST_MODELS, SeasonForecasts
from podium.forecast.history import History
from podium.importers.f1db import f1db_years, read_season
from podium.present.numbers import probability
from podium.rules import f1_preset

backtest_app = new_app("Measure the title forecasts against history: Brier score, log loss, reliability.")
app.add_typer(backtest_app, name="backtest")

PROGRESS_FROM = 200_000
"""Simulations at least this long show a progress bar."""


@app.command("forecast")
def forecast_command(
    season_ref: sources.StoredSeasonArgument = None,
    scenario: sources.ScenarioOption = None,
    f1db: sources.F1dbOption = None,
    year: sources.YearOption = None,
    after_round: sources.AfterRoundOption = None,
    after: sources.AfterOption = None,
    classification: sources.ClassificationOption = "drivers",
    model: Annotated[
        str, typer.Option(help="plackett-luce (fitted) or uniform (baseline).")
    ] = "plackett-luce",
    samples: Annotated[int, typer.Option(help="Simulated endings of the season.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same numbers.")] = 0,
    exact: Annotated[
        bool, typer.Option(help="Settle every status (CLINCHED/ALIVE/OUT) with the exact title maths.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape).")] = False,
    database: DatabaseOption = None,
    as_of: sources.AsOfOption = None,
) -> None:
    """Title odds by simulation: probability of the title, expected points, final positions.

    A Plackett–Luce model of who beats whom, with the field's retirement rate, is fitted from
    the season's results so far (a scenario file has only standings: the model then takes
    strengths from the points, and says so). Every remaining session is then simulated under the
    full rules, many times. Competitors the exact title maths has eliminated get exactly 0 %, a
    champion who has clinched exactly 100 %; simulated endings are replayed through the standings
    code. See docs/forecast.md for how well these odds did on F1 1980–2025.

    Examples:

        podium forecast --f1db ../shared/data/f1db --season 2021 --after-round 15

        podium forecast --scenario examples/sebring-2020-gold.toml --samples 20000 --json

        podium forecast 2024-imsa --model uniform
    """
    check_choice(model, MODELS, "--model")
    if samples < 1:
        raise InputError(Problem(f"expected at least 1, got {samples}", field="--samples", value=samples))
    question = sources.title_question(
        season_ref, scenario, f1db, year, classification, after_round, after, database, as_of
    )
    problem, history = question.problem, _history(question, classification)
    if as_json or samples < PROGRESS_FROM:
        result = forecast(
            problem,
            model=model,
            samples=samples,
            seed=seed,
            history=history,
            exact=exact,
        )
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Simulating endings", total=samples)
            result = forecast(
                problem,
                model=model,
                samples=samples,
                seed=seed,
                history=history,
                exact=exact,
                progress=lambda rows: progress.update(task, advance=rows),
            )
    if as_json:
        print_json(result.as_dict())
    else:
        console.print(render_forecast(result, width=console.width))
        for note in result.notes:
            console.print(f"[dim]· {note}[/]")


def _history(question: sources.TitleQuestion, classification: str) -> History | None:
    """What the model learns from: the season's results at the moment asked (none for a scenario)."""
    problem, source = question.problem, question.source
    if source is None:
        return None
    season, ruleset = source.season, source.ruleset
    # The model learns from what had happened at that moment (a begun round's first race included).
    known = season.until(problem.moment.session if problem.moment else None)
    return history_from_season(known, ruleset, classification, problem.after_round)


def render_forecast(result: Forecast, *, width: int = 100) -> Table:
    """The forecast as a Rich table: most likely champion first, then notes as the caption.

    Numbers never break (each column is as wide as its widest cell) and only names may wrap; below
    100 columns the model's strengths are left out so an 80-column terminal still reads well.
    """
    wide = width >= 100
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"{result.title} — title odds"
        + (f" after round {result.after_round}" if result.after_round else ""),
        caption=(
            f"{result.model} model fitted from {result.fitted_from}; {result.samples:,} simulated endings, "
            f"seed {result.seed}; {result.replayed} replayed through the standings"
            + (f"; first place shared in {probability(result.shared)}" if result.shared else "")
        ),
    )
    rows = []
    for c in result.contestants:
        top3 = sum(c.positions[:3]) if c.positions else 0.0
        likely = (max(range(len(c.positions)), key=lambda i: c.positions[i]) + 1) if c.positions else None
        status = {"clinched": "[bold green]CHAMPION[/]", "alive": "alive", "eliminated": "[dim]out[/]"}.get(
            str(c.status), "—"
        )
        rows.append(
            (
                c.name,
                str(c.points),
                probability(c.title, possible=str(c.status) == "alive"),
                f"{c.expected_points:.1f}",
                probability(top3, possible=True),  # top 3 is sampled, never proved
                f"P{likely}" if likely else "—",
                status,
                *((f"{c.strength:.2f}",) if wide else ()),
            )
        )
    headers = ["Competitor", "Points", "Title", "Exp. pts", "Top 3", "Likely", "Status"]
    headers += ["Strength"] if wide else []
    for i, name in enumerate(headers):
        if i == 0:
            table.add_column(name, min_width=16)
            continue
        cells = [Text.from_markup(row[i]).cell_len for row in rows]
        table.add_column(
            name,
            justify="left" if name == "Status" else "right",
            no_wrap=True,
            min_width=max(cells, default=1),
        )
    for row in rows:
        table.add_row(*row)
    return table


@backtest_app.command("f1db")
def backtest_f1db_command(
    path: Annotated[Path, typer.Argument(help="Path of an f1db tree (folder holding seasons/).")],
    seasons: Annotated[str, typer.Option(help="Seasons to backtest, e.g. 1980-2025 or 1988.")] = "1980-2025",
    samples: Annotated[int, typer.Option(help="Simulated endings per forecast.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    classification: Annotated[
        str, typer.Option("--classification", "-c", help="drivers or constructors.")
    ] = "drivers",
    plot: Annotated[Path | None, typer.Option(help="Write the reliability plot to this PNG file.")] = None,
    workers: Annotated[int, typer.Option(help="Seasons backtested at once (0: one per core).")] = 0,
    prior_strength: Annotated[
        float, typer.Option(help="Virtual duels won and lost against an average car (> 0).")
    ] = Prior().strength,
    decay: Annotated[float, typer.Option(help="Weight of a result k rounds old: decay**k.")] = Prior().decay,
    temper: Annotated[
        float, typer.Option(help="Power applied to fitted strengths (< 1: flatter).")
    ] = Prior().temper,
    retire_weight: Annotated[
        float, typer.Option(help="Pseudo-starts pulling each retirement rate to the field's.")
    ] = Prior().retire_weight,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Forecast the champion after every round of past F1 seasons and score it against what happened.

    Four forecasts per round: plackett-luce (fitted from the results so far), standings (the same
    model from points only, what a scenario file gets), uniform (every order equally likely) and
    leader (the leader now wins). Reports the Brier score, the log loss and a reliability table
    (predicted against observed in ten bins), over every round and over the rounds before the
    title was decided. Takes a few minutes per decade at the default sample count.

    Example:

        podium backtest f1db ../shared/data/f1db --seasons 1980-2025 --plot docs/forecast-reliability.png
    """
    if not path.exists():
        raise InputError(Problem(f"no f1db tree at {str(path)!r}", source=str(path), field="PATH"))
    years = parse_years(seasons, f1db_years(path))
    done: list[SeasonForecasts] = []
    if prior_strength <= 0:
        raise InputError(Problem(f"expected more than 0, got {prior_strength}", field="--prior-strength"))
    if not 0 < decay <= 1:
        raise InputError(Problem(f"expected a weight in (0, 1], got {decay}", field="--decay"))
    if temper <= 0:
        raise InputError(Problem(f"expected more than 0, got {temper}", field="--temper"))
    if retire_weight <= 0:
        raise InputError(Problem(f"expected more than 0, got {retire_weight}", field="--retire-weight"))
    prior = Prior(strength=prior_strength, decay=decay, temper=temper, retire_weight=retire_weight)
    jobs = [(path, y, classification, samples, seed, prior) for y in years]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    with Progress(console=console, transient=True, disable=as_json) as progress:
        task = progress.add_task("Backtesting", total=len(years))
        if workers == 1:
            outcomes: Iterator[SeasonForecasts | None] = map(_backtest_one, jobs)
            for result in outcomes:
                if result is not None:
                    done.append(result)
                progress.advance(task)
        else:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for result in pool.map(_backtest_one, jobs):
                    if result is not None:
                        done.append(result)
                    progress.advance(task)
    report = summarise(done, samples)
    if plot is not None:
        reliability_plot(report, plot)
    if as_json:
        print_json(report.as_dict())
        return
    console.print(render_backtest(report))
    if plot is not None:
        console.print(f"Reliability plot written to {plot}")


def _backtest_one(job: tuple[Path, int, str, int, int, Prior]) -> SeasonForecasts | None:
    """One season of the backtest (run in a worker process)."""
    path, year, classification, samples, seed, prior = job
    data = read_season(path, year)
    if data.scheduled_rounds:
        return None  # a season still running has no champion yet
    return backtest_season(
        data.season,
        f1_preset(year),
        classification,
        samples=samples,
        seed=seed,
        decided_after=data.deciders.get(classification),
        prior=prior,
    )


def render_backtest(report: Backtest) -> Table:
    years = report.seasons
    span = f"{years[0]}–{years[-1]}" if years else "no seasons"
    table = Table(
        title=f"Title forecasts against history, {span} ({len(years)} seasons, {report.samples:,} samples)"
    )
    for name in (
        "Model",
        "Forecasts",
        "Brier",
        "Log loss",
        "Open: forecasts",
        "Open: Brier",
        "Open: log loss",
    ):
        table.add_column(name, justify="left" if name == "Model" else "right", no_wrap=name == "Model")
    for model in BACKTEST_MODELS:
        a, o = report.score(model), report.score(model, open_only=True)
        table.add_row(
            model, str(a.forecasts), f"{a.brier:.4f}", f"{a.log_loss:.3f}",
            str(o.forecasts), f"{o.brier:.4f}", f"{o.log_loss:.3f}",
        )  # fmt: skip
    return table


def reliability_plot(report: Backtest, path: Path) -> None:
    """Predicted against observed title probability, per model, with the bins' sizes underneath."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(7, 8), gridspec_kw={"height_ratios": [3, 1]}, sharex=True, constrained_layout=True
    )
    top.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfectly calibrated")
    styles = {"plackett-luce": "o-", "standings": "s--", "uniform": "^-.", "leader": "x:"}
    width = 0.1 / (len(BACKTEST_MODELS) + 1)
    for i, model in enumerate(BACKTEST_MODELS):
        score = report.score(model)
        used = [b for b in score.reliability if b.count]
        top.plot(
            [b.predicted for b in used],
            [b.observed for b in used],
            styles.get(model, "o-"),
            label=f"{model} (Brier {score.brier:.3f})",
        )
        bottom.bar(
            [b.low + width * (i + 0.5) for b in score.reliability],
            [b.count for b in score.reliability],
            width=width,
            label=model,
            log=True,
        )
    years = report.seasons
    span = f"{years[0]}–{years[-1]}" if years else ""
    top.set_title(f"Who wins the F1 drivers' title? Forecasts after every round, {span}")
    top.set_ylabel("observed share that became champion")
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.legend(loc="upper left")
    top.grid(alpha=0.3)
    bottom.set_ylabel("pairs in bin")
    bottom.set_xlabel("predicted title probability (ten bins)")
    bottom.grid(alpha=0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
