"""How to explain a lab the limits stopped: its processes at its timeout, the OOM killer.

What every lab container is given and denied (limits, dropped capabilities, the file-size
limit) is written once, in ``recipe``.
"""

import docker.errors

# What a lab may print (each stream): far more than a page shows, far less than the engine's log
# file keeps before it rotates (recipe.LOG_MAX_SIZE), so no output is ever silently cut. The
# json-file driver writes a line of ~75 bytes for each line printed: 256 KiB of empty lines make
# ~19 MB, under 32 MB.
MAX_OUTPUT_BYTES = 256 << 10


def logs(api, container, problems: list[str], stdout: bool, stderr: bool) -> str:
    """What the lab printed, read up to ``MAX_OUTPUT_BYTES``: past it, the lab fails (a line in
    ``problems``) and only that much is kept."""
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
