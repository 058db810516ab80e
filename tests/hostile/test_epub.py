"""Hostile books: each is refused in one line naming the book (exit 2), or shown with one
line naming what was left out, and none makes the reader hang, read a file outside it,
expand an entity or touch the network."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest

from reader.document.epub import parse_epub, read_book
from tests.core_helpers import run_cli
from tests.epub_helpers import Book, chapter, river_book, write_zip
from tests.hostile.helpers import assert_one_line_refusal

SECRET = "SEGREDO-DO-SISTEMA"


def render(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, list[str]]:
    result = run_cli(capsys, "render", path)
    return result.code, result.out, result.err_lines


def refused(capsys: pytest.CaptureFixture[str], path: Path, *fragments: str) -> str:
    return assert_one_line_refusal(run_cli(capsys, "render", path), *fragments)


# --- the container --------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """40 MB of zeros deflate to 40 KB: refused by what the zip's directory says."""
    book = river_book()
    book.extra = {"OEBPS/bomba.xhtml": b"\0" * (40 * 1024 * 1024)}
    path = book.write(tmp_path / "bomba.epub")
    assert path.stat().st_size < 200_000
    refused(capsys, path, "bomba.epub", "OEBPS/bomba.xhtml", "a zip bomb")


def test_a_member_that_lies_about_its_size_is_read_no_further(tmp_path: Path) -> None:
    """A chapter whose directory entry says 100 bytes and holds 10 MB: zipfile reads the
    100 bytes, then fails its CRC; the chapter is left out with a warning."""
    book = river_book()
    big = chapter("<p>" + "palavra " * 1_300_000 + "</p>")
    book.chapters = {**book.chapters, "dois.xhtml": big}
    path = book.write(tmp_path / "mente.epub")
    data = bytearray(path.read_bytes())
    name = b"OEBPS/dois.xhtml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = struct.pack("<I", 100)
            start += 4
    path.write_bytes(bytes(data))
    document = parse_epub(read_book(path, "mente.epub"), "mente.epub")
    assert "O delta" not in [block.text for block in document.blocks]
    assert [str(w) for w in document.warnings] == [
        "mente.epub/OEBPS/dois.xhtml: warning: cannot be read (bad CRC-32 for file "
        "'OEBPS/dois.xhtml')"
    ]


@pytest.mark.parametrize(
    "member",
    ["../../etc/passwd", "/etc/passwd", "OEBPS/../../fora.xhtml", "C:\\Windows\\win.ini"],
)
def test_members_named_outside_the_book_refuse_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, member: str
) -> None:
    book = river_book()
    book.extra = {member: b"<p>fora</p>"}
    path = book.write(tmp_path / "fuga.epub")
    refused(capsys, path, "fuga.epub", "has a path outside the book")


