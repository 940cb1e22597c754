"""Vertical timeline: the course's milestone years on a spine, verified dates beside them.

    [E technique] [P persistance] [R réseau]        legend, in rows as wide as the figure
    (1979) ┄ ┌ chroot ─────────────── [E] ┐
      │      │ 7ᵉ édition d'Unix (Bell Labs) │
    (2000) ┄ └───────────────────────────────┘ ...

Narrow enough for a phone's column (about 360 px): badges are packed to the right of the
name rather than kept in fixed E, P, R slots, which would need the width of all three.
"""

from ..canvas import SMALL, TEXT, Canvas, Label, Line, label
from ..data import Table
from . import tags as badges

KEYS = {"legend", "milestone"}
PAD = 8  # inside an event box
YEAR_PAD = 6  # inside a year's pill
GAP = 10  # between the year column and the events
ROW_GAP = 8  # between two events
BADGE_GAP = 3


def _year_label(milestone: Table) -> Label:
    lines = [Line.of(str(milestone.get("year", int)), TEXT, bold=True)]
    since = milestone.get("since", int, 0)
    if since:
        lines.append(Line.of(f"dès {since}", SMALL, colour="accent"))
    return label(*lines)


def _details(milestone: Table) -> Label:
    return label(*(Line.of(text, SMALL, colour="muted") for text in milestone.texts("details")))


def _legend(canvas: Canvas, data: Table, width: float) -> float:
    """Badges with their meaning, wrapped to `width`; returns the height used."""
    legend = Table(data.get("legend", dict), data.path, "legend")
    badges.check(list(legend.values), legend)
    x, top = 0.0, 0.0
    for tag in legend.values:
        needed = badges.badge_width(tag, legend.text(tag))
        if x and x + needed > width:
            x, top = 0.0, top + badges.BADGE_HEIGHT + 6
        x += badges.draw_badge(canvas, x, top, tag, legend.text(tag)) + 8
    return top + badges.BADGE_HEIGHT


def draw(data: Table) -> Canvas:
    milestones = data.tables("milestone")
    for milestone in milestones:
        milestone.check_keys({"year", "since", "name", "tags", "details"})
        badges.check(milestone.get("tags", list), milestone)
    years = [_year_label(m) for m in milestones]
    names = [label(Line.of(m.text("name"), TEXT, bold=True)) for m in milestones]
    details = [_details(m) for m in milestones]
    year_width = max(y.width for y in years) + 2 * YEAR_PAD
    tags = [milestone.get("tags", list) for milestone in milestones]
    tags_width = [sum(badges.badge_width(t) + BADGE_GAP for t in row) for row in tags]
    # Every event box has the same width, so their left edges and their badges line up.
    box_width = max(max(n.width + 10 + t for n, t in zip(names, tags_width)), max(d.width for d in details)) + 2 * PAD
    box_x = year_width + GAP
    header = max(max(n.height for n in names), badges.BADGE_HEIGHT)
    canvas = Canvas()
    top = _legend(canvas, data, box_x + box_width) + 12
    rows = []  # (top of the event box, its height)
    for detail in details:
        height = PAD + header + (4 + detail.height if detail.lines else 0) + PAD
        rows.append((top, height))
        top += height + ROW_GAP
    spine_x = year_width / 2
    centre = PAD + header / 2  # of the event's name, from its box's top: the year sits level
    canvas.line([(spine_x, rows[0][0] + centre), (spine_x, rows[-1][0] + centre)], width=3)
    for year, name, detail, row_tags, row_width, (top, height) in zip(years, names, details, tags, tags_width, rows):
        canvas.rect(box_x, top, box_width, height)
        canvas.text(box_x + PAD, top + PAD + (header - name.height) / 2, name)
        x = box_x + box_width - PAD - row_width + BADGE_GAP
        for tag in row_tags:
            x += badges.draw_badge(canvas, x, top + PAD, tag) + BADGE_GAP
        canvas.text(box_x + PAD, top + PAD + header + 4, detail)
        year_top = top + centre - TEXT / 2 - 5
        canvas.line([(year_width, top + centre), (box_x, top + centre)], dash="2 3")
        canvas.rect(0, year_top, year_width, year.height + 10, fill="accent-soft", stroke="accent", radius=9)
        canvas.text(spine_x, year_top + 5, year, anchor="middle")
    return canvas
