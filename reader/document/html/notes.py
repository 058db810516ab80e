"""Footnotes in HTML: which links are note references, which elements are the notes.

Producers mark them in many ways, and the index knows the common ones:

* references: ``<a role="doc-noteref">`` (pandoc, DPUB-ARIA), ``epub:type="noteref"``,
  ``class="footnote-ref"`` (markdown-it, pandoc), ``rel="footnote"`` (kramdown), or any
  short link in (or around) a ``<sup>`` to an element that looks like a note
  (``<sup class="reference"><a href="#cite_note-1">[1]</a></sup>``, MediaWiki);
* notes: ``<aside role="doc-footnote">``, ``epub:type="footnote"`` / ``endnote`` /
  ``rearnote``, and the items of a notes list (``<section class="footnotes">``,
  ``role="doc-endnotes"``, ``<ol class="references">``), plus whatever a reference
  points to;
* back-links inside a note (``role="doc-backlink"``, ``class="footnote-back"``, a link
  back to a reference's id, MediaWiki's "↑ a b") are not part of its text.

A page is scanned whole before it is converted (:meth:`NoteIndex.scan`), so a reference
knows its note wherever the note is, in the same tree or, for an EPUB's chapters scanned
into one index, in another file: note keys are ``fn:<file>#<id>``.
"""

from __future__ import annotations

import posixpath
import unicodedata
from dataclasses import dataclass, field
from itertools import islice
from typing import Final
from urllib.parse import unquote

from lxml import etree

from reader.document.html.names import (
    HEADINGS,
    attribute,
    element_id,
    epub_types,
    local_name,
    text_of,
    text_pieces,
    tokens,
)
from reader.document.html.parsing import MAX_DEPTH, flatten_deep
from reader.text.errors import Problem, Severity
from reader.text.i18n import _
from reader.text.sanitize import visible_line

NOTEREF_ROLES: Final = frozenset({"doc-noteref"})
NOTEREF_TYPES: Final = frozenset({"noteref"})
NOTEREF_CLASSES: Final = frozenset(
    {"footnote-ref", "footnote-reference", "noteref", "fnref", "footnote", "footnoteref"}
)
NOTE_ROLES: Final = frozenset({"doc-footnote", "doc-endnote", "doc-rearnote"})
NOTE_TYPES: Final = frozenset({"footnote", "endnote", "rearnote", "note"})
NOTE_LIST_ROLES: Final = frozenset({"doc-endnotes", "doc-footnotes"})
NOTE_LIST_TYPES: Final = frozenset({"footnotes", "endnotes", "rearnotes"})
NOTE_LIST_CLASSES: Final = frozenset(
    {"footnotes", "references", "reflist", "endnotes", "footnote-list", "notes-list"}
)
BACKLINK_ROLES: Final = frozenset({"doc-backlink"})
BACKLINK_CLASSES: Final = frozenset(
    {"footnote-back", "footnote-backref", "reversefootnote", "mw-cite-backlink", "fn-back"}
)
NOTE_TARGET_TAGS: Final = frozenset({"li", "p", "div", "aside", "dd", "section", "span", "td"})
"""What a short ``<sup>`` link may point to and be a note reference (not a heading, not
the page's body or article)."""
MAX_REF_CHARS: Final = 8
"""A reference's own text is a number or a mark ("12", "[3]", "†", "a"), never longer."""
LIST_ITEM_TAGS: Final = frozenset({"li", "aside", "div", "p", "dd"})


def note_key(target: str) -> str:
    """The note key of the element at ``target`` ("file#id")."""
    return f"fn:{target}"


def link_target(base: str, href: str) -> str | None:
    """``href`` as "file#id" within the book or page whose current file is ``base``;
    None for a link that leaves it (another scheme or host) or has no fragment."""
    path, hash_mark, fragment = href.strip().partition("#")
    if not hash_mark or not fragment:
        return None
    if not path:
        return f"{base}#{unquote(fragment)}"
    if ":" in path.split("/", 1)[0] or path.startswith("//"):
        return None
    folder = posixpath.dirname(base)
    joined = posixpath.normpath(posixpath.join(folder, unquote(path)))
    return f"{joined}#{unquote(fragment)}"


def _ancestors_below(element: etree._Element, top: etree._Element) -> list[etree._Element]:
    """The ancestors of ``element`` up to (not including) ``top``."""
    found = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        found.append(ancestor)
    return found


def _text(element: etree._Element, limit: int = 200) -> str:
    return text_of(element, 20)[:limit]


def _is_punctuation(text: str) -> bool:
    """Only marks, brackets, arrows and spaces: what is left of "[↑ a b]" without links."""
    return all(unicodedata.category(char)[0] in "PSZ" for char in text)


