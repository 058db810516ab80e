"""Files where the bookmark store lives that are not ours, or that SQLite cannot use as it
is: nothing is written to them, the reason is said as it is, and what can be read is read
(issue 12, "Writing what is not ours, and wrong diagnoses").

* another application's SQLite database: left byte-identical, named for what it is;
* a garbage ``-journal`` beside an intact store: its bookmarks are still listed, and the
  journal (which SQLite would delete) is left alone;
* a full disk, or a file the user may not write: ``list`` shows the bookmarks
  (read-only), ``add`` says the disk is full, or that there is no permission.

A full disk is simulated in-process: ``RLIMIT_FSIZE`` 0 makes every write that would
grow a file fail, as it fails on a full disk (SQLite cannot even set up the shared
memory file a read needs), and the folder's free space is reported as none.
``test_a_real_full_disk`` does the same on a full tmpfs, where one can be mounted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.userdata.model import BookmarkAnchor, TextIdentity
from reader.userdata.store import FILE_NAME, BookmarkStore, StoreReadOnly
from tests.core_helpers import REPO, CliResult, run_cli

ARTICLE = """# A batalha

Em 23 de agosto de 1942 a Luftwaffe bombardeou a cidade.

A resistência nas fábricas durou meses, casa por casa.

Em novembro, a Operação Urano cercou o Sexto Exército.
"""
QUOTES = ("bombardeou a cidade", "casa por casa", "Operação Urano")
TEXT = TextIdentity("/textos/a.md", "A batalha", "a" * 64)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "dados"
    folder.mkdir()
    return folder


def bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    return run_cli(capsys, "bookmarks", *argv, "--data-dir", data)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` by name, with the SHA-256 of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def three_bookmarks(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path
) -> dict[str, str]:
    """A store with three bookmarks on ``article``, closed; its fingerprint."""
    for quote in QUOTES:
        assert bookmarks(capsys, data, "add", article, "--quote", quote).code == 0
    return fingerprint(data)


def listed_quotes(result: CliResult) -> list[str]:
    return [quote for quote in QUOTES if any(quote in line for line in result.out.splitlines())]


# --- another application's database ---------------------------------------------------------


def foreign_database(path: Path, application_id: int, journal_mode: str = "delete") -> None:
    """An SQLite file as another program writes it: its own journal mode and tables (one
    of them named like ours), maybe its own application id."""
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""
        PRAGMA journal_mode = {journal_mode};
        PRAGMA application_id = {application_id};
        CREATE TABLE bookmarks (url TEXT, title TEXT);
        CREATE TABLE "notes\x1b[31m" (body TEXT);
        INSERT INTO bookmarks VALUES ('https://example.org', 'Example');
        """
    )
    conn.close()


@pytest.mark.parametrize(
    ("application_id", "journal_mode"),
    [(0x46495246, "delete"), (0, "delete"), (0x46495246, "wal"), (0, "wal")],
)
def test_another_applications_database_is_left_alone(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    data: Path,
    application_id: int,
    journal_mode: str,
) -> None:
    """The store says what the file is (its application id, its tables, made visible) and
    writes nothing: not its header (the WAL switch), no tables, and not even the shared
    memory and WAL files SQLite sets up beside a WAL database it reads; ``add`` fails with
    that line (exit 2), ``list`` warns and lists nothing."""
    path = data / FILE_NAME
    foreign_database(path, application_id, journal_mode)
    before = fingerprint(data)
    with BookmarkStore(path) as store:
        assert store.read_only
        assert store.problem.startswith(f"{path}: an SQLite database of another application (")
        assert f"application id 0x{application_id:08x}" in store.problem
        assert "tables: bookmarks, notes␛[31m" in store.problem
        assert "Rodapé leaves it alone" in store.problem
        assert "\n" not in store.problem and "\x1b" not in store.problem
        assert store.all() == []
        with pytest.raises(StoreReadOnly):
            store.add(TEXT, BookmarkAnchor("p-1", 0, 5, "Volga", "", ""))
    assert fingerprint(data) == before

    added = bookmarks(capsys, data, "add", article, "--quote", QUOTES[0])
    assert added.code == 2 and added.out == ""
    assert added.err_lines == [f"reader: {store.problem}"]
    listing = bookmarks(capsys, data, "list")
    assert listing.code == 0
    assert listing.err_lines == [f"reader: {store.problem}", "no bookmarks"]
    assert fingerprint(data) == before


