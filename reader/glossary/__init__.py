"""Glossaries: load and validate them, and find their terms in a text. No UI here."""

from reader.glossary.load import GlossarySet, check_unique_forms, load_glossary, parse_glossary
from reader.glossary.matcher import Match, TermMatcher
from reader.glossary.model import Glossary, Term
from reader.text.fold import fold

__all__ = [
    "Glossary",
    "GlossarySet",
    "Match",
    "Term",
    "TermMatcher",
    "check_unique_forms",
    "fold",
    "load_glossary",
    "parse_glossary",
]
