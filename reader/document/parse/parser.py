"""The markdown-it parser we use: CommonMark and the extensions the README promises."""

from __future__ import annotations

from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.abbreviations import abbr_plugin
from reader.document.model import Span
from reader.document.parse.depth import MAX_NESTING, too_deep_plugin

__all__ = [
    "CHECKPOINT",
    "FLATTEN_INLINE",
    "FOOTNOTES_AGAIN",
    "MAX_NESTING",
    "PARSER",
    "inline_of",
    "make_parser",
]

FOOTNOTES_AGAIN: Final = "footnotes_again"
"""Where a parse leaves, in its ``env``, each footnote defined again: (label, 1-based
line of the definition kept, line of the one before it, dropped)."""

FLATTEN_INLINE: Final = "flatten_inline"
"""Set in a parse's ``env`` to have each ``inline`` token's children turned into the
model's text and spans as soon as they are parsed (:func:`_inline_flattened`)."""

CHECKPOINT: Final = "checkpoint"
"""Set in a parse's ``env`` to a callable of no arguments, called between every
:data:`CHECKPOINT_EVERY` inline tokens: where a load in a thread can give way (to the UI
waiting for the GIL) in the middle of a long parse."""

CHECKPOINT_EVERY: Final = 200
"""About 15 ms of inline parsing on this machine, between two checkpoints."""

BLOCK_CHECKPOINT_EVERY: Final = 500
"""Block starts and lines looked at between two checkpoints of the block parse (100,000
list items took 1.8 s of block parsing with none, a table of 15,000 rows 0.3 s in one
call of markdown-it's table rule; some 10–15 ms between two)."""

_TERMINATOR_CHAINS: Final = ["paragraph", "reference", "blockquote", "list"]
"""The rule chains markdown-it asks, line after line, whether a paragraph, table, list or
quote ends there: the checkpoint rule is in them too, so a block of thousands of lines
(a table's rows) gives way as it is read."""

_BLOCKS_TRIED: Final = "rodape_blocks_tried"
"""Where a parse with a checkpoint counts, in its ``env``, the block starts and lines it
looked at."""

_FLAT: Final = "rodape_inline"
"""Where a flattened ``inline`` token keeps its text and spans, in its ``meta``."""


def make_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes, definition lists, front matter
    and abbreviation lines (collected as local glossary entries, hidden from the text);
    what is nested too deep is flattened (:mod:`reader.document.parse.depth`)."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).use(abbr_plugin)
    md.use(too_deep_plugin)
    first_block_rule = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(
        first_block_rule, "checkpoint", _block_checkpoint, {"alt": _TERMINATOR_CHAINS}
    )
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline_flattened)
    md.core.ruler.before("footnote_tail", "keep_unreferenced_footnotes", _keep_unreferenced)
    md.core.ruler.before("footnote_tail", "find_footnotes_again", _find_footnotes_again)
    return md


def _normalize(state: StateCore) -> None:
    """markdown-it's own first rule, line ends to LF and NUL to U+FFFD, done by looking
    first: its regex substitution rewrote every line end of the text in one C call (a
    quarter of a second over 100,000 list items, holding the GIL while the UI waited),
    though the reader's texts come with LF line ends already."""
    source = state.src
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    state.src = source


def _block_checkpoint(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Tried first at every block start, and at every line where a paragraph, a table, a
    list or a quote might end (:data:`_TERMINATOR_CHAINS`): matches nothing, and calls
    the parse's :data:`CHECKPOINT` every :data:`BLOCK_CHECKPOINT_EVERY` times. The block
    parse is one call into markdown-it over the whole text, a table one call of its
    table rule: without this they would give no point to give way at until their end."""
    env = state.env
    checkpoint = env.get(CHECKPOINT)
    if checkpoint is not None:
        tried = env.get(_BLOCKS_TRIED, 0) + 1
        env[_BLOCKS_TRIED] = tried
        if tried % BLOCK_CHECKPOINT_EVERY == 0:
            checkpoint()
    return False


def _inline_flattened(state: StateCore) -> None:
    """markdown-it's ``inline`` rule, and, when the parse asks for it
    (:data:`FLATTEN_INLINE`), each token's children turned at once into the text and spans
    the model keeps, the children and the token's source text dropped.

    The children are the bulk of a token stream: a 5 MB book's were most of the 46 MB the
    parse held at its peak (30 MB now), though the document it becomes is 12 MB. Flattened one
    token at a time, they never exist all at once. The result is the same as flattening
    them after the whole parse: the rules after this one (footnotes, ``text_join``) look
    at block tokens and ``env`` only, but ``text_join``, which is applied here first,
    as it would be later, to the token's children and an image's (it leaves a flattened
    token, with no children, alone). Inline footnotes' children, parsed into ``env``,
    come to the walk unflattened, as before.
    """
    flatten = bool(state.env.get(FLATTEN_INLINE))
    parse = state.md.inline.parse
    checkpoint = state.env.get(CHECKPOINT)
    count = 0
    if flatten:
        from reader.document.parse.inline import inline_content
    for token in state.tokens:
        if token.type != "inline":
            continue
        children: list[Token] = [] if token.children is None else token.children
        parse(token.content, state.md, state.env, children)
        count += 1
        if checkpoint is not None and count % CHECKPOINT_EVERY == 0:
            checkpoint()
        if not flatten:
            token.children = children
            continue
        for child in children:
            if child.children:
                child.children = _join_text_tokens(child.children)
        token.meta[_FLAT] = inline_content(_join_text_tokens(children))
        token.children = []
        token.content = ""  # its source text, now in the flat text: nothing reads it again


def inline_of(token: Token) -> tuple[str, tuple[Span, ...]]:
    """The text and spans of an ``inline`` token: as flattened by the parse, or from its
    children."""
    flat = token.meta.get(_FLAT) if token.meta else None
    if flat is not None:
        return flat  # type: ignore[no-any-return]
    from reader.document.parse.inline import inline_content

    return inline_content(token.children)


def _keep_unreferenced(state: StateCore) -> None:
    """The footnote plugin drops definitions nothing refers to; list them last instead."""
    footnotes = state.env.get("footnotes")
    if not footnotes:
        return
    listed = footnotes.setdefault("list", {})
    refs = footnotes.get("refs", {})
    for key, number in refs.items():
        if number < 0:
            refs[key] = len(listed)
            listed[len(listed)] = {"label": key[1:], "count": 0}


def _find_footnotes_again(state: StateCore) -> None:
    """Record each footnote defined a second time: the plugin keeps the last definition
    of a label and drops the one before without a word."""
    if not state.env.get("footnotes"):
        return
    first_lines: dict[str, int] = {}
    again: list[tuple[str, int, int]] = []
    for token in state.tokens:
        if token.type != "footnote_reference_open":
            continue
        label = str(token.meta["label"])
        line = (token.map or [0])[0] + 1
        if label in first_lines:
            again.append((label, line, first_lines[label]))
        first_lines[label] = line
    if again:
        state.env[FOOTNOTES_AGAIN] = again


PARSER = make_parser()
"""The one parser every document is parsed with (markdown-it parsers are reusable)."""
