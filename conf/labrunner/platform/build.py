"""Build a platform offline from Debian's archive: debootstrap, the guest's init and dockerd
settings, the exact package versions, then one ext4 image (``mkfs.ext4 -d``) with the kernel
and initrd beside it, all in ``_build/platforms/<name>-<sha12>/``.

The build happens in a temporary folder renamed into place at the end, under a file lock:
a folder that exists is complete, a second run rebuilds nothing, and an interrupted build
leaves no mount, no process and no half-made folder behind.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# The runner's killable subprocess (its own process group, killed with its children on Ctrl-C).
from ..images import _child
from ..locks import file_lock
from ..paths import display
from . import recipe as recipes
from .errors import PlatformError

Progress = Callable[[str], None]
# The versions the book's provenance names (dpkg-query inside the root file system).
RECORDED_PACKAGES = ("docker.io", "docker-cli", "containerd", "runc", "linux-image-amd64")
# debootstrap prints hundreds of lines: the terminal gets one every few seconds, the log all.
PROGRESS_EVERY = 5.0


@dataclass(frozen=True)
class Platform:
    recipe: recipes.Recipe
    folder: Path

    @property
    def name(self) -> str:
        return self.recipe.name

    # What a build leaves in its folder: the root file system, the kernel and its initrd.
    image = property(lambda self: self.folder / "rootfs.img")
    kernel = property(lambda self: self.folder / "vmlinuz")
    initrd = property(lambda self: self.folder / "initrd.img")
    kernel_config = property(lambda self: self.folder / "kernel.config")

    @property
    def versions(self) -> dict:
        return json.loads((self.folder / "versions.json").read_text(encoding="utf-8"))

    @property
    def run_dir(self) -> Path:
        """Where a running VM of this platform keeps its console log and per-run overlay."""
        return platforms_dir() / self.name


PLATFORMS_ENV = "LABRUNNER_PLATFORMS_DIR"


def platforms_dir() -> Path:
    """Where built platforms are kept: outside the checkout by default (``~/.cache``), so a fresh
    clone on the same machine (CI's) reuses a build whose recipe has not changed."""
    if os.environ.get(PLATFORMS_ENV):
        return Path(os.environ[PLATFORMS_ENV])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "docker-en-pratique" / "platforms"


def lock_name(name: str) -> str:
    """The runner's file locks are shared by every checkout (they guard the one engine); a
    platform's build lives in one checkout's build folder, so its lock is named after that folder."""
    folder = hashlib.sha256(str(platforms_dir().resolve()).encode()).hexdigest()[:8]
    return f"platform-{name}-{folder}"


def stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def build(name: str = "current", progress: Progress = stderr_progress) -> Platform:
    """The platform ``name``, built first if its recipe changed. Raises PlatformError."""
    recipe = recipes.load(name)
    platform = Platform(recipe, platforms_dir() / f"{name}-{recipe.key}")
    with file_lock(lock_name(name)):
        if (platform.folder / "versions.json").is_file():
            return platform
        _check_host()
        say = lambda line: progress(f"[platform {name}] {line}")  # noqa: E731
        for stale in platforms_dir().glob(f".{name}-*.tmp-*"):  # a build killed with -9
            if not pid_alive(int(stale.name.rsplit("-", 1)[1])):
                _remove_tree(stale)
        started = time.monotonic()
        work = platforms_dir() / f".{platform.folder.name}.tmp-{os.getpid()}"
        _remove_tree(work)
        work.mkdir(parents=True)
        try:
            rootfs = work / "rootfs"
            _debootstrap(recipe, rootfs, work / "build.log", say)
            if recipe.then_install:
                _apt_install(rootfs, recipe.then_install, say)
            _configure(rootfs)
            versions = _versions(recipe, rootfs)
            shutil.copyfile(_one(rootfs / "boot", "vmlinuz-*"), work / "vmlinuz")
            shutil.copyfile(_one(rootfs / "boot", "initrd.img-*"), work / "initrd.img")
            shutil.copyfile(_one(rootfs / "boot", "config-*"), work / "kernel.config")
            say(f"mkfs.ext4 -d -> {display(platform.image)} ({recipe.disk_size})")
            _run(["mkfs.ext4", "-q", "-F", "-L", "platform", "-d", str(rootfs), str(work / "rootfs.img"), recipe.disk_size])
            _remove_tree(rootfs)
            versions["build_seconds"] = round(time.monotonic() - started, 1)
            (work / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
            work.rename(platform.folder)
        finally:
            _remove_tree(work)
        for older in platforms_dir().glob(f"{name}-*"):  # builds of older recipes: gigabytes, unused
            if older != platform.folder and older.is_dir():
                shutil.rmtree(older, ignore_errors=True)
        say(f"built {display(platform.folder)} in {time.monotonic() - started:.0f} s: "
            + ", ".join(f"{k} {v}" for k, v in versions["packages"].items()))
    return platform


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _check_host() -> None:
    if os.geteuid() != 0:
        raise PlatformError("building the VM platform needs root (debootstrap, chroot): run the suite as root, as CI does")
    for tool, package in (("debootstrap", "debootstrap"), ("mkfs.ext4", "e2fsprogs"), ("chroot", "coreutils")):
        if not shutil.which(tool):
            raise PlatformError(f"{tool} is missing: apt-get install {package} (listed in conf/apt-packages.txt)")


def _run(command: list[str], env: dict | None = None) -> str:
    with _child(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as proc:
        output = proc.stdout.read()
    if proc.returncode != 0:
        last = output.strip().splitlines()[-1:] or ["no output"]
        raise PlatformError(f"{' '.join(command[:4])} ... exited with {proc.returncode}: {last[0]}")
    return output


def _debootstrap(recipe: recipes.Recipe, rootfs: Path, log_path: Path, say: Progress) -> None:
    cache = platforms_dir() / "debootstrap-cache"
    cache.mkdir(parents=True, exist_ok=True)
    command = ["debootstrap", f"--variant={recipe.variant}", f"--cache-dir={cache}",
               "--include=" + ",".join(recipe.packages), recipe.suite, str(rootfs), recipe.mirror]
    say(" ".join(command) + "  (about 2 min)")
    last_shown, last = 0.0, ""
    with open(log_path, "w", encoding="utf-8") as log:
        with _child(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
            for line in proc.stdout:
                log.write(line)
                last = line.strip() or last
                if time.monotonic() - last_shown >= PROGRESS_EVERY or line.startswith(("E:", "W:")):
                    say(last)
                    last_shown = time.monotonic()
    if proc.returncode != 0:
        kept = platforms_dir() / f"{recipe.name}-debootstrap.log"
        shutil.copyfile(log_path, kept)
        raise PlatformError(f"debootstrap {recipe.suite} exited with {proc.returncode}: {last}; full log: {display(kept)}")


def _apt_install(rootfs: Path, packages: tuple[str, ...], say: Progress) -> None:
    """apt-get in the new tree (Debian's archive, as debootstrap left it configured)."""
    say(f"apt-get install {' '.join(packages)} (in the new tree)")
    _run(["chroot", str(rootfs), "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
         env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def _configure(rootfs: Path) -> None:
    """The guest's init and dockerd settings; no apt caches, no host resolver (no network)."""
    init = rootfs / "sbin" / "platform-init"
    shutil.copyfile(recipes.GUEST_FILES / "init", init)
    init.chmod(0o755)
    (rootfs / "etc" / "docker").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(recipes.GUEST_FILES / "daemon.json", rootfs / "etc" / "docker" / "daemon.json")
    (rootfs / "etc" / "hostname").write_text("platform\n", encoding="utf-8")
    (rootfs / "etc" / "resolv.conf").unlink(missing_ok=True)
    for leftover in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for path in (rootfs / leftover).glob("*"):
            if path.is_file():
                path.unlink()


def _versions(recipe: recipes.Recipe, rootfs: Path) -> dict:
    query = _run(["chroot", str(rootfs), "dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *RECORDED_PACKAGES])
    packages = dict(line.split("\t", 1) for line in query.strip().splitlines())
    return {
        "platform": recipe.name,
        "key": recipe.key,
        "suite": recipe.suite,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "packages": packages,
        "kernel_release": _one(rootfs / "boot", "vmlinuz-*").name.removeprefix("vmlinuz-"),
    }


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise PlatformError(f"expected one {pattern} in {display(folder)}, found {len(found)}: check the recipe's kernel package")
    return found[0]


def mounts_under(folder: Path) -> list[str]:
    """Mount points inside ``folder`` (debootstrap mounts /proc and /sys in its target)."""
    prefix = str(folder.resolve()) + "/"
    with open("/proc/self/mounts", encoding="utf-8") as table:
        points = [line.split()[1].replace("\\040", " ") for line in table]
    return [point for point in points if point.startswith(prefix)]


def _remove_tree(folder: Path) -> None:
    """Unmount what an interrupted debootstrap left mounted inside, deepest first, then delete:
    never rmtree through a mounted /proc or /sys."""
    if not folder.exists():
        return
    for point in sorted(mounts_under(folder), key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False)
    if mounts_under(folder):
        raise PlatformError(f"cannot unmount what is mounted under {display(folder)}: umount it by hand, then remove it")
    shutil.rmtree(folder, ignore_errors=True)
