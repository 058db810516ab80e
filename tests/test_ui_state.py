"""The interface state file (panels open, widths): state, kept apart from the settings."""

from __future__ import annotations

import json
from pathlib import Path

from reader.userdata.ui_state import LEGACY_STATE_FILE, STATE_FILE, UiState


def test_state_round_trips_in_its_own_file(tmp_path: Path) -> None:
    UiState(open_panels=["context-panel"], panel_widths={"context-panel": 50}).save(tmp_path)
    assert (tmp_path / STATE_FILE).is_file()
    again = UiState.load(tmp_path)
    assert again.open_panels == ["context-panel"]
    assert again.panel_widths == {"context-panel": 50}


def test_the_state_file_of_before_the_rename_is_read_and_left_alone(tmp_path: Path) -> None:
    old = {"open_panels": ["glossary-panel"], "panel_widths": {"glossary-panel": 40}}
    (tmp_path / LEGACY_STATE_FILE).write_text(json.dumps(old), encoding="utf-8")
    state = UiState.load(tmp_path)
    assert state.open_panels == ["glossary-panel"]
    state.save(tmp_path)
    assert json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8")) == old
    assert json.loads((tmp_path / LEGACY_STATE_FILE).read_text(encoding="utf-8")) == old


def test_a_broken_state_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    state = UiState.load(tmp_path)
    assert state.problem is not None and STATE_FILE in state.problem
    state.open_panels = ["context-panel"]
    state.save(tmp_path)
    assert (tmp_path / STATE_FILE).read_text(encoding="utf-8") == "{not json"
