"""A cgroup drawn as a set of gauges: what is used, the limit, and what happens beyond it.

    title
    resource
    [██████████░░░░░░░]|      the mark is the limit
    used               limit  (on two lines when they do not fit side by side)
    beyond
"""

from ..canvas import SMALL, TEXT, TITLE, Canvas, Line, Span, label
from ..data import Table

KEYS = {"title", "quota"}
BAR_WIDTH = 260  # a full gauge (the limit), at least
BAR_HEIGHT = 14
PAD = 12
# The words this code adds to the data's values (a non-breaking space before each colon).
USED = "utilisé : "
LIMIT = "limite : "
BEYOND = "au-delà : "


def _lines(quota: Table) -> tuple[Line, Line, Line, Line]:
    quota.check_keys({"resource", "used", "limit", "used_text", "limit_text", "beyond"})
    return (
        Line.of(quota.text("resource"), TEXT, bold=True),
        Line((Span(USED, SMALL, colour="muted"), Span(quota.text("used_text"), SMALL, colour="muted"))),
        Line((Span(LIMIT, SMALL), Span(quota.text("limit_text"), SMALL, bold=True))),
        Line((Span(BEYOND, SMALL, colour="muted"), Span(quota.text("beyond"), SMALL, colour="muted"))),
    )


def _share(quota: Table) -> float:
    used = float(quota.get("used", (int, float)))
    limit = float(quota.get("limit", (int, float)))
    if not 0 <= used <= limit or limit <= 0:
        raise quota.fail(f"need 0 <= used <= limit and limit > 0, got used={used}, limit={limit}")
    return used / limit


def draw(data: Table) -> Canvas:
    quotas = data.tables("quota")
    rows = [_lines(quota) for quota in quotas]
    shares = [_share(quota) for quota in quotas]
    title = label(Line.of(data.text("title"), TITLE, bold=True))
    # The widest text sets the width; "utilisé" and "limite" share a line when they fit in it.
    width = max([BAR_WIDTH, title.width] + [max(r[0].width, r[1].width, r[2].width, r[3].width) for r in rows])
    canvas = Canvas()
    top = PAD
    canvas.text(PAD, top, title)
    top += title.height + 10
    for (resource, used, limit, beyond), share in zip(rows, shares):
        canvas.text(PAD, top, label(resource))
        top += resource.size * 1.3 + 2
        filled = max(2.0, width * share)
        canvas.rect(PAD, top, width, BAR_HEIGHT, fill="free", stroke=None, radius=3)
        canvas.rect(PAD, top, filled, BAR_HEIGHT, fill="accent", stroke=None, radius=3)
        # The limit: a mark at the end of the gauge.
        canvas.line([(PAD + width, top - 3), (PAD + width, top + BAR_HEIGHT + 3)], stroke="ink", width=2)
        top += BAR_HEIGHT + 6
        canvas.text(PAD, top, label(used))
        if used.width + 24 + limit.width > width:
            top += SMALL * 1.3
        canvas.text(PAD + width, top, label(limit), anchor="end")
        top += SMALL * 1.3
        canvas.text(PAD, top, label(beyond))
        top += SMALL * 1.3 + 10
    canvas.rect(0, 0, width + 2 * PAD, top - 10 + PAD, stroke="accent", behind=True)  # the cgroup
    return canvas
