"""Problems in the reader's language: every message an importer, a value reader or the store can
refuse an input with is a :class:`~podium.errors.Message` with a French translation, and said in
French it names the file, the line and the column the French way."""

from __future__ import annotations

import ast
import pickle
import re
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from podium.errors import InputError, Message, NotFoundError, Problem, ProblemLog
from podium.importers.podium_csv import parse_results
from podium.importers.textfile import decode
from podium.present.i18n import say
from podium.present.problems import error_text, problem_text

SRC = Path(__file__).resolve().parents[1] / "src" / "podium"
CHECKED = [
    *sorted((SRC / "importers").glob("*.py")),
    *sorted((SRC / "web" / "admin").glob("*.py")),
    *sorted((SRC / "cli").glob("*.py")),
    SRC / "model" / "values.py",
    SRC / "model" / "reading.py",
    SRC / "sources.py",
    SRC / "model" / "results.py",
    SRC / "store" / "adjust.py",
    SRC / "store" / "writes.py",
    SRC / "store" / "records.py",
]
"""Modules whose every problem reaches a person (the CLI, the admin's refusals, the API envelope)."""
RAISERS = {
    "Problem": 0,
    "ValueError": 0,
    "ConsistencyError": 0,
    "InputError": 0,
    "bad_cell": 3,
    "require_rows": 2,
}
"""Calls whose argument at this index is the words of a problem."""
PLACEHOLDER = re.compile(r"\{(\w+)")


def _words_argument(node: ast.Call) -> ast.expr | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id in RAISERS:
        index = RAISERS[func.id]
        return node.args[index] if len(node.args) > index else None
    if isinstance(func, ast.Attribute) and func.attr == "add":
        receiver = ast.unparse(func.value)
        if receiver.endswith("log") and node.args:
            return node.args[0]
    if isinstance(func, ast.Attribute) and func.attr == "problem" and len(node.args) > 1:
        return node.args[1]  # Reader.problem(key, message, value)
    return None


