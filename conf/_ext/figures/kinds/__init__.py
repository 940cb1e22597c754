"""One module per kind of figure: each turns a figure's data table into DOT source."""

from ..data import Table
from . import pid_mapping, quotas, runtime_chain, timeline

KINDS = {
    "timeline": timeline,
    "pid-mapping": pid_mapping,
    "quotas": quotas,
    "runtime-chain": runtime_chain,
}


def to_dot(data: Table) -> str:
    kind = data.text("kind")
    module = KINDS.get(kind)
    if module is None:
        raise data.fail(f"unknown kind '{kind}'; use one of {', '.join(sorted(KINDS))}")
    data.check_keys({"kind", "alt", "caption", "min_width"} | module.KEYS)
    return module.to_dot(data)
