"""An engine lab's own socket: what the lab creates carries its label, and only that is removed.

An engine lab does not get the engine's socket but one served by a ``socket_proxy`` in the
runner's process, which forwards everything to the engine and labels every object the lab
creates (``org.docker-en-pratique.lab=<lab path>``, the session's labels, and one label of
this run): containers, volumes, networks (``Labels`` of the create body) and images built
by the classic builder (``labels`` of ``/build``; ``docker commit`` copies the container's).
What the engine would create without a request of its own is made exact too: a named volume
that a ``docker run -v name:/path`` would create is created first, labelled; the anonymous
volumes of a new container are read from the engine right after its creation and kept by
name. Images that carry no label (BuildKit builds, loaded or imported images) count as the
lab's when they are new and the lab named them (tag, inspect, run, rm); tags the lab put on
existing images are untagged.

After the lab, exactly these objects, if still there, are named and removed: a container or
volume someone makes by hand on the machine meanwhile is not touched, nor blamed.
A ``-v /var/run/docker.sock:...`` in a lab's request gets this socket, not the engine's.

The engine may be elsewhere (a VM's, reached by TCP): its containers then mount the lab's
socket from the guest's side of a slot (``platform.slots``), and the proxy forwards to the
engine's address; nothing assumes that the engine shares the runner's file system.
"""

import contextlib
import http.client
import json
import re
import shutil
import threading
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

from . import buildkit_watch, crash_recovery, engine, engine_names, engine_policy, inventory, options
from .locks import file_lock
from .socket_proxy import Handler, Refuse, SocketProxy, connect

LAB_LABEL = inventory.LAB_LABEL
RUN_LABEL = engine_names.RUN_LABEL
# Where a lab may believe the engine's socket is, on the machine.
ENGINE_SOCKETS = ("/var/run/docker.sock", "/run/docker.sock")
API_PATH = re.compile(r"^(?:/v\d+(?:\.\d+)?)?(/[^?]*)(?:\?(.*))?$", re.DOTALL)
CREATES = ("/containers/create", "/volumes/create", "/networks/create")
# Answers that are streams (logs, attach, stats, builds, exports, exec sessions): never read whole.
STREAMS = re.compile(r"/containers/[^/]+/(?:logs|attach|attach/ws|stats|export|archive|wait)|/exec/[^/]+/start"
                     r"|/build|/grpc|/session|/events|/images/.+/get|/images/get|/images/create|/images/load")
# /images/<name>[/json|/history|/tag|/push|/get]; not the collection's own endpoints.
IMAGE_PATH = re.compile(r"^/images/(?!(?:json|create|load|search|prune|get)$)(.+?)(?:/(json|history|tag|push|get))?$")


def _split(target: str) -> tuple[str, str, str]:
    """(version prefix, path, query) of a request target."""
    match = API_PATH.match(target)
    if not match:
        return "", target, ""
    prefix = target[:match.start(1)]
    return prefix, unquote(match.group(1)), match.group(2) or ""


def _reference(name: str) -> str:
    """An image reference as the engine lists it (``name:latest`` when untagged)."""
    last = name.rsplit("/", 1)[-1]
    return name if ":" in last or "@" in name else f"{name}:latest"


