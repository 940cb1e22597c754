"""The runner's labels, and what a failed image build leaves: inventory before, and after it
the removal of exactly what the build said it made (engine labs: ``engine_lab``).

Runner-owned objects are ignored: containers labelled by the runner (other labs running
in parallel) and the lab images (``docker-en-pratique/*``, built under the engine lock).
"""

from dataclasses import dataclass, field

import docker.errors

LAB_LABEL = "org.docker-en-pratique.lab"
IMAGE_PREFIX = "docker-en-pratique/"


@dataclass
class Inventory:
    """What the engine holds: taken before and after an image build (here) and a whole session
    (``session_inventory``), the one way the runner lists the engine's objects."""
    containers: dict[str, dict] = field(default_factory=dict)  # id -> listing entry
    images: dict[str, dict] = field(default_factory=dict)
    volumes: dict[str, dict] = field(default_factory=dict)  # name -> labels
    networks: dict[str, str] = field(default_factory=dict)  # id -> name

    def counts(self) -> str:
        return (f"{len(self.containers)} containers, {len(self.images)} images, "
                f"{len(self.volumes)} volumes, {len(self.networks)} networks")


def take(api) -> Inventory:
    return Inventory(
        containers={c["Id"]: c for c in api.containers(all=True)},
        images={i["Id"]: i for i in api.images(all=True)},
        volumes={v["Name"]: v.get("Labels") or {} for v in (api.volumes().get("Volumes") or [])},
        networks={n["Id"]: n["Name"] for n in api.networks()},
    )


def _describe_containers(api, ids):
    for c in api.containers(all=True):
        if c["Id"] in ids and LAB_LABEL not in (c.get("Labels") or {}):
            yield c["Id"], f"container {c['Names'][0].lstrip('/') if c.get('Names') else c['Id'][:12]}"


def _describe_images(api, ids):
    for i in api.images(all=True):
        tags = [t for t in (i.get("RepoTags") or []) if t != "<none>:<none>"]
        if i["Id"] in ids and not any(t.startswith(IMAGE_PREFIX) for t in tags):
            yield i["Id"], f"image {tags[0] if tags else i['Id'][7:19]}"


def remove_new(api, before: Inventory, made: set[str]) -> list[str]:
    """Remove what appeared since ``before`` and whose short id is in ``made`` (what an image build
    printed that it made): never what someone else created meanwhile. One description each."""
    after = take(api)
    kinds = {"container": "containers", "volume": "volumes", "image": "images", "network": "networks"}
    new = {kind: {i for i in set(getattr(after, name)) - set(getattr(before, name))
                  if i.removeprefix("sha256:")[:12] in made} for kind, name in kinds.items()}
    removed = []
    for ident, text in list(_describe_containers(api, new["container"])):
        quietly(api.remove_container, ident, force=True, v=True)
        removed.append(text)
    for name in new["volume"]:
        quietly(api.remove_volume, name, force=True)
        removed.append(f"volume {name}")
    for ident, text in list(_describe_images(api, new["image"])):
        quietly(api.remove_image, ident, force=True)
        removed.append(text)
    for ident in new["network"]:
        quietly(api.remove_network, ident)
        removed.append(f"network {ident[:12]}")
    return removed


def quietly(action, *args, **kwargs):
    try:
        action(*args, **kwargs)
    except docker.errors.NotFound:
        pass
