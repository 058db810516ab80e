"""A linked text written out for other programs: one HTML file, portable Markdown.

Pure functions of :class:`reader.linking.OpenedText`, built from the document and its
glossaries (never from the screen), so a script gets the same files as ``reader render
--format html|markdown``. The plain-text form is the layout's (``reader.layout``).

* :mod:`~reader.render.html`: a self-contained page, no script, everything escaped;
* :mod:`~reader.render.markdown`: CommonMark with footnotes, glossary notes among them.
"""

from reader.render.html import to_html
from reader.render.markdown import to_markdown

__all__ = ["to_html", "to_markdown"]
