"""Where a web page's article is: readability-lxml chooses, we convert the page's own
elements.

readability-lxml (the Python port of Arc90's Readability, the algorithm behind Firefox's
reader view) scores the page's blocks by their text and links and keeps the best one and
its worthy siblings. Its output is a cleaned copy, which loses things this reader needs
(it drops ``<a role="doc-noteref"><sup>1</sup></a>`` and every ``style``, so footnote
references and column alignment), so it is asked only *which* elements: each element
of a copy of the page is numbered before readability sees it, and the numbers found at
the top of its output name the page's own elements to convert. Inside them,
:mod:`~reader.document.html.boilerplate` leaves out what readability let through (share
buttons, an ad between paragraphs).

Pages too large to score in good time (more elements than :data:`MAX_SCORED_ELEMENTS`),
and pages readability fails on, fall back to the page's ``<article>``, ``<main>`` (or
``role="main"``), else its ``<body>``.
"""

from __future__ import annotations

import copy
import logging
from typing import Final

from lxml import etree

from reader.document.html.boilerplate import marked
from reader.document.html.names import local_name, text_pieces, tokens

MAX_SCORED_ELEMENTS: Final = 50_000
"""More elements than this and readability's scoring would take seconds: fall back."""
_NUMBER: Final = "data-rodape-n"


def main_content(root: etree._Element) -> list[etree._Element]:
    """The elements of ``root`` that hold its article, in page order (never empty).

    A page with nothing that looks like boilerplate (no menu, header, footer, sidebar,
    comments, nothing with such a class) is all article: its ``<body>``, whole.
    readability, which weighs prose against links, would drop a short page's link
    list or code.
    """
    elements = list(root.iter(etree.Element))
    if not any(marked(element) for element in elements):
        return [_landmark(root, body_only=True)]
    if len(elements) <= MAX_SCORED_ELEMENTS:
        chosen = _readability_choice(root, elements)
        if chosen:
            return _whole_article(_narrowed(chosen))
    return [_landmark(root)]


def _narrowed(chosen: list[etree._Element]) -> list[etree._Element]:
    """readability sometimes keeps the whole ``<body>`` of a small page of ``<div>``s
    (the body adds up its columns' scores): then the one column that holds most of the
    page's prose (text outside links), at least two thirds of it, is the article, through
    any wrappers that hold nearly all of it."""
    if len(chosen) != 1 and not _all_children_of_body(chosen):
        return chosen
    top = chosen[0] if len(chosen) == 1 else chosen[0].getparent()
    if top is None or local_name(top) not in ("body", "html"):
        return chosen
    share = 2 / 3
    while True:
        total = _prose(top)
        children = [child for child in top.iterchildren(etree.Element)]
        if not children or total == 0:
            break
        best = max(children, key=_prose)
        best_share = _prose(best) / total
        if best_share >= 0.9:
            top = best  # a wrapper: look inside it
            continue
        if best_share >= share:
            return [best]
        break
    return chosen if top is None or local_name(top) in ("body", "html") else [top]


def _all_children_of_body(chosen: list[etree._Element]) -> bool:
    parents = {id(element.getparent()) for element in chosen}
    parent = chosen[0].getparent()
    return len(parents) == 1 and parent is not None and local_name(parent) == "body"


def _prose(element: etree._Element) -> int:
    """Characters of text in ``element`` outside links (white space left out)."""
    links = sum(_chars(link) for link in element.iter(etree.Element) if local_name(link) == "a")
    return max(0, _chars(element) - links)


def _whole_article(chosen: list[etree._Element]) -> list[etree._Element]:
    """The ``<article>`` around the chosen elements instead, when they are most of it:
    readability keeps an article's body and drops its header (headline, standfirst, lead
    picture), which are the article too. An ``<article>`` with much else in it (a page
    wrapped in one whole) is not taken."""
    around = [_article_of(element) for element in chosen]
    article = around[0]
    if article is None or any(other is not article for other in around):
        return chosen
    chosen_chars = sum(_chars(element) for element in chosen)
    return [article] if _chars(article) <= 2 * chosen_chars + 500 else chosen


def _article_of(element: etree._Element) -> etree._Element | None:
    if local_name(element) == "article":
        return element
    return next((up for up in element.iterancestors() if local_name(up) == "article"), None)


def _chars(element: etree._Element) -> int:
    return sum(len("".join(piece.split())) for piece in text_pieces(element, 100_000))


def _readability_choice(
    root: etree._Element, elements: list[etree._Element]
) -> list[etree._Element]:
    for number, element in enumerate(elements):
        element.set(_NUMBER, str(number))
    try:
        page = copy.deepcopy(root)
    finally:
        for element in elements:
            if _NUMBER in element.attrib:
                del element.attrib[_NUMBER]
    summary = _summary(page)
    if summary is None:
        return []
    numbers = {
        int(mark)
        for top in summary.iter(etree.Element)
        if (mark := top.get(_NUMBER)) is not None and mark.isdigit()
    }
    found = {elements[number] for number in numbers if number < len(elements)}
    if any(local_name(element) == "html" for element in found):
        return []
    outermost = [
        number
        for number in sorted(numbers)
        if number < len(elements)
        and not any(ancestor in found for ancestor in elements[number].iterancestors())
    ]
    return [elements[number] for number in outermost]


def _summary(page: etree._Element) -> etree._Element | None:
    """readability's article of ``page`` (which it changes), parsed; None if it fails."""
    from lxml import html as lxml_html
    from readability import Document  # type: ignore[import-untyped]

    _quiet()
    given: etree._Element | str = page
    if not isinstance(page, lxml_html.HtmlElement):  # XHTML: readability wants HTML
        given = etree.tostring(page, encoding="unicode")
    try:
        text = Document(given).summary(html_partial=True)
    except Exception:  # a third-party heuristic on any page: its failure is never fatal
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        found = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    return found if isinstance(found, etree._Element) else None


def _quiet() -> None:
    """readability logs what it does; nothing of it may reach the reader's terminal."""
    logger = logging.getLogger("readability")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _landmark(root: etree._Element, *, body_only: bool = False) -> etree._Element:
    """The page's ``<article>`` (the one with most text), ``<main>``, else ``<body>``
    (``body_only``: its ``<body>``, else itself)."""
    if body_only:
        return next((e for e in root.iter(etree.Element) if local_name(e) == "body"), root)
    articles = [e for e in root.iter(etree.Element) if local_name(e) == "article"]
    if articles:
        return max(articles, key=lambda article: sum(len(t) for t in article.itertext()))
    for element in root.iter(etree.Element):
        if local_name(element) == "main" or "main" in tokens(element, "role"):
            return element
    for element in root.iter(etree.Element):
        if local_name(element) == "body":
            return element
    return root
