"""The interface state file (panels open, widths): state, kept apart from the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_a_broken_state_file_is_named_with_its_line(tmp_path: Path) -> None:
    """One line with where JSON stopped making sense, as every other bad file gets."""
    (tmp_path / STATE_FILE).write_text('{\n  "open_panels": [1,,]\n}', encoding="utf-8")
    problem = UiState.load(tmp_path).problem
    assert problem is not None
    assert problem.startswith(f"{tmp_path / STATE_FILE}:2:21: warning: not valid JSON: ")
    assert problem.endswith("the defaults are used, the file left as is")
    (tmp_path / STATE_FILE).write_text('{"panel_widths": {"a": "wide"}}', encoding="utf-8")
    assert "not what this file holds" in (UiState.load(tmp_path).problem or "")


def test_a_state_that_cannot_be_written_is_a_line_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state is written at every panel opened: a folder gone read-only (or a full
    disk) raised out of the key's handler. Now the reason comes back, the old file kept."""
    import tempfile

    UiState(open_panels=["context-panel"]).save(tmp_path)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    problem = UiState(open_panels=["glossary-panel"]).save(tmp_path)
    assert problem == f"{tmp_path / STATE_FILE}: cannot be written (Permission denied)"
    assert UiState.load(tmp_path).open_panels == ["context-panel"]
