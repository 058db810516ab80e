"""What a web page says about itself: title, author, date, language, site and address.

Read from the places pages put them, in the order that is most often right for each
field: Open Graph (``og:title``, ``og:site_name``, ``article:published_time``), JSON-LD
(``<script type="application/ld+json">``, schema.org's Article and its kin; its
``headline`` is sometimes a summary, so ``og:title`` goes first), ``<meta>``
(``author``, ``dcterms.date``, Dublin Core, Highwire ``citation_*``), ``<html lang>`` and
``<title>``.
Nothing is invented: a field no page source gives stays None. Every value is made visible
on one line (:func:`reader.text.sanitize.visible_line`), like front matter.

A page title often carries the site's name ("Volga – Wikipédia, a enciclopédia livre");
:func:`article_title` takes it off when the site or the article's own heading says which
part is the title.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Final
from urllib.parse import urlsplit

from lxml import etree

from reader.document.html.names import attribute, text_of
from reader.document.html.values import iso_date, language_tag
from reader.text.sanitize import title_line, visible_line

MAX_META_ELEMENTS: Final = 500
"""Elements of each kind looked at: a page's real metadata is in its first few."""
MAX_JSON_CHARS: Final = 1_000_000
"""A JSON-LD block longer than this is not metadata; it is skipped."""
MAX_FIELD_CHARS: Final = 500

_SEPARATORS: Final = (" | ", " – ", " — ", " - ", " · ", " :: ", " » ")
_ARTICLE_TYPES: Final = frozenset(
    {
        "article", "newsarticle", "blogposting", "scholarlyarticle", "report", "techarticle",
        "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
        "socialmediaposting", "liveblogposting", "creativework", "book", "chapter", "webpage",
    }
)  # fmt: skip
_DATE_NAMES: Final = (
    "article:published_time", "dcterms.date", "dcterms.created", "dcterms.issued", "dc.date",
    "dc.date.issued", "citation_publication_date", "citation_date", "date", "pubdate",
    "publish-date", "parsely-pub-date", "sailthru.date", "og:published_time",
)  # fmt: skip
_AUTHOR_NAMES: Final = ("author", "dc.creator", "dcterms.creator", "citation_author", "byl")
_TITLE_NAMES: Final = ("og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title")


@dataclass(frozen=True)
class PageMetadata:
    """The page's own word on what it is; None where it says nothing."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    """YYYY-MM-DD (or YYYY-MM, YYYY), as front matter has it."""
    language: str | None = None
    """A BCP 47 tag."""
    site: str | None = None
    url: str | None = None
    """The page's own address (canonical link, ``og:url``), when it is http(s)."""
    base_url: str | None = None
    """What relative links are relative to: ``<base href>``, else ``url``."""

    @property
    def source(self) -> str | None:
        """Where the text comes from, for :attr:`reader.document.model.Metadata.source`."""
        parts = [part for part in (self.site, self.url) if part]
        return " — ".join(parts) or None


def _one_line(value: object) -> str | None:
    """``value`` as one visible line, at most :data:`MAX_FIELD_CHARS`; None if empty."""
    if not isinstance(value, str):
        return None
    text = " ".join(value[: MAX_FIELD_CHARS * 2].split())[:MAX_FIELD_CHARS]
    return visible_line(text) or None


def _elements(root: etree._Element, name: str) -> list[etree._Element]:
    """The first :data:`MAX_META_ELEMENTS` elements named ``name``, any namespace."""
    found = root.xpath(f"(//*[local-name()='{name}'])[position() <= {MAX_META_ELEMENTS}]")
    return (
        [item for item in found if isinstance(item, etree._Element)]
        if isinstance(found, list)
        else []
    )


