"""Metadata values as the reader keeps them, whoever states them (a web page's ``<meta>``
and JSON-LD, a book's OPF): a BCP 47 language tag, an ISO date. One reading of each, so a
page and a book saying the same thing end up with the same :class:`Metadata`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

__all__ = ["iso_date", "language_tag"]

_LANGUAGE_TAG: Final = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_DATE: Final = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s])")


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag from ``value`` ("pt_PT" as "pt-PT"); None when it is not one."""
    if not value:
        return None
    tag = value.strip().replace("_", "-")
    return tag if _LANGUAGE_TAG.match(tag) and tag.lower() != "und" else None


def iso_date(value: str | None) -> str | None:
    """The date part of an ISO date or timestamp ("2025-12-08T07:30:00+00:00" →
    "2025-12-08"), checked to be a real date; None otherwise."""
    if not value:
        return None
    match = _DATE.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year
