"""Anchoring bookmarks in a document's flat text and finding them again after edits.

The rules under test (see ``reader.userdata.reanchor``): ATTACHED means the quote is still
at its old offsets; MOVED means it was found elsewhere (exactly, or approximately with its
context agreeing) and comes with the new offsets; DETACHED means it was not found with
confidence. A bookmark is never attached to a passage that is merely similar.
"""

from __future__ import annotations

import os
import random
import string
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import load_document, parse_document
from reader.pipeline import open_text, resolve_text
from reader.userdata import (
    AnchorError,
    AnchorStatus,
    Bookmark,
    BookmarkAnchor,
    BookmarkStore,
    FlatText,
    TextIdentity,
    anchor_for_block,
    anchor_for_quote,
    content_hash,
    find_quote,
    flat_text,
    make_anchor,
    moved_anchor,
    reanchor,
    resolve,
    resolve_all,
)
from reader.userdata import approximate as approximate_module
from reader.userdata.anchor import CONTEXT_CHARS
from reader.userdata.reanchor import MIN_FUZZY_SCORE

# Six paragraphs of prose; P3 is the bookmarked one in most tests, P5 resembles it.
P1 = "A ofensiva alemã começou no verão de 1942, com o Grupo de Exércitos B avançando."
P2 = "Os soviéticos recuaram até o Volga, onde a cidade se estendia por quilômetros."
P3 = "Em 23 de agosto, a Luftwaffe bombardeou a cidade e matou milhares de civis."
P4 = "A resistência nas fábricas durou meses, casa por casa, andar por andar."
P5 = "Em 25 de agosto, a Luftwaffe bombardeou o porto e matou centenas de civis."
P6 = "Em fevereiro de 1943 o Sexto Exército rendeu-se, e a maré da guerra virou."


def flat_of(*paragraphs: str) -> FlatText:
    """The flat text of a plain-text document made of ``paragraphs``."""
    return flat_text(parse_document("\n\n".join(paragraphs), "t.txt"))


