"""The current verification platform (issue 13): a Debian virtual machine with cgroup v2 and
the newest Docker engine Debian ships, booted by QEMU next to the host's engine.

    platform = build("current")          # cached under _build/platforms/current-<sha12>/
    with start(platform) as vm:          # QEMU, no network but the forwarded engine API
        vm.load_images([tag, ...])       # lab images copied from the host's engine
        docker.DockerClient(base_url=vm.docker_host) ...
        vm.facts()                       # engine, containerd, runc, kernel, cgroup version

Modules: recipe (conf/platforms/<name>.toml and its hash), build (debootstrap, ext4 image),
qemu (accelerator, command line, process), guest (the guest's dockerd: readiness, facts),
data (the engine's data disk, cached by image set), vm (start/stop of one VM). Images are
copied by the runner's own images.copy_to. Every failure is a PlatformError, one line.
"""

from .build import Platform, build
from .errors import PlatformError
from .vm import VM, start

__all__ = ["Platform", "PlatformError", "VM", "build", "start"]
