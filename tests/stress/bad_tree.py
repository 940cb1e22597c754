"""A copy of the bad-labs fixture tree that the runner runs on (the runner's own Tree helper)."""

import re
import shutil
from pathlib import Path

from labrunner import engine
from runner.conftest import REPO_ROOT, Tree

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bad-labs"


class BadTree(Tree):
    """The bad-labs tree, with its own image definitions: the real debian-base (same tag, no
    rebuild) and ``broken``, whose build fails."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.images = root / "images"

    def env(self, **extra) -> dict:
        return super().env(LABRUNNER_IMAGES_ROOT=str(self.images), **extra)


def make_bad_tree(folder: Path) -> BadTree:
    root = folder / "bad-labs"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO_ROOT / "conf" / "images" / "debian-base", root / "images" / "debian-base")
    return BadTree(root)


def nothing_of_this_suite_left(session, suite):
    assert "nothing left on the engine" in session.output or "LEFT ON THE ENGINE" in session.output, session.output
    assert "LEFT by this session" not in session.output
    left = re.findall(r"^LEFT ON THE ENGINE.*$", session.output, re.MULTILINE)
    # On a shared engine another process may leave things meanwhile; nothing of ours may be named.
    assert not any("(lab part/chapter/" in line or "image " in line for line in left), left
    assert engine.client().api.containers(all=True, filters={"label": f"org.docker-en-pratique.suite={suite}"}) == []