@dataclass
class NoteIndex:
    """Note references and notes of one page, or of every chapter of a book."""

    targets: dict[str, etree._Element] = field(default_factory=dict)
    """Every element with an id, by "file#id"."""
    bodies: dict[str, etree._Element] = field(default_factory=dict)
    """Each note's element, by note key."""
    refs: dict[etree._Element, str] = field(default_factory=dict)
    """Each reference (an ``<a>``) and the key of its note."""
    labels: dict[str, str] = field(default_factory=dict)
    """Each note's label: its first reference's text, brackets off ("1" for "[1]")."""
    lists: set[etree._Element] = field(default_factory=set)
    """Lists of notes, left out of the text as a whole (their items are the notes)."""
    ref_ids: set[str] = field(default_factory=set)
    """The ids of references and of the ``<sup>`` around them: where back-links go."""
    problems: list[Problem] = field(default_factory=list)
    """What was wrong with the trees scanned (each a warning)."""
    _candidates: list[tuple[etree._Element, str]] = field(default_factory=list)
    _maybe_lists: list[tuple[etree._Element, list[str]]] = field(default_factory=list)
    _resolved: bool = False

    def scan(self, root: etree._Element, base: str = "") -> None:
        """Add the ids, notes and possible references of ``root``, the file ``base``.

        A tree nested deeper than a parser allows is flattened there first
        (:func:`~reader.document.html.parsing.flatten_deep`), with a warning.
        """
        self._resolved = False
        if flatten_deep(root):
            self.problems.append(
                Problem(
                    base or "page",
                    _(
                        "nested deeper than {max_depth} levels; the rest is shown as plain text"
                    ).format(max_depth=MAX_DEPTH),
                    severity=Severity.WARNING,
                )
            )
        for element in root.iter(etree.Element):
            ident = element_id(element)
            if ident:
                self.targets.setdefault(f"{base}#{ident}", element)
            if local_name(element) == "a":
                href = element.get("href")
                target = link_target(base, href) if href else None
                if target is not None:
                    self._candidates.append((element, target))
                continue
            marked_list = self._marked_list(element)
            if marked_list or self._classed_list(element):
                keys = self._list_items(element, base)
                if marked_list:
                    self.lists.add(element)
                else:  # a "references" list is notes only if the text refers to them
                    self._maybe_lists.append((element, keys))
            elif ident and (
                tokens(element, "role") & NOTE_ROLES or epub_types(element) & NOTE_TYPES
            ):
                self.bodies.setdefault(note_key(f"{base}#{ident}"), element)

    def _list_items(self, notes: etree._Element, base: str) -> list[str]:
        """The items of a list of notes that have an id (not the lists inside them)."""
        taken: set[etree._Element] = set()
        keys = []
        for item in notes.iter(etree.Element):
            if local_name(item) not in LIST_ITEM_TAGS or not element_id(item):
                continue
            if any(ancestor in taken for ancestor in _ancestors_below(item, notes)):
                continue
            taken.add(item)
            key = note_key(f"{base}#{element_id(item)}")
            self.bodies.setdefault(key, item)
            keys.append(key)
        return keys

    @staticmethod
    def _marked_list(element: etree._Element) -> bool:
        return bool(
            tokens(element, "role") & NOTE_LIST_ROLES or epub_types(element) & NOTE_LIST_TYPES
        )

    @staticmethod
    def _classed_list(element: etree._Element) -> bool:
        return local_name(element) in ("section", "div", "ol", "ul", "aside") and bool(
            tokens(element, "class") & NOTE_LIST_CLASSES
        )

    def resolve(self) -> None:
        """Decide which links are references, once every file is scanned."""
        if self._resolved:
            return
        self._resolved = True
        for anchor, target in self._candidates:
            key = note_key(target)
            element = self.targets.get(target)
            if element is None or not self._is_reference(anchor, key, element):
                continue
            self.refs[anchor] = key
            self.bodies.setdefault(key, element)
            if key not in self.labels:
                label = visible_line(_text(anchor, 40).strip().strip("[]()").strip())
                self.labels[key] = label or target.rpartition("#")[2]
            for holder in (anchor, anchor.getparent()):
                if holder is not None and element_id(holder):
                    self.ref_ids.add(element_id(holder))
        self._candidates = []
        referred = set(self.refs.values())
        for notes, keys in self._maybe_lists:
            if referred.intersection(keys):
                self.lists.add(notes)
            else:
                for key in keys:
                    if key not in referred:
                        self.bodies.pop(key, None)
        self._maybe_lists = []

    def _is_reference(self, anchor: etree._Element, key: str, target: etree._Element) -> bool:
        if local_name(target) in HEADINGS or any(
            ancestor is target for ancestor in anchor.iterancestors()
        ):
            return False  # a link to a heading, or into the note it sits in: a plain link
        parent = anchor.getparent()
        marked = bool(
            tokens(anchor, "role") & NOTEREF_ROLES
            or epub_types(anchor) & NOTEREF_TYPES
            or tokens(anchor, "class") & NOTEREF_CLASSES
            or "footnote" in tokens(anchor, "rel")
            or (parent is not None and tokens(parent, "class") & NOTEREF_CLASSES)
        )
        if marked or key in self.bodies:
            return local_name(target) not in ("body", "html", "main", "article")
        if local_name(target) not in NOTE_TARGET_TAGS or len(_text(anchor).strip()) > MAX_REF_CHARS:
            return False
        in_sup = parent is not None and local_name(parent) == "sup"
        holds_sup = any(local_name(child) == "sup" for child in anchor)
        if not (in_sup or holds_sup):
            return False
        return not any(local_name(inner) in HEADINGS for inner in islice(target.iter(), 200))

    # --- inside a note --------------------------------------------------------------------

    def is_backlink(self, element: etree._Element, base: str) -> bool:
        """A link (or a holder of links) inside a note that leads back to its reference."""
        if tokens(element, "role") & BACKLINK_ROLES or tokens(element, "class") & BACKLINK_CLASSES:
            return True
        if epub_types(element) & {"backlink", "referrer"}:
            return True
        if local_name(element) == "a":
            target = link_target(base, attribute(element, "href"))
            return target is not None and target.rpartition("#")[2] in self.ref_ids
        return False

    def holds_only_backlinks(self, element: etree._Element, base: str) -> bool:
        """An element whose text is back-links and marks only ("[1]" around a back-link,
        "↑ a b"): docutils' and MediaWiki's labels."""
        links = [
            a for a in element.iter(etree.Element) if a is not element and self.is_backlink(a, base)
        ]
        if not links:
            return False
        rest = text_of(element, 50)
        for link in links:
            for piece in text_pieces(link, 50):
                rest = rest.replace(piece, "", 1)
        return _is_punctuation(rest)
