"""The library in the store (schema 5) and gathered from every source: the migration from
a schema-4 file, what opening and saving a position record, moves, forgetting, bounds on
the work of drawing 1,000 texts, and ``reader add``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.pipeline import library as gathering
from reader.pipeline import open_text, resolve_text
from reader.pipeline.library import add_text, describe, gather, texts_folder
from reader.text.errors import ReaderError
from reader.text.textfile import read_text
from reader.userdata import BookmarkAnchor, BookmarkStore, TextIdentity, open_store
from reader.userdata.library import LibraryRecord, Origin
from reader.userdata.store import APPLICATION_ID, FILE_NAME, SCHEMA_VERSION, schema

READ = TextIdentity("/textos/lido.md", "Lido", "a" * 64)


def v4_file(path: Path) -> Path:
    """A schema-4 file as the previous release left it: migrations 1 to 4, then rows
    written by hand (a text read here with a position and a bookmark, one only imported,
    one read from standard input)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(schema.MIGRATIONS[:4], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.executescript(
        """
        INSERT INTO texts (id, path, title, content_hash, imported) VALUES
            (1, '/textos/lido.md', 'Lido', 'hash-lido', 0),
            (2, '/alheio/importado.md', 'Importado', 'hash-imp', 1),
            (3, 'stdin:0123456789abcdef', 'Colado', 'hash-stdin', 0);
        INSERT INTO positions VALUES (1, 'p-4', 0, '2026-03-01T10:00:00Z', 1);
        INSERT INTO positions VALUES (3, 'p-1', 0, '2026-03-02T10:00:00Z', 2);
        INSERT INTO bookmarks (text_id, block_id, anchor_start, anchor_end, quote, prefix,
            suffix, note, created, updated, uuid)
            VALUES (1, 'p-4', 0, 5, 'Volga', '', '', 'nota', '2026-03-01T10:00:00Z',
            '2026-03-01T10:00:00Z', 'u-1');
        """
    )
    conn.close()
    return path


def test_a_schema_4_file_gets_the_library_with_the_texts_read_there(tmp_path: Path) -> None:
    path = v4_file(tmp_path / FILE_NAME)
    with BookmarkStore(path) as store:
        assert not store.read_only, store.problem
        records = store.library()
        assert [(r.path, r.title, r.last_read, r.bookmarks) for r in records] == [
            ("/textos/lido.md", "Lido", "2026-03-01T10:00:00Z", 1)
        ]  # not the imported one, not standard input
        assert records[0].content_hash == "hash-lido" and records[0].percent == -1
        assert [b.note for b in store.all()] == ["nota"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_foreign_database_at_version_4_is_not_migrated(tmp_path: Path) -> None:
    """The rule stays: a file without our application id at version 4 is not ours,
    whatever its tables, and nothing is written to it."""
    path = v4_file(tmp_path / FILE_NAME)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    before = path.read_bytes()
    with BookmarkStore(path) as store:
        assert store.read_only and store.library() == []
    assert path.read_bytes() == before


def test_opening_and_saving_a_position_record_the_row(tmp_path: Path) -> None:
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        store.record_text(
            LibraryRecord(READ.path, "Lido", "Ana", "pt", "markdown", 900, READ.content_hash)
        )
        store.save_position(READ, "p-3", 0, 37)
        store.add(READ, BookmarkAnchor("p-3", 0, 5, "Volga", "", ""), "")
        (record,) = store.library()
        assert (record.author, record.language, record.words) == ("Ana", "pt", 900)
        assert record.percent == 37 and record.last_read and record.bookmarks == 1
        # recorded again (opened again): metadata refreshed, the share read kept
        store.record_text(
            LibraryRecord(READ.path, "Lido (2.ª ed.)", format="markdown", content_hash="b" * 64)
        )
        (record,) = store.library()
        assert record.title == "Lido (2.ª ed.)" and record.percent == 37


def test_a_text_moved_takes_its_row_along(tmp_path: Path) -> None:
    """The same content opened at a new path, its old file gone: one row, at the new path,
    with the old row's history."""
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        gone = str(tmp_path / "antes.md")  # never created: its file is gone
        store.record_text(LibraryRecord(gone, "Texto", format="markdown", content_hash="h"))
        store.save_position(TextIdentity(gone, "Texto", "h"), "p-1", 0, 64)
        here = tmp_path / "agora.md"
        here.write_text("x")
        store.record_text(
            LibraryRecord(str(here), "Texto", format="markdown", content_hash="h"), read=False
        )
        (record,) = store.library()
        assert record.path == str(here) and record.percent == 64


def test_forgetting_drops_the_row_and_position_and_keeps_the_bookmarks(tmp_path: Path) -> None:
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        store.record_text(LibraryRecord(READ.path, "Lido", content_hash=READ.content_hash))
        store.save_position(READ, "p-3", 0, 10)
        store.add(READ, BookmarkAnchor("p-3", 0, 5, "Volga", "", ""), "nota")
        assert store.forget_text(READ.path)
        assert store.library() == []
        assert store.last_text() is None  # `reader` no longer reopens it
        assert [b.note for b in store.all()] == ["nota"]
        assert not store.forget_text(READ.path)


def _article(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nauthor: Ana\nlanguage: pt\n---\n\nUm texto.\n")
    return path


def test_drawing_1000_known_texts_opens_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the bundled texts and the texts folder recorded once, gathering 1,000 texts
    reads the store and asks only whether each file exists: no text is read or parsed."""
    data = tmp_path / "data"
    with open_store(data) as store:
        add_text(str(_article(tmp_path, "a.md", "Acrescentado")), data, store)
        for number in range(1000):
            path = tmp_path / f"t{number}.md"
            if number % 2:
                path.write_text("x")  # half of them still there
            store.record_text(
                LibraryRecord(
                    str(path), f"Texto {number}", format="markdown", content_hash=f"h{number}"
                )
            )
        first = gather(store, data)  # meets the bundled texts: described once, recorded
        calls: list[object] = []
        monkeypatch.setattr(gathering, "read_source", lambda *a: calls.append(a))
        monkeypatch.setattr(gathering, "parse_source", lambda *a: calls.append(a))
        entries = gather(store, data)
    assert calls == []
    assert len(entries) == len(first) >= 1002
    origins = {entry.origin for entry in entries}
    assert origins == {Origin.BUNDLED, Origin.ADDED, Origin.OPENED}
    missing = [e for e in entries if e.origin is Origin.OPENED and e.missing]
    assert len(missing) == 500


def test_a_text_opened_in_the_reader_is_described_for_the_library(tmp_path: Path) -> None:
    path = _article(tmp_path, "m.html", "ignored")
    path.write_text(
        "<!doctype html><html lang='fr'><head><title>Page</title>"
        "<meta name='author' content='Zoé'></head><body><article><p>Un deux trois.</p>"
        "</article></body></html>"
    )
    ref = resolve_text(str(path))
    source = read_text(path)
    record = describe(ref, source, open_text(ref, source=source).document)
    assert (record.title, record.author, record.language, record.format) == (
        "Page",
        "Zoé",
        "fr",
        "html",
    )
    assert record.words >= 3 and record.path == str(path.resolve())


def test_reader_add_copies_once_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    article = _article(tmp_path, "artigo.md", "Artigo")
    assert main(["add", str(article), "--data-dir", str(data)]) == 0
    copy = texts_folder(data) / "artigo.md"
    assert copy.read_bytes() == article.read_bytes()
    assert str(copy) in capsys.readouterr().out
    assert main(["add", str(article), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "already in the library" in out and str(copy) in out
    assert sorted(p.name for p in texts_folder(data).iterdir()) == ["artigo.md"]
    other = tmp_path / "outro"
    other.mkdir()
    (other / "artigo.md").write_text("Outro texto com o mesmo nome.\n")
    assert main(["add", str(other / "artigo.md"), "--data-dir", str(data)]) == 0
    assert sorted(p.name for p in texts_folder(data).iterdir()) == ["artigo-2.md", "artigo.md"]
    assert copy.read_bytes() == article.read_bytes()  # never overwritten
    with open_store(data) as store:
        titles = sorted(r.title for r in store.library())
    assert titles == ["Artigo", "artigo-2"]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda folder: folder / "nada.md", "no such file"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: _binary(folder), "binary"),
        (lambda folder: _named(folder, "g.yaml", "a: b\n"), "not a text the reader opens"),
    ],
)
def test_reader_add_refuses_a_bad_path_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, says: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    assert main(["add", str(target), "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err and str(target) in err
    assert not texts_folder(tmp_path / "data").exists()


def _named(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def _binary(folder: Path) -> Path:
    path = folder / "imagem.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return path


def test_add_text_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        add_text(str(tmp_path / "x.md"), tmp_path, None)


def test_a_text_from_standard_input_is_not_listed(tmp_path: Path) -> None:
    """It cannot be opened again, so the library does not offer it."""
    from reader.pipeline.formats import parse_source
    from reader.pipeline.library import record_opened
    from reader.text.stdin import stdin_ref

    ref = stdin_ref()
    source = "# Colado\n\nUm texto colado.\n"
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        record_opened(store, ref, source, parse_source(source, ref))
        assert store.library() == []
        file_ref = resolve_text(str(_article(tmp_path, "a.md", "Artigo")))
        file_source = read_text(file_ref.path)
        record_opened(store, file_ref, file_source, parse_source(file_source, file_ref))
        assert [r.title for r in store.library()] == ["Artigo"]


def test_a_text_moved_into_the_texts_folder_is_listed_once_and_not_missing(
    tmp_path: Path,
) -> None:
    """Read at one path, then moved (by hand) into the texts folder: found there by its
    content, with the history it had."""
    data = tmp_path / "data"
    first = _article(tmp_path, "lido.md", "Lido Antes")
    ref = resolve_text(str(first))
    source = read_text(first)
    with open_store(data) as store:
        document = open_text(ref, source=source).document
        store.record_text(describe(ref, source, document))
        identity = TextIdentity(
            str(first.resolve()), "Lido Antes", describe(ref, source, document).content_hash
        )
        store.save_position(identity, "p-1", 0, 71)
        texts_folder(data).mkdir(parents=True)
        first.rename(texts_folder(data) / "lido.md")
        entries = [e for e in gather(store, data) if e.record.title == "Lido Antes"]
    assert len(entries) == 1
    (entry,) = entries
    assert entry.origin is Origin.ADDED and not entry.missing
    assert entry.record.percent == 71
