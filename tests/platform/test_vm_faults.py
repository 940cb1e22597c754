"""Faults (issue 13, item 7): a VM that does not boot, an engine that does not answer in time,
a Ctrl-C or a timeout's SIGTERM mid-boot and mid-run. Each: one clear line, the VM stopped,
no QEMU process, overlay, mount or loop device left."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vm_leftovers import assert_nothing_left, qemu_pids
from labrunner import platform
from interrupts import sigint_default

CHILD = Path(__file__).with_name("boot_child.py")


def test_a_vm_that_does_not_boot(built):
    # No such disk: the initrd gives up after rootdelay and panics; panic=1 with -no-reboot ends QEMU.
    broken = built.recipe.cmdline.replace("root=/dev/vda", "root=/dev/vdz rootdelay=1")
    with pytest.raises(platform.PlatformError) as caught:
        with platform.start(built, cmdline=broken):
            pytest.fail("the engine answered on a VM without its root disk")
    message = str(caught.value)
    assert "the VM did not boot: QEMU ended" in message and "console: " in message and "\n" not in message
    assert_nothing_left(built)


def test_an_engine_that_does_not_answer_in_time(built):
    with pytest.raises(platform.PlatformError, match=r"did not answer within 3 s; console: ") as caught:
        with platform.start(built, ready_timeout=3):
            pytest.fail("the engine answered within 3 s under TCG")
    assert "\n" not in str(caught.value)
    assert_nothing_left(built)


@pytest.fixture
def children():
    """The VM-booting children of a test; any still alive at its end (a failed test) gets
    SIGTERM, which stops its VM, then SIGKILL: no test leaves a VM running."""
    started = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _child(built, children):
    proc = subprocess.Popen([sys.executable, str(CHILD)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=sigint_default)
    children.append(proc)
    deadline = time.monotonic() + 60
    while not qemu_pids(f"run-{proc.pid}-"):  # mid-boot: QEMU has started
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.2)
    return proc


@pytest.mark.parametrize("signum, why", [(signal.SIGINT, "Ctrl-C"), (signal.SIGTERM, "SIGTERM")])
def test_interrupted_while_booting(built, signum, why, children):
    proc = _child(built, children)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert f"interrupted ({why}): stopping the VM" in stderr
    assert_nothing_left(built, proc.pid)


def test_a_timeout_mid_run(built, children):
    """SIGTERM (what `timeout` sends) once the engine answers: the VM powers off, QEMU is gone."""
    proc = _child(built, children)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert "interrupted (SIGTERM): stopping the VM (QEMU pid " in stderr
    assert_nothing_left(built, proc.pid)
