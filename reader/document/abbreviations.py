"""Article-local glossary entries: abbreviation lines and a "Glossário" definition list.

An abbreviation line (``*[URSS]: União das Repúblicas Socialistas Soviéticas``), as in PHP
Markdown Extra and ``markdown-it-abbr``, defines an abbreviation and is not part of the
text. The block rule of :func:`abbr_plugin` only collects them: each is stored in
``state.env["abbreviations"]`` (label, title, 1-based source line) and leaves an empty
``abbr_def`` token behind (rendered as nothing), whose only use is its source map (so the
parser knows those lines were consumed).

A definition list under a heading named Glossary (Glossário, Glosario, Glossaire,
Glossar; case and accents ignored) defines one entry per term. :func:`local_terms` turns
both into :class:`~reader.document.model.LocalTerm` entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.utils import is_code_block

from reader.document.model import Block, BlockKind, ContainerKind, LocalTerm
from reader.text.fold import fold
from reader.text.sanitize import visible_line

ENV_KEY = "abbreviations"
"""Where the definitions are collected in the parser's ``env``."""

_LABELS_KEY = "abbreviation labels"
"""The labels defined so far, in the same ``env``: the first definition of each wins."""

TOKEN_TYPE = "abbr_def"
"""The hidden token each definition leaves in the token stream."""


class Abbreviation(NamedTuple):
    """One ``*[label]: title`` line, as written (not yet sanitised)."""

    label: str
    title: str
    line: int
    """1-based line in the parsed source (front matter included)."""


def abbr_plugin(md: MarkdownIt) -> None:
    """Consume abbreviation definition lines at block level, hiding them from the text.

    Like footnote definitions, a definition may interrupt a paragraph. The first
    definition of a label wins.
    """
    md.block.ruler.before("reference", "abbr_def", _abbr_def, {"alt": ["paragraph", "reference"]})
    md.add_render_rule(TOKEN_TYPE, lambda *args, **kwargs: "")


def abbreviations(env: object) -> list[Abbreviation]:
    """The definitions collected in a parser ``env`` after a parse, in source order."""
    if not isinstance(env, dict):
        return []
    found = env.get(ENV_KEY)
    return list(found) if isinstance(found, list) else []


def _abbr_def(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if is_code_block(state, start_line):
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    src = state.src
    if pos + 3 >= maximum or src[pos] != "*" or src[pos + 1] != "[":
        return False
    pos += 2
    label_start = pos
    label_end = -1
    while pos < maximum:
        char = src[pos]
        if char == "[":
            return False
        if char == "]":
            label_end = pos
            break
        if char == "\\":
            pos += 1
        pos += 1
    if label_end < 0 or label_end + 1 >= maximum or src[label_end + 1] != ":":
        return False
    label = _unescape(src[label_start:label_end]).strip()
    title = src[label_end + 2 : maximum].strip()
    if not label or not title:
        return False
    if silent:
        return True
    collected = state.env.setdefault(ENV_KEY, [])
    labels = state.env.setdefault(_LABELS_KEY, set())  # 100,000 lines: no scan of each
    if label not in labels:
        labels.add(label)
        collected.append(Abbreviation(label, title, start_line + 1))
    token = state.push(TOKEN_TYPE, "", 0)
    token.map = [start_line, start_line + 1]
    token.meta = {"label": label, "title": title}
    state.line = start_line + 1
    return True


def _unescape(text: str) -> str:
    result: list[str] = []
    escaped = False
    for char in text:
        if escaped or char != "\\":
            result.append(char)
            escaped = False
        else:
            escaped = True
    return "".join(result)


GLOSSARY_HEADINGS = frozenset({"glossary", "glossario", "glosario", "glossaire", "glossar"})
"""Folded heading texts whose definition lists are the text's own glossary."""

_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def is_glossary_heading(text: str) -> bool:
    """Whether a heading's text names a glossary section ("Glossário", "GLOSSARY:")."""
    return fold(text).strip(" \t\n:.").strip() in GLOSSARY_HEADINGS


def first_sentence(text: str) -> str:
    """The first line of ``text``, cut after its first sentence."""
    line = text.strip().split("\n", 1)[0].strip()
    end = _SENTENCE_END.search(line)
    return line[: end.end()] if end else line


def local_terms(blocks: Sequence[Block], env: object) -> tuple[LocalTerm, ...]:
    """The entries a parsed text defines itself, in source order: its abbreviation lines
    (from the parser ``env``) and the definition lists under glossary headings."""
    found = [
        LocalTerm(
            term=_form(visible_line(item.label)),
            short=visible_line(item.title),
            definition=visible_line(item.title),
            line=item.line,
            case_sensitive=True,
        )
        for item in abbreviations(env)
    ]
    found.extend(_deflist_terms(blocks))
    found = [item for item in found if item.term and item.short]
    found.sort(key=lambda item: item.line)
    return tuple(found)


def _form(text: str) -> str:
    return " ".join(text.split())


def _deflist_terms(blocks: Sequence[Block]) -> list[LocalTerm]:
    result: list[LocalTerm] = []
    section_level = 0
    """Level of the glossary heading we are under; 0 when not in a glossary section."""
    term: Block | None = None
    definitions: list[str] = []

    def flush() -> None:
        nonlocal term
        if term is not None and definitions:
            definition = "\n\n".join(definitions)
            result.append(
                LocalTerm(_form(term.text), first_sentence(definition), definition, term.lines[0])
            )
        term = None
        definitions.clear()

    for block in blocks:
        if block.kind is BlockKind.HEADING:
            flush()
            if section_level and block.level <= section_level:
                section_level = 0
            if not section_level and is_glossary_heading(block.text):
                section_level = block.level
        elif not section_level:
            continue
        elif block.kind is BlockKind.TERM:
            flush()
            term = block
        elif term is not None and any(
            container.kind is ContainerKind.DEFINITION for container in block.containers
        ):
            if block.text.strip():
                definitions.append(block.text.strip())
        else:
            flush()
    flush()
    return result
