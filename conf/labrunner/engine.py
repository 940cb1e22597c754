"""The Docker engine: one SDK client per process, and one clear line when none answers."""

import functools
import os

import docker
import docker.errors
import requests.exceptions
import urllib3.exceptions

DEFAULT_HOST = "unix:///var/run/docker.sock"


class EngineUnavailable(RuntimeError):
    """No engine answers; str() is the one line telling how to start one."""


def host() -> str:
    return os.environ.get("DOCKER_HOST", DEFAULT_HOST)


_unavailable: list[EngineUnavailable] = []


@functools.cache
def client() -> docker.DockerClient:
    if _unavailable:  # asked once per process: every later lab fails at once, not after a timeout
        raise _unavailable[0]
    try:
        c = docker.from_env()
        c.ping()
        return c
    except (docker.errors.DockerException, requests.exceptions.RequestException, OSError):
        _unavailable.append(EngineUnavailable(
            f"no Docker engine answers at {host()}: start one "
            "(sudo dockerd --bridge=none --iptables=false &) or deselect the labs with -m 'not labs'"
        ))
        raise _unavailable[0] from None


def is_read_timeout(exc: Exception) -> bool:
    """A read that outlived its timeout (a lab still running), not an engine gone: over the unix
    socket, requests reports both as ConnectionError."""
    return isinstance(exc, requests.exceptions.ReadTimeout) or any(
        isinstance(arg, urllib3.exceptions.ReadTimeoutError) for arg in exc.args)


def lost(exc: Exception, elsewhere: str = "") -> EngineUnavailable:
    """The engine stopped answering mid-session: this lab fails with the returned line, and every
    later lab at once with the usual one (no client is kept, no timeout is waited again).
    ``elsewhere``: the address of another platform's engine (a VM's), which is the one gone."""
    reason = str(exc).split(": ")[-1][:120] or type(exc).__name__
    if elsewhere:
        return EngineUnavailable(f"the VM's Docker engine at {elsewhere} stopped answering during this lab ({reason}): "
                                 "its console log (platform folder, console.log) says why; rerun the session")
    client.cache_clear()
    _unavailable[:] = [EngineUnavailable(
        f"no Docker engine answers at {host()} (it stopped answering during this session): start it again "
        "and rerun; the next session removes what its labs left"
    )]
    return EngineUnavailable(
        f"the Docker engine at {host()} stopped answering during this lab ({reason}): start it again and rerun; "
        "the next session removes this lab's container"
    )


@functools.cache
def facts() -> dict:
    """What the provenance line of an output says about the engine that produced it."""
    return facts_of(client().api)


def facts_of(api) -> dict:
    """Engine, containerd and runc versions, system, kernel and cgroup version of an engine."""
    info, version = api.info(), api.version()
    components = {c.get("Name", "").lower(): c.get("Version", "?") for c in version.get("Components") or []}
    return {
        "engine": f"Docker {version.get('Version', '?')}",
        "containerd": components.get("containerd", "?"),
        "runc": components.get("runc", "?"),
        "os": info.get("OperatingSystem", "?"),
        "kernel": info.get("KernelVersion", "?"),
        "cgroup": f"v{info.get('CgroupVersion', '1')}",
    }