def _meta_values(root: etree._Element) -> dict[str, list[str]]:
    """Every ``<meta>`` value by its lower-case ``name`` or ``property``, in page order."""
    values: dict[str, list[str]] = {}
    for meta in _elements(root, "meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        content = _one_line(meta.get("content"))
        if key and content:
            values.setdefault(key.strip(), []).append(content)
    return values


def page_metadata(root: etree._Element) -> PageMetadata:
    """Everything the page's head (and JSON-LD) says about it."""
    meta = _meta_values(root)
    linked = _json_ld(root)

    def first(*names: str) -> str | None:
        for name in names:
            if meta.get(name):
                return meta[name][0]
        return None

    title_element = _elements(root, "title")
    page_title = _one_line(text_of(title_element[0], 100)) if title_element else None
    url = _http_url(_canonical(root)) or _http_url(first("og:url")) or _http_url(linked.url)
    base = next((b.get("href") for b in _elements(root, "base") if b.get("href")), None)
    return PageMetadata(
        title=first(*_TITLE_NAMES) or linked.title or page_title,
        author=linked.author or _authors(meta),
        date=iso_date(linked.date)
        or next(
            (
                date
                for name in _DATE_NAMES
                for value in meta.get(name, ())
                if (date := iso_date(value))
            ),
            None,
        ),
        language=language_tag(attribute(root, "lang"))
        or language_tag(attribute(root, "{http://www.w3.org/XML/1998/namespace}lang"))
        or language_tag(linked.language)
        or language_tag(first("og:locale"))
        or language_tag(first("content-language", "dc.language", "language")),
        site=first("og:site_name", "application-name") or linked.site,
        url=url,
        base_url=_http_url(base) or url,
    )


def _authors(meta: dict[str, list[str]]) -> str | None:
    """Every author named in ``<meta>`` (pandoc writes one element per author)."""
    for name in _AUTHOR_NAMES:
        names = [value for value in meta.get(name, ()) if not value.startswith("http")]
        if names:
            return _one_line(", ".join(dict.fromkeys(names)))
    article_author = meta.get("article:author", [])
    names = [value for value in article_author if not value.startswith("http")]
    return _one_line(", ".join(names)) if names else None


def _canonical(root: etree._Element) -> str | None:
    for link in _elements(root, "link"):
        if "canonical" in attribute(link, "rel").lower().split():
            return link.get("href")
    return None


def _http_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) address on one line, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or value != visible_line(value):
        return None
    return value if " " not in value else None


# --- JSON-LD --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Linked:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    site: str | None = None
    url: str | None = None


def _json_ld(root: etree._Element) -> _Linked:
    """The first article-like item of the page's JSON-LD blocks (a ``@graph`` too)."""
    for script in _elements(root, "script")[:50]:
        if attribute(script, "type").strip().lower() != "application/ld+json":
            continue
        text = text_of(script, 1000)
        if len(text) > MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # broken, or nested past Python's stack
            continue
        for item in islice(_items(data), 200):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and kind.lower() in _ARTICLE_TYPES for kind in kinds):
                return _linked(item)
    return _Linked()


def _items(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """The objects of a JSON-LD block: itself, its list members, its ``@graph``."""
    if depth > 3:
        return
    if isinstance(data, list):
        for member in data[:200]:
            yield from _items(member, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _items(graph, depth + 1)


def _name(value: object) -> str | None:
    """A name from a string, an object with ``name``, or a list of either."""
    if isinstance(value, list):
        names = [name for item in value[:20] if (name := _name(item))]
        return _one_line(", ".join(dict.fromkeys(names))) if names else None
    if isinstance(value, dict):
        return _one_line(value.get("name"))
    return _one_line(value)


def _linked(item: dict[str, object]) -> _Linked:
    language = item.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    page = item.get("mainEntityOfPage")
    url = item.get("url") or (page.get("@id") if isinstance(page, dict) else page)
    return _Linked(
        title=_one_line(item.get("headline")) or _one_line(item.get("name")),
        author=_name(item.get("author")) or _name(item.get("creator")),
        date=_one_line(item.get("datePublished")) or _one_line(item.get("dateCreated")),
        language=_one_line(language),
        site=_name(item.get("publisher")) if isinstance(item.get("publisher"), dict) else None,
        url=_one_line(url),
    )


# --- the title ------------------------------------------------------------------------------


def article_title(
    meta: PageMetadata, headings: Sequence[str], opening: Sequence[str] = ()
) -> str | None:
    """The page's title without the site's name: the part that is not the site when the
    title is "Article | Site", or the part that is one of the page's ``headings`` or of
    the ``opening`` lines of its article; the first heading when the page has no title.
    """
    title = meta.title
    if not title:
        return title_line(headings[0]) if headings else None
    known = [*headings, *opening]
    for separator in _SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        first, _, rest = title.partition(separator)
        if meta.site and _same(tail, meta.site):
            return title_line(head)
        if meta.site and _same(first, meta.site):
            return title_line(rest)
        for part in (first, head, rest, tail):
            if any(_same(part, line) for line in known):
                return title_line(part)
    return title_line(title)


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()
