"""Helpers shared by the tests of the pure core (document, glossary, linking, CLI)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.cli import main
from reader.glossary import Glossary, GlossarySet, parse_glossary
from reader.text.strict_yaml import load_yaml

REPO = Path(__file__).resolve().parent.parent
BUNDLED_GLOSSARY = REPO / "glossary" / "segunda-guerra.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def from_superscript(text: str) -> int:
    """``"¹²"`` → ``12``."""
    return int(text.translate(_FROM_SUPERSCRIPT))


def glossary_from_yaml(text: str, name: str = "g") -> Glossary:
    """A glossary parsed from YAML source, named ``name`` and located at ``<name>.yaml``."""
    path = f"{name}.yaml"
    return parse_glossary(load_yaml(text, path=path), name=name, path=path)


def glossary_set(text: str, name: str = "g") -> GlossarySet:
    """A glossary set holding the one glossary in ``text``."""
    return GlossarySet([glossary_from_yaml(text, name)])


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of ``reader`` did."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> CliResult:
    """Run ``reader ARGV`` in-process; return its exit status and captured output."""
    capsys.readouterr()  # drop anything printed before
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def first_word_occurrence(text: str, word: str) -> re.Match[str] | None:
    """The first occurrence of ``word`` not inside a longer word (note numbers may follow)."""
    pattern = rf"(?<!\w){re.escape(word)}(?=[{SUPERSCRIPT_DIGITS}]|[^\w]|$)"
    return re.search(pattern, text)


def number_after(text: str, position: int) -> int | None:
    """The superscript note number starting at ``position`` in ``text``, if any."""
    digits = re.match(f"[{SUPERSCRIPT_DIGITS}]+", text[position:])
    return from_superscript(digits.group()) if digits else None
