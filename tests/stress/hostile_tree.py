"""A copy of the hostile-labs fixture tree, with what a test must add at run time: the host's
canary files (outside the tree), the symlinks that lead to them, and a victim container and
volume that no lab created."""

import hashlib
import shutil
import uuid
from pathlib import Path

import docker.errors

from labrunner import engine, inventory
from runner.conftest import REPO_ROOT
from stress.bad_tree import BadTree

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hostile-labs"
# The host's files the labs aim at (the same for every copy: planted with the same content).
CANARY = Path("/tmp/docker-en-pratique-hostile-canary")
# The container and volume made by hand: a name of their own for each test process (pytest-xdist
# runs a module's fixture once per worker), which lab 22 reads from its folder (victim.txt).
VICTIM = f"docker-en-pratique-hostile-victim-{uuid.uuid4().hex[:8]}"
VICTIM_LABEL = "org.docker-en-pratique.hostile-victim"
IMAGE = "docker-en-pratique/debian-base:latest"


def make_hostile_tree(folder: Path) -> BadTree:
    root = folder / "hostile-labs"
    shutil.copytree(FIXTURE, root)
    for image in ("debian-base", "lab-tools"):  # the real definitions: the same tags, never rebuilt
        shutil.copytree(REPO_ROOT / "conf" / "images" / image, root / "images" / image)
    tree = BadTree(root)
    chapter = tree.chapter
    (chapter / "35-output-symlink" / "output.txt").symlink_to(CANARY / "canary.txt")
    (chapter / "36-record-symlink" / "record.json").symlink_to(CANARY / "record.json")
    (chapter / "37-snippet-symlink" / "lab.sh").symlink_to(CANARY / "evil.sh")
    (chapter / "22-others-objects" / "victim.txt").write_text(VICTIM + "\n", encoding="utf-8")
    return tree


def plant_canaries() -> dict[str, str]:
    """Files outside every tree that labs aim at; their hashes, to compare afterwards."""
    CANARY.mkdir(exist_ok=True)
    (CANARY / "canary.txt").write_text("canari : personne ne doit m’écrire\n", encoding="utf-8")
    (CANARY / "record.json").write_text('{"canari": true}\n', encoding="utf-8")
    (CANARY / "evil.sh").write_text("echo pwned\n", encoding="utf-8")
    return hashes(CANARY)


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and "_build" not in p.parts}


class Victim:
    """A container and a volume made by hand (not by any lab), each named VICTIM."""

    def __enter__(self):
        api = engine.client().api
        self.remove()
        labels = {VICTIM_LABEL: uuid.uuid4().hex[:8]}
        api.create_volume(VICTIM, labels=labels)
        self.container = api.create_container(IMAGE, ["sleep", "600"], name=VICTIM, labels=labels,
                                              host_config=api.create_host_config(network_mode="none"))["Id"]
        api.start(self.container)
        return self

    def alive(self) -> bool:
        api = engine.client().api
        return (api.inspect_container(VICTIM)["State"]["Running"]
                and api.inspect_volume(VICTIM)["Name"] == VICTIM)

    def remove(self):
        api = engine.client().api
        inventory.quietly(api.remove_container, VICTIM, force=True)
        try:
            api.remove_volume(VICTIM, force=True)
        except docker.errors.NotFound:
            pass

    def __exit__(self, *exc):
        self.remove()
