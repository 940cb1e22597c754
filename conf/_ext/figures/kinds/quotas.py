"""A cgroup drawn as a set of gauges: what is used, the limit, and what happens beyond it.

Each gauge's limit is the default of a lab option (``lab_default = "memory"``), read from
the lab runner (lab_limits.py); ``used`` is an example, in that option's unit.

    title
    resource
    [██████████░░░░░░░]|      the mark is the limit
    used               limit  (on two lines when they do not fit side by side)
    beyond
"""

from ..canvas import LINE_HEIGHT, SMALL, TEXT, TITLE, Canvas, Line, Span, label
from ..data import Table
from ..lab_limits import OPTIONS, default_limit

KEYS = {"title", "quota"}
BAR_WIDTH = 260  # a full gauge (the limit), at least
BAR_HEIGHT = 14
PAD = 12
# The words this code adds to the data's values (a non-breaking space before each colon).
USED = "utilisé : "
LIMIT = "limite : "
BEYOND = "au-delà : "


def _limit(quota: Table) -> tuple[float, str]:
    option = quota.text("lab_default")
    if option not in OPTIONS:
        raise quota.fail(f"lab_default '{option}' is not a limit of the labs; use one of {', '.join(OPTIONS)}")
    return default_limit(option)


def _lines(quota: Table, limit_text: str) -> tuple[Line, Line, Line, Line]:
    return (
        Line.of(quota.text("resource"), TEXT, bold=True),
        Line((Span(USED, SMALL, colour="muted"), Span(quota.text("used_text"), SMALL, colour="muted"))),
        Line((Span(LIMIT, SMALL), Span(limit_text, SMALL, bold=True))),
        Line((Span(BEYOND, SMALL, colour="muted"), Span(quota.text("beyond"), SMALL, colour="muted"))),
    )


def _share(quota: Table, limit: float) -> float:
    used = float(quota.get("used", (int, float)))
    if not 0 <= used <= limit:
        raise quota.fail(f"need 0 <= used <= the labs' default {quota.text('lab_default')} ({limit:g}), got used={used:g}")
    return used / limit


def draw(data: Table) -> Canvas:
    quotas = data.tables("quota")
    rows, shares = [], []
    for quota in quotas:
        quota.check_keys({"resource", "used", "lab_default", "used_text", "beyond"})
        limit, limit_text = _limit(quota)
        rows.append(_lines(quota, limit_text))
        shares.append(_share(quota, limit))
    title = label(Line.of(data.text("title"), TITLE, bold=True))
    # The widest text sets the width; "utilisé" and "limite" share a line when they fit in it.
    width = max([BAR_WIDTH, title.width] + [max(r[0].width, r[1].width, r[2].width, r[3].width) for r in rows])
    canvas = Canvas()
    top = PAD
    canvas.text(PAD, top, title)
    top += title.height + 10
    for (resource, used, limit, beyond), share in zip(rows, shares):
        canvas.text(PAD, top, label(resource))
        top += resource.size * LINE_HEIGHT + 2
        filled = max(2.0, width * share)
        canvas.rect(PAD, top, width, BAR_HEIGHT, fill="free", stroke=None, radius=3)
        canvas.rect(PAD, top, filled, BAR_HEIGHT, fill="accent", stroke=None, radius=3)
        # The limit: a mark at the end of the gauge.
        canvas.line([(PAD + width, top - 3), (PAD + width, top + BAR_HEIGHT + 3)], stroke="ink", width=2)
        top += BAR_HEIGHT + 6
        canvas.text(PAD, top, label(used))
        if used.width + 24 + limit.width > width:
            top += SMALL * LINE_HEIGHT
        canvas.text(PAD + width, top, label(limit), anchor="end")
        top += SMALL * LINE_HEIGHT
        canvas.text(PAD, top, label(beyond))
        top += SMALL * LINE_HEIGHT + 10
    canvas.rect(0, 0, width + 2 * PAD, top - 10 + PAD, stroke="accent", behind=True)  # the cgroup
    return canvas
