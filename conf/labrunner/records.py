"""record.json: what an expected output was verified on (for each platform kind: engine,
containerd, runc, system, kernel, cgroup version, date) and the inputs' hashes."""

import hashlib
import json
import re
from pathlib import Path

from . import paths
from .discovery import Lab

# lab.toml's `title` names the lab in the book: not an input of its output, so giving a lab a
# name, or a better one, does not make its recorded output stale. One line (options.py checks it).
TITLE_LINE = re.compile(rb"^title[ \t]*=[^\n]*\n?", re.MULTILINE)


def _sha256(path: Path, ignored: re.Pattern | None = None) -> str | None:
    if not path.is_file():
        return None
    data = paths.inside(path).read_bytes()
    return hashlib.sha256(ignored.sub(b"", data) if ignored else data).hexdigest()


def fingerprint(lab: Lab) -> dict:
    """The inputs an output depends on, so a later change to them is caught."""
    return {"snippet_sha256": _sha256(lab.snippet), "lab_toml_sha256": _sha256(lab.toml_file, TITLE_LINE)}


def read(lab: Lab) -> dict:
    return json.loads(paths.read_text(lab.record_file)) if lab.record_file.is_file() else {}


def is_stale(lab: Lab) -> bool:
    recorded = read(lab)
    return any(recorded.get(key) != value for key, value in fingerprint(lab).items())


def write(lab: Lab, record: dict) -> None:
    paths.write_text(lab.record_file, json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def kind(variant: str) -> str:
    """The key of a platform kind in ``verified_on``: its variant, or ``cgroup-v2`` for the common output."""
    return variant or "cgroup-v2"


def verified(record: dict) -> dict[str, dict]:
    """Platform kind -> what the output was verified with (engine, containerd, runc, kernel, date)."""
    return record.get("verified_on") or {}


def without_dates(record: dict) -> dict:
    """What must change for record.json to be rewritten: not a date alone."""
    return {**{k: v for k, v in record.items() if k not in ("date", "verified_on")},
            "verified_on": {name: {k: v for k, v in facts.items() if k != "date"}
                            for name, facts in verified(record).items()}}
