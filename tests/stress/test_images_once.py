"""Images build once per content: two labs on a new image, in parallel, build it once; the next
run builds nothing (the suite's summary counts the builds of every worker)."""

import re
import shutil
import uuid

import docker.errors
import pytest

from labrunner import engine

pytestmark = pytest.mark.labs


def test_a_new_image_builds_once_then_never(bad_tree):
    marker = uuid.uuid4().hex[:12]  # new content: a tag no one has built yet
    definition = bad_tree.images / "stress-once"
    definition.mkdir()
    (definition / "Dockerfile").write_text(f"ARG BASE=debian-base\nFROM ${{BASE}}\nRUN echo {marker} > /stress-once\n")
    for folder in list(bad_tree.chapter.iterdir()):
        if folder.name in ("01-passes", "04-orphan"):
            (folder / "lab.toml").write_text('image = "stress-once"\n')
        else:
            shutil.rmtree(folder)
    api, built = engine.client().api, None
    try:
        first = bad_tree.labs("-n", "2")
        assert "2 passed" in first.output, first.output
        built = re.search(r"^lab images built: 1 \((docker-en-pratique/stress-once:\w{12})\)$", first.output, re.MULTILINE)
        assert built, first.output
        second = bad_tree.labs("-n", "2")
        assert "2 passed" in second.output and re.search(r"^lab images built: 0$", second.output, re.MULTILINE), second.output
    finally:
        for reference in ([built.group(1)] if built else []) + ["docker-en-pratique/stress-once:latest"]:
            try:
                api.remove_image(reference)
            except docker.errors.NotFound:
                pass
