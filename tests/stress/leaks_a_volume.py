"""Run only by test_guard.py in a nested session (not named test_*: `make test` never collects it):
a test that passes but leaves a volume on the engine, which the session's inventory must name."""

import os

import docker


def test_passes_but_leaves_a_volume():
    docker.from_env().volumes.create(os.environ["STRESS_LEFTOVER_VOLUME"])
