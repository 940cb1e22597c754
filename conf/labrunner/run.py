"""Run one lab in a container: create, start, wait, logs, remove (no needless API calls).

Containment comes from the lab's options (no network, memory/pids/CPU limits, read-only
root with a tmpfs /tmp, the engine's default capabilities minus those of ``containment``
plus only those it declares, a file-size limit); the container is labelled
``org.docker-en-pratique.lab=<lab path>`` (and with its session, suite and owning process)
and always removed, also on timeout and Ctrl-C; if the engine goes away mid-lab, the next
session removes it (``session_inventory.sweep_dead_owners``).
"""

import contextlib
import os
import socket
import time
import uuid
from dataclasses import dataclass, field

import docker.errors
import docker.types
import requests.exceptions

from . import containment, engine, engine_lab, inventory, lab_files
from . import recipe as recipe_module
from .discovery import Lab
from .locks import file_lock
from .options import LabOptions

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
# Enough for any output a book can show; bounds the engine's log file for a chatty lab.
LOG_CONFIG = docker.types.LogConfig(type="json-file", config={"max-size": recipe_module.LOG_MAX_SIZE, "max-file": "1"})


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
    contained: list[str] = field(default_factory=list)  # what containment stopped (engine policy, output size)


def _create(api, recipe: recipe_module.Recipe) -> str:
    o = recipe.options
    host_config = api.create_host_config(
        network_mode=o.network, mem_limit=o.memory, memswap_limit=o.memory, pids_limit=o.pids,
        nano_cpus=int(o.cpus * 1e9), read_only=o.read_only, tmpfs={recipe_module.WORKDIR: recipe_module.TMPFS_OPTIONS},
        cap_add=list(o.cap_add) or None, cap_drop=list(recipe.cap_drop) or None, security_opt=list(o.security_opt) or None,
        mounts=[docker.types.Mount(m.target, m.source, type=m.kind, read_only=m.read_only) for m in recipe.mounts],
        log_config=LOG_CONFIG, cgroupns=recipe_module.CGROUPNS, ulimits=[docker.types.Ulimit(name="fsize", soft=recipe_module.MAX_FILE_BYTES,
                                                             hard=recipe_module.MAX_FILE_BYTES)],
    )
    created = api.create_container(
        image=recipe.image, command=recipe.command, environment=recipe.environment, hostname=o.hostname,
        working_dir=recipe_module.WORKDIR, host_config=host_config, labels=recipe.labels,
    )
    return created["Id"]


@contextlib.contextmanager
def lab_files_volume(api, lab: Lab, image: str, lab_labels: dict[str, str]):
    """A volume holding a copy of the lab's files (``lab_files``), mounted read-only at /lab.

    Unpacked through a container that is created but never started (the API writes into its
    volume); removed with the lab, also on a failure or Ctrl-C (else swept as a dead session's)."""
    archive = lab_files.archive(lab)
    volume = api.create_volume(f"labfiles-{uuid.uuid4().hex[:16]}", labels=lab_labels)["Name"]
    try:
        loader = api.create_container(image=image, command=["true"], network_disabled=True, labels=lab_labels,
                                      host_config=api.create_host_config(binds={volume: {"bind": "/lab", "mode": "rw"}}))
        try:
            api.put_archive(loader["Id"], "/", archive)
        finally:
            _remove_container(api, loader["Id"])
        yield recipe_module.Mount(volume, str(recipe_module.LAB_DIR))
    finally:
        try:
            api.remove_volume(volume, force=True)
        except (docker.errors.NotFound, requests.exceptions.ConnectionError):
            pass  # gone already, or the engine went away (swept by its next session)


def labels(lab: Lab) -> dict[str, str]:
    """On the lab's container, and (engine labs) on everything it creates."""
    return {LABEL: str(lab.relative), SESSION_LABEL: SESSION, SUITE_LABEL: SUITE, OWNER_LABEL: OWNER}


def _run(api, lab: Lab, image: str, options: LabOptions, engine_socket: str | None = None, elsewhere: str = "",
         time_factor: float = 1.0) -> RunResult:
    try:
        with lab_files_volume(api, lab, image, labels(lab)) as files:
            container = None
            try:
                container = _create(api, recipe_module.recipe(lab, image, options, lab_files=files,
                                                              engine_socket=engine_socket, labels=labels(lab)))
                return _start_and_wait(api, container, options, options.timeout * time_factor)
            finally:
                if container:
                    _remove_container(api, container)
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        raise engine.lost(exc, elsewhere) from None  # the engine is gone: its next session sweeps what it still holds


def _remove_container(api, container: str) -> None:
    try:
        api.remove_container(container, force=True, v=True)
    except (docker.errors.NotFound, requests.exceptions.ConnectionError):
        pass  # already gone, or the engine went away (swept by its next session)


def _start_and_wait(api, container: str, options: LabOptions, timeout: float) -> RunResult:
    started = time.monotonic()
    api.start(container)
    result = RunResult(output="")
    try:
        result.exit_code = api.wait(container, timeout=timeout)["StatusCode"]
    except requests.exceptions.RequestException as exc:
        if not engine.is_read_timeout(exc):
            raise
        result.timed_out = True
        result.pids_at_timeout = containment.freeze_and_count(api, container)  # a fork bomb shows here
        api.kill(container)
    if result.exit_code not in (None, options.exit_code):
        result.oom_killed = containment.oom_killed(api, container)  # failures only: no cost otherwise
    result.seconds = time.monotonic() - started
    separate = options.stderr == "separate"
    result.output = containment.logs(api, container, result.contained, stdout=True, stderr=not separate)
    if separate:
        result.stderr = containment.logs(api, container, result.contained, stdout=False, stderr=True)
    return result


def run(lab: Lab, image: str, options: LabOptions | None = None, platform=None) -> RunResult:
    """Run ``lab`` in ``image`` with ``options`` (its lab.toml's by default). Engine labs drive the
    engine through a socket of their own that labels what they create: what they leave, exactly
    theirs, is named and removed. Being told apart by label, they run side by side (a shared hold
    of the engine lock); image builds and a session's final inventory hold it alone, so that no
    lab is mid-way while they count. ``platform``: where to run it (``platforms.Platform``; the
    host's engine by default)."""
    options = options or lab.options
    api = platform.api if platform else engine.client().api
    elsewhere = platform.docker_host if platform and platform.name != "host" else ""
    factor = platform.time_factor if platform else 1.0
    if not options.engine:
        return _run(api, lab, image, options, elsewhere=elsewhere, time_factor=factor)
    with (file_lock("engine", shared=True),
          engine_lab.LabSocket(api, labels(lab), lab, options, platform=platform) as lab_socket):
        try:
            result = _run(api, lab, image, options, lab_socket.mount_path, elsewhere, factor)
        finally:
            leftovers = lab_socket.remove_leftovers()
        result.leftovers = leftovers
        result.contained += lab_socket.handler.refusals
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
