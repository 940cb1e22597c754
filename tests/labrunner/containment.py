"""What every lab container is denied beyond its lab.toml limits, and how to explain a lab the limits stopped.

The engine's default capability set is already small; labs run without a network, so the
two defaults that only serve networking or auditing are dropped too, unless the lab's
``cap_add`` names them. A single file may not grow past ``MAX_FILE_BYTES`` even where the
root is writable (read_only = false), so a runaway ``dd`` cannot fill the engine's disk.
"""

import docker.types

# Defaults a network-less, audit-less lab never needs (raw sockets, audit records).
DROPPED_CAPS = ("NET_RAW", "AUDIT_WRITE")
# RLIMIT_FSIZE: a larger write fails with EFBIG/SIGXFSZ. Lowering a limit needs no capability.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Exit status of a process killed by SIGKILL (the OOM killer's signal, and the timeout's).
KILLED = 137


def cap_drop(cap_add) -> list[str]:
    """The default capabilities to drop, minus those the lab explicitly asks for."""
    asked = {c.upper().removeprefix("CAP_") for c in cap_add}
    return [c for c in DROPPED_CAPS if c not in asked]


def ulimits() -> list:
    return [docker.types.Ulimit(name="fsize", soft=MAX_FILE_BYTES, hard=MAX_FILE_BYTES)]


def current_pids(api, container) -> int | None:
    """How many processes the container holds now (one engine call, no waiting for a second sample)."""
    try:
        return api.stats(container, stream=False, one_shot=True).get("pids_stats", {}).get("current")
    except Exception:  # a diagnostic only: never turn it into the lab's failure
        return None


def oom_killed(api, container) -> bool:
    """True when the kernel's OOM killer killed a process of the container (asked on failures only)."""
    try:
        return bool(api.inspect_container(container)["State"].get("OOMKilled"))
    except Exception:
        return False
