"""An HTTP/1.1 proxy from a unix socket of ours to the engine (a unix socket, or a TCP port such
as a VM's forwarded API), that may rewrite requests.

A byte pipe cannot add a label to a request: each request of a keep-alive connection is
read whole (head, then its body by Content-Length or chunks), handed to a ``Handler``, and
forwarded with a corrected length; the response is streamed back as it comes (logs, events
and build progress keep flowing). Once the engine switches protocols (101: attach, exec,
BuildKit's /grpc and /session), or answers with an unframed raw stream, bytes are spliced in
both directions, half-closes included (``docker run -i`` ends stdin that way).

Threads of the calling process, one per connection: ``stop()`` closes the listener and
every open connection.
"""

import json
import os
import socket
import threading

CHUNK = 65536
MAX_HEAD = 256 * 1024
NO_BODY_STATUSES = (204, 304)


def connect(address: str, timeout: float | None = None) -> socket.socket:
    """A connected socket to an engine address: ``unix:///path`` (or a bare path), or
    ``tcp://host:port`` / ``http://host:port`` (the engine need not be on this machine)."""
    for scheme in ("tcp://", "http://"):
        if address.startswith(scheme):
            host, _, port = address.removeprefix(scheme).rstrip("/").rpartition(":")
            return socket.create_connection((host, int(port)), timeout=timeout)
    sock = socket.socket(socket.AF_UNIX)
    sock.settimeout(timeout)
    try:
        sock.connect(address.removeprefix("unix://"))
    except OSError:
        sock.close()
        raise
    return sock


class ProtocolError(Exception):
    """The peer sent something that is not HTTP/1.1: the connection is dropped."""


