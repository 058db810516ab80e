"""Strict YAML for front matter, glossaries and settings: text in, strings and lines out.

``yaml.safe_load`` guesses types (``no`` becomes False, ``1943`` an int, ``2001-02-30`` a
crash), silently keeps the last of two duplicate keys, expands aliases (billion laughs) and
recurses without limit. Authors of glossaries are not YAML experts, so we load at the
node level instead: every scalar stays the string the author wrote, and anything surprising
is refused with the file, line and column, counted in the original file (every duplicate
key at once, in one :class:`~reader.text.errors.ReaderError`).

The one exception is "no value": a plain empty scalar, ``~`` or ``null`` (``Null``,
``NULL``) is None, as in every YAML tool; callers warn about a field written so
(:func:`empty_value`) and treat it as absent.

Mappings and sequences come back as :class:`YamlMap` and :class:`YamlSeq`, ordinary ``dict``
and ``list`` that also remember the line of each key or item, so callers can say where an
entry is wrong, not just that it is.

Two engines load the same values (:mod:`~reader.text.strict_yaml.values`):

- :mod:`~reader.text.strict_yaml.libyaml` composes documents from the events of libyaml's C
  parser, when PyYAML was built with it: over ten times faster, and it only ever succeeds,
  giving way at the first thing it is not sure about;
- :mod:`~reader.text.strict_yaml.pure` runs PyYAML's pure-Python reader, scanner and parser
  and alone refuses, in the words of :mod:`~reader.text.strict_yaml.errors`.

:func:`load_yaml` (:mod:`~reader.text.strict_yaml.load`) tries the first, then the second,
so results and messages are the same with or without libyaml.
"""

from reader.text.strict_yaml.load import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, load_yaml
from reader.text.strict_yaml.values import (
    NO_VALUE_HINT,
    YamlMap,
    YamlSeq,
    YamlValue,
    empty_value,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "NO_VALUE_HINT",
    "YamlMap",
    "YamlSeq",
    "YamlValue",
    "empty_value",
    "load_yaml",
]
