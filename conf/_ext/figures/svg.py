"""Turning a drawn figure (canvas.py, light colours) into the two variants the book ships.

- ``themed``: inlined in the web page. Every palette colour becomes a role class (see
  palette.py) so dark mode repaints it, and the French alternative text is the accessible name.
- ``plain``: a standalone file for the EPUB, light colours on an opaque light background
  (an e-reader's night mode paints the page dark behind a transparent figure, and dark text
  drawn outside the boxes would all but vanish), same alternative text.
"""

import re
import xml.etree.ElementTree as ET

from .canvas import READABLE
from .palette import BY_LIGHT, PAPER

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
TITLE = f"{{{SVG_NS}}}title"
RECT = f"{{{SVG_NS}}}rect"


def _set_alt(root: ET.Element, alt: str) -> None:
    title = ET.Element(TITLE)
    title.text = alt
    root.insert(0, title)


def _paint_roles(root: ET.Element) -> None:
    """Replace palette colours by role classes; the page's stylesheet paints them.

    The attributes the classes replace are dropped, and so is the font family (set once by
    the stylesheet): inline SVG is part of the page's weight.
    """
    for element in root.iter():
        classes = element.get("class", "").split()
        for attribute, prefix in (("fill", "f"), ("stroke", "s")):
            role = BY_LIGHT.get(element.get(attribute, "").lower())
            if role is not None:
                classes.append(f"{prefix}-{role.name}")
                del element.attrib[attribute]
        element.attrib.pop("font-family", None)
        if classes:
            element.set("class", " ".join(classes))


def themed(svg_text: str, alt: str) -> str:
    """The inline, theme-aware variant for HTML pages.

    At most its natural size; in a narrower column it shrinks with the column until its
    smallest text reaches READABLE pixels, then keeps that width and scrolls (figures.css).
    """
    root = ET.fromstring(svg_text)
    _paint_roles(root)
    width = float(root.get("width"))
    smallest = min(float(size) for size in re.findall(r'font-size="([0-9.]+)"', svg_text))
    root.set("style", f"max-width: {width:.0f}px; min-width: {width * READABLE / smallest:.0f}px")
    root.set("class", "figure-data-svg")
    root.set("role", "img")
    root.set("aria-label", alt)
    _set_alt(root, alt)
    return ET.tostring(root, encoding="unicode")


def plain(svg_text: str, alt: str) -> str:
    """The standalone variant (EPUB): light colours on their own light background."""
    root = ET.fromstring(svg_text)
    x, y, width, height = root.get("viewBox").split()
    root.insert(0, ET.Element(RECT, x=x, y=y, width=width, height=height, fill=PAPER))
    _set_alt(root, alt)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
