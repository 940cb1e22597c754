"""The engine's inventory around a whole test session: what the session leaves behind, named.

Not leftovers: the lab images (``docker-en-pratique/*`` tags) and their parent layers, a
cache kept on purpose; containers labelled by another live suite (a session running in
parallel owns and removes them). Everything else that appeared during the session and is
still there at its end is a leftover.

``sweep_dead_owners`` removes lab containers whose creating process is gone (killed with
-9, or the engine stopped under it): labels say which host and pid made each one.
"""

import os
import socket
import docker.errors

from . import crash_recovery, engine_names, inventory, run


Inventory, take = inventory.Inventory, inventory.take  # the runner's one inventory


def _cache(images: dict[str, dict]) -> set[str]:
    """Lab images and every layer they stand on."""
    kept = set()
    for ident, image in images.items():
        if any(t.startswith(inventory.IMAGE_PREFIX) for t in image.get("RepoTags") or []):
            while ident and ident not in kept:
                kept.add(ident)
                ident = (images.get(ident) or {}).get("ParentId")
    return kept


def _container_name(c: dict) -> str:
    labels = c.get("Labels") or {}
    name = c["Names"][0].lstrip("/") if c.get("Names") else c["Id"][:12]
    lab = labels.get(inventory.LAB_LABEL)
    return f"container {name}" + (f" (lab {lab})" if lab else f" ({c.get('Image', '?')}, {c.get('Status', '?')})")


def leftovers(before: Inventory, after: Inventory, suite: str) -> list[str]:
    found = []
    for ident, c in after.containers.items():
        owner_suite = (c.get("Labels") or {}).get(run.SUITE_LABEL)
        if ident not in before.containers and owner_suite in (None, suite):
            found.append(_container_name(c))
    cache = _cache(after.images)
    for ident, image in after.images.items():
        if ident not in before.images and ident not in cache:
            tags = [t for t in image.get("RepoTags") or [] if t != "<none>:<none>"]
            found.append(f"image {tags[0] if tags else ident.removeprefix('sha256:')[:12]}")
    found += [f"volume {name}" for name, labels in sorted(after.volumes.items())
              if name not in before.volumes and labels.get(run.SUITE_LABEL) in (None, suite)]
    found += [f"network {name}" for ident, name in after.networks.items() if ident not in before.networks]
    return found


def remove_suite_containers(api, suite: str) -> list[str]:
    """Containers of this suite still there (a worker killed mid-lab): removed, and named."""
    removed = []
    for c in api.containers(all=True, filters={"label": f"{run.SUITE_LABEL}={suite}"}):
        _remove(api, c["Id"])
        removed.append(_container_name(c))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_owner(labels: dict | None, host: str) -> str | None:
    """The pid of the process of this host that made an object, if that process is gone."""
    owner_host, _, pid = (labels or {}).get(run.OWNER_LABEL, "").rpartition(":")
    return pid if owner_host == host and pid.isdigit() and not _alive(int(pid)) else None


def sweep_dead_owners(api) -> list[str]:
    """Remove lab containers made on this host by a process that no longer exists, and the
    volumes and networks its engine labs made (labelled alike by engine_lab); name them."""
    host = socket.gethostname()
    removed = []
    for c in api.containers(all=True, filters={"label": run.OWNER_LABEL}):
        if pid := _dead_owner(c.get("Labels"), host):
            _remove(api, c["Id"])
            removed.append(_container_name(c) + f", left by process {pid}")
    for v in api.volumes(filters={"label": run.OWNER_LABEL}).get("Volumes") or []:
        if pid := _dead_owner(v.get("Labels"), host):
            inventory.quietly(api.remove_volume, v["Name"], force=True)
            name = engine_names.lab_name(v["Name"], v.get("Labels"))
            removed.append(f"volume {name} (lab {v['Labels'].get(inventory.LAB_LABEL, '?')}), left by process {pid}")
    for i in api.images(all=True, filters={"label": run.OWNER_LABEL}):
        if pid := _dead_owner((i.get("Labels") or {}), host):
            tags = [t for t in i.get("RepoTags") or [] if t != "<none>:<none>"]
            inventory.quietly(api.remove_image, i["Id"], force=True)
            removed.append(f"image {tags[0] if tags else i['Id'][7:19]} (lab {i['Labels'].get(inventory.LAB_LABEL, '?')}), "
                           f"left by process {pid}")
    for n in api.networks(filters={"label": run.OWNER_LABEL}):
        if pid := _dead_owner(n.get("Labels"), host):
            inventory.quietly(api.remove_network, n["Id"])
            removed.append(f"network {n['Name']} (lab {n['Labels'].get(inventory.LAB_LABEL, '?')}), left by process {pid}")
    return removed + crash_recovery.sweep(api)


def _remove(api, ident: str) -> None:
    try:
        api.remove_container(ident, force=True, v=True)
    except docker.errors.NotFound:
        pass