class Refuse(Exception):
    """Raised by a handler's ``rewrite``: the request is answered with ``status`` and the JSON
    ``{"message": message}`` (how the engine words its own errors), never forwarded."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Handler:
    """What the proxy asks about each request; this default one changes nothing."""

    def buffers(self, method: str, target: str) -> bool:
        """Whether the request body (and its response body) are read whole and passed to the hooks."""
        return False

    def rewrite(self, method: str, target: str, body: bytes | None) -> tuple[str, bytes | None]:
        return target, body

    def response_headers(self, method: str, target: str, headers: list) -> list:
        """The headers of the response sent back to the client."""
        return headers

    def responded(self, method: str, target: str, status: int, body: bytes) -> bytes | None:
        """Called with the whole response of a buffered request, before it is sent on; may return
        another body to send instead."""

    def watcher(self, method: str, target: str):
        """None, or a function given each piece the client sends once the connection is spliced."""
        return None


class Reader:
    """Buffered reads from one socket."""

    def __init__(self, sock: socket.socket):
        self.sock, self.buffer = sock, bytearray()

    def _fill(self) -> bool:
        data = self.sock.recv(CHUNK)
        self.buffer += data
        return bool(data)

    def head(self) -> bytes | None:
        """A message head up to its blank line; None when the peer closed between messages."""
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            if len(self.buffer) > MAX_HEAD:
                raise ProtocolError("head too long")
            if not self._fill():
                if self.buffer:
                    raise ProtocolError("closed mid-head")
                return None
        head = bytes(self.buffer[:end + 4])
        del self.buffer[:end + 4]
        return head

    def line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            if not self._fill():
                raise ProtocolError("closed mid-line")
        line = bytes(self.buffer[:end + 2])
        del self.buffer[:end + 2]
        return line

    def pieces(self, count: int):
        """Yield exactly ``count`` bytes, as they arrive."""
        while count > 0:
            if not self.buffer and not self._fill():
                raise ProtocolError("closed mid-body")
            piece = bytes(self.buffer[:count])
            del self.buffer[:len(piece)]
            count -= len(piece)
            yield piece

    def until_closed(self):
        while self.buffer or self._fill():
            piece = bytes(self.buffer)
            self.buffer.clear()
            yield piece

    def drain(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


class Head:
    def __init__(self, raw: bytes):
        lines = raw.decode("latin-1").split("\r\n")
        self.start = lines[0].split(" ", 2)
        if len(self.start) < 2:
            raise ProtocolError(f"bad start line {lines[0]!r}")
        self.headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if line]

    def get(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    def has_token(self, name: str, token: str) -> bool:
        return any(token in value.lower() for key, value in self.headers if key.lower() == name.lower())

    def without(self, *names: str) -> list:
        lowered = {n.lower() for n in names}
        return [(k, v) for k, v in self.headers if k.lower() not in lowered]

    @staticmethod
    def encode(start: str, headers: list) -> bytes:
        return (start + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n").encode("latin-1")

    def chunked(self) -> bool:
        return self.has_token("transfer-encoding", "chunked")

    def length(self) -> int | None:
        value = self.get("content-length")
        return int(value) if value is not None else None


def _body_pieces(reader: Reader, head: Head, raw_chunks: bool):
    """The body of a framed message: raw (chunk lines kept, to forward as is) or decoded."""
    if head.chunked():
        while True:
            line = reader.line()
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if raw_chunks:
                yield line
            if size == 0:
                while (trailer := reader.line()) != b"\r\n":
                    if raw_chunks:
                        yield trailer
                if raw_chunks:
                    yield b"\r\n"
                return
            yield from reader.pieces(size)
            end = b"".join(reader.pieces(2))
            if raw_chunks:
                yield end
    elif (length := head.length()) is not None:
        yield from reader.pieces(length)


class SocketProxy:
    def __init__(self, path: str, upstream: str, handler: Handler | None = None):
        self.path, self.upstream, self.handler = path, upstream, handler or Handler()
        self.listener: socket.socket | None = None
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self) -> "SocketProxy":
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(self.path)
        # The lab's user in its container may not be root; the folder (0700) keeps others out.
        os.chmod(self.path, 0o666)
        self.listener.listen(64)
        threading.Thread(target=self._accept, name=f"proxy {self.path}", daemon=True).start()
        return self

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener:
            # shutdown() wakes the thread blocked in accept(); close() alone does not, on Linux.
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        with self.lock:
            sockets, self.open = list(self.open), set()
        for s in sockets:
            _close(s)
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def _accept(self):
        listener = self.listener  # stop() clears the attribute: keep our own reference
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket):
        with self.lock:
            self.open.add(client)
        upstream = None
        try:
            upstream = connect(self.upstream)
            with self.lock:
                self.open.add(upstream)
            client_in, upstream_in = Reader(client), Reader(upstream)
            while self._exchange(client, client_in, upstream, upstream_in):
                pass
        except (OSError, ProtocolError, ValueError):
            pass  # a peer went away or spoke garbage: this connection ends, the others go on
        finally:
            for s in (client, upstream):
                if s is not None:
                    _close(s)
            with self.lock:
                self.open.difference_update((client, upstream))

    def _exchange(self, client, client_in: Reader, upstream, upstream_in: Reader) -> bool:
        """One request and its response; False when the connection is over."""
        raw = client_in.head()
        if raw is None:
            return False
        request = Head(raw)
        method, target, version = (request.start + ["HTTP/1.0"])[:3]
        buffered = self.handler.buffers(method, target)
        headers = request.without("expect")
        if request.has_token("expect", "100-continue"):
            client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")  # we read the body at once: no need to wait
        try:
            body = b"".join(_body_pieces(client_in, request, raw_chunks=False)) if buffered else None
            target, body = self.handler.rewrite(method, target, body)
        except Refuse as refusal:
            # The body of an unbuffered request is still unread: the connection ends with the answer.
            answer = json.dumps({"message": refusal.message}, ensure_ascii=False).encode()
            client.sendall(Head.encode(f"HTTP/1.1 {refusal.status} Refused", [
                ("Content-Type", "application/json"), ("Content-Length", str(len(answer))), ("Connection", "close")]) + answer)
            return False
        if buffered:
            headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "transfer-encoding")]
            headers.append(("Content-Length", str(len(body))))
            upstream.sendall(Head.encode(f"{method} {target} {version}", headers) + body)
        else:
            upstream.sendall(Head.encode(f"{method} {target} {version}", headers))
            for piece in _body_pieces(client_in, request, raw_chunks=True):
                upstream.sendall(piece)
        while True:  # informational answers (100) precede the real one
            response = Head(upstream_in.head() or b"")
            status = int(response.start[1])
            if not 100 <= status < 200 or status == 101:
                break
            client.sendall(Head.encode(" ".join(response.start), response.headers))
        start = " ".join(response.start)
        response.headers = self.handler.response_headers(method, target, response.headers)
        if status == 101 or (method != "HEAD" and status not in NO_BODY_STATUSES
                             and not response.chunked() and response.length() is None):
            # Switched protocols, or a raw stream until close (attach without upgrade): splice.
            client.sendall(Head.encode(start, response.headers) + upstream_in.drain())
            _splice(client, client_in.drain(), upstream, self.handler.watcher(method, target))
            return False
        if buffered and method != "HEAD" and status not in NO_BODY_STATUSES:
            body = b"".join(_body_pieces(upstream_in, response, raw_chunks=False))
            body = self.handler.responded(method, target, status, body) or body
            headers = response.without("content-length", "transfer-encoding") + [("Content-Length", str(len(body)))]
            client.sendall(Head.encode(start, headers) + body)
        else:
            client.sendall(Head.encode(start, response.headers))
            if method != "HEAD" and status not in NO_BODY_STATUSES:
                for piece in _body_pieces(upstream_in, response, raw_chunks=True):
                    client.sendall(piece)
        closing = request.has_token("connection", "close") or response.has_token("connection", "close")
        return not closing and version != "HTTP/1.0" and response.start[0] != "HTTP/1.0"


def _splice(client: socket.socket, pending: bytes, upstream: socket.socket, watch=None) -> None:
    """Both directions until the engine's side ends; an end of the client's is passed on as a
    half-close (stdin closed, output still coming). The caller then closes both sockets."""
    if pending:
        try:
            if watch:
                watch(pending)
        except Refuse:
            return
        upstream.sendall(pending)
    threading.Thread(target=_pipe, args=(client, upstream, watch), daemon=True).start()
    _pipe(upstream, client)


def _pipe(source: socket.socket, target: socket.socket, watch=None) -> None:
    """Copy until the source ends; ``watch`` sees each piece before it is sent on and may refuse it,
    which ends the connection both ways."""
    try:
        while data := source.recv(CHUNK):
            if watch:
                watch(data)
            target.sendall(data)
    except Refuse:
        for s in (source, target):
            _close(s)
        return
    except OSError:
        pass
    try:
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()
