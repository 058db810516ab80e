"""``reader serve [PATH] [--host 127.0.0.1] [--port 8000]``: the reader in a web browser.

textual-serve (the ``serve`` extra) runs ``reader [PATH]`` for each browser page, with
this run's data folder, glossaries and marks, so the page reads and bookmarks exactly as
the terminal does. It binds to loopback unless ``--host`` says otherwise, and then says
what that exposes. The text is checked first, as ``reader PATH`` checks it: one that
cannot be opened is one line and exit 2 here, not a page that ends at once.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from reader.cli.options import add_marks_option
from reader.text.errors import ReaderError
from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line

NAME = "serve"
HELP = N_("read in a web browser (textual-serve), on this machine only by default")
DESCRIPTION = N_(
    "Serve the reader to web browsers: each page that opens http://HOST:PORT/ reads PATH "
    "(else the text read last) as the terminal does, with the same bookmarks. Nothing on "
    "the page comes from anywhere but this server."
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXTRA_HINT = "pip install 'rodape[serve]'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[PATH]``, ``--host``, ``--port`` and ``--marks``."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar=_("PATH"),
        help=_("a text (.md or .txt) or a bundled text's name"),
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar=_("HOST"),
        help=_(
            "address to listen on (default {host}: this machine only; any other "
            "lets whoever reaches the port read and bookmark as you)"
        ).format(host=DEFAULT_HOST),
    )
    parser.add_argument(
        "--port",
        type=_port,
        metavar=_("PORT"),
        default=DEFAULT_PORT,
        help=_("port (default {port})").format(port=DEFAULT_PORT),
    )
    add_marks_option(parser)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a port number: {value}").format(value=repr(value))
        ) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("a port is 1 to 65535, not {port}").format(port=port))
    return port


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; exit 0, or 2 for a text that cannot be opened, a missing
    extra or a port that cannot be bound."""
    from reader.pipeline import read_source, resolve_text
    from reader.userdata.datadir import data_dir

    path = None
    if args.path is not None:
        ref = resolve_text(args.path)
        read_source(ref)  # a text that cannot be opened ends here, with one line
        given = Path(args.path).expanduser()
        path = args.path if ref.path != given else str(given.absolute())  # a bundled name
    try:
        from reader.ui.web.server import ReaderServer, is_loopback
    except ImportError as error:
        raise ReaderError(
            "serve",
            _("needs textual-serve ({module}): {hint}").format(module=error.name, hint=EXTRA_HINT),
        ) from None
    command = shlex.join(_reader_command(args, data_dir(args.data_dir), path))
    title = "Rodapé" if path is None else f"Rodapé: {Path(path).name}"
    if not is_loopback(args.host):
        print(
            "reader: "
            + _(
                "serving on {address}: anyone who can reach this port reads and bookmarks as you"
            ).format(address=f"{visible_line(args.host)}:{args.port}"),
            file=sys.stderr,
        )
    server = ReaderServer(command, host=args.host, port=args.port, title=title)
    try:
        server.serve()
    except OSError as error:
        where = f"{visible_line(args.host)}:{args.port}"
        raise ReaderError(
            where, _("cannot serve: {reason}").format(reason=error.strerror or error)
        ) from None
    return 0


def _reader_command(args: argparse.Namespace, data: Path, path: str | None) -> list[str]:
    """``python -m reader`` with this run's options, for each page's process."""
    command = [sys.executable, "-m", "reader", "--data-dir", str(data.absolute())]
    for glossary in args.glossary:
        command += ["--glossary", str(Path(glossary).absolute())]
    if args.marks is not None:  # else each page's reader takes the settings' marks
        command += ["--marks", args.marks]
    return [*command, "--", path] if path is not None else command
