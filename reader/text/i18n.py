"""The interface's own words in the reader's language: stdlib gettext, nothing more.

Every string the reader shows (labels, keys, headings, messages, ``--help``) is written in
English in the source and passed through :func:`_` (or :func:`ngettext` where a count
decides the form); Brazilian Portuguese is the one translation. The catalogs are compiled
``.mo`` files inside the package (``reader/locale/pt_BR/LC_MESSAGES/``), read with
:mod:`importlib.resources`, so they come with the wheel; Babel makes them (``./catalog``)
but is never imported at run time.

This module sits in the lowest layer, so the core's messages (a file's problems the CLI
prints) are translated as the interface's are. The language is chosen once per run
(:func:`set_language`: the ``language`` setting); until then it is the environment's
(:func:`language_from_environment`). A text's own content (the article, glossary
entries) is never translated.

Numbers and dates follow the language too: :func:`format_number` (1,893 / 1.893),
:func:`format_date`.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

if TYPE_CHECKING:
    from datetime import date, datetime

InterfaceLanguage: TypeAlias = Literal["en", "pt-BR"]

DOMAIN: Final = "rodape"
"""The reader's own catalog (``rodape.po`` / ``rodape.mo``)."""
ARGPARSE_DOMAIN: Final = "argparse"
"""argparse's words ("usage:", "options:"), translated by a catalog of ours."""
LOCALE_FOLDERS: Final[Mapping[str, str]] = {"pt-BR": "pt_BR"}
"""Where each translation's catalogs are, under ``reader/locale``."""
LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""gettext's order: the first one set decides."""


class _State:
    language: InterfaceLanguage | None = None
    """None until chosen: then the environment's."""
    catalogs: dict[tuple[InterfaceLanguage, str], gettext.NullTranslations] = {}


def language_from_environment(environ: Mapping[str, str] | None = None) -> InterfaceLanguage:
    """What the locale variables ask for: Portuguese of any country (``pt``,
    ``pt_PT.UTF-8``) is Brazilian Portuguese, the one translation there is; anything else,
    or nothing set, English. ``LANGUAGE`` is a list: its first entry counts."""
    variables = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = variables.get(variable, "").split(":")[0].strip()
        if value:
            return "pt-BR" if value.casefold().startswith("pt") else "en"
    return "en"


def set_language(language: InterfaceLanguage) -> None:
    """Speak ``language`` from now on (every :func:`_` called after this)."""
    _State.language = language


def current_language() -> InterfaceLanguage:
    """The language in force: the one set, else the environment's."""
    if _State.language is None:
        _State.language = language_from_environment()
    return _State.language


def catalog(
    domain: str = DOMAIN, language: InterfaceLanguage | None = None
) -> gettext.NullTranslations:
    """The compiled catalog of ``domain`` in ``language`` (default: the current one);
    English, and a catalog missing from the package, translate nothing."""
    chosen = language or current_language()
    key = (chosen, domain)
    found = _State.catalogs.get(key)
    if found is None:
        found = _load(domain, chosen)
        _State.catalogs[key] = found
    return found


def _load(domain: str, language: InterfaceLanguage) -> gettext.NullTranslations:
    folder = LOCALE_FOLDERS.get(language)
    if folder is None:
        return gettext.NullTranslations()
    from importlib.resources import files  # ~10 ms: only when there is a catalog to read

    resource = files("reader").joinpath("locale", folder, "LC_MESSAGES", f"{domain}.mo")
    try:
        with resource.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except OSError:
        return gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` (English, as the source writes it) in the interface's language."""
    return catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that ``count`` asks for, in the interface's language
    (Portuguese, as English, has one form for 1 and one for the rest; 0 takes the
    singular in Portuguese: "0 marcador")."""
    return catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined (a module's constant), to be
    translated with :func:`_` where it is shown: the language may be chosen later."""
    return message


def argparse_gettext(message: str) -> str:
    """argparse's own words in the interface's language."""
    return catalog(ARGPARSE_DOMAIN).gettext(message)


def argparse_ngettext(singular: str, plural: str, count: int) -> str:
    """argparse's own plurals in the interface's language."""
    return catalog(ARGPARSE_DOMAIN).ngettext(singular, plural, count)


_SEPARATORS: Final[Mapping[InterfaceLanguage, tuple[str, str]]] = {
    "en": (",", "."),
    "pt-BR": (".", ","),
}
"""Each language's (thousands, decimal) separators."""


def format_number(
    number: float, decimals: int = 0, language: InterfaceLanguage | None = None
) -> str:
    """``1893`` → ``"1,893"`` in English, ``"1.893"`` in Portuguese; with ``decimals``,
    that many figures after the decimal mark (``"2.5"`` / ``"2,5"``)."""
    thousands, decimal = _SEPARATORS[language or current_language()]
    written = f"{number:,.{decimals}f}"
    return written.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


_DATE_FORMATS: Final[Mapping[InterfaceLanguage, tuple[str, str]]] = {
    "en": ("%Y-%m-%d", "%Y-%m-%d %H:%M"),
    "pt-BR": ("%d/%m/%Y", "%d/%m/%Y %H:%M"),
}
"""Each language's (date, date and time) formats: ISO in English, day first in Brazil."""


def format_date(moment: date | datetime, language: InterfaceLanguage | None = None) -> str:
    """A date (with its time, for a :class:`datetime`) as the interface writes it."""
    from datetime import datetime

    day_format, time_format = _DATE_FORMATS[language or current_language()]
    return moment.strftime(time_format if isinstance(moment, datetime) else day_format)
