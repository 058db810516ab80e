"""Reading user files: decoded text, or one clear ReaderError, never a traceback or a hang."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import random
from pathlib import Path

import pytest

from reader.cli import main
from reader.text.errors import ReaderError
from reader.text.textfile import read_text


def _write(tmp_path: Path, data: bytes, name: str = "text.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path, *, display_name: str | None = None, max_bytes: int = 1 << 26) -> ReaderError:
    with pytest.raises(ReaderError) as info:
        read_text(path, display_name=display_name, max_bytes=max_bytes)
    return info.value


def test_reads_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "Olá, Stalingrado!\n".encode())
    assert read_text(path) == "Olá, Stalingrado!\n"


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    assert read_text(_write(tmp_path, b"")) == ""


def test_missing_file(tmp_path: Path) -> None:
    error = _error(tmp_path / "nope.md")
    assert error.problem.message == "no such file"
    assert error.path == str(tmp_path / "nope.md")


def test_display_name_is_used_in_errors(tmp_path: Path) -> None:
    error = _error(tmp_path / "nope.md", display_name="stalingrado")
    assert str(error) == "stalingrado: no such file"


def test_path_through_a_file_is_no_such_file(tmp_path: Path) -> None:
    parent = _write(tmp_path, b"x", "plain.txt")
    assert _error(parent / "child.md").problem.message == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert _error(tmp_path).problem.message == "is a directory, not a text file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _error(fifo).problem.message == "not a regular file"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_device_is_refused() -> None:
    assert _error(Path("/dev/null")).problem.message == "not a regular file"


def test_symlink_loop(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.symlink_to(second)
    second.symlink_to(first)
    assert _error(first).problem.message == "too many levels of symbolic links"


def test_symlink_to_a_file_is_followed(tmp_path: Path) -> None:
    target = _write(tmp_path, b"hello\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert read_text(link) == "hello\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"secret\n")
    path.chmod(0)
    try:
        assert _error(path).problem.message == "permission denied"
    finally:
        path.chmod(0o644)


def test_embedded_nul_in_the_name(tmp_path: Path) -> None:
    assert _error(tmp_path / "a\x00b").problem.message == "not a valid file name"


def test_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, b"x" * 3 * 1024 * 1024)
    error = _error(path, max_bytes=2 * 1024 * 1024)
    assert error.problem.message == "too large (3 MB; the limit is 2 MB)"


def test_exactly_the_limit_is_fine(tmp_path: Path) -> None:
    assert read_text(_write(tmp_path, b"abcd"), max_bytes=4) == "abcd"


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + "título\n".encode())
    assert read_text(path) == "título\n"


@pytest.mark.parametrize(
    ("bom", "encoding"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(tmp_path: Path, bom: bytes, encoding: str) -> None:
    path = _write(tmp_path, bom + "Olá\r\nmundo 😀\n".encode(encoding))
    assert read_text(path) == "Olá\nmundo 😀\n"


def test_broken_utf16_is_refused_with_its_line(tmp_path: Path) -> None:
    data = (
        codecs.BOM_UTF16_LE + "one\ntwo\n".encode("utf-16-le") + b"\x00\xdc"
    )  # lone low surrogate
    error = _error(_write(tmp_path, data))
    assert error.problem.message.startswith("not valid UTF-16")
    assert error.line == 3


def test_utf32_is_refused(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, codecs.BOM_UTF32_LE + "hi\n".encode("utf-32-le")))
    assert error.problem.message.startswith("UTF-32 text is not supported")


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    path = _write(tmp_path, b"one\r\ntwo\rthree\n\r\n")
    assert read_text(path) == "one\ntwo\nthree\n\n"


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, b"caf" + "e\u0301".encode())
    assert read_text(path) == "café"
    assert read_text(path) == "caf\u00e9"


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "one\ntwo\nação ".encode() + b"caf\xe9\n")
    error = _error(path)
    assert error.line == 3
    assert error.problem.column == 9
    assert error.problem.message == (
        "not valid UTF-8 (byte 0xE9); save it as UTF-8, e.g. iconv -f latin1 -t utf-8"
    )
    assert str(error).startswith(f"{path}:3:9: not valid UTF-8")


def test_invalid_utf8_on_first_line(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, b"\xfe abc\n"))
    assert (error.line, error.problem.column) == (1, 1)


@pytest.mark.parametrize(
    "magic",
    [
        b"\x89PNG\r\n\x1a\n",
        b"%PDF-1.7\n",
        b"PK\x03\x04",
        b"\x1f\x8b\x08",
        b"\x7fELF\x02",
        b"\xff\xd8\xff\xe0",
        b"GIF89a",
        b"SQLite format 3\x00",
    ],
)
def test_binary_magic_is_refused(tmp_path: Path, magic: bytes) -> None:
    path = _write(tmp_path, magic + b"plain looking text\n" * 100)
    assert _error(path).problem.message == "binary file (not text)"


def test_a_few_nuls_in_a_text_do_not_make_it_binary(tmp_path: Path) -> None:
    """2% NUL used to be "binary file" (issue 12): a text with stray NULs is a text,
    read as it is (the parser shows each NUL as U+FFFD, with a warning)."""
    data = (b"a" * 97 + b"\x00\x00\n") * 10
    assert read_text(_write(tmp_path, data)).count("\x00") == 20


def test_a_few_bytes_are_never_judged_binary(tmp_path: Path) -> None:
    assert read_text(_write(tmp_path, b"\x00\x00\x00\n")) == "\x00\x00\x00\n"


def test_mostly_nuls_is_binary(tmp_path: Path) -> None:
    data = b"text\x00\x00\x00\x00" * 200  # 50% NUL
    assert _error(_write(tmp_path, data)).problem.message == "binary file (not text)"


def test_many_control_bytes_is_binary(tmp_path: Path) -> None:
    data = (b"abcd\x01\x02\x03\n") * 50  # 37.5% controls, no NUL
    assert _error(_write(tmp_path, data)).problem.message == "binary file (not text)"


def test_random_bytes_are_binary_not_a_wrong_encoding(tmp_path: Path) -> None:
    """About a tenth of random bytes are controls, and they are not UTF-8: binary, not
    "save it as UTF-8"."""
    data = random.Random(12).randbytes(8192)
    assert _error(_write(tmp_path, data)).problem.message == "binary file (not text)"


def test_a_text_in_a_legacy_encoding_is_told_to_convert(tmp_path: Path) -> None:
    """Cyrillic in cp1251 is almost all bytes over 0x7F, but no controls: not binary."""
    data = ("Сталинградская битва. " * 100 + "\n").encode("cp1251")
    assert "not valid UTF-8" in _error(_write(tmp_path, data)).problem.message


def test_text_controls_do_not_make_it_binary(tmp_path: Path) -> None:
    data = b"\t\x1b[1m\f\r\n" * 100
    assert read_text(_write(tmp_path, data)).startswith("\t\x1b[1m\f\n")


def test_one_nul_in_a_text_is_accepted(tmp_path: Path) -> None:
    data = b"A normal paragraph of text, long enough to dilute one NUL.\n" * 4 + b"x\x00y\n"
    assert "x\x00y" in read_text(_write(tmp_path, data))


def test_only_the_first_8k_is_sniffed(tmp_path: Path) -> None:
    data = b"text line\n" * 1000 + b"\x00" * 1000
    assert read_text(_write(tmp_path, data)).endswith("\x00" * 1000)


def test_permission_error_wording_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert _error(_write(tmp_path, b"x")).problem.message == "permission denied"


def test_other_os_errors_use_their_lower_cased_strerror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "open", fail)
    assert _error(_write(tmp_path, b"x")).problem.message == "input/output error"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_swapped_in_after_the_stat_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = _write(tmp_path, b"x")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path: real_stat(regular))
    assert _error(fifo).problem.message == "not a regular file"


def test_file_that_grew_past_the_limit_after_the_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _write(tmp_path, b"x", "small.md")
    big = _write(tmp_path, b"y" * 2048, "big.md")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path: real_stat(small))
    assert _error(big, max_bytes=1024).problem.message.startswith("too large")


PAGE_BODY = "<p>Olá — a ofensiva “alemã” à beira do Volga, ça va</p>"


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ("<meta charset=ISO-8859-1>", "cp1252"),  # read as windows-1252, as browsers do
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', "iso8859_15"),
        ('<?xml version="1.0" encoding="windows-1252"?>', "cp1252"),
    ],
)
def test_a_page_in_the_encoding_it_declares_is_read(
    tmp_path: Path, head: str, encoding: str
) -> None:
    body = (
        PAGE_BODY
        if encoding == "cp1252"
        else PAGE_BODY.replace("—", "-").replace("“", '"').replace("”", '"')
    )
    page = f"<html><head>{head}<title>t</title></head><body>{body}</body></html>"
    path = _write(tmp_path, page.encode(encoding), "page.html")
    assert body in read_text(path)


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="utf-8">',  # it says UTF-8 and is not: the usual error
        '<meta charset="no-such-encoding">',
        "<!-- " + "x" * 1100 + ' --><meta charset="windows-1252">',  # past the prescan
    ],
)
def test_a_declaration_that_does_not_hold_leaves_the_usual_error(tmp_path: Path, head: str) -> None:
    page = f"<html><head>{head}</head><body><p>caf\xe9</p></body></html>"
    path = _write(tmp_path, page.encode("latin-1"), "page.html")
    assert _error(path).problem.message.startswith("not valid UTF-8 (byte 0xE9)")


def test_a_page_declaring_an_encoding_with_control_bytes_keeps_them_off_the_terminal(
    tmp_path: Path,
) -> None:
    """ISO-8859-15 maps 0x9B to U+009B (CSI): it must never reach the terminal raw."""
    page = (
        b'<html><head><meta charset="iso-8859-15"></head>'
        b"<body><p>caf\xe9 \x9b31m red</p></body></html>"
    )
    path = _write(tmp_path, page, "page.html")
    text = read_text(path)
    assert "café" in text
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["render", str(path)]) == 0
    assert "café" in out.getvalue()
    assert "\x9b" not in out.getvalue() and "\x1b" not in out.getvalue()
