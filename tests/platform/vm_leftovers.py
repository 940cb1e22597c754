"""What a stopped VM must not leave behind: QEMU, the socat of its lab socket slots, overlays,
temporary disks, mounts, loop devices."""

import os
import subprocess
from pathlib import Path


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


def assert_nothing_left(built_platform, pid: int = os.getpid()) -> None:
    """No QEMU, run folder (overlays), mount or loop device of the runs of process ``pid``."""
    marker = f"run-{pid}-"
    assert qemu_pids(marker) == [], f"QEMU still running for {marker}"
    assert qemu_pids(marker, (b"socat",)) == [], f"a socat of the lab socket slots still running for {marker}"
    assert list(built_platform.run_dir.glob(f"{marker}*")) == [], "a run folder (overlay image) is left"
    assert list(built_platform.folder.glob(".*tmp*")) == [], "a temporary data disk is left"
    mounts = Path("/proc/self/mounts").read_text()
    assert str(built_platform.run_dir.parent) not in mounts
    loops = subprocess.run(["losetup", "-a"], capture_output=True, text=True).stdout
    assert str(built_platform.run_dir.parent) not in loops
