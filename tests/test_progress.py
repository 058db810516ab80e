"""Reading progress: share of words read, minutes left, the headings around the top."""

from __future__ import annotations

from reader.document import parse_markdown
from reader.index.progress import ReadingProgress, count_words


def test_percent_counts_the_words_before_the_top_of_the_screen() -> None:
    """0 % at the very top (issue 11, item 7: it said 19 %, or 70 % on a short text that
    fills most of the screen), then the words above the screen; 100 % at the end."""
    document = parse_markdown("# A\n\num dois\n\ntrês quatro cinco seis\n", "t.md")
    progress = ReadingProgress(document)
    assert progress.words == 7
    assert progress.position(0, 0).percent == 0
    assert progress.position(0, 1).percent == 0
    assert progress.position(1, 1).percent == 14  # "A" is above the screen
    assert progress.position(2, 2, 0, 4).percent == 42  # "A um dois" above, not at the end
    assert progress.position(1, 2).percent == 100
    assert progress.position(1, 2).minutes_left == 0
    assert progress.position(0, 1).minutes_left == 1


def test_a_block_longer_than_the_screen_counts_in_proportion() -> None:
    """The screen shows a few lines of a paragraph as long as a book: progress follows
    the offset of the first character shown, not the start of the block."""
    words = " ".join(f"w{number}" for number in range(10_000))
    document = parse_markdown(f"# Livro\n\n{words}\n", "t.md")
    progress = ReadingProgress(document)
    text = document.blocks[1].text
    page = 400
    tops = (0, len(text) // 2, len(text) - 2 * page)
    shown = [progress.position(1, 1, top, top + page) for top in tops]
    assert [position.percent for position in shown] == [0, 50, 98]
    assert shown[0].minutes_left > shown[1].minutes_left > shown[2].minutes_left > 0
    assert progress.position(1, 1, len(text) - page).percent == 100  # the end on screen


def test_breadcrumb_nests_headings() -> None:
    source = "# Um\n\n## Dois\n\ntexto\n\n## Três\n\nmais\n"
    document = parse_markdown(source, "t.md")
    progress = ReadingProgress(document)
    assert progress.breadcrumb(2) == ("Um", "Dois")
    assert progress.breadcrumb(4) == ("Um", "Três")
    assert count_words("guarda-chuva d'água") == 2
