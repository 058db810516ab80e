"""What can go wrong saving bookmarks: one-line errors that name the store's file."""

from __future__ import annotations

from reader.text.errors import ReaderError

__all__ = ["BookmarkNotFound", "StoreError", "StoreReadOnly"]


class StoreError(ReaderError):
    """A change could not be saved (disk full, database locked too long…); one line.

    Nothing of the failed change is kept, and everything saved before is intact.
    """


class StoreReadOnly(StoreError):
    """A write to a store opened read-only; the message is the store's :attr:`problem`."""


class BookmarkNotFound(StoreError):
    """No bookmark has the given id (deleted meanwhile, perhaps by another reader)."""
