"""The guest engine's data disk (its /var/lib/docker), cached by the set of lab images it holds.

Loading images into a TCG guest is slow (minutes for the 171 MB debian-base on a busy machine),
so it is done once per image set: a VM boots with a blank disk, the images are loaded, the guest
powers off cleanly, and the disk becomes ``_build/platforms/<name>-<sha12>/engine-data-<key>.qcow2``.
Every later VM gets a copy-on-write overlay over it: the engine starts with the images present
and whatever a run leaves in it is dropped with the overlay.
"""

import hashlib
import os
import subprocess
from pathlib import Path

import docker.errors

from ..locks import file_lock
from .build import Platform, lock_name
from .errors import PlatformError

DATA_SIZE = "20G"  # a sparse qcow2: only what the engine writes takes space
PREFIX = "engine-data-"


def key(platform: Platform, host: docker.APIClient, tags: list[str]) -> str:
    """Hash of the platform and of each image's id (a rebuilt lab image changes it)."""
    digest = hashlib.sha256(f"platform {platform.recipe.key}\n".encode())
    for reference in sorted(set(tags)):
        try:
            digest.update(f"{reference} {host.inspect_image(reference)['Id']}\n".encode())
        except docker.errors.ImageNotFound:
            raise PlatformError(f"image {reference} is not on the host's engine: build the lab images first") from None
    return digest.hexdigest()[:12]


def create_blank(path: Path) -> None:
    result = subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", str(path), DATA_SIZE], capture_output=True, text=True)
    if result.returncode != 0:
        raise PlatformError(f"qemu-img create {path.name} failed: {result.stderr.strip()}")


def ensure(platform: Platform, host: docker.APIClient, tags: list[str], fill) -> Path:
    """The cached data disk holding ``tags``; made first by ``fill(blank_disk)`` (boots a VM
    on it, loads the images, powers off cleanly) when missing. Older image sets are removed."""
    path = platform.folder / f"{PREFIX}{key(platform, host, tags)}.qcow2"
    with file_lock(lock_name(platform.name) + "-data"):
        if path.is_file():
            return path
        blank = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            create_blank(blank)
            fill(blank)
            blank.rename(path)
        finally:
            blank.unlink(missing_ok=True)
        for old in platform.folder.glob(f"{PREFIX}*.qcow2"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
