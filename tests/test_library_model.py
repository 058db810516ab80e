"""The library's pure model: filtering (case and accents ignored), the two orders, moved
files merged by content, dates as a person says them, and what a row's cells say."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.userdata.library import (
    COLUMNS,
    LibraryEntry,
    LibraryRecord,
    Origin,
    SortOrder,
    filter_entries,
    format_label,
    human_date,
    merge_moved,
    row_cells,
    row_line,
    sort_entries,
    text_widths,
    visible_entries,
)

NOW = datetime(2026, 3, 20, 15, 0, 0, tzinfo=UTC)


def entry(
    title: str,
    *,
    last_read: str = "",
    author: str = "",
    language: str = "",
    path: str | None = None,
    text_format: str = "markdown",
    content_hash: str = "",
    missing: bool = False,
    percent: int = -1,
    bookmarks: int = 0,
) -> LibraryEntry:
    record = LibraryRecord(
        path or f"/textos/{title}.md",
        title,
        author,
        language,
        text_format,
        100,
        content_hash,
        percent,
        last_read,
        bookmarks,
    )
    return LibraryEntry(record, Origin.OPENED, missing)


def test_the_filter_ignores_case_and_accents_and_needs_every_word() -> None:
    shelf = [
        entry("Memórias Póstumas", author="Machado de Assis", language="pt"),
        entry("Dom Casmurro", author="Machado de Assis"),
        entry("Stalingrado", language="pt"),
    ]
    assert [e.record.title for e in filter_entries(shelf, "MEMORIAS")] == ["Memórias Póstumas"]
    assert [e.record.title for e in filter_entries(shelf, "machado")] == [
        "Memórias Póstumas",
        "Dom Casmurro",
    ]
    assert [e.record.title for e in filter_entries(shelf, "assis dom")] == ["Dom Casmurro"]
    assert len(filter_entries(shelf, "  ")) == 3
    assert filter_entries(shelf, "kursk") == []


def test_the_filter_finds_the_format_and_the_file_name() -> None:
    book = entry("Livro", text_format="epub", path="/livros/guerra-e-paz.epub")
    page = entry("Artigo", text_format="html", path="/web/artigo.html")
    assert filter_entries([book, page], "epub") == [book]
    assert filter_entries([book, page], "guerra") == [book]
    assert filter_entries([book, page], "html") == [page]


def test_last_read_puts_the_most_recent_first_and_unread_texts_after_by_title() -> None:
    shelf = [
        entry("Beta", last_read="2026-03-01T10:00:00Z"),
        entry("Ámbar"),
        entry("Gama", last_read="2026-03-19T10:00:00Z"),
        entry("Alfa"),
    ]
    by_read = [e.record.title for e in sort_entries(shelf, SortOrder.LAST_READ)]
    assert by_read == ["Gama", "Beta", "Alfa", "Ámbar"]
    by_title = [e.record.title for e in sort_entries(shelf, SortOrder.TITLE)]
    assert by_title == ["Alfa", "Ámbar", "Beta", "Gama"]  # Á sorts with A
    assert [e.record.title for e in visible_entries(shelf, "a", SortOrder.TITLE)] == by_title


def test_a_missing_file_gives_way_to_the_same_content_found_elsewhere() -> None:
    old = entry(
        "Velho",
        path="/antes/texto.md",
        content_hash="h1",
        missing=True,
        last_read="2026-03-19T10:00:00Z",
        percent=55,
    )
    new = entry("Velho", path="/agora/texto.md", content_hash="h1")
    lost = entry("Perdido", path="/antes/outro.md", content_hash="h2", missing=True)
    merged = merge_moved([old, new, lost])
    assert [e.path for e in merged] == ["/agora/texto.md", "/antes/outro.md"]
    assert merged[0].record.percent == 55  # the history moved with the file
    assert merged[0].record.last_read == "2026-03-19T10:00:00Z"
    assert merged[1].missing


def test_dates_are_said_as_a_person_says_them() -> None:
    assert human_date("", NOW) == "never"
    assert human_date("2026-03-20T14:59:30Z", NOW) == "just now"
    assert human_date("2026-03-20T14:48:00Z", NOW) == "12 min ago"
    assert human_date("2026-03-20T14:59:00Z", NOW) == "1 min ago"
    assert human_date("2026-03-20T09:14:00Z", NOW) == "today 09:14"
    assert human_date("2026-03-19T23:00:00Z", NOW) == "yesterday"
    assert human_date("2026-03-17T08:00:00Z", NOW) == "3 days ago"
    assert human_date("2026-01-02T08:00:00Z", NOW) == "2 Jan"
    assert human_date("2024-12-25T08:00:00Z", NOW) == "25 Dec 2024"
    assert human_date("not a date", NOW) == "not a date"


def test_a_row_says_title_author_language_format_share_bookmarks_and_last_read() -> None:
    row = row_cells(
        entry(
            "Memórias",
            author="Machado",
            language="pt",
            percent=42,
            bookmarks=3,
            last_read="2026-03-19T08:00:00Z",
        ),
        NOW,
    )
    assert row == ("Memórias", "Machado", "pt", "Markdown", "42%", "3", "yesterday")
    unread = row_cells(entry("Novo", text_format="plain"), NOW)
    assert unread[3:] == ("text", "—", "", "never")
    assert row_cells(entry("Foi", missing=True), NOW)[6] == "missing"
    long = row_cells(entry("palavra " * 20), NOW)[0]
    assert len(long) == 40 and long.endswith("…")
    narrow = row_cells(entry("palavra " * 20, author="Alguém de Nome Comprido"), NOW, (19, 11))
    assert len(narrow[0]) == 19 and len(narrow[1]) <= 11 and narrow[1].endswith("…")


def test_the_columns_fit_the_width_with_most_of_it_to_the_title() -> None:
    assert text_widths(80) == (20, 11)
    title, author = text_widths(120)
    assert title > 40 and author > 20
    assert text_widths(20) == (12, 6)  # never nothing


def test_the_format_of_a_text_recorded_before_formats_is_guessed_from_its_name() -> None:
    assert format_label("", "/a/livro.EPUB") == "EPUB"
    assert format_label("", "/a/pagina.htm") == "HTML"
    assert format_label("xhtml") == "HTML"
    assert format_label("", "stalingrado") == ""


def test_rows_are_laid_out_in_columns_that_fit_80_columns() -> None:
    widths = text_widths(80)
    heading = row_line(COLUMNS, widths)
    row = row_line(
        row_cells(entry("Memórias", author="Machado", percent=7, bookmarks=12), NOW, widths),
        widths,
    )
    assert len(heading) <= 76 and len(row) <= 76  # margins and the scroll bar beside them
    assert heading.index("Read") + len("Read") == row.index("7%") + len("7%")  # flush right
    assert heading.index("Format") == row.index("Markdown")
    wide = row_line(row_cells(entry("東京物語"), NOW, widths), widths)
    assert wide.index("Markdown") == heading.index("Format") - 4  # wide characters count twice
