"""The platforms every lab is verified on, and which expected output each is checked against.

- ``host``: the Docker engine at DOCKER_HOST (on the project's machines: Debian 12's
  Docker 20.10 on a cgroup v1 kernel);
- ``vm``: a virtual machine the suite boots itself with Debian's newest Docker on a cgroup v2
  kernel (``labrunner.vm``), the kind of machine readers have: the book shows its outputs.

The engine of a platform need not share the runner's file system: lab files travel as an
archive (``lab_files``), images are built on the host's engine and loaded into the others.

Outputs are told apart by what readers meet: ``output.txt`` is what a cgroup v2 platform
prints; a lab whose output differs on cgroup v1 keeps that one in ``output.cgroup-v1.txt``,
shown in a tab beside it. No normalizer hides a difference: each file is one platform's truth.
"""

import functools
import os
from dataclasses import dataclass

from . import engine, images
from .discovery import CGROUP_V1_VARIANT

# Set by the session's controller once the VM answers; inherited by pytest-xdist workers.
VM_ENV = "LABRUNNER_VM_DOCKER_HOST"
# The host folder of the VM's engine-lab socket slots (labrunner.platform.slots), set with VM_ENV.
VM_SLOTS_ENV = "LABRUNNER_VM_SLOTS"
# How much slower than the host the VM runs a lab (its accelerator: TCG emulates every
# instruction), set with VM_ENV; each lab's timeout is stretched by it, and says so.
VM_TIME_FACTOR_ENV = "LABRUNNER_VM_TIME_FACTOR"
# Which platforms a session verifies on; CI verifies on all of them and fails if one is missing.
PLATFORMS_ENV = "LABRUNNER_PLATFORMS"
ALL = ("vm", "host")
DEFAULT = ALL


class PlatformUnavailable(RuntimeError):
    """A platform that cannot be used in this session; str() is one line saying why."""


@dataclass(frozen=True)
class Platform:
    name: str
    docker_host: str  # the engine's address, for the SDK
    slots: str = ""  # a VM: the host folder of its engine-lab socket slots (engine_lab.LabSocket)
    time_factor: float = 1.0  # lab timeouts are stretched by it (VM_TIME_FACTOR_ENV)

    @property
    def time_factor_why(self) -> str:
        return "its processor is emulated (QEMU's TCG)" if self.time_factor != 1 else ""

    @functools.cached_property
    def api(self):
        if self.name == "host":
            return engine.client().api
        import docker

        return docker.APIClient(base_url=self.docker_host, version="auto", timeout=120)

    @functools.cached_property
    def facts(self) -> dict:
        return engine.facts_of(self.api)

    @property
    def variant(self) -> str:
        """The expected-output variant this platform is checked against ("" for output.txt)."""
        return CGROUP_V1_VARIANT if self.facts["cgroup"] == "v1" else ""

    def image(self, name: str, progress=None, repository: str = images.REPOSITORY) -> str:
        """The tag of lab image ``name`` on this platform: built on the host's engine, then loaded."""
        tag = images.ensure(name, *([progress] if progress else []), repository=repository)
        if self.name != "host":
            images.copy_to(tag, self.api, *([progress] if progress else []))
        return tag


def wanted() -> tuple[str, ...]:
    names = tuple(n.strip() for n in os.environ.get(PLATFORMS_ENV, ",".join(DEFAULT)).split(",") if n.strip())
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise PlatformUnavailable(f"{PLATFORMS_ENV}={os.environ[PLATFORMS_ENV]}: unknown platform {unknown[0]!r} "
                                  f"(known: {', '.join(ALL)})")
    return names


def get(name: str) -> Platform:
    if name == "host":
        return Platform("host", engine.host())
    address = os.environ.get(VM_ENV)
    if not address:
        raise PlatformUnavailable("the vm platform was not started in this session")
    return _vm(address, os.environ.get(VM_SLOTS_ENV, ""), float(os.environ.get(VM_TIME_FACTOR_ENV) or 1))


@functools.cache
def _vm(address: str, slots: str, time_factor: float) -> Platform:
    return Platform("vm", address, slots, time_factor)


def book_platform_in_session() -> bool:
    """Whether this session verifies on the VM, whose outputs the book shows (output.txt)."""
    return bool(os.environ.get(VM_ENV)) and "vm" in wanted()
