"""Glossaries: load and validate them, find their terms in a text, and lint them. No UI here."""

from reader.glossary.load import (
    GlossarySet,
    check_unique_forms,
    duplicate_key,
    load_glossary,
    parse_glossary,
)
from reader.glossary.matcher import TermMatch, TermMatcher
from reader.glossary.model import Glossary, Term
from reader.text.fold import fold

__all__ = [
    "Glossary",
    "GlossarySet",
    "Term",
    "TermMatch",
    "TermMatcher",
    "check_unique_forms",
    "duplicate_key",
    "fold",
    "load_glossary",
    "parse_glossary",
]
