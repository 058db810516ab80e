"""Find a text by path or bundled name, and open it in one call (the CLI's way).

The reader's UI loads in stages instead (:mod:`reader.pipeline.stages`), through the same
:func:`open_text` for a text short enough to open at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.document import load_document, parse_document
from reader.glossary import GlossarySet, load_glossary
from reader.linking import Marks, OpenedText, link_document
from reader.pipeline.glossaries import display_glossary_path, glossaries_for
from reader.text.resources import DEFAULT_TEXT, bundled_glossaries, bundled_text
from reader.text.textfile import TextRef


def resolve_text(argument: str | None) -> TextRef:
    """A path as given, or the name of a bundled text; the bundled article if None."""
    if argument is None:
        argument = DEFAULT_TEXT
    path = Path(argument).expanduser()
    if not path.exists() and not path.is_symlink():
        bundled = bundled_text(argument)
        if bundled is not None:
            return TextRef(bundled, argument)
    return TextRef(path, argument)


def open_text(
    ref: TextRef, extra: Sequence[Path] = (), *, marks: Marks = "first", source: str | None = None
) -> OpenedText:
    """Load (unless ``source`` was read already), find glossaries, link.

    Raises ReaderError for a text or glossary that cannot be read.
    """
    if source is None:
        doc = load_document(ref.path, display_name=ref.name)
    else:
        doc = parse_document(source, ref.path, display_name=ref.name)
    found = glossaries_for(doc, ref.path, extra)
    linked = link_document(doc, found.glossary_set, marks=marks)
    return OpenedText(ref, linked, found.glossary_set, (*doc.warnings, *found.problems))


def load_extra_glossaries(paths: Sequence[Path]) -> GlossarySet:
    """Every bundled glossary plus ``paths``, for look-ups outside any text."""
    glossaries = [
        load_glossary(path, display_name=display_glossary_path(path))
        for path in bundled_glossaries()
    ]
    glossaries += [load_glossary(path) for path in paths]
    return GlossarySet(glossaries)
