"""Runs inside the VM, in a container on the guest's network (``slots.start_relay``), as
``python3 -c <this file> ADDRESS FIRST_PORT COUNT``: each connection to ``slot-N.sock`` in the
working folder is piped to ADDRESS:FIRST_PORT+N, which QEMU forwards to the runner's proxy.
Standard library only: the image is the labs' debian-base."""

import os
import socket
import sys
import threading


def pipe(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)  # a half-close travels on (docker run -i ends stdin so)
    except OSError:
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client, address):
    try:
        upstream = socket.create_connection(address)
    except OSError:
        client.close()
        return
    forward = threading.Thread(target=pipe, args=(client, upstream), daemon=True)
    forward.start()
    pipe(upstream, client)
    forward.join()
    client.close()
    upstream.close()


def listener(path):
    if os.path.exists(path):
        os.unlink(path)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path)
    os.chmod(path, 0o666)  # a lab's user may not be root
    sock.listen(64)
    return sock


def accept(listener, address):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client, address), daemon=True).start()


def main(host, first_port, count):
    listeners = [listener(f"slot-{n}.sock") for n in range(int(count))]
    for n, sock in enumerate(listeners):
        threading.Thread(target=accept, args=(sock, (host, int(first_port) + n)), daemon=True).start()
    print("ready", flush=True)  # every slot's socket exists
    threading.Event().wait()


main(*sys.argv[1:])
