"""The bookmark store: migrations, two writers at once, a killed writer, files it must not
touch (corrupt, newer schema), a full disk, reading positions, and the package's layering.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from reader.text.errors import ReaderError
from reader.userdata import (
    BookmarkAnchor,
    BookmarkNotFound,
    BookmarkStore,
    StoreError,
    StoreReadOnly,
    TextIdentity,
    data_dir,
    open_store,
)
from reader.userdata.datadir import ENV_VAR
from reader.userdata.store import APPLICATION_ID, FILE_NAME, SCHEMA_VERSION, schema
from tests.core_helpers import REPO

TEXT = TextIdentity("/textos/stalingrado.md", "A Batalha de Stalingrado", "a" * 64)
OTHER = TextIdentity("/textos/kursk.md", "Kursk", "b" * 64)


def anchor(number: int = 0, quote: str = "Volga") -> BookmarkAnchor:
    """A small anchor; ``number`` makes each one different."""
    return BookmarkAnchor(f"p-{number + 1}", number, number + len(quote), quote, "o rio ", " corre")


def db_path(tmp_path: Path) -> Path:
    return tmp_path / FILE_NAME


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of the file, from a connection of our own."""
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


# --- basics ---------------------------------------------------------------------------------


def test_new_store_is_wal_at_the_current_schema(tmp_path: Path) -> None:
    """A new file gets the current schema version, our application id and the WAL
    journal."""
    with BookmarkStore(db_path(tmp_path)) as store:
        assert not store.read_only
        assert store.problem == ""
    conn = sqlite3.connect(db_path(tmp_path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x52445042
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_add_update_delete_restore(tmp_path: Path) -> None:
    """Bookmarks round-trip; a deleted one is returned whole and ``restore`` brings it back
    with the same id and uuid (once, however often it is called)."""
    with BookmarkStore(db_path(tmp_path)) as store:
        first = store.add(TEXT, anchor(1), "primeira nota")
        second = store.add(OTHER, anchor(2), "")
        assert (first.id, second.id) == (1, 2)
        assert store.all() == [first, second]
        assert store.get(1) == first
        assert first.created.endswith("Z") and first.created == first.updated
        uuid.UUID(first.uuid)

        edited = store.update_note(first.id, "outra nota")
        assert edited.note == "outra nota" and edited.uuid == first.uuid

        deleted = store.delete(first.id)
        assert deleted == edited
        assert store.all() == [second]
        assert store.restore(deleted) == deleted
        assert store.restore(deleted) == deleted
        assert store.all() == [deleted, second]

        moved = BookmarkAnchor("p-9", 90, 95, "Volga", "x", "y")
        updated = store.update_anchor(second.id, moved, TEXT)
        assert (updated.anchor, updated.text, updated.uuid) == (moved, TEXT, second.uuid)

        with pytest.raises(BookmarkNotFound):
            store.update_note(99, "x")
        with pytest.raises(BookmarkNotFound):
            store.delete(99)


def test_import_never_duplicates(tmp_path: Path) -> None:
    """Importing merges by uuid, and by text + quote + note: the same bookmarks twice are
    skipped, and so is an equal one under another uuid."""
    with BookmarkStore(tmp_path / "a.sqlite3") as source:
        bookmarks = [source.add(TEXT, anchor(1), "n"), source.add(OTHER, anchor(2), "")]
    with BookmarkStore(db_path(tmp_path)) as store:
        assert store.import_bookmarks(bookmarks) == (2, 0, ())
        assert store.import_bookmarks(bookmarks) == (0, 2, ())
        twin = replace(bookmarks[0], uuid=str(uuid.uuid4()))
        assert store.import_bookmarks([twin]) == (0, 1, ())
        assert sorted(b.uuid for b in store.all()) == sorted(b.uuid for b in bookmarks)


def test_import_keeps_what_differs_under_a_known_uuid(tmp_path: Path) -> None:
    """An imported bookmark whose uuid is stored but whose note, quote or text differs is
    kept as a new bookmark (new id, new uuid), never dropped; importing it again is
    recognised; two differing ones under one uuid in the same import are both kept."""
    with BookmarkStore(db_path(tmp_path)) as store:
        original = store.add(TEXT, anchor(1), "n")
        renoted = replace(original, note="outra nota")
        requoted = replace(original, anchor=anchor(1, "Don"))
        elsewhere = replace(original, text=OTHER)
        merged = store.import_bookmarks([renoted, requoted, elsewhere])
        assert (merged.added, merged.skipped, len(merged.kept)) == (0, 0, 3)
        assert merged.kept == (2, 3, 4)
        kept = [store.get(i) for i in merged.kept]
        assert [(b.note, b.anchor.quote, b.text) for b in kept if b] == [
            ("outra nota", "Volga", TEXT),
            ("n", "Don", TEXT),
            ("n", "Volga", OTHER),
        ]
        assert len({b.uuid for b in store.all()}) == 4
        assert store.import_bookmarks([renoted, requoted, elsewhere]) == (0, 3, ())
        assert store.import_bookmarks([replace(original, updated="2030-01-01T00:00:00Z")]) == (
            0,
            1,
            (),
        )
        fresh = str(uuid.uuid4())
        pair = [replace(original, uuid=fresh, note="a"), replace(original, uuid=fresh, note="b")]
        assert store.import_bookmarks(pair) == (1, 0, (6,))
        assert store.get(original.id) == original


def test_data_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An explicit folder wins over ``READER_DATA_DIR``, which wins over the platform
    default; the folder is created on demand, and ``open_store`` uses it."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert (tmp_path / "explicit").is_dir()
    assert data_dir(None) == tmp_path / "env"
    with open_store(None) as store:
        assert store.path == tmp_path / "env" / FILE_NAME
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReaderError, match="is a file, not a folder"):
        data_dir(tmp_path / "file")


# --- migrations -----------------------------------------------------------------------------

_V1_SCHEMA = """
CREATE TABLE texts (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL,
    content_hash TEXT NOT NULL, UNIQUE (path, title, content_hash));
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, text_id INTEGER NOT NULL REFERENCES texts (id),
    block_id TEXT NOT NULL, anchor_start INTEGER NOT NULL, anchor_end INTEGER NOT NULL,
    quote TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE positions (
    text_id INTEGER PRIMARY KEY REFERENCES texts (id), block_id TEXT NOT NULL,
    block_offset INTEGER NOT NULL, updated TEXT NOT NULL, seq INTEGER NOT NULL);
INSERT INTO texts VALUES (1, '/textos/stalingrado.md', 'A Batalha de Stalingrado', 'aaaa'),
    (2, '/textos/outro.md', 'Outro', 'bbbb'), (3, 'stalingrado', 'Bundled', 'cccc');
INSERT INTO bookmarks VALUES
    (1, 1, 'p-2', 10, 15, 'Volga', 'o rio ', ' corre', 'nota 1', '2024-01-01T00:00:00Z',
     '2024-01-01T00:00:00Z'),
    (2, 2, 'p-5', 80, 89, 'Stalingra', '', '', '', '2024-01-02T00:00:00Z',
     '2024-01-02T00:00:00Z');
INSERT INTO positions VALUES (1, 'p-3', 7, '2024-01-03T00:00:00Z', 1);
PRAGMA user_version = 1;
"""


def _v1_file(path: Path) -> Path:
    """A schema-1 file as the first release wrote it, made by hand (not by our code)."""
    conn = sqlite3.connect(path)
    conn.executescript(_V1_SCHEMA)
    conn.close()
    return path


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    """A v1 file is brought to the current schema: every bookmark kept, each given its own
    uuid, the new indexes there, positions intact, and new bookmarks can be added. A text
    with a position was read here; one without cannot be proved to be (it may have been
    imported), so its path is not known."""
    path = _v1_file(db_path(tmp_path))
    with BookmarkStore(path) as store:
        assert not store.read_only, store.problem
        bookmarks = store.all()
        assert [(b.id, b.anchor.quote, b.note) for b in bookmarks] == [
            (1, "Volga", "nota 1"),
            (2, "Stalingra", ""),
        ]
        uuids = {b.uuid for b in bookmarks}
        assert len(uuids) == 2 and all(uuid.UUID(u) for u in uuids)
        text = TextIdentity("/textos/stalingrado.md", "A Batalha de Stalingrado", "aaaa")
        assert store.position(text) == ("p-3", 7)
        assert store.is_known(text)
        other = TextIdentity("/textos/outro.md", "Outro", "bbbb")
        assert not store.is_known(other)
        # a bundled text is named, not placed: no import could aim it anywhere
        assert store.is_known(TextIdentity("stalingrado", "Bundled", "cccc"))
        assert store.add(text, anchor(), "").id == 3
        assert store.add(other, anchor(), "").id == 4
        assert store.is_known(other)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"bookmarks_uuid", "texts_hash", "texts_title"} <= indexes
    conn.close()
    with BookmarkStore(path) as again:  # opening a current file changes nothing
        assert {b.uuid for b in again.all()} >= uuids


