"""Inter-process locks (pytest-xdist workers, parallel sessions, several checkouts).

They guard the one Docker engine, so they live in the system's temporary folder, not in
a checkout's build folder: two clones (or the runner's own meta-tests) share them.
"""

import contextlib
import fcntl
import tempfile
from pathlib import Path

LOCK_DIR = Path(tempfile.gettempdir()) / "docker-en-pratique-locks"


@contextlib.contextmanager
def file_lock(name: str, shared: bool = False):
    """Hold ``<tmp>/docker-en-pratique-locks/<name>.lock``; released on exit, even on Ctrl-C.

    Shared holders run side by side; an exclusive holder waits until none is left, and
    keeps new ones waiting until it is done.
    """
    path = LOCK_DIR / f"{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
