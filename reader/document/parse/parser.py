"""The markdown-it parser we use: CommonMark and the extensions the README promises."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.abbreviations import abbr_plugin
from reader.document.parse.depth import MAX_NESTING, too_deep_plugin

__all__ = ["MAX_NESTING", "PARSER", "make_parser"]


def make_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes, definition lists, front matter
    and abbreviation lines (collected as local glossary entries, hidden from the text);
    what is nested too deep is flattened (:mod:`reader.document.parse.depth`)."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).use(abbr_plugin)
    md.use(too_deep_plugin)
    md.core.ruler.before("footnote_tail", "keep_unreferenced_footnotes", _keep_unreferenced)
    return md


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


PARSER = make_parser()
"""The one parser every document is parsed with (markdown-it parsers are reusable)."""
