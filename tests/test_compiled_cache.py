"""The matcher's compiled pattern kept between runs (:mod:`reader.glossary.compiled`):
the same matches from the cache as from a compile, and a file that is damaged, truncated
or left by another glossary is never used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.glossary import compiled as cache
from reader.glossary import fold
from reader.glossary import matcher as matching

_FORMS = frozenset(f"termo{n} de teste" for n in range(cache.CACHED_FORMS)) | {"volga"}
_TEXT = "o Volga, o termo7 de  teste e o termo70 de teste; termo7 não"


def _source() -> str:
    return r"\W(" + matching._trie_regex(_FORMS) + r")(?!\w)"


def _spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [hit.span(1) for hit in pattern.finditer(" " + fold(_TEXT))]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    return tmp_path / "patterns"


def test_a_cached_pattern_matches_as_a_compiled_one(folder: Path) -> None:
    """The first run writes the file; the next reads it without writing the regex out,
    and both match as ``re.compile`` does."""
    expected = _spans(re.compile(_source()))
    assert len(expected) == 3
    assert _spans(cache.compiled(_FORMS, _source)) == expected
    (path,) = folder.glob("*.bin")

    def not_called() -> str:
        raise AssertionError("the source was written out again")

    assert _spans(cache.compiled(_FORMS, not_called)) == expected
    assert list(folder.glob("*.bin")) == [path]


@pytest.mark.parametrize("damage", ["garbled", "truncated", "empty", "header"])
def test_a_damaged_file_is_compiled_again(folder: Path, damage: str) -> None:
    """A byte changed in the code (which the engine's own check may let through), a file
    cut short, an empty one, a header that is not ours: compiled again, and rewritten."""
    cache.compiled(_FORMS, _source)
    (path,) = folder.glob("*.bin")
    data = path.read_bytes()
    damaged = {
        "garbled": data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "header": b"something else\n" + data,
    }[damage]
    path.write_bytes(damaged)
    calls: list[int] = []

    def source() -> str:
        calls.append(1)
        return _source()

    assert _spans(cache.compiled(_FORMS, source)) == _spans(re.compile(_source()))
    assert calls == [1]
    assert path.read_bytes() == data


def test_other_forms_look_for_another_file(folder: Path) -> None:
    """The file's name is a digest of the forms: a glossary changed by one form never
    gets the old pattern."""
    cache.compiled(_FORMS, _source)
    other = _FORMS | {"stalin"}
    pattern = cache.compiled(other, lambda: r"\W(" + matching._trie_regex(other) + r")(?!\w)")
    assert pattern.search(" stalin") is not None
    assert len(list(folder.glob("*.bin"))) == 2


def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the cache cannot be written (here: a file in the way), patterns compile."""
    (tmp_path / "patterns").write_text("not a folder")
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    assert _spans(cache.compiled(_FORMS, _source)) == _spans(re.compile(_source()))


def test_only_the_latest_patterns_are_kept(folder: Path) -> None:
    """The folder holds at most :data:`KEPT_FILES` patterns."""
    for number in range(cache.KEPT_FILES + 2):
        forms = _FORMS | {f"extra{number}"}
        cache.compiled(forms, lambda forms=forms: matching._trie_regex(forms))  # type: ignore[misc]
    assert len(list(folder.glob("*.bin"))) == cache.KEPT_FILES
    assert not list(folder.glob("*.tmp"))


def test_few_forms_are_not_cached(folder: Path) -> None:
    forms = frozenset({"volga", "stalin"})
    cache.compiled(forms, lambda: matching._trie_regex(forms))
    assert not folder.exists()
