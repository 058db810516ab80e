"""The few words the reader itself writes into a text, in the text's language; note
numbers; counts as the interface writes them."""

from __future__ import annotations

_STRINGS: dict[str, dict[str, str]] = {
    "pt": {
        "Notes": "Notas",
        "See also": "Ver também",
        "Sources": "Fontes",
        "Also": "Também",
        "Note": "Nota",
        "Glossary": "Glossário",
        "Context": "Contexto",
        "Editor's note": "Nota do editor",
    },
    "es": {
        "Notes": "Notas",
        "See also": "Véase también",
        "Sources": "Fuentes",
        "Also": "También",
        "Note": "Nota",
        "Glossary": "Glosario",
        "Context": "Contexto",
        "Editor's note": "Nota del editor",
    },
    "fr": {
        "Notes": "Notes",
        "See also": "Voir aussi",
        "Sources": "Sources",
        "Also": "Aussi",
        "Note": "Note",
        "Glossary": "Glossaire",
        "Context": "Contexte",
        "Editor's note": "Note de l’éditeur",
    },
    "de": {
        "Notes": "Anmerkungen",
        "See also": "Siehe auch",
        "Sources": "Quellen",
        "Also": "Auch",
        "Note": "Anmerkung",
        "Glossary": "Glossar",
        "Context": "Kontext",
        "Editor's note": "Anmerkung des Herausgebers",
    },
}


def translate(word: str, language: str) -> str:
    """``word`` in the primary language of the BCP 47 tag ``language``; English otherwise."""
    primary = language.split("-", 1)[0].lower()
    return _STRINGS.get(primary, {}).get(word, word)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    """``12`` → ``¹²``: how note numbers are set after a term."""
    return str(number).translate(_SUPERSCRIPT)


_THOUSANDS_SEPARATOR: dict[str, str] = {"en": ","}
"""How the interface in each language groups a count's thousands."""

INTERFACE_LANGUAGE = "en"
"""The language the reader's own messages are written in (the only one so far)."""


def format_count(count: int, language: str = INTERFACE_LANGUAGE) -> str:
    """``1893`` → ``"1,893"``: a count as the interface in ``language`` writes it (one
    helper, so a translated interface changes every count at once). A language without
    its own rule is written as English is."""
    primary = language.split("-", 1)[0].lower()
    separator = _THOUSANDS_SEPARATOR.get(primary, _THOUSANDS_SEPARATOR[INTERFACE_LANGUAGE])
    return f"{count:,}".replace(",", separator)
