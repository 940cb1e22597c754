"""Inter-process locks under the build folder (pytest-xdist workers, parallel sessions)."""

import contextlib
import fcntl
from pathlib import Path

from .paths import build_dir


@contextlib.contextmanager
def file_lock(name: str):
    """Hold ``_build/locks/<name>.lock`` exclusively; released on exit, even on Ctrl-C."""
    path = build_dir() / "locks" / f"{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