def test_a_virtual_table_of_an_unknown_module_is_still_named(tmp_path: Path) -> None:
    """A database with a virtual table this SQLite has no module for (its columns cannot
    be read) is still recognised as another application's, and named."""
    path = tmp_path / FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "INSERT INTO sqlite_master VALUES ('table', 'words', 'words', 0, "
        "'CREATE VIRTUAL TABLE words USING spellfix_of_another_app (a)')"
    )
    conn.commit()
    conn.close()
    original = path.read_bytes()
    with BookmarkStore(path) as store:
        assert "another application (application id 0x00000000, tables: notes, words)" in (
            store.problem
        )
    assert path.read_bytes() == original


def test_an_older_store_of_ours_is_recognised_by_its_tables(tmp_path: Path) -> None:
    """A store from before the application id (schema 3, made here by hand the way the
    earlier reader made it) is ours: migrated and given the id. A database that has our
    three tables but not their columns is not."""
    path = tmp_path / FILE_NAME
    with BookmarkStore(path) as store:
        store.add(TEXT, BookmarkAnchor("p-1", 0, 5, "Volga", "", ""))
    conn = sqlite3.connect(path)
    conn.executescript(  # schema 3 had no library (schema 5)
        "DROP TABLE library; PRAGMA application_id = 0; PRAGMA user_version = 3;"
    )
    conn.close()
    with BookmarkStore(path) as store:
        assert not store.read_only, store.problem
        assert [b.anchor.quote for b in store.all()] == ["Volga"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] != 0
    conn.close()

    lookalike = tmp_path / "lookalike.sqlite3"
    conn = sqlite3.connect(lookalike)
    conn.executescript(
        "CREATE TABLE texts (id); CREATE TABLE bookmarks (id); CREATE TABLE positions (id);"
        "PRAGMA user_version = 2;"
    )
    conn.close()
    original = lookalike.read_bytes()
    with BookmarkStore(lookalike) as store:
        assert store.read_only
        assert "another application" in store.problem
    assert lookalike.read_bytes() == original


async def test_the_reader_leaves_another_applications_database_alone(
    tmp_path: Path, article: Path, data: Path
) -> None:
    """The TUI opens the text, says what the file is, and stays usable; moving and
    quitting (which saves the position) write nothing to the file."""
    from tests.ui_helpers import make_app, text_shown, wait_until

    foreign_database(data / FILE_NAME, 0x46495246)
    before = fingerprint(data)
    app = make_app(article, data_dir=data)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: text_shown(app), "the text")
        messages = [str(n.message) for n in app._notifications]
        assert any("another application" in m for m in messages), messages
        await pilot.press("j", "j", "J", "q")
    assert app.return_code in (0, None)
    assert fingerprint(data) == before


# --- a leftover journal ---------------------------------------------------------------------

_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


@pytest.mark.parametrize(
    ("journal", "said"),
    [
        (b"\x07garbage " * 400, "is not an SQLite journal"),
        (_JOURNAL_MAGIC + b"\x00" * 4088, "unfinished change"),
    ],
    ids=["garbage", "hot"],
)
def test_a_leftover_journal_is_named_and_left_alone(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    data: Path,
    journal: bytes,
    said: str,
) -> None:
    """An intact store with a ``-journal`` file beside it (which SQLite would roll back
    and delete on the first write): the problem names the journal, ``list`` still shows
    the three bookmarks, ``add`` fails with that line, and neither file changes."""
    three_bookmarks(capsys, article, data)
    journal_path = data / f"{FILE_NAME}-journal"
    journal_path.write_bytes(journal)
    before = fingerprint(data)

    listing = bookmarks(capsys, data, "list")
    assert listing.code == 0
    assert listed_quotes(listing) == list(QUOTES)
    (warning,) = listing.err_lines
    assert warning.startswith(f"reader: {data / FILE_NAME}: ")
    assert journal_path.name in warning and said in warning
    assert "not a bookmarks database" not in warning

    added = bookmarks(capsys, data, "add", article, "--quote", "Em novembro")
    assert added.code == 2 and added.err_lines == [warning]
    assert fingerprint(data) == before


@pytest.mark.parametrize("store", ["missing", "empty"])
def test_a_journal_beside_a_new_store_is_left_alone(tmp_path: Path, store: str) -> None:
    """SQLite deletes a journal beside an empty (or missing) database when it creates
    the database: the store stays unavailable instead, and the journal is kept."""
    path = tmp_path / FILE_NAME
    if store == "empty":
        path.touch()
    journal = tmp_path / f"{FILE_NAME}-journal"
    journal.write_bytes(b"\x07garbage " * 400)
    before = fingerprint(tmp_path)
    with BookmarkStore(path) as opened:
        assert opened.read_only
        assert "is not an SQLite journal" in opened.problem
        with pytest.raises(StoreReadOnly):
            opened.add(TEXT, BookmarkAnchor("p-1", 0, 5, "Volga", "", ""))
    assert fingerprint(tmp_path) == before


