"""``reader glossary suggest`` (issue 17): names, acronyms, words near an entry's forms,
topics of entries never mentioned and repeated words that no glossary has."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.glossary import GlossarySet, load_glossary
from reader.glossary.suggest import Kind, Passage, Suggestion, suggest
from reader.linking import context_document
from reader.linking.context import sources_start
from reader.pipeline import open_text, resolve_text
from tests.core_helpers import FIXTURES, glossary_set, run_cli

BEFORE_17 = FIXTURES / "glossary" / "segunda-guerra-before-17.yaml"
"""The bundled glossary as it was before issue 17 checked it."""


def _by_kind(found: list[Suggestion], kind: Kind) -> list[tuple[str, int]]:
    return [(s.text, s.count) for s in found if s.kind is kind]


def _passages(*texts: str) -> list[Passage]:
    return [Passage(text) for text in texts]


def test_names_are_capitalised_runs_not_at_a_sentence_start() -> None:
    """Runs of capitals joined by "de"/"do", ordinals before a capital; a sentence's first
    word only when capitalised mid-sentence elsewhere too ("Paulus", not "Expurgou");
    the longest run counts ("Friedrich Paulus" is not also a "Paulus")."""
    found = suggest(
        _passages(
            "Então o 6º Exército chegou. Expurgou a Batalha de Stalingrado e o Homem do Ano.",
            "Paulus rendeu-se. Cercado, Friedrich Paulus viu o 6.º Exército e o Volga.",
        ),
        GlossarySet(),
        "pt",
    )
    assert _by_kind(found, Kind.NAME) == [
        ("Batalha de Stalingrado", 1),
        ("Homem do Ano", 1),
        ("6º Exército", 1),
        ("Friedrich Paulus", 1),
        ("6.º Exército", 1),
        ("Paulus", 1),
        ("Volga", 1),
    ]


def test_what_a_glossary_covers_is_not_suggested() -> None:
    """A form matched (case and accents ignored) hides the name; the rest of a run that
    is partly covered stays."""
    glossary = glossary_set("terms:\n  - term: Volga\n    short: Um rio.\n")
    found = suggest(_passages("Ao longo do volga e do Rio Don, o VOLGA."), glossary, "pt")
    assert _by_kind(found, Kind.NAME) == [("Rio Don", 1)]


def test_acronyms_apart_roman_numerals_aside() -> None:
    found = suggest(_passages("A NKVD e a URSS, no século XVI. A NKVD."), GlossarySet(), "pt")
    assert _by_kind(found, Kind.ACRONYM) == [("NKVD", 2), ("URSS", 1)]
    assert "XVI" not in {s.text for s in found}


def test_repeated_words_without_function_words() -> None:
    """Words of five letters or more met twice, where no form matches; "sobre" and
    "contra" are function words, "cerco" one word, whatever its case."""
    found = suggest(
        _passages("O cerco sobre a cidade. Cerco contra cerco.", "Contra a cidade."),
        GlossarySet(),
        "pt",
    )
    assert _by_kind(found, Kind.REPEATED) == [("cerco", 3), ("cidade", 2)]


def test_a_word_near_the_head_of_a_form_suggests_its_entry() -> None:
    """ "expurgou" shares its stem with "Expurgo", the head of "Grande Expurgo" ("Grande"
    is a function word); "soviéticos" is near no head ("soviética" follows its head)."""
    glossary = glossary_set(
        "terms:\n"
        "  - term: Grande Expurgo\n    short: x\n"
        "  - term: contraofensiva soviética\n    short: y\n"
    )
    found = suggest(_passages("Expurgou os soviéticos. Os soviéticos."), glossary, "pt")
    near = [(s.text, s.entry) for s in found if s.kind is Kind.NEAR]
    assert near == [("Expurgou", "Grande Expurgo")]


def test_the_topic_of_an_entry_never_mentioned() -> None:
    """An entry no form matches: the sentence of the text's own words sharing most with
    it (terms it names, stems of its words), not one of a passage that only comes with
    the text."""
    glossary = glossary_set(
        "terms:\n"
        "  - term: Operação Barbarossa\n"
        "    short: Invasão da URSS por Hitler em 1941.\n"
        "    definition: O exército alemão sofreu perdas; a ofensiva parou.\n"
        "  - term: Hitler\n    short: Ditador.\n"
        "  - term: URSS\n    short: Estado.\n"
    )
    passages = [
        Passage("Choveu muito. Então Hitler lançou sua ofensiva contra a URSS e sofreu perdas."),
        Passage("Hitler, a URSS, a ofensiva, as perdas e a invasão.", own=False),
    ]
    [topic] = [s for s in suggest(passages, glossary, "pt") if s.kind is Kind.TOPIC]
    assert topic.entry == "Operação Barbarossa"
    assert topic.first.passage == 0
    assert topic.text == "Hitler lançou sua ofensiva contra a URSS e sofreu perdas"


def test_the_work_is_bounded_on_a_long_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2,000-term glossary and a 30,000-word text: words are compared with the heads
    sharing their opening only, once per distinct word (not words × heads)."""
    import reader.glossary.suggest as module

    calls = 0
    similar = module._similar

    def counted(word: str, head: str) -> bool:
        nonlocal calls
        calls += 1
        return similar(word, head)

    monkeypatch.setattr(module, "_similar", counted)

    def letters(number: int) -> str:
        return "".join(chr(ord("a") + (number // 26**k) % 26) for k in range(4))

    entries = "".join(f"  - term: x{letters(n)}ismo\n    short: x\n" for n in range(2000))
    glossary = glossary_set(f"terms:\n{entries}")
    words = " ".join(f"y{letters(n % 3000)}ado x{letters(n % 2500)}ismos" for n in range(15000))
    found = suggest([Passage(words)], glossary, "pt")
    assert 0 < calls <= 2 * 5500  # about one head per distinct word, not 5,500 × 2,000
    assert any(s.kind is Kind.NEAR for s in found)


def _bundled_passages() -> list[Passage]:
    """The bundled article's words and its context note's prose, as the CLI reads them."""
    document = open_text(resolve_text("stalingrado")).document
    words = []
    for block in document.blocks[1:]:
        if block.id == "notes":
            break
        words.append(Passage(block.text))
    context = context_document(document, None)
    assert context is not None
    prose = context.blocks[: sources_start(context.blocks, "pt")]
    return [*words, *(Passage(block.text, own=False) for block in prose)]


_MISSING = ["Eixo", "Aliados", "Operação Azul", "6º Exército", "Vassili Tchuikov", "62º Exército"]
"""What issue 17 found missing from the bundled glossary."""


@pytest.mark.parametrize("glossary", ["empty", "before-17"])
def test_it_finds_every_name_issue_17_found_missing(glossary: str) -> None:
    """On the bundled article, with no glossary or with the glossary as it was."""
    glossaries = GlossarySet() if glossary == "empty" else GlossarySet([load_glossary(BEFORE_17)])
    names = {s.text for s in suggest(_bundled_passages(), glossaries, "pt") if s.kind is Kind.NAME}
    assert set(_MISSING) <= names


def test_it_finds_the_two_passages_issue_17_found_without_a_note() -> None:
    """With the glossary as it was: the purge sentence is near *Grande Expurgo*, the
    invasion is the topic of *Operação Barbarossa*."""
    found = suggest(_bundled_passages(), GlossarySet([load_glossary(BEFORE_17)]), "pt")
    hints = {(s.kind, s.entry): s.text for s in found if s.entry is not None}
    assert hints[(Kind.NEAR, "Grande Expurgo")] == "Expurgou"
    assert "ofensiva contra a URSS" in hints[(Kind.TOPIC, "Operação Barbarossa")]


_TEXT = """---
language: pt
glossary: [g]
context: |
  O 6º Exército, de Friedrich Paulus.

  Fontes:

  - Beevor, *Stalingrad*.
---

# A batalha

O cerco de Stalingrado. O cerco
fechou-se em Kalach; a NKVD expurgou.
"""

_GLOSSARY = "language: pt\nterms:\n  - term: Stalingrado\n    short: Uma cidade.\n"


def _files(tmp_path: Path) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.yaml").write_text(_GLOSSARY, encoding="utf-8")
    text = tmp_path / "t.md"
    text.write_text(_TEXT, encoding="utf-8")
    return text


def test_cli_lists_each_with_count_and_first_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Text format: a section per kind, ``count  phrase  file:line``; the context note's
    prose is read (at its own lines), not its sources ("Stalingrad", "Beevor")."""
    text = _files(tmp_path)
    result = run_cli(capsys, "glossary", "suggest", text)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Names no glossary has:",
        f"     1  6º Exército  {text}:5",
        f"     1  Friedrich Paulus  {text}:5",
        f"     1  Kalach  {text}:15",
        "",
        "Acronyms no glossary has:",
        f"     1  NKVD  {text}:15",
        "",
        "Repeated words no glossary has:",
        f"     2  cerco  {text}:14",
    ]


def test_cli_yaml_prints_entry_stubs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--format yaml``: stubs that load as glossary entries once pasted under terms:."""
    text = _files(tmp_path)
    result = run_cli(capsys, "glossary", "suggest", text, "--format", "yaml")
    assert result.code == 0, result.err
    stubs = tmp_path / "stubs.yaml"
    stubs.write_text("terms:\n" + result.out, encoding="utf-8")
    loaded = load_glossary(stubs)
    assert [(term.term, term.short) for term in loaded.terms] == [
        ("6º Exército", "TODO"),
        ("Friedrich Paulus", "TODO"),
        ("Kalach", "TODO"),
        ("NKVD", "TODO"),
        ("cerco", "TODO"),
    ]


def test_cli_names_a_missing_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = run_cli(capsys, "glossary", "suggest", tmp_path / "nada.md")
    assert result.code == 2
    assert result.err.startswith("reader: ")
    assert "nada.md" in result.err
