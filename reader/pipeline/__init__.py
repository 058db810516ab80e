"""The one loading path for CLI and TUI: file → Document → glossaries → linked text.

* :mod:`~reader.pipeline.open`: find a text (a path, a bundled name, ``-`` for standard
  input), check that it can be opened at all, and open it in one call, as the CLI does;
* :mod:`~reader.pipeline.formats`: which format a text is in (Markdown, plain text, a web
  page), by suffix then by its start, and the parser for each;
* :mod:`~reader.pipeline.glossary_rule`: which glossary files a text gets, and why (named
  in its front matter or with ``--glossary``, else those in a ``glossary/`` folder near
  it; plus the user's own choices);
* :mod:`~reader.pipeline.glossaries`: those glossaries loaded, plus the text's own entries;
* :mod:`~reader.pipeline.stages`: the same load as stages for the UI: a long text's
  opening first, then the whole, linked, and its panels' tables and bookmarks.
"""

from reader.linking import OpenedText
from reader.pipeline.formats import TextFormat, parse_source, sniff, text_format
from reader.pipeline.glossaries import (
    LOCAL_GLOSSARY,
    Glossaries,
    display_glossary_path,
    glossaries_for,
    glossary_files,
    local_glossary,
    named_glossary_paths,
)
from reader.pipeline.open import (
    GLOSSARY_SUFFIXES,
    load_extra_glossaries,
    open_text,
    read_source,
    resolve_text,
)
from reader.pipeline.stages import (
    Indexed,
    LoadRequest,
    Progress,
    Shown,
    Stage,
    load_stages,
    text_head,
)
from reader.text.errors import ReaderError
from reader.text.textfile import TextRef

__all__ = [
    "GLOSSARY_SUFFIXES",
    "LOCAL_GLOSSARY",
    "Glossaries",
    "Indexed",
    "LoadRequest",
    "OpenedText",
    "Progress",
    "ReaderError",
    "Shown",
    "Stage",
    "TextFormat",
    "TextRef",
    "display_glossary_path",
    "glossaries_for",
    "glossary_files",
    "load_extra_glossaries",
    "load_stages",
    "local_glossary",
    "named_glossary_paths",
    "open_text",
    "parse_source",
    "read_source",
    "resolve_text",
    "sniff",
    "text_format",
    "text_head",
]
