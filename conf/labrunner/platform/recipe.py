"""A platform's recipe, ``conf/platforms/<name>.toml``, and the content hash that names its build.

The hash covers the recipe file, the files copied into the guest (guest/) and BUILDER_VERSION:
changing any of them gives a new ``_build/platforms/<name>-<sha12>/``; nothing else does.
"""

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..paths import REPO_ROOT, display
from .errors import PlatformError

# Bump when build.py changes what it puts in the image, so every platform is rebuilt.
BUILDER_VERSION = "2"
GUEST_FILES = Path(__file__).resolve().parent / "guest"
PLATFORMS_ENV = "LABRUNNER_PLATFORMS_ROOT"


def recipes_root() -> Path:
    value = os.environ.get(PLATFORMS_ENV)
    return Path(value).resolve() if value else REPO_ROOT / "conf" / "platforms"


@dataclass(frozen=True)
class Recipe:
    name: str
    path: Path
    suite: str
    mirror: str
    variant: str
    packages: tuple[str, ...]
    then_install: tuple[str, ...]  # apt-get install after debootstrap (replacing conflicts)
    disk_size: str
    cmdline: str
    memory_mb: int
    cpus: int
    key: str  # sha12 of everything that goes into the build


def content_key(recipe_file: Path) -> str:
    digest = hashlib.sha256(f"builder {BUILDER_VERSION}\n".encode())
    for path in [recipe_file, *sorted(GUEST_FILES.iterdir())]:
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def load(name: str) -> Recipe:
    path = recipes_root() / f"{name}.toml"
    if not path.is_file():
        known = sorted(p.stem for p in recipes_root().glob("*.toml"))
        raise PlatformError(f"unknown platform {name!r}: no {display(path)} (known: {', '.join(known) or 'none'})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        boot = data["boot"]
        return Recipe(
            name=name, path=path, suite=data["suite"], mirror=data["mirror"],
            variant=data.get("variant", "minbase"), packages=tuple(data["packages"]),
            then_install=tuple(data.get("then_install", ())),
            disk_size=data.get("disk_size", "4G"), cmdline=boot["cmdline"],
            memory_mb=int(boot.get("memory_mb", 2048)), cpus=int(boot.get("cpus", 2)),
            key=content_key(path),
        )
    except tomllib.TOMLDecodeError as exc:
        raise PlatformError(f"{display(path)}: not valid TOML ({exc}); fix the file") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise PlatformError(f"{display(path)}: missing or bad setting {exc}; see conf/platforms/current.toml") from None
