"""The few words the reader itself writes into a text, in the text's language; note
numbers; counts as the interface writes them."""

from __future__ import annotations

from reader.text.i18n import format_number

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


def format_count(count: int, language: str | None = None) -> str:
    """``1893`` → ``"1,893"`` (``"1.893"`` in Portuguese): a count as the interface in
    ``language`` (a BCP 47 tag; default: the interface's own) writes it, one helper so
    that every count follows the language at once. A language without its own rule is
    written as English is."""
    if language is None:
        return format_number(count)
    primary = language.split("-", 1)[0].lower()
    return format_number(count, language="pt-BR" if primary == "pt" else "en")