def levenshtein(a: str, b: str) -> int:
    """Edit distance, the slow obvious way (for checking results)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


# --- the flat text --------------------------------------------------------------------------


def test_flat_text_joins_blocks_with_blank_lines() -> None:
    """Blocks are joined by "\\n\\n"; each block's start and end are recorded and
    ``block_at``/``to_block``/``offset_of`` convert between flat and block offsets."""
    flat = flat_of(P1, P2)
    assert flat.text == f"{P1}\n\n{P2}"
    assert flat.block_ids == ("p-1", "p-2")
    assert flat.block_starts == (0, len(P1) + 2)
    assert flat.block_range(1) == (len(P1) + 2, len(P1) + 2 + len(P2))
    assert flat.block_at(0) == 0
    assert flat.block_at(len(P1)) == 0  # the separator belongs to the block before
    assert flat.block_at(len(P1) + 2) == 1
    assert flat.to_block(len(P1) + 5) == ("p-2", 3)
    assert flat.offset_of("p-2", 3) == len(P1) + 5
    assert flat.offset_of("p-2", 10_000) == len(flat.text)  # clamped to the block
    assert flat.offset_of("p-9") is None


def test_flat_text_of_a_table_and_sections() -> None:
    """A table's cells are joined with " | " and its rows with "\\n"; every block knows the
    heading it falls under."""
    source = "# Título\n\nIntro.\n\n## Dados\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nFim.\n"
    flat = flat_text(parse_document(source, "t.md"))
    assert flat.text == "Título\n\nIntro.\n\nDados\n\na | b\n1 | 2\n\nFim."
    assert flat.sections == ("Título", "Título", "Dados", "Dados", "Dados")
    assert flat.section_at(flat.text.index("Fim")) == "Dados"


def test_parsed_and_linked_documents_give_the_same_flat_text(tmp_path: Path) -> None:
    """The title block and the notes section added by linking are left out, so anchors are
    the same whether computed on the parsed or on the linked (displayed) document."""
    for ref in (
        resolve_text("stalingrado"),  # no H1: linking adds a title block, and notes
        resolve_text(str(_write(tmp_path / "n.md", "Texto[^1] com nota.\n\n[^1]: A nota.\n"))),
    ):
        parsed = flat_text(load_document(ref.path))
        linked_doc = open_text(ref).document
        assert linked_doc.blocks[0].id == "title"
        assert any(block.id == "notes" for block in linked_doc.blocks)
        assert flat_text(linked_doc) == parsed


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- making anchors -------------------------------------------------------------------------


def test_make_anchor_keeps_context_and_block() -> None:
    """An anchor records its block, offsets, the quote and up to 32 characters each side."""
    flat = flat_of(P1, P2, P3)
    start = flat.text.index("Volga")
    anchor = make_anchor(flat, start, start + len("Volga"))
    assert anchor.block_id == "p-2"
    assert anchor.quote == "Volga"
    assert anchor.prefix == flat.text[start - CONTEXT_CHARS : start]
    assert anchor.suffix == flat.text[start + 5 : start + 5 + CONTEXT_CHARS]
    start_anchor = make_anchor(flat, 0, 2)
    assert start_anchor.prefix == ""
    with pytest.raises(AnchorError):
        make_anchor(flat, 5, 5)
    with pytest.raises(AnchorError):
        make_anchor(flat, 0, len(flat.text) + 1)


def test_anchor_for_quote_collapses_white_space() -> None:
    """A quote matches whatever white space the text has between its words (a quote typed
    on one line matches one that spans a line break or a block boundary)."""
    flat = flat_of(P1, P2)
    anchor = anchor_for_quote(flat, "Grupo   de\nExércitos B")
    assert anchor.quote == "Grupo de Exércitos B"
    across = anchor_for_quote(flat, "avançando. Os soviéticos")
    assert across.quote == "avançando.\n\nOs soviéticos"
    assert across.block_id == "p-1"


def test_anchor_for_quote_not_found_or_ambiguous() -> None:
    """A quote that is not in the text, that occurs twice, or that is empty is refused with
    a message saying which."""
    flat = flat_of(P3, P5)
    with pytest.raises(AnchorError, match=r"^quote not found in the text$"):
        anchor_for_quote(flat, "Luftwaffe bombardeou Moscou")
    with pytest.raises(AnchorError, match=r"^ambiguous: found 2 times; quote more text$"):
        anchor_for_quote(flat, "a Luftwaffe bombardeou")
    with pytest.raises(AnchorError, match="empty"):
        anchor_for_quote(flat, "  \n ")
    assert len(find_quote(flat_of("banana"), "ana")) == 2  # overlapping occurrences count


def test_anchor_for_block() -> None:
    """The passage at the reading cursor: the whole block."""
    flat = flat_of(P1, P2)
    anchor = anchor_for_block(flat, "p-2")
    assert (anchor.start, anchor.end, anchor.quote) == (len(P1) + 2, len(flat.text), P2)
    with pytest.raises(AnchorError):
        anchor_for_block(flat, "p-3")


# --- re-anchoring ---------------------------------------------------------------------------


def test_unchanged_text_is_attached() -> None:
    """The text as it was: ATTACHED at the same offsets."""
    flat = flat_of(P1, P2, P3, P4)
    anchor = anchor_for_block(flat, "p-3")
    assert reanchor(flat, anchor) == (AnchorStatus.ATTACHED, anchor.start, anchor.end)


def test_paragraph_inserted_before_moves_the_offsets() -> None:
    """A paragraph inserted before the passage: MOVED (the offsets changed), with the new
    offsets pointing exactly at the quote, in the renumbered block."""
    before = flat_of(P1, P2, P3, P4)
    anchor = anchor_for_quote(before, "a Luftwaffe bombardeou a cidade")
    inserted = "Um parágrafo novo."
    after = flat_of(P1, inserted, P2, P3, P4)
    status, start, end = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert (start, end) == (anchor.start + len(inserted) + 2, anchor.end + len(inserted) + 2)
    assert after.text[start:end] == anchor.quote
    resolved = resolve(after, _bookmark(anchor))
    assert resolved.block_id == "p-4"


def test_edit_after_the_passage_keeps_it_attached() -> None:
    """Text changed after the passage (its suffix differs) leaves the offsets valid:
    ATTACHED."""
    before = flat_of(P1, P2, P3, P4)
    anchor = anchor_for_block(before, "p-3")
    after = flat_of(P1, P2, P3, "Outro parágrafo, no lugar do quarto.")
    assert reanchor(after, anchor) == (AnchorStatus.ATTACHED, anchor.start, anchor.end)


def test_quote_edited_slightly_is_found_approximately() -> None:
    """A word of the passage changed (and the paragraph moved down): MOVED to the edited
    passage, whose text is close to the old quote."""
    anchor = anchor_for_block(flat_of(P1, P2, P3, P4, P6), "p-3")
    edited = P3.replace("milhares", "dezenas de milhares")
    after = flat_of("Prefácio.", P1, P2, edited, P4, P6)
    status, start, end = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert start is not None and end is not None
    assert after.text[start:end] == edited
    assert levenshtein(after.text[start:end], anchor.quote) / len(anchor.quote) <= 0.25


def test_part_of_a_paragraph_edited_slightly() -> None:
    """A phrase inside a paragraph with a typo fixed: found at the fixed phrase."""
    before = flat_of(P1, "A cidade foi bombardaeda em 23 de agosto de 1942, de manhã.", P4)
    anchor = anchor_for_quote(before, "bombardaeda em 23 de agosto de 1942")
    after = flat_of(P1, "A cidade foi bombardeada em 23 de agosto de 1942, de manhã.", P4)
    status, start, end = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert (start, end) == (anchor.start, anchor.end)
    assert after.text[start:end] == "bombardeada em 23 de agosto de 1942"


def test_quote_deleted_with_a_similar_paragraph_elsewhere_is_detached() -> None:
    """The passage deleted while a similar but different paragraph (P5: other date, place
    and toll) remains elsewhere: DETACHED, not attached to P5."""
    assert levenshtein(P3, P5) / len(P3) < 1 - MIN_FUZZY_SCORE  # similar enough to tempt
    anchor = anchor_for_block(flat_of(P1, P2, P3, P4, P5, P6), "p-3")
    after = flat_of(P1, P2, P4, P5, P6)
    assert reanchor(after, anchor) == (AnchorStatus.DETACHED, None, None)


def test_quote_deleted_next_to_a_similar_paragraph_is_detached() -> None:
    """The passage deleted when the paragraph right after it is the similar one: that
    paragraph now sits where the passage was, after the same prefix, but it is what used
    to follow the passage, so it is not taken for it."""
    anchor = anchor_for_block(flat_of(P1, P2, P3, P5, P6), "p-3")
    after = flat_of(P1, P2, P5, P6)
    assert reanchor(after, anchor) == (AnchorStatus.DETACHED, None, None)
    anchor_before = anchor_for_block(flat_of(P1, P5, P3, P6), "p-3")
    assert reanchor(flat_of(P1, P5, P6), anchor_before) == (AnchorStatus.DETACHED, None, None)


def test_sentence_deleted_among_sentences_of_the_same_pattern_is_detached() -> None:
    """A sentence deleted whose neighbour says nearly the same and ends with the same words
    as the context stored before it: the text before it now runs straight into the text
    after it, so the passage is gone; the neighbour is not taken for it."""
    sentences = [
        "A guarnição temeu o inverno em silêncio.",
        "O conselho municipal defendeu a ponte de ferro apesar das ordens recebidas.",
        "O conselho municipal abandonou a estação ferroviária apesar das ordens recebidas.",
        "O povo da margem cercou o porto fluvial durante semanas.",
    ]
    anchor = anchor_for_quote(flat_of(" ".join(sentences)), sentences[2])
    after = flat_of(" ".join(sentences[:2] + sentences[3:]))
    assert reanchor(after, anchor) == (AnchorStatus.DETACHED, None, None)
    edited = sentences[2].replace("abandonou", "deixou")
    kept = flat_of(" ".join([*sentences[:2], edited, *sentences[3:]]))
    status, start, end = reanchor(kept, anchor)  # an edit, not a deletion: still found
    assert status is AnchorStatus.MOVED
    assert start is not None and kept.text[start:end] == edited


def test_short_quote_deleted_is_not_attached_to_the_same_words_elsewhere() -> None:
    """A short quote ("Sexto Exército") whose paragraph was deleted is not re-attached to
    the same two words in an unrelated sentence."""
    before = flat_of(P1, P6, P4)
    anchor = anchor_for_quote(before, "Sexto Exército")
    after = flat_of(P1, P4, "No fim, ninguém falava do Sexto Exército sem tremer.")
    assert reanchor(after, anchor) == (AnchorStatus.DETACHED, None, None)


def test_quote_duplicated_elsewhere_prefix_and_suffix_pick_the_right_one() -> None:
    """The same sentence now appears twice: the occurrence whose surroundings agree with the
    stored prefix/suffix is chosen, even though the other one is nearer the old offset."""
    quote = "a Luftwaffe bombardeou"
    before = flat_of(P1, P2, P3, P4)
    anchor = anchor_for_quote(before, quote)
    decoy = "Na semana, a Luftwaffe bombardeou as balsas do rio."
    after = flat_of(P1, P2, decoy, P6, P3, P4)  # the decoy is where P3 was
    decoy_start = after.text.index(decoy) + decoy.index(quote)
    assert abs(decoy_start - anchor.start) < after.text.index(P3) - anchor.start
    status, start, end = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert start == after.text.index(P3) + P3.index(quote)
    assert after.text[start:end] == quote
    # And when the bookmarked one is not shifted, it stays attached despite the decoy.
    after_last = flat_of(P1, P2, P3, P4, decoy)
    assert reanchor(after_last, anchor) == (AnchorStatus.ATTACHED, anchor.start, anchor.end)


def test_duplicates_with_equal_context_prefer_the_nearest() -> None:
    """When contexts agree equally, the occurrence nearest the old offset wins."""
    line = "Repetido, repetido."
    before = flat_of("x", line, "y")
    anchor = anchor_for_block(before, "p-2")
    after = flat_of("x", line, "y", "x", line, "y", "zz")
    status, start, _ = reanchor(after, anchor)
    assert (status, start) == (AnchorStatus.ATTACHED, anchor.start)


def test_moved_anchor_and_resolve_all() -> None:
    """``moved_anchor`` gives the anchor to store for a MOVED bookmark (none for others);
    ``resolve_all`` lists bookmarks in reading order with detached ones last."""
    before = flat_of(P1, P2, P3, P4)
    first = _bookmark(anchor_for_block(before, "p-1"), 1)
    third = _bookmark(anchor_for_block(before, "p-3"), 2)
    gone = _bookmark(anchor_for_block(before, "p-2"), 3)
    after = flat_of("Novo.", P1, P3, P4)
    resolved = resolve_all(after, [gone, third, first])
    assert [r.bookmark.id for r in resolved] == [1, 2, 3]
    assert [r.status for r in resolved] == [
        AnchorStatus.MOVED,
        AnchorStatus.MOVED,
        AnchorStatus.DETACHED,
    ]
    new = moved_anchor(after, resolved[1])
    assert new is not None
    assert (new.quote, new.block_id) == (P3, "p-3")
    assert reanchor(after, new) == (AnchorStatus.ATTACHED, new.start, new.end)
    assert moved_anchor(after, resolved[2]) is None


def test_a_long_passage_edited_inside_is_found_by_its_ends() -> None:
    """A passage of several thousand characters (a chapter selected) edited in its middle
    is found from its first to its last character; deleted, it is detached."""
    chapter = [f"{n}. {P1} {P2} {P4}" for n in range(12)]
    before = flat_of(P6, *chapter, P5)
    anchor = make_anchor(before, before.block_range(1)[0], before.block_range(12)[1])
    assert len(anchor.quote) > 2_500
    edited = list(chapter)
    edited[5] = edited[5].replace("Volga", "rio Volga, de águas largas e frias,")
    edited[6] = "Um parágrafo inteiro foi reescrito aqui."
    after = flat_of(P3, P6, *edited, P5)
    status, start, end = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert (start, end) == (after.block_range(2)[0], after.block_range(13)[1])
    assert reanchor(flat_of(P3, P6, P5), anchor) == (AnchorStatus.DETACHED, None, None)


def test_reanchor_on_a_large_text_looks_only_near_the_quote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 5 MB text with a slightly edited passage is re-anchored through the words it
    shares with the quote, not by scanning every character in Python: the edit-distance
    scan (the one loop over characters in Python) reads a few windows the size of the
    quote, not the text. (How long that takes is a benchmark's question, not a test's.)"""
    rng = random.Random(5)
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 10))) for _ in range(20_000)
    ]
    # Zipf-like word frequencies, summed once: ``choices(weights=...)`` would sum the
    # 20,000 weights again for each of the 7,500 paragraphs (16 s of the suite); the
    # words drawn are the same either way.
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    paragraphs = [
        " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(40, 160))) + "."
        for _ in range(7_500)
    ]
    middle = 3_500
    anchor = anchor_for_block(flat_of(*paragraphs), f"p-{middle + 1}")
    edited = paragraphs[middle][:50] + "XYZ" + paragraphs[middle][53:]
    after = flat_of(
        *paragraphs[:10], "Novo.", *paragraphs[10:middle], edited, *paragraphs[middle + 1 :]
    )
    assert len(after.text) > 5_000_000
    scanned: list[int] = []
    real_scan = approximate_module.edit_distances

    def counted_scan(pattern: str, text: str, *, anchored: bool) -> list[int]:
        scanned.append(len(text))
        return real_scan(pattern, text, anchored=anchored)

    monkeypatch.setattr(approximate_module, "edit_distances", counted_scan)
    status, start, _ = reanchor(after, anchor)
    assert status is AnchorStatus.MOVED
    assert start == after.text.index(edited)
    assert scanned, "found approximately, so by the edit-distance scan"
    # Two places (where the words point, and the old offset), each read forwards and back.
    assert sum(scanned) <= 10 * len(anchor.quote), (scanned, len(anchor.quote))


