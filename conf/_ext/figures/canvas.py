"""A small SVG canvas: boxes, lines of text, arrows, painted with palette roles.

Why a layout in Python rather than Graphviz or a package: the book's figures have fixed
shapes (dated rows, gauges, two tables, rows of boxes in known layers), so each kind places
its boxes itself in a few dozen lines (kinds/*.py) and this canvas draws them.
- Graphviz (`dot`) needed a system binary: `make html` failed on a machine with Python and
  make only, and its layouts drifted from what the data meant (layer names on invisible
  edges, spacer nodes). The PyPI `graphviz`/`pydot` packages still call that binary.
- grandalf (pure Python, Sugiyama layering) only places nodes: text measurement, labels,
  arrows and SVG would remain ours, and its last release (0.8) dates from 2023.
- drawsvg and svgwrite write SVG but lay nothing out; the few elements below do not need
  them, and a dependency less is a version less to pin.
Text is measured with DejaVu Sans' own advance widths (metrics.py); the browser tests check
on the rendered page that no text leaves its box or overlaps another.

Coordinates are CSS pixels at the figure's natural size, the size a reader sees on a
desktop: the page never enlarges a figure, and shrinks it only down to READABLE text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .metrics import text_width
from .palette import FONT, colour

# Text sizes, in pixels. Every drawn text is at least SMALL (and the caption under the
# figure is smaller still: figures.css), so the figure reads at the size of the page's text.
TITLE = 15
TEXT = 14
SMALL = 13
# A narrow column (a phone) may shrink a figure until its smallest text is READABLE, no
# further: past that, the figure scrolls sideways in its frame (svg.themed, figures.css).
READABLE = 12
LINE_HEIGHT = 1.3  # baseline to baseline, in ems
BOLD = ' font-weight="bold"'
ASCENT = 0.76  # of DejaVu Sans' em above the baseline (its cap height is 0.73)


@dataclass(frozen=True)
class Span:
    """A run of text in one style; a line is one or more spans side by side."""

    text: str
    size: float = TEXT
    bold: bool = False
    colour: str = "ink"

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.bold)


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...]

    @classmethod
    def of(cls, text: str, size: float = TEXT, bold: bool = False, colour: str = "ink") -> "Line":
        return cls((Span(text, size, bold, colour),))

    @property
    def size(self) -> float:
        return max(span.size for span in self.spans)

    @property
    def width(self) -> float:
        return sum(span.width for span in self.spans)


@dataclass(frozen=True)
class Label:
    """Lines of text stacked at LINE_HEIGHT: what a box or a column shows."""

    lines: tuple[Line, ...]

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        last = self.lines[-1].size
        # From the first line's top to the last line's descent (0.24 em under its baseline).
        return sum(line.size * LINE_HEIGHT for line in self.lines[:-1]) + last


def label(*lines: Line) -> Label:
    return Label(tuple(lines))


@dataclass
class Canvas:
    """Elements in drawing order, and the box around all of them."""

    items: list[str] = field(default_factory=list)
    left: float = float("inf")
    top: float = float("inf")
    right: float = float("-inf")
    bottom: float = float("-inf")

    def _cover(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.left, self.top = min(self.left, x0, x1), min(self.top, y0, y1)
        self.right, self.bottom = max(self.right, x0, x1), max(self.bottom, y0, y1)

    def rect(self, x: float, y: float, width: float, height: float, fill: str = "surface",
             stroke: str | None = "line", radius: float = 6, stroke_width: float = 1.2,
             behind: bool = False) -> None:
        """A rounded box; `behind` draws it beneath what is already drawn (a frame sized last)."""
        stroke_attrs = f' stroke="{colour(stroke)}" stroke-width="{stroke_width}"' if stroke else ""
        self.items.insert(
            0 if behind else len(self.items),
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"'
            f' rx="{radius}" fill="{colour(fill)}"{stroke_attrs}/>',
        )
        self._cover(x, y, x + width, y + height)

    def line(self, points: list[tuple[float, float]], stroke: str = "line", width: float = 1.4,
             dash: str = "") -> None:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        self.items.append(
            f'<polyline points="{path}" fill="none" stroke="{colour(stroke)}"'
            f' stroke-width="{width}"{dash_attr}/>'
        )
        for x, y in points:
            self._cover(x, y, x, y)

    def arrow(self, start: tuple[float, float], end: tuple[float, float], stroke: str = "line",
              tail_dot: bool = False) -> None:
        """A straight arrow; its head is a filled triangle (no <marker>: ids would clash)."""
        (x0, y0), (x1, y1) = start, end
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        head, half = 9.0, 4.0
        base = (x1 - ux * head, y1 - uy * head)
        self.line([start, base], stroke)
        corners = [(x1, y1), (base[0] - uy * half, base[1] + ux * half), (base[0] + uy * half, base[1] - ux * half)]
        self.items.append(
            f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in corners)}" fill="{colour(stroke)}"/>'
        )
        if tail_dot:
            self.items.append(f'<circle cx="{x0:.1f}" cy="{y0:.1f}" r="3" fill="{colour(stroke)}"/>')

    def text(self, x: float, top: float, block: Label, anchor: str = "start") -> None:
        """Draw `block` with its first line's top at `top`; `anchor` is start, middle or end.

        One <text> per line (tests/quality reads each as one label), spans as <tspan>.
        """
        y = top
        for line in block.lines:
            baseline = y + line.size * ASCENT
            spans = "".join(
                f'<tspan font-size="{span.size}"{BOLD if span.bold else ""}'
                f' fill="{colour(span.colour)}">{html.escape(span.text, quote=False)}</tspan>'
                for span in line.spans
            )
            self.items.append(f'<text x="{x:.1f}" y="{baseline:.1f}" text-anchor="{anchor}">{spans}</text>')
            offset = {"start": 0.0, "middle": line.width / 2, "end": line.width}[anchor]
            self._cover(x - offset, y, x - offset + line.width, y + line.size)
            y += line.size * LINE_HEIGHT

    def svg(self, pad: float = 4) -> str:
        """The SVG document: natural size in pixels, light colours, DejaVu Sans."""
        x, y = self.left - pad, self.top - pad
        width, height = self.right - self.left + 2 * pad, self.bottom - self.top + 2 * pad
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}"'
            f' viewBox="{x:.1f} {y:.1f} {width:.1f} {height:.1f}" font-family="{FONT}, sans-serif">'
            + "".join(self.items)
            + "</svg>"
        )
