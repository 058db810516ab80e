"""One registry of keys: every binding has an id, a keymap can move it, the README agrees."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual.binding import Binding

import reader.ui.dialogs.bookmark_dialog
import reader.ui.dialogs.link_screen
import reader.ui.dialogs.note_screen
import reader.ui.panels.bookmarks
import reader.ui.reading.screen
import reader.ui.widgets.article_view
from reader.ui.app import ReaderApp
from reader.ui.keymap import KEYS, Scope
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.widgets.keys_panel import KEY_NAMES
from tests.ui_helpers import make_app, settle, wait_until

README = Path(__file__).resolve().parent.parent / "README.md"

CLASSES = (
    ReaderApp,
    reader.ui.reading.screen.ReadingScreen,
    reader.ui.widgets.article_view.ArticleView,
    reader.ui.panels.bookmarks.BookmarksPanel,
    reader.ui.dialogs.note_screen.NoteScreen,
    reader.ui.dialogs.link_screen.OpenLinkScreen,
    reader.ui.dialogs.bookmark_dialog.BookmarkDialog,
)


def test_every_binding_of_the_reader_has_an_id_from_the_registry() -> None:
    ids = {key.id for key in KEYS}
    for cls in CLASSES:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding), cls
            assert binding.id in ids, (cls.__name__, binding.key)


def test_an_id_is_one_job_and_a_scope_binds_a_key_once() -> None:
    jobs = {(key.id, key.action, key.keys) for key in KEYS}
    assert len(jobs) == len({job[0] for job in jobs})  # same id, same keys and action
    for scope in Scope:
        names = Counter(name for key in KEYS if key.scope is scope for name in key.keys.split(","))
        assert [name for name, count in names.items() if count > 1] == [], scope


def _readme_keys() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Reading")
    return text[start : text.index("## Command line")]


def test_the_readme_names_every_key_of_the_reading_screen() -> None:
    """Each key bound on the reading screen, the text and the bookmarks panel appears in
    the README's key documentation (as `x` for a letter, by name for the others)."""
    documented = _readme_keys()
    missing = []
    for key in KEYS:
        if key.scope not in (Scope.READING, Scope.ARTICLE, Scope.BOOKMARKS):
            continue
        for name in key.keys.split(","):
            shown = KEY_NAMES.get(name, f"`{name}`")
            if shown not in documented:
                missing.append((key.id, name, shown))
    assert missing == []


async def test_a_keymap_moves_a_binding_by_its_id() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_keymap({"glossary": "G"})
        await pilot.press("g")
        await pilot.pause()
        panel = app.query_one(GlossaryPanel)
        assert not panel.display  # g no longer opens it
        await pilot.press("G")
        await wait_until(pilot, lambda: bool(panel.display), "the glossary panel to open")


async def test_q_quits_from_the_text_and_after_a_panel() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "escape", "q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")


def test_the_registrys_own_keys_given_again_are_no_clash() -> None:
    """A keymap that repeats every default (as `reader config keys` lists them) warns of
    nothing: the registry's overlaps are on purpose."""
    from reader.ui.keymap import KEYS, clashes

    assert clashes({key.id: key.keys for key in KEYS}) == []
    assert clashes({"search": "j"}) == [("search", "line-down", "j")]
    assert clashes({"quit": "slash"})[0][:2] == ("quit", "search")
