"""Judge the BuildKit requests of an engine lab, which travel as gRPC in HTTP/2 inside ``/grpc``.

The docker CLI builds with BuildKit (buildx); its ``Solve`` request carries what the policy must
see: the entitlements asked (``network.host``, ``security.insecure``), the network of the
Dockerfile's ``RUN`` steps (``force-network-mode``, set by ``--network none``) and the names the
image is exported under. HTTP/2 frames are cut out of the client's bytes (9-byte heads), the
DATA of each stream is cut into gRPC messages (5-byte prefixes), and each complete message is
judged *before* the bytes that complete it are forwarded: a refused one never reaches the
engine whole, and the connection ends. Messages are protobuf, read as bytes: the field names
and values searched for are plain strings in them.
"""

import re

from . import engine_policy
from .engine_policy import Refusal

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, PADDED = 0, 0x8
MAX_MESSAGE = 16 << 20  # a Solve request is kilobytes; a bigger message is not one we can judge
# Map entry {"name": <image names>} of SolveRequest.ExporterAttrs, on the wire.
EXPORTED_NAME = re.compile(rb"\x0a\x04name\x12([\x01-\x7f])")
IMAGE_NAMES = re.compile(rb"[a-z0-9][a-zA-Z0-9._/:@,-]*")
ENTITLEMENTS = (b"network.host", b"security.insecure")
# The Frontend field of a SolveRequest (gateway: field 2, control: field 6) naming the Dockerfile
# frontend; not the same words inside an image's history ("buildkit.dockerfile.v0").
DOCKERFILE_FRONTEND = re.compile(rb"[\x12\x32]\x0ddockerfile\.v0")
NO_NETWORK = b"force-network-mode\x12\x04none"


def exported_names(message: bytes) -> list[str]:
    values = [message[m.end():m.end() + m.group(1)[0]] for m in EXPORTED_NAME.finditer(message)]
    return [n.decode() for v in values if IMAGE_NAMES.fullmatch(v) for n in v.split(b",") if n]


def judge(message: bytes) -> list[str]:
    """Raise ``Refusal`` for a forbidden request; else the image names it exports (maybe none)."""
    for entitlement in ENTITLEMENTS:
        if entitlement in message:
            raise Refusal("build-no-entitlements",
                          f"docker build ne peut pas demander « {entitlement.decode()} » (--allow)")
    if DOCKERFILE_FRONTEND.search(message) and NO_NETWORK not in message:
        raise Refusal("build-network-none", "docker build sans réseau seulement : ajoutez --network none")
    names = exported_names(message)
    for name in names:
        if name.lower().startswith(engine_policy.RESERVED_IMAGE_PREFIX):
            raise Refusal("book-images-read-only", f"les images « {engine_policy.RESERVED_IMAGE_PREFIX}… » "
                                                   "sont celles du livre : un lab ne les remplace pas")
    return names


class GrpcRequests:
    """Fed the client's bytes of one ``/grpc`` connection, in order, before they are forwarded."""

    def __init__(self, on_names):
        self.buffer, self.streams, self.on_names = bytearray(), {}, on_names
        self.preface_checked = False

    def feed(self, data: bytes) -> None:
        self.buffer += data
        if not self.preface_checked:
            if len(self.buffer) < len(PREFACE):
                return
            if self.buffer.startswith(PREFACE):
                del self.buffer[:len(PREFACE)]
            self.preface_checked = True
        while len(self.buffer) >= 9:
            length = int.from_bytes(self.buffer[:3], "big")
            if length > MAX_MESSAGE:
                raise Refusal("build-request-too-large", "requête de construction trop grande pour être vérifiée")
            if len(self.buffer) < 9 + length:
                return
            kind, flags = self.buffer[3], self.buffer[4]
            stream = int.from_bytes(self.buffer[5:9], "big") & 0x7FFFFFFF
            payload = bytes(self.buffer[9:9 + length])
            del self.buffer[:9 + length]
            if kind == DATA:
                if flags & PADDED and payload:
                    payload = payload[1:len(payload) - payload[0]]
                self._data(stream, payload)

    def _data(self, stream: int, payload: bytes) -> None:
        pending = self.streams.setdefault(stream, bytearray())
        pending += payload
        while len(pending) >= 5:
            size = int.from_bytes(pending[1:5], "big")
            if size > MAX_MESSAGE:
                raise Refusal("build-request-too-large", "requête de construction trop grande pour être vérifiée")
            if len(pending) < 5 + size:
                return
            message = bytes(pending[5:5 + size])
            del pending[:5 + size]
            names = judge(message)
            if names:
                self.on_names(names)
