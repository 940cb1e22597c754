"""What an engine lab may ask of the engine: deny by default.

An engine lab is untrusted code holding a socket to an engine that runs as root: every
request its proxy (``engine_lab``) receives is judged here before it is forwarded. A request
is allowed only when an entry of ``ENDPOINTS`` names its method and path and that entry's
rule finds nothing wrong; everything else (swarm, plugins, networks, pulls, loads, events,
system calls...) is refused. A refusal is an HTTP 403 whose JSON ``message`` is one French line
(« refusé par l'exécuteur des labs : … »), which the docker CLI prints as is, and the lab
fails with one line naming the rule (``Refusal.line``).

What a lab may do, in short: run containers of local images with no network (or the network
of one of its own containers), with at most the capabilities and security options its
lab.toml declares, at most its own memory, pids and CPU limits, named volumes of its own,
anonymous volumes and tmpfs, and its own engine socket; build images with no network;
inspect, exec into, copy to or from, stop and remove only what it created; read any local
image; tag, commit and remove only its own images, never a ``docker-en-pratique/`` one.
"""

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote

from . import recipe

RESERVED_IMAGE_PREFIX = "docker-en-pratique/"  # the book's images: other labs run them
PREFIX = "refusé par l’exécuteur des labs : "


@dataclass
class Refusal(Exception):
    rule: str  # the rule's name, as the lab's failure line gives it
    message: str  # French, for the reader, after PREFIX

    def french(self) -> str:
        return PREFIX + self.message

    def line(self, method: str, path: str) -> str:
        return f"refused by the engine policy (rule '{self.rule}'): {method} {path}: {self.french()}"


@dataclass(frozen=True)
class Trust:
    """A lab given more than the policy's default, pinned to the exact content of its lab.sh and
    lab.toml: a change to either makes it an ordinary lab again until a maintainer, having read
    it, writes the new hash here (a change to the runner, which review sees)."""
    sha256: str
    reason: str
    bind_sources: tuple[str, ...] = ()  # host folders (and what is under them) it may bind-mount
    cap_add: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    containerd_namespaces: tuple[str, ...] = ()  # it makes them itself (ctr): one session at a time


# Lab folder (relative to snippets/) -> what it is trusted with beyond the default.
TRUSTED = {
    "docker-en-pratique/2-05-pourquoi-les-conteneurs/20-oci-containerd-chain": Trust(
        sha256="554eac37e99136d4c68c4c80ca8a71efbca5fec43e33609a62e8b136f1f51840",
        reason="shows the engine's own containerd: ctr needs containerd's socket folder and its layer "
               "folder, and CAP_SYS_ADMIN to mount the layers of an image it runs (containerd's socket is "
               "root on the machine: this lab is trusted as reviewed, not contained)",
        # Debian's docker.io, docker-ce, and the VM platform's (its containerd's root is on the
        # engine's data disk: labrunner/platform/guest/init).
        bind_sources=("/var/run/docker/containerd", "/run/containerd", "/var/lib/docker/containerd",
                      "/var/lib/containerd", "/var/lib/docker/containerd-root"),
        cap_add=("SYS_ADMIN",), security_opt=("apparmor=unconfined",),
        containerd_namespaces=("docker-en-pratique-lab",)),
}


def content_hash(folder: Path) -> str:
    """sha256 of the lab's snippet and lab.toml, as ``TRUSTED`` pins them."""
    digest = hashlib.sha256()
    for name in ("lab.sh", "lab.py", "lab.toml"):
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def trust_of(relative: str, folder: Path) -> Trust | None:
    trust = TRUSTED.get(str(relative))
    return trust if trust and content_hash(folder) == trust.sha256 else None


