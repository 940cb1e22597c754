"""Une limite de processus : le noyau refuse un nouveau processus dès
que le groupe en compte le maximum."""
import os
import signal

children = []
while True:
    try:
        pid = os.fork()
    except BlockingIOError as refusal:  # EAGAIN : le groupe est plein
        print(f"{len(children)} processus créés")
        print(f"le suivant est refusé : {refusal.strerror}")
        break
    if pid == 0:
        signal.pause()  # chaque invité s’assoit et attend
        os._exit(0)
    children.append(pid)
    if len(children) > 1000:  # garde-fou, si aucune limite n’existe
        print("aucune limite rencontrée après 1000 processus")
        break

for pid in children:
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
