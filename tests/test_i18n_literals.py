"""No user-visible literal bypasses gettext: an AST scan of the interface and the core's
message sites.

A string literal (or an f-string's, a ``+``/``%`` expression's literal part) with a
letter in it, passed where the reader shows it — a notification, a widget's text, a
heading, the status line, a binding's description, argparse's help, ``print`` or a
write to stderr, a :class:`~reader.text.errors.Problem` or
:class:`~reader.text.errors.ReaderError`'s message — must be wrapped in ``_()``,
``ngettext()`` or ``N_()``. Each one that is not is reported as ``file:line: the
literal``, so it is found at once (wrap it, run ``./catalog``, translate the .po).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"

INTERFACE = ("ui", "cli")
"""Folders scanned for every kind of sink; the rest of the package for its messages
(Problem, ReaderError, print, stderr) only."""

WRAPPERS = frozenset({"_", "ngettext", "N_"})
"""What makes a literal translated (or marked to be)."""

SHOWN_CALLS: dict[str, tuple[tuple[int, ...], frozenset[str]]] = {
    # name called: (positional arguments shown, keyword arguments shown)
    "notify": ((0,), frozenset({"message", "title"})),
    "Static": ((0,), frozenset({"content", "renderable"})),
    "Label": ((0,), frozenset({"content", "renderable"})),
    "Button": ((0,), frozenset({"label"})),
    "Content": ((0,), frozenset()),
    "Text": ((0,), frozenset()),
    "Option": ((0,), frozenset({"prompt"})),
    "heading": ((0,), frozenset()),
    "say": ((0,), frozenset({"message", "text"})),
    "update": ((0,), frozenset({"content"})),
    "Binding": ((2,), frozenset({"description", "tooltip"})),
    "print": ((0, 1, 2, 3), frozenset()),
    "write": ((0,), frozenset()),
    "echo": ((0,), frozenset()),
    "ReaderError": ((1,), frozenset({"message"})),
    "Problem": ((1,), frozenset({"message"})),
    "add_argument": ((), frozenset({"help", "metavar"})),
    "ArgumentParser": ((), frozenset({"description", "epilog", "usage"})),
    "add_parser": ((), frozenset({"help", "description", "epilog", "usage"})),
    "add_subparsers": ((), frozenset({"title", "description", "help", "metavar"})),
    "add_subcommands": ((), frozenset({"title", "description", "help", "metavar"})),
    "add_argument_group": ((0, 1), frozenset({"title", "description"})),
    "error": ((0,), frozenset()),
    "refuse": ((0,), frozenset()),
    "warn": ((0,), frozenset()),
    "BookmarkNotFound": ((1,), frozenset()),
    "exit": ((1,), frozenset({"message"})),
    "Progress": ((0,), frozenset()),
    "StoreError": ((0,), frozenset()),
    "StoreReadOnly": ((0,), frozenset()),
    "AnchorError": ((0,), frozenset()),
    "AnnotationFormatError": ((1,), frozenset()),
    "fail": ((0,), frozenset()),
    "SettingNotSaved": ((0,), frozenset()),
    "EditorError": ((0,), frozenset()),
    "ArgumentTypeError": ((0,), frozenset()),
}
"""Calls whose string arguments reach the screen or the terminal."""

CORE_SINKS = frozenset(
    {
        "ReaderError",
        "Problem",
        "Progress",
        "print",
        "write",
        "StoreError",
        "StoreReadOnly",
        "AnchorError",
        "AnnotationFormatError",
        "SettingNotSaved",
        "EditorError",
        "BookmarkNotFound",
        "error",
        "warn",
        "refuse",
        "fail",
    }
)
"""Outside the interface: the messages that reach the reader (errors and problems the CLI
prints or the TUI notifies, progress in the status line)."""

ANY_CALL_KEYWORDS = frozenset({"title", "placeholder", "tooltip", "help", "description"})
"""Keyword arguments shown whatever is called (a dialog's ``title=``, a field's
``placeholder=``)."""

SHOWN_ATTRIBUTES = frozenset(
    {"border_title", "border_subtitle", "tooltip", "placeholder", "sub_title", "message"}
)
"""Attributes whose value is shown (``panel.border_title = "…"``)."""

ALLOWED_WORDS = re.compile(r"\b(reader|rodape|Rodapé)\b")
"""The program's own names, the same in every language."""

PLACEHOLDERS = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{[^{}]*\}")

