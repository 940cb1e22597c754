"""What an engine-driving lab leaves on the engine: inventory before, diff and removal after.

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


def remove_new(api, before: dict[str, set[str]]) -> list[str]:
    """Remove what appeared since ``before``; return one description per removed object."""
    after = take(api)
    new = {kind: after[kind] - before[kind] for kind in after}
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
