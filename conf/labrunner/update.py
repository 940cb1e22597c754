"""``--update-outputs``: write expected outputs and their provenance from a real run.

The stored text is the normalized output, so placeholders survive; a file that still
matches (``...`` lines included) is left untouched, and record.json changes only when
something other than its date would change.
"""

import datetime
from pathlib import Path

from . import check, compare, engine, records
from .paths import display


def record(outcome: "check.Outcome") -> dict:
    lab = outcome.lab
    return {
        **engine.facts(),
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "image": outcome.image,
        **records.fingerprint(lab),
    }


def _write_if_changed(path: Path, text: str, changed: list[str]) -> None:
    if path.is_file() and compare.matches(path.read_text(encoding="utf-8"), text):
        return
    path.write_text(text, encoding="utf-8")
    changed.append(display(path))


def write(outcome: "check.Outcome") -> list[str]:
    """Write output.txt (stderr.txt) and record.json; return the files that changed."""
    lab, changed = outcome.lab, []
    for path, attribute in check.expected_files(lab, outcome.options):
        _write_if_changed(path, getattr(outcome, attribute), changed)
    if outcome.options.stderr == "merge" and lab.stderr_file.is_file():
        lab.stderr_file.unlink()
        changed.append(f"{display(lab.stderr_file)} (removed: stderr is merged)")
    new = record(outcome)
    old = records.read(lab)
    if changed or {k: v for k, v in old.items() if k != "date"} != {k: v for k, v in new.items() if k != "date"}:
        records.write(lab, new)
        changed.append(display(lab.record_file))
    return changed
