"""A glossary with several wrong entries, and fields written with no value.

Every error is reported in one pass, file:line each, by ``reader check``, by the commands
that refuse a broken glossary (``render``, ``glossary``), and in the reader as one
notification; the reader opens the text with the entries that are valid. A field written
``~``, ``null`` or with nothing is a warning and absent, in front matter as in a glossary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import SpanKind, load_document
from reader.pipeline import open_text, resolve_text
from reader.pipeline.problems import MAX_LINES, notifications
from reader.text.errors import Problem, Severity
from tests.core_helpers import run_cli
from tests.hostile.helpers import assert_clean_output, forbidden_in, screen_text, watched_app
from tests.hostile.make_corpus import WORD
from tests.ui_helpers import settle, wait_until

ENTRY_ERRORS = [
    "6: the term of entry 2 contains a control character (U+202E, U+202C, U+2066, U+2069)",
    "9: alias 1 of 'Don' contains a control character (U+009B, U+009D, U+009C, U+0090, …)",
    "11: the term of entry 4 is made only of invisible characters (U+200B)",
    "13: 'Ｖｏｌｇａ' is already a term or alias of 'Volga' (line 4): the same once invisible"
    " characters and compatibility forms are ignored",
    "15: entry 'Neva' has no 'short' summary",
    "16: 'case_sensitive' must be true or false, not 'talvez'",
]
"""What is wrong with ``glossary/gl-erros.yaml``, after ``path:``, in file order."""

EMPTY = "is empty: ignored (YAML reads ~ and null as no value; quote them for the text)"


def _glossary(corpus: dict[str, Path]) -> Path:
    return corpus["gl-entry-errors"].parent / "glossary" / "gl-erros.yaml"


def test_check_reports_every_error_of_a_glossary(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader check`` on the glossary and on the text that names it: all six errors, in
    file order, exit 2. The text's terms, written with a soft hyphen and a zero-width
    space inside, count as mentioned (no "never mentioned" warning)."""
    glossary = _glossary(corpus)
    expected = [f"{glossary}:{line}" for line in ENTRY_ERRORS]
    for checked in (glossary, corpus["gl-entry-errors"]):
        result = run_cli(capsys, "check", checked)
        assert result.code == 2
        assert result.out.splitlines() == expected
        assert "6 errors, 0 warnings" in result.err
        assert_clean_output(result)


@pytest.mark.parametrize(
    "command",
    [("render", "TEXT"), ("glossary", "--glossary", "GLOSSARY"), ("render", "X", "--glossary")],
    ids=["render-text", "glossary-option", "render-glossary-option"],
)
def test_commands_refuse_a_broken_glossary_naming_every_error(
    command: tuple[str, ...], corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands that need the glossary whole exit 2 with every error, one line each,
    and print nothing else."""
    glossary = _glossary(corpus)
    paths = {"TEXT": corpus["gl-entry-errors"], "GLOSSARY": glossary, "X": corpus["clean"]}
    argv = [paths.get(part, part) for part in command]
    if argv[-1] == "--glossary":
        argv.append(glossary)
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines == [f"reader: {glossary}:{line}" for line in ENTRY_ERRORS]
    assert_clean_output(result)


def test_the_reader_links_the_valid_entries(corpus: dict[str, Path]) -> None:
    """Opened for the reader (not strict): the valid entries load and are linked, the
    four entries in error are left out, the duplicate alias too, and the six errors
    are the text's problems."""
    opened = open_text(resolve_text(str(corpus["gl-entry-errors"])), strict=False)
    assert sorted(opened.glossaries.terms) == ["Oka", "Volga"]
    errors = [str(p) for p in opened.problems if p.severity is Severity.ERROR]
    assert errors == [f"{_glossary(corpus)}:{line}" for line in ENTRY_ERRORS]
    paragraph = next(block for block in opened.document.blocks if WORD in block.text)
    linked = [
        (paragraph.text[span.start : span.end], span.target)
        for span in paragraph.spans
        if span.kind is SpanKind.TERM_REF
    ]
    assert linked == [("Vol\u00adga", "Volga"), ("O\u200bka", "Oka")]


async def test_the_reader_shows_one_notification_for_the_glossary(
    corpus: dict[str, Path],
) -> None:
    """In the app: the text opens, and one notification names the first errors (file:line
    each) and how many more there are, instead of one notification per error."""
    app = watched_app(corpus["gl-entry-errors"])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app._notifications), "a notification")
        (notification,) = list(app._notifications)
        glossary = _glossary(corpus)
        lines = [f"{glossary}:{line}" for line in ENTRY_ERRORS[:MAX_LINES]]
        assert notification.message.splitlines() == [
            *lines,
            "and 1 more (reader check lists all)",
        ]
        assert not forbidden_in(notification.message)
        assert "Zanzibar" in screen_text(app)
        assert app.is_running


def test_front_matter_field_with_no_value_is_a_warning_and_absent(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``author: ~``, ``date: null``, ``context: NULL``: each a warning at its line (the
    front matter's offset counted) and absent, not the text "~" nor a silent nothing;
    ``source: '~'``, quoted, is the text "~". ``check`` exits 0 and says so; ``render``
    renders."""
    path = corpus["yaml-fm-null"]
    document = load_document(path)
    meta = document.meta
    assert (meta.title, meta.author, meta.date, meta.source, meta.context) == (
        "T",
        None,
        None,
        "~",
        None,
    )
    expected = [
        f"{path}:5: warning: front matter field 'author' {EMPTY}",
        f"{path}:6: warning: front matter field 'date' {EMPTY}",
        f"{path}:8: warning: front matter field 'context' {EMPTY}",
    ]
    assert [str(warning) for warning in document.warnings] == expected
    checked = run_cli(capsys, "check", path)
    assert checked.code == 0
    assert checked.out.splitlines()[:3] == expected
    rendered = run_cli(capsys, "render", path)
    assert rendered.code == 0 and "Texto." in rendered.out
    assert [line for line in rendered.err_lines if "front matter" in line] == [
        f"reader: {line}" for line in expected
    ]


def test_glossary_field_with_no_value(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """In a glossary, an optional field with no value is a warning; a required one
    (``short: Null``) is missing, an error: all of them reported, exit 2."""
    path = corpus["yaml-gl-null"]
    result = run_cli(capsys, "check", path)
    assert result.code == 2
    assert result.out.splitlines() == [
        f"{path}:6: warning: 'aliases' of 'Volga' {EMPTY}",
        f"{path}:7: warning: 'definition' of 'Volga' {EMPTY}",
        f"{path}:8: entry 'Don' has no 'short' summary (it is empty: YAML reads ~ and null as"
        " no value; quote them for the text)",
    ]


def test_notifications_are_one_per_file() -> None:
    """The reader's notifications: one per file in the order files first appear, each
    listing its problems up to ``MAX_LINES`` and then how many more."""
    many = [Problem("g.yaml", f"error {n}", n) for n in range(1, MAX_LINES + 3)]
    problems = [Problem("t.md", "unclosed", 1), *many, Problem("t.md", "footnote", 9)]
    assert notifications(problems) == [
        "t.md:1: unclosed\nt.md:9: footnote",
        "\n".join(str(problem) for problem in many[:MAX_LINES])
        + "\nand 2 more (reader check lists all)",
    ]
    assert notifications(many[:MAX_LINES]) == ["\n".join(str(p) for p in many[:MAX_LINES])]
    assert notifications([]) == []
