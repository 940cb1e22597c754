"""A Linux-VServer idea that survived: bind a service to its own address (chbind).

Every 127.x.y.z address reaches the loopback interface, so a service bound to 127.0.0.2
answers there only: the same machine, another address, and nothing answers.
"""
import socket
import threading

server = socket.create_server(("127.0.0.2", 8000))  # like `chbind --ip 127.0.0.2`


def answer_once():
    connection, _ = server.accept()
    with connection:
        connection.sendall("bonjour du serveur virtuel 127.0.0.2\n".encode())


threading.Thread(target=answer_once, daemon=True).start()
for address in ("127.0.0.2", "127.0.0.1"):
    try:
        with socket.create_connection((address, 8000), timeout=2) as client:
            print(f"{address}:8000 -> {client.makefile(encoding='utf-8').readline().strip()}")
    except ConnectionRefusedError as refusal:
        print(f"{address}:8000 -> refusé ({refusal.strerror})")
