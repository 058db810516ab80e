"""Glossary entries a text defines itself: abbreviation lines and a "Glossário" list."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import SpanKind, parse_markdown
from reader.document.abbreviations import first_sentence, is_glossary_heading
from reader.document.model import LocalTerm
from reader.document.parse import make_parser
from reader.index.mentions import MentionIndex
from reader.linking import NOTES_BLOCK_ID
from reader.pipeline import LOCAL_GLOSSARY, OpenedText, TextRef, open_text
from reader.text.errors import Severity


def _open(tmp_path: Path, body: str, *, glossary: str = "[]", name: str = "t.md") -> OpenedText:
    """Open a text with ``body`` under front matter naming ``glossary``."""
    path = tmp_path / name
    path.write_text(f"---\nglossary: {glossary}\n---\n{body}", encoding="utf-8")
    return open_text(TextRef(path, name))


def _linked(opened: OpenedText) -> list[tuple[str, str]]:
    """(text under the span, term) of every term link in the body, notes left out."""
    found = []
    for block in opened.document.blocks:
        if block.id == NOTES_BLOCK_ID:
            break
        for span in block.spans:
            if span.kind is SpanKind.TERM_REF:
                found.append((block.text[span.start : span.end], span.target))
    return found


_ABBREVIATED = (
    "A URSS venceu em Stalingrado.\n"
    "*[URSS]: União das Repúblicas Socialistas Soviéticas\n"
    "Depois, a urss e a URSS de novo.\n"
    "\n"
    "*[EUA]: Estados Unidos da América\n"
)


def test_abbreviation_lines_are_hidden_and_become_entries() -> None:
    """``*[URSS]: …`` lines vanish from the text (one inside a paragraph ends it, like a
    footnote definition; the last line of the file leaves no warning) and are listed as
    local terms with their source line; the first definition of a label wins."""
    doc = parse_markdown(_ABBREVIATED + "*[EUA]: outra coisa\n", "t.md")
    assert [block.text for block in doc.blocks] == [
        "A URSS venceu em Stalingrado.",
        "Depois, a urss e a URSS de novo.",
    ]
    assert doc.warnings == ()
    assert doc.local_terms == (
        LocalTerm(
            "URSS",
            "União das Repúblicas Socialistas Soviéticas",
            "União das Repúblicas Socialistas Soviéticas",
            2,
            case_sensitive=True,
        ),
        LocalTerm("EUA", "Estados Unidos da América", "Estados Unidos da América", 5, True),
    )


@pytest.mark.parametrize(
    "source",
    [
        "    *[URSS]: indented four spaces is code\n",
        "```\n*[URSS]: inside a fence\n```\n",
        "*[URSS] no colon\n",
        "*[]: no label\n",
        "*[URSS]:\n",
        "* [URSS]: a list item\n",
    ],
)
def test_what_is_not_an_abbreviation_line(source: str) -> None:
    """Code, a missing colon, label or expansion, or a list marker: the line stays text
    and defines nothing."""
    doc = parse_markdown(source, "t.md")
    assert doc.local_terms == ()
    assert "URSS" in " ".join(block.text for block in doc.blocks) or "[]" in source


def test_abbreviation_is_linked_where_used_and_matched_exactly(tmp_path: Path) -> None:
    """An abbreviation joins the text's glossaries as a case-sensitive entry: "URSS" is a
    link each time, "urss" is not; its note says what it stands for."""
    opened = _open(tmp_path, _ABBREVIATED)
    assert _linked(opened) == [("URSS", "URSS"), ("URSS", "URSS")]
    term = opened.glossaries.lookup("URSS")
    assert term is not None
    assert term.short == "União das Repúblicas Socialistas Soviéticas"
    assert term.definition == ""  # the same as the summary: not repeated
    assert (term.glossary, term.line, term.case_sensitive) == (LOCAL_GLOSSARY, 5, True)
    (local,) = [g for g in opened.glossaries.glossaries if g.name == LOCAL_GLOSSARY]
    assert local.path == "t.md"
    assert [t.term for t in local.terms] == ["URSS", "EUA"]
    assert MentionIndex.build(opened.document).count("EUA") == 0


_GLOSSARIO = (
    "# Artigo\n"
    "\n"
    "O cerco fechou-se em Kalach; a Stavka planejou tudo.\n"
    "\n"
    "## Glossário\n"
    "\n"
    "Kalach\n"
    ": Cidade às margens do Don. Ali o cerco se fechou, em 23 de novembro de 1942.\n"
    "\n"
    "*Stavka*\n"
    ":   O alto-comando soviético.\n"
    "\n"
    "    Presidido por Stalin.\n"
    "\n"
    "### Termos raros\n"
    "\n"
    "Rasputitsa\n"
    ": A estação da lama.\n"
    "\n"
    "## Outra seção\n"
    "\n"
    "Don\n"
    ": Não é do glossário.\n"
)


def test_glossary_definition_list_becomes_entries() -> None:
    """Under a "Glossário" heading each term and its definitions make an entry: the first
    sentence is the summary, all of the definition's text the definition; a subheading
    stays in the section, the next heading of the same level ends it."""
    doc = parse_markdown(_GLOSSARIO, "t.md")
    assert doc.local_terms == (
        LocalTerm(
            "Kalach",
            "Cidade às margens do Don.",
            "Cidade às margens do Don. Ali o cerco se fechou, em 23 de novembro de 1942.",
            7,
        ),
        LocalTerm(
            "Stavka",
            "O alto-comando soviético.",
            "O alto-comando soviético.\n\nPresidido por Stalin.",
            10,
        ),
        LocalTerm("Rasputitsa", "A estação da lama.", "A estação da lama.", 17),
    )


def test_glossary_entries_are_linked_in_the_text(tmp_path: Path) -> None:
    """The text's own entries are linked like any other term, in its body and its notes
    numbered; the term "Don" defined outside the glossary section is not an entry."""
    opened = _open(tmp_path, _GLOSSARIO)
    linked = _linked(opened)
    assert linked[:2] == [("Kalach", "Kalach"), ("Stavka", "Stavka")]
    assert ("Don", "Don") not in linked
    index = MentionIndex.build(opened.document)
    assert index.count("Kalach") >= 1
    assert index.mentions("Kalach")[0].block_id == "p-1"
    term = opened.glossaries.lookup("stavka")
    assert term is not None and term.definition.endswith("Presidido por Stalin.")
    assert opened.problems == ()


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Glossário", True),
        ("GLOSSARIO", True),
        ("Glossary", True),
        ("Glosario", True),
        ("Glossaire:", True),
        ("glossar", True),
        ("Glossário de termos", False),
        ("Notas", False),
    ],
)
def test_glossary_heading_names(heading: str, expected: bool) -> None:
    """The heading is recognised in five languages, ignoring case, accents and a final
    colon, and only as the whole heading."""
    assert is_glossary_heading(heading) is expected
    doc = parse_markdown(f"## {heading}\n\nTermo\n: Definição.\n", "t.md")
    assert bool(doc.local_terms) is expected


def test_first_sentence() -> None:
    """The summary is the first line, cut after its first sentence."""
    assert first_sentence("Uma. Duas.") == "Uma."
    assert first_sentence("Sem ponto final") == "Sem ponto final"
    assert first_sentence("Linha um\nLinha dois. Três.") == "Linha um"
    assert first_sentence("O 6.º Exército cercado. Depois.") == "O 6.º Exército cercado."


def test_clash_with_a_loaded_term_is_a_warning(tmp_path: Path) -> None:
    """A local entry for a form the bundled glossary already has (URSS is an alias of
    União Soviética) is skipped with a warning at its line; the text opens and "URSS"
    stays linked to the bundled entry. A later local entry clashing with an earlier one
    is skipped the same way."""
    body = (
        "A URSS e a Stavka.\n\n"
        "*[URSS]: outra coisa\n\n"
        "## Glossary\n\n"
        "Stavka\n: O alto-comando.\n\n"
        "STAVKA\n: De novo.\n"
    )
    opened = _open(tmp_path, body, glossary="[segunda-guerra]")
    assert [(p.line, p.severity) for p in opened.problems] == [
        (6, Severity.WARNING),
        (13, Severity.WARNING),
    ]
    first, second = (str(problem) for problem in opened.problems)
    assert first == (
        "t.md:6: warning: 'URSS' is already a term or alias of 'União Soviética' "
        "(segunda-guerra:328); the text's own entry is ignored"
    )
    assert "'STAVKA' is already a term or alias of 'Stavka' (t.md:10)" in second
    assert ("URSS", "União Soviética") in _linked(opened)
    stavka = opened.glossaries.lookup("Stavka")
    assert stavka is not None and stavka.short == "O alto-comando."


def test_only_clashing_entries_are_dropped(tmp_path: Path) -> None:
    """When every local entry clashes, no local glossary is added at all."""
    opened = _open(tmp_path, "A URSS.\n\n*[URSS]: x\n", glossary="[segunda-guerra]")
    assert [g.name for g in opened.glossaries.glossaries] == ["segunda-guerra"]
    assert len(opened.problems) == 1


def test_abbreviation_text_is_made_visible() -> None:
    """Control characters in an abbreviation line are shown as symbols, like the rest of
    the text."""
    doc = parse_markdown("*[X\x1b]: fim\x1b[31m vermelho\n", "t.md")
    (term,) = doc.local_terms
    assert "\x1b" not in term.term + term.short
    assert "␛" in term.short


def test_parser_renders_abbreviation_lines_as_nothing() -> None:
    """Rendering to HTML (not used by the reader, but the token must be harmless)
    leaves no trace of the line."""
    assert make_parser().render("*[URSS]: x\n\nA URSS.\n") == "<p>A URSS.</p>\n"
