"""Two PID tables, the container's and the host's, with arrows joining the same process.

    Dans le conteneur        Sur l'hôte
                                1  systemd (init)
                                …
    nginx (principal)  1 ●──▶ 1251  nginx (principal)
                                …
    nginx (worker)     2 ●──▶ 1265  nginx (worker)
                                …
    ──▶ même processus

Each container row stands level with its host row, so the arrows are short and straight
and the figure fits a phone's column; the blank rows of the container's table are the
host's processes it does not see.
"""

from ..canvas import SMALL, TEXT, Canvas, Label, Line, label
from ..data import Table

KEYS = {"inside", "outside", "process", "host_only"}
GAP = "…"
PAD = 10
ROW = 24  # height of one process row
PID_GAP = 8  # between a PID and its process name
ARROWS = 38  # between the two tables


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


def _pid(text: str) -> Label:
    return label(Line.of(text, TEXT, bold=True, colour="muted" if text == GAP else "ink"))


def _name(text: str) -> Label:
    return label(Line.of(text, SMALL))


def draw(data: Table) -> Canvas:
    processes = data.tables("process")
    host_only = data.tables("host_only") if "host_only" in data.values else []
    for process in processes:
        process.check_keys({"inside", "outside", "name"})
    for process in host_only:
        process.check_keys({"outside", "name"})
    inside_heading, outside_heading = _heading(data, "inside"), _heading(data, "outside")
    host_rows = _host_rows(processes, host_only)
    rows_top = PAD + max(inside_heading.height, outside_heading.height) + 8
    centre = {pid: rows_top + ROW * index + ROW / 2 for index, (pid, _) in enumerate(host_rows) if pid != GAP}
    # The container's table: process names, then their PIDs against the arrows.
    inside = [(str(p.get("inside", int)), p.text("name"), centre[str(p.get("outside", int))]) for p in processes]
    inside_pids = max(_pid(pid).width for pid, _, _ in inside)
    inside_width = max(inside_heading.width, max(_name(n).width for _, n, _ in inside) + PID_GAP + inside_pids) + 2 * PAD
    inside_height = max(y for _, _, y in inside) + ROW / 2 + PAD - 4
    # The host's table: PIDs against the arrows, then process names.
    host_pids = max(_pid(pid).width for pid, _ in host_rows)
    outside_width = max(outside_heading.width, host_pids + PID_GAP + max(_name(n).width for _, n in host_rows)) + 2 * PAD
    outside_height = rows_top + ROW * len(host_rows) + PAD - 4
    outside_x = inside_width + ARROWS
    canvas = Canvas()
    canvas.rect(0, 0, inside_width, inside_height, fill="accent-soft", stroke="accent")
    canvas.rect(outside_x, 0, outside_width, outside_height, fill="host", stroke="line")
    canvas.text(inside_width / 2, PAD, inside_heading, anchor="middle")
    canvas.text(outside_x + outside_width / 2, PAD, outside_heading, anchor="middle")
    for pid, name, y in inside:
        canvas.text(PAD, y - SMALL / 2, _name(name))
        canvas.text(inside_width - PAD, y - TEXT / 2, _pid(pid), anchor="end")
        canvas.arrow((inside_width - 4, y), (outside_x + 2, y), stroke="accent", tail_dot=True)
    for index, (pid, name) in enumerate(host_rows):
        y = rows_top + ROW * index + ROW / 2
        canvas.text(outside_x + PAD + host_pids, y - TEXT / 2, _pid(pid), anchor="end")
        canvas.text(outside_x + PAD + host_pids + PID_GAP, y - SMALL / 2, _name(name))
    # What every arrow means, once, under the container's table.
    legend_y = inside_height + 18
    canvas.arrow((0, legend_y), (ARROWS - 8, legend_y), stroke="accent", tail_dot=True)
    canvas.text(ARROWS, legend_y - SMALL / 2, label(Line.of("même processus", SMALL, colour="accent")))
    return canvas
