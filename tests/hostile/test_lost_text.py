"""Inputs that lose or hide text (issue 12): each is shown, with one line saying what is
wrong and where, from ``render`` (stderr), ``check`` and the reader (a notification).

Front matter in error used to hide the whole article (exit 2, an empty page); front matter
below line 1 passed silently; an empty text was an empty screen; a few NULs made a file
"binary"; a footnote defined twice lost its first definition without a word. Deep nesting
is in ``test_nesting.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.errors import Severity
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    assert_clean_output,
    assert_one_line_refusal,
    assert_shown_with_one_line,
    watched_app,
)
from tests.hostile.make_corpus import BODY, WORD
from tests.ui_helpers import settle, view_text

SIZE = (100, 30)

FRONT_MATTER_IN_ERROR: dict[str, str] = {
    "fm-list": "1: front matter must be a mapping of fields (key: value)",
    "fm-bad-yaml": "3:9: mapping values are not allowed here",
    "yaml-fm-tag": "4:8: tags (!...) are not allowed",
    "fm-non-text": "3: front matter field 'author' must be text",
}
"""A list, bad YAML, a tag, a field that is not text: file → its line after ``path:``."""


def _messages(app: object) -> list[str]:
    return [notification.message for notification in app._notifications]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_IN_ERROR))
def test_front_matter_in_error_shows_the_body_in_render(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The body (the text after the closing ``---``) is printed without any metadata
    (the title is the file's name), the error on stderr, exit 0; ``--strict`` and
    ``check``: the same line, exit 2."""
    path = corpus[name]
    expected = f"{path}:{FRONT_MATTER_IN_ERROR[name]}"
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, expected)
    body = "Texto." if name.startswith("yaml-") else BODY
    assert shown.out.split("\n")[0] == name
    assert shown.out.rstrip().endswith(body)
    assert "title" not in shown.out and "---" not in shown.out
    assert_one_line_refusal(run_cli(capsys, "render", path, "--strict"), expected)
    checked = run_cli(capsys, "check", path)
    assert (checked.code, checked.out.splitlines()) == (2, [expected])


@pytest.mark.parametrize("name", ["fm-list", "fm-non-text"])
async def test_front_matter_in_error_shows_the_body_in_the_reader(
    name: str, corpus: dict[str, Path]
) -> None:
    """Not an empty page: the body, and the error as a notification."""
    app = watched_app(corpus[name])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert BODY in view_text(app.reading.article)
        assert _messages(app) == [f"{corpus[name]}:{FRONT_MATTER_IN_ERROR[name]}"]
        assert app.reading.opened is not None
        assert app.reading.opened.document.meta.title == name


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("fm-unclosed", 1, "front matter opened at line 1 is never closed"),
        ("fm-below-line-1", 3, "front matter must start at line 1; the block opened at line 3"),
    ],
)
def test_front_matter_not_taken_as_such_is_a_warning_at_its_opening(
    name: str, line: int, fragment: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Its lines are shown as the parser reads them (a rule and prose), with a warning
    at the line of the opening ``---``; ``check`` keeps exit 0, ``render --strict`` 2."""
    path = corpus[name]
    expected = f"{path}:{line}: warning: {fragment}"
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, expected)
    assert BODY in shown.out
    checked = run_cli(capsys, "check", path)
    assert checked.code == 0
    assert checked.out.startswith(expected)
    assert_one_line_refusal(run_cli(capsys, "render", path, "--strict"), expected)


EMPTY = ["empty", "blank", "only-front-matter", "empty-txt"]
"""An empty file, only whitespace, only front matter, an empty plain text."""


@pytest.mark.parametrize("name", EMPTY)
def test_an_empty_text_says_so_on_stderr(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus[name]
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, f"{path}: warning: has no text")
    checked = run_cli(capsys, "check", path)
    assert (checked.code, checked.out) == (0, f"{path}: warning: has no text\n")


@pytest.mark.parametrize("name", ["empty", "only-front-matter"])
async def test_an_empty_text_gets_a_notice_in_the_reader(
    name: str, corpus: dict[str, Path]
) -> None:
    """The status line says it has no text (and stays), and a notification says it."""
    path = corpus[name]
    app = watched_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = str(app.query_one("#status").render())
        assert status == f"{path} has no text"
        assert _messages(app) == [f"{path}: warning: has no text"]


def test_a_few_nuls_are_shown_with_a_warning_naming_the_line(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Two NULs in a short text used to make it a "binary file"; now each is U+FFFD and
    the warning names line 3."""
    path = corpus["enc-nuls"]
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, f"{path}:3: warning: NUL byte shown as U+FFFD")
    assert f"{WORD}\ufffd e\ufffd fim." in shown.out
    checked = run_cli(capsys, "check", path)
    assert checked.code == 0
    assert checked.out.startswith(f"{path}:3: warning: NUL byte")


async def test_nuls_in_the_reader_are_a_notification(corpus: dict[str, Path]) -> None:
    app = watched_app(corpus["enc-nuls"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert f"{WORD}\ufffd e\ufffd fim." in view_text(app.reading.article)
        (message,) = _messages(app)
        assert message.startswith(f"{corpus['enc-nuls']}:3: warning: NUL byte")


def test_a_footnote_defined_twice_is_a_warning_with_both_lines(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The second definition (line 7) is shown; the warning there names line 3, whose
    definition is dropped."""
    path = corpus["footnote-twice"]
    shown = run_cli(capsys, "render", path)
    line = assert_shown_with_one_line(shown, f"{path}:7: warning: footnote [^n]")
    assert "line 3" in line
    assert "Segunda nota." in shown.out and "Primeira nota." not in shown.out
    assert_clean_output(shown)
    checked = run_cli(capsys, "check", path)
    assert checked.code == 0
    assert checked.out == line.removeprefix("reader: ") + "\n"


def test_problems_keep_their_severity(corpus: dict[str, Path]) -> None:
    """Front matter in error is an error (``check`` exits 2); the rest are warnings."""
    from reader.pipeline import open_text, resolve_text

    severities = {
        name: {p.severity for p in open_text(resolve_text(str(corpus[name]))).problems}
        for name in ["fm-list", "fm-unclosed", "empty", "enc-nuls", "footnote-twice"]
    }
    assert severities == {
        "fm-list": {Severity.ERROR},
        "fm-unclosed": {Severity.WARNING},
        "empty": {Severity.WARNING},
        "enc-nuls": {Severity.WARNING},
        "footnote-twice": {Severity.WARNING},
    }
