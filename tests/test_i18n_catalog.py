"""The translations are complete and compiled: every msgid of the source has a pt-BR
translation that is not fuzzy, and each shipped .mo says what its .po says.

Babel (the test extra) reads the source and the .po files here; the reader itself only
reads the .mo files, with stdlib gettext.
"""

from __future__ import annotations

import argparse
import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reader.text import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "reader" / "locale"
PORTUGUESE = LOCALE / "pt_BR" / "LC_MESSAGES"


def po(domain: str) -> Catalog:
    with (PORTUGUESE / f"{domain}.po").open("rb") as stream:
        return read_po(stream, locale="pt_BR")


def source_messages() -> dict[str | tuple[str, ...], str]:
    """Every msgid the source passes to ``_``, ``ngettext`` or ``N_``, with where."""
    found: dict[str | tuple[str, ...], str] = {}
    for path in sorted((ROOT / "reader").rglob("*.py")):
        for line, message, _comments, _context in extract_from_file("python", str(path)):
            found.setdefault(message, f"{path.relative_to(ROOT)}:{line}")
    return found


def untranslated(catalog: Catalog, wanted: dict[str | tuple[str, ...], str]) -> list[str]:
    missing = []
    for message, where in wanted.items():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = (
            []
            if entry is None
            else list(entry.string)
            if isinstance(entry.string, tuple | list)
            else [entry.string]
        )
        if entry is None or entry.fuzzy or not strings or not all(strings):
            state = "fuzzy" if entry is not None and entry.fuzzy else "no translation"
            missing.append(f"{where}: {key!r}: {state} in pt_BR (./catalog, then translate)")
    return missing


def test_every_message_of_the_source_is_translated() -> None:
    wanted = source_messages()
    assert len(wanted) > 100  # the extraction found the interface's messages
    missing = untranslated(po(i18n.DOMAIN), wanted)
    assert not missing, "\n" + "\n".join(missing)


def test_every_message_of_the_templates_is_translated() -> None:
    for domain in (i18n.DOMAIN, i18n.ARGPARSE_DOMAIN):
        with (LOCALE / f"{domain}.pot").open("rb") as stream:
            template = read_po(stream)
        wanted: dict[str | tuple[str, ...], str] = {
            (message.id if isinstance(message.id, str) else tuple(message.id)): f"{domain}.pot"
            for message in template
            if message.id
        }
        missing = untranslated(po(domain), wanted)
        assert not missing, "\n" + "\n".join(missing)


def test_argparse_words_are_translated() -> None:
    """The words of argparse's help and errors a reader meets are in its catalog."""
    catalog = po(i18n.ARGPARSE_DOMAIN)
    for message in (
        "usage: ",
        "options",
        "positional arguments",
        "show this help message and exit",
        "%(prog)s: error: %(message)s\n",
        "the following arguments are required: %s",
        "unrecognized arguments: %s",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ):
        entry = catalog.get(message)
        assert entry is not None and entry.string and not entry.fuzzy, message
    assert argparse.__file__  # the catalog was extracted from this module (./catalog)


@pytest.mark.parametrize("domain", [i18n.DOMAIN, i18n.ARGPARSE_DOMAIN])
def test_the_compiled_catalog_is_the_po(domain: str) -> None:
    """The shipped .mo is not stale: it holds exactly what compiling the .po gives."""
    compiled = io.BytesIO()
    write_mo(compiled, po(domain))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with (PORTUGUESE / f"{domain}.mo").open("rb") as stream:
        shipped = gettext.GNUTranslations(stream)
    # The header (msgid "") holds dates Babel sets as it compiles: the messages count.
    stale = {
        item
        for item in set(fresh._catalog.items()) ^ set(shipped._catalog.items())  # type: ignore[attr-defined]
        if item[0] != ""
    }
    assert not stale, f"{domain}.mo is stale against {domain}.po: run ./catalog compile"


def test_the_catalog_is_read_from_the_package() -> None:
    """Through importlib.resources, as from the wheel: Portuguese once chosen."""
    i18n.set_language("pt-BR")
    assert i18n._("Bookmarks") == "Marcadores"
    assert i18n.argparse_gettext("usage: ") == "uso: "
    i18n.set_language("en")
    assert i18n._("Bookmarks") == "Bookmarks"


@pytest.mark.slow
def test_the_wheel_carries_the_compiled_catalogs(tmp_path: Path) -> None:
    """What pip installs has the .mo files where :mod:`reader.text.i18n` reads them."""
    import subprocess
    import sys
    import zipfile

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("rodape-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for domain in (i18n.DOMAIN, i18n.ARGPARSE_DOMAIN):
        assert f"reader/locale/pt_BR/LC_MESSAGES/{domain}.mo" in names
