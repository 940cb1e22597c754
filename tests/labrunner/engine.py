"""The Docker engine: one SDK client per process, and one clear line when none answers."""

import functools
import os

import docker
import docker.errors
import requests.exceptions

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


@functools.cache
def facts() -> dict:
    """What the provenance line of an output says about the engine that produced it."""
    api = client().api
    info, version = api.info(), api.version()
    return {
        "engine": f"Docker {version.get('Version', '?')}",
        "os": info.get("OperatingSystem", "?"),
        "kernel": info.get("KernelVersion", "?"),
        "cgroup": f"v{info.get('CgroupVersion', '1')}",
    }
