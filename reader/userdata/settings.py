"""Interface settings kept between sessions: which panels are open, and how wide.

A small JSON file in the data folder. A file that cannot be read is left exactly as it
is (never overwritten) and the defaults are used; writes go to a temporary file that is
renamed over the old one, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_FILE = "settings.json"
MIN_PANEL_WIDTH = 28
MAX_PANEL_WIDTH = 90


@dataclass
class UiSettings:
    """What the reader set up last time."""

    open_panels: list[str] = field(default_factory=list)
    """Ids of the side panels that were open."""
    panel_widths: dict[str, int] = field(default_factory=dict)
    """Width in columns of each panel the reader resized."""
    problem: str | None = None
    """Why the file could not be read (then it is never written over), or None."""

    @classmethod
    def load(cls, folder: Path | None) -> UiSettings:
        """Settings from ``folder``; defaults if there is no folder or no file yet."""
        if folder is None:
            return cls()
        path = folder / SETTINGS_FILE
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as error:
            return cls(problem=f"{path}: cannot read settings ({error}); using defaults")
        try:
            data = json.loads(raw)
            panels = [str(item) for item in data.get("open_panels", [])]
            widths = {
                str(key): max(MIN_PANEL_WIDTH, min(MAX_PANEL_WIDTH, int(value)))
                for key, value in dict(data.get("panel_widths", {})).items()
            }
        except (ValueError, TypeError, AttributeError):
            return cls(
                problem=f"{path}: settings file is not valid; using defaults, file left as is"
            )
        return cls(open_panels=panels, panel_widths=widths)

    def save(self, folder: Path | None) -> None:
        """Write the settings atomically; silently skipped when the file was unreadable."""
        if folder is None or self.problem is not None:
            return
        data = {"open_panels": self.open_panels, "panel_widths": self.panel_widths}
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, indent=2)
            os.replace(temporary, folder / SETTINGS_FILE)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
