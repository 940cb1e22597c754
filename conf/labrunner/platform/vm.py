"""Start and stop one VM of a built platform.

``start(platform)`` is a context manager: whatever ends the block (its end, an exception, a
Ctrl-C, a SIGTERM from a timeout) stops the VM: the guest is asked to power off, QEMU is
killed by its pid after a grace period, and the run's overlay is deleted. Runs that a killed
runner left behind (their pid is gone) are cleaned at the next start.
"""

import contextlib
import fcntl
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import docker

from ..paths import display
from . import engine, load, qemu
from .build import Platform, stderr_progress
from .errors import PlatformError

READY_TIMEOUT = 300  # seconds from QEMU's start to the engine's first answer (TCG boots in ~40)
STOP_GRACE = 20  # seconds for the guest to stop dockerd, sync and power off
RUN_PREFIX = "run-"


class VM:
    def __init__(self, platform: Platform, accel: str, port: int, folder: Path, console_log: Path, progress):
        self.platform, self.accel, self.port = platform, accel, port
        self.folder, self.console_log, self.progress = folder, console_log, progress
        self.qemu: qemu.Qemu | None = None
        self.started = time.monotonic()

    @property
    def docker_host(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def client(self) -> docker.DockerClient:
        return engine.client(self.docker_host)

    def facts(self) -> dict:
        with contextlib.closing(self.client()) as guest:
            facts = engine.facts(guest.api)
        facts["accelerator"] = self.accel
        facts["packages"] = self.platform.versions["packages"]
        return facts

    def load_images(self, tags: list[str], host: docker.DockerClient | None = None) -> list[str]:
        """Copy the lab images ``tags`` from the host's engine (DOCKER_HOST or the default
        socket) into the guest's; those already there are skipped. Returns the copied ones."""
        say = lambda line: self.progress(f"[platform {self.platform.name}] {line}")  # noqa: E731
        with contextlib.closing(host or docker.from_env()) as host_client, contextlib.closing(self.client()) as guest:
            return load.load_images(host_client.api, guest.api, tags, say)

    def console_tail(self, lines: int = 1) -> str:
        try:
            text = self.console_log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        last = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
        return f"console: {display(self.console_log)} (last line: {' | '.join(last) or 'none'})"

    def stop(self) -> None:
        """Power off (the guest's init: sysrq 'o'), kill QEMU by its pid after STOP_GRACE,
        delete the run's overlay. Safe to call twice."""
        if self.qemu is not None:
            self.qemu.stop(STOP_GRACE)
            self.qemu = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _clean_stale_runs(run_dir: Path) -> None:
    for folder in run_dir.glob(f"{RUN_PREFIX}*"):
        pid = folder.name.removeprefix(RUN_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _console_log(run_dir: Path, folder: Path) -> Path:
    """``<run_dir>/console.log``, unless another live VM of this platform writes it: then the
    run's own folder keeps it. The lock is held by the open file for as long as the run lives."""
    shared = run_dir / "console.log"
    handle = open(run_dir / "console.lock", "a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return folder / "console.log"
    _held_locks[folder] = handle
    return shared


_held_locks: dict[Path, object] = {}


def _boot(platform: Platform, accel: str, attempt: int, cmdline: str | None, ready_timeout: float, progress) -> VM:
    run_dir = platform.run_dir
    folder = run_dir / f"{RUN_PREFIX}{os.getpid()}-{attempt}"
    folder.mkdir(parents=True)
    vm = VM(platform, accel, qemu.free_port(), folder, folder / "console.log", progress)
    try:
        vm.console_log = _console_log(run_dir, folder)
        overlay = folder / "rootfs.qcow2"
        qemu.create_overlay(platform.image, overlay)
        argv = qemu.command(platform, accel, overlay, vm.port, vm.console_log, cmdline)
        vm.qemu = qemu.Qemu(argv, folder / "qemu.stderr")
        engine.wait_ready(vm.port, time.monotonic() + ready_timeout, vm.qemu, vm.console_tail)
        return vm
    except BaseException:
        vm.stop()
        _release_console(folder)
        raise


def _release_console(folder: Path) -> None:
    handle = _held_locks.pop(folder, None)
    if handle is not None:
        handle.close()


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """A timeout's SIGTERM ends the block like a Ctrl-C, so the VM is stopped (main thread only:
    Python delivers signals there; elsewhere the default action stays)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def start(platform: Platform, *, ready_timeout: float = READY_TIMEOUT, cmdline: str | None = None,
          progress=stderr_progress):
    """A running VM of ``platform`` whose engine answers at ``vm.docker_host``; stopped on exit.
    ``cmdline`` replaces the recipe's kernel command line (the fault tests boot a broken one)."""
    say = lambda line: progress(f"[platform {platform.name}] {line}")  # noqa: E731
    with _sigterm_as_interrupt():
        platform.run_dir.mkdir(parents=True, exist_ok=True)
        _clean_stale_runs(platform.run_dir)
        accel, why = qemu.accelerator()
        began = time.monotonic()
        try:
            vm = _boot(platform, accel, 1, cmdline, ready_timeout, progress)
        except engine.BootFailed as exc:
            if accel != "kvm":
                raise
            say(f"KVM failed ({exc}); falling back to TCG, which always works here")
            accel, why = "tcg", "KVM failed at boot"
            vm = _boot(platform, accel, 2, cmdline, ready_timeout, progress)
        except KeyboardInterrupt:
            say("interrupted while booting: VM stopped")
            raise
        say(f"VM up with {accel} ({why}): engine at {vm.docker_host} after {time.monotonic() - began:.0f} s; "
            f"QEMU pid {vm.qemu.pid}; console {display(vm.console_log)}")
        try:
            yield vm
        except KeyboardInterrupt:
            say(f"interrupted: stopping the VM (QEMU pid {vm.qemu.pid if vm.qemu else '-'})")
            raise
        finally:
            vm.stop()
            _release_console(vm.folder)
