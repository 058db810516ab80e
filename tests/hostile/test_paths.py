"""Paths a text or an imported file names are data: they never make the reader open a
file it was not asked to open (issue 12, "Untrusted paths")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import parse_document
from reader.pipeline.glossaries import glossaries_for, is_glossary_name
from reader.text.errors import Severity

_EVIL = "terms:\n  - term: Segredo\n    short: conteúdo de fora\n"


def _text_naming(tmp_path: Path, name: str) -> tuple[Path, str]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "glossary").mkdir()  # so that glossary/../outside/evil.yaml resolves
    (outside / "evil.yaml").write_text(f"name: evil\nlanguage: pt\n{_EVIL}", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    path = texts / "a.md"
    source = f"---\ntitle: A\nglossary:\n  - {name}\n---\n\nSegredo aqui.\n"
    path.write_text(source, encoding="utf-8")
    return path, source


@pytest.mark.parametrize("name", ["../outside/evil", "{outside}/evil", "..", "sub\\evil", "C:evil"])
def test_a_glossary_named_by_path_is_refused_with_its_line(tmp_path: Path, name: str) -> None:
    name = name.format(outside=tmp_path / "outside")
    path, source = _text_naming(tmp_path, name)
    doc = parse_document(source, str(path))
    found = glossaries_for(doc, path)
    assert all(glossary.name != "evil" for glossary in found.glossary_set.glossaries)
    (warning,) = [p for p in found.problems if "refused" in p.message]
    assert warning.severity is Severity.WARNING
    assert warning.line == 4


def test_plain_names_are_names() -> None:
    assert is_glossary_name("historia-urss")
    assert is_glossary_name("v1.2")
    for bad in ("", ".", "..", "a/b", "/etc/x", "a\\b", "C:x", "~/.bashrc"):
        assert not is_glossary_name(bad), bad
