"""pytest plugin: the platforms of a test session, started once and stopped at its end.

In the controlling process (not in pytest-xdist workers, which inherit the VM's address from
its environment): the ``vm`` platform is built if its recipe changed (cached) and booted at
configure time, and stopped at unconfigure, also after a Ctrl-C. A platform that cannot be
started is one line; outside CI the session goes on with the others, in CI it fails: CI
verifies every lab on every platform.
"""

import contextlib
import os
import sys

import pytest

from . import platforms

_names: list[str] = []
_missing: list[str] = []  # one line per platform that could not be started
_vm_stack = contextlib.ExitStack()


def names(config) -> list[str]:
    """The platforms this session makes lab items for."""
    return list(_names)


def strict() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _collects_labs(config) -> bool:
    """Whether the paths this session collects (its arguments, or testpaths) hold labs."""
    from pathlib import Path

    from .paths import snippets_root

    root = snippets_root()
    for arg in config.args or config.getini("testpaths"):
        path = Path(config.invocation_params.dir, str(arg).split("::")[0]).resolve()
        if path.is_relative_to(root) or root.is_relative_to(path):
            return True
    return False


# The image of the guest's side of the engine labs' socket slots (it needs python3 only).
RELAY_IMAGE = "debian-base"


def lab_images() -> list[str]:
    """The tags of the images the labs run on the VM (and the slot relay's), built on the host's
    engine first."""
    from . import discovery, images

    names = sorted({lab.options.image for lab in discovery.discover()} | {RELAY_IMAGE})
    return [images.ensure(name, _say) for name in names]


def _start_vm() -> tuple[str, str, str]:
    """Build (if needed) and boot the VM with the labs' images, and open its engine-lab socket
    slots; return its engine's address, the slots' folder and its time factor (the environment
    of ``platforms.get``). Raises PlatformUnavailable (one line)."""
    from . import images
    from . import platform as vm_platform
    from .engine import EngineUnavailable
    from .images import ImageError

    try:
        built = vm_platform.build("current", progress=_say)
        machine = _vm_stack.enter_context(vm_platform.start(built, images=lab_images(), progress=_say))
        slots = machine.serve_lab_sockets(images.ensure(RELAY_IMAGE, _say))
    except (vm_platform.PlatformError, EngineUnavailable, ImageError) as exc:
        _vm_stack.close()
        raise platforms.PlatformUnavailable(f"the vm platform could not start: {exc}") from None
    return machine.docker_host, str(slots), f"{machine.time_factor:g}"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    _names.clear()
    _missing.clear()
    try:
        wanted = platforms.wanted()
    except platforms.PlatformUnavailable as exc:
        raise pytest.UsageError(str(exc)) from None
    worker = hasattr(config, "workerinput")
    for name in wanted:
        if name == "vm" and not os.environ.get(platforms.VM_ENV) and not _collects_labs(config):
            continue  # `pytest tests/book`: no lab to run, no VM to boot
        if name == "vm" and not os.environ.get(platforms.VM_ENV):
            if worker or config.option.collectonly:
                _missing.append("vm: not started in this session")
                continue
            try:
                (os.environ[platforms.VM_ENV], os.environ[platforms.VM_SLOTS_ENV],
                 os.environ[platforms.VM_TIME_FACTOR_ENV]) = _start_vm()
            except platforms.PlatformUnavailable as exc:
                if strict():
                    raise pytest.UsageError(f"{exc} (CI verifies every lab on every platform)") from None
                _missing.append(str(exc))
                continue
        _names.append(name)


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput") and _vm_stack._exit_callbacks:
        _vm_stack.close()  # the VM this process started, stopped by its pid
        os.environ.pop(platforms.VM_ENV, None)
        os.environ.pop(platforms.VM_SLOTS_ENV, None)
        os.environ.pop(platforms.VM_TIME_FACTOR_ENV, None)


def pytest_report_header(config):
    lines = [f"lab platforms: {', '.join(_names) or 'none'}"]
    lines += [f"lab platform NOT verified on: {line}" for line in _missing]
    return lines


def pytest_terminal_summary(terminalreporter):
    for line in _missing:
        terminalreporter.write_line(f"lab platform NOT verified on: {line}")
