"""Read an exported HTML page back with an HTML parser and check what it promises."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"meta", "br", "hr", "img", "link", "input", "wbr", "col", "source"})
RAW_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)
"""What must never be in the file raw: C0 (but TAB and LF), DEL, C1, bidi controls, tags."""
SAFE_HREF = re.compile(r"(#|https?://|mailto:)", re.IGNORECASE)


@dataclass
class Page(HTMLParser):
    """What a page holds: its elements, ids, links and the roles of its links."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self._open[-1:] or 'nothing'}")
            return
        self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def elements(self, tag: str | None = None, **wanted: str) -> list[dict[str, str]]:
        """The attributes of every element ``tag`` whose attributes include ``wanted``."""
        return [
            attributes
            for name, attributes in self.tags
            if (tag is None or name == tag)
            and all(attributes.get(key) == value for key, value in wanted.items())
        ]


def check_page(html: str) -> Page:
    """Parse ``html`` and assert the export's promises: balanced elements, unique ids,
    every in-page link to an existing id, no script, no event handler, no unsafe link, no
    raw control character. Returns the parsed page for more checks."""
    assert RAW_CONTROLS.search(html) is None, repr(RAW_CONTROLS.search(html))
    page = Page()
    page.feed(html)
    page.close()
    assert page.problems == []
    assert page._open == []
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    ids = set(page.ids)
    for tag, attributes in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "img", "link", "base", "form"}
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        href = attributes.get("href")
        if href is None:
            continue
        assert SAFE_HREF.match(href), href
        if href.startswith("#"):
            assert href[1:] in ids, f"{href} points to no id"
    return page
