"""What a bookmark is: a text's identity, an anchor in its text, a note. No storage, no UI.

Everything is a frozen dataclass, so bookmarks can be handed between the store, the
re-anchoring code and the UI's worker threads without copies or locks.
"""

from __future__ import annotations

import hashlib
import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final

from reader.text.resources import texts_dir

if TYPE_CHECKING:
    from reader.text.textfile import Source, TextRef

__all__ = [
    "STDIN_IDENTITY",
    "AnchorStatus",
    "Bookmark",
    "BookmarkAnchor",
    "Resolved",
    "TextIdentity",
    "content_hash",
    "is_stdin_identity",
    "new_uuid",
    "text_identity",
    "utc_now",
]


@dataclass(frozen=True)
class TextIdentity:
    """Which text a bookmark belongs to, recognisable after the text moves or changes."""

    path: str
    """Resolved absolute path of the file, or the bundled text's name ("stalingrado")."""
    title: str
    """The document's title (front matter, first heading or file name)."""
    content_hash: str
    """SHA-256 (hex) of the text's source as :func:`reader.text.textfile.read_text` returns it."""


@dataclass(frozen=True)
class BookmarkAnchor:
    """Where a bookmarked passage is, said twice: by offsets and by its words.

    Offsets index the document's flat text (:func:`reader.userdata.flat.flat_text`), so
    they do not depend on the screen width. The quote and its context let the passage be
    found again after the text is edited.
    """

    block_id: str
    """The block containing ``start`` when the anchor was made ("p-12")."""
    start: int
    end: int
    quote: str
    """The passage itself: ``flat.text[start:end]`` when it was bookmarked."""
    prefix: str
    """Up to 32 characters before the passage."""
    suffix: str
    """Up to 32 characters after the passage."""


def new_uuid() -> str:
    """A fresh random UUID, as text: a bookmark's identity across exports and imports."""
    return str(uuid_module.uuid4())


def utc_now() -> str:
    """Now, as ISO-8601 UTC to the second: ``2024-05-01T12:34:56Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked passage of a text, with the reader's (possibly empty) note."""

    id: int
    """Row id in the store; 0 for a bookmark not stored yet (e.g. just imported)."""
    text: TextIdentity
    anchor: BookmarkAnchor
    note: str
    created: str
    """ISO-8601 UTC."""
    updated: str
    """ISO-8601 UTC; last change of the note or anchor."""
    uuid: str = field(default_factory=new_uuid)
    """Stable identity across export and import (``urn:rodape:bookmark:<uuid>``)."""


class AnchorStatus(StrEnum):
    """How a bookmark's anchor fits the text as it is now."""

    ATTACHED = "attached"
    """The quote is exactly at the stored offsets (and its context agrees)."""
    MOVED = "moved"
    """Found elsewhere, or found slightly edited; the new offsets are given."""
    DETACHED = "detached"
    """Not found with confidence: shown with its quote and note, never dropped."""


@dataclass(frozen=True)
class Resolved:
    """A bookmark checked against the text as it is now."""

    bookmark: Bookmark
    status: AnchorStatus
    block_id: str | None
    """The block containing the passage now; None when detached."""
    start: int | None
    """Offsets in the current flat text; None when detached."""
    end: int | None
    section: str | None = None
    """Title of the heading the passage is under, when there is one."""


def content_hash(source: Source) -> str:
    """SHA-256 hex digest of a text's (already normalised) source, or of a book's bytes
    (any change to any of its files changes it: its bookmarks are then found again by
    their quotes, as a text's are after an edit)."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    # A piece at a time: encoding a whole book at once allocates three bytes a character
    # before shrinking (14 MB for a 5 MB book), at the top of the load's memory. UTF-8
    # with surrogatepass encodes each code point alone, so the pieces give the same bytes.
    digest = hashlib.sha256()
    for start in range(0, len(source), HASH_PIECE):
        digest.update(source[start : start + HASH_PIECE].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


HASH_PIECE: Final = 1 << 16
"""Characters of a text encoded at a time for its hash."""


STDIN_IDENTITY = "stdin:"
"""How a text read from standard input is named in the store: ``stdin:`` and the start
of its content hash. It has no path to be found at again; it is the same text as one
with the same content (piped again, or opened from a file), or with the same title."""


def is_stdin_identity(path: str) -> bool:
    """Whether a stored text's path names a text read from standard input."""
    return path.startswith(STDIN_IDENTITY)


def text_identity(ref: TextRef, source: Source, title: str) -> TextIdentity:
    """The identity of a text opened through :func:`reader.pipeline.resolve_text`.

    A bundled text is named by its bundled name, so its bookmarks survive reinstalling the
    reader elsewhere; any other file by its resolved absolute path; a text from standard
    input by its content (:data:`STDIN_IDENTITY`), with no title when it has none of its
    own (so that two untitled texts piped in are never taken for one).
    """
    digest = content_hash(source)
    if ref.from_stdin:
        own_title = "" if title == ref.name else title
        return TextIdentity(f"{STDIN_IDENTITY}{digest[:16]}", own_title, digest)
    return TextIdentity(_identity_path(ref.path), title, digest)


def _identity_path(path: Path) -> str:
    resolved = Path(path).expanduser().resolve()
    try:
        bundled = texts_dir().resolve()
    except OSError:  # pragma: no cover - the bundled folder always resolves
        return str(resolved)
    if resolved.parent == bundled and resolved.suffix.lower() in (".md", ".txt"):
        return resolved.stem
    return str(resolved)
