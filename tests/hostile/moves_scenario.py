"""Texts that move: a generated library of bookmarked texts, then moved, edited, retitled,
copied and deleted, with where every bookmark's passage truly is afterwards.

The texts are made of sentences drawn from one shared vocabulary (seeded, so every run
builds the same files), so texts resemble each other the way articles on one subject do:
short phrases recur across them, which is what could tempt a re-anchoring into a wrong
passage. Each text gets seven bookmarks (whole paragraphs, sentences, a short phrase).
The edits are plain string replacements, applied to the source and to each quote alike,
so the expected passage of every bookmark is known exactly (None: its passage was deleted
and it must stay detached).
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.document import Document, parse_document
from reader.pipeline import TextRef, read_source
from reader.userdata import Bookmark, BookmarkAnchor, BookmarkStore, make_anchor
from reader.userdata.flat import FlatText, flat_text
from reader.userdata.model import TextIdentity, text_identity

_SUBJECTS = (
    "O exército",
    "A cidade",
    "O comandante",
    "A população",
    "O governo",
    "A divisão de reserva",
    "O conselho municipal",
    "A imprensa estrangeira",
    "O estado-maior",
    "A guarnição",
    "O povo da margem",
    "A frota do rio",
)
_VERBS = (
    "resistiu a",
    "observou",
    "abandonou",
    "reconstruiu",
    "celebrou",
    "temeu",
    "defendeu",
    "atravessou",
    "negociou com",
    "esqueceu",
    "descreveu",
    "cercou",
)
_OBJECTS = (
    "as fábricas do norte",
    "o inverno",
    "a ponte de ferro",
    "os armazéns de cereais",
    "a estação ferroviária",
    "o porto fluvial",
    "as colinas a oeste",
    "os arquivos da câmara",
    "a velha catedral",
    "as linhas de abastecimento",
    "o mercado central",
    "a fronteira do sul",
)
_TAILS = (
    "durante semanas",
    "sem grande convicção",
    "antes do amanhecer",
    "com a ajuda dos vizinhos",
    "contra todas as previsões",
    "pela primeira vez",
    "apesar das ordens recebidas",
    "ao longo do verão",
    "em silêncio",
    "segundo os relatos da época",
)


def _sentence(rng: random.Random, names: tuple[str, ...]) -> str:
    subject = rng.choice((*_SUBJECTS, *names))
    return f"{subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."


def make_text(seed: int, title: str, count: int = 12) -> str:
    """A Markdown text: a heading, then paragraphs of four to six generated sentences.
    Two proper names of its own make each text a little different from the others."""
    rng = random.Random(seed)
    names = (f"Vassili {seed}", f"a aldeia de Kor{seed}ovka")
    body = [" ".join(_sentence(rng, names) for _ in range(rng.randint(4, 6))) for _ in range(count)]
    return f"# {title}\n\n" + "\n\n".join(body) + "\n"


def paragraphs(source: str) -> list[str]:
    """The paragraphs of a generated text, after its heading."""
    return [part for part in source.rstrip("\n").split("\n\n")[1:] if part.strip()]


def _sentences(paragraph: str) -> list[str]:
    return [part.strip() + "." for part in paragraph.split(".") if part.strip()]


@dataclass(frozen=True)
class Spot:
    """Where a bookmark is planted: paragraph ``paragraph``, all of it (``sentence`` None),
    one sentence of it, or the first ``words`` words of that sentence."""

    paragraph: int
    sentence: int | None = None
    words: int | None = None

    def quote(self, paragraph_text: str) -> str:
        if self.sentence is None:
            return paragraph_text
        sentence = _sentences(paragraph_text)[self.sentence]
        return sentence if self.words is None else " ".join(sentence.split()[: self.words])


SPOTS: tuple[Spot, ...] = (
    Spot(1),
    Spot(7),
    Spot(9),
    Spot(2, 1),
    Spot(5, 2),
    Spot(11, 0),
    Spot(6, 2, words=3),  # a short, generic phrase: "O exército observou"
)
"""Seven bookmarks per text: three paragraphs, three sentences, one short phrase."""

EDITED_SENTENCES: dict[tuple[int, int], Callable[[str], str]] = {
    (2, 1): lambda s: s.replace(" ", " muito ", 1),
    (5, 2): lambda s: s[:-1] + ", diz-se.",
}
APPENDED = " Acrescentou-se esta frase mais tarde."
DELETED_PARAGRAPH = 9
MOVED_PARAGRAPH = (1, 10)
"""When heavily edited, paragraph 1 goes after paragraph 10."""
BORROWED = (2, 6)
"""The paragraphs of the deleted text that the different text also has."""


def edit(source: str, *, heavy: bool) -> list[str]:
    """The paragraphs edited: a new one at the top, a word changed or added in two
    bookmarked sentences, a sentence added to one bookmarked paragraph, another deleted;
    when ``heavy``, a bookmarked paragraph moved further down too."""
    parts = paragraphs(source)
    for (number, index), change in EDITED_SENTENCES.items():
        sentence = _sentences(parts[number])[index]
        parts[number] = parts[number].replace(sentence, change(sentence), 1)
    parts[7] += APPENDED
    if heavy:
        first, after = MOVED_PARAGRAPH
        parts[after] = parts[after] + "\n\n" + parts[first]
    kept = [
        part
        for number, part in enumerate(parts)
        if number != DELETED_PARAGRAPH and not (heavy and number == MOVED_PARAGRAPH[0])
    ]
    return ["Um parágrafo novo abre agora o texto, escrito depois.", *kept]


def expected(spot: Spot, old_paragraphs: list[str], edited: bool) -> tuple[str, str] | None:
    """(the paragraph as it reads now, the quote as it reads now) for a bookmark at
    ``spot``; None when its paragraph was deleted."""
    paragraph = old_paragraphs[spot.paragraph]
    quote = spot.quote(paragraph)
    if not edited:
        return paragraph, quote
    if spot.paragraph == DELETED_PARAGRAPH:
        return None
    for (number, index), change in EDITED_SENTENCES.items():
        if number == spot.paragraph:
            sentence = _sentences(paragraph)[index]
            paragraph = paragraph.replace(sentence, change(sentence), 1)
            quote = quote.replace(sentence, change(sentence), 1)
    if spot.paragraph == 7:
        paragraph += APPENDED
        if spot.sentence is None:
            quote += APPENDED
    return paragraph, quote


@dataclass(frozen=True)
class Planted:
    """One bookmark made in the scenario and where its passage must be found afterwards."""

    bookmark: Bookmark
    expected: tuple[str, str] | None
    """(paragraph, quote) as the text reads now; None: deleted, it must stay detached."""


@dataclass(frozen=True)
class Case:
    """What happens to one text: where it goes and what is done to it."""

    name: str
    move_to: str | None = None
    """New file name, in the "moved" folder; None: it stays where it is."""
    edited: bool = False
    heavy: bool = False
    retitled: bool = False
    copied: bool = False
    deleted: bool = False
    """Deleted, and a different text (sharing two of its paragraphs) opened instead."""

    @property
    def adopted(self) -> bool:
        """Whether its bookmarks then belong to the text at its (new) path."""
        return not (self.copied or self.deleted)


CASES: tuple[Case, ...] = (
    Case("untouched"),
    Case("edited-in-place", edited=True),
    Case("moved", "moved.md"),
    Case("moved-renamed", "novo-nome.md"),
    Case("moved-edited", "moved-edited.md", edited=True),
    Case("moved-edited-heavily", "moved-heavy.md", edited=True, heavy=True),
    Case("moved-edited-retitled", "moved-retitled.md", edited=True, retitled=True),
    Case("copied", "copia.md", copied=True),
    Case("deleted", deleted=True),
)


@dataclass
class Library:
    """The texts of :data:`CASES` and the bookmarks planted on them."""

    root: Path
    texts: dict[str, Path] = field(default_factory=dict)
    """Each case's text at its path now (after :func:`change`: the new one)."""
    planted: dict[str, list[Planted]] = field(default_factory=dict)


