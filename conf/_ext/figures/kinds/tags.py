"""The reading factors of the course (E, P, R) drawn as small coloured badges."""

from ..canvas import SMALL, Canvas, Line, Span, label

TAG_ROLES = {"E": "tag-e", "P": "tag-p", "R": "tag-r"}
BADGE_HEIGHT = SMALL + 6
BADGE_PAD = 4


def badge_line(tag: str, text: str = "") -> Line:
    """The badge's text: the letter in bold, then what it stands for."""
    ink = TAG_ROLES[tag] + "-ink"
    spans = [Span(tag, SMALL, True, ink)]
    if text:
        spans.append(Span(f"\u00a0{text}", SMALL, False, ink))
    return Line(tuple(spans))


def badge_width(tag: str, text: str = "") -> float:
    return badge_line(tag, text).width + 2 * BADGE_PAD


def draw_badge(canvas: Canvas, x: float, top: float, tag: str, text: str = "") -> float:
    """One badge, same colours as the chapter's sphinx-design badges; returns its width."""
    width = badge_width(tag, text)
    canvas.rect(x, top, width, BADGE_HEIGHT, fill=TAG_ROLES[tag], stroke=None, radius=3)
    canvas.text(x + BADGE_PAD, top + 3, label(badge_line(tag, text)))
    return width


def check(tags: list[str], table) -> None:
    unknown = [t for t in tags if t not in TAG_ROLES]
    if unknown:
        raise table.fail(f"unknown tag(s) {unknown}; use E, P or R")
