"""Bookmarks of texts that moved: found again at the new path, and kept there.

The scenario (:mod:`tests.hostile.moves_scenario`): nine texts of seven bookmarks each,
then untouched, edited in place, moved, moved and renamed, moved and edited (lightly,
heavily), moved, edited and retitled, copied, and deleted with a different text of the
same title (sharing two of its paragraphs) opened instead. Each text is then opened at
its path now, as the reader opens it, and ``bookmarks list`` (no path) must list every
bookmark with the text it belongs to now, at its passage: none lost that can be found,
none attached to a wrong passage or a wrong text.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from reader.userdata import Bookmark, StoreError
from reader.userdata.flat import flat_text
from reader.userdata.session import ReadingSession
from reader.userdata.store import FILE_NAME, BookmarkStore
from tests.core_helpers import CliResult, run_cli
from tests.hostile.moves_scenario import CASES, Library, build, change, judge, load
from tests.ui_helpers import make_app, settle


def _bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    return run_cli(capsys, "bookmarks", *argv, "--data-dir", data)


def _listed(
    capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path
) -> list[dict[str, Any]]:
    result = _bookmarks(capsys, data, "list", *argv, "--json")
    assert result.code == 0, result.err
    entries = json.loads(result.out)
    assert isinstance(entries, list)
    return entries


def _open(store: BookmarkStore, path: Path) -> ReadingSession:
    """The text at ``path`` opened as the reader opens it (the loading stage's session)."""
    ref, source, document, _ = load(path)
    return ReadingSession(store, ref, source, document)


def opened_figures(library: Library, store: BookmarkStore) -> Counter[str]:
    """Each text opened at its path now: how each case's bookmarks fare in it."""
    tally: Counter[str] = Counter()
    for case in CASES:
        session = _open(store, library.texts[case.name])
        here = {item.bookmark.uuid: item for item in session.bookmarks}
        for planted in library.planted[case.name]:
            item = here.get(planted.bookmark.uuid)
            if case.copied:
                continue  # the copy shows them (the same content), the original keeps them
            if item is None:
                outcome = "kept" if planted.expected is None else "lost"
            else:
                outcome = judge(session.flat, planted, item.start, item.end)
            tally[outcome] += 1
    return tally


def listed_figures(
    library: Library, capsys: pytest.CaptureFixture[str], data: Path, originals: dict[str, Path]
) -> Counter[str]:
    """``bookmarks list`` without a path: each bookmark must be listed with the text it
    belongs to now, at its passage there (the deleted text's as missing text)."""
    entries = {entry["uuid"]: entry for entry in _listed(capsys, data)}
    tally: Counter[str] = Counter()
    for case in CASES:
        home = originals[case.name] if case.copied else library.texts[case.name]
        flat = flat_text(load(home)[2])
        for planted in library.planted[case.name]:
            entry = entries[planted.bookmark.uuid]
            if case.deleted:
                tally["kept" if entry["status"] == "missing text" else "wrong"] += 1
                continue
            if entry["text"]["path"] != str(home.resolve()) or entry["start"] is None:
                tally["kept" if planted.expected is None else "lost"] += 1
                continue
            tally[judge(flat, planted, entry["start"], entry["end"])] += 1
    return tally


def test_scenario_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every findable bookmark found (52: the 56 of the eight texts not deleted, less the
    four whose paragraph was deleted), none wrong, both when each text is opened and in
    ``bookmarks list`` afterwards."""
    data = tmp_path / "dados"
    data.mkdir()
    with BookmarkStore(data / FILE_NAME) as store:
        library = build(tmp_path / "biblioteca", store)
        originals = dict(library.texts)
        change(library)
        opened = opened_figures(library, store)
    listed = listed_figures(library, capsys, data, originals)
    print(f"\nopened: {dict(opened)}\nlisted: {dict(listed)}")
    assert opened == Counter(found=45, kept=11)
    assert listed == Counter(found=52, kept=11)


# --- one case at a time ---------------------------------------------------------------------

ARTICLE = """# Stalingrado em notas

Em 23 de agosto de 1942 a Luftwaffe bombardeou a cidade e matou milhares de civis.

A resistência nas fábricas durou meses, casa por casa, andar por andar.

## O cerco

Em novembro, a Operação Urano cercou o Sexto Exército entre o Volga e o Don.

Em fevereiro de 1943 o Sexto Exército rendeu-se, e a maré da guerra virou.
"""
QUOTES = ("matou milhares de civis", "casa por casa, andar por andar", "entre o Volga e o Don")
EDITED = (
    ARTICLE.replace("# Stalingrado em notas", "# Notas sobre Stalingrado")
    .replace("Em novembro, a", "Em 19 de novembro de 1942, a")
    .replace("casa por casa", "rua por rua, casa por casa")
    + "\nUm parágrafo acrescentado no fim.\n"
)
"""Edited and retitled: every quote still in it, around them new words."""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "dados"


OTHER = """# Volgogrado hoje

A cidade reconstruída estende-se por dezenas de quilómetros ao longo do rio.

No alto do Mamayev Kurgan ergue-se a estátua da Mãe Pátria.
"""
OTHER_QUOTES = ("ao longo do rio", "estátua da Mãe Pátria")


def _bookmarked(
    capsys: pytest.CaptureFixture[str],
    data: Path,
    path: Path,
    source: str = ARTICLE,
    quotes: tuple[str, ...] = QUOTES,
) -> Path:
    """``path`` written with ``source`` and bookmarked at each of ``quotes``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    for quote in quotes:
        added = _bookmarks(capsys, data, "add", path, "--quote", quote)
        assert added.code == 0, added.err
    return path


def _move(old: Path, new: Path, source: str | None = None) -> Path:
    new.parent.mkdir(parents=True, exist_ok=True)
    old.replace(new)
    if source is not None:
        new.write_text(source, encoding="utf-8")
    return new


def _where(capsys: pytest.CaptureFixture[str], data: Path) -> set[tuple[str, str]]:
    """(status, text path) of every bookmark, as ``bookmarks list`` says."""
    return {(entry["status"], entry["text"]["path"]) for entry in _listed(capsys, data)}


async def test_moved_text_opened_in_the_reader_is_listed_where_it_is_now(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """Open a moved text in the reader, and ``bookmarks list`` lists its bookmarks at the
    new path, attached, not as missing text."""
    old = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    new = _move(old, tmp_path / "b" / "artigo.md")
    app = make_app(new, data_dir=data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        session = app.reading.session
        assert session is not None
        assert [item.status.value for item in session.bookmarks] == ["attached"] * 3
    assert _where(capsys, data) == {("attached", str(new.resolve()))}


def test_list_and_add_with_the_new_path_record_the_move(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """``bookmarks list NEWPATH`` names the text: a move the content proves is stored, so
    ``list`` then finds the bookmarks there; ``add NEWPATH`` does the same for another."""
    old = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    new = _move(old, tmp_path / "b" / "movido.md")
    assert {entry["status"] for entry in _listed(capsys, data, new)} == {"attached"}
    assert _where(capsys, data) == {("attached", str(new.resolve()))}

    other = _bookmarked(capsys, data / "outros", tmp_path / "c" / "outro.md")
    moved_other = _move(other, tmp_path / "d" / "outro.md", EDITED)
    added = _bookmarks(capsys, data / "outros", "add", moved_other, "--quote", "fim")
    assert added.code == 0, added.err
    listed = _listed(capsys, data / "outros")
    assert {entry["text"]["path"] for entry in listed} == {str(moved_other.resolve())}
    assert len(listed) == 4 and {entry["status"] for entry in listed} <= {"attached", "moved"}


def test_moved_edited_and_retitled_is_adopted_by_its_quotes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """Neither path, content nor title left to go by: the quotes, found with their
    context, bring every bookmark to the text, each at its passage."""
    old = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    new = _move(old, tmp_path / "b" / "notas.md", EDITED)
    entries = _listed(capsys, data, new)
    assert sorted(entry["quote"] for entry in entries) == sorted(QUOTES)
    flat = flat_text(load(new)[2])
    for entry in entries:
        assert entry["status"] in ("attached", "moved")
        assert flat.text[entry["start"] : entry["end"]] == entry["quote"]
    assert _where(capsys, data) == {("attached", str(new.resolve()))}


def test_a_different_text_never_adopts_a_deleted_texts_bookmarks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A text deleted, and a different one opened with the same title and one of its
    passages: one bookmark in three found is not the text; none are shown there, none
    moved, and ``list`` says missing text."""
    old = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    old.unlink()
    different = tmp_path / "b" / "outro.md"
    different.parent.mkdir()
    different.write_text(
        "# Stalingrado em notas\n\nOutra crónica, que também diz: matou milhares de civis.\n",
        encoding="utf-8",
    )
    assert _listed(capsys, data, different) == []
    with BookmarkStore(data / FILE_NAME) as store:
        session = _open(store, different)
        assert session.bookmarks == []
    assert _where(capsys, data) == {("missing text", str(old.resolve()))}


def test_a_text_whose_file_still_exists_is_never_adopted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """An edited copy of a text that is still there: its bookmarks stay with the
    original (the quotes are all in the copy, but the original is not gone)."""
    original = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    copy = tmp_path / "b" / "copia.md"
    copy.parent.mkdir()
    copy.write_text(EDITED, encoding="utf-8")
    assert _listed(capsys, data, copy) == []
    assert _where(capsys, data) == {("attached", str(original.resolve()))}


def test_list_finds_a_moved_text_among_the_known_texts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """Bookmarks whose text moved to a path this reader has read but not re-pointed (an
    older reader opened it there, or the store was read-only): ``list`` finds them there,
    by content or by quotes, says where, and changes nothing."""
    moved = _bookmarked(capsys, data, tmp_path / "a" / "hoje.md", OTHER, OTHER_QUOTES)
    retitled = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    moved_to = _move(moved, tmp_path / "b" / "hoje.md")
    retitled_to = _move(retitled, tmp_path / "b" / "notas.md", EDITED)
    with BookmarkStore(data / FILE_NAME) as store:
        for path in (moved_to, retitled_to):  # what an older reader stored on quitting
            store.save_position(load(path)[3], "p-1", 0)
        before = [(b.text, b.anchor) for b in store.all()]
    entries = _listed(capsys, data)
    found = {(entry["text"]["path"], entry["found_in"]) for entry in entries}
    assert found == {
        (str(moved.resolve()), str(moved_to.resolve())),
        (str(retitled.resolve()), str(retitled_to.resolve())),
    }
    assert {entry["status"] for entry in entries} <= {"attached", "moved"}
    lines = _bookmarks(capsys, data, "list").out.splitlines()
    assert f"  moved: found in {retitled_to.resolve()}; open it there to keep them with it" in (
        lines
    )
    with BookmarkStore(data / FILE_NAME) as store:
        assert [(b.text, b.anchor) for b in store.all()] == before


def test_a_store_that_cannot_save_the_move_still_shows_the_bookmarks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-pointing fails (a full disk): the text opens with its bookmarks all the same,
    and the next reading tries again."""
    old = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    new = _move(old, tmp_path / "b" / "artigo.md")

    def full_disk(*_: object) -> None:
        raise StoreError(data / FILE_NAME, "could not save (database or disk is full)")

    with BookmarkStore(data / FILE_NAME) as store:
        with monkeypatch.context() as patch:
            patch.setattr(store, "repoint", full_disk)
            session = _open(store, new)
            assert len(session.bookmarks) == 3
        assert _where(capsys, data) == {("missing text", str(old.resolve()))}
        assert len(_open(store, new).bookmarks) == 3
    assert _where(capsys, data) == {("attached", str(new.resolve()))}


def test_a_known_text_does_not_search_every_missing_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quotes are looked for across the missing texts only the first time a text is met
    (its path and content new to the store): opening a known text reads its own rows."""
    deleted = _bookmarked(capsys, data, tmp_path / "a" / "artigo.md")
    deleted.unlink()
    known = tmp_path / "b" / "lido.md"
    known.parent.mkdir()
    known.write_text(EDITED, encoding="utf-8")
    calls: list[int] = []
    with BookmarkStore(data / FILE_NAME) as store:
        store.save_position(load(known)[3], "p-1", 0)
        real_all = store.all

        def counted() -> list[Bookmark]:
            calls.append(1)
            return real_all()

        monkeypatch.setattr(store, "all", counted)
        assert _open(store, known).bookmarks == []
    assert calls == []


def test_a_passage_found_only_approximately_does_not_make_a_text_adopted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A text deleted, another opened with a sentence of the same pattern among different
    neighbours: as an edit that passage would do, but with neither side of its context
    intact it proves nothing about which text this is, so nothing is adopted."""
    old = tmp_path / "a" / "cronica.md"
    old.parent.mkdir()
    old.write_text(
        "# Crónica\n\nO exército cercou o porto fluvial ao longo do verão. A população "
        "defendeu os armazéns de cereais segundo os relatos da época. O governo temeu o "
        "inverno em silêncio.\n",
        encoding="utf-8",
    )
    quote = "A população defendeu os armazéns de cereais segundo os relatos da época."
    assert _bookmarks(capsys, data, "add", old, "--quote", quote).code == 0
    old.unlink()
    other = tmp_path / "b" / "outra.md"
    other.parent.mkdir()
    other.write_text(
        "# Outra crónica\n\nA frota cercou a ponte de ferro ao longo do verão. A população "
        "cercou os armazéns do porto segundo os relatos da época. O povo temeu o inverno em "
        "silêncio.\n",
        encoding="utf-8",
    )
    assert _listed(capsys, data, other) == []
    assert _where(capsys, data) == {("missing text", str(old.resolve()))}