@dataclass
class Lab:
    """What the policy knows of the lab it judges, and how it asks the engine about objects."""
    run_id: str
    run_label: str
    own_socket: str
    engine_sockets: set
    cap_add: tuple = ()
    security_opt: tuple = ()
    memory: int = 128 << 20
    pids: int = 64
    nano_cpus: int = 10 ** 9
    trust: Trust | None = None
    ask: object = None  # (method, path) -> (status, json)
    created_tags: set = field(default_factory=set)
    anonymous_volumes: set = field(default_factory=set)  # shared with the proxy, which finds them

    def caps(self) -> set:
        return {_cap(c) for c in self.cap_add + (self.trust.cap_add if self.trust else ())}

    def security_opts(self) -> set:
        return set(self.security_opt + (self.trust.security_opt if self.trust else ()))

    def owns(self, kind: str, ref: str, absent_ok: bool = False) -> bool:
        """Whether the object carries this run's label (containers, volumes, images, execs), or is
        an anonymous volume of one of its containers; ``absent_ok``: also when no such object exists
        (the engine then answers "no such ..." itself)."""
        if kind == "exec":
            status, data = self.ask("GET", f"/exec/{quote(ref, safe='')}/json")
            return (status == 404 and absent_ok) or (status == 200 and self.owns("container", data.get("ContainerID", "")))
        if kind == "volume" and ref in self.anonymous_volumes:
            return True
        path = {"container": "/containers/{}/json", "volume": "/volumes/{}", "image": "/images/{}/json"}[kind]
        status, data = self.ask("GET", path.format(quote(ref, safe="")))
        if status == 404:
            return absent_ok
        if status != 200 or not isinstance(data, dict):
            return False
        labels = data.get("Labels") if kind == "volume" else (data.get("Config") or {}).get("Labels")
        return (labels or {}).get(self.run_label) == self.run_id


def _cap(name: str) -> str:
    return name.upper().removeprefix("CAP_")


def _require(condition: bool, rule: str, message: str) -> None:
    if not condition:
        raise Refusal(rule, message)


def _own(lab: Lab, kind: str, ref: str, what: str) -> None:
    _require(lab.owns(kind, ref, absent_ok=True), "own-objects-only",
             f"{what} « {ref} » n’a pas été créé par ce lab ; un lab n’agit que sur ce qu’il a créé")


# --- rules, one per concern --------------------------------------------------------------

def allow(lab, method, parts, params, body):
    """Read-only facts of the engine (ping, version, info) and listings, filtered to the lab's own
    objects for containers and volumes, unfiltered for images (the book's images are public)."""


def own_container(lab, method, parts, params, body):
    """Inspect, logs, top, diff, export, archive (read or write), start, stop, kill, wait, attach,
    rename, remove: only a container this lab created (its run label), never the lab's own
    container (the runner made it), another lab's, or anyone else's."""
    _own(lab, "container", parts[0], "le conteneur")


def own_exec(lab, method, parts, params, body):
    """Start, resize or inspect an exec only in a container of this lab."""
    _own(lab, "exec", parts[0], "l’exec")


def exec_create(lab, method, parts, params, body):
    """``docker exec`` into a container of this lab, never privileged."""
    own_container(lab, method, parts, params, body)
    _require(not (body or {}).get("Privileged"), "no-privileged", "docker exec --privileged est interdit")


def own_volume(lab, method, parts, params, body):
    """Inspect or remove only a volume this lab created."""
    _own(lab, "volume", parts[0], "le volume")


def volume_create(lab, method, parts, params, body):
    """A named volume of the ``local`` driver without options: driver options can bind-mount any
    host folder (``o=bind,device=/``) or mount a remote share; other drivers are plugins."""
    body = body or {}
    _require((body.get("Driver") or "local") == "local", "volume-local-only",
             f"pilote de volume « {body.get('Driver')} » interdit (seul « local » est permis)")
    _require(not body.get("DriverOpts"), "volume-no-driver-options",
             "options de pilote de volume interdites (elles monteraient un dossier de la machine)")
    name = body.get("Name") or ""
    _require(not name or lab.owns("volume", name, absent_ok=True), "own-objects-only",
             f"le volume « {name} » existe déjà et n’est pas à ce lab")


def image_read(lab, method, parts, params, body):
    """Inspect, history or save (``docker save``) of any local image: reading is harmless."""


