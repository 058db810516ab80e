"""Standard input as a text: ``reader render -``, ``reader -``, and how the store keys a
text that has no path (by its content; its title as its name)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.pipeline import open_text, parse_source
from reader.text.errors import ReaderError
from reader.text.stdin import STDIN_NAME, read_stdin, stdin_ref
from reader.text.textfile import TextRef
from reader.userdata import BookmarkStore, FlatText, TextIdentity, flat_text
from reader.userdata.anchor import anchor_for_quote
from reader.userdata.model import is_stdin_identity, text_identity
from reader.userdata.store import FILE_NAME
from tests.core_helpers import FIXTURES, REPO, run_cli

ARTICLE = "# Notas do Volga\n\nO Volga corre para o mar Cáspio.\n\nA foz é um delta.\n"


class _Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


def test_read_stdin_decodes_like_a_file() -> None:
    """A BOM is dropped, line ends are LF and the text NFC, as :func:`read_text` does."""
    assert read_stdin(io.BytesIO(b"\xef\xbb\xbfa\r\ne\xcc\x81")) == "a\né"


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (_Terminal(b""), "<stdin>: is a terminal: pipe a text into it"),
        (io.BytesIO(b"x" * 101), "<stdin>: too large (more than the limit of 0 MB)"),
        (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), "<stdin>: binary file (not text)"),
        (io.BytesIO(b"caf\xe9"), "<stdin>:1:4: not valid UTF-8"),
    ],
)
def test_what_cannot_be_read_from_stdin_is_one_line(stream: io.BytesIO, message: str) -> None:
    with pytest.raises(ReaderError) as raised:
        read_stdin(stream, max_bytes=100)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def run_reader(
    *args: str, stdin: bytes, new_session: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """``python -m reader ARGS`` with ``stdin`` piped in (``new_session``: without a
    controlling terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
        start_new_session=new_session,
    )


def test_render_reads_markdown_or_html_from_stdin() -> None:
    """``reader render -``: Markdown, or a web page when it starts like one."""
    markdown = run_reader("render", "-", stdin=ARTICLE.encode())
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.decode().splitlines()[0] == "Notas do Volga"
    page = (FIXTURES / "html" / "news.html").read_bytes()
    html = run_reader("render", "-", "--width", "60", stdin=page)
    assert html.returncode == 0, html.stderr
    out = html.stdout.decode()
    assert out.splitlines()[0] == "Vacinas de mRNA: o que mudou em cinco anos"
    assert "cookies" not in out and "Comentários" not in out


def test_bad_stdin_is_one_line_and_exit_2() -> None:
    result = run_reader("render", "-", stdin=b"\x00\x01\x02\x03" * 100)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == ["reader: <stdin>: binary file (not text)"]


def test_the_reader_without_a_terminal_says_so() -> None:
    """``reader -`` needs a terminal for its keys once the pipe is read: with none (no
    controlling terminal), one line and exit 2, never a reader reading keys from a pipe."""
    result = run_reader("-", stdin=ARTICLE.encode(), new_session=True)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "reader: <stdin>: no terminal to read keys from; `reader render -` prints the text"
    ]


def test_glossaries_a_piped_text_names_are_looked_for_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "rios.yaml").write_text(
        "title: Rios\nlanguage: pt\nterms:\n  - term: Volga\n    short: Um rio.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    source = "---\nglossary: [rios]\n---\n" + ARTICLE
    opened = open_text(stdin_ref(), source=source)
    assert [note.label for note in opened.document.notes] == ["Volga"]


# --- how the store keys a piped text -----------------------------------------------------


def identity_of(ref: TextRef, source: str) -> tuple[TextIdentity, FlatText]:
    document = parse_source(source, ref)
    return text_identity(ref, source, document.meta.title), flat_text(document)


def test_a_piped_text_is_known_by_its_content_and_named_by_its_title(tmp_path: Path) -> None:
    """Its path in the store is ``stdin:`` and its content hash; the same content piped
    again, or opened from a file, finds its bookmarks; once edited, its title does."""
    store = BookmarkStore(tmp_path / FILE_NAME)
    piped, flat = identity_of(stdin_ref(), ARTICLE)
    assert is_stdin_identity(piped.path)
    assert piped.title == "Notas do Volga"
    store.add(piped, anchor_for_quote(flat, "mar Cáspio"), "nota")

    again, _ = identity_of(stdin_ref(), ARTICLE)
    assert [b.note for b in store.for_text(again)] == ["nota"]
    file = tmp_path / "volga.md"
    file.write_text(ARTICLE, encoding="utf-8")
    from_file, _ = identity_of(TextRef(file, str(file)), ARTICLE)
    assert [b.note for b in store.for_text(from_file)] == ["nota"]
    edited, _ = identity_of(stdin_ref(), ARTICLE + "\nMais um parágrafo.\n")
    assert [b.note for b in store.for_text(edited)] == ["nota"]
    other, _ = identity_of(stdin_ref(), "# Outro texto\n\nNada a ver.\n")
    assert store.for_text(other) == []
    store.close()


def test_two_untitled_piped_texts_are_never_one(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / FILE_NAME)
    first, flat = identity_of(stdin_ref(), "Só um parágrafo sem título.\n")
    assert first.title == ""
    store.add(first, anchor_for_quote(flat, "parágrafo"), "")
    second, _ = identity_of(stdin_ref(), "Outro parágrafo sem título.\n")
    assert store.for_text(second) == []
    store.close()


def test_bookmarks_list_never_reads_a_file_named_like_a_piped_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A piped text is not there to be read again: ``bookmarks list`` shows its bookmark
    as a missing text, even when a file in the working folder bears its store name."""
    data = tmp_path / "data"
    data.mkdir()
    store = BookmarkStore(data / FILE_NAME)
    piped, flat = identity_of(stdin_ref(), ARTICLE)
    store.add(piped, anchor_for_quote(flat, "mar Cáspio"), "")
    store.close()
    monkeypatch.chdir(tmp_path)
    Path(piped.path).write_text(ARTICLE, encoding="utf-8")
    result = run_cli(capsys, "bookmarks", "list", "--data-dir", data)
    assert result.code == 0, result.err
    assert "missing text" in result.out
    assert STDIN_NAME not in result.err
    assert os.path.exists(piped.path)


def test_a_text_opened_without_a_terminal_for_keys_says_so() -> None:
    """``reader PATH < /dev/null`` from a script without a terminal: the reader waited
    for keys that never came, drawing into whatever standard error was."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", "stalingrado"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
        start_new_session=True,
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "reader: stalingrado: no terminal to read keys from; "
        "`reader render stalingrado` prints the text"
    ]


def test_a_text_opened_with_standard_error_redirected_says_so() -> None:
    """Keys from a terminal, but standard error (where Textual draws) a file or pipe."""
    controller, terminal = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "stalingrado"],
            stdin=terminal,
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=REPO,
            timeout=120,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "reader: stalingrado: the reader draws on the terminal and standard error is not one; "
        "`reader render stalingrado` prints the text"
    ]
