"""EPUB books: the spine in order as one document, the nav or NCX as the outline, the
package's metadata, footnotes and endnotes as notes, the book's links as jumps; real
books by pandoc, SiSU and Sphinx; how a book is recognised; a long book's opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import BlockKind, Document, SpanKind
from reader.document.epub import parse_epub, parse_epub_opening, read_book
from reader.document.jumps import linked_block
from reader.linking import link_document
from reader.pipeline import TextFormat, read_source, resolve_text, text_format
from reader.pipeline.formats import is_book
from reader.userdata.model import content_hash
from tests.core_helpers import FIXTURES, glossary_set, run_cli
from tests.epub_helpers import Book, chapter, river_book, write_zip

EPUBS = FIXTURES / "epub"


def book_document(path: Path) -> Document:
    return parse_epub(read_book(path, path.name), path.name)


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


def links(document: Document) -> list[tuple[str, str]]:
    """(link text, target) of every link, in reading order."""
    return [
        (block.text[span.start : span.end], span.target)
        for block in document.blocks
        for span in block.spans
        if span.kind is SpanKind.LINK
    ]


# --- structure, outline, metadata ---------------------------------------------------------


@pytest.mark.parametrize("ncx", [False, True], ids=["epub3-nav", "epub2-ncx"])
def test_the_spine_is_one_document_and_the_toc_its_outline(tmp_path: Path, ncx: bool) -> None:
    book = river_book(ncx=ncx, version="2.0" if ncx else "3.0")
    document = book_document(book.write(tmp_path / "rio.epub"))
    assert texts(document) == [
        "O Livro do Rio",
        "A nascente",
        "O Volga nasce nas colinas de Valdai.",
        "Leia sobre a foz do rio mais adiante.",
        "O delta",
        "Um parágrafo de passagem antes da foz.",
        "A foz",
        "O rio termina no mar Cáspio.",
        "De volta ao começo, ou ao sítio.",
    ]  # the notes chapter's heading went with its notes
    assert document.blocks[0].kind is BlockKind.HEADING and document.blocks[0].level == 1
    outline = [(entry.level, entry.title, entry.block_id) for entry in document.outline]
    assert outline == [  # the book's own titles, not its headings
        (1, "Primeiro: a nascente", "h-1"),
        (1, "Segundo: o delta", "h-2"),
        (2, "A foz", "h-3"),
    ]
    assert document.warnings == ()


def test_without_a_toc_the_headings_are_the_outline(tmp_path: Path) -> None:
    document = book_document(river_book(toc=()).write(tmp_path / "rio.epub"))
    assert [entry.title for entry in document.outline] == ["A nascente", "O delta", "A foz"]


def test_epub3_metadata(tmp_path: Path) -> None:
    metadata = (
        '<dc:title id="t">O Livro do Rio</dc:title><dc:title>Um subtítulo</dc:title>'
        '<meta refines="#t" property="title-type">main</meta>'
        '<dc:creator id="a1">Ana Souza</dc:creator><dc:creator id="a2">Rui Lima</dc:creator>'
        '<dc:creator id="e">Eva Editora</dc:creator>'
        '<meta refines="#a1" property="role" scheme="marc:relators">aut</meta>'
        '<meta refines="#e" property="role" scheme="marc:relators">edt</meta>'
        "<dc:language>pt_PT</dc:language><dc:date>2020-03-04T10:00:00Z</dc:date>"
        "<dc:publisher>Edições\u202e Rodapé</dc:publisher>"
    )
    document = book_document(river_book(metadata=metadata).write(tmp_path / "rio.epub"))
    meta = document.meta
    assert (meta.title, meta.author, meta.language, meta.date) == (
        "O Livro do Rio",
        "Ana Souza, Rui Lima",
        "pt-PT",
        "2020-03-04",
    )
    assert meta.source == "Edições⟨RLO⟩ Rodapé"  # the publisher, made visible


def test_epub2_metadata(tmp_path: Path) -> None:
    metadata = (
        "<dc:title>  O   Livro\n do Rio </dc:title>"
        '<dc:creator opf:role="edt">Eva Editora</dc:creator>'
        '<dc:creator opf:role="aut" opf:file-as="Souza, Ana">Ana Souza</dc:creator>'
        '<dc:date opf:event="modification">2021-01-01</dc:date>'
        '<dc:date opf:event="publication">1999-12</dc:date>'
    )
    book = river_book(metadata=metadata, version="2.0", ncx=True)
    meta = book_document(book.write(tmp_path / "rio.epub")).meta
    assert (meta.title, meta.author, meta.date, meta.language, meta.source) == (
        "O Livro do Rio",
        "Ana Souza",
        "1999-12",
        "und",
        None,
    )


def test_a_book_without_a_title_is_named_by_its_file(tmp_path: Path) -> None:
    book = Book({"a.xhtml": chapter("<p>Só um parágrafo.</p>")}, metadata="")
    document = book_document(book.write(tmp_path / "sem-titulo.epub"))
    assert document.meta.title == "sem-titulo"
    assert texts(document) == ["sem-titulo", "Só um parágrafo."]


# --- notes and links ---------------------------------------------------------------------


def test_footnotes_and_endnotes_share_the_note_sequence_with_glossary_notes(
    tmp_path: Path,
) -> None:
    document = book_document(river_book().write(tmp_path / "rio.epub"))
    glossary = glossary_set("terms:\n  - term: Volga\n    short: Um rio.\n")
    linked = link_document(document, glossary)
    assert [(note.number, note.label) for note in linked.notes] == [
        (1, "Volga"),
        (2, "1"),
        (3, "2"),
    ]
    assert [block.text for note in linked.notes[1:] for block in note.blocks] == [
        "A cerca de 228 metros.",
        "Perto de Astracã.",
    ]


def test_links_within_the_book_lead_to_blocks(tmp_path: Path) -> None:
    document = book_document(river_book().write(tmp_path / "rio.epub"))
    found = links(document)
    assert found == [
        ("a foz do rio", "#h-3"),  # another chapter's id
        ("ao começo", "#h-1"),  # another chapter, no fragment: its first block
        ("sítio", "https://example.org/volga"),  # out of the book: as written
    ]
    for _, target in found[:2]:
        block = linked_block(target)
        assert block is not None and document.block_index(block) is not None


# --- books by real producers ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["pandoc-livro.epub", "pandoc-livro-epub2.epub"])
def test_pandoc_books(name: str) -> None:
    document = book_document(EPUBS / name)
    meta = document.meta
    assert (meta.title, meta.author, meta.language, meta.date, meta.source) == (
        "O Rio e a Cidade",
        "Ana Souza",
        "pt-BR",
        "2024-05-10",
        "Edições Rodapé",
    )
    assert [block.text for note in document.notes for block in note.blocks] == [
        "A nascente fica a cerca de 228 metros de altitude.",
        "Kazan é a capital do Tartaristão.",
        "O delta tem cerca de 160 quilômetros de largura.",
    ]
    assert [entry.title for entry in document.outline] == [
        "O Rio e a Cidade",
        "A nascente",
        "As primeiras cidades",
        "O meio do caminho",
        "A foz",
    ]
    by_id = {block.id: block.text for block in document.blocks}
    jumps = {text: by_id[linked_block(target) or ""] for text, target in links(document)}
    assert jumps == {"a foz do rio": "A foz", "a nascente": "A nascente"}
    assert document.warnings == ()


def test_a_sisu_book_from_debian() -> None:
    """SiSU lists a file many times in its spine (``about-manual.xhtml#o8``) and writes
    its language ``pt_BR``."""
    document = book_document(EPUBS / "debian-live-manual.pt_BR.epub")
    assert (document.meta.title, document.meta.language, document.meta.date) == (
        "Manual Live Systems",
        "pt-BR",
        "2015-09-22",
    )
    opening = "This manual serves as a single access point"
    assert sum(text.startswith(opening) for text in texts(document)) == 1  # read once
    assert len(document.outline) > 100
    assert any("Para os impacientes" in text for text in texts(document))


def test_a_sphinx_book_from_debian() -> None:
    """Sphinx puts a navigation bar in every chapter (left out) and writes its table of
    contents as if every chapter were beside it (found by the file's name)."""
    document = book_document(EPUBS / "debian-ubuntu-packaging-guide.pt_BR.epub")
    assert (document.meta.title, document.meta.author) == (
        "Ubuntu Packaging Guide",
        "Ubuntu Developers",
    )
    assert "próximo" not in texts(document) and "Navegação" not in texts(document)
    assert len(document.outline) > 50
    assert "Guia de configuração" in [entry.title for entry in document.outline]


# --- how a book is recognised ------------------------------------------------------------


def test_a_book_is_known_by_suffix_by_its_mimetype_or_as_a_folder(tmp_path: Path) -> None:
    book = river_book()
    named = book.write(tmp_path / "rio.epub")
    unnamed = book.write(tmp_path / "rio")  # no suffix: the zip's first member says it
    folder = book.unpack(tmp_path / "rio-aberto")
    plain_zip = write_zip(tmp_path / "outro", {"leia.txt": b"nada"})
    assert [is_book(path) for path in (named, unnamed, folder, plain_zip, tmp_path)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    for path in (named, unnamed, folder):
        ref = resolve_text(str(path))
        source = read_source(ref)
        assert isinstance(source, bytes) and text_format(ref, source) is TextFormat.EPUB
        assert texts(parse_epub(source, ref.name)) == texts(book_document(named))


def test_a_folder_book_has_a_content_hash_that_follows_its_files(tmp_path: Path) -> None:
    folder = river_book().unpack(tmp_path / "rio")
    before = read_source(resolve_text(str(folder)))
    assert content_hash(read_source(resolve_text(str(folder)))) == content_hash(before)
    chapter_file = folder / "OEBPS" / "dois.xhtml"
    chapter_file.write_text(chapter_file.read_text().replace("passagem", "travessia"))
    assert content_hash(read_source(resolve_text(str(folder)))) != content_hash(before)


def test_render_prints_a_book_with_its_notes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "render", river_book().write(tmp_path / "rio.epub"), "--width", "60")
    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    assert out.index("A nascente") < out.index("O delta") < out.index("Notas")
    assert "Perto de Astracã." in out and "A cerca de 228 metros." in out


# --- a long book's opening -----------------------------------------------------------------


def long_book(chapters: int, paragraphs: int) -> Book:
    body = "".join(f"<p>Parágrafo {n} com algumas palavras a mais.</p>" for n in range(paragraphs))
    return Book(
        {
            f"c{n:03}.xhtml": chapter(f"<section><h1>Capítulo {n}</h1>{body}</section>")
            for n in range(chapters)
        }
    )


def test_the_opening_of_a_long_book_is_its_first_chapters_with_the_same_ids(
    tmp_path: Path,
) -> None:
    path = long_book(40, 100).write(tmp_path / "longo.epub")
    data = read_book(path, "longo.epub")
    whole = parse_epub(data, "longo.epub")
    opening = parse_epub_opening(data, "longo.epub", 10_000)
    assert opening is not None
    assert 1 < len(opening.blocks) < len(whole.blocks) // 4
    assert [(b.id, b.text) for b in opening.blocks] == [
        (b.id, b.text) for b in whole.blocks[: len(opening.blocks)]
    ]
    assert parse_epub_opening(data, "longo.epub", 1_000_000) is None  # short enough whole


def test_the_opening_of_a_book_of_one_long_chapter_is_its_start(tmp_path: Path) -> None:
    path = long_book(1, 4000).write(tmp_path / "um.epub")
    data = read_book(path, "um.epub")
    whole = parse_epub(data, "um.epub")
    opening = parse_epub_opening(data, "um.epub", 10_000)
    assert opening is not None
    assert 10 < len(opening.blocks) < len(whole.blocks) // 10
    assert [(b.id, b.text) for b in opening.blocks] == [
        (b.id, b.text) for b in whole.blocks[: len(opening.blocks)]
    ]
