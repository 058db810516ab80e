"""``reader serve`` end to end: a headless Chromium opens the page, the article renders,
Tab and Enter open a note, and no request goes to any host but the server's.

The browser is Debian's ``chromium`` (``.ci/run`` installs it) driven by Playwright's
Python package; where neither can be had the test is skipped, saying which is missing.
What the terminal shows is read from the WebSocket frames the page receives (the screen
itself is a canvas): the text of every frame, escape sequences taken out.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow

START_SECONDS = 60.0
"""Generous: the server, then a Textual app per page, start on a shared CI machine."""
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def chromium() -> str:
    """The path of a Chromium to drive, or skip the test saying why there is none."""
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found is not None:
            return found
    pytest.skip("no Chromium on PATH (on Debian: apt-get install -y chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(
    condition: Callable[[], bool],
    what: str,
    pause: Callable[[], object] = lambda: time.sleep(0.05),
    timeout: float = START_SECONDS,
) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` at the deadline. Between
    two looks, ``pause`` (in the browser, Playwright's own wait: only while it waits does
    it hand over the page's events)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:g} s waiting for {what}")
        pause()


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    """``reader serve stalingrado`` on a free loopback port; its port."""
    port = free_port()
    command = [sys.executable, "-m", "reader", "serve", "stalingrado", "--port", str(port)]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "data")], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_for(lambda: listening(port) or process.poll() is not None, "the server")
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def screen_text(frames: list[bytes]) -> str:
    """What the frames drew, as text: escape sequences out, the rest decoded."""
    return _ESCAPES.sub(b" ", b"".join(frames)).decode("utf-8", "replace")


def test_the_page_reads_the_article_and_opens_a_note_offline(server: int, tmp_path: Path) -> None:
    executable = chromium()  # or skip, before Playwright is imported
    from playwright.sync_api import WebSocket, sync_playwright

    origin = f"127.0.0.1:{server}"
    requests: list[str] = []
    frames: list[bytes] = []
    refused: list[str] = []

    def watch(websocket: WebSocket) -> None:
        requests.append(websocket.url)
        websocket.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, bytes) else payload.encode()
            ),
        )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", watch)
            page.on("console", lambda message: refused.append(message.text))
            page.goto(f"http://{origin}/")
            addresses = re.findall(r'(?:href|src|url)[=(]"([^"]+)"', page.content())
            pause = lambda: page.wait_for_timeout(50)  # noqa: E731
            wait_for(lambda: "fevereiro" in screen_text(frames), "the article", pause)
            page.locator("textarea.xterm-helper-textarea").focus()
            before = len(frames)
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            wait_for(lambda: "Nota do editor" in screen_text(frames[before:]), "the note", pause)
            page.screenshot(path=str(tmp_path / "serve.png"))
        finally:
            browser.close()
    assert (tmp_path / "serve.png").stat().st_size > 0
    hosts = {urlsplit(url).netloc for url in requests}
    assert hosts == {origin}, requests
    assert addresses and {urlsplit(url).netloc for url in addresses} <= {origin, ""}, addresses
    assert not [text for text in refused if "Refused" in text]  # nothing the policy stopped


def _status(port: int, path: str, headers: dict[str, str]) -> int:
    """The status of a GET to the server with ``headers`` (raw, so Host can be any)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        lines = [f"GET {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
        connection.sendall("\r\n".join(lines).encode())
        reply = connection.recv(1024).decode("latin-1")
    return int(reply.split(" ", 2)[1])


def test_other_sites_cannot_reach_a_reader_on_loopback(server: int) -> None:
    """DNS rebinding (a foreign Host) and a WebSocket opened by another site's page are
    refused; the page itself names only this server, and forbids anything else."""
    here = f"127.0.0.1:{server}"
    assert _status(server, "/", {"Host": here}) == 200
    assert _status(server, "/", {"Host": f"localhost:{server}"}) == 200
    assert _status(server, "/", {"Host": "evil.example"}) == 403
    upgrade = {
        "Host": here,
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    assert _status(server, "/ws", {**upgrade, "Origin": "http://evil.example"}) == 403
    assert _status(server, "/ws", {**upgrade, "Origin": f"http://{here}"}) == 101