def test_a_member_twice_and_an_encrypted_member_refuse_the_book(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "duas.epub"
    members = river_book().members()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("OEBPS/um.xhtml", b"<p>outro</p>")
    refused(capsys, path, "duas.epub", "'OEBPS/um.xhtml' is in the book twice")
    secret = tmp_path / "cifrado.epub"
    write_zip(secret, members)
    flagged = bytearray(secret.read_bytes())
    central = flagged.find(b"PK\x01\x02")
    flagged[central + 8] |= 0x1  # the "encrypted" flag of the first member
    secret.write_bytes(bytes(flagged))
    refused(capsys, secret, "cifrado.epub", "'mimetype' is encrypted")


def test_a_zip_that_is_not_a_zip_and_a_book_without_a_container(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "quebrado.epub"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    refused(capsys, broken, "quebrado.epub", "not a readable EPUB (zip) file")
    empty = tmp_path / "vazio.epub"
    write_zip(empty, {"mimetype": b"application/epub+zip"})
    refused(capsys, empty, "vazio.epub: no META-INF/container.xml: not an EPUB")


# --- the package -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opf", "message"),
    [
        ("<package><metadata>", "content.opf:1: not well-formed XML"),
        ("<package version='3.0'><manifest/></package>", "no <spine>"),
        ("<package version='3.0'><manifest/><spine/></package>", "the <spine> lists no chapter"),
        ("<html/>", "not a package file (its root is <html>)"),
    ],
)
def test_a_broken_package_file_refuses_the_book(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, opf: str, message: str
) -> None:
    path = river_book(opf=opf).write(tmp_path / "livro.epub")
    refused(capsys, path, "livro.epub/OEBPS/content.opf", message)


def test_a_container_that_names_no_package_or_a_missing_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nothing = river_book(container="<container><rootfiles/></container>")
    refused(capsys, nothing.write(tmp_path / "a.epub"), "names no package file")
    missing = river_book(
        container='<container><rootfiles><rootfile full-path="nada.opf"/></rootfiles></container>'
    )
    refused(capsys, missing.write(tmp_path / "b.epub"), "the package file named by")
    outside = river_book(
        container='<container><rootfiles><rootfile full-path="../x.opf"/></rootfiles></container>'
    )
    refused(capsys, outside.write(tmp_path / "c.epub"), "is outside the book")
    broken = river_book(container="<container><rootfiles>")
    refused(capsys, broken.write(tmp_path / "d.epub"), "META-INF/container.xml:1: not well-formed")


LAUGHS = (
    '<!DOCTYPE package [<!ENTITY a "hahahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


def test_a_billion_laughs_in_the_package_refuses_the_book_and_in_a_chapter_stays_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """libxml2 refuses entities that would amplify a file, even unexpanded: a package
    that declares them is refused in one line; a chapter that does is read as HTML
    without its DTD, its references shown as written."""
    book = river_book(metadata="<dc:title>Riso &j;</dc:title><dc:language>pt</dc:language>")
    book.opf = book.package().replace("<package", LAUGHS + "<package", 1)
    refused(capsys, book.write(tmp_path / "riso.epub"), "content.opf:1: not well-formed XML")
    book = river_book()
    book.chapters = {
        **book.chapters,
        "dois.xhtml": chapter("<p>Riso &j; no meio.</p>", prolog=LAUGHS.replace("package", "html")),
    }
    code, out, err = render(capsys, book.write(tmp_path / "riso-no-meio.epub"))
    assert code == 0, err
    assert "hahaha" not in out and "Riso" in out and len(out) < 20_000


def test_external_entities_are_never_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    secret = tmp_path / "segredo.txt"
    secret.write_text(SECRET)
    doctype = f'<!DOCTYPE package [<!ENTITY s SYSTEM "file://{secret}">]>'
    book = river_book(metadata="<dc:title>Leia &s;</dc:title>")
    book.opf = book.package().replace("<package", doctype + "<package", 1)
    book.chapters = {
        **book.chapters,
        "um.xhtml": chapter("<p>Aqui: &s;.</p>", prolog=doctype.replace("package", "html")),
        "dois.xhtml": chapter(
            "<p>Rede: &r;.</p>",
            prolog='<!DOCTYPE html [<!ENTITY r SYSTEM "http://127.0.0.1:9/x">]>',
        ),
    }
    code, out, err = render(capsys, book.write(tmp_path / "xxe.epub"))
    assert SECRET not in out and SECRET not in "".join(err)
    assert code == 0, err


# --- the chapters ------------------------------------------------------------------------


def test_a_spine_item_that_is_not_xhtml_is_left_out_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = river_book()
    book.manifest = (
        '<item id="capa" href="capa.svg" media-type="image/svg+xml"/>'
        '<item id="velho" href="velho.html" media-type="text/html"/>'
    )
    book.extra = {
        "OEBPS/capa.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><text>capa</text></svg>',
        "OEBPS/velho.html": b"<html><body><p>Um cap\xc3\xadtulo em HTML<br> sem fechar<p>nada",
    }
    book.spine = ["capa", "c-um-xhtml", "velho", "c-dois-xhtml"]
    code, out, err = render(capsys, book.write(tmp_path / "misto.epub"))
    assert code == 0
    assert err == [
        f"reader: {tmp_path / 'misto.epub'}/OEBPS/capa.svg: warning: is image/svg+xml, "
        "not XHTML: left out"
    ]
    assert "Um capítulo em HTML" in out and "O delta" in out


def test_a_spine_item_missing_from_the_book_is_a_warning_and_all_missing_a_refusal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = river_book()
    book.manifest = '<item id="x" href="perdido.xhtml" media-type="application/xhtml+xml"/>'
    book.spine = ["c-um-xhtml", "x", "nenhum"]
    code, out, err = render(capsys, book.write(tmp_path / "falta.epub"))
    assert code == 0 and "A nascente" in out
    assert err == [
        f"reader: {tmp_path / 'falta.epub'}/OEBPS/perdido.xhtml: warning: is in the spine "
        "but not in the book: "
        "left out",
        f"reader: {tmp_path / 'falta.epub'}: warning: the spine names 'nenhum', which is no "
        "file of the book",
    ]
    book.spine = ["x"]
    refused(capsys, book.write(tmp_path / "nada.epub"), "nada.epub/OEBPS/perdido.xhtml")


def test_a_chapter_of_nesting_is_shown_up_to_the_limit(tmp_path: Path) -> None:
    """5 MB of nested ``<div>``s in one chapter (stored, so no bomb): libxml2 stops at
    its depth, the chapter is shown up to there with a warning, the others whole."""
    book = river_book()
    book.chapters = {
        **book.chapters,
        "dois.xhtml": chapter("<p>Antes do poço.</p>" + "<div>" * 1_000_000),
    }
    members = book.members()
    path = tmp_path / "poco.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    document = parse_epub(read_book(path, "poco.epub"), "poco.epub")
    texts = [block.text for block in document.blocks]
    assert "Antes do poço." in texts and "A nascente" in texts
    assert any("nested deeper than" in str(warning) for warning in document.warnings)


@pytest.mark.slow
def test_100_mb_of_nested_divs_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chunk = b"<div>" * 200_000  # 1 MB
    book = river_book()
    path = book.write(tmp_path / "cem.epub")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OEBPS/fundo.xhtml", chunk * 100)
    refused(capsys, path, "cem.epub", "OEBPS/fundo.xhtml", "a zip bomb")


def test_a_folder_book_never_reads_through_a_link_out_of_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    secret = tmp_path / "segredo.xhtml"
    secret.write_text(chapter(f"<p>{SECRET}</p>"))
    folder = river_book().unpack(tmp_path / "livro")
    chapter_file = folder / "OEBPS" / "dois.xhtml"
    chapter_file.unlink()
    chapter_file.symlink_to(secret)
    fifo = folder / "OEBPS" / "notas.xhtml"
    fifo.unlink()
    os.mkfifo(fifo)  # never opened: reading it would block
    code, out, err = render(capsys, folder)
    assert code == 0
    assert SECRET not in out and "A nascente" in out
    assert any("OEBPS/dois.xhtml" in line for line in err)


def test_an_empty_book_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = Book({"a.xhtml": chapter("")}).write(tmp_path / "nada.epub")
    refused(capsys, path, "nada.epub: no chapter of the book has any text")
