"""Bookmarks out and in: Markdown for people (:mod:`reader.userdata.markdown_export`,
Obsidian notes: :mod:`reader.userdata.obsidian`), W3C Web Annotations (JSON-LD) for tools.

The JSON is an ``AnnotationCollection`` of ``Annotation`` objects, one per bookmark, with
``id`` ``urn:rodape:bookmark:<uuid>`` (so importing the same file twice adds nothing), the
note as a ``TextualBody`` and the passage as a ``TextQuoteSelector`` (exact, prefix,
suffix) plus a ``TextPositionSelector`` (offsets into the text as Rodapé flattens it, see
:mod:`reader.userdata.flat`). What the model has no term for travels in ``rodape:``
properties of the target: the text's title, content hash and block id.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final, TypeGuard
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.userdata.markdown_export import to_markdown
from reader.userdata.model import (
    Bookmark,
    BookmarkAnchor,
    TextIdentity,
    utc_now,
)

__all__ = [
    "ANNOTATION_CONTEXT",
    "BOOKMARK_URN",
    "AnnotationFormatError",
    "from_web_annotations",
    "source_path",
    "source_uri",
    "to_markdown",
    "to_web_annotations",
]

ANNOTATION_CONTEXT: Final = "http://www.w3.org/ns/anno.jsonld"
BOOKMARK_URN: Final = "urn:rodape:bookmark:"
TEXT_URN: Final = "urn:rodape:text:"
"""Source of a bundled text: its name after this prefix."""
_TITLE: Final = "rodape:title"
_HASH: Final = "rodape:contentHash"
_BLOCK: Final = "rodape:blockId"


class AnnotationFormatError(ReaderError):
    """An import file that is not Web Annotation JSON we can read; names the annotation."""


_FailType = Callable[[str], AnnotationFormatError]
"""Makes the error for one annotation, its number already in the message."""


# --- W3C Web Annotation ---------------------------------------------------------------------


def source_uri(path: str) -> str:
    """The annotation ``source`` of a text: a ``file:`` URI, or ``urn:rodape:text:NAME``
    for a bundled text."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return TEXT_URN + quote(path, safe="")


def source_path(uri: str) -> str:
    """The text path of an annotation ``source`` (inverse of :func:`source_uri`)."""
    if uri.startswith(TEXT_URN):
        return unquote(uri.removeprefix(TEXT_URN))
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return url2pathname(parts.path)
    return uri


def _annotation(bookmark: Bookmark) -> dict[str, object]:
    anchor = bookmark.anchor
    annotation: dict[str, object] = {
        "@context": ANNOTATION_CONTEXT,
        "id": BOOKMARK_URN + bookmark.uuid,
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": bookmark.created,
        "modified": bookmark.updated,
    }
    if bookmark.note:
        annotation["body"] = {
            "type": "TextualBody",
            "value": bookmark.note,
            "format": "text/plain",
            "purpose": "commenting",
        }
    annotation["target"] = {
        "source": source_uri(bookmark.text.path),
        _TITLE: bookmark.text.title,
        _HASH: bookmark.text.content_hash,
        _BLOCK: anchor.block_id,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": anchor.quote,
                "prefix": anchor.prefix,
                "suffix": anchor.suffix,
            },
            {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        ],
    }
    return annotation


