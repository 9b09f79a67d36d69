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
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
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
    at: sources.AtOption = None,
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
    lang: sources.LangOption = "en",
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

        podium forecast gt3-usa-2020 -c platinum --at "2020-11-13 12:00-05:00" --model uniform

        podium forecast --scenario examples/sebring-2020-gold.toml --lang fr
    """
    check_choice(model, MODELS, "--model")
    if samples < 1:
        said = Message("expected at least 1, got {got}", got=str(samples))
        raise InputError(Problem(said, field="--samples", value=samples))
    question = sources.title_question(
        season_ref, scenario, f1db, year, classification, after_round, after, database, as_of, at
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
            task = progress.add_task(Words(lang)(Message("Simulating endings")), total=samples)
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
        say = Words(lang)
        console.print(render_forecast(result, width=console.width, lang=lang))
        for note in result.notes:
            console.print(Text("· " + say(note), style="dim"))


def _history(question: sources.TitleQuestion, classification: str) -> History | None:
    """What the model learns from: the season's results at the moment asked (none for a scenario)."""
    problem, source = question.problem, question.source
    if source is None:
        return None
    season, ruleset = source.season, source.ruleset
    # The model learns from what had happened at that moment (a begun round's first race included).
    known = season.until(problem.moment.session if problem.moment else None)
    return history_from_season(known, ruleset, classification, problem.after_round)


FITTED_FROM = {
    "results": Message("results"),
    "standings": Message("standings"),
    "nothing": Message("nothing"),
}
"""What a model learnt from (``Forecast.fitted_from``), in words."""


def render_forecast(result: Forecast, *, width: int = 100, lang: str = "en") -> Table:
    """The forecast as a Rich table: most likely champion first, then notes as the caption.

    Numbers never break (each column is as wide as its widest cell) and only names may wrap; below
    100 columns the model's strengths are left out so an 80-column terminal still reads well.
    """
    say = Words(lang)
    wide = width >= 100
    title = Message("{title} — title odds", title=result.title)
    if result.after_round:
        title = Message(
            "{title} — title odds after round {round}", title=result.title, round=result.after_round
        )
    caption = Message(
        "{model} model fitted from {source}; {samples} simulated endings, seed {seed}; {replayed} replayed "
        "through the standings",
        model=result.model,
        source=FITTED_FROM.get(result.fitted_from, result.fitted_from),
        samples=say.count(result.samples),
        seed=result.seed,
        replayed=result.replayed,
    )
    if result.shared:
        caption = Message(
            "{caption}; first place shared in {share}",
            caption=caption,
            share=probability(result.shared, lang=lang),
        )
    table = Table(box=box.SIMPLE_HEAD, title=say(title), caption=say(caption))
    statuses = {
        "clinched": "[bold green]" + say(Message("CHAMPION")) + "[/]",
        "alive": say(Message("alive")),
        "eliminated": "[dim]" + say(Message("out")) + "[/]",
    }
    rows = []
    for c in result.contestants:
        top3 = sum(c.positions[:3]) if c.positions else 0.0
        likely = (max(range(len(c.positions)), key=lambda i: c.positions[i]) + 1) if c.positions else None
        rows.append(
            (
                c.name,
                say.points(c.points),
                probability(c.title, possible=str(c.status) == "alive", lang=lang),
                say.decimal(c.expected_points, 1),
                probability(top3, possible=True, lang=lang),  # top 3 is sampled, never proved
                f"P{likely}" if likely else "—",
                statuses.get(str(c.status), "—"),
                *((say.decimal(c.strength, 2),) if wide else ()),
            )
        )
    headers = [
        Message("Competitor"),
        Message("Points"),
        Message("Title"),
        Message("Exp. pts"),
        Message("Top 3"),
        Message("Likely"),
        Message("Status"),
    ]
    headers += [Message("Strength")] if wide else []
    for i, name in enumerate(headers):
        if i == 0:
            table.add_column(say(name), min_width=16)
            continue
        cells = [Text.from_markup(row[i]).cell_len for row in rows]
        table.add_column(
            say(name),
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
    lang: sources.LangOption = "en",
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
        raise InputError(
            Problem(Message("no f1db tree at {path!r}", path=str(path)), source=str(path), field="PATH")
        )
    years = parse_years(seasons, f1db_years(path))
    done: list[SeasonForecasts] = []
    if prior_strength <= 0:
        raise InputError(_more_than_zero(prior_strength, "--prior-strength"))
    if not 0 < decay <= 1:
        said = Message("expected a weight in (0, 1], got {got}", got=str(decay))
        raise InputError(Problem(said, field="--decay"))
    if temper <= 0:
        raise InputError(_more_than_zero(temper, "--temper"))
    if retire_weight <= 0:
        raise InputError(_more_than_zero(retire_weight, "--retire-weight"))
    prior = Prior(strength=prior_strength, decay=decay, temper=temper, retire_weight=retire_weight)
    jobs = [(path, y, classification, samples, seed, prior) for y in years]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    with Progress(console=console, transient=True, disable=as_json) as progress:
        task = progress.add_task(Words(lang)(Message("Backtesting")), total=len(years))
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
    console.print(render_backtest(report, lang))
    if plot is not None:
        console.print(Words(lang)(Message("Reliability plot written to {path}", path=str(plot))))


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


def _more_than_zero(value: float, option: str) -> Problem:
    return Problem(Message("expected more than 0, got {got}", got=str(value)), field=option)


def render_backtest(report: Backtest, lang: str = "en") -> Table:
    say = Words(lang)
    years = report.seasons
    span = f"{years[0]}–{years[-1]}" if years else say(Message("no seasons"))
    title = Message(
        "Title forecasts against history, {span} ({seasons} seasons, {samples} samples)",
        span=span,
        seasons=len(years),
        samples=say.count(report.samples),
    )
    table = Table(title=say(title))
    for name in (
        Message("Model"),
        Message("Forecasts"),
        Message("Brier"),
        Message("Log loss"),
        Message("Open: forecasts"),
        Message("Open: Brier"),
        Message("Open: log loss"),
    ):
        table.add_column(say(name), justify="left" if name == "Model" else "right", no_wrap=name == "Model")
    for model in BACKTEST_MODELS:
        a, o = report.score(model), report.score(model, open_only=True)
        table.add_row(
            model, say.count(a.forecasts), say.decimal(a.brier, 4), say.decimal(a.log_loss, 3),
            say.count(o.forecasts), say.decimal(o.brier, 4), say.decimal(o.log_loss, 3),
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
