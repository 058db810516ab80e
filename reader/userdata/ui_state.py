"""Interface state kept between sessions: which panels are open, and how wide.

State, not settings: what the reader left the interface like, remembered for next time,
in a small JSON file in the data folder (``ui-state.json``). The settings a user writes
(theme, measure, keys) are the TOML file of :mod:`reader.settings`, in the config
folder. A state file that cannot be read is left exactly as it is (never overwritten)
and the defaults are used; writes go to a temporary file that is renamed over the old
one, so a crash never leaves half a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.text.i18n import _
from reader.userdata.json_file import not_expected, read_json, write_json

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
        fallback = _("the defaults are used, the file left as is")
        data, problem = read_json(path, fallback)
        if problem is not None:
            return cls(problem=str(problem))
        if data is None:
            return cls()
        if not isinstance(data, dict):
            return cls(problem=str(not_expected(path, fallback)))
        try:
            panels = [str(item) for item in data.get("open_panels", [])]
            widths = {
                str(key): max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, int(value)))
                for key, value in dict(data.get("panel_widths", {})).items()
            }
        except (ValueError, TypeError, AttributeError, OverflowError):
            return cls(problem=str(not_expected(path, fallback)))
        return cls(open_panels=panels, panel_widths=widths)

    def save(self, folder: Path | None) -> str | None:
        """Write the state whole; the reason (a line to show) if it cannot be. Skipped
        when there is no folder, or the file was unreadable (it is never written over)."""
        if folder is None or self.problem is not None:
            return None
        data = {"open_panels": self.open_panels, "panel_widths": self.panel_widths}
        return write_json(folder / STATE_FILE, data)
