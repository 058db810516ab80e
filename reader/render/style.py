"""The style sheet written into every HTML export: one readable column, light and dark.

Inline in the file (a self-contained page needs no other file and makes no request);
system fonts only; colours for both schemes through ``prefers-color-scheme``, each pair
of text and background well above 4.5:1.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CSS"]

CSS: Final = """
:root {
  color-scheme: light dark;
  --text: #1f1f1f; --muted: #5b5b5b; --background: #fdfcf8; --rule: #d8d4c8;
  --link: #1a4f8b; --term: #6b3a00; --panel: #f3f0e6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e3da; --muted: #b3ada0; --background: #17181a; --rule: #3c3d40;
    --link: #8ab8f0; --term: #f0c080; --panel: #222326;
  }
}
* { box-sizing: border-box; }
html { background: var(--background); color: var(--text); }
body {
  margin: 0 auto; padding: 2rem 1.25rem 4rem; max-width: 40rem;
  font: 1.125rem/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  overflow-wrap: break-word; hyphens: auto;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 2rem; margin-top: 0; }
a { color: var(--link); }
a.term { color: var(--term); text-decoration: underline dotted; text-underline-offset: 0.2em; }
sup { line-height: 0; font-size: 0.7em; }
a[role="doc-noteref"] sup, a.term sup { padding-left: 0.1em; }
header { border-bottom: 1px solid var(--rule); margin-bottom: 2rem; padding-bottom: 1rem; }
header p { margin: 0.25rem 0; color: var(--muted); }
header details { margin-top: 1rem; color: var(--text); }
header summary { cursor: pointer; color: var(--muted); }
blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--rule); }
pre {
  background: var(--panel); padding: 0.75rem 1rem; overflow-x: auto;
  font-size: 0.9rem; line-height: 1.45; white-space: pre-wrap;
}
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; vertical-align: top; }
hr { border: none; border-top: 1px solid var(--rule); margin: 2rem 0; }
dt { font-weight: bold; margin-top: 0.75rem; }
dd { margin-left: 1.5rem; }
section.notes, section.glossary {
  border-top: 1px solid var(--rule); margin-top: 3rem; font-size: 0.95rem;
}
aside.note { display: grid; grid-template-columns: 2.5rem 1fr; margin: 0.5rem 0; }
aside.note .note-number { text-align: right; padding-right: 0.6rem; }
aside.note .note-body > :first-child { margin-top: 0; }
aside.note .note-body > :last-child { margin-bottom: 0; }
:target { background: var(--panel); outline: 2px solid var(--rule); }
.back { font-size: 0.85rem; }
@media print { a { color: inherit; } :target { outline: none; } }
"""
