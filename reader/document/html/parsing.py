"""Parse HTML or XHTML safely: no entity expansion, no network, bounded depth, one line
for whatever stops the parser.

Both parsers come from lxml (libxml2). The XML parser never resolves entities and never
loads a DTD or anything over the network, so a "billion laughs" stays a few bytes and an
external entity (``SYSTEM "file:///etc/passwd"``) is never read: references to them are
kept as references and shown as written. libxml2 stops at 256 levels of nesting (we never
ask for ``huge_tree``), which bounds every later walk; what it could not read past that is
reported as a warning, and a page with nothing readable left is refused.

XHTML (``.xhtml``, or a text that opens with ``<?xml``) is read as XML first, so that
``<a id="p1"/>`` closes where it is written; HTML's named entities, which XML does not
know, are written as the characters they stand for first. A text that is not well-formed
XML (libxml2 also refuses one whose entities would amplify it, even unexpanded) is read
by the HTML parser, which accepts anything, once its DTD's internal subset is taken off.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass
from typing import Final

from lxml import etree
from lxml import html as lxml_html

from reader.text.errors import Problem, ReaderError, Severity
from reader.text.sanitize import visible_line

MAX_DEPTH: Final = 255
"""How deep libxml2 nests elements before it gives up (its limit without ``huge_tree``)."""

_ENTITY_REFERENCE: Final = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES: Final = frozenset({"amp", "lt", "gt", "quot", "apos"})
_XML_START: Final = re.compile(r"\A[\s\ufeff]*<\?xml\b", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """A parsed page: its root element and what the parser could not read."""

    root: etree._Element
    problems: tuple[Problem, ...] = ()


def starts_as_xml(source: str) -> bool:
    """Whether ``source`` opens with an XML declaration (after white space or a BOM)."""
    return _XML_START.match(source) is not None


def parse_markup(source: str | bytes, name: str, *, xml: bool | None = None) -> Parsed:
    """Parse a page into an lxml tree, comments and processing instructions left out.

    ``source`` is decoded text (as :func:`reader.text.textfile.read_text` returns it) or
    UTF-8 bytes. ``xml`` chooses the XML parser first (None: when the text opens with
    ``<?xml``). ``name`` is how problems name the file. Raises
    :class:`~reader.text.errors.ReaderError` when nothing of the page can be read.
    """
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    text = text.replace("\x00", "\ufffd")  # libxml2 would end the text at a NUL
    name = visible_line(name)
    if xml is None:
        xml = starts_as_xml(text)
    if xml:
        parsed = _parse_xml(text, name)
        if parsed is not None:
            return parsed
    return _parse_html(text, name)


def safe_xml_parser(encoding: str | None = None) -> etree.XMLParser:
    """The one XML parser for what a text or a book holds: no entity expanded, no DTD
    loaded, nothing fetched, no huge tree; comments and processing instructions dropped.
    Every XML read in reader/document goes through it, so these stay set in one place."""
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _parse_xml(text: str, name: str) -> Parsed | None:
    """The tree of a well-formed XHTML text, or None for the HTML parser to try."""
    data = _ENTITY_REFERENCE.sub(_character_reference, text).encode("utf-8", "replace")
    parser = safe_xml_parser(encoding="utf-8")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    return Parsed(root, _problems(parser.error_log, name))


def _character_reference(match: re.Match[str]) -> str:
    """``&nbsp;`` as ``&#160;``: an HTML entity XML does not define, written as the
    character it names (a fixed table: nothing is expanded from the page itself)."""
    entity = match.group(1)
    if entity in _XML_ENTITIES:
        return match.group(0)
    codepoint = html.entities.name2codepoint.get(entity)
    return f"&#{codepoint};" if codepoint is not None else match.group(0)


_INTERNAL_SUBSET: Final = re.compile(
    r"\A(\s*(?:<\?xml[^>]*>\s*)?<!DOCTYPE[^\[>]*)\[.*?\]\s*>", re.IGNORECASE | re.DOTALL
)


def _parse_html(text: str, name: str) -> Parsed:
    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
    )
    # The HTML parser knows no DTD: an internal subset (entity declarations) would
    # otherwise end up as text. Taken off whole, its entities are never declared.
    text = _INTERNAL_SUBSET.sub(r"\1>", text, count=1)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but white space or comments
        root = lxml_html.document_fromstring(b"<html><body></body></html>")
    return Parsed(root, _problems(parser.error_log, name))


def _problems(log: etree._ListErrorLog, name: str) -> tuple[Problem, ...]:
    """What made the parser stop early (too deep, a text node too large), as warnings.

    The HTML parser reports every tag it mends too (an unclosed ``<p>``); those are how
    the web is written, not problems, and are not reported.
    """
    for entry in log:
        if entry.level >= etree.ErrorLevels.FATAL:
            message = _stop_message(entry.message or "")
            return (Problem(name, message, line=entry.line or None, severity=Severity.WARNING),)
    return ()


def _stop_message(message: str) -> str:
    if "depth" in message.lower():
        return f"nested deeper than {MAX_DEPTH} levels; the page is shown up to here"
    return f"the page could not be read past here ({visible_line(message.strip())})"


def refuse_if_empty(parsed: Parsed, name: str, has_content: bool) -> None:
    """Refuse a page the parser stopped reading before anything readable: one line,
    the parser's reason."""
    if not has_content and parsed.problems:
        problem = parsed.problems[0]
        raise ReaderError(visible_line(name), problem.message, line=problem.line)


def flatten_deep(root: etree._Element) -> bool:
    """Make every element deeper than :data:`MAX_DEPTH` below ``root`` hold only its
    text; True if there was one.

    A parsed page is never that deep (libxml2 stops there); a tree built some other way
    could be, and lxml's element proxies cost time in proportion to their depth, so no
    walk should go deeper than this. One XPath step per level finds them, in C.
    """
    deep = root.xpath("*/" * (MAX_DEPTH - 1) + "*[*]")
    if not isinstance(deep, list) or not deep:
        return False
    for element in deep:
        if isinstance(element, etree._Element):
            text = "".join(piece for piece in element.itertext() if isinstance(piece, str))
            for child in list(element):
                element.remove(child)
            element.text = text
    return True
