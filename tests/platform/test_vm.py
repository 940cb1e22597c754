"""One VM of the current platform, booted once for these tests (under TCG here: minutes)."""

import contextlib
import socket
import time

import pytest

from vm_leftovers import assert_nothing_left
from labrunner import images
from labrunner import platform


@pytest.fixture(scope="module")
def base_image():
    return images.ensure("debian-base")


@pytest.fixture(scope="module")
def vm(built, base_image):
    with platform.start(built, images=[base_image]) as running:
        yield running
    assert_nothing_left(built)


def test_facts_are_the_engines_own(vm, built):
    facts = vm.facts()
    packages = built.versions["packages"]
    assert facts["cgroup"] == "v2"
    assert facts["containerd_snapshotter"] is True
    assert packages["docker.io"].startswith(facts["engine"].removeprefix("Docker ").split("+")[0])
    assert packages["runc"].startswith(facts["runc"].split("+")[0])
    assert packages["containerd"].startswith(facts["containerd"].split("+")[0])
    assert facts["kernel"] == built.versions["kernel_release"]


def test_a_lab_container_runs_on_cgroup_v2(vm, base_image):
    with contextlib.closing(vm.client()) as guest:
        began = time.monotonic()
        output = guest.containers.run(base_image, ["cat", "/proc/self/cgroup"], network_mode="none", remove=True)
        seconds = time.monotonic() - began
    print(f"docker run --rm --network none {base_image} in the VM: {seconds:.1f} s")
    assert output.decode().strip() == "0::/"


def test_the_guest_reaches_nothing(vm, base_image):
    """restrict=on: from the guest's own network stack (a host-network container in the VM),
    the host behind QEMU's gateway is unreachable, though a listener waits there."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        script = (
            "import socket, subprocess\n"
            "print(subprocess.run(['ip', '-4', '-o', 'addr', 'show', 'scope', 'global'], capture_output=True, text=True).stdout.split()[3])\n"
            "try:\n"
            f"    socket.create_connection(('10.0.2.2', {port}), timeout=5)\n"
            "    print('connected')\n"
            "except OSError as exc:\n"
            "    print('failed:', type(exc).__name__)\n"
        )
        with contextlib.closing(vm.client()) as guest:
            output = guest.containers.run(base_image, ["python3", "-c", script], network_mode="host", remove=True).decode()
        address, verdict = output.strip().splitlines()
        with pytest.raises(TimeoutError):
            listener.accept()
    assert address == "10.0.2.15/24"  # the guest has its interface: only the way out is closed
    assert verdict.startswith("failed:"), output


def test_images_already_in_the_guest_are_not_copied_again(vm, base_image):
    assert vm.load_images([base_image]) == []
