"""``reader render``: the bundled article as wrapped plain text with its note numbers."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.core_helpers import (
    BUNDLED_GLOSSARY,
    FIXTURES,
    SUPERSCRIPT_DIGITS,
    first_word_occurrence,
    from_superscript,
    number_after,
    run_cli,
)

TITLE = "A Batalha de Stalingrado"
GOLDEN = FIXTURES / "render" / "stalingrado-72.txt"

LINKED_TERMS = [
    "Wehrmacht",
    "Volgogrado",
    "Exército Vermelho",
    "Terceiro Reich",
    "Trótski",
    "Stalin",
    "União Soviética",
    "Hitler",
]


@pytest.fixture
def in_tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty directory, so "stalingrado" can only mean the bundled text."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _render(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    result = run_cli(capsys, "render", *args)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def _body_and_notes(output: str) -> tuple[str, list[str]]:
    """The article body as one string (wrapped lines joined by spaces) and the lines of
    the notes section after its heading and rule."""
    lines = output.splitlines()
    notes_at = lines.index("Notas")
    assert set(lines[notes_at + 1]) == {"─"}
    body = " ".join(line for line in lines[:notes_at] if line)
    return body, lines[notes_at + 2 :]


def test_output_starts_with_title_and_rule(
    capsys: pytest.CaptureFixture[str], in_tmp_dir: Path
) -> None:
    """The title from front matter comes first, underlined by a heavy rule of its width,
    then a blank line and the first paragraph."""
    lines = _render(capsys, "stalingrado").splitlines()
    assert lines[0] == TITLE
    assert lines[1] == "━" * len(TITLE)
    assert lines[2] == ""
    assert lines[3].startswith("Em 2 de fevereiro de 1943")


@pytest.mark.parametrize("width", [40, 72, 100])
def test_every_line_fits_the_width(
    capsys: pytest.CaptureFixture[str], in_tmp_dir: Path, width: int
) -> None:
    """No line is wider than --width columns, and wrapping really uses the width."""
    lines = _render(capsys, "stalingrado", "--width", str(width)).splitlines()
    widest = max(cell_len(line) for line in lines)
    assert widest <= width
    assert widest >= width - 10
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("term", LINKED_TERMS)
def test_first_occurrence_of_term_carries_a_number(
    capsys: pytest.CaptureFixture[str], in_tmp_dir: Path, term: str
) -> None:
    """Each glossary term's first occurrence in the body is followed by its superscript
    note number, and that number's note names the term's entry."""
    body, notes = _body_and_notes(_render(capsys, "stalingrado"))
    found = first_word_occurrence(body, term)
    assert found is not None, f"{term!r} not in the body"
    number = number_after(body, found.end())
    assert number is not None, (
        f"no number after the first {term!r}: {body[found.start() - 20 : found.end() + 20]!r}"
    )
    entry = next(line for line in notes if line.startswith(_superscript(number) + " "))
    assert term.split()[-1] in entry


def _superscript(number: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(digit)] for digit in str(number))


def _wehrmacht_numbers(body: str) -> list[int | None]:
    return [number_after(body, m.end()) for m in re.finditer(r"(?<!\w)Wehrmacht", body)]


def test_second_occurrence_numbered_only_with_marks_all(
    capsys: pytest.CaptureFixture[str], in_tmp_dir: Path
) -> None:
    """The second "Wehrmacht" has no number by default (--marks first) and the same number
    as the first with --marks all."""
    first_body, _ = _body_and_notes(_render(capsys, "stalingrado", "--marks", "first"))
    numbers = _wehrmacht_numbers(first_body)
    assert len(numbers) == 2
    assert numbers[0] is not None
    assert numbers[1] is None
    all_body, _ = _body_and_notes(_render(capsys, "stalingrado", "--marks", "all"))
    assert _wehrmacht_numbers(all_body) == [numbers[0], numbers[0]]


def test_notes_section_lists_numbers_in_order(
    capsys: pytest.CaptureFixture[str], in_tmp_dir: Path
) -> None:
    """The "Notas" section lists ¹ … ⁿ, each once and in order, where n is the highest
    number in the body, and every number in the body has its note."""
    body, notes = _body_and_notes(_render(capsys, "stalingrado"))
    listed = [
        from_superscript(marker.group())
        for line in notes
        if (marker := re.match(f"[{SUPERSCRIPT_DIGITS}]+", line))
    ]
    in_body = {from_superscript(digits) for digits in re.findall(f"[{SUPERSCRIPT_DIGITS}]+", body)}
    assert listed == list(range(1, len(listed) + 1))
    assert len(listed) >= len(LINKED_TERMS)
    assert in_body == set(listed)


_NAMED = "---\nlanguage: pt\nglossary: [segunda-guerra]\n---\n"


@pytest.mark.parametrize(
    ("front_matter", "use_glossary_option"),
    [("", True), (_NAMED, False), (_NAMED, True)],
    ids=["glossary-option", "named", "both"],
)
def test_lowercase_time_is_never_linked(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    front_matter: str,
    use_glossary_option: bool,
) -> None:
    """The bundled term "Time" is case-sensitive: the magazine is linked, the Portuguese
    word "time" (team) and "TIME" are not. The glossary can come from
    --glossary, from the text's front matter, or both (it is then used once)."""
    text = tmp_path / "time.md"
    text.write_text(
        f"{front_matter}O time venceu. TIME!\n\nA revista Time escolheu Stalin.\n",
        encoding="utf-8",
    )
    args: list[str | Path] = [text]
    if use_glossary_option:
        args += ["--glossary", BUNDLED_GLOSSARY]
    output = _render(capsys, *args)
    assert "O time venceu. TIME!\n" in output
    assert "A revista Time¹ escolheu Stalin²." in output
    assert re.search(r"¹ +Time — Revista de notícias", output)


