"""A cgroup drawn as a set of gauges: what is used, the limit, and what happens beyond it."""

from ..data import Table
from ..dot import esc, graph_header
from ..palette import colour

KEYS = {"title", "quota"}
BAR = 180  # width of a full gauge (the limit), in points


def _gauge(quota: Table) -> str:
    quota.check_keys({"resource", "used", "limit", "used_text", "limit_text", "beyond"})
    used = float(quota.get("used", (int, float)))
    limit = float(quota.get("limit", (int, float)))
    if not 0 <= used <= limit or limit <= 0:
        raise quota.fail(f"need 0 <= used <= limit and limit > 0, got used={used}, limit={limit}")
    filled = max(1, round(BAR * used / limit))
    free = BAR - filled
    free_cell = f'<TD WIDTH="{free}" HEIGHT="14" FIXEDSIZE="TRUE" BGCOLOR="{colour("free")}"></TD>' if free else ""
    muted = colour("muted")
    return (
        f'<TR><TD ALIGN="LEFT" COLSPAN="2"><B>{esc(quota.text("resource"))}</B></TD></TR>'
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        f'<TD WIDTH="{filled}" HEIGHT="14" FIXEDSIZE="TRUE" BGCOLOR="{colour("accent")}"></TD>'
        f"{free_cell}</TR></TABLE></TD>"
        f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10">limite : <B>{esc(quota.text("limit_text"))}</B></FONT></TD></TR>'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{muted}">utilisé : {esc(quota.text("used_text"))}</FONT></TD>'
        f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{muted}">au-delà : {esc(quota.text("beyond"))}</FONT></TD></TR>'
    )


def to_dot(data: Table) -> str:
    gauges = "".join(_gauge(quota) for quota in data.tables("quota"))
    out = [graph_header("TB")]
    out.append(
        f'  cgroup [shape=plain style="" label=<<TABLE BORDER="1" STYLE="rounded" CELLBORDER="0"'
        f' CELLSPACING="3" CELLPADDING="3" BGCOLOR="{colour("surface")}" COLOR="{colour("accent")}">'
        f'<TR><TD COLSPAN="2"><B>{esc(data.text("title"))}</B></TD></TR>{gauges}</TABLE>>];\n'
    )
    out.append("}\n")
    return "".join(out)
