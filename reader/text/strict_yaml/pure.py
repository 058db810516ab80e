"""The pure-Python engine: PyYAML's reader, scanner and parser, composed with our refusals.

It is the engine that decides: every refusal and every error message comes from here,
located in the original file. The libyaml engine only ever gives way to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from reader.text.errors import Problem, ReaderError
from reader.text.i18n import _
from reader.text.strict_yaml.errors import (
    error_at,
    line_in_file,
    marked_error,
    reader_error,
    unexpected_error,
)
from reader.text.strict_yaml.values import (
    MAP_TAG,
    NULL_SPELLINGS,
    NULL_TAG,
    SEQ_TAG,
    STR_TAG,
    YamlMap,
    YamlSeq,
    YamlValue,
)


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
        self.duplicates: list[Problem] = []
        """Every duplicate key met, reported together once the document is composed."""

    def next_event(self, *, consume: bool = False) -> Event:
        """The parser's next event, typed (PyYAML's stubs leave these methods untyped)."""
        method: Callable[[], Event] = self.get_event if consume else self.peek_event
        return method()

    def refuse(self, message: str, mark: Any) -> ReaderError:
        """An error located at ``mark`` in the original file (offset applied)."""
        return error_at(self.path, message, mark, self.line_offset)

    def scanner_mark(self) -> Any:
        """Where the scanner has got to, or None if the reader itself is what broke."""
        try:
            return self.get_mark()
        except Exception:
            return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Plain ``~``, ``null`` and empty scalars are None; everything else stays as written."""
        if kind is SequenceNode:
            return SEQ_TAG
        if kind is MappingNode:
            return MAP_TAG
        if implicit[0] and value in NULL_SPELLINGS:
            return NULL_TAG
        return STR_TAG

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Refuse aliases, anchors, foreign tags and deep nesting before composing a node."""
        event = self.next_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, NodeEvent) and event.anchor is not None
        ):
            raise self.refuse(_("anchors and aliases (& and *) are not allowed"), event.start_mark)
        self._check_tag(event)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.max_depth:
            message = _("nested deeper than {depth} levels").format(depth=self.max_depth)
            raise self.refuse(message, event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _check_tag(self, event: Event) -> None:
        """Only the tags that name what the node already is (``!!str`` etc.) are harmless."""
        tag = getattr(event, "tag", None)
        if tag is None:
            return
        allowed = STR_TAG if isinstance(event, ScalarEvent) else None
        if isinstance(event, CollectionStartEvent):
            allowed = MAP_TAG if isinstance(event, MappingStartEvent) else SEQ_TAG
        if tag != allowed:
            raise self.refuse(_("tags (!...) are not allowed"), event.start_mark)

    def compose_single(self) -> Node | None:
        """The one document in the stream, or None for an empty stream."""
        self.next_event(consume=True)  # StreamStartEvent
        node = None
        if not self.check_event(StreamEndEvent):
            node = self.compose_document()
        if not self.check_event(StreamEndEvent):
            message = _("only one YAML document is allowed")
            raise self.refuse(message, self.next_event().start_mark)
        return node


def load_pure(text: str, *, path: str, line_offset: int, max_depth: int) -> YamlValue:
    """:func:`~reader.text.strict_yaml.load_yaml` on PyYAML's pure-Python reader, scanner
    and parser. Raises :class:`ReaderError` for anything refused, and only that."""
    try:  # the reader checks every character up front, in its constructor
        loader = _StrictLoader(text, path=path, line_offset=line_offset, max_depth=max_depth)
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, text, path, line_offset) from None
    try:
        node = loader.compose_single()
        value = None if node is None else _convert(node, loader)
        if loader.duplicates:
            raise ReaderError.of(loader.duplicates)
        return value
    except ReaderError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise marked_error(exc, path, line_offset) from None
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, text, path, line_offset) from None
    except Exception as exc:  # RecursionError, ValueError from \U escapes, or worse
        raise unexpected_error(exc, path, loader.scanner_mark(), line_offset) from None
    finally:
        loader.dispose()


def _convert(node: Node, loader: _StrictLoader) -> YamlValue:
    """Turn a checked node into plain values; depth is already bounded by composing."""
    if isinstance(node, ScalarNode):
        return None if node.tag == NULL_TAG else str(node.value)
    if isinstance(node, SequenceNode):
        return _convert_sequence(node, loader)
    if isinstance(node, MappingNode):
        return _convert_mapping(node, loader)
    raise loader.refuse(_("unsupported YAML node"), node.start_mark)


def _convert_sequence(node: SequenceNode, loader: _StrictLoader) -> YamlSeq:
    """A list of converted items, remembering each item's line."""
    result = YamlSeq(line_in_file(node.start_mark, loader.line_offset))
    for item in node.value:
        result.append(_convert(item, loader))
        result.lines.append(line_in_file(item.start_mark, loader.line_offset))
    return result


def _convert_mapping(node: MappingNode, loader: _StrictLoader) -> YamlMap:
    """A dict with text keys, noting each duplicate (to refuse them all in one error) and
    where the first one was."""
    result = YamlMap(line_in_file(node.start_mark, loader.line_offset))
    for key_node, value_node in node.value:
        key = _key(key_node, loader)
        line = line_in_file(key_node.start_mark, loader.line_offset)
        value = _convert(value_node, loader)
        if key in result.lines:
            message = _("duplicate key '{key}' (first at line {line})").format(
                key=key, line=result.lines[key]
            )
            loader.duplicates.append(loader.refuse(message, key_node.start_mark).problem)
            continue
        result[key] = value
        result.lines[key] = line
    return result


def _key(node: Node, loader: _StrictLoader) -> str:
    """A mapping key must be written text; lists, mappings and empty keys are refused."""
    if not isinstance(node, ScalarNode):
        message = _("mapping keys must be text, not a list or mapping")
        raise loader.refuse(message, node.start_mark)
    if node.tag == NULL_TAG and node.value == "":
        raise loader.refuse(_("a mapping key is empty"), node.start_mark)
    return str(node.value)
