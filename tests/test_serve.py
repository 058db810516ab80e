"""``reader serve``: what is checked before any server starts, and which hosts are this
machine's (the browser end to end is tests/test_serve_browser.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.cli.main import parse_arguments
from reader.cli.serve import _reader_command
from reader.ui.web.server import ReaderServer, is_loopback
from tests.core_helpers import run_cli


def test_a_text_that_cannot_be_opened_stops_it_before_serving(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[ReaderServer] = []
    monkeypatch.setattr(ReaderServer, "serve", lambda self, **_: served.append(self))
    result = run_cli(capsys, "serve", tmp_path / "missing.md")
    assert result.code == 2
    assert len(result.err_lines) == 1 and "missing.md" in result.err
    assert served == []


def test_the_page_runs_reader_with_this_runs_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[ReaderServer] = []
    monkeypatch.setattr(ReaderServer, "serve", lambda self, **_: served.append(self))
    monkeypatch.chdir(tmp_path)
    Path("a b.md").write_text("Um texto.\n", encoding="utf-8")
    result = run_cli(capsys, "serve", "a b.md", "--port", "8123", "--data-dir", "dados")
    assert (result.code, result.err) == (0, "")
    (server,) = served
    assert (server.host, server.port, server.loopback) == ("127.0.0.1", 8123, True)
    assert server.command == (
        f"{sys.executable} -m reader --data-dir {tmp_path / 'dados'} -- '{tmp_path / 'a b.md'}'"
    )


def test_the_command_it_runs_opens_the_text() -> None:
    args = parse_arguments(["serve", "stalingrado", "--glossary", "g.yaml"])
    command = _reader_command(args, Path("/data"), "stalingrado")
    parsed = parse_arguments(command[3:])
    assert (parsed.command, parsed.path, parsed.data_dir) == ("open", "stalingrado", Path("/data"))
    assert parsed.glossary == [Path("g.yaml").absolute()]


def test_a_host_elsewhere_is_said_to_expose_the_reader(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ReaderServer, "serve", lambda self, **_: None)
    result = run_cli(capsys, "serve", "stalingrado", "--host", "192.0.2.1")
    assert result.err_lines == [
        "reader: serving on 192.0.2.1:8000: anyone who can reach this port reads and "
        "bookmarks as you"
    ]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.4", False),
        ("127.0.0.1.evil.example", False),
        ("example.org", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_arguments(["serve", "--port", "70000"])
    assert stopped.value.code == 2
    assert "a port is 1 to 65535" in capsys.readouterr().err


def test_without_the_serve_extra_it_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails, as uninstalled
    monkeypatch.delitem(sys.modules, "reader.ui.web.server", raising=False)
    result = run_cli(capsys, "serve", "stalingrado")
    assert result.code == 2
    assert result.err_lines == [
        "reader: serve: needs textual-serve (textual_serve): pip install 'rodape[serve]'"
    ]