# --- properties -----------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from("ab c\nxyzéÉ.,"), max_size=120)


@given(_TEXT, st.integers(-5, 130), st.integers(-5, 130), _TEXT, _TEXT, _TEXT)
def test_reanchor_never_raises_and_stays_close(
    text: str, start: int, end: int, quote: str, prefix: str, suffix: str
) -> None:
    """On any text and any anchor, reanchor returns; unless DETACHED its offsets are in
    range and the text there is within a quarter of the quote's length in edits."""
    flat = FlatText.from_blocks([("p-1", text)])
    status, found_start, found_end = reanchor(
        flat, BookmarkAnchor("p-1", start, end, quote, prefix, suffix)
    )
    if status is AnchorStatus.DETACHED:
        assert (found_start, found_end) == (None, None)
        return
    assert found_start is not None and found_end is not None
    assert 0 <= found_start < found_end <= len(text)
    found = text[found_start:found_end]
    assert levenshtein(found, quote) <= len(quote) * (1 - MIN_FUZZY_SCORE)
    if status is AnchorStatus.ATTACHED:
        assert (found_start, found_end, found) == (start, end, quote)


@given(st.lists(_TEXT.filter(str.strip), min_size=1, max_size=6), st.data())
def test_an_anchor_is_found_again(blocks: list[str], data: st.DataObject) -> None:
    """An anchor on an unchanged text is ATTACHED where it was made; after a block is
    inserted at the front it is found again on an exact copy of its quote."""
    flat = FlatText.from_blocks([(f"p-{i}", block) for i, block in enumerate(blocks, 1)])
    start = data.draw(st.integers(0, len(flat.text) - 1))
    end = data.draw(st.integers(start + 1, len(flat.text)))
    anchor = make_anchor(flat, start, end)
    assert reanchor(flat, anchor) == (AnchorStatus.ATTACHED, start, end)
    inserted = data.draw(_TEXT)
    shifted = FlatText.from_blocks([("p-0", inserted), *zip(flat.block_ids, blocks, strict=True)])
    status, new_start, new_end = reanchor(shifted, anchor)
    assert status is not AnchorStatus.DETACHED
    assert new_start is not None
    assert shifted.text[new_start:new_end] == anchor.quote


