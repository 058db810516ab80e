"""The matcher's compiled regex, kept between runs in the user's cache folder.

Compiling the trie of a 5,000-term glossary is a third of a second of pure Python (the
regex source written out, then parsed and assembled by ``re``), paid by every
``reader render`` and by every text opened, for the same glossary each time. A compiled
pattern cannot be pickled (pickling keeps only its source), so what is kept is what
``re`` assembles: the engine's code, handed back to the engine (``_sre.compile``, what
``re.compile`` itself ends with) on the next run.

Safe against a stale or a damaged file: the file's name is a digest of everything the
code depends on (the forms, the Python version and the engine's own version), so a
changed glossary or a new Python looks for another file; the file carries a digest of its
contents, checked before use, and the engine checks the code's structure again. Any
doubt, any error, and the pattern is compiled as usual (and the file written anew). Sets
of few forms compile in milliseconds and are not cached. ``READER_CACHE_DIR`` relocates
the folder (the tests point it at a temporary one); ``~/.cache/rodape/patterns`` on
Linux.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

CACHED_FORMS: Final = 300
"""Sets of at least this many forms are cached (fewer compile in a few milliseconds)."""

KEPT_FILES: Final = 8
"""Cached patterns kept in the folder: the most recently written."""

ENV_VAR: Final = "READER_CACHE_DIR"
_FORMAT: Final = b"rodape-sre 1\n"


def cache_dir() -> Path:
    """Where compiled patterns are kept (not created)."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser() / "patterns"
    import platformdirs

    return Path(platformdirs.user_cache_dir("rodape", appauthor=False)) / "patterns"


def compiled(forms: frozenset[str], source: Callable[[], str]) -> re.Pattern[str]:
    """``re.compile(source())`` for the pattern of ``forms``, from the cache when it holds
    it (then ``source`` is not called: writing the regex out is half the cost)."""
    if len(forms) < CACHED_FORMS:
        return re.compile(source())
    try:
        engine: Any = importlib.import_module("_sre")
        path = cache_dir() / f"{_key(forms, engine)}.bin"
    except Exception:  # (no cache, then: compile)
        return re.compile(source())
    kept = _read(path, engine)
    if kept is not None:
        return kept
    pattern_source = source()
    try:
        pattern, flags, groups, code = _assemble(pattern_source, engine)
    except Exception:  # (an engine unlike CPython 3.11's: compile as usual)
        return re.compile(pattern_source)
    _write(path, pattern_source, flags, groups, code)
    return pattern


def _key(forms: frozenset[str], engine: Any) -> str:
    """A digest of what the compiled code depends on."""
    digest = hashlib.sha256()
    digest.update(_FORMAT)
    digest.update(f"{sys.version}|{engine.MAGIC}|{engine.CODESIZE}\n".encode())
    for form in sorted(forms):
        digest.update(form.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00\x01")
    return digest.hexdigest()


def _assemble(source: str, engine: Any) -> tuple[re.Pattern[str], int, int, list[int]]:
    """Compile ``source`` as ``re.compile`` does, keeping the engine code it builds."""
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")
    parsed = parser.parse(source, 0)
    if parsed.state.groupdict:
        raise ValueError("named groups are not kept")
    code: list[int] = compiler._code(parsed, 0)
    flags: int = parsed.state.flags
    groups: int = parsed.state.groups
    return _load(engine, source, flags, groups, code), flags, groups, code


def _load(engine: Any, source: str, flags: int, groups: int, code: list[int]) -> re.Pattern[str]:
    pattern: re.Pattern[str] = engine.compile(source, flags, code, groups - 1, {}, (None,) * groups)
    return pattern


def _read(path: Path, engine: Any) -> re.Pattern[str] | None:
    """The pattern kept at ``path``, or None (none, or not to be trusted)."""
    import json

    try:
        data = path.read_bytes()
        if not data.startswith(_FORMAT):
            return None
        header_end = data.index(b"\n", len(_FORMAT))
        header = json.loads(data[len(_FORMAT) : header_end])
        body = data[header_end + 1 :]
        if hashlib.sha256(body).hexdigest() != header["digest"]:
            return None
        size = header["source"]
        source = body[:size].decode("utf-8", "surrogatepass")
        code = array("I")
        code.frombytes(body[size:])
        return _load(engine, source, header["flags"], header["groups"], code.tolist())
    except Exception:  # (missing, truncated, garbled: compile it again)
        return None


def _write(path: Path, source: str, flags: int, groups: int, code: list[int]) -> None:
    """Keep the code at ``path`` (written whole or not at all), and only the latest few
    patterns in the folder; a folder that cannot be written is no error."""
    import json
    import tempfile

    try:
        encoded = source.encode("utf-8", "surrogatepass")
        body = encoded + array("I", code).tobytes()
        header = {
            "flags": flags,
            "groups": groups,
            "source": len(encoded),
            "digest": hashlib.sha256(body).hexdigest(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(_FORMAT + json.dumps(header).encode() + b"\n" + body)
        os.replace(temporary, path)
        kept = sorted(path.parent.glob("*.bin"), key=lambda file: file.stat().st_mtime)
        for old in kept[:-KEPT_FILES]:
            old.unlink(missing_ok=True)
    except (OSError, OverflowError, ValueError):
        for left in path.parent.glob("*.tmp") if path.parent.is_dir() else ():
            left.unlink(missing_ok=True)
