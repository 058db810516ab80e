"""Justified prose: lines reach the column without rivers, nothing moves or is lost, and
only paragraphs are justified (never code, tables, headings or last lines)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.document import parse_markdown
from reader.layout import DocumentLayout, Line
from reader.layout.justify import MAX_EXTRA_PER_GAP, justified_lines, justify_line
from reader.layout.runs import Run
from reader.layout.wrap import wrap_runs

WIDTH = 40
PROSE = (
    "A batalha de Stalingrado foi travada entre o exército alemão e o soviético pela "
    "cidade às margens do Volga, de agosto de 1942 a fevereiro de 1943, e mudou o curso "
    "da guerra na frente oriental."
)


def _text(line: Line | list[Run]) -> str:
    return "".join(run.text for run in line)


def _body(markdown: str, *, justify: bool, width: int = WIDTH) -> list[str]:
    layout = DocumentLayout(parse_markdown(markdown, "t.md"), width, justify=justify)
    return layout.plain_lines()


def test_every_line_but_the_last_reaches_the_column() -> None:
    lines = justified_lines([Run(PROSE, offset=0)], WIDTH)
    assert [cell_len(_text(line)) for line in lines[:-1]] == [WIDTH] * (len(lines) - 1)
    assert cell_len(_text(lines[-1])) < WIDTH
    assert "  " not in _text(lines[-1])  # the last line ragged


def test_no_gap_grows_by_more_than_two_spaces() -> None:
    """A line that would need wider gaps stays ragged: no rivers."""
    line = [Run("curta palavrinha", offset=0)]
    assert _text(justify_line(line, 18)) == "curta   palavrinha"  # 2 extra: fine
    assert _text(justify_line(line, 19)) == "curta palavrinha"  # 3 extra: ragged
    lines = justified_lines([Run(PROSE + " " + "x" * 35 + " fim.", offset=0)], WIDTH)
    for line in lines:
        text = _text(line)
        assert " " * (MAX_EXTRA_PER_GAP + 2) not in text


def test_extra_spaces_are_spread_over_the_gaps() -> None:
    assert _text(justify_line([Run("a b c d", offset=0)], 10)) == "a  b  c  d"
    assert _text(justify_line([Run("a b c d", offset=0)], 9)) in ("a b  c  d", "a  b c  d")


def test_offsets_and_line_breaks_are_those_of_the_ragged_layout() -> None:
    runs = [Run(PROSE[:60], "", -1, 0), Run(PROSE[60:], "term", 3, 60)]
    ragged, justified = wrap_runs(runs, WIDTH), justified_lines(runs, WIDTH)
    assert [_text(line).split() for line in justified] == [_text(row).split() for row in ragged]
    for line in justified:
        for run in line:
            if run.offset >= 0:
                assert PROSE[run.offset : run.offset + len(run.text)] == run.text
            else:
                assert run.text.strip() == ""  # only the extra spaces are generated


def test_a_term_across_a_gap_keeps_its_roles_and_link_in_the_extra_spaces() -> None:
    line = justify_line([Run("o ", offset=0), Run("Exército Vermelho", "term", 7, 2)], 22)
    padding = [run for run in line if run.offset < 0]
    assert padding and all(run.roles == "term" and run.link == 7 for run in padding[1:])


@given(
    st.lists(st.sampled_from(["Volga", "exército", "o", "de", "1942", "\n", "  "]), max_size=60),
    st.integers(min_value=12, max_value=60),
)
def test_justifying_never_changes_words_breaks_or_offsets(words: list[str], width: int) -> None:
    text = " ".join(words)
    runs = [Run(text, offset=0)]
    ragged, justified = wrap_runs(runs, width), justified_lines(runs, width)
    assert len(justified) == len(ragged)
    for before, after in zip(ragged, justified, strict=True):
        assert _text(after).split() == _text(before).split()
        assert cell_len(_text(after)) <= max(width, cell_len(_text(before)))
        for run in after:
            if run.offset >= 0:
                assert text[run.offset : run.offset + len(run.text)] == run.text


def test_a_hard_line_break_ends_a_ragged_line() -> None:
    lines = _body(f"Primeira linha curta,  \n{PROSE}", justify=True)
    assert lines[0] == "Primeira linha curta,"


def test_headings_code_and_tables_are_never_justified() -> None:
    markdown = (
        "# Um título bastante longo que quebra em duas linhas no meio\n\n"
        "```\ncódigo  com   espaços\n```\n\n"
        "| coluna um | coluna dois |\n|---|---|\n| a b c | d e |\n\n"
        f"{PROSE}\n"
    )
    assert _body(markdown, justify=True)[:9] == _body(markdown, justify=False)[:9]
    assert _body(markdown, justify=True)[9:] != _body(markdown, justify=False)[9:]


def test_a_layout_can_switch_between_ragged_and_justified() -> None:
    layout = DocumentLayout(parse_markdown(PROSE, "t.md"), WIDTH)
    ragged = layout.plain_lines()
    assert layout.set_justify(True)
    assert layout.plain_lines() != ragged
    assert len(layout.plain_lines()) == len(ragged)
    assert not layout.set_justify(True)
    layout.set_justify(False)
    assert layout.plain_lines() == ragged
