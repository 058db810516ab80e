"""SGR codes as tmux's ``capture-pane -e`` writes them, and the colour maths to judge them.

A terminal test sees colours the way a user does: as the escape codes the app sent, after
tmux kept them. This module turns those codes into a :class:`Pen` (colours as RGB, palette
indexes kept, attributes by name) and measures colours the way WCAG 2 does (relative
luminance, contrast ratio), so a test can say "this text is readable" with a number.

256-colour indexes map to RGB through xterm's default palette: that is what the indexes
mean in tmux and in most terminals, and the 16 system colours are the one part a user may
have changed, so judgements that matter should not rest on them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

RGB = tuple[int, int, int]

# xterm's default system colours (indexes 0–15).
_SYSTEM: tuple[RGB, ...] = (
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
)
_CUBE_LEVELS = (0, 95, 135, 175, 215, 255)


def xterm_rgb(index: int) -> RGB:
    """The RGB of 256-colour palette entry ``index`` in xterm's default palette."""
    if not 0 <= index <= 255:
        raise ValueError(f"palette index out of range: {index}")
    if index < 16:
        return _SYSTEM[index]
    if index < 232:
        cube = index - 16
        return (
            _CUBE_LEVELS[cube // 36],
            _CUBE_LEVELS[cube // 6 % 6],
            _CUBE_LEVELS[cube % 6],
        )
    grey = 8 + 10 * (index - 232)
    return (grey, grey, grey)


@dataclass(frozen=True)
class Colour:
    """A colour as the terminal was told it: RGB always, the palette index when it was one
    (``index`` is None for 24-bit colours), so a failure can name "colour 222"."""

    rgb: RGB
    index: int | None = None

    @classmethod
    def from_index(cls, index: int) -> Colour:
        return cls(xterm_rgb(index), index)

    def __str__(self) -> str:
        hex_rgb = "#{:02x}{:02x}{:02x}".format(*self.rgb)
        return hex_rgb if self.index is None else f"{self.index} ({hex_rgb})"


@dataclass(frozen=True)
class Pen:
    """What SGR codes set: colours (None is the terminal's default) and the attributes on,
    by name: bold, dim, italic, underline, blink, reverse, hidden, strike, overline."""

    fg: Colour | None = None
    bg: Colour | None = None
    attributes: frozenset[str] = frozenset()

    @property
    def bold(self) -> bool:
        return "bold" in self.attributes

    @property
    def underline(self) -> bool:
        return "underline" in self.attributes

    @property
    def reverse(self) -> bool:
        return "reverse" in self.attributes

    def with_attributes(self, *names: str, on: bool = True) -> Pen:
        changed = self.attributes | set(names) if on else self.attributes - set(names)
        return replace(self, attributes=frozenset(changed))


PLAIN = Pen()

_SET = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse"}
_SET |= {8: "hidden", 9: "strike", 53: "overline"}
_RESET = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",)}
_RESET |= {27: ("reverse",), 28: ("hidden",), 29: ("strike",), 55: ("overline",)}


def apply_sgr(pen: Pen, parameters: str) -> Pen:
    """The pen after ``ESC [ parameters m``.

    Handles what tmux writes: resets, attributes on and off, 8/16-colour codes, ``38;5;n``
    and ``38;2;r;g;b`` (and their colon forms), and underline styles ``4:n``. Codes that do
    not change fg, bg or an attribute (underline colour, fonts) are skipped whole.
    """
    codes = [part.split(":") for part in parameters.split(";")] if parameters else [["0"]]
    stream = iter(codes)
    for code in stream:
        head = int(code[0] or 0)
        if head in (38, 48, 58):
            colour = _extended_colour(code[1:], stream)
            if head == 38:
                pen = replace(pen, fg=colour)
            elif head == 48:
                pen = replace(pen, bg=colour)
        elif head == 0:
            pen = PLAIN
        elif head == 4 and len(code) > 1:
            pen = pen.with_attributes("underline", on=code[1] not in ("", "0"))
        elif head in _SET:
            pen = pen.with_attributes(_SET[head])
        elif head in _RESET:
            pen = pen.with_attributes(*_RESET[head], on=False)
        elif 30 <= head <= 37 or 90 <= head <= 97:
            pen = replace(pen, fg=Colour.from_index(_basic_index(head - 30)))
        elif 40 <= head <= 47 or 100 <= head <= 107:
            pen = replace(pen, bg=Colour.from_index(_basic_index(head - 40)))
        elif head == 39:
            pen = replace(pen, fg=None)
        elif head == 49:
            pen = replace(pen, bg=None)
    return pen


def _basic_index(offset: int) -> int:
    """Palette index of an SGR 30–37 / 90–97 style code, given as its offset from 30."""
    return offset if offset < 8 else offset - 60 + 8


def _extended_colour(sub: Sequence[str], rest: Iterator[list[str]]) -> Colour | None:
    """The colour of a ``38``/``48``/``58`` code: from its colon subparameters when it has
    them, else from the ``;``-separated parameters that follow (consumed from ``rest``)."""
    fields = [int(field or 0) for field in sub]
    if not fields:
        kind = next(rest, ["0"])
        fields = [int(kind[0] or 0)]
        wanted = {5: 1, 2: 3}.get(fields[0], 0)
        fields += [int(next(rest, ["0"])[0] or 0) for _ in range(wanted)]
    if fields[0] == 5 and len(fields) >= 2:
        return Colour.from_index(fields[1])
    if fields[0] == 2 and len(fields) >= 4:
        # The colon form may carry a colour-space id before r:g:b.
        red, green, blue = fields[-3:]
        return Colour((red, green, blue))
    return None


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (none) to 21 (black on white); order-free."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)
