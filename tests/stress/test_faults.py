"""Faults around the labs: a leftover on the engine, the engine gone mid-suite, a full disk,
Ctrl-C of a parallel run, a killed session; each is named, and nothing stays on the engine."""

import os
import shutil
import re
import signal
import subprocess
import time
import uuid

import docker.errors
import pytest

from labrunner import engine
from labrunner.socket_proxy import SocketProxy
from runner.conftest import REPO_ROOT
from runner.conftest import Session
from stress.bad_tree import nothing_of_this_suite_left
from stress.build_log import unwritable_log_line
from interrupts import sigint_default

pytestmark = pytest.mark.labs

SUITE_LABEL = "org.docker-en-pratique.suite"


def suite_containers(suite: str, running_only: bool = False, lab: str | None = None) -> list:
    labels = [f"{SUITE_LABEL}={suite}"] + ([f"org.docker-en-pratique.lab=part/chapter/{lab}"] if lab else [])
    return engine.client().api.containers(all=not running_only, filters={"label": labels})


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def only(tree, *names):
    """Keep only these labs in the tree; the arguments that run them (node ids stay part/chapter/<lab>)."""
    for folder in tree.chapter.iterdir():
        if folder.name not in names:
            shutil.rmtree(folder)
    return [str(tree.snippets)]


def test_a_leftover_fails_the_session_and_is_named(bad_tree):
    volume = f"stress-leftover-{uuid.uuid4().hex[:8]}"
    try:
        session = bad_tree.pytest("tests/stress/leaks_a_volume.py", STRESS_LEFTOVER_VOLUME=volume, CI="true")
        assert "1 passed" in session.output and session.returncode == 1, session.output
        assert re.search(rf"^LEFT ON THE ENGINE after this session \(\d+\): .*volume {volume}", session.output, re.MULTILINE)
    finally:
        try:
            engine.client().api.remove_volume(volume)
        except docker.errors.NotFound:
            pass


def test_the_engine_stopping_mid_suite_fails_the_rest_with_one_line(bad_tree, tmp_path):
    bad_tree.edit(bad_tree.lab("05-hangs") / "lab.toml", "timeout = 2", "timeout = 60")
    # A stand-in engine socket that forwards to the real one: stopping it (listener and open
    # connections closed) is, for the session, the engine going away; the shared engine stays up.
    proxy = SocketProxy(str(tmp_path / "engine.sock"), engine.host().removeprefix("unix://")).start()
    host = f"unix://{proxy.path}"
    suite = f"stress-lost-{uuid.uuid4().hex[:8]}"
    labs = only(bad_tree, "01-passes", "05-hangs", "09-writes-root")
    proc = subprocess.Popen(bad_tree.pytest_command(*labs), cwd=REPO_ROOT, text=True,
                            env=bad_tree.env(DOCKER_HOST=host, LABRUNNER_SUITE=suite),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: suite_containers(suite, running_only=True, lab="05-hangs")), "the hanging lab never started"
        proxy.stop()
        # A stopped engine takes its containers down with it (no live-restore): so does this one.
        for c in suite_containers(suite, running_only=True):
            engine.client().api.kill(c["Id"])
        output = proc.communicate(timeout=120)[0]
    finally:
        proc.kill()
    assert re.search(r"^PASSED \S*01-passes/lab.sh", output, re.MULTILINE), output
    assert f"the Docker engine at {host} stopped answering during this lab (" in output
    assert f"no Docker engine answers at {host} (it stopped answering during this session): start it again" in output
    assert re.search(r"^FAILED \S*05-hangs/lab.sh", output, re.MULTILINE)
    assert re.search(r"^FAILED \S*09-writes-root/lab.sh", output, re.MULTILINE)
    assert "the final inventory was not taken" in output and "Traceback" not in output
    # The engine is back: the next session removes what the lost one left.
    proxy.start()
    try:
        session = bad_tree.pytest(*only(bad_tree, "01-passes"), DOCKER_HOST=host)
    finally:
        proxy.stop()
    assert "removed, left by a dead session: container " in session.output or not suite_containers(suite)
    assert suite_containers(suite) == []


