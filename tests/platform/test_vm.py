"""One VM of the current platform, booted once for these tests (under TCG here: minutes)."""

import contextlib
import socket
import time

import pytest

from vm_leftovers import assert_nothing_left
from labrunner import images, session_platforms
from labrunner import platform


@pytest.fixture(scope="module")
def base_image():
    return images.ensure("debian-base")


@pytest.fixture(scope="module")
def vm(built, base_image):
    # The labs' own image set: the same cached data disk as the session's VM (filled once).
    with platform.start(built, images=session_platforms.lab_images()) as running:
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


LAB_SOCKET_CLIENT = """
import http.client, json, socket, sys
class Unix(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect('/var/run/docker.sock')
def ask(method, path, body=None):
    c = Unix('localhost')
    c.request(method, path, body=json.dumps(body) if body else None, headers={'Content-Type': 'application/json'})
    r = c.getresponse()
    return r.status, r.read().decode()
print(ask('GET', '/_ping'))
print(ask('POST', '/volumes/create', {'Name': 'left-behind'})[0])
try:
    socket.create_connection(('10.0.2.100', 5999), timeout=5)
    print('other port: connected')
except OSError as exc:
    print('other port: failed', type(exc).__name__)
"""


def test_an_engine_labs_socket_crosses_from_the_guest_to_the_runner(vm, base_image):
    """The engine labs' path on a VM (platform.slots): a container in the guest mounts a slot's
    socket, its requests reach the runner's labelling proxy through QEMU's guestfwd, and what it
    leaves is named and removed; no other port of the forwarded address answers."""
    from labrunner import engine_lab, platforms

    slots_folder = vm.serve_lab_sockets(base_image)
    vm_platform = platforms.Platform("vm", vm.docker_host, str(slots_folder))
    with contextlib.closing(vm.client()) as guest, \
            engine_lab.LabSocket(guest.api, {"org.docker-en-pratique.lab": "platform-test/engine-lab"},
                                 platform=vm_platform) as lab_socket:
        assert lab_socket.mount_path.startswith("/run/labrunner/")
        # On the guest's network (labs have none), so that the probe of another port means something.
        output = guest.containers.run(base_image, ["python3", "-c", LAB_SOCKET_CLIENT], network_mode="host",
                                      volumes={lab_socket.mount_path: {"bind": "/var/run/docker.sock", "mode": "rw"}},
                                      remove=True).decode()
        ping, created, other = output.strip().splitlines()
        assert ping == "(200, 'OK')" and created == "201", output
        assert other.startswith("other port: failed"), output
        labelled = guest.api.volumes(filters={"label": "org.docker-en-pratique.lab=platform-test/engine-lab"})["Volumes"]
        assert [v["Name"] for v in labelled or []] != []  # the proxy labelled it (its private name)
        assert lab_socket.remove_leftovers() == ["volume left-behind"]
        assert guest.api.volumes(filters={"label": "org.docker-en-pratique.lab=platform-test/engine-lab"})["Volumes"] in (None, [])
