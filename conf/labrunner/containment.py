"""What every lab container is denied beyond its lab.toml limits, and how to explain a lab the limits stopped.

The engine's default capability set is already small; labs run without a network, so the
two defaults that only serve networking or auditing are dropped too, unless the lab's
``cap_add`` names them. A single file may not grow past ``MAX_FILE_BYTES`` even where the
root is writable (read_only = false), so a runaway ``dd`` cannot fill the engine's disk.
"""

import signal

import docker.errors
import docker.types

# Defaults a network-less, audit-less lab never needs (raw sockets, audit records).
DROPPED_CAPS = ("NET_RAW", "AUDIT_WRITE")
# RLIMIT_FSIZE: a larger write fails with EFBIG/SIGXFSZ. Lowering a limit needs no capability.
MAX_FILE_BYTES = 128 * 1024 * 1024
# Exit status of a shell whose last command was killed by SIGXFSZ (a file past MAX_FILE_BYTES).
FILE_TOO_LARGE = 128 + signal.SIGXFSZ


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
