"""record.json: what an expected output was recorded from (engine, system, date, inputs' hashes)."""

import hashlib
import json
import re
from pathlib import Path

from .discovery import Lab

# lab.toml's `title` names the lab in the book: not an input of its output, so giving a lab a
# name, or a better one, does not make its recorded output stale. One line (options.py checks it).
TITLE_LINE = re.compile(rb"^title[ \t]*=[^\n]*\n?", re.MULTILINE)


def _sha256(path: Path, ignored: re.Pattern | None = None) -> str | None:
    if not path.is_file():
        return None
    data = path.read_bytes()
    return hashlib.sha256(ignored.sub(b"", data) if ignored else data).hexdigest()


def fingerprint(lab: Lab) -> dict:
    """The inputs an output depends on, so a later change to them is caught."""
    return {"snippet_sha256": _sha256(lab.snippet), "lab_toml_sha256": _sha256(lab.toml_file, TITLE_LINE)}


def read(lab: Lab) -> dict:
    return json.loads(lab.record_file.read_text(encoding="utf-8")) if lab.record_file.is_file() else {}


def is_stale(lab: Lab) -> bool:
    recorded = read(lab)
    return any(recorded.get(key) != value for key, value in fingerprint(lab).items())


def write(lab: Lab, record: dict) -> None:
    lab.record_file.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
