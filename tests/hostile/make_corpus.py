"""Write the hostile corpus: texts, glossaries and paths a reader must survive.

Nothing here is committed as a file: raw escape bytes do not belong in git, FIFOs and
symlink loops cannot live there, and the big files are megabytes. Tests build the corpus
once per session (``tests/hostile/conftest.py``) in a temporary folder; to look at it::

    python tests/hostile/make_corpus.py /tmp/hostile          # small files
    python tests/hostile/make_corpus.py /tmp/hostile --big    # and the big ones

Every small file has a name (its key in :data:`SMALL`) and is described where it is
made. The strings that make a file hostile are module constants, so tests can check that
none of them comes out of the reader raw.
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

# --- what makes a text hostile -------------------------------------------------------------

ESCAPES: Final[dict[str, str]] = {
    "csi": "\x1b[31m\x1b[2J\x1b[H",  # colour, clear screen, cursor home
    "osc52": "\x1b]52;c;SE9TVElMRQ==\x07",  # write "HOSTILE" to the clipboard
    "osc8": "\x1b]8;;https://evil.example/\x1b\\OSC8LINK\x1b]8;;\x1b\\",  # a hyperlink
    "osc0": "\x1b]0;PWNED-TITLE\x07",  # set the window title
    "ris": "\x1bc",  # reset the terminal
    "dcs": "\x1bP+q544e\x1b\\",  # device control string (XTGETTCAP)
    "apc": "\x1b_Gf=24;AAAA\x1b\\",  # application program command (kitty graphics)
    "pm": "\x1b^privacy\x1b\\",  # privacy message
    "sos": "\x1bXstart\x1b\\",  # start of string
    "c1": "\x9b31m\x9d0;C1-TITLE\x9c\x90q\x9c\x85\x84",  # 8-bit CSI, OSC, ST, DCS, NEL, IND
    "bidi": "\u202egnp.exe\u202c\u2066x\u2069",  # "Trojan Source" reordering
    "tag": "\U000e0041\U000e007f",  # invisible TAG characters
    "c0": "\x07\x08\x7f\x0b\x0c\x1a",  # BEL, BS, DEL, VT, FF, SUB
}
"""Sequences a terminal obeys, by kind; each must reach the screen as visible symbols."""

HOSTILE: Final = "".join(ESCAPES.values())
"""All of :data:`ESCAPES` in one string, as it is put into a text."""

MARKUP: Final = (
    "[@click=app.pwned]CLICKME[/] [@click=app.quit]QUIT[/] [b]BOLD[/b] "
    "[link=https://evil.example/]MARKUPLINK[/link] [red on white]RED[/]"
)
"""Textual/Rich markup; shown literally, it must never style anything or run an action."""

ENTITIES: Final = "&#8238; &#x202E; &#x1b; &#27; &#x9b; &#155; &#0; &#xE0041; &#xD800;"
"""Character references for controls: decoded by the parser, so they must be sanitised
after decoding (``&#8238;`` is a raw RLO once decoded)."""

CONTROL_NAME: Final = "evil\x1b]0;NAME-TITLE\x07\nname"
"""A file name stem with an escape sequence and a line break in it."""

WORD: Final = "Zanzibar"
"""A word every escape-laden text contains, to know when it is on screen."""


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, controls written as YAML escapes (PyYAML
    refuses raw control characters in a file, but decodes ``\\e``, ``\\x9b``...)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif 0x2000 <= code <= 0xFFFF and not char.isprintable():
            out.append(f"\\u{code:04x}")
        elif code > 0xFFFF and not char.isprintable():
            out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# --- the small files ----------------------------------------------------------------------

Maker = Callable[[Path], Path]
SMALL: dict[str, Maker] = {}
"""Name → function writing that file (or folder, FIFO, link...) under a root folder."""


def small(name: str) -> Callable[[Maker], Maker]:
    def register(maker: Maker) -> Maker:
        SMALL[name] = maker
        return maker

    return register


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


# Escapes and markup in every place of a text.


@small("esc-body")
def _esc_body(root: Path) -> Path:
    return _write(root / "esc-body.md", f"{WORD} {HOSTILE} fim.\n\nSegundo {HOSTILE}.\n")


@small("esc-heading")
def _esc_heading(root: Path) -> Path:
    text = f"# {WORD} {HOSTILE}\n\nTexto.\n\nSetext {HOSTILE}\n---\n\nMais.\n"
    return _write(root / "esc-heading.md", text)


@small("esc-code")
def _esc_code(root: Path) -> Path:
    text = (
        f"{WORD} `inline {HOSTILE}` fim.\n\n"
        f"```py{HOSTILE}\nfenced {HOSTILE}\n\tindented by a tab {HOSTILE}\n```\n\n"
        f"    indented code {HOSTILE}\n"
    )
    return _write(root / "esc-code.md", text)


@small("esc-table")
def _esc_table(root: Path) -> Path:
    cell = HOSTILE.replace("|", "\\|")
    text = (
        f"{WORD}\n\n| a {cell} | b |\n|---|:-:|\n| c {cell} | [l {cell}](https://example.org/t) |\n"
    )
    return _write(root / "esc-table.md", text)


@small("esc-link-text")
def _esc_link_text(root: Path) -> Path:
    text = (
        f"{WORD} [texto {HOSTILE} fim](https://example.org/a) e "
        f"![imagem {HOSTILE}](https://example.org/i.png).\n"
    )
    return _write(root / "esc-link-text.md", text)


@small("esc-link-url")
def _esc_link_url(root: Path) -> Path:
    """ESC in link destinations: in angle brackets (allowed by CommonMark), in a reference
    definition, in a would-be autolink, and already percent-encoded."""
    text = (
        f"{WORD} [um](<https://example.org/{ESCAPES['osc52']}>), "
        f"[dois][ref], <https://example.org/{ESCAPES['osc0']}>, "
        "[tres](https://example.org/%1B]0;T%07) e [quatro](<https://example.org/\u202egnp.exe>)."
        f"\n\n[ref]: <https://example.org/{ESCAPES['osc8']}>\n"
    )
    return _write(root / "esc-link-url.md", text)


@small("esc-front-matter")
def _esc_front_matter(root: Path) -> Path:
    """Every front matter field with escapes written as YAML escapes (decoded by YAML)."""
    value = yaml_quoted(f"{WORD} {HOSTILE}")
    text = (
        f"---\ntitle: {value}\nauthor: {value}\nsource: {value}\ncontext: {value}\n---\n\nTexto.\n"
    )
    return _write(root / "esc-front-matter.md", text)


@small("esc-front-matter-raw")
def _esc_front_matter_raw(root: Path) -> Path:
    """A raw ESC byte in front matter: YAML itself refuses it (line 3, column 15)."""
    return _write(
        root / "esc-front-matter-raw.md",
        "---\nlanguage: pt\ntitle: Titulo \x1b]0;T\x07\n---\n\nx\n",
    )


@small("esc-footnote")
def _esc_footnote(root: Path) -> Path:
    text = (
        f"{WORD} com nota[^n] e nota inline^[inline {HOSTILE}].\n\n"
        f"[^n]: Nota {HOSTILE}\n\n    segundo paragrafo {HOSTILE}\n"
    )
    return _write(root / "esc-footnote.md", text)


@small("esc-glossary")
def _esc_glossary(root: Path) -> Path:
    """A glossary whose title, short, definition, see also and sources carry escapes, and
    a text that uses it (the term appears in the text). A term or alias with a control
    character is an error (``gl-entry-errors``)."""
    bad = yaml_quoted(f"mal {HOSTILE}")
    glossary = (
        "title: " + yaml_quoted(f"Glossario {HOSTILE}") + "\nlanguage: pt\nterms:\n"
        "  - term: Kremlin\n"
        "    aliases: [Kreml]\n"
        f"    short: {bad}\n"
        f"    definition: {yaml_quoted(f'Definição *{HOSTILE}* e [l](<https://x.example/{HOSTILE}>)')}\n"
        f"    see_also: [{bad}]\n"
        f"    sources: [{bad}]\n"
        "  - term: Volga\n"
        f"    short: {bad}\n"
    )
    _write(root / "glossary" / "hostil.yaml", glossary)
    text = (
        "---\ntitle: Glossario hostil\nlanguage: pt\nglossary: [hostil]\n---\n\n"
        f"{WORD} e o Kremlin{ESCAPES['bidi']} e o Volga.\n"
    )
    return _write(root / "esc-glossary.md", text)


@small("esc-glossary-raw")
def _esc_glossary_raw(root: Path) -> Path:
    """A glossary with a raw ESC byte: refused by YAML with line and column."""
    text = "title: G\nlanguage: pt\nterms:\n  - term: Volga\n    short: rio \x1b[31m\n"
    return _write(root / "glossary" / "raw-esc.yaml", text)


@small("entities")
def _entities(root: Path) -> Path:
    """Character references for controls in body, heading, link text, link URL and cell."""
    text = (
        f"# Titulo {ENTITIES}\n\n{WORD} {ENTITIES}\n\n"
        f"[link {ENTITIES}](https://example.org/&#x1b;]0;T&#7;)\n\n"
        f"| a {ENTITIES} |\n|---|\n| b |\n"
    )
    return _write(root / "entities.md", text)


@small("markup")
def _markup(root: Path) -> Path:
    """Textual markup in every place: front matter, heading, body, code, cell, link text
    and URL, footnote, glossary term/short/definition, a file name."""
    quoted = yaml_quoted(MARKUP)
    glossary = (
        f"title: {quoted}\nlanguage: pt\nterms:\n"
        "  - term: '[@click=app.pwned]Kremlin[/]'\n"
        "    aliases: [Kremlin]\n"
        f"    short: {quoted}\n"
        f"    definition: {quoted}\n"
        f"    see_also: [Volga]\n"
        f"    sources: [{quoted}]\n"
        f"  - term: Volga\n    short: {quoted}\n"
    )
    _write(root / "glossary" / "markup.yaml", glossary)
    text = (
        f"---\ntitle: {quoted}\nauthor: {quoted}\nlanguage: pt\nsource: {quoted}\n"
        f"context: {quoted}\nglossary: [markup]\n---\n\n"
        f"# {WORD} {MARKUP}\n\n{MARKUP} o Kremlin e o Volga[^m].\n\n"
        f"`{MARKUP}`\n\n| {MARKUP} |\n|---|\n| {MARKUP} |\n\n"
        f"[{MARKUP}](https://example.org/[@click=app.pwned]x[/])\n\n"
        "## [@click=app.pwned]Secao[/]\n\nTexto.\n\n"
        f"[^m]: {MARKUP}\n"
    )
    return _write(root / "markup.md", text)


@small("markup-broken")
def _markup_broken(root: Path) -> Path:
    """Headings that are not even valid markup (Textual raises MarkupError on them)."""
    text = "# [/] Quebrado\n\nTexto.\n\n## [link=https://evil.example/]Ligado[/link]\n\nMais.\n"
    return _write(root / "markup-broken.md", text)


@small("markup-name")
def _markup_name(root: Path) -> Path:
    return _write(root / "[@click=app.pwned]name.md", f"{WORD}\n")


@small("everything")
def _everything(root: Path) -> Path:
    """All of the above in one text with its glossary: for the app in a pseudo-terminal."""
    _esc_glossary(root)
    cell = HOSTILE.replace("|", "\\|")
    text = (
        "---\ntitle: " + yaml_quoted(f"Tudo {HOSTILE}") + "\nlanguage: pt\n"
        "glossary: [hostil]\n---\n\n"
        f"# {WORD} {HOSTILE}\n\n"
        f"{WORD} {HOSTILE} o Kremlin e o Volga[^n] {MARKUP} {ENTITIES}.\n\n"
        f"[link {HOSTILE}](<https://example.org/{HOSTILE}>) "
        "[web](https://example.org/ok) [mail](mailto:a@example.org)\n\n"
        f"`{HOSTILE}`\n\n```\n{HOSTILE}\n```\n\n| {cell} |\n|---|\n| {cell} |\n\n"
        f"[^n]: Nota {HOSTILE}\n"
    )
    return _write(root / "everything.md", text)


@small("clean")
def _clean(root: Path) -> Path:
    """The same shape with nothing hostile: what the reader normally writes."""
    _write(
        root / "glossary" / "limpo.yaml",
        "title: Limpo\nlanguage: pt\nterms:\n  - term: Kremlin\n    short: Uma fortaleza.\n"
        "  - term: Volga\n    short: Um rio.\n",
    )
    text = (
        "---\ntitle: Tudo limpo\nlanguage: pt\nglossary: [limpo]\n---\n\n"
        f"# {WORD} limpo\n\n{WORD} o Kremlin e o Volga[^n], ação e coração.\n\n"
        "[web](https://example.org/ok) [mail](mailto:a@example.org)\n\n"
        "`code`\n\n```\nbloco\n```\n\n| a |\n|---|\n| b |\n\n[^n]: Nota.\n"
    )
    return _write(root / "clean.md", text)


# Nesting beyond the parser's limit.


@small("nest-list-10")
def _nest_list_10(root: Path) -> Path:
    """10 nested list markers on line 1: markdown-it's stock limit (20) drops everything."""
    return _write(root / "nest-list-10.md", "- " * 10 + "item fundo\n\ndepois\n")


@small("nest-list-30")
def _nest_list_30(root: Path) -> Path:
    """30 nested list markers (60 levels): beyond the reader's limit too."""
    return _write(root / "nest-list-30.md", "- " * 30 + "item fundo\n\ndepois\n")


@small("nest-quote-100")
def _nest_quote_100(root: Path) -> Path:
    text = "antes\n\n" + ">" * 100 + " citacao funda\n\ndepois\n"
    return _write(root / "nest-quote-100.md", text)


@small("nest-mixed")
def _nest_mixed(root: Path) -> Path:
    text = "> - " * 40 + "misto fundo\n\n# Depois\n\ndepois\n"
    return _write(root / "nest-mixed.md", text)


OUTLINE_DEPTH: Final = 30
"""Levels of the realistic outline: beyond the parser's limit and the depth shown."""


def outline_word(level: int) -> str:
    """The word that names a level of the outline (cut as "O" / "UTLINE-29" once)."""
    return f"OUTLINE-{level}"


@small("nest-outline-30")
def _nest_outline_30(root: Path) -> Path:
    """A 30-level outline as people write one (two spaces a level, a few words an item),
    then a heading and a paragraph that must stay a heading and a paragraph."""
    items = "".join(
        "  " * level + f"- {outline_word(level)} ponto com algumas palavras\n"
        for level in range(OUTLINE_DEPTH)
    )
    return _write(root / "nest-outline-30.md", f"# Plano\n\n{items}\n## Depois\n\nFim do plano.\n")


# Texts that lose or hide text: front matter in error or never closed, nothing to read,
# a footnote defined twice.

BODY: Final = "Texto visível."
"""The body of every front-matter case: it must be shown whatever the front matter is."""

SMALL["fm-list"] = lambda root: _write(root / "fm-list.md", f"---\n- a\n- b\n---\n\n{BODY}\n")
SMALL["fm-bad-yaml"] = lambda root: _write(
    root / "fm-bad-yaml.md", f"---\nlanguage: pt\ntitle: a: b\n---\n\n{BODY}\n"
)
SMALL["fm-non-text"] = lambda root: _write(
    root / "fm-non-text.md", f"---\ntitle: Certo\nauthor: {{a: b}}\n---\n\n{BODY}\n"
)
SMALL["fm-unclosed"] = lambda root: _write(
    root / "fm-unclosed.md", f"---\ntitle: Esquecido\n\n{BODY}\n"
)
SMALL["fm-below-line-1"] = lambda root: _write(
    root / "fm-below-line-1.md", f"\n\n---\ntitle: Tarde\n---\n\n{BODY}\n"
)
SMALL["empty"] = lambda root: _write(root / "empty.md", "")
SMALL["blank"] = lambda root: _write(root / "blank.md", " \n\n\t\n")
SMALL["only-front-matter"] = lambda root: _write(
    root / "only-front-matter.md", "---\ntitle: Só isto\n---\n"
)
SMALL["empty-txt"] = lambda root: _write(root / "empty-txt.txt", "\n\n")
SMALL["footnote-twice"] = lambda root: _write(
    root / "footnote-twice.md",
    f"{WORD} com nota[^n].\n\n[^n]: Primeira nota.\n\nMeio.\n\n[^n]: Segunda nota.\n",
)


# YAML traps, in front matter (errors counted in file lines) and in glossaries.

FM_PAD: Final = "# a comment\nlanguage: pt\n"
"""Two lines before the trap so a wrong front-matter offset shows in the line number."""


def _fm(name: str, body: str) -> Maker:
    def make(root: Path) -> Path:
        return _write(root / f"{name}.md", f"---\n{FM_PAD}{body}---\n\nTexto.\n")

    return make


SMALL["yaml-fm-scalars"] = _fm(
    "yaml-fm-scalars", "title: no\nauthor: yes\ndate: 1943\nsource: 0x1F\n"
)
SMALL["yaml-fm-duplicate"] = _fm("yaml-fm-duplicate", "title: A\ntitle: B\n")
SMALL["yaml-fm-anchor"] = _fm("yaml-fm-anchor", "title: &t T\nauthor: *t\n")
SMALL["yaml-fm-tag"] = _fm("yaml-fm-tag", "title: !!python/object/apply:os.system [echo]\n")
SMALL["yaml-fm-int-tag"] = _fm("yaml-fm-int-tag", "title: !!int 3\n")
SMALL["yaml-fm-bad-date"] = _fm("yaml-fm-bad-date", "date: 2001-02-30\n")
SMALL["yaml-fm-deep"] = _fm("yaml-fm-deep", "title: " + "[" * 200 + "]" * 200 + "\n")
SMALL["yaml-fm-deep-block"] = _fm(
    "yaml-fm-deep-block",
    "context:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 60)) + "\n",
)


def _gl(name: str, body: str) -> Maker:
    def make(root: Path) -> Path:
        return _write(root / "glossary" / f"{name}.yaml", f"title: G\nlanguage: pt\nterms:\n{body}")

    return make


SMALL["yaml-gl-scalars"] = _gl(
    "yaml-gl-scalars",
    "  - term: no\n    short: 1943\n    aliases: [yes, off, 0x1F, 1e3, 2001-02-30]\n"
    "    sources: [null-island, ~x]\n",
)
SMALL["yaml-gl-duplicate"] = _gl(
    "yaml-gl-duplicate", "  - term: Volga\n    short: um rio\n    short: outro\n"
)
SMALL["yaml-gl-anchor"] = _gl(
    "yaml-gl-anchor", "  - term: Volga\n    short: &s um rio\n  - term: Don\n    short: *s\n"
)
SMALL["yaml-gl-tag"] = _gl("yaml-gl-tag", "  - term: Volga\n    short: !!binary aGk=\n")
SMALL["yaml-gl-deep"] = _gl(
    "yaml-gl-deep",
    "  - term: Volga\n    short: um rio\n    sources: " + "[" * 100 + "]" * 100 + "\n",
)
SMALL["yaml-gl-billion-laughs"] = _gl(
    "yaml-gl-billion-laughs",
    "  - term: &a [lol, lol, lol]\n    short: [*a, *a, *a, *a]\n",
)


@small("gl-entry-errors")
def _gl_entry_errors(root: Path) -> Path:
    """A glossary with six errors in four entries (a bidi control in a term, a C1 control
    in an alias, a term of one zero-width space, a fullwidth duplicate, an entry with no
    summary and a bad flag) among two valid entries, and a text that names it and writes
    its terms with a soft hyphen and a zero-width space inside."""
    _write(
        root / "glossary" / "gl-erros.yaml",
        "title: Erros\nlanguage: pt\nterms:\n"  # 1-3
        "  - term: Volga\n    short: um rio\n"  # 4-5
        f"  - term: {yaml_quoted('Kremlin' + ESCAPES['bidi'])}\n    short: fortaleza\n"  # 6-7
        f"  - term: Don\n    aliases: [{yaml_quoted('Don' + ESCAPES['c1'])}]\n"  # 8-9
        "    short: outro rio\n"  # 10
        '  - term: "\\u200b"\n    short: nada\n'  # 11-12
        "  - term: Ｖｏｌｇａ\n    short: largo\n"  # 13-14
        "  - term: Neva\n    case_sensitive: talvez\n"  # 15-16
        "  - term: Oka\n    short: afluente\n",  # 17-18
    )
    text = (
        "---\ntitle: Erros\nlanguage: pt\nglossary: [gl-erros]\n---\n\n"
        f"{WORD}: o Vol\u00adga, o Don, o Neva e o O\u200bka.\n"
    )
    return _write(root / "gl-entry-errors.md", text)


SMALL["yaml-fm-null"] = _fm(
    "yaml-fm-null", "title: T\nauthor: ~\ndate: null\nsource: '~'\ncontext: NULL\n"
)
SMALL["yaml-gl-null"] = _gl(
    "yaml-gl-null",
    "  - term: Volga\n    short: um rio\n    aliases: ~\n    definition:\n"
    "  - term: Don\n    short: Null\n",
)


# Encodings.


@small("enc-invalid-utf8")
def _enc_invalid_utf8(root: Path) -> Path:
    """Latin-1 bytes in a UTF-8 text: byte 0xE7 on line 3, column 4."""
    return _write(root / "enc-invalid-utf8.md", b"linha um\n\ncor\xe7\xe3o\n")


@small("enc-raw-c1")
def _enc_raw_c1(root: Path) -> Path:
    """A raw 8-bit CSI byte (0x9B): not UTF-8, refused before any terminal sees it."""
    return _write(root / "enc-raw-c1.md", b"ok\n\x9b31mvermelho\n")


@small("enc-utf16le")
def _enc_utf16le(root: Path) -> Path:
    return _write(
        root / "enc-utf16le.md",
        codecs.BOM_UTF16_LE + f"# Ação\n\n{WORD} coração.\n".encode("utf-16-le"),
    )


@small("enc-utf16be")
def _enc_utf16be(root: Path) -> Path:
    return _write(
        root / "enc-utf16be.md",
        codecs.BOM_UTF16_BE + f"# Ação\n\n{WORD} coração.\n".encode("utf-16-be"),
    )


@small("enc-nul")
def _enc_nul(root: Path) -> Path:
    return _write(
        root / "enc-nul.md", f"{WORD} antes\x00depois e mais texto para não parecer binário.\n"
    )


@small("enc-nuls")
def _enc_nuls(root: Path) -> Path:
    """A short text with a few NULs on line 3: once "binary file", now a text."""
    return _write(root / "enc-nuls.md", f"# Nulos\n\n{WORD}\x00 e\x00 fim.\n")


@small("enc-binary")
def _enc_binary(root: Path) -> Path:
    return _write(root / "enc-binary.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


@small("enc-binary-nuls")
def _enc_binary_nuls(root: Path) -> Path:
    return _write(root / "enc-binary-nuls.txt", b"text\x00\x00\x00\x00" * 200)


# Paths that are not readable text files.


@small("file-missing")
def _file_missing(root: Path) -> Path:
    return root / "file-missing.md"


@small("file-directory")
def _file_directory(root: Path) -> Path:
    path = root / "file-directory.md"
    path.mkdir(exist_ok=True)
    return path


@small("file-fifo")
def _file_fifo(root: Path) -> Path:
    path = root / "file-fifo.md"
    if not path.exists():
        os.mkfifo(path)
    return path


@small("file-symlink-loop")
def _file_symlink_loop(root: Path) -> Path:
    first, second = root / "file-loop-a.md", root / "file-loop-b.md"
    if not first.is_symlink():
        first.symlink_to(second.name)
        second.symlink_to(first.name)
    return first


@small("file-unreadable")
def _file_unreadable(root: Path) -> Path:
    path = _write(root / "file-unreadable.md", f"{WORD}\n")
    path.chmod(0)
    return path


@small("file-control-name")
def _file_control_name(root: Path) -> Path:
    """A readable text whose file name carries an escape sequence and a line break."""
    return _write(root / f"{CONTROL_NAME}.md", f"{WORD} texto.\n")


@small("file-control-name-missing")
def _file_control_name_missing(root: Path) -> Path:
    return root / f"{CONTROL_NAME}-missing.md"


@small("file-control-name-bad-utf8")
def _file_control_name_bad_utf8(root: Path) -> Path:
    return _write(root / f"{CONTROL_NAME}-bad.md", b"x\n\xff\n")


@small("file-control-name-bad-yaml")
def _file_control_name_bad_yaml(root: Path) -> Path:
    """A glossary named with controls whose YAML is broken: the YAML error names it."""
    return _write(root / "glossary" / f"{CONTROL_NAME}.yaml", "title: [unclosed\n")


@small("file-control-name-bad-front-matter")
def _file_control_name_bad_front_matter(root: Path) -> Path:
    return _write(root / f"{CONTROL_NAME}-fm.md", "---\ntitle: [a, b]\n---\n\nx\n")


@small("file-too-large")
def _file_too_large(root: Path) -> Path:
    """Bigger than the reader's 64 MB limit, as a sparse file (no disk used)."""
    path = root / "file-too-large.md"
    with open(path, "wb") as stream:
        stream.truncate(65 * 1024 * 1024)
    return path


# --- the big files ------------------------------------------------------------------------

BIG: dict[str, Maker] = {}


def big(name: str) -> Callable[[Maker], Maker]:
    def register(maker: Maker) -> Maker:
        BIG[name] = maker
        return maker

    return register


_PLAIN_WORDS: Final = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
]
"""Words no bundled glossary defines."""
_TERM_WORDS: Final = [
    "o",
    "Exército",
    "Vermelho",
    "e",
    "a",
    "Wehrmacht",
    "em",
    "Stalingrado",
    "no",
    "rio",
    "Volga",
]
"""Words that are bundled glossary terms (segunda-guerra), many matches per line."""


def _words(rng: random.Random, words: list[str], size: int) -> str:
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


@big("big-line")
def _big_line(root: Path) -> Path:
    """10 MB of words on one line (no glossary matches: language undetermined)."""
    rng = random.Random(1)
    return _write(
        root / "big-line.md", f"{WORD} " + _words(rng, _PLAIN_WORDS, 10 * 1024 * 1024) + "\n"
    )


@big("big-line-terms")
def _big_line_terms(root: Path) -> Path:
    """10 MB on one line, dense with glossary terms (about 280,000 matches)."""
    rng = random.Random(2)
    front = "---\nlanguage: pt\nglossary: [segunda-guerra]\n---\n\n"
    text = front + f"{WORD} " + _words(rng, _TERM_WORDS, 10 * 1024 * 1024)
    return _write(root / "big-line-terms.md", text + "\n")


@big("big-list")
def _big_list(root: Path) -> Path:
    rng = random.Random(3)
    lines = [f"- {WORD} item {number} {rng.choice(_PLAIN_WORDS)}\n" for number in range(100_000)]
    return _write(root / "big-list.md", "".join(lines))


@big("big-heading")
def _big_heading(root: Path) -> Path:
    """Two headings of 1 MB each: shown in the header, the breadcrumb, the outline, the
    palette and bookmark sections, every one a one-line place."""
    rng = random.Random(6)
    first = _words(rng, _PLAIN_WORDS, 1024 * 1024)
    second = _words(rng, _PLAIN_WORDS, 1024 * 1024)
    return _write(root / "big-heading.md", f"# {WORD} {first}\n\nTexto.\n\n## {second}\n\nMais.\n")


@big("big-headings")
def _big_headings(root: Path) -> Path:
    """100,000 headings, each over a one-line paragraph: an outline of 100,000 entries
    in the context panel and the palette, a breadcrumb looked up on every scroll."""
    sections = [f"## {WORD} {number}\n\nTexto {number}.\n\n" for number in range(100_000)]
    return _write(root / "big-headings.md", f"# {WORD}\n\n" + "".join(sections))


@big("big-table")
def _big_table(root: Path) -> Path:
    """A 1 MB table: four columns, a long last cell."""
    rng = random.Random(4)
    rows = [f"{WORD}\n\n| a | b | c | d |\n|---|:-:|--:|---|\n"]
    size = 0
    number = 0
    while size < 1024 * 1024:
        row = f"| {number} | {rng.choice(_PLAIN_WORDS)} | x | {_words(rng, _PLAIN_WORDS, 40)} |\n"
        rows.append(row)
        size += len(row)
        number += 1
    return _write(root / "big-table.md", "".join(rows))


@big("big-footnotes")
def _big_footnotes(root: Path) -> Path:
    count = 50_000
    body = "".join(f"{WORD} {number}[^n{number}].\n\n" for number in range(count))
    notes = "".join(f"[^n{number}]: Nota {number}.\n" for number in range(count))
    return _write(root / "big-footnotes.md", body + notes)


@big("big-glossary")
def _big_glossary(root: Path) -> Path:
    """A 5,000-term glossary (each with an alias and a definition) and a text using it."""
    rng = random.Random(5)
    syllables = [
        "ba",
        "ta",
        "lha",
        "sta",
        "lin",
        "gra",
        "do",
        "vol",
        "ga",
        "ex",
        "er",
        "ci",
        "to",
        "ver",
        "me",
        "lho",
        "ru",
        "sso",
        "kre",
        "mil",
    ]
    forms: set[str] = set()
    while len(forms) < 10_000:
        forms.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 6))).capitalize())
    ordered = sorted(forms)
    entries = ["title: Grande\nlanguage: pt\nterms:\n"]
    for number in range(5_000):
        entries.append(
            f"  - term: {ordered[2 * number]} {number}\n"
            f"    aliases: [{ordered[2 * number + 1]}]\n"
            f"    short: Termo número {number}.\n"
            f"    definition: |\n      Definição do termo {number}, com *ênfase*.\n"
        )
    _write(root / "glossary" / "grande.yaml", "".join(entries))
    words = [ordered[2 * number + 1] for number in range(5_000)] + ["e", "o", "de"] * 2_000
    paragraphs = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(500)]
    text = "---\ntitle: Grande\nlanguage: pt\nglossary: [grande]\n---\n\n" + f"{WORD}\n\n"
    return _write(root / "big-glossary.md", text + "\n\n".join(paragraphs) + "\n")


