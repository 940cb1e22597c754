"""A UTS namespace from Python: the child renames its machine, the parent's name is untouched.

os.unshare() only exists from Python 3.12; ctypes calls the same libc function on 3.11.
"""
import ctypes
import os
import socket

CLONE_NEWUTS = 0x04000000  # from <sched.h>
libc = ctypes.CDLL(None, use_errno=True)

before = socket.gethostname()
child = os.fork()
if child == 0:
    if libc.unshare(CLONE_NEWUTS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUTS)")
    socket.sethostname("filiale-fr")
    print("dans l’enfant, le nom de machine est :", socket.gethostname())
    print("son namespace UTS :", "différent" if os.readlink("/proc/self/ns/uts")
          != os.readlink(f"/proc/{os.getppid()}/ns/uts") else "le même", "de celui du parent")
    print(flush=True, end="")  # os._exit() skips the flush of buffered output
    os._exit(0)
os.waitpid(child, 0)
print("dans le parent, le nom n’a pas changé :", "oui" if socket.gethostname() == before else "non")
