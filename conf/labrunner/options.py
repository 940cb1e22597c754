"""Per-lab options: parse and validate ``lab.toml`` (safe defaults, one-line errors).

Shared by the pytest plugin, the ``make lab`` command and the Sphinx ``{lab}`` directive,
so the book and the suite never disagree on what a lab needs.
"""

import math
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from . import normalize, paths
from .paths import display

# Capabilities a lab may ask for (cap_add), each with why it is safe enough in a lab's container
# (its own namespaces, no network, a private cgroup namespace, limits): an allowlist, so a
# capability nobody thought about is refused. The engine's defaults are listed because naming
# one is harmless (NET_RAW and AUDIT_WRITE are dropped unless named: see recipe).
ALLOWED_CAPS = {
    "SYS_ADMIN": "unshare(2) and mount(2) in the lab's own namespaces (the history labs); the cgroup v1 "
                 "release_agent stays out of reach: every lab has a private cgroup namespace (recipe.CGROUPNS)",
    "NET_ADMIN": "configure the interfaces of the lab's own network namespace (no network is attached)",
    **{cap: "one of the engine's default capabilities" for cap in (
        "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "NET_BIND_SERVICE",
        "SYS_CHROOT", "MKNOD", "SETFCAP", "NET_RAW", "AUDIT_WRITE")},
}
# Why some capabilities stay refused (any other is refused too, as not needed by any lab).
REFUSED_CAPS = {
    "ALL": "every capability at once: name the least privilege the lab needs",
    "DAC_READ_SEARCH": "open_by_handle_at(2) reads any file of the machine by its handle",
    "SYS_MODULE": "loads code into the machine's kernel",
    "SYS_RAWIO": "raw access to the machine's I/O ports and memory",
    "SYS_PTRACE": "not needed by any lab; traces any process the lab can see",
    "SYS_RESOURCE": "lifts the lab's limits (and the engine of the project's machines cannot grant it)",
    "SYS_TIME": "sets the machine's clock",
    "SYS_BOOT": "reboots the machine",
    "BPF": "loads programs into the machine's kernel",
    "PERFMON": "observes the machine's whole kernel",
    "MAC_ADMIN": "changes the machine's security policy",
    "MAC_OVERRIDE": "overrides the machine's security policy",
    "SYSLOG": "reads and clears the machine's kernel log",
}
# Security options a lab may ask for (security_opt), and why.
ALLOWED_SECURITY_OPTS = {
    "apparmor=unconfined": "Docker's AppArmor profile denies mount(2), which the labs showing namespaces need "
                           "(a no-op where AppArmor is off)",
    "seccomp=unconfined": "LXC calls pivot_root(2) and keyctl(2), which Docker's seccomp filter refuses; the "
                          "capabilities stay limited to the allowlist above",
    "no-new-privileges": "only ever removes privileges",
    "no-new-privileges:true": "only ever removes privileges",
}
REFUSED_SECURITY_OPTS = {
    "systempaths=unconfined": "unmasks /proc/sysrq-trigger and /proc/kcore: a lab could reboot or read the machine",
    "label=disable": "turns SELinux off for the lab",
}
MEMORY_RE = re.compile(r"^(\d+)([bkmg]?)$")
IMAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# Bounds of the numbers of lab.toml: beyond them a lab is a mistake or an attack on the machine.
MAX_TIMEOUT = 600  # seconds
MAX_CPUS = 2.0
MEMORY_BOUNDS = (6 << 20, 1 << 30)  # the engine refuses less than 6 MiB; a lab needs far less than 1 GiB
MAX_PIDS = 1024
# Texts a lab's regex table must not erase whole: a table that does would pass any output.
ERASE_PROBES = ("première ligne\nseconde ligne\n", "Bonjour !\n", "a\n\nb\n")
HOSTNAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
# The lab's name in the book's lab block (« Lab 2.05-4 <title> ») and in the chapter's archive:
# a short line, so that it fits beside its number on a phone.
TITLE_MAX = 60
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")  # a line break or a tab in a title


class OptionsError(ValueError):
    """A lab.toml problem; str() is the one line shown to the maintainer."""


@dataclass(frozen=True)
class LabOptions:
    image: str = "debian-base"
    timeout: float = 30
    network: str = "none"
    memory: str = "128m"
    pids: int = 64
    cpus: float = 1.0
    read_only: bool = True
    cap_add: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    privilege_reason: str = ""
    engine: bool = False
    stderr: str = "merge"
    exit_code: int = 0
    normalize: tuple[str, ...] = ()
    normalize_regex: tuple[tuple[str, str], ...] = ()
    hostname: str = "lab"
    title: str = ""

    @property
    def privileged(self) -> bool:
        return bool(self.cap_add or self.security_opt)


KNOWN = tuple(f.name for f in fields(LabOptions))


def _check_type(key, value, kind):
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    if not ok:
        wanted = {bool: "true or false", float: "a number", int: "an integer", str: "a string"}[kind]
        raise OptionsError(f"option '{key}' must be {wanted}, got {value!r}")


