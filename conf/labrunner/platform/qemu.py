"""One QEMU process: its accelerator, command line, per-run overlay, and its end.

Network rule: the guest's only network device is QEMU's user network with ``restrict=on``
(the guest reaches nothing, not even the host) and explicit forwards only: 127.0.0.1:<port> on
the host to the guest's dockerd on 2375, and the engine labs' socket slots (``slots``), from
one guest address to unix sockets in the run's folder on the host. The serial console is QEMU's standard input and output: the
host writes ``poweroff`` there for the guest's init, and QEMU copies all output to console.log.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

from . import slots
from .build import Platform
from .errors import PlatformError

GUEST_ENGINE_PORT = 2375
KVM_DEVICE = Path("/dev/kvm")
PVM_MODULE = Path("/sys/module/kvm_pvm")
ACCEL_ENV = "LABRUNNER_PLATFORM_ACCEL"  # "tcg" or "kvm" to force one
# What QEMU prints when KVM cannot run the guest (it then pauses instead of exiting).
KVM_FAILURE = "KVM internal error"
PR_SET_PDEATHSIG = 1
# How much longer than on the host a lab may take in the VM, by accelerator. Measured here under
# single-threaded TCG: the slowest labs took 66 to 214 s in the VM against their 60 and 120 s
# lab.toml timeouts; ten times those leaves each lab at least twice its VM time.
TIME_FACTOR = {"tcg": 10.0, "kvm": 1.0}


def accelerator(platform: Platform) -> tuple[str, str]:
    """(accel, why). KVM where /dev/kvm can run the guest's kernel (the VM falls back to TCG if
    it fails at boot all the same); TCG otherwise, which always works."""
    forced = os.environ.get(ACCEL_ENV)
    if forced in ("tcg", "kvm"):
        return forced, f"{ACCEL_ENV}={forced}"
    if not os.access(KVM_DEVICE, os.R_OK | os.W_OK):
        return "tcg", f"{KVM_DEVICE} is missing or not usable"
    # PVM (a KVM module for hosts that are themselves VMs without hardware virtualisation)
    # runs only kernels built as PVM guests; Debian's stops at once in its decompressor.
    if PVM_MODULE.exists() and "CONFIG_PVM_GUEST=y" not in platform.kernel_config.read_text(errors="replace"):
        return "tcg", f"this host's {KVM_DEVICE} is PVM (kvm_pvm), which runs only kernels built as PVM guests; Debian's is not one"
    return "kvm", f"{KVM_DEVICE} is usable"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_overlay(base: Path, overlay: Path, base_format: str = "raw") -> None:
    """A copy-on-write qcow2 over a cached disk: a run never writes the base."""
    if not shutil.which("qemu-img"):
        raise PlatformError("qemu-img is missing: apt-get install qemu-utils (listed in conf/apt-packages.txt)")
    result = subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b", str(base), "-F", base_format, str(overlay)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PlatformError(f"qemu-img create {overlay.name} failed: {result.stderr.strip()}")


def command(platform: Platform, accel: str, overlay: Path, port: int, console_log: Path,
            cmdline: str | None = None, data_disk: Path | None = None, slots_folder: Path | None = None) -> list[str]:
    recipe = platform.recipe
    cpu = "host" if accel == "kvm" else "max"
    # One host thread for every vCPU under TCG: with QEMU 7.2's multi-threaded TCG, the guest
    # kernel died here on its own code patching (an "Oops: int3" in the scheduler while runc
    # started a container: one vCPU ran an instruction another had just rewritten).
    accel_option = "tcg,thread=single" if accel == "tcg" else accel
    argv = [
        "qemu-system-x86_64", "-accel", accel_option, "-cpu", cpu, "-smp", str(recipe.cpus), "-m", str(recipe.memory_mb),
        "-nodefaults", "-display", "none", "-no-reboot", "-no-user-config",
        "-kernel", str(platform.kernel), "-initrd", str(platform.initrd), "-append", cmdline or recipe.cmdline,
        "-drive", f"file={overlay},format=qcow2,if=virtio",
        "-netdev", f"user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:{port}-:{GUEST_ENGINE_PORT}"
                   + (slots.guestfwd_options(slots_folder) if slots_folder else ""),
        "-device", "virtio-net-pci,netdev=n0",
        "-chardev", f"stdio,id=console,signal=off,logfile={console_log}", "-serial", "chardev:console",
    ]
    if data_disk:
        argv += ["-drive", f"file={data_disk},format=qcow2,if=virtio"]
    return argv


def _die_with_parent() -> None:
    """In the child: QEMU gets SIGKILL if the runner dies without stopping it (kill -9)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Qemu:
    """The QEMU process, in its own process group (a Ctrl-C reaches the runner, which stops
    it, not QEMU directly); its stderr goes to ``stderr_path``."""

    def __init__(self, argv: list[str], stderr_path: Path):
        if not shutil.which(argv[0]):
            raise PlatformError(f"{argv[0]} is missing: apt-get install qemu-system-x86 (listed in conf/apt-packages.txt)")
        self.stderr_path = stderr_path
        with open(stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr,
                                         process_group=0, preexec_fn=_die_with_parent)
        self.pid = self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr(self) -> str:
        try:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def kvm_failed(self) -> bool:
        return KVM_FAILURE in self.stderr()

    def send(self, line: str) -> None:
        """A line on the guest's console (its init reads it)."""
        with contextlib.suppress(OSError, ValueError):
            self.proc.stdin.write(line.encode() + b"\n")
            self.proc.stdin.flush()

    def stop(self, grace: float) -> bool:
        """Ask the guest to power off, wait ``grace`` seconds, then kill QEMU by its pid.
        True if the guest powered off by itself (its disks are consistent)."""
        clean = False
        if self.alive():
            self.send("poweroff")
            try:
                clean = self.proc.wait(timeout=grace) == 0
            except subprocess.TimeoutExpired:
                pass
        self.kill()
        return clean

    def kill(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.proc.wait()
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
