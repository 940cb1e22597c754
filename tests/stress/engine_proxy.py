"""A stand-in engine socket for the meta-tests: forwards to the real engine until stopped.

Stopping it is, for a client, the engine going away mid-suite, without touching the shared
engine that other sessions use. Nothing leaves the machine: unix socket to unix socket.
"""

import os
import socket
import threading


class EngineProxy:
    def __init__(self, path: str, engine_path: str = "/var/run/docker.sock"):
        self.path, self.engine_path = path, engine_path
        self.connections: list[socket.socket] = []
        self.listener = None

    def start(self) -> "EngineProxy":
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(self.path)
        self.listener.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    @property
    def docker_host(self) -> str:
        return f"unix://{self.path}"

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.engine_path)
            self.connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self):
        """The engine is gone: no new connection, and every open one is cut."""
        self.listener.close()
        os.unlink(self.path)
        for s in self.connections:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.connections.clear()
