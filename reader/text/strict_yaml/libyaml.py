"""The libyaml engine: documents composed from the events of libyaml's C parser.

Over ten times faster than PyYAML's pure-Python reader, scanner and parser, and only ever
*succeeds*: at the first thing it is not sure about (a refusal of ours, a syntax error, a
character outside the plain ranges both parsers agree on, nesting beyond
:data:`FAST_MAX_DEPTH`) it raises :class:`Unsure` and leaves the document to the
pure-Python engine, which alone produces every error and its location. So results and
messages are the same with or without libyaml.

libyaml is reached through PyYAML's public API: :data:`yaml.__with_libyaml__` says whether
PyYAML was built with it, and :class:`yaml.cyaml.CBaseLoader` is its C parser with
PyYAML's base (no type guessing) resolver, of which only the events are used here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import yaml
from yaml.events import (
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from reader.text.strict_yaml.values import (
    MAP_TAG,
    NULL_SPELLINGS,
    SEQ_TAG,
    STR_TAG,
    YamlMap,
    YamlSeq,
    YamlValue,
)

LIBYAML_PARSER: type[CBaseLoader] | None = None
"""libyaml's parser, or None when PyYAML was built without it."""
if yaml.__with_libyaml__:
    from yaml.cyaml import CBaseLoader

    LIBYAML_PARSER = CBaseLoader

FAST_MAX_DEPTH: Final = 64
"""Deepest nesting the libyaml engine composes; deeper documents go to the pure-Python one,
whose recursion decides (with a large ``max_depth``) whether they are "nested too deeply"."""
_UNSURE_CHARACTERS: Final = re.compile(
    r"[^\n\r\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD"
    r"\U00010000-\U0010FFFF]|\r(?!\n)|[|>][-+0-9]*#"
)
"""Text the libyaml engine leaves to the pure-Python one: any character PyYAML's reader
refuses (so that it reports it); tabs, which PyYAML refuses in more places than libyaml
does; and those on which the two might count lines or columns differently: NEL (U+0085),
LINE and PARAGRAPH SEPARATOR (U+2028, U+2029), a byte order mark (U+FEFF) and a CR not
followed by LF. Also a block scalar header with a comment straight after it (``|#``), which
libyaml takes and PyYAML refuses."""


class Unsure(Exception):
    """The libyaml engine met something it leaves to the pure-Python engine."""


def load_fast(text: str, line_offset: int, max_depth: int) -> YamlValue:
    """:func:`~reader.text.strict_yaml.load_yaml` composed from libyaml's events, for
    documents that load cleanly.

    Raises :class:`Unsure` instead of any error, and wherever the pure-Python engine might
    see the text differently, so that every refusal and every error message comes from
    that one engine. What it returns is what that engine returns for the same text.
    """
    if LIBYAML_PARSER is None or _UNSURE_CHARACTERS.search(text) is not None:
        raise Unsure
    parser = LIBYAML_PARSER(text)
    try:
        return compose_events(parser.get_event, line_offset, min(max_depth, FAST_MAX_DEPTH))
    except Unsure:
        raise
    except Exception as exc:  # a syntax error, an unencodable character or worse
        raise Unsure from exc
    finally:
        parser.dispose()


def compose_events(
    next_event: Callable[[], Event | None], line_offset: int, max_depth: int
) -> YamlValue:
    """Build the one document of a stream of events, without recursion.

    Mirrors the pure-Python engine: the same values and lines, and :class:`Unsure` wherever
    it would refuse (an anchor, an alias, a tag other than the node's own, a key that is not
    text or is empty or repeated, too deep, more documents), and where libyaml reads what
    PyYAML refuses: a "?" in a plain scalar inside brackets or
    braces ("[why?]"), which ends such a scalar for PyYAML.
    """
    if type(next_event()) is not StreamStartEvent:
        raise Unsure
    event = next_event()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent:
        raise Unsure
    root: YamlValue = None
    stack: list[YamlMap | YamlSeq] = []
    """The collections open, innermost last."""
    keys: list[str | None] = []
    """Per open collection, a mapping's key waiting for its value, else None."""
    flows: list[bool] = []
    """Per open collection, whether it is a flow collection ("[…]", "{…}")."""
    while True:
        event = next_event()
        if event is None or event.start_mark is None:
            raise Unsure
        line = event.start_mark.line + 1 + line_offset
        parent = stack[-1] if stack else None
        value: YamlValue
        if isinstance(event, ScalarEvent):
            if event.anchor is not None:
                raise Unsure
            if event.tag is None:
                null = event.implicit[0] and event.value in NULL_SPELLINGS
            elif event.tag == STR_TAG:
                null = False
            else:
                raise Unsure
            if flows and flows[-1] and not event.style and "?" in event.value:
                raise Unsure
            if isinstance(parent, YamlMap) and keys[-1] is None:
                # A mapping key: text, not empty, and not already in this mapping.
                key = event.value
                if (null and key == "") or key in parent.lines:
                    raise Unsure
                parent.lines[key] = line
                keys[-1] = key
                continue
            value = None if null else event.value
        elif isinstance(event, CollectionStartEvent):
            mapping = isinstance(event, MappingStartEvent)
            if (
                event.anchor is not None
                or event.tag not in (None, MAP_TAG if mapping else SEQ_TAG)
                or len(stack) >= max_depth
                or (isinstance(parent, YamlMap) and keys[-1] is None)  # a key
            ):
                raise Unsure
            value = YamlMap(line) if mapping else YamlSeq(line)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
            keys.pop()
            flows.pop()
            if stack:
                continue
            break
        else:  # an alias, or anything unexpected
            raise Unsure
        if parent is None:
            root = value
        elif isinstance(parent, YamlSeq):
            parent.append(value)
            parent.lines.append(line)
        else:
            pending = keys[-1]
            if pending is None:
                raise Unsure
            parent[pending] = value
            keys[-1] = None
        if isinstance(value, YamlMap | YamlSeq):
            stack.append(value)
            keys.append(None)
            flows.append(bool(getattr(event, "flow_style", False)))
        elif parent is None:
            break  # a document that is one scalar
    if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
        raise Unsure
    return root