def test_a_failing_migration_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration that fails half-way leaves the file at its old version with nothing of
    the migration applied, and the store read-only with a one-line problem."""
    path = _v1_file(db_path(tmp_path))

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE bookmarks ADD COLUMN uuid TEXT NOT NULL DEFAULT ''")
        conn.execute("CREATE INDEX broken ON no_such_table (x)")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with BookmarkStore(path) as store:
        assert store.read_only
        assert store.problem.startswith(f"{path}: ") and "\n" not in store.problem
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in conn.execute("PRAGMA table_info(bookmarks)")]
    assert "uuid" not in columns
    conn.close()


# --- processes --------------------------------------------------------------------------

_ADDER = """
import pathlib, sys
from reader.userdata import BookmarkAnchor, BookmarkStore, TextIdentity
path, who, count = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
print('ready', flush=True)
sys.stdin.readline()  # go
store = BookmarkStore(path)
assert not store.read_only, store.problem
text = TextIdentity('/textos/' + who + '.md', who, who * 8)
number = 0
while count < 0 or number < count:
    bookmark = store.add(text, BookmarkAnchor('p-1', number, number + 1, who, '', ''), str(number))
    print(bookmark.id, flush=True)
    number += 1
"""


def _adder(path: Path, who: str, count: int) -> subprocess.Popen[str]:
    """A process that adds ``count`` bookmarks (forever if negative), printing each id;
    it says "ready" once started and begins when a line is written to its stdin."""
    child = subprocess.Popen(
        [sys.executable, "-c", _ADDER, str(path), who, str(count)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready == "ready\n", ready + (child.stderr.read() if child.stderr else "")
    return child


def _go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes open a new file at the same moment (both migrating it) and each adds
    200 bookmarks: all 400 are there, with the ids each process was given."""
    path = db_path(tmp_path)
    children = [_adder(path, who, 200) for who in ("ana", "rui")]  # both started...
    for child in children:
        _go(child)  # ...then both let go at once
    printed: list[int] = []
    for child in children:
        out, err = child.communicate(timeout=240)
        assert child.returncode == 0, err
        printed += [int(line) for line in out.split()]
    assert len(printed) == 400
    with BookmarkStore(path) as store:
        stored = store.all()
    assert sorted(b.id for b in stored) == sorted(printed)
    assert sorted(b.anchor.quote for b in stored) == ["ana"] * 200 + ["rui"] * 200
    assert integrity(path) == ["ok"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_writer_loses_nothing_it_committed(tmp_path: Path) -> None:
    """A process adding bookmarks in a loop is killed with SIGKILL: the file passes the
    integrity check and every bookmark it had reported as saved is there."""
    path = db_path(tmp_path)
    child = _adder(path, "eva", -1)
    _go(child)
    assert child.stdout is not None
    committed: list[int] = []
    while len(committed) < 60:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else ""
        committed.append(int(line))
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=60)
    committed += [int(line) for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    assert child.returncode == -signal.SIGKILL
    assert integrity(path) == ["ok"]
    with BookmarkStore(path) as store:
        assert not store.read_only
        ids = {b.id for b in store.all()}
    assert set(committed) <= ids
    assert len(ids) - len(committed) <= 1  # at most one saved but not yet reported


# --- files that must not be touched ---------------------------------------------------------


def test_random_bytes_are_left_alone(tmp_path: Path) -> None:
    """A file of random bytes: the store is read-only, says so in one line naming the file
    and what to do, refuses every write, and the file's bytes are unchanged."""
    path = db_path(tmp_path)
    original = os.urandom(20_000)
    path.write_bytes(original)
    with BookmarkStore(path) as store:
        assert store.read_only
        assert store.problem.startswith(f"{path}: not a bookmarks database")
        assert "read-only" in store.problem and "move the file aside" in store.problem
        assert "\n" not in store.problem
        assert store.all() == [] and store.position(TEXT) is None and store.last_text() is None
        with pytest.raises(StoreReadOnly) as caught:
            store.add(TEXT, anchor(), "")
        assert str(caught.value) == store.problem
        with pytest.raises(StoreReadOnly):
            store.save_position(TEXT, "p-1", 0)
    assert path.read_bytes() == original


def test_damaged_database_is_left_alone(tmp_path: Path) -> None:
    """A real database with a page overwritten by garbage: read-only, unchanged."""
    path = db_path(tmp_path)
    with BookmarkStore(path) as store:
        for number in range(300):
            store.add(TEXT, anchor(number, "x" * 200), "n" * 100)
    page_size = 4096
    data = bytearray(path.read_bytes())
    assert len(data) > 6 * page_size
    data[3 * page_size : 5 * page_size] = os.urandom(2 * page_size)
    path.write_bytes(bytes(data))
    with BookmarkStore(path) as store:
        assert store.read_only
        assert store.problem.startswith(f"{path}: ") and "read-only" in store.problem
        with pytest.raises(StoreReadOnly):
            store.add(TEXT, anchor(), "")
    assert path.read_bytes() == bytes(data)


def test_newer_schema_is_read_only_and_unchanged(tmp_path: Path) -> None:
    """A file written by a newer reader (user_version 99) is not migrated or written: its
    bookmarks can still be read, the problem says to upgrade, and its bytes do not change."""
    path = db_path(tmp_path)
    with BookmarkStore(path) as store:
        saved = store.add(TEXT, anchor(), "nota")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    original = path.read_bytes()
    with BookmarkStore(path) as store:
        assert store.read_only
        assert store.problem == (
            f"{path}: written by a newer Rodapé (schema 99, this one knows {SCHEMA_VERSION}); "
            "bookmarks are read-only until you upgrade"
        )
        assert store.all() == [saved]
        for write in (
            lambda: store.add(TEXT, anchor(), ""),
            lambda: store.update_note(saved.id, "x"),
            lambda: store.delete(saved.id),
            lambda: store.save_position(TEXT, "p-1", 0),
            lambda: store.import_bookmarks([saved]),
        ):
            with pytest.raises(StoreReadOnly, match="newer Rodapé"):
                write()
    assert path.read_bytes() == original


def test_full_disk_raises_store_error_and_keeps_earlier_bookmarks(tmp_path: Path) -> None:
    """When SQLite runs out of room (simulated with a page limit on the store's
    connection) the save fails with one line and nothing is lost or half-written."""
    path = db_path(tmp_path)
    store = BookmarkStore(path)
    saved = [store.add(TEXT, anchor(number), f"nota {number}") for number in range(3)]
    conn = store._conn  # the store's own connection: the limit is per connection
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as caught:
        store.add(TEXT, anchor(9), "x" * 200_000)
    message = str(caught.value)
    assert message.startswith(f"{path}: could not save (database or disk is full)")
    assert "\n" not in message
    assert not isinstance(caught.value, StoreReadOnly)
    assert store.all() == saved
    store.close()
    assert integrity(path) == ["ok"]
    with BookmarkStore(path) as reopened:
        assert reopened.all() == saved


# --- reading positions ----------------------------------------------------------------------


def test_positions_and_last_text(tmp_path: Path) -> None:
    """The position of each text is kept by block and offset; the last text positioned is
    the one to reopen; an edited text (same path) or a moved one (same content) still
    finds its position, and saving the edited one replaces the old version's."""
    with BookmarkStore(db_path(tmp_path)) as store:
        assert store.last_text() is None and store.position(TEXT) is None
        store.save_position(TEXT, "p-4", 12)
        store.save_position(OTHER, "h-2", 0)
        assert store.last_text() == OTHER
        assert store.position(TEXT) == ("p-4", 12)
        store.save_position(TEXT, "p-5", 3)
        assert store.last_text() == TEXT
        assert store.position(TEXT) == ("p-5", 3)

        edited = TextIdentity(TEXT.path, TEXT.title, "c" * 64)
        assert store.position(edited) == ("p-5", 3)
        moved = TextIdentity("/elsewhere/s.md", TEXT.title, TEXT.content_hash)
        assert store.position(moved) == ("p-5", 3)
        store.save_position(edited, "p-1", 0)
        assert store.position(TEXT) == ("p-1", 0)  # by path: the old version's is gone
        assert store.last_text() == edited
        assert store.position(TextIdentity("/x.md", "X", "d" * 64)) is None


# --- layering -------------------------------------------------------------------------------


def test_bookmarks_do_not_import_textual() -> None:
    """The bookmark package and its CLI are pure Python: loading them imports no Textual."""
    code = (
        "import reader.userdata, reader.userdata.store, reader.userdata.anchor, "
        "reader.userdata.reanchor, reader.userdata.export, reader.userdata.datadir, "
        "reader.cli.bookmarks, sys; "
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
