"""Font Awesome's solid font, cut down to the icons the book shows.

pydata-sphinx-theme draws every icon with Font Awesome's solid web font: 115 kB for some
twenty glyphs out of 1,900, the largest file a reader downloads (tests/bench/page_weight.py).
After each HTML build the copy in the output folder is replaced by a subset (fontTools) that
keeps the glyph of every icon the built pages can show:

- icon classes (`fa-bars`, `fa-magnifying-glass`…) written in any page or script, mapped to
  their code points by the theme's stylesheet (`.fa-bars,.fa-navicon{--fa:"\\f0c9"}`);
- icons a stylesheet draws itself: private-use characters written literally (the theme's
  `--pst-icon-*` variables) or as escapes outside those class rules (livre.css' boxes).
"""

from __future__ import annotations

import re
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

SOLID_FONT = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.woff2")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"\\([0-9a-f]{4})"')
ESCAPED_ICON = re.compile(r'(?<!--fa:)"\\([ef][0-9a-f]{3})"')
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

logger = logging.getLogger(__name__)


def icon_code_points(css: str) -> dict[str, int]:
    """Icon class -> code point, from the theme's `.fa-name,.fa-alias{--fa:"\\f0c9"}` rules."""
    points = {}
    for selectors, code in CLASS_RULE.findall(css):
        for name in selectors.split(","):
            if name:
                points[name.lstrip(".")] = int(code, 16)
    return points


def drawn_by_stylesheets(css: str) -> set[int]:
    """Icons a stylesheet puts in `content` itself, literally or as an escape."""
    return {ord(char) for char in PRIVATE_USE.findall(css)} | {
        int(code, 16) for code in ESCAPED_ICON.findall(css)
    }


def used_icons(outdir: Path) -> set[int]:
    """Code points of every icon the built site can show."""
    css = [path.read_text(encoding="utf-8") for path in outdir.glob("_static/**/*.css")]
    classes = icon_code_points("\n".join(css))
    used = set().union(*(drawn_by_stylesheets(text) for text in css))
    for path in [*outdir.rglob("*.html"), *outdir.glob("_static/**/*.js")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        used |= {classes[name] for name in ICON_CLASS.findall(text) if name in classes}
    return used


def subset(font_path: Path, code_points: set[int]) -> None:
    from fontTools import subset as ft_subset  # imported here: only HTML builds need it

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = ft_subset.load_font(str(font_path), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(font)
    ft_subset.save_font(font, str(font_path), options)


def _subset_after_build(app: Sphinx, exception: Exception | None) -> None:
    font = Path(app.outdir) / SOLID_FONT
    if exception is not None or app.builder.name not in ("html", "dirhtml") or not font.is_file():
        return
    before = font.stat().st_size
    icons = used_icons(Path(app.outdir))
    # Sphinx copies the theme's whole font again on every build: the subset of the same font
    # for the same icons is kept beside the doctrees, so a no-change rebuild only copies it.
    key = hashlib.sha256(font.read_bytes() + repr(sorted(icons)).encode()).hexdigest()[:16]
    kept = Path(app.doctreedir) / "icon-font" / f"{key}.woff2"
    if kept.is_file():
        font.write_bytes(kept.read_bytes())
    else:
        subset(font, icons)
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(font.read_bytes())
    logger.info(f"icon font: {len(icons)} icons kept, {before:,} -> {font.stat().st_size:,} bytes")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _subset_after_build)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
