"""Run one lab in a container: create, start, wait, logs, remove (no needless API calls).

Containment comes from the lab's options (no network, memory/pids/CPU limits, read-only
root with a tmpfs /tmp, the engine's default capabilities minus those of ``containment``
plus only those it declares, a file-size limit); the container is labelled
``org.docker-en-pratique.lab=<lab path>`` (and with its session, suite and owning process)
and always removed, also on timeout and Ctrl-C; if the engine goes away mid-lab, the next
session removes it (``session_inventory.sweep_dead_owners``).
"""

import os
import shlex
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import docker.errors
import docker.types
import requests.exceptions

from . import containment, engine, engine_lab, inventory
from .discovery import Lab
from .locks import file_lock

LABEL = inventory.LAB_LABEL
# Every container of this process also carries this, so remove_session_containers() finds
# one that a Ctrl-C caught between its creation and its removal.
SESSION_LABEL = "org.docker-en-pratique.session"
SESSION = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
# Shared by the pytest-xdist workers of one suite (inherited from the controller's environment):
# the controller removes the suite's containers once every worker is gone, even after Ctrl-C.
SUITE_LABEL = "org.docker-en-pratique.suite"
SUITE = os.environ.setdefault("LABRUNNER_SUITE", SESSION)
# host:pid of the process that created a container, so a later session can remove the
# containers of a process that died without cleaning up (kill -9, engine stopped mid-lab).
OWNER_LABEL = "org.docker-en-pratique.owner"
OWNER = f"{socket.gethostname()}:{os.getpid()}"
ENVIRONMENT = {"LANG": "C.UTF-8", "TZ": "UTC", "COLUMNS": "80", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
DEFAULT_INTERPRETERS = {"lab.sh": ["/bin/sh"], "lab.py": ["/usr/bin/python3"]}
TMPFS = "rw,exec,nosuid,nodev,size=64m"
# Enough for any output a book can show; bounds the engine's log file for a chatty lab.
LOG_CONFIG = docker.types.LogConfig(type="json-file", config={"max-size": "10m", "max-file": "1"})


@dataclass
class RunResult:
    output: str  # stdout, with stderr merged in order unless the lab keeps it separate
    stderr: str = ""
    exit_code: int | None = None
    timed_out: bool = False
    oom_killed: bool = False
    pids_at_timeout: int | None = None
    seconds: float = 0.0
    leftovers: list[str] = field(default_factory=list)


def command(lab: Lab) -> list[str]:
    """The interpreter named by the snippet's shebang (or the default one) on /lab/<snippet>."""
    first = lab.snippet.read_text(encoding="utf-8").split("\n", 1)[0]
    interpreter = shlex.split(first[2:]) if first.startswith("#!") else DEFAULT_INTERPRETERS[lab.snippet.name]
    argv = interpreter + [str(PurePosixPath("/lab") / lab.snippet.name)]
    if lab.options.stderr == "merge":
        # One stream, in the order the lab wrote it, as a terminal would show it.
        return ["/bin/sh", "-c", 'exec 2>&1; exec "$@"', "sh", *argv]
    return argv


def _create(api, lab: Lab, image: str, engine_socket: str | None) -> str:
    o = lab.options
    binds = {str(lab.folder): {"bind": "/lab", "mode": "ro"}}
    if engine_socket:  # the lab's own socket (engine_lab), never the engine's
        binds[engine_socket] = {"bind": "/var/run/docker.sock", "mode": "rw"}
    host_config = api.create_host_config(
        network_mode=o.network, mem_limit=o.memory, memswap_limit=o.memory, pids_limit=o.pids,
        nano_cpus=int(o.cpus * 1e9), read_only=o.read_only, tmpfs={"/tmp": TMPFS},
        cap_add=list(o.cap_add) or None, security_opt=list(o.security_opt) or None,
        binds=binds, log_config=LOG_CONFIG,
        cap_drop=containment.cap_drop(o.cap_add), ulimits=containment.ulimits(),
    )
    created = api.create_container(
        image=image, command=command(lab), environment=ENVIRONMENT, hostname=o.hostname,
        working_dir="/tmp", host_config=host_config,
        labels=labels(lab),
    )
    return created["Id"]


def labels(lab: Lab) -> dict[str, str]:
    """On the lab's container, and (engine labs) on everything it creates."""
    return {LABEL: str(lab.relative), SESSION_LABEL: SESSION, SUITE_LABEL: SUITE, OWNER_LABEL: OWNER}


def _run(api, lab: Lab, image: str, engine_socket: str | None = None) -> RunResult:
    container = None
    try:
        container = _create(api, lab, image, engine_socket)
        started = time.monotonic()
        api.start(container)
        result = RunResult(output="")
        try:
            result.exit_code = api.wait(container, timeout=lab.options.timeout)["StatusCode"]
        except requests.exceptions.RequestException as exc:
            if not engine.is_read_timeout(exc):
                raise
            result.timed_out = True
            result.pids_at_timeout = containment.freeze_and_count(api, container)  # a fork bomb shows here
            api.kill(container)
        if result.exit_code not in (None, lab.options.exit_code):
            result.oom_killed = containment.oom_killed(api, container)  # failures only: no cost otherwise
        result.seconds = time.monotonic() - started
        separate = lab.options.stderr == "separate"
        result.output = api.logs(container, stdout=True, stderr=not separate).decode("utf-8", "replace")
        if separate:
            result.stderr = api.logs(container, stdout=False, stderr=True).decode("utf-8", "replace")
        return result
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        container = None  # the engine is gone: its next session sweeps what it still holds
        raise engine.lost(exc) from None
    finally:
        if container:
            try:
                api.remove_container(container, force=True, v=True)
            except (docker.errors.NotFound, requests.exceptions.ConnectionError):
                pass  # already gone, or the engine went away (swept by its next session)


def run(lab: Lab, image: str) -> RunResult:
    """Run ``lab`` in ``image``. Engine labs drive the engine through a socket of their own that
    labels what they create: what they leave, exactly theirs, is named and removed. Being told
    apart by label, they run side by side (a shared hold of the engine lock); image builds and
    a session's final inventory hold it alone, so that no lab is mid-way while they count."""
    api = engine.client().api
    if not lab.options.engine:
        return _run(api, lab, image)
    with file_lock("engine", shared=True), engine_lab.LabSocket(api, labels(lab)) as lab_socket:
        try:
            result = _run(api, lab, image, lab_socket.path)
        finally:
            leftovers = lab_socket.remove_leftovers()
        result.leftovers = leftovers
        return result


def remove_session_containers() -> list[str]:
    """Remove what this process created and still exists (normally nothing); return their names."""
    api = engine.client().api
    leftovers = api.containers(all=True, filters={"label": f"{SESSION_LABEL}={SESSION}"})
    for container in leftovers:
        try:
            api.remove_container(container["Id"], force=True, v=True)
        except docker.errors.NotFound:
            pass
    return [c["Labels"].get(LABEL, c["Id"][:12]) for c in leftovers]
