"""Reading progress: share of words read, minutes left, the headings around the top."""

from __future__ import annotations

from reader.document import parse_markdown
from reader.index.progress import ReadingProgress, count_words


def test_percent_counts_words_up_to_the_end_of_the_screen() -> None:
    document = parse_markdown("# A\n\num dois\n\ntrês quatro cinco seis\n", "t.md")
    progress = ReadingProgress(document)
    assert progress.words == 7
    assert progress.position(0, 0).percent == 14  # "A"
    assert progress.position(0, 1).percent == 43  # and "um dois"
    assert progress.position(1, 2).percent == 100
    assert progress.position(1, 2).minutes_left == 0


def test_a_block_longer_than_the_screen_counts_in_proportion() -> None:
    """The screen shows a few lines of a paragraph as long as a book: progress follows
    the offset of the last character shown, not the end of the block."""
    words = " ".join(f"w{number}" for number in range(10_000))
    document = parse_markdown(f"# Livro\n\n{words}\n", "t.md")
    progress = ReadingProgress(document)
    text = document.blocks[1].text
    shown = [progress.position(1, 1, end) for end in (0, len(text) // 2, len(text))]
    assert [position.percent for position in shown] == [0, 50, 100]
    assert shown[0].minutes_left > shown[1].minutes_left > shown[2].minutes_left == 0
    assert progress.position(1, 1).percent == 100  # -1: the block shown to its end


def test_breadcrumb_nests_headings() -> None:
    source = "# Um\n\n## Dois\n\ntexto\n\n## Três\n\nmais\n"
    document = parse_markdown(source, "t.md")
    progress = ReadingProgress(document)
    assert progress.breadcrumb(2) == ("Um", "Dois")
    assert progress.breadcrumb(4) == ("Um", "Três")
    assert count_words("guarda-chuva d'água") == 2
