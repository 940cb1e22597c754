"""Lab images into the guest's engine: ``docker save`` on the host streamed to the guest's
/images/load through the forwarded API, nothing written to disk on the way."""

import docker
import docker.errors

from .errors import PlatformError


def present(api: docker.APIClient, reference: str) -> bool:
    try:
        api.inspect_image(reference)
        return True
    except docker.errors.ImageNotFound:
        return False


def load_images(host: docker.APIClient, guest: docker.APIClient, tags: list[str], progress) -> list[str]:
    """Copy each of ``tags`` missing from the guest; returns those copied."""
    copied = []
    for reference in tags:
        if present(guest, reference):
            continue
        if not present(host, reference):
            raise PlatformError(f"image {reference} is not on the host's engine: build the lab images first")
        progress(f"docker save {reference} | guest docker load")
        last = ""
        for message in guest.load_image(host.get_image(reference)):
            if "error" in message or "errorDetail" in message:
                raise PlatformError(f"loading {reference} into the VM failed: {message.get('error') or message}")
            last = message.get("stream", last).strip()
        if not present(guest, reference):
            raise PlatformError(f"loading {reference} into the VM left no such image (engine said: {last or 'nothing'})")
        copied.append(reference)
    return copied