def image_tag(lab, method, parts, params, body):
    """Tag an image, never under ``docker-en-pratique/`` (the book's images, which other labs run)."""
    _not_reserved(params.get("repo", ""))
    lab.created_tags.add(_reference(params.get("repo", ""), params.get("tag", "")))


def image_remove(lab, method, parts, params, body):
    """Remove only an image this lab built or committed (its run label), or a tag it created."""
    ref = parts[0]
    _require(_reference(ref, "") in lab.created_tags or lab.owns("image", ref, absent_ok=True), "own-objects-only",
             f"l’image « {ref} » n’a pas été créée par ce lab ; un lab ne supprime que ses images")


def build(lab, method, parts, params, body):
    """A build of the classic builder with no network, from the context the lab sends (never a URL
    fetched by the engine), tagged outside ``docker-en-pratique/``."""
    _require(params.get("networkmode", "") == "none", "build-network-none",
             "docker build sans réseau seulement : ajoutez --network none")
    _require(not params.get("remote"), "build-context-local",
             "le contexte d’une construction vient du lab, jamais d’une adresse que le moteur irait chercher")
    _require(not params.get("cgroupparent"), "no-cgroup-parent", "--cgroup-parent est interdit")
    for tag in params.all("t"):
        _not_reserved(tag)
        lab.created_tags.add(_reference(tag, ""))


def buildkit(lab, method, parts, params, body):
    """BuildKit's session (the client's files, served to the engine) and its gRPC requests, each
    judged by ``buildkit_watch`` before it reaches the engine: no entitlement, no network for the
    Dockerfile's steps, no image exported under ``docker-en-pratique/``."""


def commit(lab, method, parts, params, body):
    """``docker commit`` of a container of this lab, tagged outside ``docker-en-pratique/``."""
    _own(lab, "container", params.get("container", ""), "le conteneur")
    _not_reserved(params.get("repo", ""))
    if params.get("repo"):
        lab.created_tags.add(_reference(params["repo"], params.get("tag", "")))


def container_create(lab, method, parts, params, body):
    """A container the lab may run: see ``check_host_config``."""
    if body is not None:
        check_host_config(lab, body.setdefault("HostConfig", {}))


def _not_reserved(reference: str) -> None:
    _require(not reference.lower().startswith(RESERVED_IMAGE_PREFIX), "book-images-read-only",
             f"les images « {RESERVED_IMAGE_PREFIX}… » sont celles du livre : un lab ne les remplace pas")


def _reference(name: str, tag: str) -> str:
    name = f"{name}:{tag}" if tag else name
    last = name.rsplit("/", 1)[-1]
    return name if ":" in last or "@" in name else f"{name}:latest"


# Namespace modes: "" is the container's own; container:<id> only for a container of this lab.
NAMESPACE_MODES = {
    "NetworkMode": ("none",),  # no network at all ("default", the bridge, reaches out)
    "PidMode": ("",),
    "IpcMode": ("", "private", "none", "shareable"),
    "UTSMode": ("",),
    "UsernsMode": ("",),
    "CgroupnsMode": ("", "private"),
    "Cgroup": ("",),
}
# Fields whose every non-empty value is refused, with the reason a reader is given.
FORBIDDEN_FIELDS = {
    "Privileged": "--privileged est interdit",
    "Devices": "l’accès aux périphériques de la machine (--device) est interdit",
    "DeviceRequests": "l’accès aux périphériques de la machine (--gpus) est interdit",
    "DeviceCgroupRules": "les règles de périphériques (--device-cgroup-rule) sont interdites",
    "CgroupParent": "--cgroup-parent est interdit",
    "Sysctls": "--sysctl est interdit",
    "PortBindings": "publier un port (-p) est interdit",
    "PublishAllPorts": "publier les ports (-P) est interdit",
    "Links": "--link est interdit",
    "VolumeDriver": "--volume-driver est interdit",
    "OomKillDisable": "--oom-kill-disable est interdit",
}
SAFE_SECURITY_OPTS = ("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true")


