"""Strict YAML for front matter, glossaries and settings: text in, strings and lines out.

``yaml.safe_load`` guesses types (``no`` becomes False, ``1943`` an int, ``2001-02-30`` a
crash), silently keeps the last of two duplicate keys, expands aliases (billion laughs) and
recurses without limit. Authors of glossaries are not YAML experts, so we load at the
node level instead: every scalar stays the string the author wrote, and anything surprising
is refused with the file, line and column, counted in the original file.

Mappings and sequences come back as :class:`YamlMap` and :class:`YamlSeq`, ordinary ``dict``
and ``list`` that also remember the line of each key or item, so callers can say where an
entry is wrong, not just that it is.

When PyYAML was built with libyaml, documents are parsed by libyaml's C parser and composed
here from its events, which is over ten times faster than PyYAML's pure-Python reader,
scanner and parser. That fast path only ever *succeeds*: at the first thing it is not sure
about (a refusal of ours, a syntax error, a character outside the plain ranges both parsers
agree on, nesting beyond :data:`_FAST_MAX_DEPTH`) it gives up and the document is loaded
again by the pure-Python path, which alone produces every error and its location. So
results and messages are the same with or without libyaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from reader.text.errors import ReaderError

_CParser: type[_LibyamlParser] | None
try:
    from yaml._yaml import CParser as _LibyamlParser
except ImportError:  # PyYAML built without libyaml: the pure-Python path does everything
    _CParser = None
else:
    _CParser = _LibyamlParser

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_DEPTH", "YamlMap", "YamlSeq", "YamlValue", "load_yaml"]

YamlValue: TypeAlias = str | list["YamlValue"] | dict[str, "YamlValue"] | None
"""What a YAML document holds once loaded: text, lists, mappings and nothing else."""

DEFAULT_MAX_DEPTH: Final = 32
DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024

_STR_TAG: Final = "tag:yaml.org,2002:str"
_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MAP_TAG: Final = "tag:yaml.org,2002:map"
_NULL_TAG: Final = "tag:yaml.org,2002:null"
_NULL_SPELLINGS: Final = frozenset({"", "~", "null"})
"""Plain scalars that mean "no value"; quoted or tagged, they stay text."""

_FAST_MAX_DEPTH: Final = 64
"""Deepest nesting the libyaml path composes; deeper documents take the pure-Python path,
whose recursion decides (with a large ``max_depth``) whether they are "nested too deeply"."""
_FAST_UNSURE_CHARACTERS: Final = re.compile(
    r"[^\n\r\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD"
    r"\U00010000-\U0010FFFF]|\r(?!\n)|[|>][-+0-9]*#"
)
"""Text the libyaml path leaves to the pure-Python one: any character PyYAML's reader
refuses (so that it reports it); tabs, which PyYAML refuses in more places than libyaml
does; and those on which the two might count lines or columns differently: NEL (U+0085),
LINE and PARAGRAPH SEPARATOR (U+2028, U+2029), a byte order mark (U+FEFF) and a CR not
followed by LF. Also a block scalar header with a comment straight after it (``|#``), which
libyaml takes and PyYAML refuses."""


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


class _StrictLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's front half with no type guessing and with our refusals built into composing.

    Checks happen while composing, node by node, so deep nesting is stopped before Python
    recursion gets anywhere near its limit.
    """

    def __init__(self, text: str, *, path: str, line_offset: int, max_depth: int) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.path = path
        self.line_offset = line_offset
        self.max_depth = max_depth
        self.depth = 0

    def next_event(self, *, consume: bool = False) -> Event:
        """The parser's next event, typed (PyYAML's stubs leave these methods untyped)."""
        method: Callable[[], Event] = self.get_event if consume else self.peek_event
        return method()

    def refuse(self, message: str, mark: Any) -> ReaderError:
        """An error located at ``mark`` in the original file (offset applied)."""
        return _error_at(self.path, message, mark, self.line_offset)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Plain ``~``, ``null`` and empty scalars are None; everything else stays as written."""
        if kind is SequenceNode:
            return _SEQ_TAG
        if kind is MappingNode:
            return _MAP_TAG
        if implicit[0] and value in _NULL_SPELLINGS:
            return _NULL_TAG
        return _STR_TAG

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Refuse aliases, anchors, foreign tags and deep nesting before composing a node."""
        event = self.next_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, NodeEvent) and event.anchor is not None
        ):
            raise self.refuse("anchors and aliases (& and *) are not allowed", event.start_mark)
        self._check_tag(event)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.max_depth:
            raise self.refuse(f"nested deeper than {self.max_depth} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _check_tag(self, event: Event) -> None:
        """Only the tags that name what the node already is (``!!str`` etc.) are harmless."""
        tag = getattr(event, "tag", None)
        if tag is None:
            return
        allowed = _STR_TAG if isinstance(event, ScalarEvent) else None
        if isinstance(event, CollectionStartEvent):
            allowed = _MAP_TAG if isinstance(event, MappingStartEvent) else _SEQ_TAG
        if tag != allowed:
            raise self.refuse("tags (!...) are not allowed", event.start_mark)

    def compose_single(self) -> Node | None:
        """The one document in the stream, or None for an empty stream."""
        self.next_event(consume=True)  # StreamStartEvent
        node = None
        if not self.check_event(StreamEndEvent):
            node = self.compose_document()
        if not self.check_event(StreamEndEvent):
            raise self.refuse("only one YAML document is allowed", self.next_event().start_mark)
        return node


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
    _check_size(text, path, max_bytes)
    if _CParser is not None:
        try:
            return _load_fast(text, line_offset, max_depth)
        except _Unsure:
            pass  # the pure-Python path decides, and words any error
    return _load_pure(text, path=path, line_offset=line_offset, max_depth=max_depth)


def _load_pure(text: str, *, path: str, line_offset: int, max_depth: int) -> YamlValue:
    """:func:`load_yaml` on PyYAML's pure-Python reader, scanner and parser."""
    try:  # the reader checks every character up front, in its constructor
        loader = _StrictLoader(text, path=path, line_offset=line_offset, max_depth=max_depth)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, line_offset) from None
    try:
        node = loader.compose_single()
        return None if node is None else _convert(node, loader)
    except ReaderError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, path, line_offset) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, line_offset) from None
    except Exception as exc:  # RecursionError, ValueError from \U escapes, or worse
        raise _unexpected_error(exc, loader) from None
    finally:
        loader.dispose()


