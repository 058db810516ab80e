"""Packages that name their exports lazily: a name is imported on first use, an unknown
one is an AttributeError (so ``hasattr`` and ``from x import y`` behave as usual)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import reader.userdata
from reader.text.lazy import lazy_names


def test_a_known_name_comes_from_its_module_and_an_unknown_one_is_an_attribute_error() -> None:
    names = lazy_names("demo", {"dumps": "json"})
    import json

    assert names("dumps") is json.dumps
    with pytest.raises(AttributeError, match="module 'demo' has no attribute 'loads'"):
        names("loads")
    assert not hasattr(reader.userdata, "no_such_name")


def test_naming_the_package_imports_none_of_its_modules() -> None:
    probe = (
        "import sys, reader.document.html, reader.document.epub, reader.userdata\n"
        "print(sorted(m for m in ('lxml.etree', 'sqlite3', 'markdown_it') if m in sys.modules))\n"
        "reader.userdata.open_store\n"
        "print('sqlite3' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == ["[]", "True"], done.stdout + done.stderr
