"""pytest plugin: one test per lab snippet (node id = the snippet's path), marker ``labs``.

``--update-outputs`` rewrites expected outputs from real runs instead of checking them.
A failure shows the diff, the snippet, the book page and line showing it, the command
that reruns just this lab, and where its raw output was kept.
"""

import os
import sys
from pathlib import Path

import pytest

from . import check, engine, ledger, run, session_platforms, update
from .check import LabProblem
from .discovery import SNIPPET_NAMES, LabError, discover, lab_for_snippet
from .paths import REPO_ROOT, display, snippets_root

UPDATED_KEY = "labrunner-updated"


def pytest_addoption(parser):
    group = parser.getgroup("labrunner", "lab runner (snippets run in containers)")
    group.addoption(
        "--update-outputs", action="store_true", default=False,
        help="rewrite each lab's output.txt and record.json from a real run instead of checking them",
    )


def pytest_collect_file(file_path: Path, parent):
    # The folder resolved, not the file: a snippet that is a symlink out of the tree is collected,
    # and fails with one line (discovery), instead of being silently left out.
    if file_path.name in SNIPPET_NAMES and file_path.parent.resolve().is_relative_to(snippets_root()):
        return LabFile.from_parent(parent, path=file_path)
    return None


class LabFile(pytest.File):
    def collect(self):
        # On the host's engine the item carries the file's own node id (`pytest <snippet path>`
        # runs it); on another platform, that id plus `::<platform>` (`…/lab.sh::vm`).
        for platform in session_platforms.names(self.config):
            nodeid = self.nodeid if platform == "host" else f"{self.nodeid}::{platform}"
            yield LabItem.from_parent(self, name=self.path.name if platform == "host" else platform,
                                      nodeid=nodeid, platform=platform)


def rerun_command(snippet: Path, platform: str = "host", update_mode: bool = False) -> str:
    # The venv's own path (not resolved: its python is a symlink out of the checkout).
    executable = Path(sys.executable)
    python = str(executable.relative_to(REPO_ROOT)) if executable.is_relative_to(REPO_ROOT) else "python"
    where = display(snippet) + ("" if platform == "host" else f"::{platform}")
    return f"{python} -m pytest {'--update-outputs ' if update_mode else ''}{where}"


def _progress(config):
    capture = config.pluginmanager.getplugin("capturemanager")

    def emit(line: str) -> None:
        # Image builds take a while: show their lines as they come, through pytest's capture.
        with capture.global_and_fixture_disabled():
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    return emit


class LabItem(pytest.Item):
    def __init__(self, platform: str = "host", **kwargs):
        super().__init__(**kwargs)
        self.platform = platform
        self.add_marker("labs")

    def runtest(self):
        try:
            lab = lab_for_snippet(self.path)
        except LabError as exc:
            raise LabProblem(str(exc)) from None
        updating = self.config.getoption("update_outputs")
        outcome = check.run_lab(lab, update_outputs=updating, progress=_progress(self.config), platform=self.platform)
        if updating and outcome.problems:
            raise LabProblem(self._report(outcome, "not updated"))
        if updating:
            self.user_properties.append((UPDATED_KEY, outcome.updated))
        elif outcome.failed:
            raise LabProblem(self._report(outcome, "failed"))

    def _report(self, outcome: check.Outcome, verdict: str) -> str:
        lab = outcome.lab
        shown = ledger.page_and_line(lab) or f"nowhere (add ```{{lab}} {lab.name}``` to {display(lab.page)})"
        where = f"{outcome.image} on {outcome.platform.name}: {outcome.platform.facts['engine']}, cgroup {outcome.platform.facts['cgroup']}"
        lines = [f"{display(lab.snippet)} {verdict} (ran {outcome.result.seconds:.2f} s in {where})"]
        lines += [f"  {problem}" for problem in outcome.problems]
        lines += [f"shown in the book at {shown}", *outcome.differences]
        if outcome.raw_folder:
            lines.append(f"raw output kept in {outcome.raw_folder}/")
        lines.append(f"rerun this lab: {rerun_command(lab.snippet, self.platform)}")
        if outcome.differences and not outcome.problems:
            lines.append(f"accept the new output: {rerun_command(lab.snippet, self.platform, update_mode=True)}")
        return "\n".join(lines)

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(LabProblem):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        # Shown as the failure heading; no "." in it, or pytest -v would rewrite it as "::".
        return self.path, None, f"lab {self.path.parent.name}"


def pytest_deselected(items):
    _deselected_labs.extend(item.nodeid for item in items if isinstance(item, LabItem))


_deselected_labs: list[str] = []


def pytest_collection_finish(session):
    # Maintainers may deselect the labs (-m 'not labs'); CI proves the book, so it never does.
    if _deselected_labs and os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(
            f"CI=true but {len(_deselected_labs)} lab(s) were deselected ({_deselected_labs[0]}, ...): CI runs every lab")


def pytest_unconfigure(config):
    # Also after Ctrl-C: no lab container of this session may outlive it.
    if engine.client.cache_info().currsize:
        try:
            run.remove_session_containers()
        except Exception:  # the engine may be gone; nothing left to clean then
            pass


def pytest_runtest_logreport(report):
    # Runs in the controller too when pytest-xdist is used: user_properties travel with reports.
    if report.when == "call":
        for key, files in report.user_properties:
            if key == UPDATED_KEY:
                _updated.extend(files)


_updated: list[str] = []


def pytest_sessionfinish(session):
    # In the controller, once every platform's items have written: drop the variants that
    # turned out the same as the common output (update.drop_same_variants).
    if session.config.getoption("update_outputs") and not hasattr(session.config, "workerinput"):
        for lab in discover():
            _updated.extend(update.drop_same_variants(lab))


def pytest_terminal_summary(terminalreporter, config):
    if not config.getoption("update_outputs"):
        return
    terminalreporter.section("updated expected outputs")
    for path in _updated:
        terminalreporter.write_line(f"changed: {path}")
    if not _updated:
        terminalreporter.write_line("no expected output changed")
