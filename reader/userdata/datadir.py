"""Where the reader keeps its own data (bookmarks, reading positions): one folder.

An explicit ``--data-dir`` wins, then the environment variable ``READER_DATA_DIR``, then the
platform's user data folder (``~/.local/share/rodape`` on Linux). Tests always pass a
temporary folder one of the first two ways, so they never touch the user's real data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import platformdirs

from reader.text.errors import ReaderError
from reader.text.i18n import _

__all__ = ["APP_NAME", "ENV_VAR", "data_dir", "data_dir_path", "default_data_dir"]

APP_NAME: Final = "rodape"
ENV_VAR: Final = "READER_DATA_DIR"
"""Environment variable that relocates all user data."""


def default_data_dir() -> Path:
    """The platform's user data folder for the reader (not created).

    Linux ``$XDG_DATA_HOME/rodape`` (``~/.local/share/rodape``), macOS
    ``~/Library/Application Support/rodape``, Windows ``%LOCALAPPDATA%\\rodape``.
    """
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_path(explicit: Path | None = None) -> Path:
    """The data folder to use (``--data-dir``, ``$READER_DATA_DIR``, the platform's),
    neither created nor checked: for the commands that only read what may be there."""
    if explicit is not None:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_data_dir()


def data_dir(explicit: Path | None = None) -> Path:
    """The data folder to use, created on demand.

    Raises :class:`ReaderError` naming the folder when it cannot be created (a file is in
    the way, permission denied).
    """
    path = data_dir_path(explicit)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ReaderError(path, _("is a file, not a folder for the reader's data")) from None
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ReaderError(
            path, _("cannot create the data folder ({reason})").format(reason=reason)
        ) from None
    if not path.is_dir():
        raise ReaderError(path, _("is not a folder; give --data-dir another path"))
    return path