# --- texts that moved -----------------------------------------------------------------------


def _bookmark(anchor: BookmarkAnchor, bookmark_id: int = 1) -> Bookmark:
    """A bookmark (not stored) holding ``anchor``, created on day ``bookmark_id``."""
    text = TextIdentity("/t.txt", "t", "0" * 64)
    return Bookmark(bookmark_id, text, anchor, "", f"2024-01-0{bookmark_id}T00:00:00Z", "")


def test_text_moved_is_found_by_hash_and_edited_and_moved_by_title(tmp_path: Path) -> None:
    """A bookmarked file moved elsewhere is recognised by its content hash; moved and
    edited, by its title (its old path is gone); a different file that merely shares the
    title while the bookmarked one still exists is not."""
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    folder = tmp_path / "a"
    folder.mkdir()
    path = _write(folder / "artigo.md", f"# Stalingrado\n\n{P1}\n\n{P3}\n")
    source = path.read_text(encoding="utf-8")
    text = TextIdentity(str(path.resolve()), "Stalingrado", content_hash(source))
    flat = flat_text(parse_document(source, path))
    saved = store.add(text, anchor_for_block(flat, "p-2"), "nota")

    same_title_elsewhere = TextIdentity(str(tmp_path / "outro.md"), "Stalingrado", "f" * 64)
    assert store.for_text(same_title_elsewhere) == []  # artigo.md still exists

    moved = tmp_path / "b" / "artigo.md"
    moved.parent.mkdir()
    os.replace(path, moved)
    by_hash = TextIdentity(str(moved.resolve()), "Stalingrado", content_hash(source))
    assert [b.uuid for b in store.for_text(by_hash)] == [saved.uuid]

    edited_source = source.replace("matou milhares", "matou dezenas de milhares")
    moved.write_text(edited_source, encoding="utf-8")
    by_title = TextIdentity(str(moved.resolve()), "Stalingrado", content_hash(edited_source))
    (found,) = store.for_text(by_title)
    assert found.uuid == saved.uuid
    resolved = resolve(flat_text(parse_document(edited_source, moved)), found)
    assert resolved.status is AnchorStatus.MOVED
    assert resolved.section == "Stalingrado"
    store.close()


