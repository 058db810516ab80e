"""Standard input as a text: ``reader -``, ``reader render -``, ``curl -s URL | reader -``.

Read whole, with the same size limit, decoding and normalisation as a file
(:func:`reader.text.textfile.decode_text`), then named ``<stdin>`` in messages. A terminal
on standard input is refused rather than read: ``reader -`` typed alone would otherwise
wait, silently, for a text typed by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO, Final

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.textfile import DEFAULT_MAX_BYTES, TextRef, decode_text

STDIN_ARGUMENT: Final = "-"
"""The argument that names standard input (``./-`` is a file called ``-``)."""

STDIN_NAME: Final = "<stdin>"
"""How messages (and the title of a text without one) name standard input."""


def stdin_ref() -> TextRef:
    """The text on standard input: no file; glossaries it names are looked for in the
    working folder, as for a file there."""
    return TextRef(Path(STDIN_NAME), STDIN_NAME, from_stdin=True)


def read_stdin(stream: BinaryIO | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text on standard input (or ``stream``), read to its end and decoded.

    Raises :class:`ReaderError` when there is none, when it is a terminal, when it is
    larger than ``max_bytes``, and for what :func:`decode_text` refuses (binary, not
    UTF-8).
    """
    if stream is None:
        if sys.stdin is None:
            raise ReaderError(STDIN_NAME, _("there is no standard input to read"))
        stream = sys.stdin.buffer
    try:
        if stream.isatty():
            raise ReaderError(
                STDIN_NAME, _("is a terminal: pipe a text into it, e.g. `curl -s URL | reader -`")
            )
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise ReaderError(
            STDIN_NAME, _("cannot be read ({strerror})").format(strerror=error.strerror or error)
        ) from None
    if len(data) > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise ReaderError(
            STDIN_NAME,
            _("too large (more than the limit of {megabytes} MB)").format(megabytes=megabytes),
        )
    return decode_text(data, STDIN_NAME)
