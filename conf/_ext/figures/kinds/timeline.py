"""Vertical timeline: the course's milestone years on a spine, verified dates beside them."""

from ..data import Table
from ..dot import esc, graph_header
from ..palette import colour
from . import tags as badges

KEYS = {"legend", "milestone"}
ROW_WIDTH = 280  # every event box has the same width, so their left edges line up
BADGES_WIDTH = 56


def _year_node(ident: str, milestone: Table) -> str:
    year = milestone.get("year", int)
    since = milestone.get("since", int, 0)
    label = f'<B>{year}</B>'
    if since:
        label += f'<BR/><FONT POINT-SIZE="9" COLOR="{colour("accent")}">dès {since}</FONT>'
    return (
        f'  {ident} [label=<{label}> fillcolor="{colour("accent-soft")}" color="{colour("accent")}"'
        f" width=0.75 height={0.5 if since else 0.36} fixedsize=true fontsize=13];\n"
    )


def _event_node(ident: str, milestone: Table) -> str:
    tags = milestone.get("tags", list)
    badges.check(tags, milestone)
    # One fixed slot per factor, so E, P and R stand in the same column on every row.
    cells = "".join(badges.badge(tag) if tag in tags else "<TD></TD>" for tag in badges.TAG_ROLES)
    details = "".join(
        f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT COLOR="{colour("muted")}" POINT-SIZE="10">'
        f"{esc(line)}</FONT></TD></TR>"
        for line in milestone.texts("details")
    )
    return (
        f'  {ident} [shape=plain style="" label=<<TABLE BORDER="1" STYLE="rounded" CELLBORDER="0"'
        f' CELLSPACING="1" CELLPADDING="2" WIDTH="{ROW_WIDTH}" BGCOLOR="{colour("surface")}"'
        f' COLOR="{colour("line")}">'
        f'<TR><TD ALIGN="LEFT" WIDTH="{ROW_WIDTH - BADGES_WIDTH}"><B>{esc(milestone.text("name"))}</B></TD>'
        f'<TD ALIGN="RIGHT" WIDTH="{BADGES_WIDTH}"><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR>'
        f"</TABLE></TD></TR>{details}</TABLE>>];\n"
    )


def _legend_node(data: Table) -> str:
    legend = Table(data.get("legend", dict), data.path, "legend")
    badges.check(list(legend.values), legend)
    cells = "".join(badges.badge(tag, legend.text(tag)) for tag in legend.values)
    return (
        f'  legend [shape=plain style="" label=<<TABLE BORDER="0" CELLSPACING="3" WIDTH="{ROW_WIDTH}">'
        f"<TR>{cells}</TR></TABLE>>];\n"
        # An invisible box above the years keeps the legend over the column of events.
        "  legend_spacer [style=invis width=0.75 height=0.3 fixedsize=true];\n"
        "  { rank=same; legend_spacer; legend; }\n"
        "  legend_spacer -> legend [style=invis];\n"
    )


def to_dot(data: Table) -> str:
    milestones = data.tables("milestone")
    out = [graph_header("TB", nodesep="0.3", ranksep="0.14")]
    out.append(_legend_node(data))
    previous = "legend_spacer"
    for index, milestone in enumerate(milestones):
        milestone.check_keys({"year", "since", "name", "tags", "details"})
        year, event = f"y{index}", f"e{index}"
        out.append(_year_node(year, milestone))
        out.append(_event_node(event, milestone))
        out.append(f"  {{ rank=same; {year}; {event}; }}\n")
        out.append(f"  {year} -> {event} [arrowhead=none style=dotted minlen=1];\n")
        spine = 'style=invis' if previous == "legend_spacer" else f'penwidth=3 color="{colour("line")}"'
        out.append(f"  {previous} -> {year} [arrowhead=none weight=10 {spine}];\n")
        previous = year
    out.append("}\n")
    return "".join(out)
