"""What every lab container is denied beyond its lab.toml limits, and how to explain a lab the limits stopped.

The engine's default capability set is already small; labs run without a network, so the
two defaults that only serve networking or auditing are dropped too, unless the lab's
``cap_add`` names them. Its cgroup namespace is its own (``CGROUPNS``). A single file may not grow past ``MAX_FILE_BYTES`` even where the
root is writable (read_only = false), so a runaway ``dd`` cannot fill the engine's disk.
"""

import hashlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

import docker.errors
import docker.types

# Every lab container gets a cgroup namespace of its own: on cgroup v1 the engine's default is the
# machine's, where a lab with CAP_SYS_ADMIN can mount a hierarchy and reach its release_agent (a
# program the machine's kernel runs as root); in its own namespace that file is not there.
CGROUPNS = "private"
# Defaults a network-less, audit-less lab never needs (raw sockets, audit records).
DROPPED_CAPS = ("NET_RAW", "AUDIT_WRITE")
# RLIMIT_FSIZE: a larger write fails with EFBIG/SIGXFSZ. Lowering a limit needs no capability.
MAX_FILE_BYTES = 128 * 1024 * 1024
# What a lab may print (each stream): far more than a page shows, far less than the engine's log
# file keeps before it rotates, so no output is ever silently cut. The json-file driver writes a
# line of ~75 bytes for each line printed: 256 KiB of empty lines make ~19 MB, under 32 MB.
MAX_OUTPUT_BYTES = 256 << 10
LOG_FILE_SIZE = "32m"
# Exit status of a shell whose last command was killed by SIGXFSZ (a file past MAX_FILE_BYTES).
FILE_TOO_LARGE = 128 + signal.SIGXFSZ


def _copy_path(folder: Path) -> Path:
    key = hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "docker-en-pratique-lab-folders" / f"{os.getpid()}-{key}"


def lab_folder_copy(folder: Path) -> Path:
    """A fresh copy of the lab's folder, mounted at /lab instead of the folder itself: the lab
    cannot write the repository even where it may remount /lab read-write (CAP_SYS_ADMIN).
    Symlinks are copied as symlinks (they then point into the lab's own container)."""
    copy = _copy_path(folder)
    shutil.rmtree(copy, ignore_errors=True)
    copy.parent.mkdir(mode=0o711, exist_ok=True)
    shutil.copytree(folder, copy, symlinks=True)
    return copy


def remove_lab_folder_copy(folder: Path) -> None:
    shutil.rmtree(_copy_path(folder), ignore_errors=True)


def logs(api, container, problems: list[str], stdout: bool, stderr: bool) -> str:
    """What the lab printed, read up to ``MAX_OUTPUT_BYTES``: past it, the lab fails (a line in
    ``problems``) and only that much is kept. The engine's log file rotates far beyond this bound,
    so a rotated (cut) log is always over it: the runner never compares a silently cut output."""
    kept, size = [], 0
    stream = api.logs(container, stdout=stdout, stderr=stderr, stream=True)
    try:
        for piece in stream:
            size += len(piece)
            if size > MAX_OUTPUT_BYTES:
                kept.append(piece[:len(piece) - (size - MAX_OUTPUT_BYTES)])
                problems.append(f"printed more than {MAX_OUTPUT_BYTES >> 10} KiB on {'stdout' if stdout else 'stderr'}: "
                                "no book shows that much; print less (the output kept is cut there)")
                break
            kept.append(piece)
    finally:
        getattr(stream, "close", lambda: None)()
    return b"".join(kept).decode("utf-8", "replace")


def cap_drop(cap_add) -> list[str]:
    """The default capabilities to drop, minus those the lab explicitly asks for."""
    asked = {c.upper().removeprefix("CAP_") for c in cap_add}
    return [c for c in DROPPED_CAPS if c not in asked]


def ulimits() -> list:
    return [docker.types.Ulimit(name="fsize", soft=MAX_FILE_BYTES, hard=MAX_FILE_BYTES)]


def freeze_and_count(api, container) -> int | None:
    """Freeze a lab past its timeout, then count its processes (before the kill that follows).

    Frozen, a fork bomb stops churning and ``docker top`` answers in milliseconds instead of
    seconds. The freezer may refuse a container that forks at that very moment: retried, and
    else the engine's pids counter is read (a second of sampling).
    """
    for _ in range(3):
        try:
            api.pause(container)
            return len(api.top(container).get("Processes") or [])
        except docker.errors.APIError:
            continue
    try:
        return api.stats(container, stream=False).get("pids_stats", {}).get("current")
    except Exception:  # a diagnostic only (the lab may have just exited): never the lab's failure
        return None


def oom_killed(api, container) -> bool:
    """True when the kernel's OOM killer killed a process of the container (asked on failures only)."""
    try:
        return bool(api.inspect_container(container)["State"].get("OOMKilled"))
    except Exception:
        return False
