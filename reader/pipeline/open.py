"""Find a text by path or bundled name, read it, and open it in one call (the CLI's way).

:func:`read_source` is the one check of whether a text can be opened at all (readable
UTF-8 text, not a glossary); the CLI runs it before the reader starts, so such a text ends
in one line and exit 2, never in an empty reader. Anything wrong inside a text that can be
read (front matter in error, never closed, nesting too deep...) is among the problems of
the text opened, which is shown all the same. The reader's UI loads in stages instead
(:mod:`reader.pipeline.stages`), through the same :func:`open_text` for a text short
enough to open at once.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.glossary import Glossary, GlossarySet, load_glossary
from reader.linking import Marks, OpenedText, link_document
from reader.pipeline.formats import is_book, parse_source
from reader.pipeline.glossaries import display_glossary_path, glossaries_for
from reader.pipeline.glossary_rule import UserSide
from reader.text.errors import Problem, ReaderError
from reader.text.i18n import _
from reader.text.resources import DEFAULT_TEXT, bundled_glossaries, bundled_text
from reader.text.stdin import STDIN_ARGUMENT, read_stdin, stdin_ref
from reader.text.textfile import Source, TextRef, read_text

if TYPE_CHECKING:  # the reader's load passes them; `reader render` never loads userdata
    from reader.userdata.glossary_choices import UserGlossaries

GLOSSARY_SUFFIXES = (".yaml", ".yml")
"""Files with these endings are glossaries: never read as a text."""


def resolve_text(argument: str | None) -> TextRef:
    """A path as given, or the name of a bundled text; the bundled article if None;
    standard input for ``-``."""
    if argument is None:
        argument = DEFAULT_TEXT
    if argument == STDIN_ARGUMENT:
        return stdin_ref()
    path = Path(argument).expanduser()
    if not path.exists() and not path.is_symlink():
        bundled = bundled_text(argument)
        if bundled is not None:
            return TextRef(bundled, argument)
    return TextRef(path, argument)


def read_source(ref: TextRef) -> Source:
    """The text of ``ref``, read and checked for what would stop it opening at all.

    Raises ReaderError for a file that cannot be read as text (missing, a directory,
    binary, not UTF-8) and a glossary given as a text. Front matter in error does not
    stop a text: the parse reports it and shows the body (issue 12). Standard input is
    read to its end (so only once: keep what this returns). A book (:func:`is_book`)
    comes as its zip's bytes, once its container and package are known to be readable.
    """
    if ref.from_stdin:
        return read_stdin()
    if is_book(ref.path):
        from reader.document.epub import read_book

        return read_book(ref.path, ref.name)
    source = read_text(ref.path, display_name=ref.name)
    if ref.path.suffix.lower() in GLOSSARY_SUFFIXES:
        name = shlex.quote(ref.name)
        raise ReaderError(
            ref.name,
            _(
                "is a glossary, not a text: use `reader --glossary {name} TEXT` to read a text "
                "with it, or `reader lookup TERM --glossary {name}`"
            ).format(name=name),
        )
    return source


def open_text(
    ref: TextRef,
    extra: Sequence[Path] = (),
    *,
    marks: Marks = "first",
    source: Source | None = None,
    strict: bool = True,
    user: UserGlossaries | None = None,
) -> OpenedText:
    """Read (unless ``source`` was read already), parse, find glossaries, link.

    ``user``: the data folder's own glossaries and the user's choices of glossaries
    (:mod:`reader.userdata.glossary_choices`), read now; None for none.

    Raises ReaderError for a text that cannot be opened; for a glossary that cannot be
    loaded too when ``strict`` (the commands' way); else that glossary's error is among
    the problems and the text is linked with the others (see :func:`glossaries_for`).
    """
    if source is None:
        source = read_source(ref)
    doc = parse_source(source, ref)
    side = None if user is None else UserSide.read(user, ref, source, doc.meta.language)
    found = glossaries_for(doc, ref.path, extra, strict=strict, user=side)
    linked = link_document(doc, found.glossary_set, marks=marks)
    return OpenedText(ref, linked, found.glossary_set, (*doc.warnings, *found.problems))


def load_extra_glossaries(paths: Sequence[Path]) -> GlossarySet:
    """Every bundled glossary plus ``paths``, for look-ups outside any text; raises the
    problems of every glossary that cannot be loaded at once."""
    named = [(path, display_glossary_path(path)) for path in bundled_glossaries()]
    glossaries: list[Glossary] = []
    problems: list[Problem] = []
    for path, name in [*named, *((path, str(path)) for path in paths)]:
        try:
            glossaries.append(load_glossary(path, display_name=name))
        except ReaderError as error:
            problems.extend(error.problems)
    if problems:
        raise ReaderError.of(problems)
    return GlossarySet(glossaries)
