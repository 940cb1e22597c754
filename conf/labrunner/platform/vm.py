"""Start and stop one VM of a built platform.

``start(platform)`` is a context manager: whatever ends the block (its end, an exception, a
Ctrl-C, a SIGTERM from a timeout) stops the VM: the guest is asked to power off, QEMU is
killed by its pid after a grace period, and the run's overlays are deleted. Runs that a killed
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
from .. import engine
from .. import images as lab_images
from . import data, guest, qemu, slots
from .build import Platform, pid_alive, stderr_progress
from .errors import PlatformError

READY_TIMEOUT = 300  # seconds from QEMU's start to the engine's first answer (TCG boots in ~40 idle)
STOP_GRACE = 20  # seconds for the guest to stop dockerd, sync and power off
RUN_PREFIX = "run-"
LOAD_TIMEOUT = 3600  # seconds without a byte from the guest's engine while it loads an image


class VM:
    def __init__(self, platform: Platform, accel: str, folder: Path, progress):
        self.platform, self.accel, self.folder, self.progress = platform, accel, folder, progress
        self.port = qemu.free_port()
        self.console_log = folder / "console.log"
        self.qemu: qemu.Qemu | None = None
        self._console_lock = None

    @property
    def docker_host(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def time_factor(self) -> float:
        """How much longer than on the host a lab may take here (its accelerator's speed)."""
        return qemu.TIME_FACTOR[self.accel]

    def say(self, line: str) -> None:
        self.progress(f"[platform {self.platform.name}] {line}")

    def client(self) -> docker.DockerClient:
        return guest.client(self.docker_host)

    def facts(self) -> dict:
        with contextlib.closing(self.client()) as client:
            facts = guest.facts(client.api)
        facts["accelerator"] = self.accel
        facts["packages"] = self.platform.versions["packages"]
        return facts

    def load_images(self, tags: list[str]) -> list[str]:
        """Copy the lab images ``tags`` from the host's engine into the guest's (the runner's
        images.copy_to: docker save | docker load through the forwarded API); those already
        there are skipped. Returns the copied ones."""
        # A long read timeout: under TCG on a busy host, loading the 171 MB debian-base took
        # 233 to 413 s here, and the engine may say nothing until it is done.
        with contextlib.closing(guest.client(self.docker_host, timeout=LOAD_TIMEOUT)) as client:
            missing = [tag for tag in tags if not guest.present(client.api, tag)]
            for tag in tags:  # those already there too: their ``latest`` tag follows
                try:
                    lab_images.copy_to(tag, client.api, self.say)
                except lab_images.ImageError as exc:
                    raise PlatformError(str(exc)) from None
        return missing

    def serve_lab_sockets(self, image: str) -> Path:
        """Start the guest's side of the engine labs' socket slots (``slots``), in ``image`` (a lab
        image with python3, already in the guest); returns the host folder of the slots."""
        with contextlib.closing(self.client()) as client:
            slots.start_relay(client.api, image)
        return self.folder

    def console_tail(self) -> str:
        try:
            text = self.console_log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        last = [line.strip() for line in text.splitlines() if line.strip()][-1:]
        return f"console: {display(self.console_log)} (last line: {last[0] if last else 'none'})"

    def boot(self, cmdline: str | None, ready_timeout: float, data_disk: Path | None, writable: bool) -> None:
        self._take_console()
        overlay = self.folder / "rootfs.qcow2"
        qemu.create_overlay(self.platform.image, overlay)
        if data_disk and not writable:
            qemu.create_overlay(data_disk, self.folder / "engine-data.qcow2", "qcow2")
            data_disk = self.folder / "engine-data.qcow2"
        argv = qemu.command(self.platform, self.accel, overlay, self.port, self.console_log, cmdline, data_disk,
                            slots_folder=self.folder)
        self.qemu = qemu.Qemu(argv, self.folder / "qemu.stderr")
        guest.wait_ready(self.port, ready_timeout, self.qemu, self.console_tail)

    def _take_console(self) -> None:
        """``<name>/console.log`` for the maintainer, unless another live VM of this platform
        writes it: then this run's folder keeps its own. The lock lives as long as the run."""
        handle = open(self.folder.parent / "console.lock", "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return
        self._console_lock, self.console_log = handle, self.folder.parent / "console.log"

    def stop(self) -> bool:
        """Power off (the guest's init: sysrq 'o'), kill QEMU by its pid after STOP_GRACE,
        delete the run's overlays. True if the guest powered off by itself. Safe to call twice."""
        clean = False
        if self.qemu is not None:
            clean = self.qemu.stop(STOP_GRACE)
            self.qemu = None
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._console_lock is not None:
            self._console_lock.close()
            self._console_lock = None
        return clean


def _clean_stale_runs(run_dir: Path) -> None:
    for folder in run_dir.glob(f"{RUN_PREFIX}*"):
        pid = folder.name.removeprefix(RUN_PREFIX).split("-")[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


_attempts = 0


def _booted(platform: Platform, accel: str, why: str, progress, *, cmdline=None, ready_timeout=READY_TIMEOUT,
            data_disk=None, writable=False) -> VM:
    """A VM whose engine answers; on KVM that fails at boot, once more with TCG."""
    global _attempts
    began = time.monotonic()
    while True:
        _attempts += 1
        vm = VM(platform, accel, platform.run_dir / f"{RUN_PREFIX}{os.getpid()}-{_attempts}", progress)
        vm.folder.mkdir(parents=True)
        try:
            vm.boot(cmdline, ready_timeout, data_disk, writable)
        except guest.BootFailed as exc:
            vm.stop()
            if accel != "kvm":
                raise
            vm.say(f"KVM failed ({exc}); falling back to TCG, which always works")
            accel, why = "tcg", "KVM failed at boot"
            continue
        except BaseException:
            vm.stop()
            raise
        vm.say(f"VM up with {accel} ({why}): engine at {vm.docker_host} after {time.monotonic() - began:.0f} s; "
               f"QEMU pid {vm.qemu.pid}; console {display(vm.console_log)}")
        return vm


def _fill_data_disk(platform: Platform, accel: str, why: str, progress, tags: list[str]):
    def fill(blank: Path) -> None:
        vm = _booted(platform, accel, why, progress, data_disk=blank, writable=True)
        try:
            vm.say(f"filling the engine's data disk once with {len(tags)} image(s)")
            vm.load_images(tags)
        finally:
            clean = vm.stop()
        if not clean:
            raise PlatformError("the VM that loaded the lab images did not power off cleanly; its data disk is discarded: "
                                f"see {display(vm.console_log)}")
    return fill


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
def start(platform: Platform, *, images: list[str] = (), ready_timeout: float = READY_TIMEOUT,
          cmdline: str | None = None, progress=stderr_progress):
    """A running VM of ``platform`` whose engine answers at ``vm.docker_host``; stopped on exit.

    ``images``: lab images (tags on the host's engine) the guest's engine starts with, from a
    data disk cached by that image set (made once). ``cmdline`` replaces the recipe's kernel
    command line (the fault tests boot a broken one)."""
    say = lambda line: progress(f"[platform {platform.name}] {line}")  # noqa: E731
    vm = None
    with _sigterm_as_interrupt():
        try:
            platform.run_dir.mkdir(parents=True, exist_ok=True)
            _clean_stale_runs(platform.run_dir)
            accel, why = qemu.accelerator(platform)
            data_disk = None
            if images:
                fill = _fill_data_disk(platform, accel, why, progress, list(images))
                data_disk = data.ensure(platform, engine.client().api, list(images), fill)
            vm = _booted(platform, accel, why, progress, cmdline=cmdline, ready_timeout=ready_timeout, data_disk=data_disk)
            if images:
                vm.load_images(list(images))  # all there already (the data disk): their ``latest`` tags
            yield vm
        except KeyboardInterrupt as exc:
            pid = vm.qemu.pid if vm and vm.qemu else None
            say(f"interrupted ({str(exc) or 'Ctrl-C'}): stopping the VM" + (f" (QEMU pid {pid})" if pid else ""))
            raise
        finally:
            if vm is not None:
                vm.stop()
