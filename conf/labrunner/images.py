"""Lab images from ``conf/images/<name>/``, tagged by the hash of their definition.

- ``recipe.toml``: a Debian base built offline by debootstrap and ``docker import``;
- ``Dockerfile``: built by the engine; ``ARG BASE=<name>`` names the image it derives
  from (``FROM ${BASE}``), whose tag is passed in and hashed into this one.

An unchanged definition is never rebuilt (its tag exists); a changed one always is.
Each image is checked at most once per process, under a file lock shared by all
pytest-xdist workers, and ``docker-en-pratique/<name>:latest`` follows the current tag.
"""

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Callable

import docker.errors

from . import engine, inventory
from .locks import file_lock
from .paths import build_dir, display, images_root

REPOSITORY = "docker-en-pratique"
# Bump when the way images are built changes, so every tag changes with it.
BUILDER_VERSION = "1"
BASE_ARG_RE = re.compile(r"^\s*ARG\s+BASE=(\S+)\s*$", re.MULTILINE)
# " ---> 3f2a1b0c9d8e" (a step's image) and " ---> Running in 3f2a1b0c9d8e" (its container):
# on a failed build, exactly these are removed (inventory.remove_new), never another's objects.
BUILD_STEP_ID = re.compile(r"^ ---> (?:Running in )?([0-9a-f]{12})$")
IMPORT_CHANGES = ["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 'CMD ["/bin/sh"]']

PULL_ENV = "LABRUNNER_PULL_BASE"

Progress = Callable[[str], None]


class ImageError(RuntimeError):
    """An image that cannot be provided; str() is one line."""


def _stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def definition(name: str) -> Path:
    folder = images_root() / name
    if not ((folder / "recipe.toml").is_file() or (folder / "Dockerfile").is_file()):
        known = sorted(p.name for p in images_root().iterdir() if p.is_dir()) if images_root().is_dir() else []
        raise ImageError(f"unknown image {name!r}: no {display(folder)}/Dockerfile or recipe.toml (known: {', '.join(known)})")
    return folder


def base_of(name: str) -> str | None:
    dockerfile = definition(name) / "Dockerfile"
    if not dockerfile.is_file():
        return None
    match = BASE_ARG_RE.search(dockerfile.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def tag(name: str, _seen: tuple = (), repository: str = REPOSITORY) -> str:
    """``<repository>/<name>:<sha12>`` from the definition's files (not *.md) and its base's tag.
    Another repository (the bench's throw-away one) gives the same images other tags."""
    if name in _seen:
        raise ImageError(f"image {name!r}: ARG BASE loops through {' -> '.join(_seen + (name,))}")
    folder = definition(name)
    digest = hashlib.sha256(f"builder {BUILDER_VERSION}\n".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md"):
        digest.update(f"{path.relative_to(folder)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    base = base_of(name)
    if base:
        digest.update(f"base {tag(base, _seen + (name,), repository)}\n".encode())
    return f"{repository}/{name}:{digest.hexdigest()[:12]}"


def _exists(reference: str) -> bool:
    try:
        engine.client().api.inspect_image(reference)
        return True
    except docker.errors.ImageNotFound:
        return False


class _Log:
    """Progress lines go to the terminal as they come and to _build/images/<name>.log.

    A log that cannot be written (full disk, read-only build folder) fails the build with one
    line: its ImageError takes ensure's failure path like any other, step images removed."""

    def __init__(self, name: str, progress: Progress):
        self.path = build_dir() / "images" / f"{name}.log"
        self.progress, self.name, self.last = progress, name, ""
        self.made: set[str] = set()  # short ids of the images and containers the build said it made
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "w", encoding="utf-8")
        except OSError as exc:
            raise self._unwritable(exc) from None

    def __call__(self, line: str) -> None:
        line = line.rstrip()
        if line:
            self.last = line
            if made := BUILD_STEP_ID.match(line):
                self.made.add(made.group(1))
            try:
                self.handle.write(line + "\n")
                self.handle.flush()
            except OSError as exc:
                self._close()
                raise self._unwritable(exc) from None
            self.progress(f"[image {self.name}] {line}")

    def fail(self, what: str) -> ImageError:
        self._close()
        return ImageError(f"image {self.name!r} failed to build ({what}): {self.last}; full log: {display(self.path)}")

    def _unwritable(self, exc: OSError) -> ImageError:
        folder = display(self.path.parent)  # the log by its own name, even when it is a link
        return ImageError(f"image {self.name!r} failed to build: cannot write its log {folder}/{self.path.name} "
                          f"({exc.strerror or exc}); free space in {folder} or point LABRUNNER_BUILD_DIR elsewhere")

    def _close(self) -> None:
        try:
            self.handle.close()  # closes the file even when flushing what is left fails
        except OSError:
            pass


@contextlib.contextmanager
def _child(command: list[str], **popen):
    """A subprocess whose reader may stop early (a log that cannot be written, Ctrl-C): then it
    is killed with whatever it started (its own process group: debootstrap runs dpkg, chroot...)
    and waited for, not left writing into a closed pipe."""
    with subprocess.Popen(command, process_group=0, **popen) as proc:
        try:
            yield proc
        except BaseException:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            raise


def _build_debootstrap(name: str, reference: str, log: _Log) -> None:
    recipe = tomllib.loads((definition(name) / "recipe.toml").read_text(encoding="utf-8"))
    if os.geteuid() != 0:
        raise log.fail("debootstrap needs root: run the suite as root, as CI does, or once with sudo")
    if not shutil.which("debootstrap"):
        raise log.fail("debootstrap is missing: apt-get install debootstrap (listed in conf/apt-packages.txt)")
    rootfs = build_dir() / "images" / f"{name}-rootfs"
    cache = build_dir() / "images" / "debootstrap-cache"
    shutil.rmtree(rootfs, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    command = ["debootstrap", f"--variant={recipe.get('variant', 'minbase')}", f"--cache-dir={cache}"]
    if recipe.get("include"):
        command.append("--include=" + ",".join(recipe["include"]))
    command += [recipe.get("suite", "bookworm"), str(rootfs), recipe.get("mirror", "http://deb.debian.org/debian")]
    log(" ".join(command))
    try:
        with _child(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
            for line in proc.stdout:
                log(line)
        if proc.returncode != 0:
            raise log.fail(f"debootstrap exited with {proc.returncode}")
        # What apt downloaded is not part of the image (engine.md: 161 MB instead of much more).
        for leftover in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for path in (rootfs / leftover).glob("*"):
                if path.is_file():
                    path.unlink()
        log(f"docker import -> {reference}")
        with _child(["tar", "-C", str(rootfs), "--numeric-owner", "-c", "."], stdout=subprocess.PIPE) as tar:
            chunks = iter(lambda: tar.stdout.read(1 << 20), b"")
            repository, version = reference.split(":")
            engine.client().api.import_image_from_data(chunks, repository=repository, tag=version, changes=IMPORT_CHANGES)
        if tar.returncode != 0:
            raise log.fail(f"tar exited with {tar.returncode}")
    finally:
        shutil.rmtree(rootfs, ignore_errors=True)


def _build_from_registry(name: str, reference: str, log: _Log) -> None:
    """Where a registry answers, opt in with LABRUNNER_PULL_BASE=<image> (``debian:bookworm-slim``):
    start from it and apt-get the recipe's packages instead of debootstrapping. Never probed:
    the project's machines must send traffic nowhere but to the package archives."""
    recipe = tomllib.loads((definition(name) / "recipe.toml").read_text(encoding="utf-8"))
    api = engine.client().api
    pulled = os.environ[PULL_ENV]
    repository, _, version = pulled.partition(":")
    if _exists(pulled):
        log(f"{pulled} is already here: not pulled")
    else:
        log(f"docker pull {pulled}")
        try:
            for chunk in api.pull(repository, tag=version or "latest", stream=True, decode=True):
                log(" ".join(str(chunk.get(k, "")) for k in ("id", "status", "progress")).strip())
        except docker.errors.APIError as exc:
            log(str(exc))
            raise log.fail(f"docker pull; unset {PULL_ENV} to build offline with debootstrap") from None
    packages = " ".join(recipe.get("include", []))
    script = ("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
              f"{packages} && rm -rf /var/lib/apt/lists/*")
    container = api.create_container(pulled, ["/bin/sh", "-c", script],
                                     host_config=api.create_host_config(network_mode="host"))  # apt only
    try:
        api.start(container)
        for line in api.logs(container, stream=True, follow=True):
            log(line.decode("utf-8", "replace"))
        if api.wait(container)["StatusCode"] != 0:
            raise log.fail("apt-get install in the pulled base")
        image_repository, image_tag = reference.split(":")
        api.commit(container, repository=image_repository, tag=image_tag, changes=IMPORT_CHANGES)
    finally:
        api.remove_container(container, force=True)


def _builder(name: str):
    if (definition(name) / "Dockerfile").is_file():
        return _build_dockerfile
    if os.environ.get(PULL_ENV):
        return _build_from_registry
    return _build_debootstrap


def _build_dockerfile(name: str, reference: str, log: _Log) -> None:
    base = base_of(name)
    buildargs = {"BASE": tag(base, repository=reference.split("/")[0])} if base else {}
    log(f"docker build {display(definition(name))} -> {reference} {buildargs or ''}")
    try:
        stream = engine.client().api.build(
            path=str(definition(name)), tag=reference, buildargs=buildargs, rm=True, forcerm=True,
            network_mode="host", decode=True,  # host network: only for apt/pip in RUN steps
        )
        # Closed on any error (a log that cannot be written): the engine cancels a build whose
        # client is gone, instead of finishing it behind ensure's cleanup.
        with contextlib.closing(stream):
            for chunk in stream:
                if "stream" in chunk:
                    for line in chunk["stream"].splitlines():
                        log(line)
                if "error" in chunk:
                    log(chunk["error"])
                    raise log.fail("docker build")
    except docker.errors.APIError as exc:
        log(str(exc))
        raise log.fail("docker build") from None


def _remove_steps(before: inventory.Inventory, made: set[str]) -> None:
    """A failed build leaves its intermediate images and containers: not a cache, waste.
    A build stopped early (its log could not be written) ends on the engine a moment later: until
    its last step container is killed and removed, that step's image is in use (409): wait for it."""
    deadline = time.monotonic() + 30
    while True:
        try:
            inventory.remove_new(engine.client().api, before, made)
            return
        except docker.errors.APIError as exc:
            if exc.status_code != 409 or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


_ensured: dict[tuple[str, str], str | ImageError] = {}
# Images this process built, in order: a warm run builds none (the suite's summary says so).
built: list[str] = []


def ensure(name: str, progress: Progress = _stderr_progress, repository: str = REPOSITORY) -> str:
    """The tag of image ``name``, built first if its definition changed. Raises ImageError."""
    if (repository, name) in _ensured:
        result = _ensured[repository, name]
        if isinstance(result, ImageError):
            raise result
        return result
    try:
        base = base_of(name)
        if base:
            ensure(base, progress, repository)
        reference = tag(name, repository=repository)
        with file_lock("images"):
            if not _exists(reference):
                log = _Log(name, progress)
                builder = _builder(name)
                # Build steps create containers: keep engine-driving labs' inventories out of it.
                with file_lock("engine"):
                    before = inventory.take(engine.client().api)
                    try:
                        builder(name, reference, log)
                    except ImageError:
                        _remove_steps(before, log.made)
                        raise
                if not _exists(reference):
                    raise log.fail("no image after the build")
                log(f"built {reference}")
                built.append(reference)
            engine.client().api.tag(reference, f"{repository}/{name}", "latest")
    except ImageError as exc:
        _ensured[repository, name] = exc
        raise
    _ensured[repository, name] = reference
    return reference


def copy_to(reference: str, api, progress: Progress = _stderr_progress) -> None:
    """Make image ``reference`` of the host's engine present on another engine (a platform's):
    streamed from one to the other (docker save | docker load), once; no registry involved.
    Its ``latest`` tag follows there too: engine labs name their images by it."""
    with file_lock("images-copy"):
        try:
            api.inspect_image(reference)
        except docker.errors.ImageNotFound:
            progress(f"copying {reference} to the engine at {api.base_url}")
            started = time.monotonic()
            chunks = engine.client().api.get_image(reference)
            for line in api.load_image(chunks):  # a generator: requests uploads it chunked, as it comes
                if "error" in line:
                    raise ImageError(f"{reference}: the engine at {api.base_url} refused it: {line['error']}")
            progress(f"copied {reference} in {time.monotonic() - started:.0f} s")
        repository = reference.rpartition(":")[0]
        api.tag(reference, repository, "latest")

