"""Checks shared by the hostile tests: what must never reach a terminal, and how to look."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual.app import App
from textual.events import Click, MouseDown, MouseUp
from textual.geometry import Offset
from textual.pilot import Pilot

from reader.pipeline import TextRef, resolve_text
from reader.text.textfile import read_text
from reader.ui.app import ReaderApp
from tests.core_helpers import REPO, CliResult

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_forbidden(char: str) -> bool:
    """A character that must never reach the terminal from a file: C0 but TAB and LF,
    DEL, C1, bidi embeddings/overrides/isolates, TAG characters, lone surrogates and the
    Unicode line/paragraph separators (a terminal does not honour them as breaks)."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or char in BIDI_CONTROLS
        or 0xE0000 <= code <= 0xE007F
        or 0xD800 <= code <= 0xDFFF
        or char in "\u2028\u2029"
    )


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters of ``text``, as ``U+XXXX`` names (empty when clean)."""
    return sorted({f"U+{ord(char):04X}" for char in text if is_forbidden(char)})


def strings_in(value: Any, seen: set[int] | None = None) -> list[str]:
    """Every string held by ``value``: dataclass fields, tuples, lists, dict keys/values."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value]
    found: list[str] = []
    if is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            found += strings_in(getattr(value, item.name), seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += strings_in(key, seen) + strings_in(item, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            found += strings_in(item, seen)
    return found


def assert_one_line_refusal(result: CliResult, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, one clean line on stderr holding ``fragments``."""
    assert result.code == 2, (result.code, result.err)
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("reader: "), line
    assert not forbidden_in(line), (forbidden_in(line), line)
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def assert_shown_with_one_line(result: CliResult, *fragments: str) -> str:
    """Exit status 0, the text on stdout, one clean line on stderr holding ``fragments``
    (what ``render`` does with a text it can read but whose front matter is in error)."""
    assert result.code == 0, (result.code, result.err)
    assert result.out
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("reader: "), line
    assert not forbidden_in(line), (forbidden_in(line), line)
    assert not forbidden_in(result.out), forbidden_in(result.out)
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def assert_clean_output(result: CliResult) -> None:
    """Nothing a terminal would obey on stdout or stderr."""
    assert not forbidden_in(result.out), forbidden_in(result.out)
    assert not forbidden_in(result.err), forbidden_in(result.err)


# --- the app --------------------------------------------------------------------------------


class WatchedApp(ReaderApp):
    """The reader with an extra action that texts name in their markup: it must never run."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(sys.modules[ReaderApp.__module__].__file__ or "").parent / path
        for path in ReaderApp.CSS_PATH
    ]
    """The reader's style sheets (a subclass elsewhere would look for them beside itself)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pwned = 0

    def action_pwned(self) -> None:
        """What ``[@click=app.pwned]`` in a text would run."""
        self.pwned += 1


def watched_app(path: Path, *, data_dir: Path | None = None) -> WatchedApp:
    """The app on ``path``, its source read as the CLI reads it."""
    ref = resolve_text(str(path))
    source = read_text(ref.path, display_name=ref.name)
    return WatchedApp(TextRef(ref.path, ref.name), source=source, data_dir=data_dir)


def screen_text(app: App[Any]) -> str:
    """Everything the current screen shows (modal screens over what is under them)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def screen_actions(app: App[Any]) -> set[str]:
    """Every ``@click`` action and every hyperlink under any cell of the screen: what a
    click there would run or open. Textual runs a click's action from the style meta under
    the mouse, so this is exactly what clicking every cell could trigger."""
    found: set[str] = set()
    width, height = app.size
    for y in range(height):
        for x in range(width):
            style = app.screen.get_style_at(x, y)
            meta = style.meta or {}
            if "@click" in meta:
                found.add(f"@click={meta['@click']}")
            if style.link:
                found.add(f"link={style.link}")
    return found


async def click_cells(pilot: Pilot[Any], cells: list[tuple[int, int]]) -> None:
    """Click each screen cell of ``cells`` (mouse down, up, click, as the driver sends
    them) without waiting for the screen between clicks, as ``Pilot.click`` does: that
    wait makes each click cost ~0.1 s, too slow for clicking thousands of cells."""
    app = pilot.app
    for number, (x, y) in enumerate(cells, 1):
        arguments: dict[str, Any] = {
            "widget": app.screen,
            "x": x,
            "y": y,
            "delta_x": 0,
            "delta_y": 0,
            "button": 1,
            "shift": False,
            "meta": False,
            "ctrl": False,
            "screen_x": x,
            "screen_y": y,
        }
        app.mouse_position = Offset(x, y)
        for event in (MouseDown(**arguments), MouseUp(**arguments), Click(**arguments, chain=1)):
            app.screen._forward_event(event)
        if number % 64 == 0:
            await pilot.pause()
    await pilot.pause()


# --- subprocesses ---------------------------------------------------------------------------


def run_python(code: str, *args: str, timeout: float = 600) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter (cwd: the repository) and return the JSON object
    it prints last; its peak memory (VmHWM) is added as ``vmhwm_kb``."""
    wrapper = (
        code
        + "\nimport json as _json\n"
        + "_result['vmhwm_kb'] = next(int(line.split()[1]) for line in "
        + "open('/proc/self/status') if line.startswith('VmHWM:'))\n"
        + "print(_json.dumps(_result))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
