"""Layered diagram of container runtimes: one row per layer, Docker and Kubernetes paths."""

from ..data import Table
from ..dot import esc, graph_header, quote
from ..palette import colour

KEYS = {"layer", "node", "edge"}
SIDES = {  # fill, border, edge colour of each side of the diagram
    "docker": ("accent-soft", "accent", "accent"),
    "kube": ("kube-soft", "kube", "kube"),
    "shared": ("surface", "ink", "line"),
    "host": ("host", "line", "line"),
}


def _side(table: Table, default: str) -> tuple[str, str, str]:
    side = table.text("side", default)
    if side not in SIDES:
        raise table.fail(f"unknown side '{side}'; use one of {', '.join(SIDES)}")
    return SIDES[side]


def _node(node: Table) -> str:
    node.check_keys({"id", "label", "note", "side"})
    fill, line, _ = _side(node, "shared")
    label = f'<B>{esc(node.text("label"))}</B>'
    if node.text("note", ""):
        label += f'<BR/><FONT POINT-SIZE="10" COLOR="{colour("muted")}">{esc(node.text("note")).replace(chr(10), "<BR/>")}</FONT>'
    return (
        f"  {quote(node.text('id'))} [label=<{label}> fillcolor={quote(colour(fill))}"
        f" color={quote(colour(line))} margin=\"0.12,0.05\"];\n"
    )


def to_dot(data: Table) -> str:
    nodes = data.tables("node")
    known = {node.text("id") for node in nodes}
    out = [graph_header("TB", nodesep="0.35", ranksep="0.35", newrank="true")]
    out.extend(_node(node) for node in nodes)
    previous = None
    for index, layer in enumerate(data.tables("layer")):
        layer.check_keys({"name", "nodes"})
        members = layer.texts("nodes")
        missing = [m for m in members if m not in known]
        if missing:
            raise layer.fail(f"nodes {missing} are not declared in [[node]]")
        # A column of layer names on the left, each on the same rank as its layer's nodes.
        name = f"layer{index}"
        out.append(
            f'  {name} [shape=plaintext style="" label={quote(layer.text("name"))}'
            f' fontsize=10 fontcolor={quote(colour("muted"))}];\n'
        )
        out.append(f"  {{ rank=same; {name}; {' '.join(quote(m) for m in members)} }}\n")
        if previous:
            out.append(f"  {previous} -> {name} [style=invis];\n")
        previous = name
    for edge in data.tables("edge"):
        edge.check_keys({"from", "to", "label", "side"})
        for end in ("from", "to"):
            if edge.text(end) not in known:
                raise edge.fail(f"'{end}' names an undeclared node '{edge.text(end)}'")
        _, _, line = _side(edge, "shared")
        label = edge.text("label", "")
        out.append(
            f"  {quote(edge.text('from'))} -> {quote(edge.text('to'))} [color={quote(colour(line))}"
            + (f" label={quote(' ' + label)}" if label else "")
            + "];\n"
        )
    out.append("}\n")
    return "".join(out)
