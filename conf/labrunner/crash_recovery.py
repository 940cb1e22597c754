"""What a session killed with -9 leaves outside the engine's labelled objects, swept by the next.

Each engine lab has a folder of its own (its socket) named after the runner's process; the
proxy keeps a journal there of what no label can mark: the image names BuildKit exported, and
the containerd namespaces a trusted lab works in (``engine_policy.TRUSTED``: ctr talks to
containerd directly, never through the proxy). Once that process is gone, the next session
removes those images and namespaces (their tasks, containers and images first), then the
folder, and names each.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import docker.errors
import docker.types

from . import inventory

PARENT = Path(tempfile.gettempdir()) / "docker-en-pratique-engine-labs"
JOURNAL = "journal.jsonl"
# Where the engine's containerd keeps its socket (Debian's docker.io, then docker-ce).
CONTAINERD_STATES = ("/var/run/docker/containerd", "/run/containerd")
HELPER_IMAGE = inventory.IMAGE_PREFIX + "lab-tools:latest"


def new_folder(run_id: str) -> Path:
    """A folder of ours (0700) for one engine lab, under the parent the sweep reads."""
    PARENT.mkdir(mode=0o700, exist_ok=True)
    folder = PARENT / f"{os.getpid()}-{run_id}"
    folder.mkdir(mode=0o700)
    return folder


def note(folder: Path, **entry) -> None:
    """One line of the journal, written before the thing exists (a crash right after is covered)."""
    with open(folder / JOURNAL, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(entry) + "\n")


def _dead(folder: Path) -> bool:
    pid = folder.name.partition("-")[0]
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (ValueError, PermissionError):
        return False  # not ours, or alive under another user
    return False


def sweep(api) -> list[str]:
    """Remove what the engine labs of dead processes noted, then their folders; one line each."""
    if not PARENT.is_dir():
        return []
    removed = []
    for folder in sorted(PARENT.iterdir()):
        if not folder.is_dir() or not _dead(folder):
            continue
        pid = folder.name.partition("-")[0]
        for entry in _entries(folder):
            if entry.get("image"):
                try:
                    api.remove_image(entry["image"], force=True)
                    removed.append(f"image {entry['image']} (lab {entry.get('lab', '?')}), left by process {pid}")
                except docker.errors.NotFound:
                    pass
            if entry.get("containerd_namespace"):
                removed += [f"{line} (lab {entry.get('lab', '?')}), left by process {pid}"
                            for line in remove_containerd_namespace(api, entry["containerd_namespace"])]
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(f"engine lab folder {folder.name}, left by process {pid}")
    return removed


def _entries(folder: Path) -> list[dict]:
    try:
        lines = (folder / JOURNAL).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except ValueError:
            pass  # the last line of a process killed mid-write
    return entries


SWEEP_NAMESPACE = r"""
ns=$1; for state in "$@"; do [ -S "$state/containerd.sock" ] && break; done
c() { ctr --address "$state/containerd.sock" --namespace "$ns" "$@"; }
ctr --address "$state/containerd.sock" namespaces list --quiet | grep -qx "$ns" || exit 0
for t in $(c tasks list --quiet); do c tasks kill --signal KILL "$t"; c tasks delete --force "$t"; echo "containerd task $ns/$t"; done
for k in $(c containers list --quiet); do c containers delete "$k" && echo "containerd container $ns/$k"; done
for i in $(c images list --quiet); do c images remove --sync "$i" > /dev/null && echo "containerd image $ns/$i"; done
# An import cut short leaves a lease and its snapshots (children first: a few passes).
for l in $(c leases list --quiet); do c leases delete --sync "$l" > /dev/null; done
for pass in 1 2 3 4 5 6 7 8; do
  for s in $(c snapshots list | awk 'NR > 1 {print $1}'); do c snapshots remove "$s" 2> /dev/null; done
done
for d in $(c content list --quiet); do c content delete "$d" > /dev/null 2>&1; done
ctr --address "$state/containerd.sock" namespaces remove "$ns" > /dev/null && echo "containerd namespace $ns"
rm -rf "${state:?}/$ns"
"""


def remove_containerd_namespace(api, namespace: str) -> list[str]:
    """Empty and remove a containerd namespace of the engine's containerd, through a helper
    container given containerd's folder (the runner may not run on the engine's machine)."""
    if not api.images(name=HELPER_IMAGE):
        return [f"containerd namespace {namespace} NOT removed: no {HELPER_IMAGE} to do it with"]
    mounts = [docker.types.Mount(s, s, type="bind") for s in CONTAINERD_STATES if _exists_on_engine(api, s)]
    helper = api.create_container(HELPER_IMAGE, ["sh", "-c", SWEEP_NAMESPACE, "sh", namespace,
                                                 *(m["Source"] for m in mounts)],
                                  host_config=api.create_host_config(network_mode="none", mounts=mounts),
                                  labels={inventory.LAB_LABEL: "crash-recovery"})
    try:
        api.start(helper)
        api.wait(helper, timeout=60)
        return api.logs(helper, stdout=True, stderr=False).decode("utf-8", "replace").split("\n")[:-1]
    finally:
        inventory.quietly(api.remove_container, helper, force=True)


def _exists_on_engine(api, folder: str) -> bool:
    """Whether ``folder`` exists on the engine's machine (a bind of a missing folder fails)."""
    probe = api.create_container(HELPER_IMAGE, ["true"], host_config=api.create_host_config(
        network_mode="none", mounts=[docker.types.Mount(folder, folder, type="bind", read_only=True)]),
        labels={inventory.LAB_LABEL: "crash-recovery"})
    try:
        api.start(probe)
        return api.wait(probe, timeout=30)["StatusCode"] == 0
    except docker.errors.APIError:
        return False
    finally:
        inventory.quietly(api.remove_container, probe, force=True)
