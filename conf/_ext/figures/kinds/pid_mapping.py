"""Two PID tables, the container's and the host's, with arrows joining the same process."""

from ..data import Table
from ..dot import esc, graph_header
from ..palette import colour

KEYS = {"inside", "outside", "process", "host_only"}
GAP = "…"


def _row(port: str, pid: int | str, name: str, port_on_name: bool = False) -> str:
    """One process; the arrow leaves the container by the name cell, enters the host by the PID."""
    port_attr = f' PORT="{port}"' if port else ""
    pid_port, name_port = ("", port_attr) if port_on_name else (port_attr, "")
    return (
        f'<TR><TD ALIGN="RIGHT" WIDTH="40"{pid_port}><FONT POINT-SIZE="14"><B>{pid}</B></FONT></TD>'
        f'<TD ALIGN="LEFT" WIDTH="110"{name_port}>{esc(name)}</TD></TR>'
    )


def _table(ident: str, heading: Table, rows: list[str], fill: str, line: str) -> str:
    title = esc(heading.text("title"))
    subtitle = esc(heading.text("subtitle"))
    return (
        f'  {ident} [shape=plain style="" label=<<TABLE BORDER="1" STYLE="rounded" CELLBORDER="0"'
        f' CELLSPACING="2" CELLPADDING="4" BGCOLOR="{colour(fill)}" COLOR="{colour(line)}">'
        f'<TR><TD COLSPAN="2"><B>{title}</B><BR/><FONT POINT-SIZE="10" COLOR="{colour("muted")}">'
        f"{subtitle}</FONT></TD></TR>{''.join(rows)}</TABLE>>];\n"
    )


def to_dot(data: Table) -> str:
    processes = data.tables("process")
    host_only = data.tables("host_only") if "host_only" in data.values else []
    for process in processes:
        process.check_keys({"inside", "outside", "name"})
    for process in host_only:
        process.check_keys({"outside", "name"})
    inside_rows = [_row(f"i{p.get('inside', int)}", p.get("inside", int), p.text("name"), True) for p in processes]
    # The host sees every process, the container's among many others: sort by host PID and
    # mark the gaps so 1 → 1251 reads as "far away in the host's numbering".
    host = sorted(
        [(p.get("outside", int), p.text("name"), p in processes) for p in processes + host_only],
        key=lambda item: item[0],
    )
    outside_rows, previous = [], 0
    for pid, name, _ in host:
        if pid > previous + 1:
            outside_rows.append(_row("", GAP, ""))
        outside_rows.append(_row(f"o{pid}", pid, name))
        previous = pid
    outside_rows.append(_row("", GAP, ""))
    out = [graph_header("LR", nodesep="0.4", ranksep="0.75")]
    out.append(_table("inside", Table(data.get("inside", dict), data.path, "inside"), inside_rows, "accent-soft", "accent"))
    out.append(_table("outside", Table(data.get("outside", dict), data.path, "outside"), outside_rows, "host", "line"))
    for process in processes:
        inside, outside = process.get("inside", int), process.get("outside", int)
        out.append(
            f'  inside:i{inside}:e -> outside:o{outside}:w [dir=both arrowtail=dot arrowhead=normal'
            f' color="{colour("accent")}" label="même processus"];\n'
        )
    out.append("}\n")
    return "".join(out)
