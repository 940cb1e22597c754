"""The disk fills up while an image build writes its log: the build stops with one line naming
the log, and nothing of it is left: no step image or container, no running debootstrap."""

import os
import signal
import time
import uuid
from pathlib import Path

import docker.errors
import pytest

from labrunner import engine, images
from stress.build_log import unwritable_log_line

pytestmark = pytest.mark.labs


@pytest.fixture
def images_env(bad_tree, monkeypatch):
    monkeypatch.setenv("LABRUNNER_IMAGES_ROOT", str(bad_tree.images))
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(bad_tree.build))
    return bad_tree


def fills_up_after(log: Path, trigger: str, then_wait: float = 0):
    """A progress callback: once a line holding ``trigger`` is logged, every later write to the
    open log fails with ENOSPC, as /dev/full's do (its descriptor now points there); the build
    then goes on for ``then_wait`` seconds before its next line."""
    seen = []

    def progress(line: str) -> None:
        seen.append(line)
        if trigger in line:
            full = os.open("/dev/full", os.O_WRONLY)
            for fd in os.listdir("/proc/self/fd"):
                try:
                    if os.readlink(f"/proc/self/fd/{fd}") == str(log.resolve()):
                        os.dup2(full, int(fd))
                except OSError:
                    pass  # the descriptor listdir used, gone since
            os.close(full)
            time.sleep(then_wait)

    progress.seen = seen
    return progress


def one_line_naming(error: images.ImageError, log: Path, reason: str = "No space left on device") -> None:
    message = str(error)
    assert "\n" not in message, message
    assert message == unwritable_log_line(log, reason), message


def test_a_dockerfile_build_stops_and_its_step_images_are_removed(images_env):
    name = "stress-fills-up"
    (images_env.images / name).mkdir()
    (images_env.images / name / "Dockerfile").write_text(
        f"ARG BASE=debian-base\nFROM ${{BASE}}\nRUN echo {uuid.uuid4().hex} > /first\n"
        "RUN sleep 2 && echo second > /second\nRUN echo third > /third\n")
    log = images_env.build / "images" / f"{name}.log"
    # Full between two steps: no step container the log named runs, only the closed build stream
    # stops the engine; meanwhile the next step's container starts, holding the image to remove.
    progress = fills_up_after(log, "Removing intermediate container", then_wait=0.5)
    reference = images.tag(name)
    api = engine.client().api
    try:
        with pytest.raises(images.ImageError) as failed:
            images.ensure(name, progress=progress)
        one_line_naming(failed.value, log)
        after_base = progress.seen[next(i for i, line in enumerate(progress.seen) if "Step 3/5" in line):]
        steps = {m.group(1) for line in after_base if (m := images.BUILD_STEP_ID.search(line.split("] ", 1)[1]))}
        assert steps, progress.seen
        time.sleep(4)  # had the build gone on, its last steps (2 s) would be done and tagged
        assert not images._exists(reference), "the build went on after its log failed"
        for step in steps:
            with pytest.raises(docker.errors.NotFound):
                api.inspect_image(step)
        assert not [c for c in api.containers(all=True) if c["Id"][:12] in steps or c["ImageID"][7:19] in steps]
    finally:
        for leftover in (reference, f"{images.REPOSITORY}/{name}:latest"):
            try:
                api.remove_image(leftover, force=True)
            except docker.errors.NotFound:
                pass


@pytest.mark.skipif(os.geteuid() != 0, reason="the debootstrap builder runs as root only")
def test_debootstrap_is_killed_with_its_children(images_env, monkeypatch, tmp_path):
    """A stand-in debootstrap that starts a child and prints forever: both die, nothing built."""
    fake = tmp_path / "bin" / "debootstrap"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nsleep 600 &\necho $$ $! > {tmp_path}/pids\n'
                    'while :; do echo "I: Retrieving a package"; sleep 0.1; done\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    monkeypatch.delenv(images.PULL_ENV, raising=False)
    name = "stress-debootstrap-fills-up"
    (images_env.images / name).mkdir()
    (images_env.images / name / "recipe.toml").write_text(f'# {uuid.uuid4().hex}\nsuite = "bookworm"\n')
    log = images_env.build / "images" / f"{name}.log"
    pids = tmp_path / "pids"
    try:
        with pytest.raises(images.ImageError) as failed:
            images.ensure(name, progress=fills_up_after(log, "I: Retrieving"))
        one_line_naming(failed.value, log)
        for pid in pids.read_text().split():
            assert not alive(int(pid)), f"process {pid} of the stopped debootstrap still runs"
        assert not images._exists(images.tag(name))
    finally:
        for pid in pids.read_text().split() if pids.exists() else []:
            if alive(int(pid)):
                os.kill(int(pid), signal.SIGKILL)  # ours: the stand-in and its child


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whichever process adopted it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_log_that_cannot_be_opened_is_one_line_too(images_env, monkeypatch, tmp_path):
    build = tmp_path / "not-a-folder"
    build.write_text("")
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(build))
    name = "stress-no-log"
    (images_env.images / name).mkdir()
    (images_env.images / name / "Dockerfile").write_text(f"FROM scratch\nLABEL never.built={uuid.uuid4().hex}\n")
    with pytest.raises(images.ImageError) as failed:
        images.ensure(name, progress=lambda line: None)
    one_line_naming(failed.value, build / "images" / f"{name}.log", reason="Not a directory")