def to_web_annotations(bookmarks: Sequence[Bookmark]) -> dict[str, object]:
    """Every bookmark as a W3C Web Annotation, in one ``AnnotationCollection``."""
    items = [_annotation(bookmark) for bookmark in bookmarks]
    return {
        "@context": ANNOTATION_CONTEXT,
        "type": "AnnotationCollection",
        "label": "Rodapé bookmarks",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _has_type(value: object, wanted: str) -> bool:
    if isinstance(value, str):
        return value == wanted
    return isinstance(value, list) and wanted in value


def _items(data: object, name: str) -> list[object]:
    if isinstance(data, list):
        return list(data)
    if not isinstance(data, dict):
        raise AnnotationFormatError(name, _("expected a JSON object or list of annotations"))
    kind = data.get("type")
    if _has_type(kind, "AnnotationCollection"):
        first = data.get("first")
        if first is None:
            return []
        if not isinstance(first, dict):
            raise AnnotationFormatError(
                name, _("the collection's pages must be included ('first' is not an object)")
            )
        return _items(first, name)
    if _has_type(kind, "AnnotationPage"):
        items = data.get("items")
        if not isinstance(items, list):
            raise AnnotationFormatError(name, _("AnnotationPage without an 'items' list"))
        return list(items)
    if _has_type(kind, "Annotation"):
        return [data]
    raise AnnotationFormatError(
        name,
        _(
            "not W3C Web Annotations (expected type Annotation, AnnotationPage or "
            "AnnotationCollection)"
        ),
    )


def from_web_annotations(data: object, *, name: str = "<import>") -> list[Bookmark]:
    """Bookmarks from parsed Web Annotation JSON (a collection, a page, a list or one
    annotation); ``name`` is the file named in errors.

    Ids are 0 (not stored yet); the uuid comes from a ``urn:rodape:bookmark:`` id, or is
    derived from another id (or from the annotation itself) so that importing the same
    file twice is recognised. Raises :class:`AnnotationFormatError` naming the annotation
    (1-based) for anything missing or of the wrong type.
    """
    return [_bookmark(item, number, name) for number, item in enumerate(_items(data, name), 1)]


def _bookmark(item: object, number: int, name: str) -> Bookmark:
    def fail(message: str) -> AnnotationFormatError:
        return AnnotationFormatError(
            name, _("annotation {number}: {message}").format(number=number, message=message)
        )

    if not isinstance(item, dict):
        raise fail(_("not a JSON object"))
    if not _has_type(item.get("type"), "Annotation"):
        raise fail(_("its type is not 'Annotation'"))
    target = _target(item.get("target"), fail)
    source = target.get("source")
    if not isinstance(source, str) or not source:
        raise fail(_("the target has no 'source'"))
    quote_selector, position_selector = _selectors(target.get("selector"), fail)
    exact = quote_selector.get("exact")
    if not isinstance(exact, str) or not exact:
        raise fail(_("the TextQuoteSelector has no 'exact' text"))
    prefix = _optional_text(quote_selector, "prefix", fail)
    suffix = _optional_text(quote_selector, "suffix", fail)
    start, end = 0, 0
    if position_selector is not None:
        start, end = _positions(position_selector, fail)
    path = source_path(source)
    text = TextIdentity(
        path=path,
        title=_optional_text(target, _TITLE, fail) or Path(path).stem or path,
        content_hash=_optional_text(target, _HASH, fail),
    )
    anchor = BookmarkAnchor(_optional_text(target, _BLOCK, fail), start, end, exact, prefix, suffix)
    created = _date(item, "created", fail) or utc_now()
    modified = _date(item, "modified", fail) or created
    return Bookmark(0, text, anchor, _note(item, fail), created, modified, _uuid(item, fail))


def _target(value: object, fail: _FailType) -> dict[str, object]:
    candidates = value if isinstance(value, list) else [value]
    for candidate in candidates:
        if isinstance(candidate, dict) and "selector" in candidate:
            return candidate
    raise fail(_("the target has no selector (only quoted passages can be imported)"))


def _selectors(
    value: object, fail: _FailType
) -> tuple[dict[str, object], dict[str, object] | None]:
    selectors = value if isinstance(value, list) else [value]
    quote_selector: dict[str, object] | None = None
    position_selector: dict[str, object] | None = None
    for selector in selectors:
        if not isinstance(selector, dict):
            raise fail(_("a selector is not a JSON object"))
        if _has_type(selector.get("type"), "TextQuoteSelector") and quote_selector is None:
            quote_selector = selector
        elif _has_type(selector.get("type"), "TextPositionSelector") and position_selector is None:
            position_selector = selector
    if quote_selector is None:
        raise fail(_("no TextQuoteSelector (only quoted passages can be imported)"))
    return quote_selector, position_selector


def _optional_text(mapping: dict[str, object], key: str, fail: _FailType) -> str:
    value = mapping.get(key, "")
    if not isinstance(value, str):
        raise fail(_("'{key}' must be text").format(key=key))
    return value


def _positions(selector: dict[str, object], fail: _FailType) -> tuple[int, int]:
    start, end = selector.get("start"), selector.get("end")
    if not (_is_int(start) and _is_int(end)):
        raise fail(_("TextPositionSelector 'start' and 'end' must be whole numbers"))
    if not 0 <= start <= end:
        raise fail(
            _("TextPositionSelector start {start} and end {end} are out of order").format(
                start=start, end=end
            )
        )
    return start, end


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _date(item: dict[str, object], key: str, fail: _FailType) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(_("'{key}' must be an ISO 8601 date-time").format(key=key))
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise fail(
            _("'{key}' is not an ISO 8601 date-time: {value!r}").format(key=key, value=value)
        ) from None
    return value


def _note(item: dict[str, object], fail: _FailType) -> str:
    body_value = item.get("bodyValue")
    if isinstance(body_value, str):
        return body_value
    body = item.get("body")
    bodies = body if isinstance(body, list) else [] if body is None else [body]
    notes: list[str] = []
    for entry in bodies:
        if isinstance(entry, str):
            continue  # a link to an external body: nothing to show
        if not isinstance(entry, dict):
            raise fail(_("a body is neither an object nor a link"))
        if _has_type(entry.get("type"), "TextualBody"):
            value = entry.get("value")
            if not isinstance(value, str):
                raise fail(_("a TextualBody has no text 'value'"))
            notes.append(value)
    return "\n\n".join(notes)


def _uuid(item: dict[str, object], fail: _FailType) -> str:
    identifier = item.get("id")
    if identifier is None:
        canonical = json.dumps(item, sort_keys=True, ensure_ascii=False)
        return str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, canonical))
    if not isinstance(identifier, str) or not identifier:
        raise fail(_("'id' must be text"))
    if identifier.startswith(BOOKMARK_URN):
        try:
            return str(uuid_module.UUID(identifier.removeprefix(BOOKMARK_URN)))
        except ValueError:
            raise fail(
                _("'{identifier}' does not end with a UUID").format(identifier=identifier)
            ) from None
    return str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, identifier))