class EngineRequests:
    """One short request at a time to the engine (its address: unix or tcp), from the proxy's own threads."""

    def __init__(self, engine_address: str):
        self.engine_address = engine_address

    def __call__(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        connection = http.client.HTTPConnection("localhost", timeout=30)
        try:
            connection.sock = connect(self.engine_address, timeout=30)
            data = json.dumps(body).encode() if body is not None else None
            connection.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
            response = connection.getresponse()
            text = response.read()
            return response.status, (json.loads(text) if text.strip() else None)
        finally:
            connection.close()


class LabLabeller(Handler):
    """Adds the lab's labels to what it creates and remembers the rest of what it makes."""

    def __init__(self, labels: dict[str, str], own_socket: str, engine_address: str, policy: engine_policy.Lab,
                 journal: Path | None = None):
        self.labels, self.own_socket = labels, own_socket  # own_socket: as the engine's containers mount it
        self.engine_sockets = {engine_address.removeprefix("unix://"), *ENGINE_SOCKETS}
        self.ask = EngineRequests(engine_address)
        self.journal = journal  # crash_recovery's folder; None on a VM, which a crash takes away whole
        self.policy = policy
        self.refusals: list[str] = []  # one line each, for the lab's failure
        self.lock = threading.Lock()
        self.anonymous_volumes: set[str] = set()
        self.image_names: set[str] = set()  # every image the lab named
        self.tags: set[str] = set()  # references the lab created (tag, build -t, commit)
        self.creates: dict[int, dict] = {}  # thread -> the container create body it forwarded
        self.names = engine_names.PrivateNames(policy.run_id)
        self.tag_holds = engine_names.TagHolds()

    def buffers(self, method: str, target: str) -> bool:
        # Read whole: what the policy reads (JSON bodies) and short answers, whose names are the
        # engine's (engine_names); not the streams (logs, attach, builds, exports).
        return not STREAMS.fullmatch(_split(target)[1])

    def rewrite(self, method: str, target: str, body: bytes | None) -> tuple[str, bytes | None]:
        prefix, path, query = _split(target)
        data = None
        if method == "POST" and engine_policy.BODY_PATHS.fullmatch(path):
            try:
                data = json.loads(body or b"{}")
                if not isinstance(data, dict):
                    raise ValueError
            except ValueError:
                self._refuse(method, path, engine_policy.Refusal("malformed-request", "corps de requête JSON illisible"))
        params = parse_qsl(query, keep_blank_values=True)
        path = self.names.request(method, path, params, data)
        query = urlencode(params, quote_via=quote)
        target = prefix + quote(path) + ("?" + query if query else "")
        try:
            engine_policy.judge(self.policy, method, path, query, data)
        except engine_policy.Refusal as refusal:
            self._refuse(method, path, refusal)
        if data is not None:
            body = json.dumps(data).encode()  # names made private, limits filled in by the policy
        if method == "GET" and query is not None:
            filtered = engine_policy.filtered_listing(self.policy, path, query)
            if filtered != query:
                target = prefix + path + "?" + filtered
        if method == "POST" and path == "/build":
            target = prefix + path + "?" + self._label_build(query)
        else:
            self._note_images(method, path, query)
        if body is not None and path in CREATES:
            body = self._label_body(path, body)
        return target, body

    def _hold(self, references: list[str], method: str, path: str) -> None:
        """Hold the image tags this request makes, waiting for another run of the same lab to end."""
        for reference in references:
            if not self.tag_holds.hold(reference):
                self._refuse(method, path, engine_policy.Refusal(
                    "image-tag-busy", f"l’image « {reference} » est tenue par une autre exécution depuis "
                                      f"{engine_names.TagHolds.WAIT_SECONDS} s"))

    def _refuse(self, method: str, path: str, refusal: "engine_policy.Refusal"):
        with self.lock:
            self.refusals.append(refusal.line(method, path))
        raise Refuse(403, refusal.french())

    def _label_build(self, query: str) -> str:
        params = parse_qsl(query, keep_blank_values=True)
        existing = next((json.loads(v or "{}") for k, v in params if k == "labels"), {})
        tags = [_reference(v) for k, v in params if k == "t" and v]
        self._hold(tags, "POST", "/build")
        with self.lock:
            self.tags.update(tags)
            self.image_names.update(tags)
        params = [(k, v) for k, v in params if k != "labels"] + [("labels", json.dumps({**existing, **self.labels}))]
        return urlencode(params, quote_via=quote)

    def _note_images(self, method: str, path: str, query: str) -> None:
        params = dict(parse_qsl(query, keep_blank_values=True))
        names, created = [], []
        if path == "/commit" and params.get("repo"):
            created.append(_reference(params["repo"] + (":" + params["tag"] if params.get("tag") else "")))
        elif path == "/images/create" and (params.get("fromImage") or params.get("repo")):
            base = params.get("fromImage") or params["repo"]
            names.append(_reference(base + (":" + params["tag"] if params.get("tag") else "")))
        elif match := IMAGE_PATH.match(path):
            names.append(_reference(match.group(1)) if not re.fullmatch(r"(sha256:)?[0-9a-f]{12,64}", match.group(1))
                         else match.group(1))
            if match.group(2) == "tag" and method == "POST" and params.get("repo"):
                created.append(_reference(params["repo"] + (":" + params["tag"] if params.get("tag") else "")))
        self._hold(created, method, path)
        if names or created:
            with self.lock:
                self.image_names.update(names + created)
                self.tags.update(created)

    def _label_body(self, path: str, body: bytes) -> bytes:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return body  # the engine says what is wrong with it
        if not isinstance(data, dict):
            return body
        data["Labels"] = {**(data.get("Labels") or {}), **self.labels}
        if path == "/containers/create":
            self._contain_container(data)
        return json.dumps(data).encode()

    def _contain_container(self, data: dict) -> None:
        if data.get("Image"):
            with self.lock:
                self.image_names.add(_reference(data["Image"]))
        host = data.get("HostConfig") or {}
        binds = []
        for bind in host.get("Binds") or []:
            source, sep, rest = bind.partition(":")
            if source in self.engine_sockets:
                source = self.own_socket
            elif sep and not source.startswith("/"):
                self._create_named_volume(source, host.get("VolumeDriver") or "local", {}, {})
            binds.append(source + sep + rest)
        if binds:
            host["Binds"] = binds
        for mount in host.get("Mounts") or []:
            kind, source = mount.get("Type", "volume"), mount.get("Source") or ""
            if kind == "bind" and source in self.engine_sockets:
                mount["Source"] = self.own_socket
            elif kind == "volume" and source:
                options = mount.get("VolumeOptions") or {}
                driver = options.get("DriverConfig") or {}
                self._create_named_volume(source, driver.get("Name") or host.get("VolumeDriver") or "local",
                                          driver.get("Options") or {}, options.get("Labels") or {})
        self.creates[threading.get_ident()] = data

    def _create_named_volume(self, name: str, driver: str, options: dict, labels: dict) -> None:
        """The engine would create it, unlabelled, for this container: create it labelled first."""
        status, _ = self.ask("GET", f"/volumes/{quote(name, safe='')}")
        if status == 404:
            self.ask("POST", "/volumes/create", {"Name": name, "Driver": driver, "DriverOpts": options,
                                                  "Labels": {**labels, **self.labels}})

    def watcher(self, method: str, target: str):
        if _split(target)[1] != "/grpc":
            return None
        # BuildKit's requests travel in HTTP/2 inside this connection: no label can be added there,
        # but each is judged before it reaches the engine, and the image names of a Solve request
        # are kept, so that the image counts as the lab's.
        requests = buildkit_watch.GrpcRequests(self._note_exported)

        def watch(data: bytes) -> None:
            try:
                requests.feed(data)
            except engine_policy.Refusal as refusal:
                self._refuse("POST", "/grpc", refusal)

        return watch

    def _note_exported(self, names: list[str]) -> None:
        self._hold([_reference(n) for n in names], "POST", "/grpc")
        with self.lock:
            self.tags.update(_reference(n) for n in names)
            self.image_names.update(_reference(n) for n in names)
        for name in names:  # unlabelled: a crashed session's successor finds them here
            if self.journal:
                crash_recovery.note(self.journal, image=_reference(name), lab=self.labels.get(LAB_LABEL))

    def responded(self, method: str, target: str, status: int, body: bytes) -> bytes:
        self._note_anonymous_volumes(status, body)
        return self.names.response(body)

    def _note_anonymous_volumes(self, status: int, body: bytes) -> None:
        create = self.creates.pop(threading.get_ident(), None)
        if create is None or status != 201:
            return
        try:
            ident = json.loads(body)["Id"]
        except (ValueError, KeyError, TypeError):
            return
        # Anonymous volumes (VOLUME of the image, -v /path) exist from now on, under names the
        # engine chose: the container's volumes, less those it names and those it borrows.
        status, container = self.ask("GET", f"/containers/{ident}/json")
        if status != 200:
            return
        host = create.get("HostConfig") or {}
        named = {b.partition(":")[0] for b in host.get("Binds") or []}
        named |= {m.get("Source") for m in host.get("Mounts") or [] if m.get("Source")}
        for other in host.get("VolumesFrom") or []:
            status, lender = self.ask("GET", f"/containers/{quote(other.partition(':')[0], safe='')}/json")
            if status == 200:
                named |= {m.get("Name") for m in lender.get("Mounts") or []}
        anonymous = {m["Name"] for m in container.get("Mounts") or []
                     if m.get("Type") == "volume" and m.get("Name") and m["Name"] not in named}
        with self.lock:
            self.anonymous_volumes |= anonymous


class LabSocket:
    """``with LabSocket(api, labels) as lab_socket``: ``lab_socket.mount_path`` is the socket the
    lab's container mounts (``lab_socket.path``: where the proxy listens, on this machine);
    ``remove_leftovers()`` names and removes what the lab made and left. ``platform``: the
    engine's platform (``platforms.Platform``), the host's by default."""

    def __init__(self, api, labels: dict[str, str], lab=None, lab_options=None, platform=None):
        self.api = api
        self.run_id = uuid.uuid4().hex[:12]
        self.labels = {**labels, RUN_LABEL: self.run_id}
        self.slots = getattr(platform, "slots", "")
        engine_address = platform.docker_host if platform else engine.host()
        self.folder = None if self.slots else crash_recovery.new_folder(self.run_id)
        self.path = self.mount_path = str(self.folder / "docker.sock") if self.folder else ""
        self._slot = contextlib.ExitStack()
        policy = _policy(lab, lab_options, self.run_id, self.mount_path,
                         {engine_address.removeprefix("unix://"), *ENGINE_SOCKETS})
        self.handler = LabLabeller(self.labels, self.mount_path, engine_address, policy, journal=self.folder)
        policy.ask, policy.anonymous_volumes, policy.created_tags = (
            self.handler.ask, self.handler.anonymous_volumes, self.handler.tags)
        self.proxy = SocketProxy(self.path, engine_address, self.handler)
        self.images_before: dict[str, list[str]] = {}
        self.exclusive = None

    def _take_slot(self) -> None:
        """On a VM: listen on a free slot's host socket; its containers mount the guest's side."""
        from .platform import PlatformError, slots

        try:
            host_socket, guest_socket = self._slot.enter_context(slots.take(Path(self.slots)))
        except PlatformError as exc:
            raise engine.EngineUnavailable(str(exc)) from None  # the lab fails with this one line
        self.path = self.proxy.path = str(host_socket)
        self.mount_path = self.handler.own_socket = self.handler.policy.own_socket = guest_socket

    def __enter__(self) -> "LabSocket":
        if self.slots:
            self._take_slot()  # first: a lab that gets no slot fails holding nothing else
        trust = self.handler.policy.trust
        if trust and trust.containerd_namespaces:
            # Named by the lab itself, out of the proxy's reach: one session at a time uses them,
            # and a crashed one's successor removes them (crash_recovery; a VM goes whole).
            self.exclusive = file_lock("containerd-namespaces")
            self.exclusive.__enter__()
            for namespace in trust.containerd_namespaces:
                if self.folder:
                    crash_recovery.note(self.folder, containerd_namespace=namespace, lab=self.labels.get(LAB_LABEL))
        self.images_before = _images(self.api)
        self.proxy.start()
        return self

    def __exit__(self, *exc) -> None:
        self.proxy.stop()
        self.handler.tag_holds.release()
        self._slot.close()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        if self.exclusive:
            self.exclusive.__exit__(*exc)

    def remove_leftovers(self) -> list[str]:
        """Once the lab's container is gone: remove what the lab made and left; one line each."""
        self.proxy.stop()  # nothing of the lab may create more while its objects are removed
        api, mine = self.api, {"label": f"{RUN_LABEL}={self.run_id}"}
        removed, public = [], self.handler.names.public
        for c in api.containers(all=True, filters=mine):
            inventory.quietly(api.remove_container, c["Id"], force=True, v=True)
            removed.append(f"container {public(c['Names'][0].lstrip('/')) if c.get('Names') else c['Id'][:12]}")
        volumes = {v["Name"] for v in api.volumes(filters=mine).get("Volumes") or []}
        existing = {v["Name"] for v in api.volumes().get("Volumes") or []}
        for name in sorted(volumes | (self.handler.anonymous_volumes & existing)):
            inventory.quietly(api.remove_volume, name, force=True)
            removed.append(f"volume {public(name)}")
        removed += self._remove_images()
        for n in api.networks(filters=mine):
            inventory.quietly(api.remove_network, n["Id"])
            removed.append(f"network {n['Name']}")
        return removed

    def _remove_images(self) -> list[str]:
        api, handler, removed = self.api, self.handler, []
        after = _images(self.api)
        labelled = {i["Id"] for i in api.images(all=True, filters={"label": f"{RUN_LABEL}={self.run_id}"})}
        named = handler.image_names
        ours = [ident for ident, tags in after.items() if ident not in self.images_before and (
            ident in labelled or set(tags) & named or any(ident.removeprefix("sha256:").startswith(n.removeprefix("sha256:"))
                                                          for n in named if ":" not in n.removeprefix("sha256:")))]
        for ident in ours:
            tags = after[ident]
            inventory.quietly(api.remove_image, ident, force=True)
            removed.append(f"image {tags[0] if tags else ident.removeprefix('sha256:')[:12]}")
        tags_before = {t for tags in self.images_before.values() for t in tags}
        for ident, tags in after.items():
            for tag in tags:
                if ident not in ours and tag in handler.tags and tag not in tags_before:
                    inventory.quietly(api.remove_image, tag, noprune=True)  # the tag only: the image was there before
                    removed.append(f"image tag {tag}")
        return removed


def _policy(lab, lab_options, run_id: str, own_socket: str, engine_sockets: set) -> engine_policy.Lab:
    """What ``engine_policy`` judges this lab's requests by: its options, and its trust if pinned."""
    policy = engine_policy.Lab(run_id=run_id, run_label=RUN_LABEL, own_socket=own_socket, engine_sockets=engine_sockets)
    if lab is not None:
        o = lab_options or lab.options
        policy.cap_add, policy.security_opt = tuple(o.cap_add), tuple(o.security_opt)
        policy.memory, policy.pids, policy.nano_cpus = options.memory_bytes(o.memory), o.pids, int(o.cpus * 1e9)
        policy.trust = engine_policy.trust_of(str(lab.relative), lab.folder)
    return policy


def _images(api) -> dict[str, list[str]]:
    return {i["Id"]: [t for t in i.get("RepoTags") or [] if t != "<none>:<none>"] for i in api.images(all=True)}
