"""pytest-xdist ordering for labs: the slowest first, so no worker is left with a long tail.

Labs are independent (engine labs too: each drives the engine through a socket of its own,
see ``engine_lab``), so xdist's ``--dist load`` spreads them freely. Order still matters on
a 2-core machine: the engine labs start several containers each and the containerd one takes
about half of the whole run; handed out last, it would run alone at the end. Every worker
sorts the same way (xdist requires identical collections): the VM's items first (emulated,
they are the slowest), engine labs first, the largest timeout (the author's estimate of the
cost) first among them.
"""

from pathlib import Path

import pytest


def _cost(snippet: Path, platform: str = "host") -> tuple[int, int, int]:
    """Sort key, smaller first: (0 on the VM, whose emulated processor makes every lab several
    times slower; 0 for an engine lab; minus the lab's timeout)."""
    first = 0 if platform == "vm" else 1
    from .discovery import SNIPPET_NAMES, lab_for_snippet

    if snippet.name not in SNIPPET_NAMES or not snippet.is_file():
        return (2, 2, 0)  # not a lab: keep after the labs, in collection order
    try:
        options = lab_for_snippet(snippet).options
    except ValueError:  # a bad lab.toml or lab folder: reported by the lab itself when it runs
        return (first, 1, 0)
    return (first, 0 if options.engine else 1, -options.timeout)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if hasattr(config, "workerinput"):  # only in xdist workers: a serial run keeps the book's order
        # stable: ties keep collection order
        items.sort(key=lambda item: _cost(Path(item.path), getattr(item, "platform", "host")))