def check_host_config(lab: Lab, host: dict) -> None:
    """No privilege beyond the lab’s lab.toml, no host namespace, device, host folder, port or
    network; at most the lab’s own limits (the proxy fills in those the request leaves out)."""
    for key, message in FORBIDDEN_FIELDS.items():
        _require(not host.get(key), "no-host-access", message)
    for key, allowed in NAMESPACE_MODES.items():
        value = host.get(key) or ""
        if value.startswith("container:"):
            _own(lab, "container", value.removeprefix("container:"), "le conteneur")
        else:
            if key == "NetworkMode":
                _require(value in allowed, "network-none", f"réseau « {value or 'default'} » interdit : ajoutez --network none")
            _require(value in allowed, "no-host-namespace", f"{key} « {value} » interdit (espaces de noms de la machine)")
    _require(not host.get("Runtime") or host.get("Runtime") == "runc", "no-host-access",
             f"le runtime « {host.get('Runtime')} » est interdit")
    extra = {_cap(c) for c in host.get("CapAdd") or []} - lab.caps()
    _require(not extra, "capabilities-declared-only",
             f"capacité {', '.join(sorted(extra))} non déclarée dans le lab.toml du lab (cap_add)")
    opts = {s.replace("=", ":", 1) for s in host.get("SecurityOpt") or [] if s not in SAFE_SECURITY_OPTS}
    declared = {s.replace("=", ":", 1) for s in lab.security_opts()}
    _require(opts <= declared, "security-options-declared-only",
             f"option de sécurité {', '.join(sorted(opts - declared))} non déclarée dans le lab.toml du lab")
    unmasked = host.get("MaskedPaths") is not None or host.get("ReadonlyPaths") is not None
    _require(not unmasked or "systempaths:unconfined" in declared, "security-options-declared-only",
             "systempaths=unconfined non déclaré dans le lab.toml du lab")
    for other in host.get("VolumesFrom") or []:
        _own(lab, "container", other.partition(":")[0], "le conteneur")
    for bind in host.get("Binds") or []:
        _check_mount_source(lab, "bind" if bind.startswith("/") else "volume", bind.split(":", 1)[0])
    for mount in host.get("Mounts") or []:
        kind = mount.get("Type") or "volume"
        _require(kind in ("bind", "volume", "tmpfs"), "no-host-access", f"montage de type « {kind} » interdit")
        if kind == "volume":
            driver = (mount.get("VolumeOptions") or {}).get("DriverConfig") or {}
            _require(not driver.get("Options") and (driver.get("Name") or "local") == "local",
                     "volume-no-driver-options", "options de pilote de volume interdites")
        if kind != "tmpfs":
            _check_mount_source(lab, kind, mount.get("Source") or "")
    _limit(host, "Memory", lab.memory, "mémoire")
    _limit(host, "MemorySwap", lab.memory, "mémoire et swap")
    _limit(host, "PidsLimit", lab.pids, "nombre de processus")
    _limit(host, "NanoCpus", lab.nano_cpus, "CPU")
    host["CgroupnsMode"] = recipe.CGROUPNS  # a cgroup v1 release_agent is never in reach
    # No single file past the lab's own bound, whatever ulimit the request asks for.
    host["Ulimits"] = [u for u in host.get("Ulimits") or [] if u.get("Name") != "fsize"] + [
        {"Name": "fsize", "Soft": recipe.MAX_FILE_BYTES, "Hard": recipe.MAX_FILE_BYTES}]
    # A chatty container cannot fill the engine's disk with its log.
    host["LogConfig"] = {"Type": "json-file", "Config": {"max-size": recipe.LOG_MAX_SIZE, "max-file": "1"}}


def _limit(host: dict, key: str, ceiling: int, what: str) -> None:
    """At most the lab’s own limit; none asked (0, or -1: unlimited) is the lab’s own."""
    value = host.get(key) or 0
    _require(value <= ceiling, "limits-of-the-lab", f"limite de {what} au-delà de celle du lab ({value} > {ceiling})")
    if value <= 0:
        host[key] = ceiling


