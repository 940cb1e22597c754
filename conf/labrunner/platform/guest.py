"""The guest's Docker engine, seen from the host through QEMU's forwarded port."""

import http.client
import time

import docker
import docker.errors

from .. import engine
from .errors import PlatformError

POLL_SECONDS = 0.5


class BootFailed(PlatformError):
    """QEMU ended, or KVM stopped the guest, before the engine answered."""


def answers(port: int) -> bool:
    """GET /_ping answered "OK". QEMU accepts the connection itself even while nothing listens
    in the guest, so only an HTTP answer counts."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/_ping")
        response = connection.getresponse()
        return response.status == 200 and response.read() == b"OK"
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def wait_ready(port: int, timeout: float, qemu, describe) -> None:
    """Until the engine answers; BootFailed if QEMU ends first, PlatformError after ``timeout``
    seconds. ``describe()`` gives the console's last words for the message."""
    deadline = time.monotonic() + timeout
    while True:
        if qemu.kvm_failed():
            raise BootFailed("KVM stopped the guest (KVM internal error)")
        if not qemu.alive():
            raise BootFailed(f"the VM did not boot: QEMU ended (exit {qemu.proc.returncode}) before the engine answered; {describe()}")
        if answers(port):
            return
        if time.monotonic() > deadline:
            raise PlatformError(f"the guest's engine did not answer within {timeout:.0f} s; {describe()}")
        time.sleep(POLL_SECONDS)


def client(docker_host: str, timeout: int = 600) -> docker.DockerClient:
    """A client of the guest's engine; reads may be slow under TCG (an image load: minutes)."""
    return docker.DockerClient(base_url=docker_host, timeout=timeout)


def present(api: docker.APIClient, reference: str) -> bool:
    try:
        api.inspect_image(reference)
        return True
    except docker.errors.ImageNotFound:
        return False


def facts(api: docker.APIClient) -> dict:
    """The runner's provenance facts of an engine, plus what shows the guest is set up as meant:
    the storage driver and whether it is the containerd image store."""
    info = api.info()
    driver_status = dict(info.get("DriverStatus") or [])
    return {
        **engine.facts_of(api),
        "api_version": api.version()["ApiVersion"],
        "cgroup_driver": info.get("CgroupDriver", ""),
        "storage_driver": info["Driver"],
        # The containerd image store reports its snapshotter as the driver type.
        "containerd_snapshotter": driver_status.get("driver-type") == "io.containerd.snapshotter.v1",
    }
