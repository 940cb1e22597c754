"""Names an engine lab gives its containers and volumes, made unique to its run by its proxy.

Two sessions (two checkouts, two CI jobs on one engine) may run the same lab at once: a lab
that names its volume ``docker-en-pratique-lab-carnet`` would share it with the other one.
The proxy gives the engine ``<name>_r<run id>`` instead, in every request that names it
(create, inspect, remove, ``-v name:/path``, ``--volumes-from``, ``--network container:name``,
list filters), and takes the suffix out of the answers it reads whole, so the lab, its listing
in the book and its output keep the plain name. Image tags are not rewritten (BuildKit carries
them in a gRPC stream the proxy reads but does not rewrite): a lab holds each tag it makes
(``TagHolds``, a lock of the machine) until it ends, so a second run of the same lab waits for it
instead of retagging and removing the image under the first one.
"""

import fcntl
import hashlib
import json
import re
import threading
import time

from .locks import LOCK_DIR

RUN_LABEL = "org.docker-en-pratique.lab-run"  # the run id, on everything an engine lab creates
CONTAINER_PATH = re.compile(r"^/containers/(?!(?:json|create|prune)$)([^/]+)(/.*)?$")
VOLUME_PATH = re.compile(r"^/volumes/(?!(?:create|prune)$)([^/]+)$")
NAMESPACE_FIELDS = ("NetworkMode", "PidMode", "IpcMode", "Cgroup")


def suffix(run_id: str) -> str:
    return f"_r{run_id}"


def lab_name(name: str, labels: dict | None) -> str:
    """The name the lab gave an object the engine lists (with its labels), for a report."""
    run_id = (labels or {}).get(RUN_LABEL)
    return name.removesuffix(suffix(run_id)) if run_id else name


class PrivateNames:
    def __init__(self, run_id: str):
        self.suffix = suffix(run_id)
        self.lock = threading.Lock()
        self.names: dict[str, dict[str, str]] = {"container": {}, "volume": {}}  # kind -> lab's name -> engine's

    def private(self, name: str, kind: str = "volume") -> str:
        """The engine's name for a name the lab gives (a new one the first time)."""
        if not name or name.endswith(self.suffix):
            return name
        with self.lock:
            return self.names[kind].setdefault(name, name + self.suffix)

    def known(self, reference: str, kind: str = "container") -> str:
        """The engine's name for a name the lab gave before; any other reference (an id) as it is."""
        return self.names[kind].get(reference.lstrip("/"), reference)

    def request(self, method: str, path: str, query: list[tuple[str, str]], data: dict | None) -> str:
        """Rewrite the names of one request (``query`` and ``data`` in place); return its path."""
        if match := CONTAINER_PATH.match(path):
            path = f"/containers/{self.known(match.group(1))}{match.group(2) or ''}"
            if match.group(2) == "/rename":
                query[:] = [(k, self.private(v, "container") if k == "name" else v) for k, v in query]
        elif match := VOLUME_PATH.match(path):
            path = f"/volumes/{self.known(match.group(1), 'volume')}"
        elif path == "/containers/create":
            query[:] = [(k, self.private(v, "container") if k == "name" else v) for k, v in query]
        if path in ("/containers/json", "/volumes"):
            kind = "container" if path == "/containers/json" else "volume"
            query[:] = [(k, self._filters(v, kind) if k == "filters" else v) for k, v in query]
        if data is not None and path == "/volumes/create" and data.get("Name"):
            data["Name"] = self.private(data["Name"])
        if data is not None and path == "/containers/create":
            self._container(data.get("HostConfig") or {})
        return path

    def _container(self, host: dict) -> None:
        binds = []
        for bind in host.get("Binds") or []:
            source, sep, rest = bind.partition(":")
            binds.append((source if source.startswith("/") or not sep else self.private(source)) + sep + rest)
        if binds:
            host["Binds"] = binds
        for mount in host.get("Mounts") or []:
            if (mount.get("Type") or "volume") == "volume" and mount.get("Source"):
                mount["Source"] = self.private(mount["Source"])
        if host.get("VolumesFrom"):
            host["VolumesFrom"] = [self.known(v.partition(":")[0]) + v.partition(":")[1] + v.partition(":")[2]
                                   for v in host["VolumesFrom"]]
        for key in NAMESPACE_FIELDS:
            value = host.get(key) or ""
            if value.startswith("container:"):
                host[key] = "container:" + self.known(value.removeprefix("container:"))

    def _filters(self, text: str, kind: str) -> str:
        try:
            filters = json.loads(text or "{}")
        except ValueError:
            return text
        names = filters.get("name")
        if isinstance(names, list):
            filters["name"] = [self.known(n, kind) for n in names]
        elif isinstance(names, dict):
            filters["name"] = {self.known(n, kind): v for n, v in names.items()}
        return json.dumps(filters)

    def public(self, name: str) -> str:
        """The lab's name for an engine's name (reports speak the lab's language)."""
        return name.removesuffix(self.suffix)

    def response(self, body: bytes) -> bytes:
        """An answer read whole, with the engine's names back to the lab's."""
        return body.replace(self.suffix.encode(), b"") if any(self.names.values()) else body


class TagHolds:
    """Image tags held by one engine lab run, each an exclusive lock of the machine, until ``release``."""

    WAIT_SECONDS = 60

    def __init__(self):
        self.held: dict[str, object] = {}
        self.lock = threading.Lock()

    def hold(self, reference: str) -> bool:
        """Wait (at most WAIT_SECONDS) until no other run holds ``reference``; False if it still does."""
        with self.lock:
            if reference in self.held:
                return True
        LOCK_DIR.mkdir(parents=True, exist_ok=True)
        handle = open(LOCK_DIR / f"image-tag-{hashlib.sha256(reference.encode()).hexdigest()[:16]}.lock", "a")
        deadline = time.monotonic() + self.WAIT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    handle.close()
                    return False
                time.sleep(0.2)
        with self.lock:
            self.held[reference] = handle
        return True

    def release(self) -> None:
        with self.lock:
            handles, self.held = list(self.held.values()), {}
        for handle in handles:
            handle.close()  # closing the file releases its lock
