"""How to explain a lab the limits stopped: its processes at its timeout, the OOM killer.

What every lab container is given and denied (limits, dropped capabilities, the file-size
limit) is written once, in ``recipe``.
"""

import docker.errors


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
