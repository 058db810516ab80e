"""What used to end in a traceback ends in one clear line or a notification, and nothing
is lost (issue 12, "Crashes")."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.userdata.model import BookmarkAnchor, TextIdentity
from reader.userdata.store import BookmarkStore
from tests.core_helpers import CliResult, run_cli

_SOURCE = "# Café\n\nA Operação Urano cercou o Sexto Exército.\n"


def _bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    return run_cli(capsys, "bookmarks", *argv, "--data-dir", data)


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in text)


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    """A text whose file name is not UTF-8 (Latin-1 "café.md")."""
    folder = os.fsencode(tmp_path)
    try:
        with open(os.path.join(folder, b"caf\xe9.md"), "wb") as stream:
            stream.write(_SOURCE.encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    return Path(os.fsdecode(os.path.join(folder, b"caf\xe9.md")))


def test_the_store_keeps_strings_utf8_cannot_hold(tmp_path: Path) -> None:
    text = TextIdentity("/x/caf\udce9.md", "caf\udce9", "hash")
    anchor = BookmarkAnchor("p-1", 0, 4, "quo\ud800", "", "")
    with BookmarkStore(tmp_path / "b.sqlite3") as store:
        added = store.add(text, anchor, "note \udfff")
        store.save_position(text, "p-1", 3)
        assert store.for_text(text) == [added]
        assert store.get(added.id) == added
        assert store.position(text) == ("p-1", 3)
        assert store.last_text() == text
    with BookmarkStore(tmp_path / "b.sqlite3") as store:  # and after reopening
        assert store.all() == [added]


def test_bookmarks_add_on_an_undecodable_file_name(
    capsys: pytest.CaptureFixture[str], undecodable: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    added = _bookmarks(capsys, data, "add", undecodable, "--quote", "Operação Urano")
    assert added.code == 0, added.err
    listed = _bookmarks(capsys, data, "list")
    assert listed.code == 0, listed.err
    assert "attached" in listed.out and "caf\ufffd.md" in listed.out
    assert not _has_surrogate(listed.out)
    exported = _bookmarks(capsys, data, "export", "--format", "json")
    assert exported.code == 0 and not _has_surrogate(exported.out)
    assert "caf%E9.md" in exported.out  # the file URI of the bytes on disk


def test_import_of_deeply_nested_json_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = _bookmarks(capsys, tmp_path / "data", "import", nested)
    assert result.code == 2
    assert len(result.err_lines) == 1 and "nested too deeply" in result.err


def test_import_of_a_note_with_a_lone_surrogate_keeps_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Kept exactly (stored losslessly, exported as the same JSON escape), shown as
    U+FFFD: refusing the file would lose every other bookmark in it."""
    data = tmp_path / "data"
    text = tmp_path / "a.md"
    text.write_text(_SOURCE, encoding="utf-8")
    _bookmarks(capsys, data, "add", text, "--quote", "Operação Urano", "--note", "n")
    exported = json.loads(_bookmarks(capsys, data, "export", "--format", "json").out)
    exported["first"]["items"][0]["body"]["value"] = "meia \ud800 nota"
    exported["first"]["items"][0]["id"] = "urn:example:other"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(exported), encoding="utf-8")  # ASCII: "\ud800" escaped
    result = _bookmarks(capsys, tmp_path / "other", "import", source)
    assert result.code == 0, result.err
    listed = _bookmarks(capsys, tmp_path / "other", "list")
    assert listed.code == 0 and "meia \ufffd nota" in listed.out
    again = _bookmarks(capsys, tmp_path / "other", "export", "--format", "json")
    assert json.loads(again.out)["first"]["items"][0]["body"]["value"] == "meia \ud800 nota"


async def test_a_full_disk_when_quitting_the_reader_is_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving the position on the way out fails (disk full): the app still quits cleanly."""
    from reader.userdata.store import StoreError
    from tests.ui_helpers import make_app, text_shown, wait_until

    def disk_full(self: BookmarkStore, *args: object) -> None:
        raise StoreError(self.path, "could not save (database or disk is full)")

    text = tmp_path / "a.md"
    text.write_text(_SOURCE * 50, encoding="utf-8")
    app = make_app(text, data_dir=tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: text_shown(app), "the text")
        monkeypatch.setattr(BookmarkStore, "save_position", disk_full)
        await pilot.press("j", "j", "q")
    assert app.return_code in (0, None)


async def test_a_store_that_fails_to_read_after_a_bookmark_is_a_notification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bookmark is saved, then listing every text's bookmarks fails (a full disk, a
    lock): the reader says so and goes on; the margin still shows the new mark."""
    from reader.userdata.store import StoreError
    from tests.ui_helpers import make_app, text_shown, wait_until

    def unreadable(self: BookmarkStore) -> list[object]:
        raise StoreError(self.path, "could not read (disk I/O error)")

    text = tmp_path / "a.md"
    text.write_text(_SOURCE * 5, encoding="utf-8")
    app = make_app(text, data_dir=tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: text_shown(app), "the text")
        monkeypatch.setattr(BookmarkStore, "all", unreadable)
        await pilot.press("J", "m")
        await wait_until(pilot, lambda: app.screen is not app.reading, "the note dialog")
        await pilot.press(*"x", "enter")
        view = app.reading.article
        await wait_until(pilot, lambda: bool(view.marked_blocks), "the new mark")
        messages = [n.message for n in app._notifications]
        assert any("could not read" in m for m in messages), messages