class _Unsure(Exception):
    """The libyaml path met something it leaves to the pure-Python path."""


def _load_fast(text: str, line_offset: int, max_depth: int) -> YamlValue:
    """:func:`load_yaml` composed from libyaml's events, for documents that load cleanly.

    Raises :class:`_Unsure` instead of any error, and wherever the pure-Python path might
    see the text differently, so that every refusal and every error message comes from
    that one path. What it returns is what :func:`_load_pure` returns for the same text.
    """
    if _CParser is None or _FAST_UNSURE_CHARACTERS.search(text) is not None:
        raise _Unsure
    parser = _CParser(text)
    try:
        return _compose_events(parser.get_event, line_offset, min(max_depth, _FAST_MAX_DEPTH))
    except _Unsure:
        raise
    except Exception as exc:  # a syntax error, an unencodable character or worse
        raise _Unsure from exc
    finally:
        parser.dispose()


def _compose_events(
    next_event: Callable[[], Event | None], line_offset: int, max_depth: int
) -> YamlValue:
    """Build the one document of a stream of events, without recursion.

    Mirrors :class:`_StrictLoader` and :func:`_convert`: the same values and lines, and
    :class:`_Unsure` wherever they would refuse (an anchor, an alias, a tag other than the
    node's own, a key that is not text or is empty or repeated, too deep, more documents),
    and where libyaml reads what PyYAML refuses: a "?" in a plain scalar inside brackets or
    braces ("[why?]"), which ends such a scalar for PyYAML.
    """
    if type(next_event()) is not StreamStartEvent:
        raise _Unsure
    event = next_event()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent:
        raise _Unsure
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
            raise _Unsure
        line = event.start_mark.line + 1 + line_offset
        parent = stack[-1] if stack else None
        value: YamlValue
        if isinstance(event, ScalarEvent):
            if event.anchor is not None:
                raise _Unsure
            if event.tag is None:
                null = event.implicit[0] and event.value in _NULL_SPELLINGS
            elif event.tag == _STR_TAG:
                null = False
            else:
                raise _Unsure
            if flows and flows[-1] and not event.style and "?" in event.value:
                raise _Unsure
            if isinstance(parent, YamlMap) and keys[-1] is None:
                # A mapping key: text, not empty, and not already in this mapping.
                key = event.value
                if (null and key == "") or key in parent.lines:
                    raise _Unsure
                parent.lines[key] = line
                keys[-1] = key
                continue
            value = None if null else event.value
        elif isinstance(event, CollectionStartEvent):
            mapping = isinstance(event, MappingStartEvent)
            if (
                event.anchor is not None
                or event.tag not in (None, _MAP_TAG if mapping else _SEQ_TAG)
                or len(stack) >= max_depth
                or (isinstance(parent, YamlMap) and keys[-1] is None)  # a key
            ):
                raise _Unsure
            value = YamlMap(line) if mapping else YamlSeq(line)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
            keys.pop()
            flows.pop()
            if stack:
                continue
            break
        else:  # an alias, or anything unexpected
            raise _Unsure
        if parent is None:
            root = value
        elif isinstance(parent, YamlSeq):
            parent.append(value)
            parent.lines.append(line)
        else:
            pending = keys[-1]
            if pending is None:
                raise _Unsure
            parent[pending] = value
            keys[-1] = None
        if isinstance(value, YamlMap | YamlSeq):
            stack.append(value)
            keys.append(None)
            flows.append(bool(getattr(event, "flow_style", False)))
        elif parent is None:
            break  # a document that is one scalar
    if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
        raise _Unsure
    return root


