"""record.json: what an expected output was recorded from (engine, system, date, inputs' hashes)."""

import hashlib
import json
from pathlib import Path

from .discovery import Lab


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def fingerprint(lab: Lab) -> dict:
    """The inputs an output depends on, so a later change to them is caught."""
    return {"snippet_sha256": _sha256(lab.snippet), "lab_toml_sha256": _sha256(lab.toml_file)}


def read(lab: Lab) -> dict:
    return json.loads(lab.record_file.read_text(encoding="utf-8")) if lab.record_file.is_file() else {}


def is_stale(lab: Lab) -> bool:
    recorded = read(lab)
    return any(recorded.get(key) != value for key, value in fingerprint(lab).items())


def write(lab: Lab, record: dict) -> None:
    lab.record_file.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