def _is_text(node: ast.expr) -> bool:
    """Words written in place: an f-string, a string literal, or text glued to one."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def test_no_problem_is_written_in_place() -> None:
    """A problem's words are a Message (a template and its values), never an f-string the
    catalogue cannot hold."""
    found = []
    for path in CHECKED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and (words := _words_argument(node)) is not None
                and _is_text(words)
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(words)[:70]}")
    assert found == []


def _templates() -> dict[str | tuple[str, str], str]:
    """Every message template of the package (singular, or singular and plural) → where it is."""
    out: dict[str | tuple[str, str], str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, first = node.func, node.args[0]
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            text = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "plural"
                and ast.unparse(func.value) == "Message"
            ):
                if path.name != "errors.py":
                    second = node.args[1]
                    assert text is not None and isinstance(second, ast.Constant), where
                    out[(text, str(second.value))] = where
            elif isinstance(func, ast.Name) and func.id in ("Message", "NotFoundError"):
                if text is not None:
                    out[text] = where
                else:  # only the error hierarchy wraps a name it is given (NotFoundError's "what")
                    assert path.name == "errors.py", f"{where}: a Message's template must be a literal"
    return out


def _french() -> dict[str | tuple[str, str], tuple[str, ...]]:
    out: dict[str | tuple[str, str], tuple[str, ...]] = {}
    for po in (SRC / "locale" / "fr" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as fh:
            for m in read_po(fh, locale="fr"):
                if m.id and m.context is None:  # a data name's context is not a message's
                    key = m.id if isinstance(m.id, str) else (m.id[0], m.id[1])
                    out[key] = tuple(m.string) if isinstance(m.string, tuple | list) else (str(m.string),)
    return out


def test_every_message_has_its_french_with_the_same_values() -> None:
    templates, french = _templates(), _french()
    assert len(templates) > 250
    missing = [f"{where}: {key!r}" for key, where in templates.items() if not all(french.get(key, ("",)))]
    assert missing == []
    for key, translations in ((k, french[k]) for k in templates):
        english = key if isinstance(key, tuple) else (key,)
        wanted = set(PLACEHOLDER.findall(english[-1]))
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == wanted, (key, text)


# -- said in French -------------------------------------------------------------------------------
BAD_SHEET = "position,number,status,laps\n1,53,,20\nx,16,,20\n2,99,WRONG,20\n3,7,,abc\n"


def _sheet_error() -> InputError:
    with pytest.raises(InputError) as caught:
        parse_results(decode(BAD_SHEET.encode(), "race15.csv"))
    return caught.value


def test_a_bad_sheet_in_french_names_file_line_and_column() -> None:
    error = _sheet_error()
    english = str(error)
    assert "race15.csv, line 3, field 'position': expected a position" in english
    french = error_text(error, "fr")
    lines = french.splitlines()
    assert lines[0] == f"{len(error.problems)} problèmes\u00a0:"
    assert lines[1] == (
        "  - race15.csv, ligne 3, colonne «\u00a0position\u00a0»\u00a0: position (1, 2, 3…) ou statut "
        "(DNF, DNS, DSQ, NC, EX, DNQ) attendu, lu «\u00a0x\u00a0»"
    )
    assert (
        "race15.csv, ligne 4, colonne «\u00a0status\u00a0»\u00a0: statut inconnu «\u00a0WRONG\u00a0»"
        in french
    )
    assert (
        "race15.csv, ligne 5, colonne «\u00a0laps\u00a0»\u00a0: nombre entier attendu, lu «\u00a0abc\u00a0»"
        in french
    )
    assert "line" not in french and "expected" not in french and "'" not in french


def test_english_stays_the_message_itself() -> None:
    error = _sheet_error()
    assert error_text(error, "en") == str(error)
    assert [problem_text(p) for p in error.problems] == [str(p) for p in error.problems]


def test_values_are_said_in_the_language() -> None:
    """Numbers through Babel, quoted values in the language's quotes; a template missing from the
    catalogue still says its values the French way."""
    message = Message(
        "{n} laps, {share} of {total!r}, {size:.1f} MB", n=12345, share=Fraction(9, 2), total="x", size=1.25
    )
    assert message == "12345 laps, 9/2 of 'x', 1.2 MB"
    assert say(message, "fr") == "12\u202f345 laps, 4,5 of «\u00a0x\u00a0», 1,2 MB"


def test_a_count_chooses_the_form_in_each_language() -> None:
    log = ProblemLog("big.csv")
    for line in range(45):
        log.add(Message("a classified car needs its position"), line=line + 2, field="position")
    with pytest.raises(InputError) as caught:
        log.raise_if_any()
    last = caught.value.problems[-1]
    assert last.message == "… and 5 more problems not listed (fix the ones above first)"
    assert say(last.message, "fr") == "… et 5 autres problèmes non listés (corrigez d’abord ceux ci-dessus)"
    one = Message.plural("{count} field where", "{count} fields where", count=1)
    assert (
        one == "1 field where"
        and say(Message.plural("{count}-place penalty", "{count}-place penalty", count=1), "fr")
        == "pénalité de 1 place"
    )


def test_unknown_names_are_said_with_their_noun() -> None:
    error = NotFoundError("session", "r99-race", choices=["r01-race", "r02-race"])
    assert str(error) == "unknown session 'r99-race' (known: r01-race, r02-race)"
    assert (
        error_text(error, "fr")
        == "séance introuvable\u00a0: «\u00a0r99-race\u00a0» (valeurs possibles\u00a0: r01-race, r02-race)"
    )


def test_a_message_survives_pickling() -> None:
    message = Message.plural("{count} field where", "{count} fields where", count=3)
    again = pickle.loads(pickle.dumps(Problem(Message("no car #{number}", number="9"), source="x.csv")))
    assert again.message == "no car #9" and isinstance(again.message, Message)
    assert pickle.loads(pickle.dumps(message)).plural_template == "{count} fields where"