def load(path: Path) -> tuple[TextRef, str, Document, TextIdentity]:
    """The text at ``path`` as the reader opens it: ref, source, document, identity."""
    ref = TextRef(path, str(path))
    source = read_source(ref)
    assert isinstance(source, str)  # these cases are Markdown texts
    document = parse_document(source, path, display_name=str(path))
    return ref, source, document, text_identity(ref, source, document.meta.title)


def build(root: Path, store: BookmarkStore) -> Library:
    """Nine texts of seven bookmarks each (63), written and bookmarked in ``root/old``."""
    library = Library(root)
    old = root / "old"
    old.mkdir(parents=True)
    for seed, case in enumerate(CASES, start=1):
        path = old / f"{case.name}.md"
        path.write_text(make_text(seed, f"Crónica {seed}: {case.name}"), encoding="utf-8")
        _, source, document, identity = load(path)
        flat = flat_text(document)
        planted = []
        for spot in SPOTS:
            anchor = _anchor(flat, spot.quote(paragraphs(source)[spot.paragraph]), spot)
            planted.append(Planted(store.add(identity, anchor, f"nota {case.name}"), None))
        library.texts[case.name] = path
        library.planted[case.name] = planted
    return library


def _anchor(flat: FlatText, quote: str, spot: Spot) -> BookmarkAnchor:
    """The anchor of ``quote`` inside paragraph ``spot.paragraph`` (block p-(n+1)), even
    where the same words occur elsewhere too."""
    index = flat.index_of(f"p-{spot.paragraph + 1}")
    assert index is not None
    low, high = flat.block_range(index)
    start = flat.text.index(quote, low, high)
    return make_anchor(flat, start, start + len(quote))