@big("big-summary")
def _big_summary(root: Path) -> Path:
    """A glossary term whose one-line summary and definition are 1 MB each: shown in
    tooltips, both panels, the palette and its note."""
    rng = random.Random(7)
    summary = _words(rng, _PLAIN_WORDS, 1024 * 1024)
    definition = _words(rng, _PLAIN_WORDS, 1024 * 1024)
    _write(
        root / "glossary" / "longo.yaml",
        f"title: Longo\nlanguage: pt\nterms:\n  - term: {WORD}\n"
        f"    short: {summary}\n    definition: {definition}\n",
    )
    text = f"---\nlanguage: pt\nglossary: [longo]\n---\n\n{WORD} e o {WORD}.\n"
    text += "\nMais texto.\n" * 60
    return _write(root / "big-summary.md", text)


# --- building ---------------------------------------------------------------------------


def build(root: Path, makers: dict[str, Maker] = SMALL) -> dict[str, Path]:
    """Write every file of ``makers`` under ``root``, each in a folder of its own (a
    text gets every glossary of a ``glossary/`` folder beside it: one case's hostile
    glossary must not reach the others); name → path of what was made."""
    root.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, make in makers.items():
        (root / name).mkdir(exist_ok=True)
        made[name] = make(root / name)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder to write the corpus into")
    parser.add_argument("--big", action="store_true", help="also write the big files")
    args = parser.parse_args(argv)
    made = build(args.root)
    if args.big:
        made.update(build(args.root, BIG))
    for name, path in made.items():
        print(f"{name}: {path!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
