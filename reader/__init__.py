"""Rodapé: a terminal e-reader whose glossary terms are linked footnotes."""

__version__ = "0.1.0"
