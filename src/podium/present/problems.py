"""Problems and errors in the reader's language: where (file, line, column) and what is wrong.

English is each problem's own text (``str(problem)``: "r01.csv, line 12, field 'position': …"); in
French the place is said the French way ("r01.csv, ligne 12, colonne « position » : …") and the
message comes from the catalogue (:func:`~podium.present.i18n.say`). The CLI, the admin pages and
any other edge that shows a refused input to a person go through here.
"""

from __future__ import annotations

from babel.support import NullTranslations

from podium.errors import InputError, Message, PodiumError, Problem, message_of
from podium.present.i18n import say, translations

TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
"""Sources whose fields are columns of a table (a results sheet, an entry list, a calendar)."""


def _field_word(problem: Problem) -> Message:
    name = str(problem.field)
    if name.startswith("--"):
        return Message("option {name!r}", name=name)
    if problem.source and problem.source.lower().endswith(TABLE_SUFFIXES):
        return Message("column {name!r}", name=name)
    return Message("field {name!r}", name=name)


def problem_text(problem: Problem, lang: str = "en", words: NullTranslations | None = None) -> str:
    """One problem in ``lang``: its place (file, line, column) then what is wrong. ``words``: the
    edge's catalogue chain (the CLI's own words, then the core's); the core's when not given."""
    if lang == "en":
        return str(problem)
    words = words or translations(lang)
    where: list[str] = [str(problem.source)] if problem.source else []
    if problem.line is not None:
        where.append(say(Message("line {n:d}", n=problem.line), lang, words))
    if problem.field:
        where.append(say(_field_word(problem), lang, words))
    message = say(problem.message, lang, words)
    if not where:
        return message
    return say(Message("{where}: {message}", where=", ".join(where), message=message), lang, words)


def error_text(error: PodiumError, lang: str = "en", words: NullTranslations | None = None) -> str:
    """An error as one paragraph in ``lang``: every problem of an input, or what does not hold."""
    if lang == "en":
        return str(error)
    words = words or translations(lang)
    if isinstance(error, InputError):
        if len(error.problems) == 1:
            return problem_text(error.problems[0], lang, words)
        head = say(Message("{count} problems:", count=len(error.problems)), lang, words)
        return "\n".join([head, *(f"  - {problem_text(p, lang, words)}" for p in error.problems)])
    return say(message_of(error), lang, words)
