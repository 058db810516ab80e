"""Bad input, one rule (issue 11, item 9).

A text that cannot be opened at all (missing, a directory, binary, not UTF-8, a glossary
given as the text) is one line naming it and exit 2, before the reader starts. Anything
else opens the text, and the problem is a notification: front matter in error (the body
is shown without metadata; issue 12), a broken or missing ``--glossary`` file, a glossary
the text names that is broken, front matter never closed, no text at all. The commands
where the glossary is the point (``render``, ``lookup``…) still stop at a broken
``--glossary`` with exit 2; ``check`` and ``render --strict`` at front matter in error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.document import parse_markdown
from reader.document.frontmatter import front_matter_head
from reader.pipeline import TextRef, open_text, read_source, resolve_text
from reader.text.errors import Severity
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from tests.core_helpers import run_cli
from tests.ui_helpers import make_app, settle, view_text

SIZE = (100, 30)

BROKEN_GLOSSARY = b"title: Mine\nterms:\n  - term: A\n    short: one: two\n"
"""A glossary whose line 4 is not valid YAML."""

UNCLOSED = "front matter opened at line 1 is never closed"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[ReaderApp]:
    """The apps ``reader`` starts; each is recorded instead of taking the terminal."""
    apps: list[ReaderApp] = []

    def run(self: ReaderApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(ReaderApp, "run", run)

    monkeypatch.setattr("reader.cli.open.check_terminal", lambda ref: None)  # no tty here
    return apps


@pytest.fixture
def in_tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder, so "stalingrado" can only be the bundled text."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _missing(folder: Path) -> Path:
    return folder / "nao-existe.md"


def _directory(folder: Path) -> Path:
    (folder / "pasta.md").mkdir()
    return folder / "pasta.md"


def _binary(folder: Path) -> Path:
    return _write(folder / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def _latin1(folder: Path) -> Path:
    return _write(folder / "latin.md", "# Título\n\nok\ncaf".encode() + b"\xe9 au lait\n")


def _glossary(folder: Path) -> Path:
    return _write(folder / "mine.yaml", b"title: Mine\nterms:\n  - term: A\n    short: a\n")


def _bad_front_matter(folder: Path) -> Path:
    return _write(folder / "notes.md", "---\nlanguage: pt\ntitle: [a]\n---\n" + "Texto.\n" * 50)


UNOPENABLE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (_missing, ": no such file"),
    "directory": (_directory, ": is a directory, not a text file"),
    "binary": (_binary, ": binary file (not text)"),
    "not UTF-8": (_latin1, ":4:4: not valid UTF-8 (byte 0xE9)"),
    "a glossary": (_glossary, ": is a glossary, not a text: use `reader --glossary "),
}


@pytest.mark.parametrize("case", UNOPENABLE)
def test_a_text_that_cannot_be_opened_stops_before_the_reader_starts(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, started: list[ReaderApp]
) -> None:
    """``reader PATH``: one line naming the file (and line) and what is wrong, exit 2,
    and no reader started (no empty screen with a toast)."""
    make, expected = UNOPENABLE[case]
    path = make(tmp_path)
    result = run_cli(capsys, path, "--data-dir", tmp_path / "data")
    assert (result.code, result.out, started) == (2, "", [])
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith(f"reader: {path}{expected}"), result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "{}"],
        ["lookup", "Volga", "--in", "{}"],
        ["glossary", "--in", "{}"],
        ["bookmarks", "add", "{}", "--quote", "a"],
        ["{}"],
    ],
)
def test_a_glossary_given_as_a_text_says_how_to_use_it(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, started: list[ReaderApp]
) -> None:
    """A ``.yaml``/``.yml`` file where a text is wanted is not shown as prose: the line
    says it is a glossary and how to give it; exit 2."""
    for name in ("mine.yaml", "mine.yml"):
        glossary = _write(tmp_path / name, b"title: Mine\nterms:\n  - term: A\n    short: a\n")
        arguments = [arg.format(glossary) for arg in argv]
        result = run_cli(capsys, *arguments, "--data-dir", tmp_path / "data")
        assert (result.code, result.out, started) == (2, "", [])
        assert result.err_lines == [
            f"reader: {glossary}: is a glossary, not a text: use `reader --glossary "
            f"{glossary} TEXT` to read a text with it, or `reader lookup TERM --glossary "
            f"{glossary}`"
        ]


def test_a_broken_or_missing_glossary_option_still_opens_the_reader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: list[ReaderApp], in_tmp_dir: Path
) -> None:
    """``reader --glossary bad.yaml TEXT`` starts the reader on the text (which shows the
    glossary's problem); so does a ``--glossary`` file that is not there."""
    broken = _write(tmp_path / "bad.yaml", BROKEN_GLOSSARY)
    for glossary in (broken, tmp_path / "nao-existe.yaml"):
        result = run_cli(
            capsys, "--glossary", glossary, "stalingrado", "--data-dir", tmp_path / "data"
        )
        assert result.code == 0, result.err
        assert result.err == ""
        assert started[-1].reading.request.extra_glossaries == (glossary,)
    assert len(started) == 2


def test_commands_still_stop_at_a_broken_glossary_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, in_tmp_dir: Path
) -> None:
    """Where the glossary is the point, a broken one is the one-line error it was."""
    glossary = _write(tmp_path / "bad.yaml", BROKEN_GLOSSARY)
    for argv in (["render", "stalingrado"], ["lookup", "A"], ["glossary"]):
        result = run_cli(capsys, *argv, "--glossary", glossary)
        assert result.code == 2
        assert result.err_lines == [f"reader: {glossary}:4:15: mapping values are not allowed here"]


