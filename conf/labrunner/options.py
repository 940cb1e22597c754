"""Per-lab options: parse and validate ``lab.toml`` (safe defaults, one-line errors).

Shared by the pytest plugin, the ``make lab`` command and the Sphinx ``{lab}`` directive,
so the book and the suite never disagree on what a lab needs.
"""

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import normalize
from .paths import display

# Capabilities that cannot work on the project's machines or that would defeat containment.
FORBIDDEN_CAPS = {"ALL", "SYS_RESOURCE"}
MEMORY_RE = re.compile(r"^\d+[bkmg]?$")
HOSTNAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


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
        try:
            re.compile(entry["pattern"])
        except re.error as exc:
            raise OptionsError(f"[[normalize_regex]] #{i}: bad pattern {entry['pattern']!r}: {exc}") from None
        table.append((str(entry["pattern"]), str(entry["replace"])))
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


def _validate(o: LabOptions) -> None:
    if o.timeout <= 0:
        raise OptionsError(f"option 'timeout' must be > 0 seconds, got {o.timeout}")
    if o.network != "none":
        raise OptionsError(f"option 'network' must be 'none' (labs never reach a network), got {o.network!r}")
    if not MEMORY_RE.match(o.memory):
        raise OptionsError(f"option 'memory' must look like '128m' or '1g', got {o.memory!r}")
    if o.pids <= 0 or o.cpus <= 0:
        raise OptionsError("options 'pids' and 'cpus' must be > 0")
    if o.stderr not in ("merge", "separate"):
        raise OptionsError(f"option 'stderr' must be 'merge' or 'separate', got {o.stderr!r}")
    if not HOSTNAME_RE.match(o.hostname):
        raise OptionsError(f"option 'hostname' must be a lowercase host name, got {o.hostname!r}")
    bad_caps = sorted(c for c in o.cap_add if c.upper().removeprefix("CAP_") in FORBIDDEN_CAPS)
    if bad_caps:
        raise OptionsError(f"cap_add {bad_caps[0]!r} is forbidden (fails on the project's machines or defeats containment)")
    if any("privileged" in s for s in o.security_opt):
        raise OptionsError("security_opt cannot make a lab privileged: name the least privilege it needs")
    if o.privileged and not o.privilege_reason.strip():
        raise OptionsError("option 'privilege_reason' (a French sentence) is required when cap_add or security_opt is set")
    unknown = [n for n in o.normalize if n not in normalize.NAMES]
    if unknown:
        raise OptionsError(f"unknown normalizer '{unknown[0]}' (known: {', '.join(normalize.NAMES)})")


def load(path: Path) -> LabOptions:
    """Options of the lab whose lab.toml is ``path`` (defaults when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return LabOptions()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return parse(data)
    except tomllib.TOMLDecodeError as exc:
        raise OptionsError(f"{display(path)}: malformed TOML: {exc}") from None
    except OptionsError as exc:
        raise OptionsError(f"{display(path)}: {exc}") from None