def test_plain_text_renders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A ``.txt`` file renders as its file name (title) and its paragraphs, wrapped."""
    text = tmp_path / "diario.txt"
    text.write_text("Primeira linha\nsegunda linha.\n\n*Sem* Markdown.\n", encoding="utf-8")
    output = _render(capsys, text, "--width", "40")
    assert output == "diario\n━━━━━━\n\nPrimeira linha segunda linha.\n\n*Sem* Markdown.\n"


def test_render_matches_golden_file(capsys: pytest.CaptureFixture[str], in_tmp_dir: Path) -> None:
    """``reader render stalingrado --width 72`` is exactly the reviewed golden output.
    If the change is intended, regenerate the file with that command and review the diff."""
    actual = _render(capsys, "stalingrado", "--width", "72")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(GOLDEN.relative_to(FIXTURES.parent.parent)),
                tofile="reader render stalingrado --width 72",
            )
        )
        pytest.fail(f"render output differs from the golden file:\n{diff}", pytrace=False)


def test_table_columns_make_room_for_note_marks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--marks all`` at ``--width 100``: "Command Module¹" fits its column whole, the
    column being sized with the mark it carries, and the table stays within the width."""
    glossary = tmp_path / "apollo.yaml"
    glossary.write_text(
        "title: Apollo\nlanguage: en\nterms:\n"
        "  - term: Command Module\n    short: The crew's capsule.\n"
        "  - term: Saturn V\n    short: The rocket.\n",
        encoding="utf-8",
    )
    text = tmp_path / "apollo.md"
    text.write_text(
        "---\nlanguage: en\n---\nThe Command Module flew on a Saturn V.\n\n"
        "| Part | Role |\n|---|---|\n"
        "| Command Module | carried the crew there and back |\n| Saturn V | launched it |\n",
        encoding="utf-8",
    )
    for marks in ("first", "all"):
        out = _render(capsys, text, "--glossary", glossary, "--marks", marks, "--width", "100")
        cells = [line.split(" │ ")[0].rstrip() for line in out.splitlines() if " │ " in line]
        module = "Command Module¹" if marks == "all" else "Command Module"
        assert cells == ["Part", module, "Saturn V²" if marks == "all" else "Saturn V"]
        assert max(cell_len(line) for line in out.splitlines()) <= 100
