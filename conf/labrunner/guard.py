"""pytest plugin: the session leaves the engine as it found it, and says how many images it built.

In the controlling process (not in pytest-xdist workers): at session start, remove the
containers of dead sessions and take the engine's inventory; at session end (also after
Ctrl-C), remove this suite's containers, take the inventory again, and fail the session
naming whatever is left. Every process counts the lab images its tests built, so a warm
run proves it built none.
"""

import os
import time

import pytest
import requests.exceptions

from . import engine, images, run, session_inventory
from .engine import EngineUnavailable
from .locks import file_lock

BUILT_KEY = "labrunner-built-images"
# How long a leftover may take to vanish before it counts (only waited when something is left).
SETTLE_SECONDS = 5


class Guard:
    def __init__(self):
        self.before = None
        self.swept: list[str] = []
        self.removed: list[str] = []
        self.left: list[str] = []
        self.problem = ""
        self.built: list[str] = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session):
        try:
            api = engine.client().api
            self.swept = session_inventory.sweep_dead_owners(api)
            self.before = session_inventory.take(api)
        except (EngineUnavailable, requests.exceptions.RequestException):
            self.before = None  # no engine: the labs say so themselves, one line each

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        if self.before is None:
            return
        try:
            api = engine.client().api
            self.removed = session_inventory.remove_suite_containers(api, run.SUITE)
            self.left = self._leftovers(api)
        except (EngineUnavailable, requests.exceptions.RequestException):
            self.problem = (f"the engine at {engine.host()} no longer answers: the final inventory was not taken; "
                            "the next session removes the containers this one left")
            return
        # Ours (labelled with this suite) always fail; on a shared engine (a maintainer's machine) an
        # unlabelled object may be someone else's: it fails in CI, where the engine is the suite's alone.
        if (self.removed or (self.left and strict())) and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _leftovers(self, api) -> list[str]:
        left = session_inventory.leftovers(self.before, session_inventory.take(api), run.SUITE)
        if left:
            # Maybe an engine lab or an image build of a parallel session, mid-way (they hold this
            # lock), or another process's short-lived container: what is ours stays, theirs goes.
            with file_lock("engine"):
                deadline = time.monotonic() + SETTLE_SECONDS
                while left and time.monotonic() < deadline:
                    time.sleep(0.5)
                    left = session_inventory.leftovers(self.before, session_inventory.take(api), run.SUITE)
        return left

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.built += [name for key, names in report.user_properties if key == BUILT_KEY for name in names]

    def pytest_terminal_summary(self, terminalreporter):
        if self.before is None:
            return
        write = terminalreporter.write_line
        terminalreporter.section("engine inventory")
        for line in self.swept:
            write(f"removed, left by a dead session: {line}")
        for line in self.removed:
            write(f"LEFT by this session's labs (now removed): {line}")
        if self.problem:
            write(self.problem)
        elif self.left:
            write(f"LEFT ON THE ENGINE after this session ({len(self.left)}): {', '.join(self.left)}")
            write("remove them (docker rm -f / volume rm / image rm) once you know who made them"
                  + ("" if strict() else "; not a failure outside CI (set CI=true to make it one): the engine may be shared"))
        else:
            write(f"nothing left on the engine (it holds {self.before.counts()}, as before the session)")
        write(f"lab images built: {len(self.built)}" + (f" ({', '.join(self.built)})" if self.built else ""))


def strict() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    count = len(images.built)
    yield
    if len(images.built) > count:
        item.user_properties.append((BUILT_KEY, images.built[count:]))


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist)
        config.pluginmanager.register(Guard(), "labrunner-session-guard")
