"""What each contender needs from the live session, in words: every contender's path.

Before the session the title engine proves each alive contender's path in it
(:mod:`podium.title.paths`: their places that settle the title and what every rival must not do);
the overlay and the snapshot say it in the words of :meth:`podium.present.text.Text.path`, the same
sentence the title page and the CLI print ("Riley Dickinson is champion after Race 2 with: a win
with Kingsley 12th or lower").
"""

from __future__ import annotations

from podium.live.state import Need
from podium.present.i18n import LANGUAGES
from podium.present.text import Text
from podium.title import Status, TitleReport
from podium.title.paths import ContenderPath


def needs_of(report: TitleReport, final: bool, lang: str = "en") -> tuple[Need, ...]:
    """Each contender's need from the session the report's paths are about: the path sentence for
    every alive contender (``final``: the last session, where a path is the whole story; otherwise
    it is what settles the title here and now)."""
    problem = report.problem
    text = Text(lang)
    paths = {p.contender: p for p in report.paths}
    out = []
    for verdict in report.verdicts:
        c = verdict.contestant
        if verdict.status is Status.ELIMINATED or c.excluded:
            continue
        if verdict.status is Status.CLINCHED:
            said = text.t("{name} is already champion.", name=c.name)
        elif c.id in paths:
            said = text.path_needs(problem, paths[c.id])
            if not final and paths[c.id].rows:
                said = text.t("To clinch here: {sentence}", sentence=said)
        else:
            said = text.t("{name} can still take the title.", name=c.name)
        out.append(
            Need(c.id, c.name, said, verdict.status.value, _short(report, verdict.status, c.id, paths))
        )
    return tuple(out)


def _short(report: TitleReport, status: Status, cid: str, paths: dict[str, ContenderPath]) -> dict[str, str]:
    """The need in every language, without the contender's name (the overlay's line names them)."""
    out = {}
    for lang in LANGUAGES:
        text = Text(lang)
        options = text.path_options(report.problem, paths[cid]) if cid in paths else None
        if status is Status.CLINCHED:
            out[lang] = text.t("already champion")
        elif options is not None:
            out[lang] = options
        elif cid in paths:
            out[lang] = text.t("cannot clinch in this session")
        else:
            out[lang] = text.t("can still take the title")
    return out
