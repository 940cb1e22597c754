"""pytest-xdist scheduling for labs: engine labs share one worker, back to back and first.

Engine labs run one at a time anyway (the engine lock: each takes the engine's inventory
before and after). Sent to several workers they would keep all but one waiting on that lock;
grouped (``--dist loadgroup``) and sorted first, one worker runs them from the start while
the others run every other lab.
"""

import pytest

ENGINE_GROUP = "labrunner-engine-labs"


def pytest_cmdline_main(config):
    # After xdist's own hook (tryfirst), which turns -n N into --dist load.
    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadgroup"


def _is_engine_lab(item) -> bool:
    from .plugin import LabItem  # the plugin module registers this one's hooks first

    if not isinstance(item, LabItem):
        return False
    try:
        from .discovery import lab_for_snippet

        return lab_for_snippet(item.path).options.engine
    except ValueError:  # a bad lab.toml or lab folder: reported by the lab itself when it runs
        return False


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if getattr(config.option, "dist", "no") != "loadgroup":
        return
    engine_labs = [item for item in items if _is_engine_lab(item)]
    for item in engine_labs:
        item.add_marker(pytest.mark.xdist_group(ENGINE_GROUP))
    chosen = set(map(id, engine_labs))
    items[:] = engine_labs + [item for item in items if id(item) not in chosen]
