"""The bundled article and glossary as a historian would sign them (issue 17): the
article's words are the author's, untouched; every entry is reached from the text; the
glossary's prose keeps one register and its sources are citations with a year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.document import SpanKind
from reader.glossary import load_glossary
from reader.index.aids import ReadingAids
from reader.linking import OpenedText
from reader.pipeline import open_text, resolve_text
from tests.core_helpers import BUNDLED_GLOSSARY, REPO, run_cli

ARTICLE = REPO / "texts" / "stalingrado.md"


def _seed() -> Path:
    """``shared/seed/stalingrado.txt``, the article as its author wrote it: beside the
    checkout (``../shared``, as CI lays it) or beside one of its parents (a worktree)."""
    for folder in REPO.parents:
        seed = folder / "shared" / "seed" / "stalingrado.txt"
        if seed.is_file():
            return seed
    pytest.skip("no shared/seed/stalingrado.txt beside this checkout or its parents")


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a text written one per line (the seed), or one per line with
    blank lines between them (the article's body)."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _body(source: str) -> str:
    """The article's text after its front matter."""
    return source.split("\n---\n", 1)[1]


def _opened() -> OpenedText:
    return open_text(resolve_text("stalingrado"))


def test_the_articles_words_are_the_authors() -> None:
    """Everything after the front matter is the seed text, paragraph for paragraph."""
    seed = _seed().read_text(encoding="utf-8")
    assert _paragraphs(_body(ARTICLE.read_text(encoding="utf-8"))) == _paragraphs(seed)


def test_the_linked_articles_words_are_the_authors() -> None:
    """What the reader shows between the title and the notes is the seed's words: links,
    note numbers and editor's notes add nothing to a block's text."""
    seed = _seed().read_text(encoding="utf-8")
    blocks = _opened().document.blocks
    notes = next(index for index, block in enumerate(blocks) if block.id == "notes")
    assert [block.text for block in blocks[1:notes]] == _paragraphs(seed)


def test_check_finds_no_entry_never_mentioned(capsys: pytest.CaptureFixture[str]) -> None:
    """Every entry of the bundled glossary is named by the article or its context note."""
    result = run_cli(capsys, "check", "stalingrado")
    assert result.code == 0
    assert "never mentioned" not in result.out


@pytest.mark.parametrize(
    ("passage", "term"),
    [
        ("Expurgou o exército", "Grande Expurgo"),
        ("ofensiva contra a URSS", "Operação Barbarossa"),
    ],
)
def test_the_purge_and_the_invasion_reach_their_entries(passage: str, term: str) -> None:
    """The two passages with no note before issue 17 now link their entries, and the
    aliases that do it match nothing else in the article or its context note."""
    opened = _opened()
    found = [
        (block.text[span.start : span.end], span.target)
        for block in opened.document.blocks[1:]
        if block.id != "notes" and not block.containers
        for span in block.spans
        if span.kind is SpanKind.TERM_REF
    ]
    assert (passage, term) in found
    assert [target for _, target in found].count(term) == 1
    context = ReadingAids.build(opened).context
    assert context is not None
    assert all(span.target != term for block in context.blocks for span in block.spans)


def _prose(glossary_path: Path) -> list[tuple[str, str]]:
    """(term, text) of every entry's short and definition."""
    glossary = load_glossary(glossary_path)
    return [(term.term, text) for term in glossary.terms for text in (term.short, term.definition)]


def test_glossary_prose_is_brazilian_with_one_transliteration() -> None:
    """Ordinals as "6º" (not the European "6.º"), and the Portuguese transliteration of
    Russian names (Tsarítsin, Mamaiev Kurgan, Kalatch), never the English one."""
    context = ARTICLE.read_text(encoding="utf-8").split("Fontes:", 1)[0]
    for term, text in [*_prose(BUNDLED_GLOSSARY), ("context", context)]:
        assert ".º" not in text, term
        for english in ("Tsaritsyn", "Mamayev", "Kalach", "Vasilevsky", "Zhukov", "Chuikov"):
            assert english not in text, (term, english)


def test_glossary_sources_are_citations() -> None:
    """Every entry names its sources; each gives a year, and each Britannica article or
    Time issue cited gives its public address."""
    for term in load_glossary(BUNDLED_GLOSSARY).terms:
        assert term.sources, term.term
        for source in term.sources:
            if source.startswith(("Encyclopaedia Britannica", "Time,")):
                assert "https://" in source, source
            else:
                assert re.search(r"\b1[89]\d\d\b|\b20\d\d\b", source), source


def test_the_volga_has_one_length() -> None:
    """The Volga's length is given once, with its source."""
    volga = load_glossary(BUNDLED_GLOSSARY).terms
    entry = next(term for term in volga if term.term == "Rio Volga")
    lengths = re.findall(r"\d[\d.]* km", f"{entry.short} {entry.definition}")
    assert lengths == ["3.530 km"]
    assert "Britannica" in entry.short
