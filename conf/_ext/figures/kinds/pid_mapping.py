"""Two PID tables, the container's and the host's, with arrows joining the same process.

    Dans le conteneur           Sur l'hôte
       1  nginx (principal) ●─┐      1  systemd (init)
       2  nginx (worker)    ●─┼─┐    …
                              └─┼──▶ 1251  nginx (principal)
                                └──▶ 1265  nginx (worker)
"""

from ..canvas import SMALL, TEXT, Canvas, Label, Line, label
from ..data import Table

KEYS = {"inside", "outside", "process", "host_only"}
GAP = "…"
PAD = 10
ROW = 24  # height of one process row
PID_GAP = 10  # between the PID column and the names
ARROWS = 150  # room between the two tables for the arrows and their label


def _heading(data: Table, key: str) -> Label:
    heading = Table(data.get(key, dict), data.path, key)
    heading.check_keys({"title", "subtitle"})
    return label(Line.of(heading.text("title"), TEXT, bold=True), Line.of(heading.text("subtitle"), SMALL, colour="muted"))


def _host_rows(processes: list[Table], host_only: list[Table]) -> list[tuple[str, str]]:
    """The host sees every process, the container's among many others: sorted by host PID,
    with "…" for the gaps, so 1 → 1251 reads as "far away in the host's numbering"."""
    host = sorted(((p.get("outside", int), p.text("name")) for p in processes + host_only), key=lambda row: row[0])
    rows, previous = [], 0
    for pid, name in host:
        if pid > previous + 1:
            rows.append((GAP, ""))
        rows.append((str(pid), name))
        previous = pid
    return rows + [(GAP, "")]


def _table(canvas: Canvas, x: float, heading: Label, rows: list[tuple[str, str]], fill: str, line: str) -> dict[str, float]:
    """Draw one table at `x`; returns the vertical centre of each PID's row."""
    pid_width = max(Line.of(pid, TEXT, bold=True).width for pid, _ in rows)
    names_width = max(Line.of(name, SMALL).width for _, name in rows)
    width = max(heading.width, pid_width + PID_GAP + names_width) + 2 * PAD
    top = PAD + heading.height + 8
    height = top + ROW * len(rows) + PAD - 4
    canvas.rect(x, 0, width, height, fill=fill, stroke=line)
    canvas.text(x + width / 2, PAD, heading, anchor="middle")
    centres = {}
    for index, (pid, name) in enumerate(rows):
        centre = top + ROW * index + ROW / 2
        colour = "muted" if pid == GAP else "ink"
        canvas.text(x + PAD + pid_width, centre - TEXT / 2, label(Line.of(pid, TEXT, bold=True, colour=colour)), anchor="end")
        canvas.text(x + PAD + pid_width + PID_GAP, centre - SMALL / 2, label(Line.of(name, SMALL)))
        if pid != GAP:
            centres[pid] = centre
    return {"width": width, **centres}


def draw(data: Table) -> Canvas:
    processes = data.tables("process")
    host_only = data.tables("host_only") if "host_only" in data.values else []
    for process in processes:
        process.check_keys({"inside", "outside", "name"})
    for process in host_only:
        process.check_keys({"outside", "name"})
    canvas = Canvas()
    inside_rows = [(str(p.get("inside", int)), p.text("name")) for p in processes]
    inside = _table(canvas, 0, _heading(data, "inside"), inside_rows, "accent-soft", "accent")
    outside_x = inside["width"] + ARROWS
    outside = _table(canvas, outside_x, _heading(data, "outside"), _host_rows(processes, host_only), "host", "line")
    tag = label(Line.of("même processus", SMALL, colour="accent"))
    for process in processes:
        start = (inside["width"] - 4, inside[str(process.get("inside", int))])
        end = (outside_x + 2, outside[str(process.get("outside", int))])
        canvas.arrow(start, end, stroke="accent", tail_dot=True)
    # One label above the arrows says what every arrow means.
    highest = min(min(inside[str(p.get("inside", int))], outside[str(p.get("outside", int))]) for p in processes)
    canvas.text(inside["width"] + ARROWS / 2, highest - SMALL * 1.9, tag, anchor="middle")
    return canvas