def test_a_full_disk_for_raw_outputs_is_one_line_and_the_rest_runs(bad_tree):
    kept = bad_tree.build / "labs" / "part" / "chapter" / "01-passes"
    kept.mkdir(parents=True)
    (kept / "output.raw.txt").symlink_to("/dev/full")  # every write there: ENOSPC
    session = bad_tree.pytest(*only(bad_tree, "01-passes", "04-orphan"))
    outcomes = session.outcomes()
    assert (outcomes["01-passes"], outcomes["04-orphan"]) == ("FAILED", "PASSED"), session.output
    assert "raw output not kept: No space left on device (" in session.output
    assert "free space there or point LABRUNNER_BUILD_DIR elsewhere" in session.output


def test_a_full_disk_for_an_image_build_log_is_one_line_naming_it(bad_tree):
    definition = bad_tree.images / "stress-log"
    definition.mkdir()
    (definition / "Dockerfile").write_text(f"ARG BASE=debian-base\nFROM ${{BASE}}\nRUN echo {uuid.uuid4().hex}\n")  # never built
    (bad_tree.lab("01-passes") / "lab.toml").write_text('image = "stress-log"\n')
    log = bad_tree.build / "images" / "stress-log.log"
    log.parent.mkdir(parents=True)
    log.symlink_to("/dev/full")  # every write there: ENOSPC
    session = bad_tree.pytest(*only(bad_tree, "01-passes", "04-orphan"))
    outcomes = session.outcomes()
    assert (outcomes["01-passes"], outcomes["04-orphan"]) == ("FAILED", "PASSED"), session.output
    assert unwritable_log_line(log) in session.output.splitlines(), session.output
    assert "Traceback" not in session.output


def test_ctrl_c_of_a_parallel_run_leaves_nothing(bad_tree):
    bad_tree.edit(bad_tree.lab("05-hangs") / "lab.toml", "timeout = 2", "timeout = 60")
    bad_tree.edit(bad_tree.lab("06-fork-bomb") / "lab.toml", "timeout = 3", "timeout = 60")
    suite = f"stress-sigint-{uuid.uuid4().hex[:8]}"
    proc = subprocess.Popen(bad_tree.pytest_command("-n", "2", *only(bad_tree, "05-hangs", "06-fork-bomb")),
                            cwd=REPO_ROOT, env=bad_tree.env(LABRUNNER_SUITE=suite), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=sigint_default)
    try:
        assert wait_for(lambda: len(suite_containers(suite, running_only=True)) == 2), "the labs never started"
        proc.send_signal(signal.SIGINT)  # to the controller only, as `kill -INT` does
        output = proc.communicate(timeout=120)[0]
    finally:
        proc.kill()
    assert "KeyboardInterrupt" in output or "Interrupted" in output, output
    assert "engine inventory" in output, output
    nothing_of_this_suite_left(Session(proc.returncode, output), suite)


def test_a_killed_session_s_container_is_swept_by_the_next(bad_tree):
    bad_tree.edit(bad_tree.lab("05-hangs") / "lab.toml", "timeout = 2", "timeout = 60")
    suite = f"stress-kill-{uuid.uuid4().hex[:8]}"
    proc = subprocess.Popen(bad_tree.pytest_command(*only(bad_tree, "05-hangs")), cwd=REPO_ROOT,
                            env=bad_tree.env(LABRUNNER_SUITE=suite), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: suite_containers(suite, running_only=True)), "the lab never started"
        os.kill(proc.pid, signal.SIGKILL)  # no cleanup can run
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert suite_containers(suite), "the killed session's container should still be there"
    session = bad_tree.pytest(*only(bad_tree, "01-passes"))
    assert f"left by process {proc.pid}" in session.output or not suite_containers(suite), session.output
    assert suite_containers(suite) == []