def change(library: Library) -> None:
    """Move, edit, retitle, copy and delete the texts as :data:`CASES` says, and record
    where each planted bookmark's passage is now."""
    moved = library.root / "moved"
    moved.mkdir(exist_ok=True)
    for seed, case in enumerate(CASES, start=1):
        path = library.texts[case.name]
        source = path.read_text(encoding="utf-8")
        old_paragraphs = paragraphs(source)
        heading = source.split("\n", 1)[0]
        if case.retitled:
            heading = f"# Outro título, {seed}"
        body = edit(source, heavy=case.heavy) if case.edited else old_paragraphs
        new_source = heading + "\n\n" + "\n\n".join(body) + "\n"
        target = path if case.move_to is None else moved / case.move_to
        if case.deleted:
            os.remove(path)
            stranger = paragraphs(make_text(seed + 100, "Crónica de outro lugar"))
            stranger += [old_paragraphs[number] for number in BORROWED]
            target = moved / "outro-texto.md"
            target.write_text(heading + "\n\n" + "\n\n".join(stranger) + "\n", encoding="utf-8")
        elif case.copied:
            shutil.copyfile(path, target)
        elif target != path:
            os.replace(path, target)
            target.write_text(new_source, encoding="utf-8")
        else:
            target.write_text(new_source, encoding="utf-8")
        library.texts[case.name] = target
        library.planted[case.name] = [
            Planted(
                p.bookmark,
                None if case.deleted else expected(spot, old_paragraphs, case.edited),
            )
            for p, spot in zip(library.planted[case.name], SPOTS, strict=True)
        ]


def judge(flat_now: FlatText, planted: Planted, start: int | None, end: int | None) -> str:
    """ "found", "wrong", "lost" (not found though its passage is there) or "kept" (its
    passage is gone and it stayed detached)."""
    if planted.expected is None:
        return "kept" if start is None else "wrong"
    if start is None or end is None:
        return "lost"
    paragraph, quote = planted.expected
    where = flat_now.text.find(paragraph)
    if where == -1:
        return "wrong"
    quote_start = flat_now.text.index(quote, where)
    overlap = min(end, quote_start + len(quote)) - max(start, quote_start)
    fair = overlap * 2 > len(quote) and overlap * 2 > end - start
    return "found" if fair else "wrong"