def _check_mount_source(lab: Lab, kind: str, source: str) -> None:
    if kind == "volume":
        if source:  # anonymous otherwise
            _require(lab.owns("volume", source, absent_ok=True), "own-objects-only",
                     f"le volume « {source} » n’a pas été créé par ce lab")
        return
    path = os.path.normpath(source)
    if path == lab.own_socket or path in lab.engine_sockets:
        return  # the lab's own socket (a request for the engine's gets the lab's)
    trusted = lab.trust.bind_sources if lab.trust else ()
    _require(any(path == t or path.startswith(t + "/") for t in trusted), "no-host-folders",
             f"monter un dossier de la machine ({source}) est interdit : volumes nommés, tmpfs et la socket du lab seulement")


class Params(dict):
    """A query string: the last value of each key, and every value of one."""

    def __init__(self, query: str):
        self.pairs = parse_qsl(query, keep_blank_values=True)
        super().__init__(self.pairs)

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key and v]


# (method, path pattern, rule); the first match decides, no match is refused.
ID = r"([^/]+)"
ENDPOINTS = [
    ("GET HEAD", r"/_ping|/version|/info", allow),
    ("GET", r"/containers/json|/volumes|/images/json", allow),
    ("POST", r"/containers/create", container_create),
    ("GET HEAD", rf"/containers/{ID}/(?:json|top|logs|changes|export|stats|archive)", own_container),
    ("POST", rf"/containers/{ID}/(?:start|stop|restart|kill|pause|unpause|wait|resize|attach|rename)", own_container),
    ("GET", rf"/containers/{ID}/attach/ws", own_container),
    ("PUT", rf"/containers/{ID}/archive", own_container),
    ("DELETE", rf"/containers/{ID}", own_container),
    ("POST", rf"/containers/{ID}/exec", exec_create),
    ("POST", rf"/exec/{ID}/(?:start|resize)", own_exec),
    ("GET", rf"/exec/{ID}/json", own_exec),
    ("POST", r"/volumes/create", volume_create),
    ("GET DELETE", rf"/volumes/{ID}", own_volume),
    ("GET", r"/images/(.+?)/(?:json|history|get)|/images/get", image_read),
    ("POST", r"/images/(.+?)/tag", image_tag),
    ("DELETE", r"/images/(.+)", image_remove),
    ("POST", r"/build", build),
    ("POST", r"/session|/grpc", buildkit),
    ("POST", r"/commit", commit),
]
_COMPILED = [(set(m.split()), re.compile(p), rule) for m, p, rule in ENDPOINTS]
# Requests whose body the policy reads (JSON): they are buffered by the proxy.
BODY_PATHS = re.compile(r"/containers/create|/volumes/create|/containers/[^/]+/exec")


def judge(lab: Lab, method: str, path: str, query: str, body: dict | None) -> None:
    """Raise ``Refusal`` unless the request is allowed; may complete ``body`` (limits)."""
    for methods, pattern, rule in _COMPILED:
        match = pattern.fullmatch(path)
        if method in methods and match:
            rule(lab, method, [g for g in match.groups() if g is not None], Params(query), body)
            return
    raise Refusal("endpoint-allowlist", f"{method} {path} ne fait pas partie de ce qu’un lab peut demander au moteur")


def filtered_listing(lab: Lab, path: str, query: str) -> str:
    """The query of a container or volume listing, restricted to this lab’s objects."""
    if path not in ("/containers/json", "/volumes"):
        return query
    params = Params(query)
    filters = json.loads(params.get("filters") or "{}")
    labels = filters.get("label") or []
    labels = list(labels) if isinstance(labels, list) else [k for k, v in labels.items() if v]
    filters["label"] = labels + [f"{lab.run_label}={lab.run_id}"]
    pairs = [(k, v) for k, v in params.pairs if k != "filters"] + [("filters", json.dumps(filters))]
    return "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