def _named_broken(folder: Path) -> Path:
    """A text naming a glossary (found beside it) that does not load."""
    (folder / "glossary").mkdir()
    _write(folder / "glossary" / "bad.yaml", BROKEN_GLOSSARY)
    return _write(folder / "t.md", "---\nglossary: [bad]\n---\n\nUm texto sobre A.\n")


def test_a_text_naming_a_broken_glossary_is_checked_and_not_rendered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, in_tmp_dir: Path
) -> None:
    """``reader check`` reports the glossary's error (exit 2), and ``render`` stops at it
    as before; the reader opens the text (see the Pilot test below)."""
    text = _named_broken(Path())  # named as given: t.md, and glossary/bad.yaml beside it
    check = run_cli(capsys, "check", text)
    assert check.code == 2
    assert check.out.splitlines() == ["glossary/bad.yaml:4:15: mapping values are not allowed here"]
    render = run_cli(capsys, "render", text)
    assert render.code == 2
    assert render.err_lines == [
        "reader: glossary/bad.yaml:4:15: mapping values are not allowed here"
    ]


def test_unclosed_front_matter_is_a_warning_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file opening front matter and never closing it: shown (as a rule and prose, as
    the Markdown parser reads it) with a warning at line 1; ``check`` reports it and
    keeps exit 0."""
    text = _write(tmp_path / "t.md", "---\ntitle: Esquecido\n\nCorpo do texto.\n")
    render = run_cli(capsys, "render", text)
    assert render.code == 0
    assert render.err_lines == [f"reader: {text}:1: warning: {UNCLOSED}"]
    assert "Corpo do texto." in render.out
    check = run_cli(capsys, "check", text)
    assert (check.code, check.out.splitlines()) == (0, [f"{text}:1: warning: {UNCLOSED}"])


@pytest.mark.parametrize(
    "source",
    [
        "# Título\n\n---\n\nCorpo.\n",  # a rule further down
        "---\ntitle: T\n---\nCorpo.\n",
        "---\ntitle: T\n...\nCorpo.\n",  # YAML's document end closes it too
        "-- \nCorpo.\n",
        "---x\nCorpo.\n",  # text after the dashes: not meant as front matter
    ],
)
def test_front_matter_that_is_closed_or_absent_gives_no_warning(source: str) -> None:
    assert not [w for w in parse_markdown(source, "t.md").warnings if UNCLOSED in w.message]


def test_the_front_matter_check_reads_only_the_head() -> None:
    """What is parsed before the reader starts is the front matter, not the book after
    it; a closing line needs at least the opening's dashes, as the parser wants."""
    book = "Um parágrafo.\n\n" * 10_000
    assert front_matter_head("---\ntitle: T\n---\n" + book) == "---\ntitle: T\n---\n"
    assert front_matter_head("-----\na: b\n---\nc: d\n-----  \n" + book) == (
        "-----\na: b\n---\nc: d\n-----  \n"
    )
    assert front_matter_head("---\ntitle: T\n\n" + book) is None
    assert front_matter_head(book) is None