def _check_size(text: str, path: str, max_bytes: int) -> None:
    """Refuse oversized input cheaply: only encode when the length alone cannot decide."""
    too_large = len(text) > max_bytes or (
        len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes
    )
    if too_large:
        raise ReaderError(path, f"too large (the limit is {max_bytes} bytes)")


def _convert(node: Node, loader: _StrictLoader) -> YamlValue:
    """Turn a checked node into plain values; depth is already bounded by composing."""
    if isinstance(node, ScalarNode):
        return None if node.tag == _NULL_TAG else str(node.value)
    if isinstance(node, SequenceNode):
        return _convert_sequence(node, loader)
    if isinstance(node, MappingNode):
        return _convert_mapping(node, loader)
    raise loader.refuse("unsupported YAML node", node.start_mark)


def _convert_sequence(node: SequenceNode, loader: _StrictLoader) -> YamlSeq:
    """A list of converted items, remembering each item's line."""
    result = YamlSeq(_line(node.start_mark, loader.line_offset))
    for item in node.value:
        result.append(_convert(item, loader))
        result.lines.append(_line(item.start_mark, loader.line_offset))
    return result


def _convert_mapping(node: MappingNode, loader: _StrictLoader) -> YamlMap:
    """A dict with text keys, refusing duplicates and naming where the first one was."""
    result = YamlMap(_line(node.start_mark, loader.line_offset))
    for key_node, value_node in node.value:
        key = _key(key_node, loader)
        line = _line(key_node.start_mark, loader.line_offset)
        if key in result.lines:
            message = f"duplicate key '{key}' (first at line {result.lines[key]})"
            raise loader.refuse(message, key_node.start_mark)
        result[key] = _convert(value_node, loader)
        result.lines[key] = line
    return result


def _key(node: Node, loader: _StrictLoader) -> str:
    """A mapping key must be written text; lists, mappings and empty keys are refused."""
    if not isinstance(node, ScalarNode):
        raise loader.refuse("mapping keys must be text, not a list or mapping", node.start_mark)
    if node.tag == _NULL_TAG and node.value == "":
        raise loader.refuse("a mapping key is empty", node.start_mark)
    return str(node.value)


def _line(mark: Mark | None, line_offset: int) -> int:
    """1-based line in the original file of a 0-based PyYAML mark."""
    return 0 if mark is None else mark.line + 1 + line_offset


def _error_at(path: str, message: str, mark: Any, line_offset: int) -> ReaderError:
    """A ReaderError at a PyYAML mark, or without a location when there is none."""
    if mark is None:
        return ReaderError(path, message)
    return ReaderError(path, message, line=mark.line + 1 + line_offset, column=mark.column + 1)


def _one_line(text: str) -> str:
    """PyYAML messages sometimes span lines; ours are one line each."""
    return " ".join(text.split())


def _marked_error(exc: yaml.MarkedYAMLError, path: str, line_offset: int) -> ReaderError:
    """A scanner/parser/composer error as "path:line:col: problem (context at line N)"."""
    message = _one_line(exc.problem or exc.context or "not valid YAML")
    if exc.problem and exc.context:
        where = ""
        if exc.context_mark is not None:
            where = f" at line {exc.context_mark.line + 1 + line_offset}"
        message += f" ({_one_line(exc.context)}{where})"
    return _error_at(path, message, exc.problem_mark or exc.context_mark, line_offset)


def _reader_error(
    exc: yaml.reader.ReaderError, text: str, path: str, line_offset: int
) -> ReaderError:
    """PyYAML refuses some characters outright; locate the first one by its position."""
    position = int(exc.position)
    line_start = text.rfind("\n", 0, position) + 1
    character = exc.character
    what = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return ReaderError(
        path,
        f"unacceptable character {what}: {_one_line(str(exc.reason))}",
        line=text.count("\n", 0, position) + 1 + line_offset,
        column=position - line_start + 1,
    )


def _unexpected_error(exc: Exception, loader: _StrictLoader) -> ReaderError:
    """Anything PyYAML did not anticipate, located where the scanner had got to."""
    if isinstance(exc, RecursionError):
        message = "nested too deeply"
    elif isinstance(exc, ValueError):
        message = "an escape sequence names no valid character"
    else:
        message = f"not valid YAML ({type(exc).__name__})"
    try:
        mark = loader.get_mark()
    except Exception:  # the reader itself may be what broke
        mark = None
    return loader.refuse(message, mark)