ALLOWED: dict[str, str] = {
    # "file: literal" → why it is not translated.
}
"""The literals that stay as they are, each with the reason."""


@dataclass(frozen=True)
class Unwrapped:
    path: Path
    line: int
    literal: str

    def __str__(self) -> str:
        return f"{_shown_path(self.path)}:{self.line}: {self.literal!r} is not wrapped in _()"


def _shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def has_words(literal: str) -> bool:
    """Whether ``literal`` says something in a language: a letter outside placeholders
    and the program's names."""
    rest = ALLOWED_WORDS.sub("", PLACEHOLDERS.sub("", literal))
    return any(character.isalpha() for character in rest)


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def bare_literals(node: ast.expr) -> Iterator[ast.Constant]:
    """The literals with words in ``node`` that no wrapper translates."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if has_words(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant):
                yield from bare_literals(part)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        yield from bare_literals(node.left)
        yield from bare_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from bare_literals(node.body)
        yield from bare_literals(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from bare_literals(element)
    elif isinstance(node, ast.Call):
        name = called_name(node)
        if name in WRAPPERS:
            return
        if name in ("format", "join") and isinstance(node.func, ast.Attribute):
            yield from bare_literals(node.func.value)  # "…{x}".format(x=…)


def shown_arguments(call: ast.Call, interface: bool) -> Iterator[ast.expr]:
    name = called_name(call)
    positions, keywords = SHOWN_CALLS.get(name or "", ((), frozenset()))
    if not interface and name not in CORE_SINKS:
        return
    if name == "write" and not _is_terminal_stream(call):
        return
    for index in positions:
        if index < len(call.args):
            yield call.args[index]
    for keyword in call.keywords:
        if keyword.arg in keywords or (interface and keyword.arg in ANY_CALL_KEYWORDS):
            yield keyword.value


def _is_terminal_stream(call: ast.Call) -> bool:
    """``sys.stderr.write(…)`` / ``sys.stdout.write(…)``: not a file's write."""
    target = call.func.value if isinstance(call.func, ast.Attribute) else None
    return isinstance(target, ast.Attribute) and target.attr in ("stderr", "stdout")


def unwrapped_in(path: Path, interface: bool | None = None) -> Iterator[Unwrapped]:
    """Every bare literal in ``path`` (part of the interface, where every sink counts,
    or of the core, where only messages do: by default, as its folder says)."""
    if interface is None:
        interface = path.relative_to(PACKAGE).parts[0] in INTERFACE
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        found: list[ast.expr] = []
        if isinstance(node, ast.Call):
            found.extend(shown_arguments(node, interface))
        elif interface and isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(
                isinstance(t, ast.Attribute) and t.attr in SHOWN_ATTRIBUTES for t in targets
            ):
                found.append(node.value)
        for expression in found:
            for literal in bare_literals(expression):
                assert isinstance(literal.value, str)
                key = f"{_shown_path(path)}: {literal.value}"
                if key not in ALLOWED:
                    yield Unwrapped(path, literal.lineno, literal.value)


def test_every_shown_literal_goes_through_gettext() -> None:
    unwrapped = [
        problem for path in sorted(PACKAGE.rglob("*.py")) for problem in unwrapped_in(path)
    ]
    assert not unwrapped, "\n" + "\n".join(map(str, unwrapped))


def test_the_scan_finds_what_it_should(tmp_path: Path) -> None:
    """The scan itself: a bare literal in each kind of sink is found, a wrapped one and
    a literal with no words are not."""
    source = tmp_path / "probe.py"
    source.write_text(
        "\n".join(
            [
                'app.notify("Saved.")',  # 1 found
                'app.notify(_("Saved."))',
                'yield Static(f"{count} words")',  # 3 found
                'parser.add_argument("--x", help="the x")',  # 4 found
                'raise ReaderError(path, "not UTF-8")',  # 5 found
                'print(f"reader: {problem}")',
                'panel.border_title = "Glossary"',  # 7 found
                'Dialog(title="Edit note")',  # 8 found
                'status.say(_("{n} of {m}").format(n=1, m=2))',
                'Binding("q", "quit", "Quit")',  # 10 found
                'print("  ".join(rows))',
                'sys.stderr.write("oops\\n")',  # 12 found
            ]
        )
    )
    found = sorted(problem.line for problem in unwrapped_in(source, interface=True))
    assert found == [1, 3, 4, 5, 7, 8, 10, 12]
