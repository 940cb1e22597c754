"""What a stopped VM must not leave behind: QEMU, the socat of its lab socket slots, overlays,
temporary disks, mounts, loop devices."""

import os
import subprocess
from pathlib import Path

from labrunner import platforms


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def qemu_pids(pattern: str, programs: tuple[bytes, ...] = (b"qemu-system-x86_64",)) -> list[int]:
    """QEMU processes (or other ``programs``) whose command line contains ``pattern`` (a run folder's name)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv and argv[0].endswith(programs) and pattern.encode() in b" ".join(argv):
                found.append(int(entry.name))
    return found


def _session_vm() -> str:
    """The run folder of the VM this test session verifies the labs on (started by the session's
    controller, in this very process when it runs serially): not a leftover of these tests."""
    return Path(os.environ.get(platforms.VM_SLOTS_ENV) or "/nonexistent").name


def assert_nothing_left(built_platform, pid: int = os.getpid()) -> None:
    """No QEMU, run folder (overlays), mount or loop device of the runs of process ``pid``,
    besides the session's own VM."""
    marker, session_vm = f"run-{pid}-", _session_vm()
    ours = lambda program: [p for p in qemu_pids(marker, program) if session_vm not in _cmdline(p)]  # noqa: E731
    assert ours((b"qemu-system-x86_64",)) == [], f"QEMU still running for {marker}"
    assert ours((b"socat",)) == [], f"a socat of the lab socket slots still running for {marker}"
    left = [f for f in built_platform.run_dir.glob(f"{marker}*") if f.name != session_vm]
    assert left == [], "a run folder (overlay image) is left"
    assert list(built_platform.folder.glob(".*tmp*")) == [], "a temporary data disk is left"
    mounts = Path("/proc/self/mounts").read_text()
    assert str(built_platform.run_dir.parent) not in mounts
    loops = subprocess.run(["losetup", "-a"], capture_output=True, text=True).stdout
    assert str(built_platform.run_dir.parent) not in loops
