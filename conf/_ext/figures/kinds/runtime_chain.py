"""Layered diagram of container runtimes: one row per layer, Docker and Kubernetes paths.

    Clients     [docker]        [kubelet]
    Démons      [dockerd]          │ CRI
    Runtimes    [containerd] ◀─────┘ [cri-o]
    ...               [runc]                   shared and host boxes span the middle
"""

from ..canvas import SMALL, TEXT, Canvas, Label, Line, label
from ..data import Table

KEYS = {"layer", "node", "edge"}
SIDES = {  # fill, border, edge colour and column of each side of the diagram
    "docker": ("accent-soft", "accent", "accent", 0),
    "kube": ("kube-soft", "kube", "kube", 1),
    "shared": ("surface", "ink", "line", None),  # None: centred under both columns
    "host": ("host", "line", "line", None),
}
PAD_X, PAD_Y = 10, 6  # inside a box
NAMES_GAP = 18  # between the layer names and the boxes
COLUMN_GAP = 90  # between the two columns: room for the diagonal edges and their labels
LAYER_GAP = 34  # between two layers: room for an edge's label


def _side(table: Table, default: str) -> tuple:
    side = table.text("side", default)
    if side not in SIDES:
        raise table.fail(f"unknown side '{side}'; use one of {', '.join(SIDES)}")
    return SIDES[side]


def _node_label(node: Table) -> Label:
    node.check_keys({"id", "label", "note", "side"})
    lines = [Line.of(node.text("label"), TEXT, bold=True)]
    lines += [Line.of(note, SMALL, colour="muted") for note in node.text("note", "").splitlines()]
    return label(*lines)


def _anchor(box_x: float, box_width: float, other_x: float) -> float:
    """Where an edge meets a box: straight down when the box at its other end stands in the
    same column, else a quarter of the width towards it, so two edges never share a point."""
    if abs(other_x - box_x) < 1:
        return box_x + box_width / 2
    return box_x + box_width / 2 + (box_width / 4 if other_x > box_x else -box_width / 4)


def draw(data: Table) -> Canvas:
    nodes = {node.text("id"): node for node in data.tables("node")}
    labels = {ident: _node_label(node) for ident, node in nodes.items()}
    layers = data.tables("layer")
    box_width = max(lab.width for lab in labels.values()) + 2 * PAD_X
    names = [label(*(Line.of(text, SMALL, colour="muted") for text in layer.text("name").splitlines())) for layer in layers]
    columns_x = max(name.width for name in names) + NAMES_GAP
    column_left = [columns_x, columns_x + box_width + COLUMN_GAP]
    middle = columns_x + box_width + COLUMN_GAP / 2 - box_width / 2
    boxes = {}  # id -> (x, y, height)
    canvas = Canvas()
    top = 0.0
    for layer, name in zip(layers, names):
        layer.check_keys({"name", "nodes"})
        members = layer.texts("nodes")
        missing = [m for m in members if m not in nodes]
        if missing:
            raise layer.fail(f"nodes {missing} are not declared in [[node]]")
        height = max(labels[m].height for m in members) + 2 * PAD_Y
        taken = set()
        for member in members:
            column = _side(nodes[member], "shared")[3]
            if column in taken or (column is None and taken) or (None in taken):
                raise layer.fail("two nodes would share a place; a layer holds one docker and one kube node, or one other")
            taken.add(column)
            boxes[member] = (middle if column is None else column_left[column], top, height)
        canvas.text(columns_x - NAMES_GAP, top + (height - name.height) / 2, name, anchor="end")
        top += height + LAYER_GAP
    edges = data.tables("edge")
    for edge in edges:
        edge.check_keys({"from", "to", "label", "side"})
        for end in ("from", "to"):
            if edge.text(end) not in nodes:
                raise edge.fail(f"'{end}' names an undeclared node '{edge.text(end)}'")
    for edge in edges:
        source, target = boxes[edge.text("from")], boxes[edge.text("to")]
        start = (_anchor(source[0], box_width, target[0]), source[1] + source[2])
        end = (_anchor(target[0], box_width, source[0]), target[1])
        stroke = _side(edge, "shared")[2]
        canvas.arrow(start, end, stroke=stroke)
        text = edge.text("label", "")
        if text:
            # Beside the middle of the arrow, on its outer side (a vertical one: to the right).
            mid_x, mid_y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            leftwards = end[0] - start[0] > 1 and mid_x < middle + box_width / 2
            canvas.text(mid_x + (-8 if leftwards else 8), mid_y - SMALL / 2, label(Line.of(text, SMALL, colour="muted")),
                        anchor="end" if leftwards else "start")
    for ident, (x, y, height) in boxes.items():
        fill, line, _, _ = _side(nodes[ident], "shared")
        canvas.rect(x, y, box_width, height, fill=fill, stroke=line)
        canvas.text(x + box_width / 2, y + PAD_Y, labels[ident], anchor="middle")
    return canvas
