"""What in a web page's article area is not the article: menus, share buttons, ads,
cookie banners, comments, "related" boxes, tag lists, site headers and footers.

Recognised by element (``<nav>``, ``<aside>``, ``<footer>``, ``<form>``, a ``<header>``
outside an ``<article>``), by ARIA landmark role (navigation, banner, contentinfo,
complementary, search, dialog…) and by the words sites use in classes and ids
(``cookie-banner``, ``share-tools``, ``ad-inarticle``, ``comments``, MediaWiki's
``mw-editsection`` and ``navbox``). Only used for web pages, never for a book's chapters,
where an ``<aside>`` or a ``<header>`` is part of the text.

A word in a class can be wrong (``<div class="with-sidebar">`` around a whole article),
so an element holding half the article's text or more is never left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from lxml import etree

from reader.document.html.names import local_name, text_pieces, tokens

TAGS: Final = frozenset({"nav", "aside", "footer", "form", "dialog", "menu"})
ROLES: Final = frozenset(
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
        "alertdialog", "menu", "menubar", "toolbar", "tablist", "form",
    }
)  # fmt: skip
WHOLE_TOKENS: Final = frozenset(
    {
        "mw-editsection", "navbox", "catlinks", "printfooter", "hatnote", "noprint",
        "mw-jump-link", "sr-only", "visually-hidden", "screen-reader-text", "metadata",
        "ambox", "sistersitebox", "mw-indicators", "post-meta", "entry-meta",
    }
)  # fmt: skip
"""Whole class or id values that mark boilerplate (MediaWiki's, WordPress's, CSS's)."""
WORDS: Final = frozenset(
    {
        "cookie", "cookies", "consent", "gdpr", "cmp", "ad", "ads", "advert", "adverts",
        "advertisement", "adsense", "sponsor", "sponsored", "promo", "promoted", "share",
        "sharing", "social", "related", "newsletter", "subscribe", "subscription",
        "comment", "comments", "disqus", "breadcrumb", "breadcrumbs", "pagination",
        "paginav", "pager", "tags", "sidebar", "widget", "popup", "modal", "byline",
        "outbrain", "taboola", "trending", "recommended", "masthead", "navbar", "menu",
        "footer", "toc", "skip", "login", "signup", "paywall",
        # the same in Portuguese and Spanish, as sites there name them
        "compartilhe", "compartilhar", "partilhar", "partilha", "compartir", "rodape",
        "publicidade", "publicidad", "anuncio", "anuncios", "comentarios", "relacionadas",
        "relacionados",
    }
)  # fmt: skip
"""Words of class and id values (split at ``-`` and ``_``) that mark boilerplate."""
_WORD_SPLIT: Final = re.compile(r"[-_:]+")


def marked(element: etree._Element) -> bool:
    """Whether ``element`` looks like boilerplate, by its name, role, class or id."""
    name = local_name(element)
    if name in TAGS:
        return True
    if name == "header" and not any(local_name(up) == "article" for up in element.iterancestors()):
        return True
    if tokens(element, "role") & ROLES:
        return True
    values = tokens(element, "class") | tokens(element, "id")
    if values & WHOLE_TOKENS:
        return True
    return any(word in WORDS for value in values for word in _WORD_SPLIT.split(value))


class Boilerplate:
    """The ``skip`` of a web page's conversion: boilerplate inside the article ``parts``."""

    def __init__(self, parts: Sequence[etree._Element]) -> None:
        self._article_chars = sum(_chars(part) for part in parts)

    def __call__(self, element: etree._Element) -> bool:
        if not marked(element):
            return False
        return _chars(element) * 2 < self._article_chars or self._article_chars == 0


def _chars(element: etree._Element) -> int:
    """How much text ``element`` holds (white space left out), reading at most 100,000
    pieces of it."""
    return sum(len("".join(piece.split())) for piece in text_pieces(element, 100_000))
