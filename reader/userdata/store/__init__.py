"""Bookmarks and reading positions in one SQLite file that is never lost or overwritten.

``bookmarks.sqlite3`` in the data folder, written through the standard library's sqlite3:

* WAL journal and a 5 s busy timeout, so two readers running at once can both write;
* every change is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a process killed
  mid-save loses at most the change it was making;
* ``PRAGMA user_version`` is the schema version, brought forward by :data:`MIGRATIONS`
  (each migration in its own transaction, re-checked under the write lock so two
  processes opening an old file at once migrate it once);
* ``PRAGMA application_id`` marks the file as ours; nothing writes to an existing file
  (not even SQLite's switch to WAL or its rollback of a journal) before a connection that
  cannot write has shown it is ours: another application's database is left alone and
  said to be one;
* a file that is not a SQLite database, fails ``PRAGMA integrity_check``, was written by
  a newer reader, has a journal beside it that SQLite would play back and delete, or
  cannot be written (a full disk, a folder without permission) is opened read-only (or
  not at all) and never written: :attr:`read_only` is set, :attr:`problem` says in one
  line what is wrong and what to do, and every write raises :class:`StoreReadOnly`.

One job per module:

* :mod:`~reader.userdata.store.schema`: the tables, their migrations and the
  application id;
* :mod:`~reader.userdata.store.inspection`: what an existing file is, found read-only;
* :mod:`~reader.userdata.store.faults`: the causes SQLite's errors do not name (a hot
  journal, a full disk, permissions);
* :mod:`~reader.userdata.store.opening`: opening for writing, pragmas and migrating;
* :mod:`~reader.userdata.store.texts`: which stored texts are the text being read;
* :mod:`~reader.userdata.store.bookmarks`: the bookmarks' rows;
* :mod:`~reader.userdata.store.positions`: the reading positions' rows;
* :mod:`~reader.userdata.store.bookmark_store`: :class:`BookmarkStore`, the lock and the
  transactions around them;
* :mod:`~reader.userdata.store.columns`: strings UTF-8 cannot hold (undecodable file
  names, lone surrogates) stored losslessly;
* :mod:`~reader.userdata.store.errors`: what a failed change raises.
"""

from __future__ import annotations

from reader.userdata.store.bookmark_store import BookmarkStore, open_store
from reader.userdata.store.errors import BookmarkNotFound, StoreError, StoreReadOnly
from reader.userdata.store.schema import APPLICATION_ID, FILE_NAME, MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "FILE_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BookmarkNotFound",
    "BookmarkStore",
    "StoreError",
    "StoreReadOnly",
    "open_store",
]
