"""A copy of the bad-labs fixture tree that the runner runs on (the runner's own Tree helper)."""

import shutil
from pathlib import Path

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