def _string_list(key, value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionsError(f"option '{key}' must be a list of strings, got {value!r}")
    return tuple(value)


def _regex_table(value):
    if not isinstance(value, list):
        raise OptionsError("'normalize_regex' must be an array of tables: [[normalize_regex]] pattern = '...' replace = '...'")
    table = []
    for i, entry in enumerate(value, 1):
        if not isinstance(entry, dict) or set(entry) != {"pattern", "replace"}:
            raise OptionsError(f"[[normalize_regex]] #{i} must have exactly the keys 'pattern' and 'replace'")
        if not isinstance(entry["pattern"], str) or not isinstance(entry["replace"], str):
            raise OptionsError(f"[[normalize_regex]] #{i}: 'pattern' and 'replace' must be strings")
        try:
            pattern = re.compile(entry["pattern"], re.MULTILINE)
            pattern.sub(entry["replace"], "")  # a bad group reference in 'replace' fails here, not mid-run
        except (re.error, IndexError) as exc:
            raise OptionsError(f"[[normalize_regex]] #{i}: bad pattern or replacement "
                               f"({entry['pattern']!r} -> {entry['replace']!r}): {exc}") from None
        table.append((entry["pattern"], entry["replace"]))
    for probe in ERASE_PROBES:
        text = probe
        for pattern, replacement in table:
            text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
        if not text.strip():
            raise OptionsError("[[normalize_regex]] erases a whole output (it would pass any lab with an empty "
                               "output in the book): match only what varies")
    return tuple(table)


def parse(data: dict) -> LabOptions:
    unknown = sorted(set(data) - set(KNOWN))
    if unknown:
        raise OptionsError(f"unknown option '{unknown[0]}' (known: {', '.join(KNOWN)})")
    values = {}
    for f in fields(LabOptions):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in ("cap_add", "security_opt", "normalize"):
            value = _string_list(f.name, value)
        elif f.name == "normalize_regex":
            value = _regex_table(value)
        else:
            _check_type(f.name, value, f.type)
        values[f.name] = value
    options = LabOptions(**values)
    _validate(options)
    return options


def memory_bytes(text: str) -> int:
    number, unit = MEMORY_RE.match(text).groups()
    return int(number) * {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[unit]


def _bounded(key: str, value, low, high, unit: str = "") -> None:
    """low < value <= high, for a finite number (no nan, no inf)."""
    if not (math.isfinite(value) and low < value <= high):
        raise OptionsError(f"option '{key}' must be more than {low:g} and at most {high:g}{unit}, got {value!r}")


def _validate(o: LabOptions) -> None:
    _bounded("timeout", o.timeout, 0, MAX_TIMEOUT, " seconds")
    _bounded("cpus", o.cpus, 0, MAX_CPUS)
    _bounded("pids", o.pids, 0, MAX_PIDS)
    if o.network != "none":
        raise OptionsError(f"option 'network' must be 'none' (labs never reach a network), got {o.network!r}")
    if not MEMORY_RE.match(o.memory):
        raise OptionsError(f"option 'memory' must look like '128m' or '1g', got {o.memory!r}")
    low, high = MEMORY_BOUNDS
    if not low <= memory_bytes(o.memory) <= high:
        raise OptionsError(f"option 'memory' must be from {low >> 20}m to {high >> 20}m (\"0\" is no limit: "
                           f"refused), got {o.memory!r}")
    if not 0 <= o.exit_code <= 255:
        raise OptionsError(f"option 'exit_code' must be from 0 to 255, got {o.exit_code}")
    if not IMAGE_RE.match(o.image) or outside_images(o.image):
        raise OptionsError(f"option 'image' must name a folder of {display(paths.images_root())}/, got {o.image!r}")
    if o.stderr not in ("merge", "separate"):
        raise OptionsError(f"option 'stderr' must be 'merge' or 'separate', got {o.stderr!r}")
    if o.title != o.title.strip() or CONTROL_RE.search(o.title) or len(o.title) > TITLE_MAX:
        raise OptionsError(f"option 'title' must be a short line (at most {TITLE_MAX} characters, no surrounding spaces), got {o.title!r}")
    if not HOSTNAME_RE.match(o.hostname):
        raise OptionsError(f"option 'hostname' must be a lowercase host name, got {o.hostname!r}")
    for cap in o.cap_add:
        name = cap.upper().removeprefix("CAP_")
        if name not in ALLOWED_CAPS:
            why = REFUSED_CAPS.get(name, "not in the runner's allowlist (options.ALLOWED_CAPS)")
            raise OptionsError(f"cap_add {cap!r} is forbidden: {why}")
    for opt in o.security_opt:
        if "privileged" in opt:
            raise OptionsError("security_opt cannot make a lab privileged: name the least privilege it needs")
        if opt not in ALLOWED_SECURITY_OPTS:
            why = REFUSED_SECURITY_OPTS.get(opt, "not in the runner's allowlist (options.ALLOWED_SECURITY_OPTS)")
            raise OptionsError(f"security_opt {opt!r} is forbidden: {why}")
    if o.privileged and not o.privilege_reason.strip():
        raise OptionsError("option 'privilege_reason' (a French sentence) is required when cap_add or security_opt is set")
    unknown = [n for n in o.normalize if n not in normalize.NAMES]
    if unknown:
        raise OptionsError(f"unknown normalizer '{unknown[0]}' (known: {', '.join(normalize.NAMES)})")


def outside_images(name: str) -> bool:
    """Whether the image folder ``name`` leads out of conf/images/ (a symlink)."""
    root = paths.images_root()
    return not (root / name).resolve().is_relative_to(root.resolve())


def load(path: Path) -> LabOptions:
    """Options of the lab whose lab.toml is ``path`` (defaults when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return LabOptions()
    try:
        data = tomllib.loads(paths.read_text(path))
        return parse(data)
    except paths.OutsideError as exc:
        raise OptionsError(str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise OptionsError(f"{display(path)}: malformed TOML: {exc}") from None
    except OptionsError as exc:
        raise OptionsError(f"{display(path)}: {exc}") from None
