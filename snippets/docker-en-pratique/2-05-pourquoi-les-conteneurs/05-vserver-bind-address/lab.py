"""Une idée de Linux-VServer qui a survécu : lier un service à sa
propre adresse (chbind).

Toutes les adresses 127.x.y.z mènent à l’interface de boucle locale :
un service lié à 127.0.0.2 ne répond que là. La même machine, une
autre adresse, et personne ne répond.
"""
import socket
import threading

# Comme `chbind --ip 127.0.0.2`, mais choisi par le programme lui-même.
server = socket.create_server(("127.0.0.2", 8000))


def answer_once():
    connection, _ = server.accept()
    with connection:
        connection.sendall("bonjour du serveur 127.0.0.2\n".encode())


threading.Thread(target=answer_once, daemon=True).start()
for address in ("127.0.0.2", "127.0.0.1"):
    try:
        with socket.create_connection((address, 8000), timeout=2) as c:
            answer = c.makefile(encoding="utf-8").readline().strip()
            print(f"{address}:8000 -> {answer}")
    except ConnectionRefusedError as refusal:
        print(f"{address}:8000 -> refusé ({refusal.strerror})")