# --- no permission to write ----------------------------------------------------------------


def _as_a_user_who_cannot_write() -> list[str] | None:
    """The command prefix that runs a program as a user file permissions apply to: none
    for an ordinary user, ``setpriv`` to nobody for root; None when root has no setpriv."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder anyone may read (a test's own tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="rodape-store-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.skipif(_as_a_user_who_cannot_write() is None, reason="root without setpriv")
def test_a_store_without_write_permission_still_lists(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    """A store the user may read but not write (nor its folder): ``list`` shows the
    three bookmarks with one line saying there is no permission, ``add`` fails saying
    so, and nothing changes."""
    article = shared_dir / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    article.chmod(0o644)
    data = shared_dir / "dados"
    data.mkdir()
    before = three_bookmarks(capsys, article, data)
    (data / FILE_NAME).chmod(0o444)
    data.chmod(0o555)
    prefix = _as_a_user_who_cannot_write()
    assert prefix is not None

    def reader(*argv: str | Path) -> subprocess.CompletedProcess[str]:
        command = [*prefix, sys.executable, "-m", "reader", "bookmarks", *map(str, argv)]
        return subprocess.run(
            [*command, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )

    listing = reader("list")
    added = reader("add", article, "--quote", "Em novembro")
    assert listing.returncode == 0, listing.stderr
    assert all(quote in listing.stdout for quote in QUOTES), listing.stdout
    (warning,) = listing.stderr.splitlines()
    assert warning == (
        f"reader: {data / FILE_NAME}: cannot be written: no permission to write it; "
        "bookmarks are read-only — check the file's permissions"
    )
    assert added.returncode == 2 and added.stderr.splitlines() == [warning]
    assert fingerprint(data) == before


# --- a full disk ----------------------------------------------------------------------------


@contextlib.contextmanager
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No file may grow (SQLite's writes fail as on a full disk, including the shared
    memory file a WAL read sets up) and the disk reports no free space."""

    def no_room(folder: object) -> object:
        return shutil._ntuple_diskusage(10**9, 10**9, 0)

    monkeypatch.setattr(shutil, "disk_usage", no_room)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        monkeypatch.undo()


def test_a_full_disk_still_lists_and_says_it_is_full(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``list`` shows the three bookmarks with one line saying the disk is full; ``add``
    fails saying so (exit 2); the store's file is unchanged."""
    before = three_bookmarks(capsys, article, data)
    with full_disk(monkeypatch):
        listing = bookmarks(capsys, data, "list")
        added = bookmarks(capsys, data, "add", article, "--quote", "Em novembro")
    assert listing.code == 0
    assert listed_quotes(listing) == list(QUOTES)
    (warning,) = listing.err_lines
    assert warning.startswith(f"reader: {data / FILE_NAME}: ")
    assert "the disk is full" in warning
    assert added.code == 2 and added.err_lines == [warning]
    after = fingerprint(data)
    assert after[FILE_NAME] == before[FILE_NAME]


def _can_mount_a_tmpfs() -> bool:
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(
        ["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


_FULL_TMPFS = """
set -e
mount -t tmpfs -o size=256k tmpfs "$1"
data="$1/dados"
for quote in "bombardeou a cidade" "casa por casa" "Operação Urano"; do
  "$PYTHON" -m reader bookmarks add "$2" --quote "$quote" --data-dir "$data" >/dev/null
done
dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null || true
sum_before=$(sha256sum "$data/bookmarks.sqlite3")
echo "--- list"
"$PYTHON" -m reader bookmarks list --data-dir "$data" 2>&1 || echo "exit $?"
echo "--- add"
"$PYTHON" -m reader bookmarks add "$2" --quote "Em novembro" --data-dir "$data" 2>&1 \
  || echo "exit $?"
echo "--- same: $(test "$sum_before" = "$(sha256sum "$data/bookmarks.sqlite3")" && echo yes)"
"""


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount_a_tmpfs(), reason="cannot mount a tmpfs (unshare -Urm)")
def test_a_real_full_disk(tmp_path: Path, article: Path) -> None:
    """The same on a tmpfs filled to the last block, in a private mount namespace."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    env = {**os.environ, "PYTHON": sys.executable}
    run = subprocess.run(
        ["unshare", "-Urm", "sh", "-c", _FULL_TMPFS, "sh", str(mount), str(article)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    listing, added, same = run.stdout.split("--- ")[1:]
    assert "the disk is full" in listing
    assert all(quote in listing for quote in QUOTES), listing
    assert "the disk is full" in added and "exit 2" in added, added
    assert same.strip() == "same: yes"
