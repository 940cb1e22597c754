"""A pids limit: the kernel refuses a new process once the group holds its maximum."""
import os
import signal

children = []
while True:
    try:
        pid = os.fork()
    except BlockingIOError as refusal:  # EAGAIN: the group is full
        print(f"{len(children)} processus créés, le suivant est refusé : {refusal.strerror}")
        break
    if pid == 0:
        signal.pause()  # each friend sits and waits; nobody leaves early
        os._exit(0)
    children.append(pid)
    if len(children) > 1000:  # safety net should no limit be set
        print("aucune limite rencontrée après 1000 processus")
        break

for pid in children:
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
