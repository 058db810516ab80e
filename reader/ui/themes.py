"""The themes the reader offers: Textual's default pair and two reading themes of its own.

Every theme here is checked in a real terminal (tests/terminal/test_colours.py): text at
4.5:1 against its background and the marks of focus, selection, the current match, the
reading cursor and bookmarks at 3:1, in 256 colours as in truecolor. So each colour the
article's styles use is set explicitly rather than derived: a derived shade can land, in
256 colours, on the palette entry next to its background.

* ``papel``: warm paper (sepia) with brown ink, dark red terms and blue links, for
  reading by day;
* ``noite``: high contrast for the night, near-white on black, yellow terms and cursor,
  light blue links.
"""

from __future__ import annotations

from textual.theme import Theme

PAPEL = Theme(
    name="papel",
    primary="#1D4E89",
    secondary="#6B4A2B",
    accent="#8E2A12",
    warning="#A85A00",
    error="#8E2A12",
    success="#2E6B30",
    foreground="#36302A",
    background="#E8DCC0",
    surface="#F6EFDD",
    panel="#ECE0C0",
    boost="#E6D8B5",
    dark=False,
    variables={
        "boost": "#E6D8B5",
        "text-primary": "#1D4E89",
        "text-accent": "#8E2A12",
        "text-error": "#8E2A12",
        "text-muted": "#463E35",
        "warning-muted": "#F0CF7A",
        "foreground-lighten-1": "#4A4239",
        "foreground-lighten-3": "#8C7A62",
        "footer-key-foreground": "#8E2A12",
        "block-cursor-background": "#1D4E89",
        "block-cursor-foreground": "#F6EFDD",
    },
)
"""Warm light paper, dark ink: sepia for reading by day."""

NOITE = Theme(
    name="noite",
    primary="#8CC8FF",
    secondary="#C8C8C8",
    accent="#FFD75F",
    warning="#FFAF00",
    error="#FF8787",
    success="#87FF87",
    foreground="#F2F2F2",
    background="#000000",
    surface="#000000",
    panel="#121212",
    boost="#1C1C1C",
    dark=True,
    variables={
        "boost": "#1C1C1C",
        "text-primary": "#8CC8FF",
        "text-accent": "#FFD75F",
        "text-error": "#FF8787",
        "text-muted": "#BCBCBC",
        "warning-muted": "#5F4600",
        "foreground-darken-1": "#DADADA",
        "foreground-darken-3": "#949494",
        "footer-key-foreground": "#FFD75F",
        "block-cursor-background": "#8CC8FF",
        "block-cursor-foreground": "#000000",
    },
)
"""High contrast for the night: near-white on black."""

READING_THEMES: tuple[Theme, ...] = (PAPEL, NOITE)
"""The reader's own themes, registered by the app."""

THEMES: tuple[str, ...] = ("textual-dark", "textual-light", *(t.name for t in READING_THEMES))
"""Every theme the palette offers, the ones the contrast test checks; the others of
Textual's are not offered."""