def test_front_matter_in_error_is_a_problem_of_the_text_shown(tmp_path: Path) -> None:
    """``read_source`` no longer refuses it; opening the text finds the error at its own
    line, far down a long front matter, and shows the body without metadata."""
    fields = "".join(f"# comment {n}\n" for n in range(40))
    text = _write(tmp_path / "t.md", f"---\n{fields}date: ontem\n---\n" + "Texto.\n\n" * 100)
    ref = TextRef(text, str(text))
    opened = open_text(ref, source=read_source(ref))
    (problem,) = opened.problems
    assert problem.severity is Severity.ERROR
    assert str(problem).startswith(f"{text}:42: front matter 'date' must be YYYY-MM-DD")
    assert [block.text for block in opened.document.blocks][-101:] == ["t", *["Texto."] * 100]
    assert opened.document.meta.date is None


def test_open_text_for_the_reader_keeps_the_glossaries_that_load(tmp_path: Path) -> None:
    """Not ``strict``: a broken extra glossary, and one defining a bundled term again, are
    problems naming their file and line; the text is linked with the bundled one."""
    broken = _write(tmp_path / "bad.yaml", BROKEN_GLOSSARY)
    clash = _write(tmp_path / "clash.yaml", b"terms:\n  - term: Volga\n    short: x\n")
    opened = open_text(resolve_text("stalingrado"), [broken, clash], strict=False)
    errors = [str(p) for p in opened.problems if p.severity is Severity.ERROR]
    assert len(errors) == 2
    assert errors[0] == f"{broken}:4:15: mapping values are not allowed here"
    assert errors[1].startswith(
        f"{clash}:2: 'Volga' is already a term or alias of 'Rio Volga' (segunda-guerra:"
    )
    assert opened.glossaries.lookup("Wehrmacht") is not None
    assert [g.name for g in opened.glossaries.glossaries] == ["segunda-guerra"]


# The reader ---------------------------------------------------------------------------------


def _warnings(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def test_a_broken_glossary_option_shows_the_text_and_a_warning(tmp_path: Path) -> None:
    """``--glossary bad.yaml``: the article shows, linked with the glossaries that load,
    and a warning names the broken file and line."""
    glossary = _write(tmp_path / "bad.yaml", BROKEN_GLOSSARY)
    ref = resolve_text("stalingrado")
    app = ReaderApp(ref, source=read_source(ref), extra_glossaries=[glossary])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = view_text(app.query_one("#article", ArticleView))
        assert "A Batalha de Stalingrado" in text
        assert "imperialismo²" in text
        assert _warnings(app) == [f"{glossary}:4:15: mapping values are not allowed here"]


async def test_a_text_naming_a_broken_glossary_opens_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(_named_broken(Path()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Um texto sobre A." in view_text(app.query_one("#article", ArticleView))
        assert _warnings(app) == ["glossary/bad.yaml:4:15: mapping values are not allowed here"]


async def test_unclosed_front_matter_opens_with_a_warning(tmp_path: Path) -> None:
    text = _write(tmp_path / "t.md", "---\ntitle: Esquecido\n\nCorpo do texto.\n")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Corpo do texto." in view_text(app.query_one("#article", ArticleView))
        assert _warnings(app) == [f"{text}:1: warning: {UNCLOSED}"]


async def test_front_matter_in_error_shows_the_body_and_the_error(tmp_path: Path) -> None:
    """The reader shows the text after the front matter and the error as a notification,
    not an empty page (issue 12)."""
    text = _bad_front_matter(tmp_path)
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Texto." in view_text(app.query_one("#article", ArticleView))
        assert _warnings(app) == [f"{text}:3: front matter field 'title' must be text"]
