"""pytest-xdist scheduling for labs: engine labs share one worker, back to back and first.

Engine labs run one at a time anyway (the engine lock: each takes the engine's inventory
before and after). Spread over several workers they would keep all but one waiting on that
lock; as one scheduling unit, collected first, one worker runs them from the start while
the others run every other lab. Only ``-n N`` with xdist's default ``--dist load`` changes.
"""

from pathlib import Path

import pytest

ENGINE_SCOPE = "labrunner-engine-labs"


def _is_engine_lab(snippet: Path) -> bool:
    from .discovery import SNIPPET_NAMES, lab_for_snippet

    if snippet.name not in SNIPPET_NAMES or not snippet.is_file():
        return False
    try:
        return lab_for_snippet(snippet).options.engine
    except ValueError:  # a bad lab.toml or lab folder: reported by the lab itself when it runs
        return False


def pytest_xdist_make_scheduler(config, log):
    if config.option.dist != "load":
        return None  # the maintainer chose a distribution mode: keep it
    from xdist.scheduler import LoadScopeScheduling

    class EngineLabsTogether(LoadScopeScheduling):
        """``--dist load`` (one test per unit), except that the engine labs form a single unit."""

        def _split_scope(self, nodeid: str) -> str:
            path = config.rootpath / nodeid.split("::")[0]
            return ENGINE_SCOPE if _is_engine_lab(path) else nodeid

    return EngineLabsTogether(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # In xdist workers only (every worker sorts the same way): the engine unit is handed out first.
    if not hasattr(config, "workerinput"):
        return
    engine_labs = [item for item in items if _is_engine_lab(Path(item.path))]
    chosen = set(map(id, engine_labs))
    items[:] = engine_labs + [item for item in items if id(item) not in chosen]
