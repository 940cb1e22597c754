"""What of a lab folder the lab itself sees at /lab: a copy, never the repository.

The lab gets every file of its folder except what it is checked against (its expected
outputs and their provenance), as a tar archive the runner unpacks into a volume of the
engine: the engine need not share the runner's file system (a VM, a remote DOCKER_HOST),
and no lab, whatever it does with the engine, can reach the files the suite compares it to.
"""

import io
import tarfile

from .discovery import Lab, LabError

# Checked against, not given: a lab that could read or write them could pass by copying them.
EXPECTED_NAMES = {"output.txt", "stderr.txt", "record.json"}


def archive(lab: Lab) -> bytes:
    """A tar of the lab folder (read-only files, fixed owners and dates: the same bytes for the
    same folder) under ``lab/``; a symbolic link in it is refused (it could lead out of the folder)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_entry("lab", tarfile.DIRTYPE, 0o555))
        for path in sorted(lab.folder.rglob("*")):
            relative = path.relative_to(lab.folder)
            if path.is_symlink():
                raise LabError(f"{lab.folder}/{relative}: a symbolic link; a lab folder holds plain files only")
            if relative.parts[0] in EXPECTED_NAMES or "__pycache__" in relative.parts:
                continue
            if path.is_dir():
                tar.addfile(_entry(f"lab/{relative.as_posix()}", tarfile.DIRTYPE, 0o555))
            else:
                data = path.read_bytes()
                entry = _entry(f"lab/{relative.as_posix()}", tarfile.REGTYPE, 0o555 if path.stat().st_mode & 0o100 else 0o444)
                entry.size = len(data)
                tar.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


def _entry(name: str, kind: bytes, mode: int) -> tarfile.TarInfo:
    entry = tarfile.TarInfo(name)
    entry.type, entry.mode, entry.uid, entry.gid, entry.mtime = kind, mode, 0, 0, 0
    return entry
