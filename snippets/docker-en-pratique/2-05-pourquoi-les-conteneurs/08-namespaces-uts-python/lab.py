"""Un espace de noms UTS depuis Python : l’enfant renomme sa machine,
le nom du parent ne change pas.

os.unshare() n’existe qu’à partir de Python 3.12 ; ctypes appelle la
même fonction de la libc sous Python 3.11.
"""
import ctypes
import os
import socket

CLONE_NEWUTS = 0x04000000  # valeur de <sched.h>
libc = ctypes.CDLL(None, use_errno=True)


def uts(pid):
    return os.readlink(f"/proc/{pid}/ns/uts")


before = socket.gethostname()
child = os.fork()
if child == 0:
    if libc.unshare(CLONE_NEWUTS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUTS)")
    socket.sethostname("filiale-fr")
    print("dans l’enfant, le nom de machine est :",
          socket.gethostname())
    same = uts("self") == uts(os.getppid())
    print("son espace de noms UTS :",
          "le même" if same else "différent", "de celui du parent")
    print(flush=True, end="")  # os._exit() ne vide pas les tampons
    os._exit(0)
os.waitpid(child, 0)
print("dans le parent, le nom n’a pas changé :",
      "oui" if socket.gethostname() == before else "non")
