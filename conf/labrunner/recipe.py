"""The container a lab runs in, written once as plain data.

The runner turns a ``Recipe`` into its API call (``run``), the book prints it as the plain
``docker run`` line a reader can type (« Rejouer ce lab »), the bench times that same line
against the runner, and ``make shell`` opens it interactively: one recipe, so none of them
can drift from what the suite really ran. Pure: no engine, no Docker SDK (the Sphinx build
imports it).
"""

import shlex
import signal
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .discovery import Lab
from .options import LabOptions

LAB_DIR = PurePosixPath("/lab")
WORKDIR = "/tmp"
ENGINE_SOCKET = "/var/run/docker.sock"
ENVIRONMENT = {"LANG": "C.UTF-8", "TZ": "UTC", "COLUMNS": "80", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
DEFAULT_INTERPRETERS = {"lab.sh": ["/bin/sh"], "lab.py": ["/usr/bin/python3"]}
TMPFS_OPTIONS = "rw,exec,nosuid,nodev,size=64m"
# Bounds the engine's log file for a chatty lab, far above what the runner reads of it
# (containment.MAX_OUTPUT_BYTES): a log that rotated is always over that bound, never silently cut.
LOG_MAX_SIZE = "32m"
# A cgroup namespace of its own: on cgroup v1 the engine's default is the machine's, where a lab
# with CAP_SYS_ADMIN can mount a hierarchy and reach its release_agent (a program the machine's
# kernel runs as root); in its own namespace that file is not there.
CGROUPNS = "private"
# Defaults a network-less, audit-less lab never needs (raw sockets, audit records).
DROPPED_CAPS = ("NET_RAW", "AUDIT_WRITE")
# RLIMIT_FSIZE: a larger write fails with EFBIG/SIGXFSZ, even where the root is writable
# (read_only = false), so a runaway `dd` cannot fill the engine's disk. Lowering it needs no capability.
MAX_FILE_BYTES = 128 * 1024 * 1024
# Exit status of a shell whose last command was killed by SIGXFSZ (a file past MAX_FILE_BYTES).
FILE_TOO_LARGE = 128 + signal.SIGXFSZ


def cap_drop(cap_add) -> tuple[str, ...]:
    """The default capabilities to drop, minus those the lab explicitly asks for."""
    asked = {c.upper().removeprefix("CAP_") for c in cap_add}
    return tuple(c for c in DROPPED_CAPS if c not in asked)


def command(lab: Lab, options: LabOptions) -> list[str]:
    """The interpreter named by the snippet's shebang (or the default one) on /lab/<snippet>."""
    first = lab.snippet.read_text(encoding="utf-8").split("\n", 1)[0]
    interpreter = shlex.split(first[2:]) if first.startswith("#!") else DEFAULT_INTERPRETERS[lab.snippet.name]
    argv = interpreter + [str(LAB_DIR / lab.snippet.name)]
    if options.stderr == "merge":
        # One stream, in the order the lab wrote it, as a terminal would show it.
        return ["/bin/sh", "-c", 'exec 2>&1; exec "$@"', "sh", *argv]
    return argv


@dataclass(frozen=True)
class Mount:
    source: str  # a volume name (type "volume") or a path on the engine's machine (type "bind")
    target: str
    kind: str = "volume"
    read_only: bool = True


@dataclass(frozen=True)
class Recipe:
    image: str
    command: list[str]
    options: LabOptions
    mounts: tuple[Mount, ...]
    labels: dict[str, str] = field(default_factory=dict)
    environment: dict[str, str] = field(default_factory=lambda: dict(ENVIRONMENT))

    @property
    def cap_drop(self) -> tuple[str, ...]:
        return cap_drop(self.options.cap_add)

    def docker_run_argv(self, docker: str = "docker", interactive: bool = False) -> list[str]:
        """The same container as a ``docker run --rm`` command line (``-it``, a shell: ``make shell``)."""
        o = self.options
        argv = [docker, "run", "--rm", *(["-it"] if interactive else []), "--network", o.network,
                "--memory", o.memory, "--memory-swap", o.memory, "--pids-limit", str(o.pids), "--cpus", f"{o.cpus:g}"]
        argv += ["--read-only"] if o.read_only else []
        argv += ["--tmpfs", f"{WORKDIR}:{TMPFS_OPTIONS}", "--ulimit", f"fsize={MAX_FILE_BYTES}", "--cgroupns", CGROUPNS]
        argv += [f"--cap-add={c}" for c in o.cap_add] + [f"--cap-drop={c}" for c in self.cap_drop]
        argv += [f"--security-opt={s}" for s in o.security_opt]
        for m in self.mounts:
            argv += ["-v", f"{m.source}:{m.target}{':ro' if m.read_only else ''}"]
        argv += ["--hostname", o.hostname, "--workdir", WORKDIR]
        for key, value in self.environment.items():
            argv += ["-e", f"{key}={value}"]
        return argv + [self.image, *(["/bin/sh"] if interactive else self.command)]


def recipe(lab: Lab, image: str, options: LabOptions | None = None, *, lab_files: Mount | None = None,
           engine_socket: str | None = None, labels: dict[str, str] | None = None) -> Recipe:
    """The container of ``lab``: its files at /lab (by default its folder, read-only, as a reader
    mounts it; the runner passes a volume holding a copy), the engine socket of an engine lab."""
    options = options or lab.options
    mounts = [lab_files or Mount(str(lab.folder), str(LAB_DIR), kind="bind")]
    if options.engine:
        mounts.append(Mount(engine_socket or ENGINE_SOCKET, ENGINE_SOCKET, kind="bind", read_only=False))
    return Recipe(image=image, command=command(lab, options), options=options, mounts=tuple(mounts), labels=labels or {})


def shell_line(argv: list[str]) -> str:
    """A command line as a reader types it."""
    return shlex.join(argv)
