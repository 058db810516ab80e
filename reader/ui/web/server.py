"""``reader serve``: the reader in a browser, through textual-serve, with nothing fetched
from anywhere but this server.

textual-serve gives each browser page that connects its own ``reader`` process and
relays the terminal between them. What this subclass changes:

* its own page template (``templates/app_index.html``): textual-serve's less the web-font
  stylesheet it loads from another host (offline, a request that never returns; online,
  a request no reader should make), the terminal's font from the fonts textual-serve
  bundles; the page text escaped (Jinja's autoescape), since a text's title is in it;
* every URL on the page is on the host and port the browser asked for (not the address
  bound, which for ``0.0.0.0`` is no address a browser can reach);
* a Content-Security-Policy that allows this server only, and two refusals that keep
  other web sites out of a reader on loopback: a request whose ``Host`` is not a
  loopback name (DNS rebinding), and a WebSocket opened from another origin (any page
  the user visits could otherwise drive the reader).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server

from reader.text.i18n import _, current_language

__all__ = ["ReaderServer", "is_loopback"]

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's own front end (its JavaScript, xterm's CSS, the fonts)."""

_POLICY = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self' {websocket}; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 in brackets or not) is this machine's
    loopback: ``localhost``, 127.0.0.0/8, ``::1``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if ":" in host else host


class ReaderServer(Server):
    """textual-serve's server, made safe to leave running (see the module's notes)."""

    def __init__(self, command: str, *, host: str, port: int, title: str) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            statics_path=STATIC,
            templates_path=TEMPLATES,
        )
        self.loopback = is_loopback(host)

    def initialize_logging(self) -> None:
        """Warnings and errors only, as plain lines on stderr."""
        logging.basicConfig(level=logging.WARNING, format="reader serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        print(
            _("Serving {title} on {address}/ (Ctrl+C to stop)").format(
                title=self.title, address=self.public_url
            ),
            flush=True,
        )

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(
            app,
            loader=jinja2.FileSystemLoader(self.templates_path),
            autoescape=jinja2.select_autoescape(default=True),
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        host = request.host
        if self.loopback and not is_loopback(_host_name(host)):
            raise web.HTTPForbidden(text=_("This reader answers to its loopback address only."))
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin != f"http://{host}":
            raise web.HTTPForbidden(text=_("A page of another site may not drive this reader."))
        response: web.StreamResponse = await handler(request)
        if request.path == "/":
            response.headers["Content-Security-Policy"] = _POLICY.format(websocket=f"ws://{host}")
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, its URLs on the host the browser asked for."""
        base = f"http://{request.host}"
        context = {
            "font_size": _font_size(request.query.get("fontsize", "16")),
            "app_websocket_url": f"ws://{request.host}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            "words": {
                "lang": "pt-BR" if current_language() == "pt-BR" else "en",
                "start": _("Start"),
                "ended": _("Session ended."),
                "restart": _("Restart"),
            },
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); raises OSError when the port cannot be bound."""
        if sys.platform != "win32":
            asyncio.set_event_loop(asyncio.new_event_loop())
        super().serve(debug=debug)


def _font_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        return 16
    return min(max(size, 6), 64)
