"""How an engine lab's own socket crosses from a VM's guest to the runner: fixed slots.

An engine lab's container mounts a socket served by the runner's labelling proxy
(``engine_lab``). On the host's engine that socket is a file of the runner; a VM's engine can
only mount the guest's files. So each VM has ``COUNT`` slots, fixed when QEMU starts:

    lab container ── guest file /run/labrunner/slot-N.sock  (a relay container in the guest)
      ── 10.0.2.100:6000+N  (QEMU user network ``guestfwd``: the guest's one way out, to the host)
      ── socat, spawned by QEMU per connection ── host file <VM run folder>/slot-N.sock
      ── the lab's proxy ── the guest's engine, through its forwarded API port.

A lab run holds one slot (a file lock) while it lasts; a lab waits for a free one.
"""

import contextlib
import fcntl
import shutil
import time
from pathlib import Path

from .errors import PlatformError

COUNT = 4  # engine labs of one session at once on a VM (pytest -n auto on this kind of machine: 2)
GUEST_ADDRESS = "10.0.2.100"  # QEMU's user network: a guest address forwarded to the host, nothing else
FIRST_PORT = 6000
GUEST_DIR = "/run/labrunner"  # in the guest (a tmpfs): where the relay serves the slots
RELAY_NAME = "labrunner-slot-relay"
RELAY_SOURCE = Path(__file__).with_name("slot_relay.py")
UNIX_PATH_MAX = 107  # sun_path, less its final NUL
WAIT_SECONDS = 600  # a lab waits this long for a slot, then fails with one line
HALF_CLOSE_WAIT = 3600  # seconds a connection may stay open one way only (longer than any lab)


def host_socket(folder: Path, slot: int) -> Path:
    return folder / f"slot-{slot}.sock"


def guest_socket(slot: int) -> str:
    return f"{GUEST_DIR}/slot-{slot}.sock"


def guestfwd_options(folder: Path) -> str:
    """The ``-netdev user`` options that carry the slots (no comma may appear in a path there)."""
    if not shutil.which("socat"):
        raise PlatformError("socat is missing: apt-get install socat (listed in conf/apt-packages.txt); "
                            "it carries the engine labs' sockets out of the VM")
    longest = str(host_socket(folder, COUNT - 1))
    if "," in longest or len(longest.encode()) > UNIX_PATH_MAX:
        raise PlatformError(f"{folder}: too long or holds a comma for the VM's lab sockets; "
                            "set XDG_CACHE_HOME to a short path")
    # -t: once one way has ended (the docker CLI half-closes an attach right away), socat waits
    # this long for the other instead of its default 0.5 s, which cut a container's output off.
    return "".join(f",guestfwd=tcp:{GUEST_ADDRESS}:{FIRST_PORT + n}-cmd:socat -t {HALF_CLOSE_WAIT} STDIO "
                   f"UNIX-CONNECT:{host_socket(folder, n)}" for n in range(COUNT))


def start_relay(api, image: str) -> None:
    """The guest side: one container on the guest's network that serves every slot's socket."""
    if any(c["Names"] == [f"/{RELAY_NAME}"] for c in api.containers(all=True, filters={"name": RELAY_NAME})):
        return
    command = ["python3", "-c", RELAY_SOURCE.read_text(encoding="utf-8"), GUEST_ADDRESS, str(FIRST_PORT), str(COUNT)]
    host_config = api.create_host_config(network_mode="host", read_only=True, binds={GUEST_DIR: {"bind": GUEST_DIR, "mode": "rw"}},
                                         mem_limit="64m", pids_limit=256)
    created = api.create_container(image=image, command=command, name=RELAY_NAME, host_config=host_config,
                                   working_dir=GUEST_DIR)
    api.start(created["Id"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = api.inspect_container(created["Id"])["State"]
        if not state["Running"]:
            raise PlatformError(f"the VM's slot relay ended: {api.logs(created['Id']).decode(errors='replace').strip()[-300:]}")
        if api.logs(created["Id"]).startswith(b"ready"):
            return
        time.sleep(0.5)
    raise PlatformError("the VM's slot relay did not start within 60 s")


@contextlib.contextmanager
def take(folder: Path):
    """Hold a free slot of the VM whose run folder is ``folder``: yields (host socket, guest socket)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        for slot in range(COUNT):
            handle = open(folder / f"slot-{slot}.lock", "a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield host_socket(folder, slot), guest_socket(slot)
            finally:
                handle.close()
            return
        if time.monotonic() > deadline:
            raise PlatformError(f"no free lab socket slot of the VM after {WAIT_SECONDS} s ({COUNT} slots, {folder})")
        time.sleep(0.5)
