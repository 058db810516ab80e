"""``load_yaml``: the size check, then the libyaml engine if it is sure, else the pure one.

Both engines (and PyYAML under them) are imported on the first load, not with this
module: the reader's first frame imports the glossary and front-matter modules but reads
YAML only later, in the loading thread.
"""

from __future__ import annotations

from typing import Final

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.strict_yaml.values import YamlValue

DEFAULT_MAX_DEPTH: Final = 32
DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024


def load_yaml(
    text: str,
    *,
    path: str,
    line_offset: int = 0,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> YamlValue:
    """Load one YAML document strictly: strings, :class:`YamlSeq` and :class:`YamlMap` only.

    ``line_offset`` is the number of lines of the file before ``text`` (front matter's
    opening ``---``), so every line reported, in errors and in ``.lines``, is a line of the
    original file. Raises :class:`ReaderError` for anything refused, and only that.
    """
    from reader.text.strict_yaml.libyaml import LIBYAML_PARSER, Unsure, load_fast
    from reader.text.strict_yaml.pure import load_pure

    _check_size(text, path, max_bytes)
    if LIBYAML_PARSER is not None:
        try:
            return load_fast(text, line_offset, max_depth)
        except Unsure:
            pass  # the pure-Python engine decides, and words any error
    return load_pure(text, path=path, line_offset=line_offset, max_depth=max_depth)


def _check_size(text: str, path: str, max_bytes: int) -> None:
    """Refuse oversized input cheaply: only encode when the length alone cannot decide."""
    too_large = len(text) > max_bytes or (
        len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes
    )
    if too_large:
        raise ReaderError(
            path, _("too large (the limit is {max_bytes} bytes)").format(max_bytes=max_bytes)
        )
