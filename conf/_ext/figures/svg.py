"""Turning Graphviz's SVG into the two variants the book ships.

- ``themed``: inlined in the web page. Ids, tooltips (<title>) and comments are removed,
  every palette colour becomes a role class (see palette.py) so dark mode repaints it,
  and the French alternative text is the accessible name.
- ``plain``: a standalone file for the EPUB, light colours kept, same alternative text.
"""

import re
import xml.etree.ElementTree as ET

from .palette import BY_LIGHT

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
TITLE = f"{{{SVG_NS}}}title"


def _clean(root: ET.Element) -> None:
    """Drop Graphviz's per-element tooltips and ids (duplicated across inlined figures)."""
    for parent in root.iter():
        for child in list(parent):
            if child.tag == TITLE:
                parent.remove(child)
        parent.attrib.pop("id", None)


def _natural_size(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def _set_alt(root: ET.Element, alt: str) -> None:
    title = ET.Element(TITLE)
    title.text = alt
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-label", alt)


def _paint_roles(root: ET.Element) -> None:
    """Replace palette colours by role classes; the page's stylesheet paints them.

    The attributes the classes replace are dropped, and so are invisible strokes and the
    font family (set once by the stylesheet): inline SVG is part of the page's weight.
    """
    for element in root.iter():
        classes = element.get("class", "").split()
        for attribute, prefix in (("fill", "f"), ("stroke", "s")):
            value = element.get(attribute, "").lower()
            role = BY_LIGHT.get(value)
            if role is not None:
                classes.append(f"{prefix}-{role.name}")
                del element.attrib[attribute]
            elif attribute == "stroke" and value == "transparent":
                del element.attrib[attribute]
        element.attrib.pop("font-family", None)
        if classes:
            element.set("class", " ".join(classes))


def _parse(svg_text: str) -> ET.Element:
    # ElementTree drops the DOCTYPE and comments, which EPUB checkers dislike anyway.
    return ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", svg_text.split("?>", 1)[-1]))


def themed(svg_text: str, alt: str, min_width: int) -> str:
    """The inline, theme-aware variant for HTML pages."""
    root = _parse(svg_text)
    _clean(root)
    _paint_roles(root)
    width, height = _natural_size(root)
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("class", "figure-data-svg")
    # Units of the viewBox are shown as CSS pixels at most, so fontsize 12 reads as 12px.
    root.set("style", f"max-width: {width:.0f}px; --fig-min-width: {min(min_width, width):.0f}px")
    root.set("width", f"{width:.0f}")
    root.set("height", f"{height:.0f}")
    _set_alt(root, alt)
    return ET.tostring(root, encoding="unicode")


def plain(svg_text: str, alt: str) -> str:
    """The standalone variant (EPUB): light colours, no classes needed."""
    root = _parse(svg_text)
    _clean(root)
    _set_alt(root, alt)
    root.attrib.pop("role", None)
    root.attrib.pop("aria-label", None)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
