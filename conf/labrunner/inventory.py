"""The runner's labels, and what a failed image build leaves: inventory before, and after it
the removal of exactly what the build said it made (engine labs: ``engine_lab``).

Runner-owned objects are ignored: containers labelled by the runner (other labs running
in parallel) and the lab images (``docker-en-pratique/*``, built under the engine lock).
"""

import docker.errors

LAB_LABEL = "org.docker-en-pratique.lab"
IMAGE_PREFIX = "docker-en-pratique/"


def take(api) -> dict[str, set[str]]:
    return {
        "container": {c["Id"] for c in api.containers(all=True)},
        "volume": {v["Name"] for v in (api.volumes().get("Volumes") or [])},
        "image": {i["Id"] for i in api.images(all=True)},
        "network": {n["Id"] for n in api.networks()},
    }


def _describe_containers(api, ids):
    for c in api.containers(all=True):
        if c["Id"] in ids and LAB_LABEL not in (c.get("Labels") or {}):
            yield c["Id"], f"container {c['Names'][0].lstrip('/') if c.get('Names') else c['Id'][:12]}"


def _describe_images(api, ids):
    for i in api.images(all=True):
        tags = [t for t in (i.get("RepoTags") or []) if t != "<none>:<none>"]
        if i["Id"] in ids and not any(t.startswith(IMAGE_PREFIX) for t in tags):
            yield i["Id"], f"image {tags[0] if tags else i['Id'][7:19]}"


def remove_new(api, before: dict[str, set[str]], made: set[str]) -> list[str]:
    """Remove what appeared since ``before`` and whose short id is in ``made`` (what an image build
    printed that it made): never what someone else created meanwhile. One description each."""
    after = take(api)
    new = {kind: {i for i in after[kind] - before[kind] if i.removeprefix("sha256:")[:12] in made} for kind in after}
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
