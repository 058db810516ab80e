"""Interface state kept between sessions: which panels are open, and how wide.

State, not settings: what the reader left the interface like, remembered for next time,
in a small JSON file in the data folder (``ui-state.json``). The settings a user writes
(theme, measure, keys) are the TOML file of :mod:`reader.settings`, in the config
folder. A state file that cannot be read is left exactly as it is (never overwritten)
and the defaults are used; writes go to a temporary file that is renamed over the old
one, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

STATE_FILE = "ui-state.json"
LEGACY_STATE_FILE = "settings.json"
"""What the state file was called before the settings had a file of their own: read when
there is no state file yet (then the next save writes ``ui-state.json``), never written."""
MIN_PANEL_WIDTH = 28
MAX_PANEL_WIDTH = 90


@dataclass
class UiState:
    """What the reader set up last time."""

    open_panels: list[str] = field(default_factory=list)
    """Ids of the side panels that were open."""
    panel_widths: dict[str, int] = field(default_factory=dict)
    """Width in columns of each panel the reader resized."""
    problem: str | None = None
    """Why the file could not be read (then it is never written over), or None."""

    @classmethod
    def load(cls, folder: Path | None) -> UiState:
        """State from ``folder``; defaults if there is no folder or no file yet."""
        if folder is None:
            return cls()
        path = folder / STATE_FILE
        if not path.exists() and (folder / LEGACY_STATE_FILE).is_file():
            path = folder / LEGACY_STATE_FILE
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as error:
            return cls(problem=f"{path}: cannot read the interface state ({error}); using defaults")
        try:
            data = json.loads(raw)
            panels = [str(item) for item in data.get("open_panels", [])]
            widths = {
                str(key): max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, int(value)))
                for key, value in dict(data.get("panel_widths", {})).items()
            }
        except (ValueError, TypeError, AttributeError):
            return cls(
                problem=f"{path}: interface state is not valid; using defaults, file left as is"
            )
        return cls(open_panels=panels, panel_widths=widths)

    def save(self, folder: Path | None) -> None:
        """Write the state atomically; silently skipped when the file was unreadable."""
        if folder is None or self.problem is not None:
            return
        data = {"open_panels": self.open_panels, "panel_widths": self.panel_widths}
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ui-state-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, indent=2)
            os.replace(temporary, folder / STATE_FILE)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
