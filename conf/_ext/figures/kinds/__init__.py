"""One module per kind of figure: each lays a figure's data out on a canvas."""

from ..data import Table
from . import pid_mapping, quotas, runtime_chain, timeline

KINDS = {
    "timeline": timeline,
    "pid-mapping": pid_mapping,
    "quotas": quotas,
    "runtime-chain": runtime_chain,
}


def draw(data: Table) -> str:
    """The figure as an SVG document at its natural size, in the palette's light colours."""
    kind = data.text("kind")
    module = KINDS.get(kind)
    if module is None:
        raise data.fail(f"unknown kind '{kind}'; use one of {', '.join(sorted(KINDS))}")
    data.check_keys({"kind", "alt", "caption"} | module.KEYS)
    return module.draw(data).svg()
