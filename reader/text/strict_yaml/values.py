"""What strict YAML loads into: text, :class:`YamlSeq` and :class:`YamlMap`, and None.

Both engines build these same values, and resolve tags the same way, from the constants
here, so that what a document loads into cannot depend on which engine read it.
"""

from __future__ import annotations

from typing import Final, TypeAlias

from reader.text.i18n import N_, _

YamlValue: TypeAlias = str | list["YamlValue"] | dict[str, "YamlValue"] | None
"""What a YAML document holds once loaded: text, lists, mappings and nothing else."""

STR_TAG: Final = "tag:yaml.org,2002:str"
SEQ_TAG: Final = "tag:yaml.org,2002:seq"
MAP_TAG: Final = "tag:yaml.org,2002:map"
NULL_TAG: Final = "tag:yaml.org,2002:null"
NULL_SPELLINGS: Final = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean "no value", as YAML itself says (every spelling of its core
schema, so that no other tool reads the file differently); quoted or tagged, they stay
text. Callers warn where a field has no value (:func:`empty_value`) and take it as
absent, so "author: ~" is neither silently dropped nor the text "~"."""


NO_VALUE_HINT: Final = N_("YAML reads ~ and null as no value; quote them for the text")
"""How to write the text "~" or "null" where YAML would read no value."""


def empty_value(what: str) -> str:
    """The warning for a field written with no value, which is then ignored: ``what``
    is the field as the message names it ("front matter field 'author'")."""
    return _("{what} is empty: ignored ({hint})").format(what=what, hint=_(NO_VALUE_HINT))


class YamlMap(dict[str, YamlValue]):
    """A YAML mapping: a ``dict`` that also knows where it and each of its keys are."""

    line: int
    """1-based line of the mapping's start in the original file."""
    lines: dict[str, int]
    """1-based line of each key in the original file."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.lines = {}


class YamlSeq(list[YamlValue]):
    """A YAML sequence: a ``list`` that also knows where it and each of its items are."""

    line: int
    """1-based line of the sequence's start in the original file."""
    lines: list[int]
    """1-based line of each item in the original file, in item order."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.lines = []