def test_a_reading_session_keeps_no_second_copy_of_the_text(tmp_path: Path) -> None:
    """The flat string is a copy of the whole text (9 MB for a 5 MB book): a session
    places its bookmarks by offsets alone and makes the string only to anchor and
    re-anchor, for as long as that takes; what it finds is the same."""
    from reader.userdata.session import ReadingSession

    ref = resolve_text("stalingrado")
    opened = open_text(ref)
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    session = ReadingSession(store, ref, ref.path.read_text(encoding="utf-8"), opened.document)
    block = next(i for i, b in enumerate(opened.document.blocks) if session.can_bookmark(i))
    session.add_block(block, "whole")
    session.add_range(block, 3, 12, "part")
    again = ReadingSession(store, ref, ref.path.read_text(encoding="utf-8"), opened.document)
    for each in (session, again):
        assert "text" not in vars(each.flat)  # offsets only: the string was never joined
        assert [item.status for item in each.bookmarks] == [AnchorStatus.ATTACHED] * 2
        passages = [each.passage(item) for item in each.bookmarks]
        assert {(p.block, p.start, p.end) for p in passages if p is not None} == {
            (block, 0, len(opened.document.blocks[block].text)),
            (block, 3, 12),
        }
    part = next(item for item in again.bookmarks if item.bookmark.note == "part")
    assert part.bookmark.anchor.quote == opened.document.blocks[block].text[3:12]


@given(
    st.lists(
        st.sampled_from(["a", "ç", "—", "\ud800", "\udfff", "😀", "\u00ad", " "]), max_size=40
    ),
    st.integers(min_value=0, max_value=3),
)
def test_a_texts_hash_is_that_of_its_whole_utf8(pieces: list[str], shift: int) -> None:
    """Hashed a piece at a time, a text gives the digest of its whole UTF-8 (lone
    surrogates included, as surrogatepass writes them), wherever the pieces are cut."""
    import hashlib

    from reader.userdata import model

    text = "x" * (model.HASH_PIECE - shift) + "".join(pieces) * 3
    whole = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    assert content_hash(text) == whole


def test_hashing_a_book_allocates_a_piece_at_a_time() -> None:
    """Encoded whole, a 5 MB text of two-byte characters allocated 14 MB at once, at the
    top of the load's memory; a piece at a time it allocates a fraction of a megabyte."""
    import tracemalloc

    text = "Exército — " * 200_000  # 2.2 M characters, two bytes each
    tracemalloc.start()
    try:
        content_hash(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
