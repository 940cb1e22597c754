"""How wide a text is in DejaVu Sans, without the font file: the figures' layout needs it.

The figures are laid out in Python (canvas.py, kinds/), so the build needs no font and no
system binary. Their text is set in DejaVu Sans, whose wide metrics keep a narrower fallback
font inside the boxes too. The advance widths in dejavu-sans-widths.json were read from the
font itself by ``write_table`` (from conf/_ext, with fontTools installed:
``python -m figures.metrics /usr/share/fonts/truetype/dejavu``; a maintainer's tool, not a
build dependency). Kerning is ignored: it only ever narrows a text, so a box measured here
is never too small (tests/browser/test_chapter_figures.py measures the drawn page).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TABLE = Path(__file__).with_name("dejavu-sans-widths.json")
# Characters the table covers: Latin, Latin-1, Latin Extended-A and French typography.
CHARACTERS = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "".join(chr(code) for code in range(0xA0, 0x180))
    + "\u2009\u202f\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2190\u2192\u2194\u02b3\u1d49"
)
FONTS = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


def _load() -> tuple[int, dict[bool, dict[str, int]]]:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    widths = {bold: dict(zip(table["characters"], table[style])) for bold, style in ((False, "regular"), (True, "bold"))}
    return table["units_per_em"], widths


UNITS_PER_EM, _WIDTHS = _load()


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of `text` set at `size` pixels, regular or bold.

    A character outside the table counts as a full em: a box is never too narrow for it.
    """
    widths = _WIDTHS[bold]
    return sum(widths.get(char, UNITS_PER_EM) for char in text) * size / UNITS_PER_EM


def write_table(font_dir: Path) -> None:
    """Rewrite dejavu-sans-widths.json from the font files in `font_dir`."""
    from fontTools.ttLib import TTFont  # maintainer's tool only

    table = {"font": "DejaVu Sans", "characters": CHARACTERS}
    for style, file in FONTS.items():
        font = TTFont(font_dir / file)
        table["units_per_em"] = font["head"].unitsPerEm
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        table[style] = [metrics[cmap[ord(c)]][0] if ord(c) in cmap else table["units_per_em"] for c in CHARACTERS]
    TABLE.write_text(json.dumps(table, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table(Path(sys.argv[1]))
